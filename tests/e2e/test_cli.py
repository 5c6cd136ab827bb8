"""The `tracker` command as a user runs it, on a data file in a temporary folder: main(argv)
with the child's environment and streams (the `cli` fixture), real processes where the
process is the point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import NOW, Cli, snapshot

from tracker.store import Store

LAST_WEEK = "2026-11-15T09:00:00"


def _add_the_issue_promises(cli: Cli) -> None:
    """The four promises of the README, added ten days ago (the walk from 1 November)."""
    cli.ok("add", "Phone away at dinner", "--schedule", "daily", now=LAST_WEEK)
    cli.ok(
        "add",
        "Ask about her day, listen without fixing",
        "--schedule",
        "mon,wed,fri",
        now=LAST_WEEK,
    )
    cli.ok("add", "Plan a date night", "--schedule", "1/week", now=LAST_WEEK)
    cli.ok(
        "add",
        "Morning walk together",
        "--schedule",
        "every 2 days",
        "--start",
        "2026-11-01",
        now=LAST_WEEK,
    )


def _today(cli: Cli, *args: str) -> dict[str, dict]:
    return {row["title"]: row for row in cli.json("today", "--json", *args)}


def _streaks(cli: Cli, *args: str) -> dict[str, dict]:
    return {row["title"]: row for row in cli.json("streaks", "--json", *args)}


# -- the walk-through of the issue and the README ---------------------------------------


def test_the_commands_of_the_readme_work_as_shown(cli: Cli):
    _add_the_issue_promises(cli)

    assert cli.ok("check", "phone") == ("Kept: Phone away at dinner (today). Streak: 1 day.\n")
    assert "Fri 2026-11-20" in cli.ok("check", "phone", "--date", "2026-11-20")
    assert cli.ok("uncheck", "phone") == (
        "Removed the 'kept' mark of 'Phone away at dinner' on 2026-11-25.\n"
    )
    assert "Excused: Morning walk together (Sat 2026-11-21)" in cli.ok(
        "excuse", "walk", "--date", "2026-11-21", "--reason", "travelling"
    )

    summary = cli.ok("today")
    assert summary.splitlines()[0] == "Today: 0 of 4 kept"
    assert "open     Phone away at dinner" in summary
    today = _today(cli)
    assert {title: row["status"] for title, row in today.items()} == {
        "Phone away at dinner": "open",
        "Ask about her day, listen without fixing": "open",
        "Plan a date night": "open",
        "Morning walk together": "open",
    }

    table = cli.ok("streaks")
    assert table.splitlines()[0].split() == [
        "promise",
        "now",
        "best",
        "7d",
        "30d",
        "90d",
        "strength",
    ]
    streaks = _streaks(cli)
    assert streaks["Phone away at dinner"]["best_streak"] == 1
    assert streaks["Plan a date night"]["streak_unit"] == "weeks"

    assert "Morning walk together  ·  every other day, since 2026-11-01" in cli.ok("list")
    cli.ok("edit", "phone", "--title", "Phone in the other room at dinner")
    cli.ok("archive", "phone in")
    assert "Phone" not in cli.ok("list")
    cli.ok("restore", "phone in")
    assert "Phone in the other room at dinner" in cli.ok("list")

    written = cli.ok("demo", "--out", "demo.json", "--years", "5", "--promises", "20")
    assert written.startswith("Wrote a 5-year demo history to ")
    assert (cli.cwd / "demo.json").is_file()


def test_check_says_the_day_and_the_streak_it_grows(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    for day in ("2026-11-22", "2026-11-23", "2026-11-24"):
        cli.ok("check", "phone", "--date", day)
    assert cli.ok("check", "phone") == "Kept: Phone away at dinner (today). Streak: 4 days.\n"
    assert cli.ok("uncheck", "phone", "--date", "2026-11-23") == (
        "Removed the 'kept' mark of 'Phone away at dinner' on 2026-11-23.\n"
    )
    assert _streaks(cli)["Phone away at dinner"]["current_streak"] == 2
    assert "had no mark on 2026-11-23; nothing changed" in cli.ok(
        "uncheck", "phone", "--date", "2026-11-23"
    )


def test_a_day_before_the_start_can_be_recorded_after_moving_the_start(cli: Cli):
    cli.ok("add", "Phone away at dinner")
    advice = cli.fails("check", "phone", "--date", "yesterday")
    command = advice.split("move its start first: ")[1]
    assert command == "tracker edit 1 --start 2026-11-24"
    cli.ok(*command.split()[1:])
    assert "Streak: 1 day" in cli.ok("check", "phone", "--date", "yesterday")


def test_miss_records_a_slip_honestly(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    cli.ok("check", "phone", "--date", "2026-11-23")
    assert "Marked as missed" in cli.ok("miss", "phone", "--date", "2026-11-24")
    assert _today(cli, "--date", "2026-11-24")["Phone away at dinner"]["status"] == "missed"


# -- where the data lives ---------------------------------------------------------------


@pytest.mark.real_process
def test_python_m_tracker_behaves_like_the_tracker_command(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    cli.ok("check", "phone", "--date", "2026-11-24")
    for args in (["today", "--json"], ["streaks", "--json"], ["list", "--all"], ["--version"]):
        assert cli.ok(*args, module=True) == cli.ok(*args, module=False)
    assert cli.run("check", "nothing-like-it", module=False).error_line == cli.fails(
        "check", "nothing-like-it"
    )


def test_the_data_file_comes_from_db_then_tracker_db(cli: Cli):
    other = cli.cwd.parent / "elsewhere" / "other.json"
    cli.ok("--db", str(other), "add", "Only in the other file")
    cli.ok("add", "Only in the TRACKER_DB file", "--db", str(cli.db), now=NOW)
    assert [p["title"] for p in cli.json("--db", str(other), "list", "--json")] == [
        "Only in the other file"
    ]
    # --db works after the command too, and beats TRACKER_DB.
    assert [p["title"] for p in cli.json("list", "--json", "--db", str(other))] == [
        "Only in the other file"
    ]
    assert [p["title"] for p in cli.json("list", "--json")] == ["Only in the TRACKER_DB file"]


def test_a_relative_db_path_is_read_from_the_working_folder(cli: Cli):
    cli.ok("--db", "mine.json", "add", "Say thank you")
    assert (cli.cwd / "mine.json").is_file()
    assert not cli.db.exists()


def test_the_same_commands_work_from_any_folder(cli: Cli, tmp_path: Path):
    cli.add("Phone away at dinner", "daily")
    for folder in (tmp_path / "a", tmp_path / "b" / "deeper", Path("/")):
        folder.mkdir(parents=True, exist_ok=True)
        elsewhere = Cli(cli.db, folder, cli.env)
        assert elsewhere.ok("check", "phone").startswith("Kept: Phone away at dinner")


def test_version_and_help(cli: Cli):
    assert cli.ok("--version").strip() == "tracker 0.1.0"
    top = cli.ok("--help")
    assert top.startswith("usage: tracker")
    assert "--db PATH" in top


def _subcommands() -> list[list[str]]:
    """Every subcommand and note action the parser knows, extensions included."""
    from tracker.cli.parser import build_full_parser

    parser = build_full_parser()
    found: list[list[str]] = []
    for name, sub in _choices(parser).items():
        found.append([name])
        found.extend([name, action] for action in _choices(sub))
    return found


def _choices(parser) -> dict:
    """A parser's subcommands by name (argparse keeps them on its subparsers action)."""
    if parser._subparsers is None:
        return {}
    return {
        name: sub
        for action in parser._subparsers._group_actions
        for name, sub in action.choices.items()
    }


