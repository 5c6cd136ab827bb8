"""Loop Habit Tracker: its backup database and its CSV zip come in as promises with their days."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from foreign_files import (
    LoopHabitSpec,
    loop_csv_zip,
    loop_timestamp,
    write_loop_database,
    zip_bomb,
)

from tracker.errors import ForeignFileError
from tracker.formats.data import TrackerData
from tracker.formats.limits import ImportLimits
from tracker.formats.loop import read_loop_csv_zip, read_loop_database
from tracker.formats.plan import ImportPlan, PlannedPromise, applied, merge_plan
from tracker.model import MarkStatus, Measure, TargetKind

TODAY = date(2026, 11, 25)
D = date(2026, 6, 1)  # a Monday
YES, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1


def day(n: int) -> date:
    return D + timedelta(days=n)


def habits() -> list[LoopHabitSpec]:
    return [
        LoopHabitSpec(
            "Meditate",
            1,
            1,
            {
                day(0): YES,
                day(1): NO,
                day(2): (SKIP, "ill"),
                day(3): UNKNOWN,
                day(4): (YES, 'calm, "deep"'),
            },
            question="Did you meditate?",
            reminder=(7, 30, 127),
        ),
        LoopHabitSpec(
            "Gym, 3 a week",
            3,
            7,
            {day(0): YES, day(1): YES_AUTO, day(2): YES},
            description="Strong back",
            reminder=(18, 0, 0b0000101),
        ),
        LoopHabitSpec("Call Mom", 1, 3, {day(1): YES}),
        LoopHabitSpec("Read", 3, 10, {day(5): YES}),
        LoopHabitSpec("Pay bills", 1, 30, {day(6): YES}, archived=True),
        LoopHabitSpec(
            "Run",
            1,
            1,
            {day(0): 5200, day(1): 2000, day(2): SKIP, day(3): 0},
            numeric=True,
            target=5.0,
            unit="km",
        ),
        LoopHabitSpec(
            "Coffee <b>cups</b> ☕",
            1,
            1,
            {day(0): 3000, day(1): 1000},
            numeric=True,
            at_most=True,
            target=2.0,
            unit="cups",
        ),
        LoopHabitSpec(
            "Pages a week", 1, 7, {day(0): 30000, day(1): 0}, numeric=True, target=100, unit="pages"
        ),
        LoopHabitSpec(
            "Sugar a week", 1, 7, {day(0): 30000}, numeric=True, at_most=True, target=50, unit="g"
        ),
    ]


def by_title(plan: ImportPlan) -> dict[str, PlannedPromise]:
    return {p.promise.title: p for p in plan.promises}


def statuses(planned: PlannedPromise) -> dict[date, tuple[MarkStatus, str, str]]:
    return {m.day: (m.status, m.reason, m.note) for m in planned.marks}


@pytest.fixture(params=["database", "csv"])
def plan(request, tmp_path: Path) -> ImportPlan:
    if request.param == "database":
        path = write_loop_database(tmp_path / "Loop Habits Backup 2026-11-25 101010.db", habits())
        return read_loop_database(path, today=TODAY)
    return read_loop_csv_zip(
        loop_csv_zip(habits()), file_name="Loop Habits CSV 2026-11-25.zip", today=TODAY
    )


def test_yes_no_and_skip_become_kept_missed_and_excused_days(plan):
    meditate = by_title(plan)["Meditate"]
    assert statuses(meditate) == {
        day(0): (MarkStatus.KEPT, "", ""),
        day(1): (MarkStatus.MISSED, "", ""),
        day(2): (MarkStatus.EXCUSED, "skipped in Loop", "ill"),
        day(4): (MarkStatus.KEPT, "", 'calm, "deep"'),
    }
    assert meditate.promise.start == day(0)
    assert meditate.promise.schedule.spec == "daily"
    assert meditate.promise.why == "Did you meditate?"


def test_frequencies_map_to_schedules_and_approximations_are_said(plan):
    found = by_title(plan)
    assert found["Gym, 3 a week"].promise.schedule.spec == "3/week"
    assert found["Call Mom"].promise.schedule.spec == "every 3 days"
    assert found["Read"].promise.schedule.spec == "2/week"
    assert (
        "'Read': 3 times in 10 days (about 2.1 a week) became 2 days a week"
        in found["Read"].approximations
    )
    assert found["Pay bills"].promise.schedule.spec == "every 30 days"
    assert found["Pay bills"].promise.archived is True
    assert found["Gym, 3 a week"].promise.why == "Strong back"


def test_days_loop_filled_in_itself_are_not_imported_as_checked(plan):
    gym = by_title(plan)["Gym, 3 a week"]
    assert sorted(statuses(gym)) == [day(0), day(2)]
    assert any("1 days Loop filled in itself" in remark for remark in plan.remarks)


def amounts(planned: PlannedPromise) -> dict[date, tuple[MarkStatus, float | None]]:
    return {m.day: (m.status, m.amount) for m in planned.marks}


def test_numeric_habits_become_measured_promises_with_their_amounts_exact(plan):
    """Issue 22: Loop's numeric habits keep their numbers (stored in thousandths)."""
    found = by_title(plan)
    run = found["Run"]
    assert run.promise.measure == Measure("km", 5, TargetKind.AT_LEAST)
    assert amounts(run) == {
        day(0): (MarkStatus.KEPT, 5.2),
        day(1): (MarkStatus.MISSED, 2),
        day(2): (MarkStatus.EXCUSED, None),
        day(3): (MarkStatus.MISSED, 0),
    }
    assert statuses(run)[day(2)] == (MarkStatus.EXCUSED, "skipped in Loop", "")
    coffee = found["Coffee <b>cups</b> ☕"]
    assert coffee.promise.measure == Measure("cups", 2, TargetKind.AT_MOST)
    assert amounts(coffee) == {day(0): (MarkStatus.MISSED, 3), day(1): (MarkStatus.KEPT, 1)}
    # A target over a week: an N/week promise judged on the week's amounts added up.
    pages = found["Pages a week"]
    assert pages.promise.schedule.spec == "1/week"
    assert pages.promise.measure == Measure("pages", 100, TargetKind.AT_LEAST)
    assert amounts(pages)[day(0)] == (MarkStatus.MISSED, 30)
    sugar = found["Sugar a week"]
    assert sugar.promise.measure == Measure("g", 50, TargetKind.AT_MOST)
    assert amounts(sugar) == {day(0): (MarkStatus.KEPT, 30)}
    assert not plan.unmapped
    assert any("measured: at least 5 km" in text for text in run.approximations)


