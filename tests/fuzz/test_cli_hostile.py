"""Every CLI subcommand and argument fed hostile text: refused in one clear line, or kept exactly.

For each argument of each subcommand and each hostile value (empty, 10,000 characters,
control characters, escape sequences, invalid UTF-8 as the shell hands it over, emoji,
right-to-left text, markup, shell metacharacters, quotes...) the command either

* fails with a non-zero exit, exactly one line on stderr with no raw control character
  in it (no traceback), and every data file byte-for-byte as it was, or
* succeeds, and text it was given comes back identical through `--json` (or the store).

The CLI runs in-process (main(argv)) to afford thousands of runs; argv strings are built
the way Python builds sys.argv, so undecodable bytes arrive as lone surrogates. A few real
subprocess runs with raw bytes in argv check that path too.

What is exhaustive and what is sampled, on every run of the suite:

* every argument slot x every value of CORE (one value of each kind of hostile text, and
  each value the assertions name): exhaustive, one test per slot;
* every argument slot x the rest of HOSTILE: hypothesis draws SAMPLED_PER_SLOT of them per
  slot (a different draw each run; a failing one is kept in .hypothesis and tried first);
* any slot x any text (random characters or hostile pieces joined): 200 hypothesis examples.

`HYPOTHESIS_PROFILE=thorough` makes the first exhaustive over all of HOSTILE.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import cli
from tracker.model import Mark, MarkStatus, Note, Promise, QualityKind, QualityTime, Trigger
from tracker.practices.records import Boundary, Goal, Letter
from tracker.schedule import parse_schedule
from tracker.settings_keys import SETTING_KEYS
from tracker.store import Store, kinds
from tracker.store.kinds import RecordKind

NOW = "2026-11-25T20:00:00"
FIXED_NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)

HOSTILE = [
    "",
    " ",
    "x" * 10_000,
    "🫶" * 10_000,
    "\x01",
    "a\x1b[31mred\x1b[0m",
    "\x1b]0;pwned\x07",
    "\x7f",
    "line one\nline two",
    "ends with a newline\n",
    "tab\there",
    "windows\r\nline",
    "\u2028separated",
    os.fsdecode(b"caf\xe9"),  # Latin-1 from the shell: invalid UTF-8
    os.fsdecode(b"\xff\xfe\xfd"),
    os.fsdecode(b"half \xe2\x82"),
    "🫶🏽 family 👨‍👩‍👧 time",
    "שלום עליכם",
    "مرحبا بك",
    "\u202eevil override",
    "a\u200bzero\u200dwidth",
    "e\u0301 combining",
    "\ufeffBOM first",
    "[bold]loud[/]",
    "[/]",
    "[link=https://example.com]click[/link]",
    "$(rm -rf ~)",
    "; ls",
    "`id`",
    "&& echo hi",
    "| cat /etc/passwd",
    "${HOME}",
    "~0",  # a home folder no user has: Path.expanduser raised on it (a file path slot)
    "~nobody-here/file.json",
    "' OR 1=1 --",
    '"double quoted"',
    "'single quoted'",
    "back\\slash",
    "%s%n%x",
    "{0}{}",
    "*",
    "~",
    "../../etc/passwd",
    "--",
    "-5",
    "0",
    "-1",
    "99999999999999999999",
    "7" * 5000,
    "1e309",
    "NaN",
    "None",
    "２０２６-１１-２５",
    "٣",
    "2026-02-29",
    "2024-02-29",
]

# The values the assertions name.
CONTROL = "\x01"
LATIN_1 = os.fsdecode(b"caf\xe9")
FAMILY_EMOJI = "🫶🏽 family 👨‍👩‍👧 time"
HEBREW = "שלום עליכם"
MARKUP = "[bold]loud[/]"
SHELL = "$(rm -rf ~)"

# Every slot meets each of these on every run: one of each kind of hostile text.
CORE = [
    "",  # empty
    "x" * 10_000,  # far too long
    CONTROL,
    "a\x1b[31mred\x1b[0m",  # a terminal escape sequence
    "line one\nline two",
    LATIN_1,  # invalid UTF-8 from the shell
    FAMILY_EMOJI,
    HEBREW,  # right to left
    "\u202eevil override",  # a direction override
    MARKUP,
    SHELL,
    "~0",  # a home folder no user has
    "../../etc/passwd",
    "-5",  # negative, and looks like an option
    "99999999999999999999",
    "２０２６-１１-２５",  # full-width digits
    "2026-02-29",  # a day that does not exist
]
# The rest of HOSTILE: hypothesis draws this many per slot on each run.
SAMPLED_PER_SLOT = 6
EVERY_VALUE_EVERY_SLOT = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

# Where the written text should come back, for the arguments that store text.
Verify = Callable[[Path, str], None]


@dataclass(frozen=True)
class Slot:
    """One argument of one subcommand: argv with "{}" where the hostile value goes."""

    argv: tuple[str, ...]
    verify: Verify | None = None
    multiline: bool = False

    def fill(self, value: str) -> list[str]:
        return [value if part == "{}" else part for part in self.argv]


def _json(db: Path, *argv: str):
    code, out, err = run(db, [*argv, "--json"])
    assert code == 0, err
    return json.loads(out)


def _promise_json(db: Path, promise_id: int) -> dict:
    return next(p for p in _json(db, "list", "--all") if p["id"] == promise_id)


def _newest_promise(db: Path) -> dict:
    return max(_json(db, "list", "--all"), key=lambda p: p["id"])


def _newest_note(db: Path) -> dict:
    newest = max(_json(db, "note", "list"), key=lambda n: n["id"])
    return _json(db, "note", "show", str(newest["id"]))


def _expected(value: str, multiline: bool) -> str:
    text = value.strip()
    return text.replace("\r\n", "\n").replace("\r", "\n") if multiline else text


def _store(db: Path) -> Store:
    return Store.open(db)


def _newest(db: Path, kind: RecordKind[Any]) -> Any:
    return max(_store(db).records(kind), key=lambda record: record.id)


SLOTS: list[Slot] = [
    Slot(("add", "{}"), lambda db, v: _assert_eq(_newest_promise(db)["title"], v)),
    Slot(
        ("add", "Brand new", "--why", "{}"),
        lambda db, v: _assert_eq(_newest_promise(db)["why"], v),
        True,
    ),
    Slot(("add", "Brand new", "--schedule", "{}")),
    Slot(("add", "Brand new", "--start", "{}")),
    Slot(("add", "Brand new", "--end", "{}")),
    Slot(("add", "Brand new", "--remind", "{}")),
    Slot(
        ("edit", "phone", "--title", "{}"),
        lambda db, v: _assert_eq(_promise_json(db, 1)["title"], v),
    ),
    Slot(
        ("edit", "phone", "--why", "{}"),
        lambda db, v: _assert_eq(_promise_json(db, 1)["why"], v),
        True,
    ),
    Slot(("edit", "{}", "--why", "Because")),
    Slot(("edit", "phone", "--schedule", "{}")),
    Slot(("edit", "phone", "--start", "{}")),
    Slot(("edit", "phone", "--end", "{}")),
    Slot(("edit", "phone", "--remind", "{}")),
    Slot(("archive", "{}")),
    Slot(("restore", "{}")),
    Slot(("check", "{}")),
    Slot(("check", "phone", "--date", "{}")),
    Slot(
        ("check", "phone", "--note", "{}"),
        lambda db, v: _assert_eq(_store(db).marks_of(1)[TODAY].note, v),
        True,
    ),
    Slot(("excuse", "{}")),
    Slot(
        ("excuse", "phone", "--reason", "{}"),
        lambda db, v: _assert_eq(_store(db).marks_of(1)[TODAY].reason, v),
    ),
    Slot(("excuse", "phone", "--date", "{}")),
    Slot(("miss", "{}")),
    Slot(("miss", "phone", "--date", "{}")),
    Slot(("uncheck", "{}")),
    Slot(("uncheck", "phone", "--date", "{}")),
    Slot(("today", "--date", "{}")),
    Slot(("streaks", "--date", "{}")),
    Slot(("log", "{}", "talk")),
    Slot(("log", "30m", "{}")),
    Slot(("log", "30m", "talk", "--date", "{}")),
    Slot(("log", "30m", "talk", "--connection", "{}")),
    Slot(
        ("log", "30m", "talk", "--note", "{}"),
        lambda db, v: _assert_eq(_store(db).quality_entries()[-1].note, v),
        True,
    ),
    Slot(
        ("note", "add", "{}"), lambda db, v: _assert_eq(_newest_note(db)["what_happened"], v), True
    ),
    Slot(
        ("note", "add", "It hurt", "--feeling", "{}"),
        lambda db, v: _assert_eq(_newest_note(db)["feeling"], v),
        True,
    ),
    Slot(("note", "add", "It hurt", "--trigger", "{}")),
    Slot(("note", "add", "It hurt", "--status", "{}")),
    Slot(("note", "add", "It hurt", "--date", "{}")),
    Slot(("note", "list", "--status", "{}")),
    Slot(("note", "list", "--trigger", "{}")),
    Slot(("note", "list", "--search", "{}")),
    Slot(("note", "show", "{}")),
    Slot(("note", "status", "{}", "let-go")),
    Slot(("note", "status", "1", "{}")),
    Slot(("note", "delete", "{}", "--yes")),
    Slot(("config", "get", "{}")),
    Slot(("config", "set", "{}", "20:00")),
    *[Slot(("config", "set", key, "{}")) for key in SETTING_KEYS if key != "theme"],
    Slot(("config", "set", "theme", "{}"), lambda db, v: _assert_eq(_config(db, "theme"), v)),
    Slot(("backup", "--list", "{}")),
    Slot(("demo", "--out", "{}", "--years", "1", "--promises", "1")),
    Slot(("demo", "--out", "demo-years.json", "--years", "{}", "--promises", "1")),
    Slot(("demo", "--out", "demo-count.json", "--years", "1", "--promises", "{}")),
    Slot(("demo", "--out", "demo-seed.json", "--years", "1", "--promises", "1", "--seed", "{}")),
    Slot(("--db", "{}", "today")),
    Slot(("export", "--out", "{}")),
    Slot(("export", "--format", "{}", "--out", "x.json")),
    Slot(("export", "--promise", "{}", "--out", "x.json")),
    Slot(("export", "--since", "{}", "--out", "x.json")),
    Slot(("export", "--until", "{}", "--out", "x.json")),
    Slot(("export", "--format", "csv", "--out", "{}")),
    Slot(("import", "{}")),
    Slot(("import", "{}", "--dry-run")),
    Slot(("import", "x.json", "--from", "{}")),
    Slot(("report", "--out", "{}")),
    Slot(("report", "--weeks", "{}", "--out", "r.html")),
    Slot(("report", "--paper", "{}", "--out", "r.html")),
    # The couple's practices (issue 14): every argument of every practice command.
    Slot(("appreciate", "{}"), lambda db, v: _assert_eq(_newest(db, kinds.APPRECIATIONS).text, v)),
    Slot(
        ("appreciate", "Dinner", "--quality", "{}"),
        lambda db, v: _assert_eq(_newest(db, kinds.APPRECIATIONS).quality, v),
    ),
    Slot(("appreciate", "Dinner", "--date", "{}")),
    Slot(("appreciate", "Dinner", "--by", "{}")),
    Slot(("bid", "{}")),
    Slot(("bid", "toward", "--by", "{}")),
    Slot(
        ("bid", "toward", "--note", "{}"), lambda db, v: _assert_eq(_newest(db, kinds.BIDS).note, v)
    ),
    Slot(("bid", "toward", "--date", "{}")),
    Slot(("bids", "--weeks", "{}")),
    Slot(
        ("boundary", "add", "{}"), lambda db, v: _assert_eq(_newest(db, kinds.BOUNDARIES).text, v)
    ),
    Slot(("boundary", "add", "Ask first", "--whose", "{}")),
    Slot(("boundary", "add", "Ask first", "--date", "{}")),
    Slot(
        ("boundary", "edit", "1", "--text", "{}"),
        lambda db, v: _assert_eq(_store(db).records(kinds.BOUNDARIES)[0].text, v),
    ),
    Slot(("boundary", "edit", "{}", "--whose", "mine")),
    Slot(("boundary", "edit", "1", "--whose", "{}")),
    Slot(("boundary", "retire", "{}")),
    Slot(("goal", "add", "{}"), lambda db, v: _assert_eq(_newest(db, kinds.GOALS).text, v)),
    Slot(("goal", "add", "Feel safe", "--by", "{}")),
    Slot(("goal", "add", "Feel safe", "--promise", "{}")),
    Slot(("goal", "edit", "{}", "--by", "2027-01-01")),
    Slot(("letter", "show", "{}")),
    Slot(("letter", "share", "{}")),
    Slot(("checkin", "show", "{}")),
    Slot(("add", "Brand new", "--tag", "{}")),
    Slot(("add", "Brand new", "--trigger", "{}")),
    Slot(("edit", "phone", "--tag", "{}")),
    Slot(("edit", "phone", "--trigger", "{}")),
    Slot(("log", "30m", "talk", "--tag", "{}")),
    Slot(("today", "--tag", "{}")),
    Slot(("streaks", "--tag", "{}")),
    Slot(("snooze", "{}")),
    Slot(("snooze", "walk", "{}")),
]

RUNS = {"count": 0}


def _assert_eq(stored: str, value: str) -> None:
    assert stored == value, (stored[:80], value[:80])


def _config(db: Path, key: str) -> str:
    code, out, err = run(db, ["config", "get", key])
    assert code == 0, err
    return out.removesuffix("\n")


def run(db: Path, argv: list[str]) -> tuple[int, str, str]:
    """main(argv) against `db`, as the shell would run it; (exit status, stdout, stderr)."""
    RUNS["count"] += 1
    capture = _CAPTURE["capsys"]
    capture.readouterr()
    try:
        code = cli.main(["--db", str(db), *argv] if argv[:1] != ["--db"] else argv)
    except SystemExit as exit_:  # argparse's own --help / --version
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capture.readouterr()
    return code, out, err


_CAPTURE: dict[str, pytest.CaptureFixture[str]] = {}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith((".lock", ".checked"))  # not data
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two promises, today's check-off, quality time, a note, a boundary, a goal, a letter,
    today's automatic backup."""
    root = tmp_path_factory.mktemp("hostile-template")
    db = root / "data" / "tracker.json"
    store = Store.open(db, now=lambda: FIXED_NOW)
    start = date(2026, 11, 1)
    store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), start))
    store.add_promise(Promise("Walk together", parse_schedule("daily"), start))
    store.put_mark(Mark(2, date(2026, 11, 24), MarkStatus.KEPT, note="nice"))
    store.add_quality(QualityTime(date(2026, 11, 24), 45, QualityKind.CONVERSATION))
    store.add_note(Note(date(2026, 11, 23), "We argued about the trip", Trigger.OTHER))
    store.add_record(kinds.BOUNDARIES, Boundary("No phone checks", date(2026, 11, 2)))
    store.add_record(kinds.GOALS, Goal("Feel at ease", date(2026, 11, 2), promise_ids=(1,)))
    store.add_record(kinds.LETTERS, Letter("What trust means", "Small things.", date(2026, 11, 3)))
    store.save_settings(store.settings())  # today's automatic backup is taken here
    assert store.backups()
    return root