def test_every_subcommand_has_help(cli: Cli):
    commands = _subcommands()
    assert ["check"] in commands and ["note", "status"] in commands
    for words in commands:
        shown = cli.ok(*words, "--help")
        assert shown.startswith(f"usage: tracker {' '.join(words)}"), words
        assert "--db PATH" in shown, words


def test_the_command_line_never_imports_textual(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    for args in (["check", "phone"], ["today"], ["streaks"], ["list"], ["log", "30m", "talk"]):
        probe = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "tracker", *args],
            cwd=cli.cwd,
            env={**cli.env, "TRACKER_NOW": NOW},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert probe.returncode == 0, probe.stderr
        imported = [line.split("|")[-1].strip() for line in probe.stderr.splitlines()]
        assert "tracker.cli" in imported
        assert not [name for name in imported if name.split(".")[0] == "textual"], args


# -- the JSON interface ------------------------------------------------------------------


def _a_week_of_history(cli: Cli) -> None:
    """Daily kept 18-24 Nov; mon,wed,fri with a slip; 2/week; an every-3-days walk excused."""
    cli.add("Phone away at dinner", "daily", "--start", "2026-11-18")
    cli.add("Ask about her day", "mon,wed,fri", "--start", "2026-11-16")
    cli.add("Plan a date night", "2/week", "--start", "2026-11-16")
    cli.add("Walk together", "every 3 days", "--start", "2026-11-19")
    for day in range(18, 25):
        cli.ok("check", "phone", "--date", f"2026-11-{day}")
    cli.ok("check", "ask", "--date", "2026-11-16")
    cli.ok("miss", "ask", "--date", "2026-11-18")
    cli.ok("check", "ask", "--date", "2026-11-20")
    cli.ok("check", "date night", "--date", "2026-11-17")
    cli.ok("check", "date night", "--date", "2026-11-19")
    cli.ok("check", "date night", "--date", "2026-11-24")
    cli.ok("check", "walk", "--date", "2026-11-19")
    cli.ok("excuse", "walk", "--date", "2026-11-22", "--reason", "rain all day")


