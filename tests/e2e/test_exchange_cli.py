"""`tracker export`, `import` and `report` as a person runs them, on the five-year demo.

The demo (written by `tracker demo`) gets every practice the store keeps (check-ins,
appreciations, bids, boundaries, a goal, a letter, a snooze) and tags and triggers. Then:
exported and imported into an empty file, every `--json` view of the two files is the
same; importing again changes no byte; merged into another history nothing is
duplicated; the CSV files read back with Python's csv module; the calendar expands to
the days tracker says; files from Loop, harsh and dijo (built here) come in through a dry
run, then for real; hostile files are refused in one line, within bounded time and
memory; exported files are private and never written through a link or over a file
tracker did not write.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
import zipfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from cli_support import NOW, Cli, child_env
from exchange_support import add_practices
from foreign_files import (
    LoopHabitSpec,
    dijo_record,
    loop_csv_zip,
    write_harsh,
    write_loop_database,
    zip_bomb,
)

from tracker.schedule import due_dates
from tracker.store import Store

# One worker runs the whole module: the five-year demo and its export are made once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("exchange_cli")]

TODAY = date(2026, 11, 25)
ONE_DAY = timedelta(days=1)

# Every view a script can read, for days now and long past (a leap day, before some
# promises began, the day a schedule changed in the demo's history).
VIEWS = [
    ("list", "--json"),
    ("list", "--all", "--json"),
    ("today", "--json"),
    ("today", "--date", "yesterday", "--json"),
    ("today", "--date", "2026-06-01", "--json"),
    ("today", "--date", "2024-02-29", "--json"),
    ("today", "--date", "2022-01-03", "--json"),
    ("streaks", "--json"),
    ("streaks", "--all", "--json"),
    ("streaks", "--date", "2025-12-31", "--all", "--json"),
    ("streaks", "--date", "2023-03-15", "--json"),
    ("note", "list", "--json"),
    ("note", "list", "--status", "let-go", "--json"),
    ("config", "list"),
    ("appreciations", "--json"),
    ("bids", "--weeks", "52", "--json"),
    ("boundary", "list", "--all", "--json"),
    ("goal", "list", "--json"),
    ("letter", "list", "--json"),
    ("causes", "--json"),
    ("tags", "--json"),
    # The practices' other views: each check-in read back, the default weeks, the
    # boundaries in force, a letter, what is snoozed, and a tag's promises and figures.
    ("checkin", "list", "--json"),
    ("checkin", "show", "1", "--json"),
    ("checkin", "show", "9", "--json"),
    ("bids", "--json"),
    ("boundary", "list", "--json"),
    ("letter", "show", "1", "--json"),
    ("snooze", "--list", "--json"),
    ("today", "--tag", "honesty", "--json"),
    ("streaks", "--tag", "quality time", "--all", "--json"),
]


def make_cli(folder: Path, name: str = "tracker.json") -> Cli:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "work").mkdir(exist_ok=True)
    db = folder / "data" / name
    env = child_env(folder / "home")
    env["TRACKER_DB"] = str(db)
    # main(argv) in this process; the memory and start-up checks below start real ones.
    return Cli(db=db, cwd=folder / "work", env=env, in_process=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """The five-year demo, with every practice, as `tracker demo` writes it."""
    cli = make_cli(tmp_path_factory.mktemp("demo"))
    cli.ok("demo", "--out", str(cli.db), "--years", "5")
    counts = add_practices(cli.db, TODAY)
    assert all(counts.values()), counts
    # The promise add_practices snoozed is kept by now: one still open comes back later.
    still_open = next(p for p in cli.json("today", "--json") if p["status"] == "open")
    cli.ok("snooze", str(still_open["id"]), "2h")
    return cli


@pytest.fixture(scope="module")
def exported(demo: Cli, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports") / "everything.json"
    said = demo.ok("export", "--format", "json", "--out", str(out))
    assert said.startswith(f"Exported {out}: 20 promises, ")
    assert "practice records" in said and "private writing" in said
    return out


def _without_stamp(blob: bytes) -> dict[str, object]:
    document = json.loads(blob)
    document.pop("exported")
    return document


# -- tracker's own JSON ---------------------------------------------------------------------------


def test_export_then_import_into_an_empty_file_gives_every_view_back(tmp_path, demo, exported):
    assert stat.S_IMODE(os.stat(exported).st_mode) == 0o600
    document = json.loads(exported.read_bytes())
    assert document["contains_notes"] is True
    assert set(document["extensions"]) == {
        "acknowledgements",
        "appreciations",
        "bids",
        "boundaries",
        "check_ins",
        "goals",
        "letters",
        "snoozes",
    }
    assert any(p["tags"] for p in document["promises"])
    other = make_cli(tmp_path / "other")
    said = other.ok("import", str(exported))
    assert said.startswith("Added from everything.json (tracker export): 20 promises, ")
    assert "Took the settings from the file." in said
    for view in VIEWS:
        shown = demo.ok(*view)
        assert other.ok(*view) == shown, view
        if "--json" in view:  # the same, and not the same because both are empty
            assert json.loads(shown), view
    # Everything else too (practices, tags, stamps): its own export is the same file.
    again = tmp_path / "again.json"
    other.ok("export", "--out", str(again))
    assert _without_stamp(again.read_bytes()) == _without_stamp(exported.read_bytes())
    # A second import changes no byte of the data folder.
    before = other.files()
    said = other.ok("import", str(exported))
    assert said.startswith("Nothing new in everything.json: everything in it is already here.")
    assert other.files() == before


def test_merged_into_another_history_nothing_is_duplicated(tmp_path, exported):
    mine = make_cli(tmp_path / "mine")
    mine.ok("demo", "--out", str(mine.db), "--years", "2", "--promises", "6", "--seed", "7")
    add_practices(mine.db, TODAY, weeks=3, seed=2)
    mine.ok("note", "add", "Mine alone, not in the file", "--date", "2026-11-20")
    notes_before = len(mine.json("note", "list", "--json"))
    dry = mine.json("import", str(exported), "--dry-run", "--json")
    assert dry["dry_run"] is True and dry["added"]["promises"] == 14
    assert dry["settings"] is False  # your settings stay yours
    done = mine.json("import", str(exported), "--json")
    assert done["added"] == dry["added"] and done["backup"].endswith("-before-import.json")
    assert len(mine.json("note", "list", "--json")) == notes_before + done["added"]["notes"]
    titles = [p["title"] for p in mine.json("list", "--json")]
    assert len(titles) == len({t.casefold() for t in titles}) == 18
    second = mine.json("import", str(exported), "--json")
    assert not any(second["added"].values())
    assert second["already_there"]["check_ins"] == done["added"]["check_ins"] + dry[
        "already_there"
    ].get("check_ins", 0)


def test_a_dry_run_changes_no_byte_of_the_data_folder(tmp_path, exported):
    mine = make_cli(tmp_path / "mine")
    mine.ok("demo", "--out", str(mine.db), "--years", "1", "--promises", "4")
    before = mine.files()
    said = mine.ok("import", str(exported), "--dry-run")
    assert said.splitlines()[0].startswith("Would add from everything.json (tracker export):")
    assert "New promises:" in said and said.rstrip().endswith("Nothing was changed (dry run).")
    assert mine.files() == before
    assert not (mine.db.parent / "backups").exists()


def test_a_narrowed_export_holds_one_promise_and_the_days_asked_for(tmp_path, demo):
    out = tmp_path / "walk.json"
    said = demo.ok(
        "export",
        "--promise",
        "Walk together",
        "--since",
        "2026-01-01",
        "--until",
        "2026-03-31",
        "--out",
        str(out),
    )
    assert said.startswith(f"Exported {out}: 1 promise, ")
    document = json.loads(out.read_bytes())
    assert document["scope"] == {
        "promises": ["Walk together after dinner"],
        "since": "2026-01-01",
        "until": "2026-03-31",
    }
    assert document["notes"] == [] and document["quality_time"] == []
    assert document["extensions"] == {} and document["contains_notes"] is False
    days = [m["date"] for m in document["promises"][0]["marks"]]
    assert days and min(days) >= "2026-01-01" and max(days) <= "2026-03-31"
    assert demo.fails("export", "--promise", "no such promise").startswith("No promise")
    line = demo.fails("export", "--since", "2026-02-01", "--until", "2026-01-01")
    assert line == "--until 2026-01-01 is before --since 2026-02-01."


# -- where exports are written ------------------------------------------------------------------


def test_an_export_never_goes_through_a_link_nor_over_a_file_tracker_did_not_write(tmp_path, demo):
    mine = tmp_path / "my-letter.json"
    mine.write_text("my own words", encoding="utf-8")
    line = demo.fails("export", "--out", str(mine))
    assert line.startswith(f"{mine} already exists and is not a tracker export")
    assert mine.read_text(encoding="utf-8") == "my own words"
    link = tmp_path / "link.json"
    link.symlink_to(mine)
    assert "is a symbolic link" in demo.fails("export", "--out", str(link))
    assert mine.read_text(encoding="utf-8") == "my own words"
    assert "does not exist" in demo.fails("export", "--out", str(tmp_path / "no" / "x.json"))
    # An earlier export is ours: replaced, and said so.
    out = tmp_path / "export.json"
    demo.ok("export", "--out", str(out))
    assert demo.ok("export", "--out", str(out)).startswith(f"Replaced the earlier export {out}")
    # With no --out: a dated name in the current folder that says notes are inside.
    said = demo.ok("export")
    name = "tracker-export-with-notes-2026-11-25.json"
    assert said.startswith(f"Exported {demo.cwd / name}:")
    assert stat.S_IMODE(os.stat(demo.cwd / name).st_mode) == 0o600


# -- CSV -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_folder_reads_back_with_the_csv_module(tmp_path):
    cli = make_cli(tmp_path / "csv")
    title = '=HYPERLINK("x"), "quoted", and commas'
    cli.add(title, "daily", "--why", "Line one, with a comma")
    cli.ok("check", title[:12], "--date", "2026-11-20", "--note", 'She said "yes", then left')
    cli.ok("note", "add", 'First line\nsecond, with "quotes"\n+1 more', "--trigger", "neglect")
    cli.ok("log", "45m", "talk", "--note", "-5 minutes late; @home")
    out = tmp_path / "export-folder"
    cli.ok("export", "--format", "csv", "--out", str(out))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    assert sorted(p.name for p in out.iterdir()) == [
        "marks.csv",
        "notes.csv",
        "promises.csv",
        "quality_time.csv",
    ]
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in out.iterdir())
    [promise] = read_csv(out / "promises.csv")
    assert promise["title"] == "'" + title  # a formula never runs in a spreadsheet
    assert promise["why"] == "Line one, with a comma" and promise["schedule"] == "daily"
    [mark] = read_csv(out / "marks.csv")
    assert mark["note"] == 'She said "yes", then left' and mark["date"] == "2026-11-20"
    [note] = read_csv(out / "notes.csv")
    assert note["what_happened"] == 'First line\nsecond, with "quotes"\n+1 more'
    [entry] = read_csv(out / "quality_time.csv")
    assert entry["note"] == "'-5 minutes late; @home" and entry["minutes"] == "45"
    # Exporting again replaces it; a folder holding other files is never written into.
    said = cli.ok("export", "--format", "csv", "--out", str(out))
    assert said.startswith(f"Replaced the earlier export {out}")
    (out / "my notes.txt").write_text("mine", encoding="utf-8")
    assert "holds files tracker did not write (my notes.txt)" in cli.fails(
        "export", "--format", "csv", "--out", str(out)
    )
    # The CSV files are for spreadsheets; importing one says what to do instead.
    line = cli.fails("import", str(out / "promises.csv"))
    assert "one of the CSV files tracker exports" in line and "--format json" in line


def test_the_demo_in_csv_has_a_row_per_mark_and_a_file_per_practice(tmp_path, demo, exported):
    out = tmp_path / "demo-csv"
    demo.ok("export", "--format", "csv", "--out", str(out))
    document = json.loads(exported.read_bytes())
    marks = read_csv(out / "marks.csv")
    assert len(marks) == sum(len(p["marks"]) for p in document["promises"])
    assert len(read_csv(out / "notes.csv")) == len(document["notes"])
    for name, docs in document["extensions"].items():
        rows = read_csv(out / f"{name}.csv")
        assert [int(row["id"]) for row in rows] == [doc["id"] for doc in docs], name
    tagged = [row for row in read_csv(out / "promises.csv") if row["tags"]]
    assert tagged and "quality time; home" in {row["tags"] for row in tagged}


# -- ICS ----------------------------------------------------------------------------------------


def calendar_days(ics: bytes, first: date, last: date) -> dict[int, set[date]]:
    days: dict[int, set[date]] = defaultdict(set)
    calendar = icalendar.Calendar.from_ical(ics)
    for event in recurring_ical_events.of(calendar).between(first, last + ONE_DAY):
        promise_id = int(str(event["UID"]).split("-")[1])
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            days[promise_id].add(start.date())
            continue
        day = start
        while day < event.decoded("DTEND"):
            if first <= day <= last:
                days[promise_id].add(day)
            day += ONE_DAY
    return days


def test_the_calendar_shows_each_promise_on_the_days_tracker_says(tmp_path, demo):
    out = tmp_path / "promises.ics"
    said = demo.ok("export", "--format", "ics", "--out", str(out), TZ="Europe/Berlin")
    assert said == f"Exported {out}: 17 promises as calendar events.\n"
    ics = out.read_bytes()
    assert b"TZID:Europe/Berlin" in ics and b"BEGIN:VALARM" in ics
    first, last = TODAY - timedelta(days=180), TODAY + timedelta(days=185)
    shown = calendar_days(ics, first, last)
    promises = [p for p in Store.open(demo.db).promises() if p.end is None or p.end >= TODAY]
    assert set(shown) == {p.id for p in promises}
    for promise in promises:
        expected: set[date] = set()
        for period in promise.periods():
            begin = max(first, period.start)
            end = last if period.end is None else min(last, period.end)
            expected.update(due_dates(period.schedule, period.start, begin, end))
        assert shown[promise.id] == expected, promise.title
    # The same days as `tracker today` says, on days the calendar was not built from.
    for day in (TODAY, TODAY - timedelta(days=3), TODAY - timedelta(days=100)):
        rows = demo.json("today", "--date", day.isoformat(), "--json")
        for row in rows:
            if "/week" not in row["schedule"]:
                assert row["due"] == (day in shown[row["id"]]), (row["title"], day)


# -- other apps ---------------------------------------------------------------------------------


def loop_habits() -> list[LoopHabitSpec]:
    first = date(2026, 9, 1)
    walks = {first + timedelta(days=n): (2, 0, 3, -1, 1)[n % 5] for n in range(60)}
    return [
        LoopHabitSpec("Walk together", 1, 1, walks, reminder=(19, 30, 127)),
        LoopHabitSpec("Date night", 3, 10, {first + timedelta(days=n): 2 for n in (2, 6, 9)}),
        LoopHabitSpec("Old habit", 1, 7, {first: 2}, archived=True),
        LoopHabitSpec(
            "Km run",
            1,
            1,
            {first: 5200, first + ONE_DAY: 1000},
            numeric=True,
            target=5.0,
            unit="km",
        ),
        LoopHabitSpec("Tea \x1b[31m red", 1, 1, {first: 2}),
    ]


@pytest.mark.parametrize("kind", ["database", "csv zip"])
def test_loop_comes_in_through_a_dry_run_then_for_real(tmp_path, kind):
    cli = make_cli(tmp_path / "loop")
    if kind == "database":
        path = write_loop_database(tmp_path / "Loop Habits Backup 2026-11-25.db", loop_habits())
    else:
        path = tmp_path / "Loop Habits CSV 2026-11-25.zip"
        path.write_bytes(loop_csv_zip(loop_habits()))
    before = cli.files()
    dry = cli.ok("import", str(path), "--dry-run")
    assert cli.files() == before
    assert dry.startswith(f"Would add from {path.name} (Loop Habit Tracker")
    assert "3 times in 10 days (about 2.1 a week) became 2 days a week" in dry
    assert "\x1b" not in dry and "Tea ␛[31m red" in dry  # shown, never acted on
    done = cli.ok("import", str(path))
    assert done.splitlines()[0] == dry.splitlines()[0].replace("Would add", "Added")
    promises = {p["title"]: p for p in cli.json("list", "--all", "--json")}
    assert set(promises) == {"Walk together", "Date night", "Old habit", "Km run"}
    assert promises["Old habit"]["archived"] is True
    assert promises["Date night"]["schedule"] == "2/week"
    if kind == "database":
        assert promises["Walk together"]["reminders"] == ["19:30"]
    day = cli.json("today", "--date", "2026-09-03", "--json")
    walk = next(row for row in day if row["title"] == "Walk together")
    assert walk["state"] == "excused"  # a skip in Loop
    assert cli.ok("import", str(path)).startswith("Nothing new")


def test_harsh_and_dijo_come_in_through_a_dry_run_then_for_real(tmp_path):
    cli = make_cli(tmp_path / "harsh")
    log = write_harsh(
        tmp_path / "harsh",
        "! Us\nWalk after dinner: 1\nDate night: 1/7\n",
        [
            "2026-11-01 : Walk after dinner : y",
            "2026-11-02 : Walk after dinner : s : travelling",
            "2026-11-03 : Walk after dinner : n",
            "2026-11-06 : Date night : y : cinema",
        ],
    )
    before = cli.files()
    dry = cli.ok("import", str(log.parent), "--dry-run")
    assert dry.startswith("Would add from log (harsh): 2 promises, 4 marks.")
    assert cli.files() == before
    cli.ok("import", str(log))
    rows = {r["title"]: r for r in cli.json("today", "--date", "2026-11-02", "--json")}
    assert rows["Walk after dinner"]["state"] == "excused"
    record = tmp_path / "habit_record.json"
    record.write_bytes(
        dijo_record(
            [
                {"type": "Bit", "name": "Hug", "stats": {"2026-11-05": True}, "goal": True},
                {"type": "Count", "name": "Pages", "stats": {"2026-11-05": 3}, "goal": 10},
            ]
        )
    )
    assert cli.ok("import", str(record), "--dry-run").startswith(
        "Would add from habit_record.json (dijo): 2 promises, 2 marks."
    )
    cli.ok("import", str(record), "--from", "dijo")
    assert {p["title"] for p in cli.json("list", "--json")} == {
        "Walk after dinner",
        "Date night",
        "Hug",
        "Pages",
    }


# -- hostile and damaged files --------------------------------------------------------------------


# Runs a command and reports the peak memory of that one process (its own children only).
MEASURED = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[2:], capture_output=True, text=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'{done.returncode} {peak}\\n' + done.stderr)\n"
)


def measured(cli: Cli, report: Path, *args: str) -> tuple[int, float, str]:
    """(exit status, peak memory in MB, standard error) of `tracker ARGS`."""
    subprocess.run(
        [sys.executable, "-c", MEASURED, str(report), sys.executable, "-m", "tracker", *args],
        cwd=cli.cwd,
        env={**cli.env, "TRACKER_NOW": NOW},
        timeout=120,
        check=True,
    )
    first, _, stderr = report.read_text(encoding="utf-8").partition("\n")
    code, peak = first.split()
    return int(code), int(peak) / 1024, stderr


def test_damaged_unknown_and_hostile_files_get_one_line_and_change_nothing(tmp_path, demo):
    cli = make_cli(tmp_path / "hostile")
    cli.add("Walk", "daily")
    before = cli.files()
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(4000))
    cut = tmp_path / "cut.json"
    cut.write_bytes(b'{"format": "tracker-export", "version": 1, "promises": [')
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "tracker-export", "version": 9}', encoding="utf-8")
    escape = tmp_path / "escape.json"
    escape.write_text(
        json.dumps(
            {
                "format": "tracker-export",
                "version": 1,
                "promises": [
                    {"title": "Walk\x1b]0;pwned\x07", "schedule": "daily", "start": "2026-01-01"}
                ],
            }
        ),
        encoding="utf-8",
    )
    long_title = tmp_path / "long.json"
    long_title.write_text(
        json.dumps(
            {
                "format": "tracker-export",
                "version": 1,
                "promises": [{"title": "x" * 300_000, "schedule": "daily", "start": "2026-01-01"}],
            }
        ),
        encoding="utf-8",
    )
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # an export's start, then 70 MB (sparse: no disk used)
        handle.write(b'{"format": "tracker-export", "version": 1, "notes": ["')
        handle.truncate(70 * 1024 * 1024)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    backup = next((demo.db.parent / "backups").glob("*.json"), None)
    cases = {
        empty: "the file is empty",
        junk: "tracker does not recognise this file",
        cut: "it is not valid JSON",
        newer: "written by a newer tracker",
        escape: "contains a control character",
        long_title: "The title is too long",
        huge: "more than the 64 MB an import reads",
        fifo: "it is not a regular file",
        tmp_path / "missing.db": "there is no such file",
        tmp_path: "it is a folder; name the file inside it",
    }
    if backup is not None:
        cases[backup] = "one of tracker's backups, not an export"
    for path, problem in cases.items():
        line = cli.fails("import", str(path))
        assert line.startswith(f"Cannot import {path}") and problem in line, line
        assert "\x1b" not in line and "\x07" not in line
    assert cli.files() == before


def test_a_zip_bomb_and_a_million_rows_are_refused_in_bounded_time_and_memory(tmp_path):
    cli = make_cli(tmp_path / "bombs")
    cli.add("Walk", "daily")
    before = cli.files()
    bomb = tmp_path / "Loop bomb.zip"
    bomb.write_bytes(zip_bomb(300 * 1024 * 1024))
    rows = tmp_path / "Loop million.zip"
    first = date(1000, 1, 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name\n001,Walk\n")
        archive.writestr(
            "001 Walk/Checkmarks.csv",
            "Date,Value,Notes\n"
            + "".join(f"{first + timedelta(days=n)},YES_MANUAL,\n" for n in range(1_000_000)),
        )
    rows.write_bytes(buffer.getvalue())
    huge_name = write_loop_database(tmp_path / "big.db", [LoopHabitSpec("x" * 500_000)])
    for path, problem in (
        (bomb, "a zip bomb"),
        (rows, "more than 36,600 rows"),
        (huge_name, "text longer than"),
    ):
        began = time.monotonic()
        code, peak_mb, stderr = measured(cli, tmp_path / "peak.txt", "import", str(path))
        assert code == 1 and problem in stderr and len(stderr.splitlines()) == 1, stderr
        # The bomb unpacks to 300 MB and the rows to 30 MB: neither is ever held whole.
        assert peak_mb < 150, (path.name, peak_mb)
        assert time.monotonic() - began < 30, path
    assert cli.files() == before


def test_markup_in_an_imported_title_is_kept_as_written(tmp_path):
    cli = make_cli(tmp_path / "markup")
    path = tmp_path / "markup.json"
    path.write_text(
        json.dumps(
            {
                "format": "tracker-export",
                "version": 1,
                "promises": [
                    {
                        "title": "<b>[red]Walk[/red]</b> & talk 🌙",
                        "schedule": "daily",
                        "start": "2026-11-01",
                        "tags": ["Quality Time"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    cli.ok("import", str(path))
    [promise] = cli.json("list", "--json")
    assert promise["title"] == "<b>[red]Walk[/red]</b> & talk 🌙"
    assert "<b>[red]Walk[/red]</b> & talk 🌙" in cli.ok("list")


# -- the report ---------------------------------------------------------------------------------


class _Links(HTMLParser):
    """Every URL-like attribute and every url(...) in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "srcset", "action", "xlink:href", "poster", "data"}:
                self.found.append(f"{tag} {name}={value}")
        if tag in {"script", "link", "iframe", "object", "embed", "img"}:
            self.found.append(tag)