def test_the_database_brings_reminder_times_and_says_which_weekdays_loop_used(tmp_path):
    path = write_loop_database(tmp_path / "backup.db", habits())
    found = by_title(read_loop_database(path, today=TODAY))
    assert found["Meditate"].promise.reminders == (time(7, 30),)
    gym = found["Gym, 3 a week"]
    assert gym.promise.reminders == (time(18, 0),)
    # Bits 0 and 2: Saturday and Monday.
    assert any("Loop reminded only on Mon, Sat" in text for text in gym.approximations)
    assert found["Call Mom"].promise.reminders == ()


def test_the_database_is_opened_read_only_and_left_exactly_as_it_was(tmp_path):
    path = write_loop_database(tmp_path / "backup.db", habits())
    os.chmod(path, 0o400)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    read_loop_database(path, today=TODAY)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db"]  # no journal, no -wal


def test_an_older_loop_database_without_notes_question_or_value_columns_is_read(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE Habits (id integer primary key, archived integer, color integer,"
        " description text, freq_den integer, freq_num integer, highlight integer, name text,"
        " position integer, reminder_hour integer, reminder_min integer);"
        "CREATE TABLE Repetitions (id integer primary key, habit integer, timestamp integer);"
        "PRAGMA user_version = 9;"
    )
    connection.execute(
        "INSERT INTO Habits VALUES (1, 0, 1, 'Old habit', 7, 2, 0, 'Floss', 0, NULL, NULL)"
    )
    connection.execute("INSERT INTO Repetitions VALUES (1, 1, ?)", (loop_timestamp(D),))
    connection.commit()
    connection.close()
    [floss] = read_loop_database(path, today=TODAY).promises
    assert floss.promise.schedule.spec == "2/week"
    assert floss.promise.why == "Old habit"
    assert [(m.day, m.status) for m in floss.marks] == [(D, MarkStatus.KEPT)]


def test_importing_a_loop_backup_twice_adds_nothing_the_second_time(tmp_path):
    path = write_loop_database(tmp_path / "backup.db", habits())
    plan = read_loop_database(path, today=TODAY)
    once = applied(TrackerData(), merge_plan(plan, TrackerData()))
    assert len(once.promises) == len(habits())
    assert merge_plan(read_loop_database(path, today=TODAY), once).is_empty


def test_csv_folders_are_matched_by_number_not_by_name():
    specs = [
        LoopHabitSpec("Ünïcode & / stuff?", 1, 1, {day(0): YES}),
        LoopHabitSpec("Ünïcode & / stuff!", 1, 1, {day(1): NO}),
    ]
    plan = read_loop_csv_zip(loop_csv_zip(specs), file_name="x.zip", today=TODAY)
    first, second = plan.promises
    assert [(m.day, m.status) for m in first.marks] == [(day(0), MarkStatus.KEPT)]
    assert [(m.day, m.status) for m in second.marks] == [(day(1), MarkStatus.MISSED)]


def test_a_title_tracker_cannot_keep_is_listed_with_the_reason_and_the_rest_imported(tmp_path):
    specs = [
        LoopHabitSpec("Bell\x07", 1, 1, {day(0): YES}),
        LoopHabitSpec("Fine", 1, 1, {day(0): YES}),
    ]
    plan = read_loop_database(write_loop_database(tmp_path / "b.db", specs), today=TODAY)
    assert [p.promise.title for p in plan.promises] == ["Fine"]
    assert "control character" in str(plan.unmapped[0])
    assert "1 days" in str(plan.unmapped[0])


# --- damaged and hostile files -------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path):
    path = tmp_path / "backup.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(ForeignFileError) as refused:
        read_loop_database(path, today=TODAY)
    assert str(refused.value).startswith(f"Cannot import {path}: ")
    assert "\n" not in str(refused.value)


def test_a_database_without_loops_tables_is_refused(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).executescript("CREATE TABLE notes (x); ")
    with pytest.raises(ForeignFileError, match="no Habits and Repetitions tables"):
        read_loop_database(path, today=TODAY)


def _with_repetitions(path, habits: int, days: int) -> None:
    """`days` repetitions for each of the habits numbered 1 to `habits`."""
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO Repetitions (habit, timestamp, value) "
        f"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {days - 1}), "
        f"h(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM h WHERE k < {habits}) "
        "SELECT k, i * 86400000, 2 FROM h, n"
    )
    connection.commit()
    connection.close()