def test_today_json_has_the_documented_fields_and_types(cli: Cli):
    _a_week_of_history(cli)
    rows = cli.json("today", "--json")
    assert [row["title"] for row in rows] == [
        "Phone away at dinner",
        "Ask about her day",
        "Plan a date night",
        "Walk together",
    ]
    for row in rows:
        assert type(row["id"]) is int
        assert type(row["title"]) is str
        assert type(row["schedule"]) is str
        assert type(row["due"]) is bool
        assert row["status"] in {"kept", "missed", "excused", "open"}
    by_title = {row["title"]: row for row in rows}
    # Wednesday 25: the daily one and mon,wed,fri are due and open; the walk (19, 22, 25) too.
    assert by_title["Phone away at dinner"] | {"id": 0} == by_title["Phone away at dinner"] | {
        "id": 0,
        "schedule": "daily",
        "due": True,
        "status": "open",
    }
    assert by_title["Ask about her day"]["schedule"] == "mon,wed,fri"
    assert by_title["Plan a date night"]["schedule"] == "2/week"
    assert by_title["Walk together"]["schedule"] == "every 3 days"
    assert by_title["Walk together"]["due"] is True


def test_today_as_of_another_day(cli: Cli):
    _a_week_of_history(cli)
    on_the_18th = _today(cli, "--date", "2026-11-18")
    assert (
        on_the_18th["Phone away at dinner"]["due"],
        on_the_18th["Phone away at dinner"]["status"],
    ) == (True, "kept")
    assert (
        on_the_18th["Ask about her day"]["due"],
        on_the_18th["Ask about her day"]["status"],
    ) == (True, "missed")
    assert "Walk together" not in on_the_18th  # it starts on the 19th
    on_the_22nd = _today(cli, "--date", "2026-11-22")
    assert on_the_22nd["Walk together"]["status"] == "excused"
    assert on_the_22nd["Ask about her day"]["due"] is False
    assert _today(cli, "--date", "2026-11-21")["Walk together"]["due"] is False
    assert "Tuesday 2026-11-24" in cli.ok("today", "--date", "2026-11-24")


def test_streaks_json_has_the_documented_fields_and_types(cli: Cli):
    _a_week_of_history(cli)
    rows = cli.json("streaks", "--json")
    assert len(rows) == 4
    for row in rows:
        assert type(row["id"]) is int
        assert type(row["title"]) is str
        assert type(row["current_streak"]) is int and row["current_streak"] >= 0
        assert type(row["best_streak"]) is int and row["best_streak"] >= row["current_streak"]
        assert row["streak_unit"] in {"days", "weeks"}
        for window in ("consistency_7", "consistency_30", "consistency_90"):
            value = row[window]
            assert value is None or (type(value) is float and 0.0 <= value <= 1.0), (window, row)
        assert type(row["strength"]) in {int, float} and 0 <= row["strength"] <= 100
    by_title = {row["title"]: row for row in rows}
    phone = by_title["Phone away at dinner"]
    assert (phone["current_streak"], phone["best_streak"], phone["streak_unit"]) == (7, 7, "days")
    assert phone["consistency_7"] == 1.0
    assert 0 < phone["strength"] < 100
    ask = by_title["Ask about her day"]
    # 16 kept, 18 missed, 20 kept, 23 not marked (missed), 25 open.
    assert (ask["current_streak"], ask["best_streak"]) == (0, 1)
    assert ask["consistency_7"] == 0.5  # 20 kept, 23 missed; today (25) still open
    date_night = by_title["Plan a date night"]
    assert (date_night["current_streak"], date_night["streak_unit"]) == (1, "weeks")
    walk = by_title["Walk together"]
    assert (walk["current_streak"], walk["best_streak"]) == (1, 1)


