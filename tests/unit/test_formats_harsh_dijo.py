"""harsh's log and habits file, and dijo's habit_record.json, come in as promises and days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from foreign_files import dijo_record, write_harsh

from tracker.errors import ForeignFileError
from tracker.formats.data import TrackerData
from tracker.formats.dijo import read_dijo
from tracker.formats.harsh import read_harsh
from tracker.formats.limits import ImportLimits
from tracker.formats.plan import applied, merge_plan
from tracker.model import MarkStatus, Measure

TODAY = date(2026, 11, 25)
KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED

HABITS = """\
# This is your habits file.
! Together
Walk after dinner: 1
Gymmed: 3/7
Called Mom: 1w
Tracked Finances: 15
Too much coffee: 0
! Retired
Old project: 1: 2026-02-01
Read <i>together</i>: 2/3w
Bad line without a colon
Weird: 3/x
"""

LOG = [
    "2026-01-05 : Walk after dinner : y",
    "2026-01-06 : Walk after dinner : n : raining : 0",
    "2026-01-07 : Walk after dinner : s : travelling",
    "2026-01-06 : Walk after dinner : y : it cleared up : 2.5",  # the last line for a day wins
    "2026-01-05 : Gymmed : y",
    "2026-01-05 : Too much coffee : y :  : 3",
    "2026-01-05 : Old project : y",
    "2026-01-08 : Renamed habit : y",
    "# a comment",
    "",
    "2026-13-01 : Walk after dinner : y",
    "2026-01-09 : Walk after dinner : maybe",
    "not a log line at all",
    "2026-01-10 : Walk after dinner : y : a : b : c",
]


def harsh_plan(tmp_path: Path):
    return read_harsh(write_harsh(tmp_path / "harsh", HABITS, LOG), today=TODAY)


def titles(plan) -> dict:
    return {p.promise.title: p for p in plan.promises}


def days(planned) -> dict:
    return {m.day: (m.status, m.reason, m.note) for m in planned.marks}


def test_harsh_days_come_in_with_skips_excused_and_the_last_line_winning(tmp_path):
    walk = titles(harsh_plan(tmp_path))["Walk after dinner"]
    assert days(walk) == {
        date(2026, 1, 5): (KEPT, "", ""),
        date(2026, 1, 6): (KEPT, "", "it cleared up"),
        date(2026, 1, 7): (EXCUSED, "skipped in harsh", "travelling"),
    }
    assert walk.promise.schedule.spec == "daily" and walk.promise.start == date(2026, 1, 5)
    # Its amount is kept exactly; harsh has no target, so the least kept amount is taken.
    assert walk.promise.measure == Measure("units", 2.5)
    assert amounts(walk)[date(2026, 1, 6)] == (KEPT, 2.5)
    assert any("harsh keeps no target" in text for text in walk.approximations)


def test_harsh_frequencies_end_dates_and_untargeted_habits(tmp_path):
    found = titles(harsh_plan(tmp_path))
    assert found["Gymmed"].promise.schedule.spec == "3/week"
    assert "Monday-to-Sunday weeks" in found["Gymmed"].approximations[0]
    assert found["Called Mom"].promise.schedule.spec == "1/week"
    assert found["Tracked Finances"].promise.schedule.spec == "every 15 days"
    assert found["Read <i>together</i>"].promise.schedule.spec == "every 10 days"  # 2 in 21 days
    coffee = found["Too much coffee"]
    assert coffee.promise.archived and days(coffee) == {date(2026, 1, 5): (KEPT, "", "")}
    assert amounts(coffee) == {date(2026, 1, 5): (KEPT, 3)}  # its amount kept on its day
    assert found["Old project"].promise.end == date(2026, 2, 1)
    renamed = found["Renamed habit"]
    assert renamed.promise.archived and "not in the habits file" in renamed.approximations[0]
    assert found["Weird"].promise.archived


def test_harsh_lines_that_do_not_fit_are_listed_by_number(tmp_path):
    unmapped = [str(item) for item in harsh_plan(tmp_path).unmapped]
    assert "1 lines of the habits file (line 11): they do not fit harsh's format" in unmapped
    assert "4 lines of the log (line 11, 12, 13, 14): they do not fit harsh's format" in unmapped


def test_a_harsh_log_without_its_habits_file_imports_every_name_archived(tmp_path):
    log = write_harsh(tmp_path / "h", "", LOG[:3])
    (tmp_path / "h" / "habits").unlink()
    plan = read_harsh(log, today=TODAY)
    assert [p.promise.archived for p in plan.promises] == [True]
    assert "no habits file beside the log" in plan.remarks[0]


def test_importing_harsh_twice_adds_nothing_the_second_time(tmp_path):
    plan = harsh_plan(tmp_path)
    once = applied(TrackerData(), merge_plan(plan, TrackerData()))
    assert merge_plan(harsh_plan(tmp_path), once).is_empty


def test_a_huge_harsh_log_is_refused_and_a_long_line_reported(tmp_path):
    log = write_harsh(tmp_path / "h", "Walk: 1\n", ["2026-01-05 : Walk : y : " + "x" * 50_000])
    plan = read_harsh(log, today=TODAY)
    assert "line 1" in str(plan.unmapped[0])
    with pytest.raises(ForeignFileError, match="more than the 1,000 bytes"):
        read_harsh(log, today=TODAY, limits=ImportLimits(max_file_bytes=1000))


def test_a_harsh_log_that_is_not_utf8_is_refused(tmp_path):
    log = write_harsh(tmp_path / "h", "Walk: 1\n", [])
    log.write_bytes(b"2026-01-05 : Caf\xe9 : y\n")
    with pytest.raises(ForeignFileError, match="not UTF-8 text"):
        read_harsh(log, today=TODAY)


DIJO = [
    {
        "type": "Bit",
        "name": "Walk",
        "stats": {"2026-01-05": True, "2026-01-06": False},
        "goal": True,
        "auto": False,
    },
    {
        "type": "Count",
        "name": "Pages",
        "stats": {"2026-01-05": 12, "2026-01-06": 3},
        "goal": 10,
        "auto": False,
    },
    {
        "type": "Float",
        "name": "Km",
        "stats": {
            "2026-01-05": {"value": 52, "precision": 1},
            "2026-01-06": {"value": 4, "precision": 1},
        },
        "goal": {"value": 50, "precision": 1},
        "precision": 1,
        "auto": True,
    },
    {
        "type": "Bit",
        "name": "Broken",
        "stats": {"yesterday": True, "2026-01-05": "yes"},
        "goal": True,
    },
    {"type": "Mood", "name": "Unknown kind", "stats": {}},
    "not even an object",
]


def amounts(planned) -> dict[date, tuple[MarkStatus, float | None]]:
    return {mark.day: (mark.status, mark.amount) for mark in planned.marks}


def test_dijo_habits_become_daily_promises_judged_by_their_goal():
    plan = read_dijo(dijo_record(DIJO), file_name="habit_record.json", today=TODAY)
    found = titles(plan)
    assert days(found["Walk"]) == {
        date(2026, 1, 5): (KEPT, "", ""),
        date(2026, 1, 6): (MISSED, "", ""),
    }
    # Count and Float habits keep their values as amounts, exactly (issue 22).
    assert found["Walk"].promise.measure is None
    assert found["Pages"].promise.measure == Measure("times", 10)
    assert amounts(found["Pages"]) == {
        date(2026, 1, 5): (KEPT, 12),
        date(2026, 1, 6): (MISSED, 3),
    }
    assert found["Km"].promise.measure == Measure("units", 5)
    assert amounts(found["Km"]) == {
        date(2026, 1, 5): (KEPT, 5.2),
        date(2026, 1, 6): (MISSED, 0.4),
    }
    assert "measured: at least 5 units" in found["Km"].approximations[0]
    assert "tracked automatically in dijo" in found["Km"].approximations[1]
    assert all(p.promise.schedule.spec == "daily" for p in plan.promises)
    reasons = [str(item) for item in plan.unmapped]
    assert "2 days of 'Broken': unreadable date or value" in reasons
    assert "habit 5: not a Bit, Count or Float habit" in reasons
    assert "habit 6: not a Bit, Count or Float habit" in reasons


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{}", "not a list of dijo habits"),
        (b"[" * 5000 + b"]" * 5000, "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_damaged_dijo_file_is_refused_in_one_line(data, message):
    with pytest.raises(ForeignFileError, match=message):
        read_dijo(data, file_name="habit_record.json", today=TODAY)
