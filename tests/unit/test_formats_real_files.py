"""The importers on files Loop Habit Tracker and harsh wrote themselves (tests/fixtures/foreign,
see its README), and dijo's two files (issue 20 points 11 to 15)."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
from foreign_files import dijo_record

from tracker.errors import ForeignFileError
from tracker.formats.data import TrackerData
from tracker.formats.detect import ImportFormat, detect_format, read_import
from tracker.formats.plan import ImportPlan, applied, merge_plan

TODAY = date(2026, 11, 25)
FOREIGN = Path(__file__).parents[1] / "fixtures" / "foreign"
LOOP_DB = FOREIGN / "loop" / "loop.db"
LOOP_CSV = FOREIGN / "loop" / "csv_export"
HARSH = FOREIGN / "harsh"


def by_title(plan: ImportPlan) -> dict[str, object]:
    return {planned.promise.title: planned for planned in plan.promises}


def one_line(error: pytest.ExceptionInfo[ForeignFileError], path: Path) -> str:
    text = str(error.value)
    assert "\n" not in text and text.startswith(f"Cannot import {path}: ")
    return text


def repetitions_by_name(path: Path) -> dict[str, set[int]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    rows = connection.execute(
        "SELECT h.name, r.timestamp FROM Repetitions r JOIN Habits h ON h.id = r.habit"
    ).fetchall()
    connection.close()
    days: dict[str, set[int]] = {}
    for name, stamp in rows:
        days.setdefault(name, set()).add(stamp // 86_400_000)
    return days


# --- 20.11: two Loop habits of one title --------------------------------------------------------


def test_two_loop_habits_of_one_title_are_merged_and_no_day_is_dropped():
    plan = read_import(LOOP_DB, today=TODAY)
    titles = [planned.promise.title for planned in plan.promises]
    assert len(titles) == len(set(titles)) == 6
    found = by_title(plan)
    for name, days in repetitions_by_name(LOOP_DB).items():
        assert len(found[name].marks) == len(days), name  # every distinct day, of both habits
    assert len(found["Vegan"].marks) == 43
    assert found["Vegan"].approximations == (
        "'Vegan': another habit of the same title (43 days) was merged into it: 28 days it "
        "lacked were added",
    )
    assert found["Sport"].approximations == (
        "'Sport': another habit of the same title (12 days) was merged into it: it held no "
        "day this one lacked",
    )


def test_the_merged_loop_backup_imports_every_day_into_tracker():
    plan = read_import(LOOP_DB, today=TODAY)
    data = applied(TrackerData(), merge_plan(plan, TrackerData()))
    vegan = next(p for p in data.promises if p.title == "Vegan")
    assert len(data.marks_of(vegan.id)) == 43
    assert merge_plan(read_import(LOOP_DB, today=TODAY), data).is_empty


def test_a_loop_backup_of_database_version_22_imports():
    plan = read_import(FOREIGN / "loop" / "022.db", today=TODAY)
    assert sorted(by_title(plan)) == ["Test", "Work out"]


# --- 20.14: every approximation flagged alike ---------------------------------------------------


def test_loops_rolling_windows_are_flagged_as_harshs_are():
    loop = by_title(read_import(LOOP_DB, today=TODAY))
    assert loop["Wake up early"].approximations == (
        "'Wake up early': 3 times in 7 days counts any 7 days in a row; tracker's 3 days a "
        "week counts Monday-to-Sunday weeks",
    )
    assert loop["Sleep early"].approximations == (
        "'Sleep early': once in 5 days counts any 5 days in a row; tracker's every 5 days "
        "counts from the start",
    )
    harsh = by_title(read_import(HARSH, today=TODAY))
    assert harsh["Gym"].approximations[0] == (
        "'Gym': 3 times in 7 days counts any 7 days in a row; tracker's 3 days a week counts "
        "Monday-to-Sunday weeks"
    )
    assert harsh["Sprint planning"].approximations == (
        "'Sprint planning': once in 14 days counts any 14 days in a row; tracker's every 14 "
        "days counts from the start",
    )
    assert harsh["Call family"].approximations[0].startswith("'Call family': once in 7 days")


def test_harsh_s_real_amounts_come_in_exactly():
    """Issue 22: harsh's amounts (1.5 at the gym, 8 glasses) are kept on their days."""
    harsh = by_title(read_import(HARSH, today=TODAY))
    gym = harsh["Gym"]
    assert gym.promise.measure is not None and gym.promise.measure.target == 1.5
    assert {mark.day: mark.amount for mark in gym.marks}[date(2025, 1, 1)] == 1.5
    water = {mark.day: mark.amount for mark in harsh["Water intake"].marks}
    assert (water[date(2025, 1, 1)], water[date(2025, 1, 3)]) == (8, 6)
    assert any("measured: at least 1.5 units" in text for text in gym.approximations)
    assert harsh["Daily standup"].approximations == ()  # daily is exact