def test_streaks_as_of_another_day(cli: Cli):
    _a_week_of_history(cli)
    phone = _streaks(cli, "--date", "2026-11-21")["Phone away at dinner"]
    assert (phone["current_streak"], phone["best_streak"]) == (4, 4)
    # Before a promise starts it is not listed at all.
    assert "Phone away at dinner" not in _streaks(cli, "--date", "2026-11-17")


def test_archiving_a_promise_keeps_its_history(cli: Cli):
    _a_week_of_history(cli)
    before = _streaks(cli)["Phone away at dinner"]
    assert "Archived 'Phone away at dinner'" in cli.ok("archive", "phone")
    assert "Phone away at dinner" not in _streaks(cli)
    assert "Phone away at dinner" not in _today(cli)
    listed = {p["title"]: p for p in cli.json("list", "--all", "--json")}
    assert listed["Phone away at dinner"]["archived"] is True
    assert _streaks(cli, "--all")["Phone away at dinner"]["best_streak"] == 7
    # An archived promise's title is free again; bringing it back then asks for a choice.
    cli.ok("add", "Phone away at dinner")
    assert "already have a promise called 'Phone away at dinner'" in cli.fails("restore", "phone")
    cli.ok("archive", "5")
    assert "matches more than one promise" in cli.fails("restore", "phone")
    assert "Restored 'Phone away at dinner' with its whole history." in cli.ok("restore", "1")
    assert _streaks(cli)["Phone away at dinner"] == before


def test_renaming_and_rescheduling_keep_the_marks(cli: Cli):
    _a_week_of_history(cli)
    before = _streaks(cli)["Phone away at dinner"]
    cli.ok("edit", "phone", "--title", "Phone in the other room 📵", "--schedule", "daily")
    after = _streaks(cli)["Phone in the other room 📵"]
    assert {k: v for k, v in after.items() if k != "title"} == {
        k: v for k, v in before.items() if k != "title"
    }


def test_widening_a_schedule_keeps_the_past_as_it_was(cli: Cli):
    """mon,wed,fri -> daily: the Tuesdays and Thursdays before the change are not misses."""
    _a_week_of_history(cli)
    before = _streaks(cli, "--date", "2026-11-24")["Ask about her day"]
    cli.ok("edit", "ask", "--schedule", "daily")
    after = _streaks(cli, "--date", "2026-11-24")["Ask about her day"]
    assert (after.pop("schedule"), before.pop("schedule")) == ("daily", "mon,wed,fri")
    assert after == before
    assert after["best_streak"] == 1 and after["consistency_7"] == 0.3333


# -- backups -----------------------------------------------------------------------------


def test_backup_list_and_restore_bring_everything_back(cli: Cli):
    _a_week_of_history(cli)
    taken = cli.ok("backup").strip()
    assert taken.startswith("Backed up to ")
    backup = Path(taken.removeprefix("Backed up to "))
    assert backup.is_file() and backup.parent == cli.db.parent / "backups"
    listing = cli.ok("backup", "--list")
    assert str(backup) in listing and "manual" in listing

    before_change = (cli.json("list", "--json"), _streaks(cli))
    cli.ok("archive", "phone")
    cli.ok("add", "Something new")
    cli.ok("uncheck", "ask", "--date", "2026-11-20")

    restored = cli.ok("restore", str(backup))
    assert f"Restored everything from {backup}." in restored
    assert (cli.json("list", "--json"), _streaks(cli)) == before_change
    assert "before-restore" in cli.ok("backup", "--list")

    # The safety backup undoes the restore.
    safety = Path(restored.splitlines()[1].split(" kept in ")[1].rstrip("."))
    cli.ok("restore", str(safety))
    assert "Something new" in [p["title"] for p in cli.json("list", "--json")]