def test_a_huge_repetitions_table_is_refused_from_its_count(tmp_path):
    path = write_loop_database(tmp_path / "huge.db", [LoopHabitSpec(f"Walk {n}") for n in range(7)])
    _with_repetitions(path, habits=7, days=30_000)
    with pytest.raises(ForeignFileError, match="holds 210,000 repetitions, more than the 200,000"):
        read_loop_database(path, today=TODAY)


def test_a_habit_of_centuries_is_refused_from_its_count(tmp_path):
    path = write_loop_database(tmp_path / "long.db", [LoopHabitSpec("Walk")])
    _with_repetitions(path, habits=1, days=36_601)
    with pytest.raises(ForeignFileError, match="one habit holds 36,601 repetitions"):
        read_loop_database(path, today=TODAY)


def test_a_thousand_and_one_habits_are_refused_from_their_count(tmp_path):
    specs = [LoopHabitSpec(f"Habit {n}") for n in range(1_001)]
    path = write_loop_database(tmp_path / "many.db", specs)
    with pytest.raises(ForeignFileError, match="holds 1,001 habits, more than the 1,000"):
        read_loop_database(path, today=TODAY)


def test_a_database_that_takes_too_long_is_given_up(tmp_path):
    path = tmp_path / "slow.db"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE Habits (id integer, name text);"
        # A view that never ends where Loop's table should be.
        "CREATE VIEW Repetitions AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n)"
        " SELECT 1 AS habit, 0 AS timestamp, 2 AS value, '' AS notes FROM n WHERE i < 0;"
        "CREATE TABLE Repetitions2 (x);"
    )
    connection.execute("INSERT INTO Habits VALUES (1, 'Walk')")
    connection.commit()
    connection.close()
    # A view is not a table: refused before reading it.
    with pytest.raises(ForeignFileError, match="no Habits and Repetitions tables"):
        read_loop_database(path, today=TODAY, limits=ImportLimits(max_seconds=0.5))