# --- 20.12 and 20.15: Loop's CSV export ---------------------------------------------------------


def loop_zip() -> bytes:
    """The export folder zipped as Loop hands it out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(LOOP_CSV.rglob("*.csv")):
            archive.write(path, path.relative_to(LOOP_CSV).as_posix())
    return buffer.getvalue()


def test_notes_on_days_loop_filled_in_are_named_with_their_words(tmp_path: Path):
    zipped = tmp_path / "Loop Habits CSV 2015-01-25.zip"
    zipped.write_bytes(loop_zip())
    plan = read_import(zipped, today=TODAY)
    named = [str(item) for item in plan.unmapped if "Loop filled in itself" in str(item)]
    assert named == [
        "the notes of 2 days Loop filled in itself in 'Wake up early' (2015-01-19: \"Vacation\"; "
        "2015-01-23: Forgot to do it, really): tracker keeps a note on a day you marked; add "
        "them to a day's note by hand if you want them"
    ]
    wake = by_title(plan)["Wake up early"]
    assert [m.note for m in wake.marks if m.note] == ["Sick"]


@pytest.mark.parametrize(
    "given", ["", "Habits.csv", "002 Wake up early/Checkmarks.csv", "001 Meditate"]
)
def test_an_unzipped_loop_export_is_asked_for_as_the_zip(tmp_path: Path, given: str):
    folder = tmp_path / "Loop Habits CSV 2015-01-25"
    shutil.copytree(LOOP_CSV, folder)
    path = folder / given if given else folder
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    text = one_line(refused, path)
    if given == "001 Meditate":  # a habit's folder holds a file with no rows: name it
        assert "it is a folder; name the file inside it." in text
    else:
        assert "it is part of Loop's CSV export, unpacked; give tracker the zip file" in text


# --- 20.13: harsh -------------------------------------------------------------------------------


def test_harshs_own_files_import_from_its_folder():
    plan = read_import(HARSH, today=TODAY)
    found = by_title(plan)
    assert len(found) == 10
    assert len(found["Daily standup"].marks) == 3
    assert found["Sleep tracking"].promise.archived  # tracked without a target ("0")
    assert plan.unmapped == ()


def test_a_harsh_folder_with_an_empty_log_brings_its_habits_without_history(tmp_path: Path):
    folder = tmp_path / "harsh"
    folder.mkdir()
    shutil.copy(HARSH / "habits", folder / "habits")
    (folder / "log").write_bytes(b"")  # harsh's first run
    for given in (folder, folder / "log"):
        assert detect_format(given) is ImportFormat.HARSH
        plan = read_import(given, today=TODAY)
        assert len(plan.promises) == 10
        assert all(planned.marks == () for planned in plan.promises)
        assert all(planned.promise.start == TODAY for planned in plan.promises)
        assert plan.unmapped == ()
        assert "harsh's log is empty: 10 habits come as promises with no days yet" in plan.remarks


def test_harshs_habits_file_given_alone_is_read_as_habits(tmp_path: Path):
    habits = tmp_path / "habits"
    shutil.copy(HARSH / "habits", habits)
    assert detect_format(habits) is ImportFormat.HARSH
    plan = read_import(habits, today=TODAY)
    assert len(plan.promises) == 10
    assert not any("log" in str(item) for item in plan.unmapped)
    assert "there is no log beside it: 10 habits come as promises with no days yet" in plan.remarks


def test_harshs_habits_file_given_beside_its_log_reads_both(tmp_path: Path):
    shutil.copytree(HARSH, tmp_path / "harsh")
    plan = read_import(tmp_path / "harsh" / "habits", today=TODAY)
    assert len(by_title(plan)["Daily standup"].marks) == 3


# --- 20.15: dijo's two files, messages in the user's words --------------------------------------


def test_dijos_auto_habits_beside_its_record_are_imported_and_said(tmp_path: Path):
    (tmp_path / "habit_record.json").write_bytes(
        dijo_record([{"type": "Bit", "name": "Walk", "stats": {"2026-01-05": True}, "goal": True}])
    )
    (tmp_path / "habit_record[auto].json").write_bytes(
        dijo_record(
            [
                {
                    "type": "Count",
                    "name": "Commits",
                    "stats": {"2026-01-05": 3},
                    "goal": 1,
                    "auto": True,
                }
            ]
        )
    )
    plan = read_import(tmp_path / "habit_record.json", today=TODAY)
    assert sorted(by_title(plan)) == ["Commits", "Walk"]
    assert (
        "1 habits dijo tracks by commands were read from habit_record[auto].json beside "
        "habit_record.json" in plan.remarks
    )


def test_dijos_data_folder_names_the_file_to_give(tmp_path: Path):
    (tmp_path / "habit_record.json").write_bytes(dijo_record([]))
    with pytest.raises(ForeignFileError) as refused:
        read_import(tmp_path, today=TODAY)
    assert f"name the file inside it: '{tmp_path / 'habit_record.json'}'" in one_line(
        refused, tmp_path
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "x.json",
            b'{"format": "tracker-export", "version": 1, "promises": [{"title": "\\ud800"}]}',
        ),
        ("habit_record.json", b'[{"type": "Bit", "name": "\\udfff", "stats": {}, "goal": true}]'),
        ("damaged.db", b"SQLite format 3\x00" + b"\x00" * 200),
        ("damaged.zip", b"PK\x03\x04" + b"\x00" * 200),
    ],
)
def test_no_python_error_text_reaches_a_refusal(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    text = one_line(refused, path)
    for words in ("surrogates", "str is", "char ", "Error", "errno", "file is not a database"):
        assert words not in text


def test_harshs_first_run_imports_its_example_habits_without_history():
    first_run = FOREIGN / "harsh-first-run"
    plan = read_import(first_run, today=TODAY)
    found = by_title(plan)
    assert len(found) == 8 and all(p.marks == () for p in found.values())
    assert found["Gymmed"].promise.schedule.spec == "3/week"
    assert found["New Skill"].promise.schedule.spec == "every 90 days"
    assert "harsh's log is empty: 8 habits come as promises with no days yet" in plan.remarks
    assert plan.unmapped == ()


def _sqlite_without_loops_tables(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()


def _zip_without_habits(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")


@pytest.mark.parametrize(
    ("name", "make", "what_to_do"),
    [
        ("other.db", _sqlite_without_loops_tables, 'give the file Loop\'s "Export full backup"'),
        ("other.zip", _zip_without_habits, 'give the zip Loop\'s "Export as CSV" wrote'),
        ("missing.db", lambda path: None, "there is no such file; check its name and folder"),
        ("empty.txt", lambda path: path.write_bytes(b""), "the file is empty; is it the right"),
    ],
)
def test_a_refusal_names_the_file_and_what_to_do(tmp_path: Path, name, make, what_to_do):
    path = tmp_path / name
    make(path)
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    assert what_to_do in one_line(refused, path)


def test_a_dijo_file_of_something_else_says_which_file_to_give(tmp_path: Path):
    path = tmp_path / "habit_record.json"
    path.write_bytes(b'{"type": "Bit", "stats": {}}')
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY, force="dijo")
    assert "give dijo's habit_record.json, from dijo's data folder" in one_line(refused, path)