def test_backup_list_with_no_backups(cli: Cli):
    assert cli.ok("backup", "--list").strip() == "No backups yet."


# -- settings -----------------------------------------------------------------------------


def test_config_set_and_get(cli: Cli):
    listed = cli.ok("config", "list")
    assert "day_starts_at = 00:00" in listed and "weekly_quality_target = 3h" in listed
    assert cli.ok("config", "set", "day_starts_at", "3:00").strip() == "day_starts_at = 03:00"
    assert cli.ok("config", "get", "day_starts_at").strip() == "03:00"
    cli.ok("config", "set", "weekly_quality_target", "4h30m")
    assert cli.ok("config", "get", "weekly_quality_target").strip() == "4h 30m"
    cli.ok("config", "set", "notifications.show_titles", "yes")
    assert cli.ok("config", "get", "notifications.show_titles").strip() == "true"


def test_a_late_check_off_counts_for_the_evening_before(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    cli.ok("config", "set", "day_starts_at", "03:00")
    assert "(today)" in cli.ok("check", "phone", now="2026-11-26T00:40:00")
    assert _today(cli, "--date", "2026-11-25")["Phone away at dinner"]["status"] == "kept"


# -- quality time and notes ---------------------------------------------------------------


def test_log_quality_time(cli: Cli):
    shown = cli.ok(
        "log", "1h30m", "conversation", "--note", "walked to the lake 🌅", "--connection", "4"
    )
    assert shown.strip() == (
        "Logged 1h 30m of conversation without screens on 2026-11-25. This week: 1h 30m of 3h."
    )
    cli.ok("log", "45m", "date", "--date", "yesterday")
    entries = Store(cli.db).quality_entries()
    assert [
        (e.day.isoformat(), e.minutes, e.kind.value, e.connection, e.note) for e in entries
    ] == [
        ("2026-11-24", 45, "date-night", None, ""),
        ("2026-11-25", 90, "conversation", 4, "walked to the lake 🌅"),
    ]


def test_notes_add_list_show_status_delete(cli: Cli):
    said = cli.ok(
        "note",
        "add",
        "We argued about the trip\nand I left the room",
        "--trigger",
        "poor-communication",
        "--feeling",
        "I feel unheard when plans change without me",
        "--date",
        "2026-11-20",
    )
    assert said.startswith("Saved note 1 (still hurts).")
    cli.ok("note", "add", "Phone at dinner again", "--trigger", "neglect", "--setback")
    listed = cli.json("note", "list", "--json")
    assert [(n["id"], n["trigger"], n["status"], n["setback"]) for n in listed] == [
        (1, "poor-communication", "still-hurts", False),
        (2, "neglect", "still-hurts", True),
    ]
    assert listed[0]["what_happened"] == "We argued about the trip\nand I left the room"
    shown = cli.ok("note", "show", "1")
    assert "We argued about the trip\nand I left the room" in shown
    assert "I feel unheard when plans change without me" in shown

    assert cli.ok("note", "status", "1", "let-go").strip() == (
        "Note 1 is now: let go. It stays here, readable; it is no longer open."
    )
    let_go = cli.json("note", "show", "1", "--json")
    assert (let_go["status"], let_go["let_go_on"]) == ("let-go", "2026-11-25")
    assert [n["id"] for n in cli.json("note", "list", "--json", "--status", "still-hurts")] == [2]
    assert [n["id"] for n in cli.json("note", "list", "--json", "--search", "TRIP")] == [1]

    assert "add --yes" in cli.fails("note", "delete", "2")
    assert cli.ok("note", "delete", "2", "--yes").strip() == "Deleted note 2."
    assert [n["id"] for n in cli.json("note", "list", "--json")] == [1]


# -- the demo ------------------------------------------------------------------------------


def test_demo_writes_a_realistic_history_that_the_commands_read(cli: Cli):
    said = cli.ok("demo", "--out", "demo.json", "--years", "5", "--promises", "20")
    out = cli.cwd / "demo.json"
    assert said.splitlines()[0].startswith(f"Wrote a 5-year demo history to {out}: 20 promises")
    assert said.splitlines()[1] == f"Open it with: tracker --db '{out}'"
    promises = cli.json("--db", str(out), "list", "--all", "--json")
    assert len(promises) == 20
    assert sum(p["archived"] for p in promises) >= 2
    streaks = cli.json("--db", str(out), "streaks", "--json")
    assert max(row["best_streak"] for row in streaks) > 10
    assert len(cli.json("--db", str(out), "note", "list", "--json")) > 250
    assert "the demo never overwrites" in cli.fails("demo", "--out", "demo.json")


def test_writing_a_demo_never_opens_the_users_file(cli: Cli):
    cli.db.parent.mkdir(parents=True)
    cli.db.write_bytes(b"{damaged")
    said = cli.ok("demo", "--out", "demo.json", "--years", "1", "--promises", "3")
    assert "3 promises" in said
    assert snapshot(cli.db.parent) == {"tracker.json": b"{damaged"}


def test_the_demo_flag_never_touches_the_users_file(cli: Cli):
    cli.add("My own promise", "daily")
    mine = snapshot(cli.db.parent)
    rows = cli.json("--demo", "today", "--json")
    assert len(rows) > 5
    assert "My own promise" not in [row["title"] for row in rows]
    assert snapshot(cli.db.parent) == mine


def test_json_output_is_utf8_text_with_user_text_exactly(cli: Cli):
    title = 'Say "thank you" [bold]daily[/] — شكرا 🙏 $HOME'
    cli.ok("add", title)
    raw = cli.ok("list", "--json")
    assert "[bold]daily[/] — شكرا 🙏 $HOME" in raw  # not \\u-escaped: readable as it is
    assert json.loads(raw)[0]["title"] == title


def test_the_doctor_still_reports_on_a_damaged_data_file(cli: Cli):
    _a_week_of_history(cli)
    cli.db.write_text('{"_meta": broken', encoding="utf-8")
    before = cli.files()
    result = cli.run("doctor")
    assert result.returncode == 1 and result.stderr == ""
    data_line = next(line for line in result.stdout.splitlines() if "Data file" in line)
    assert data_line.startswith("problem") and "not valid JSON" in data_line
    assert " restore " in data_line and "backups" in data_line
    other_findings = result.stdout.splitlines()[1:]
    assert any(line.startswith(("ok", "note", "problem")) for line in other_findings)
    assert cli.files() == before


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.json"], ["--db=x.json"], ["--demo"], ["--demo", "--db", "x.json"]],
    ids=repr,
)
def test_opening_the_app_parses_as_the_full_parser_would(argv):
    """The app's start skips the commands' parsers: same result, same refusals."""
    from tracker.cli import parser as tracker_cli

    assert tracker_cli.opens_the_app(argv)
    assert tracker_cli.parse_arguments(argv) == tracker_cli.build_full_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv", [["--db"], ["--db", "--demo"], ["--demo", "--db"], ["--db", "x", "extra"]], ids=repr
)
def test_a_broken_app_command_line_is_refused_like_any_other(argv):
    from tracker.cli import parser as tracker_cli

    with pytest.raises(tracker_cli.UsageError):
        tracker_cli.build_full_parser().parse_args(argv)
    with pytest.raises(tracker_cli.UsageError):
        tracker_cli.parse_arguments(argv)