def test_a_slow_query_is_interrupted_at_the_time_limit(tmp_path):
    path = write_loop_database(tmp_path / "big.db", [LoopHabitSpec("Walk")])
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO Repetitions (habit, timestamp, value) "
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 150000) "
        "SELECT 2, i * 86400000, 2 FROM n"  # rows of a deleted habit: read and passed over
    )
    connection.commit()
    connection.close()
    with pytest.raises(ForeignFileError, match="took longer than 0 seconds"):
        read_loop_database(path, today=TODAY, limits=ImportLimits(max_seconds=0.0001))


def test_a_huge_text_field_is_refused(tmp_path):
    path = write_loop_database(tmp_path / "big-text.db", [LoopHabitSpec("x" * 500_000)])
    with pytest.raises(ForeignFileError, match="text longer than"):
        read_loop_database(path, today=TODAY)


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    bomb = zip_bomb(300 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ForeignFileError, match="a zip bomb"):
        read_loop_csv_zip(bomb, file_name="bomb.zip", today=TODAY)
    small = zip_bomb(8 * 1024 * 1024)
    with pytest.raises(ForeignFileError, match="times larger than it is packed"):
        read_loop_csv_zip(small, file_name="bomb.zip", today=TODAY)


def test_a_csv_with_a_million_rows_is_refused_with_bounded_work():
    first = date(1000, 1, 1)
    rows = "Date,Value,Notes\n" + "".join(
        f"{first + timedelta(days=n)},{('YES_MANUAL', 'NO', 'SKIP')[n % 3]},\n"
        for n in range(1_000_000)
    )
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name\n001,Walk\n")
        archive.writestr("001 Walk/Checkmarks.csv", rows)
    with pytest.raises(ForeignFileError, match="more than 36,600 rows"):
        read_loop_csv_zip(buffer.getvalue(), file_name="big.zip", today=TODAY)


def test_a_zip_without_habits_csv_or_a_damaged_zip_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ForeignFileError, match=r"no Habits\.csv"):
        read_loop_csv_zip(buffer.getvalue(), file_name="x.zip", today=TODAY)
    with pytest.raises(ForeignFileError, match="not a zip file that can be read"):
        read_loop_csv_zip(b"PK\x03\x04garbage", file_name="x.zip", today=TODAY)


def test_two_habits_of_one_title_keep_the_first_mark_of_a_day_and_say_how_many(tmp_path):
    first = LoopHabitSpec("Walk", entries={date(2026, 1, 5): 2, date(2026, 1, 6): 2})
    second = LoopHabitSpec(
        " walk ", freq_num=3, freq_den=7, entries={date(2026, 1, 6): 0, date(2026, 1, 7): 2}
    )
    plan = read_loop_database(
        write_loop_database(tmp_path / "two.db", [first, second]), today=TODAY
    )
    (walk,) = plan.promises
    assert [(m.day.day, m.status) for m in walk.marks] == [
        (5, MarkStatus.KEPT),
        (6, MarkStatus.KEPT),
        (7, MarkStatus.KEPT),
    ]
    assert walk.approximations == (
        "'Walk': another habit of the same title (2 days) was merged into it: 1 day it lacked "
        "was added; on 1 day both had, the first's mark was kept; its rhythm (3 days a week) "
        "was not kept",
    )
