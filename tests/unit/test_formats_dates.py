"""The days an import brings follow the rules of a day typed in (issue 17 points 3 and 6):
nothing kept in the future, no absurd years, and the calendar export never overflows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from foreign_files import LoopHabitSpec, write_harsh, write_loop_database

from tracker.errors import ForeignFileError, ValidationError
from tracker.formats.data import ExportScope, TrackerData
from tracker.formats.detect import read_import
from tracker.formats.ics import export_ics
from tracker.formats.tracker_json import export_json
from tracker.model import Mark, MarkStatus, Promise
from tracker.parsing import parse_date
from tracker.schedule import parse_schedule

TODAY = date(2026, 11, 25)
KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED
STAMP = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_a_typed_date_beyond_2100_is_refused_in_words():
    with pytest.raises(
        ValidationError, match=r"'9999-12-27' is too far ahead; give a year up to 2100"
    ):
        parse_date("9999-12-27", TODAY)
    assert parse_date("2100-12-31", TODAY) == date(2100, 12, 31)


def test_a_harsh_log_keeps_no_day_that_has_not_come(tmp_path: Path):
    log = write_harsh(
        tmp_path / "h",
        "Walk: 1\n",
        [
            "2026-11-24 : Walk : y",
            "2026-11-25 : Walk : y",
            "2026-11-26 : Walk : y",
            "2088-01-01 : Walk : n",
            "2026-12-20 : Walk : s : a trip",
        ],
    )
    plan = read_import(log, today=TODAY)
    (walk,) = plan.promises
    assert [(m.day, m.status) for m in walk.marks] == [
        (date(2026, 11, 24), KEPT),
        (date(2026, 11, 25), KEPT),
        (date(2026, 12, 20), EXCUSED),  # a day ahead can be excused, as `tracker excuse` takes
    ]
    (named,) = [str(u) for u in plan.unmapped]
    assert named.startswith("2 days of 'Walk' (2026-11-26 to 2088-01-01): they have not come yet")


def test_a_loop_backup_keeps_no_day_that_has_not_come(tmp_path: Path):
    walk = LoopHabitSpec("Walk", entries={date(2026, 11, 20): 2, date(2199, 12, 30): 2})
    plan = read_import(write_loop_database(tmp_path / "loop.db", [walk]), today=TODAY)
    (promise,) = plan.promises
    assert [m.day for m in promise.marks] == [date(2026, 11, 20)]
    assert promise.promise.start == date(2026, 11, 20)
    assert any("1 day of 'Walk' (2199-12-30)" in str(u) for u in plan.unmapped)


def test_a_habit_whose_only_days_lie_ahead_starts_today(tmp_path: Path):
    log = write_harsh(tmp_path / "h", "Walk: 1\n", ["9999-12-31 : Walk : y"])
    (walk,) = read_import(log, today=TODAY).promises
    assert walk.promise.start == TODAY and walk.marks == ()


def test_a_far_end_in_a_harsh_habits_file_is_left_out_and_said(tmp_path: Path):
    log = write_harsh(tmp_path / "h", "Walk: 1: 9999-12-31\n", ["2026-11-20 : Walk : y"])
    (walk,) = read_import(log, today=TODAY).promises
    assert walk.promise.end is None
    assert any("its end 9999-12-31 is not kept" in text for text in walk.approximations)


def _export(tmp_path: Path, promise: Promise, marks: dict[date, Mark]) -> Path:
    path = tmp_path / "export.json"
    data = TrackerData(promises=(promise,), marks={promise.id: marks})
    path.write_bytes(export_json(data, exported=STAMP))
    return path


def test_a_tracker_export_keeps_no_mark_that_has_not_come(tmp_path: Path):
    walk = Promise("Walk", parse_schedule("daily"), date(2026, 1, 1), id=1)
    days = [date(2026, 11, 25), date(2026, 11, 26), date(9999, 12, 31)]
    path = _export(tmp_path, walk, {day: Mark(1, day, KEPT) for day in days})
    plan = read_import(path, today=TODAY)
    assert [m.day for m in plan.promises[0].marks] == [date(2026, 11, 25)]
    assert [str(u).split(":")[0] for u in plan.unmapped] == [
        "1 mark of 'Walk' (2026-11-26)",
        "1 mark of 'Walk' (9999-12-31)",
    ]
    assert "they have not come yet" in str(plan.unmapped[0])
    assert "outside 1900 to 2100" in str(plan.unmapped[1])


def test_a_tracker_export_with_a_start_in_year_9999_is_refused_in_one_line(tmp_path: Path):
    far = Promise("Far", parse_schedule("3/week"), date(9999, 12, 27), id=1)
    path = _export(tmp_path, far, {})
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    text = str(refused.value)
    assert "\n" not in text
    assert "start 9999-12-27 lies outside 1900 to 2100, the years tracker keeps" in text


@pytest.mark.parametrize("spec", ["3/week", "daily", "every 5 days", "mon,wed"])
def test_the_calendar_export_never_overflows_on_a_far_date(spec):
    far = Promise("Far", parse_schedule(spec), date(9999, 12, 27), id=1)
    ending = Promise(
        "Ending far", parse_schedule(spec), date(2026, 11, 2), end=date(9999, 12, 31), id=2
    )
    data = TrackerData(promises=(far, ending))
    ics = export_ics(data, today=TODAY, time_zone="UTC", stamp=STAMP, scope=ExportScope())
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert events and all(str(event["summary"]).startswith("Ending far") for event in events)
    for event in events:
        rule = event.get("rrule")
        if rule and "UNTIL" in rule:
            (until,) = rule["UNTIL"]
            assert until.year == 2100