def test_commands_and_help_still_get_the_full_parser():
    from tracker.cli import parser as tracker_cli

    for argv in (["check", "x"], ["--db", "x", "today"], ["--help"], ["-h"], ["--de"]):
        assert not tracker_cli.opens_the_app(argv)


# -- a past day as it stands now (one rule for both faces) --------------------------------


def _a_met_week_and_a_forgotten_monday(cli: Cli) -> None:
    """Mon 16 Nov: the daily promise has no mark (missed); the 2/week one was met on Thu 19
    and Fri 20, so nothing was asked of Monday."""
    cli.add("Phone away at dinner", "daily", "--start", "2026-11-09")
    cli.add("Plan a date night", "2/week", "--start", "2026-11-09")
    for day in ("2026-11-19", "2026-11-20"):
        cli.ok("check", "date night", "--date", day)


def test_a_past_day_is_shown_as_it_stands_now(cli: Cli):
    """An unmarked past due day is missed, in text and in JSON (it used to say open)."""
    _a_met_week_and_a_forgotten_monday(cli)
    monday = _today(cli, "--date", "2026-11-16")
    assert (monday["Phone away at dinner"]["status"], monday["Phone away at dinner"]["due"]) == (
        "missed",
        True,
    )
    assert monday["Phone away at dinner"]["state"] == "missed"
    yesterday = _today(cli, "--date", "yesterday")
    assert yesterday["Phone away at dinner"]["status"] == "missed"
    text = cli.ok("today", "--date", "2026-11-16")
    assert "missed   Phone away at dinner" in text
    assert "open" not in text