@pytest.fixture
def workspace(template: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("TRACKER_DB", raising=False)
    # Relative paths (--out, --db, even ../../etc/passwd) and ~ land inside tmp_path.
    work = tmp_path / "deep" / "down" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _CAPTURE["capsys"] = capsys
    return _Workspace(template, tmp_path / "data", work)


class _Workspace:
    def __init__(self, template: Path, data: Path, work: Path) -> None:
        self.template = template / "data"
        self.data = data
        self.work = work
        self.db = data / "tracker.json"
        self.pristine = _tree(self.template)
        shutil.copytree(self.template, self.data)

    def reset(self) -> None:
        if _tree(self.data) != self.pristine:
            shutil.rmtree(self.data)
            shutil.copytree(self.template, self.data)
        for leftover in self.work.iterdir():
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()

    def attempt(self, slot: Slot, value: str) -> str:
        """Run one hostile argument; check the outcome; 'refused' or 'stored'."""
        argv = slot.fill(value)
        code, out, err = run(self.db, argv)
        shown = f"{argv!r:.300}"
        if code != 0:
            assert code in (cli.EXIT_ERROR, cli.EXIT_USAGE), shown
            lines = err.split("\n")
            assert len(lines) == 2 and lines[1] == "", f"{shown}: not one line: {err[:2000]!r}"
            assert lines[0].startswith("tracker: "), f"{shown}: {err[:500]!r}"
            bad = [c for c in lines[0] if unicodedata.category(c) in {"Cc", "Cs"}]
            assert not bad, f"{shown}: raw control characters reach the terminal: {err[:300]!r}"
            assert out == "", f"{shown}: printed before failing: {out[:300]!r}"
            assert _tree(self.data) == self.pristine, f"{shown}: a refused command changed data"
            return "refused"
        assert err == "", f"{shown}: succeeded but wrote to stderr: {err[:300]!r}"
        if slot.verify is not None:
            slot.verify(self.db, _expected(value, slot.multiline))
        return "stored"


def _slot_name(slot: Slot) -> str:
    return " ".join(slot.argv)


@pytest.mark.parametrize("slot", SLOTS, ids=_slot_name)
def test_a_hostile_argument_is_refused_cleanly_or_kept_exactly(workspace, slot):
    outcomes = {}
    for value in HOSTILE if EVERY_VALUE_EVERY_SLOT else CORE:
        workspace.reset()
        outcomes[value] = workspace.attempt(slot, value)
    # Text fields accept what can be stored faithfully: emoji and right-to-left text.
    if slot.verify is not None:
        assert outcomes[FAMILY_EMOJI] == "stored"
        assert outcomes[HEBREW] == "stored"
        assert outcomes[MARKUP] == "stored"
        assert outcomes[SHELL] == "stored"
        assert outcomes[CONTROL] == "refused"
        assert outcomes[LATIN_1] == "refused"


@pytest.mark.parametrize("slot", SLOTS, ids=_slot_name)
@settings(
    max_examples=SAMPLED_PER_SLOT,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=st.sampled_from([value for value in HOSTILE if value not in CORE]))
def test_the_other_hostile_values_are_sampled_in_every_argument(workspace, slot, value):
    workspace.reset()
    workspace.attempt(slot, value)


hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.lists(st.sampled_from(HOSTILE[4:40]), min_size=1, max_size=3).map(" ".join),
)


