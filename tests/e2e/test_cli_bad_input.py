"""Every mistake gets one clear line on stderr, a non-zero exit, and leaves the data as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import Cli, child_env

TEN_THOUSAND = "x" * 10_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with promises, marks, a note and today's automatic backup already taken."""
    root = tmp_path_factory.mktemp("template")
    (root / "work").mkdir()
    db = root / "data" / "tracker.json"
    cli = Cli(db, root / "work", {**child_env(root / "home"), "TRACKER_DB": str(db)}, True)
    cli.add("Walk together", "daily")
    cli.add("Walk the dog", "daily")
    cli.add("Phone away at dinner", "daily")
    cli.add("Ask about her day", "mon,wed,fri")
    cli.ok("check", "phone")
    cli.ok("check", "ask", "--date", "2026-11-23")
    cli.ok("note", "add", "We argued about the trip", "--trigger", "poor-communication")
    cli.ok("log", "45m", "talk")
    return root


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Cli:
    """A fresh copy of the template for one test, with the command pointed at it."""
    root = tmp_path / "copy"
    shutil.copytree(template, root)
    db = root / "data" / "tracker.json"
    # main(argv) in this process, as the child would run it (cli_support.as_a_process).
    return Cli(db, root / "work", {**child_env(root / "home"), "TRACKER_DB": str(db)}, True)


def _refused(data: Cli, *args: str | bytes) -> str:
    """Run a mistaken command: one line on stderr, non-zero exit, every file unchanged."""
    before = data.files()
    line = data.fails(*args)
    assert data.files() == before, f"{args} changed the data"
    assert "Traceback" not in line
    return line