def test_the_summary_of_a_past_day_counts_only_what_was_due(cli: Cli):
    _a_met_week_and_a_forgotten_monday(cli)
    text = cli.ok("today", "--date", "2026-11-16")
    assert text.splitlines()[0] == "Monday 2026-11-16: 0 of 1 kept"
    assert "Plan a date night" not in text  # its week was met: Monday asked nothing
    date_night = _today(cli, "--date", "2026-11-16")["Plan a date night"]
    assert (date_night["due"], date_night["state"]) == (False, "not-due")
    assert cli.ok("today", "--date", "2026-11-19").splitlines()[0] == (
        "Thursday 2026-11-19: 1 of 2 kept"
    )


def test_streaks_as_of_a_day_are_as_they_stood_at_its_end(cli: Cli):
    """`streaks --date D` counts no mark made for a later day."""
    cli.add("Phone away at dinner", "daily", "--start", "2026-11-16")
    for day in range(16, 25):
        cli.ok("check", "phone", "--date", f"2026-11-{day}")
    on_the_20th = _streaks(cli, "--date", "2026-11-20")["Phone away at dinner"]
    assert (on_the_20th["current_streak"], on_the_20th["best_streak"]) == (5, 5)
    assert _streaks(cli)["Phone away at dinner"]["current_streak"] == 9


# -- names, and text from the file ----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["check", "walk"],
        ["excuse", "walk"],
        ["miss", "walk"],
        ["uncheck", "walk"],
        ["edit", "walk", "--why", "x"],
        ["archive", "walk"],
    ],
    ids=" ".join,
)
def test_words_found_in_two_titles_are_refused_with_the_candidates(cli: Cli, command):
    """'walk' is in "Morning walk together" and starts "Walk the dog": neither is picked."""
    cli.add("Morning walk together", "daily")
    cli.add("Walk the dog", "daily")
    before = cli.files()
    line = cli.fails(*command)
    assert line == (
        "'walk' matches more than one promise: 1: Morning walk together; 2: Walk the dog. "
        "Say more of the title."
    )
    assert cli.files() == before


def test_an_exact_title_or_a_number_always_wins(cli: Cli):
    cli.add("Walk", "daily")
    cli.add("Walk the dog", "daily")
    cli.add("Morning walk together", "daily")
    assert cli.ok("check", "walk").startswith("Kept: Walk (today).")
    assert cli.ok("check", "2").startswith("Kept: Walk the dog (today).")
    assert cli.ok("check", "the dog").startswith("Kept: Walk the dog (today).")


def test_terminal_escapes_in_a_hand_edited_file_never_reach_the_terminal(cli: Cli):
    """A title holding ESC[41m, the C1 control \\x9b or an OSC sequence is printed visibly."""
    cli.add("Phone away at dinner", "daily")
    cli.ok("note", "add", "We argued")
    hostile = "red \x1b[41mALERT\x1b[0m csi \x9b31m osc \x1b]0;pwned\x07 del \x7f"
    data = json.loads(cli.db.read_text(encoding="utf-8"))
    data["promises"]["1"]["title"] = hostile
    data["notes"]["1"]["what_happened"] = hostile
    cli.db.write_text(json.dumps(data), encoding="utf-8")
    controls = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n"}
    for command in (["list"], ["today"], ["streaks"], ["note", "list"], ["note", "show", "1"]):
        shown = cli.ok(*command)
        assert not controls & set(shown), (command, shown)
        assert "ALERT" in shown or "ALER" in shown, command
    assert "red ␛[41mALERT␛[0m csi \ufffd31m osc ␛]0;pwned␇ del ␡" in cli.ok("list")
    # In JSON every control character is escaped, and the text comes back exactly.
    for command, read in (
        (["list", "--json"], lambda rows: rows[0]["title"]),
        (["today", "--json"], lambda rows: rows[0]["title"]),
        (["note", "show", "1", "--json"], lambda note: note["what_happened"]),
    ):
        printed = cli.ok(*command)
        assert not controls & set(printed), command
        assert read(json.loads(printed)) == hostile, command