@settings(
    max_examples=max(200, settings.default.max_examples),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(slot=st.sampled_from(SLOTS), value=hostile_text)
def test_any_text_in_any_argument_is_refused_cleanly_or_kept_exactly(workspace, slot, value):
    workspace.reset()
    workspace.attempt(slot, value)


@pytest.fixture(scope="module", autouse=True)
def _report_runs():
    yield
    print(f"\nCLI hostile arguments: {RUNS['count']} runs of main() over {len(SLOTS)} arguments")


# -- the real thing: raw bytes in argv, in a real process ---------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [b"add", b"caf\xe9 au lait"],
        [b"note", b"add", b"\xff\xfe broken"],
        [b"check", b"\xc3("],
        [b"log", b"30m", b"talk", b"--note", b"\xed\xa0\x80 surrogate in UTF-8"],
        [b"config", b"set", b"theme", b"\x80"],
    ],
)
def test_invalid_utf8_from_a_real_shell_is_refused_in_one_line(workspace, argv):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(workspace.db), *argv],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.split(b"\n")
    assert len(lines) == 2 and lines[0].startswith(b"tracker: "), result.stderr
    assert b"UTF-8" in lines[0] or b"not found" in lines[0].lower() or b"No promise" in lines[0]
    assert _tree(workspace.data) == workspace.pristine


def test_emoji_and_rtl_come_back_byte_identical_through_a_real_process(workspace):
    title = "🫶🏽 שלום [bold]$(rm -rf ~)[/]"
    added = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(workspace.db), "add", title, "--json"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert json.loads(added.stdout)["title"].encode() == title.encode()
    listed = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(workspace.db), "list", "--json"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert title.encode() in listed.stdout  # raw UTF-8 in the output, not \u escapes