AMBIGUOUS = "'walk' matches more than one promise: 1: Walk together; 2: Walk the dog."


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Unknown and ambiguous names, with the candidates listed.
        (["check", "nosuch"], "No promise matches 'nosuch'. `tracker list` shows them all."),
        (["check", "walk"], AMBIGUOUS),
        (["excuse", "walk", "--reason", "rain"], AMBIGUOUS),
        (["miss", "walk"], AMBIGUOUS),
        (["uncheck", "walk"], AMBIGUOUS),
        (["edit", "walk", "--title", "Long walk"], AMBIGUOUS),
        (["archive", "walk"], AMBIGUOUS),
        (["archive", "nosuch"], "No promise matches 'nosuch'."),
        (["restore", "nosuch"], "No archived promise matches 'nosuch'."),
        (["check", "  "], "Give the promise's name"),
        (["check", "99"], "No promise matches '99'."),
        # Titles.
        (["add", ""], "The title cannot be empty."),
        (["add", "  \t  "], "The title cannot be empty."),
        (["add", TEN_THOUSAND], "The title is too long (10000 characters; at most 200)."),
        (["add", "y" * 201], "The title is too long (201 characters; at most 200)."),
        (["edit", "phone", "--title", "   "], "The title cannot be empty."),
        (["add", "bell\x07"], "The title contains a control character ('\\x07')"),
        (["add", "\x1b[31mred"], "The title contains a control character ('\\x1b')"),
        (["add", "two\nlines"], "The title contains a control character ('\\n')"),
        (["add", "del\x7f"], "The title contains a control character ('\\x7f')"),
        (["add", "Walk THE   dog"], "You already have a promise called 'Walk the dog'."),
        (["edit", "phone", "--title", "walk together"], "already have a promise called"),
        (["add", "Fine title", "--why", "a\x01b"], "contains a control character"),
        (["excuse", "phone", "--reason", "jet\x1blag"], "The reason contains a control"),
        (["check", "phone", "--note", "x\x08"], "The note contains a control character"),
        (["log", "1h", "talk", "--note", "\x1b]0;title\x07"], "The note contains a control"),
        # Impossible and future dates.
        (["check", "phone", "--date", "2026-02-30"], "'2026-02-30' is not a real date"),
        (["check", "phone", "--date", "2026-13-01"], "there is no month 13"),
        (["check", "phone", "--date", "31/12/2025"], "'31/12/2025' is not a date."),
        (["check", "phone", "--date", "2026-11-26"], "2026-11-26 is in the future"),
        (["check", "phone", "--date", "tomorrow"], "2026-11-26 is in the future"),
        (["excuse", "phone", "--date", "2028-01-01"], "2028-01-01 is more than a year ahead"),
        (["excuse", "phone", "--date", "2026-12-01", "--until", "2026-11-30"], "ends before"),
        (["miss", "phone", "--date", "2099-01-01"], "2099-01-01 is in the future"),
        (["today", "--date", "2026-02-30"], "February 2026 has 28 days"),
        (["streaks", "--date", "2026-02-29"], "February 2026 has 28 days"),
        (["log", "30m", "talk", "--date", "2026-11-30"], "2026-11-30 is in the future"),
        (["log", "30m", "talk", "--date", "2025-02-29"], "February 2025 has 28 days"),
        (["note", "add", "later", "--date", "2026-12-24"], "2026-12-24 is in the future"),
        (["add", "Fine title", "--start", "2026-02-30"], "February 2026 has 28 days"),
        (["add", "Fine title", "--start", "2026-11-10", "--end", "2026-11-01"], "before the start"),
        (["config", "set", "journey_start", "2027-01-01"], "cannot be in the future"),
        (["check", "ask", "--date", "2026-11-24"], "is not due on Tuesday 2026-11-24"),
        (
            ["check", "phone", "--date", "2026-10-01"],
            "starts on 2026-11-01, after 2026-10-01. To record earlier days, move its start "
            "first: tracker edit 3 --start 2026-10-01",
        ),
        (
            ["add", "Far", "-s", "3/week", "--start", "9999-12-27"],
            "'9999-12-27' is too far ahead; give a year up to 2100.",
        ),
        (["edit", "phone", "--end", "2101-01-01"], "give a year up to 2100"),
        # Schedules, with the accepted forms.
        (["add", "Fine title", "--schedule", "fortnightly"], "Accepted schedules: daily;"),
        (["add", "Fine title", "--schedule", ""], "is not a schedule. Accepted schedules"),
        (["add", "Fine title", "--schedule", "mon,funday"], "Accepted schedules"),
        (["add", "Fine title", "--schedule", "8/week"], "N/week takes N from 1 to 7"),
        (["add", "Fine title", "--schedule", "0/week"], "N/week takes N from 1 to 7"),
        (["add", "Fine title", "--schedule", "every 0 days"], "takes N from 1 to 365"),
        (["edit", "phone", "--schedule", "sometimes"], "Accepted schedules"),
        # Durations.
        (["log", "-5m", "talk"], "'-5m' is not a duration: it cannot be negative."),
        (["log", "-1h30", "conversation", "--note", "x"], "'-1h30' is not a duration"),
        (["log", "99999h", "talk"], "A duration is between 1 minute and 24 hours."),
        (["log", "25h", "talk"], "A duration is between 1 minute and 24 hours."),
        (["log", "0m", "talk"], "A duration is between 1 minute and 24 hours."),
        (["log", "abc", "talk"], "'abc' is not a duration. Write it like 45m, 1h30"),
        (["log", "", "talk"], "is not a duration"),
        (["config", "set", "weekly_quality_target", "abc"], "'abc' is not a duration"),
        (["config", "set", "weekly_quality_target", "-5m"], "'-5m' is not a duration"),
        # Other values.
        (["log", "1h", "sleeping"], "'sleeping' is not a kind of quality time. Kinds:"),
        (["log", "1h", "talk", "--connection", "9"], "'9' is not a rating"),
        (["log", "1h", "talk", "--connection", "-1"], "'-1' is not a rating"),
        (["note", "add", ""], "What happened cannot be empty."),
        (["note", "add", "x", "--trigger", "boredom"], "'boredom' is not a trigger. Triggers:"),
        (["note", "add", "x", "--status", "fine"], "'fine' is not a status."),
        (["note", "status", "1", "forgotten"], "'forgotten' is not a status."),
        (["note", "status", "42", "let-go"], "There is no note number 42."),
        (["note", "show", "abc"], "There is no note number abc."),
        (["note", "delete", "1"], "add --yes"),
        (["config", "set", "colour", "blue"], "There is no setting 'colour'. Settings:"),
        (["config", "get", "colour"], "There is no setting 'colour'."),
        (["config", "set", "day_starts_at", "13:00"], "between 00:00 and 11:59"),
        (["config", "set", "day_starts_at", "25:00"], "'25:00' is not a time of day"),
        (["config", "set", "notifications.quality_nudge_days", "0"], "from 1 to 60"),
        (["config", "set", "notifications.show_titles", "maybe"], "true or false"),
        (["config", "set", "theme"], "Give a value"),
        (["config", "get"], "Name a setting"),
        (["add", "Fine title", "--remind", "25:99"], "is not a time of day"),
        (["edit", "phone"], "Say what to change"),
        (["restore", "/nonexistent/backup.json"], "There is no backup file at"),
        (["demo", "--out", "new.json", "--years", "0"], "--years takes a whole number from 1"),
        (["demo", "--out", "new.json", "--promises", "many"], "--promises takes a whole number"),
        # Mistakes in the command itself.
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["check"], "the following arguments are required: name"),
        (["log", "1h"], "the following arguments are required: kind"),
        (["today", "--bogus"], "unrecognized arguments: --bogus"),
        (["note"], "the following arguments are required: ACTION"),
        (["--db"], "argument --db: expected one argument"),
    ],
    ids=lambda value: (
        " ".join(value)[:60].encode("ascii", "backslashreplace").decode()
        if isinstance(value, list)
        else None
    ),
)
def test_a_mistake_is_refused_with_one_clear_line(data: Cli, args: list[str], expected: str):
    assert expected in _refused(data, *args)