def test_the_report_is_one_private_file_that_loads_nothing(tmp_path, demo):
    out = tmp_path / "report.html"
    said = demo.ok("report", "--weeks", "8", "--out", str(out), "--paper", "letter")
    assert said.startswith(f"Wrote the report {out} (8 weeks).")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    page = out.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    assert links.found == []
    assert (
        "url(" not in page
        and "http://" not in page
        and "https://" not in page.replace("http://www.w3.org/2000/svg", "")
    )
    assert "@page { size: letter" in page
    for heading in ("Weekly check-ins", "Appreciations", "Bids for connection"):
        assert f"<h2>{heading}</h2>" in page
    # Private words only when asked for.
    assert "We laughed at dinner twice." not in page
    assert "Plan Saturdays together on Thursday" in page  # agreements are shown
    said = demo.ok("report", "--out", str(out), "--include-notes")
    assert said.startswith(f"Replaced the earlier report {out}")
    assert "We laughed at dinner twice." in out.read_text(encoding="utf-8")
    assert demo.fails("report", "--weeks", "0").startswith("--weeks takes a whole number")
    mine = tmp_path / "index.html"
    mine.write_text("<p>mine</p>", encoding="utf-8")
    assert "is not a tracker report" in demo.fails("report", "--out", str(mine))
    assert mine.read_text(encoding="utf-8") == "<p>mine</p>"


def test_commands_that_do_not_exchange_stay_quick_to_start(tmp_path):
    """`tracker check` loads none of the formats, the report, icalendar or sqlite3."""
    cli = make_cli(tmp_path / "startup")
    cli.add("Walk", "daily")
    script = (
        "import sys, runpy\n"
        "sys.argv = ['tracker', 'check', 'Walk']\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('tracker.formats', 'tracker.report', 'icalendar', 'sqlite3', 'zipfile')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cli.cwd,
        env={**cli.env, "TRACKER_NOW": NOW},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