def test_a_mistake_exits_with_a_usage_or_error_code(data: Cli):
    """2 for a command line that does not parse; 1 for a wrong value, a negative one too."""
    assert data.run("frobnicate").returncode == 2
    assert data.run("log", "-5m", "talk").returncode == 1
    assert data.run("log", "30m", "talk", "--connection", "-3").returncode == 1
    assert data.run("check", "nosuch").returncode == 1


def test_a_nul_byte_in_a_path_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    """A NUL cannot come from a shell, but main() can be handed one: one line, exit 1."""
    from tracker.cli import main

    monkeypatch.chdir(tmp_path)
    for argv in (["demo", "--out", "\x00"], ["--db", "a\x00b", "today"], ["--db", "\x00"]):
        assert main(argv) == 1, argv
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1, (argv, err)
        assert err.startswith("tracker: ") and "NUL character" in err, err
    assert list(tmp_path.iterdir()) == []


def test_demo_never_overwrites_the_data_file(data: Cli):
    assert "the demo never overwrites a file" in _refused(data, "demo", "--out", str(data.db))


def test_restoring_something_that_is_not_a_backup_changes_nothing(data: Cli):
    fake = data.cwd / "not-a-backup.json"
    fake.write_text('{"promises": {"1": {"title": "x"}}}', encoding="utf-8")
    line = _refused(data, "restore", str(fake))
    assert str(fake) in line and "not a tracker backup file" in line


def test_a_damaged_data_file_is_named_with_the_backup_to_restore(data: Cli):
    data.db.write_bytes(data.db.read_bytes()[:-40])
    line = _refused(data, "today")
    assert str(data.db) in line
    assert "is not valid JSON" in line
    assert "tracker --db" in line and "restore" in line


# -- text from the shell that is not valid UTF-8 -------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([b"add", b"caf\xe9"], "The title is not valid UTF-8 text"),
        ([b"add", b"Fine title", b"--why", b"\xff"], "'Why it matters' is not valid UTF-8 text"),
        ([b"check", b"\xff\xfe"], "No promise matches"),
        ([b"log", b"1h", b"talk", b"--note", b"\xc3\x28"], "The note is not valid UTF-8 text"),
        ([b"note", b"add", b"bad \xe9 day"], "What happened is not valid UTF-8 text"),
        ([b"check", b"phone", b"--date", b"2026-11-2\xe9"], "is not a date"),
        ([b"config", b"set", b"theme", b"\xe9t\xe9"], "The theme is not valid UTF-8 text"),
    ],
    ids=["title", "why", "name", "log-note", "note", "date", "theme"],
)
def test_invalid_utf8_from_the_shell_is_refused_clearly(
    data: Cli, args: list[bytes], expected: str
):
    assert expected in _refused(data, *args)


# -- emoji and right-to-left text are welcome ------------------------------------------------

WELCOME_TITLES = [
    "Phone away at dinner 📵",
    "Hug hello 👩\u200d❤\ufe0f\u200d👨",
    "ثق بي كل يوم",  # Arabic, right to left
    "הקשבה בלי לתקן",  # Hebrew
    "Mixed עברית and English 🙂",
    "Cafe\u0301 date",  # a combining accent stays as written, not normalised
    "[bold]not markup[/] $HOME `date` %s {}",
    'She said "thank you" \\ twice',
]


def test_emoji_and_right_to_left_titles_round_trip_exactly(data: Cli):
    for title in WELCOME_TITLES:
        data.ok("add", title)
    listed = [p["title"] for p in data.json("list", "--json")]
    assert listed[-len(WELCOME_TITLES) :] == WELCOME_TITLES
    assert "Kept: ثق بي كل يوم" in data.ok("check", "ثق بي")
    assert "Kept: Hug hello 👩\u200d❤\ufe0f\u200d👨" in data.ok("check", "hug")
    today = {row["title"]: row["status"] for row in data.json("today", "--json")}
    assert today["ثق بي كل يوم"] == "kept"


def test_notes_and_quality_time_keep_every_character(data: Cli):
    what = 'قال إنه في العمل 💔\nthen "[red]" and\ttabs'
    feeling = "אני מרגישה לא נשמעת when plans change 🙁"
    data.ok("note", "add", what, "--feeling", feeling)
    shown = data.json("note", "show", "2", "--json")
    assert (shown["what_happened"], shown["feeling"]) == (what, feeling)


def test_a_bug_is_one_line_unless_tracker_debug_asks_for_the_traceback(
    tmp_path, monkeypatch, capsys
):
    from tracker.cli import EXIT_BUG, main
    from tracker.cli.commands import marks

    def broken(ctx, args) -> int:
        raise RuntimeError("a bug in today")

    monkeypatch.setattr(marks, "cmd_today", broken)
    argv = ["--db", str(tmp_path / "tracker.json"), "today"]
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    assert main(argv) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "RuntimeError: a bug in today" in err and "TRACKER_DEBUG=1" in err
    monkeypatch.setenv("TRACKER_DEBUG", "1")
    assert main(argv) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("a bug in today")' in err
    assert err.splitlines()[-1].startswith("tracker: something unexpected went wrong")
