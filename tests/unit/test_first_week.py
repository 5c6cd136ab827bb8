"""A couple's first week: days before a promise was added are to fill in, never missed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.stats import consistency, current_streak, day_status, promise_stats, units

TODAY = date(2026, 11, 25)  # a Wednesday
ADDED = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
KEPT = MarkStatus.KEPT


def started_a_week_ago(schedule: str = "daily") -> Promise:
    """Added today, its start set back a week to the day its writer really began."""
    start = TODAY - timedelta(days=7)
    return Promise("Phone away at dinner", parse_schedule(schedule), start, id=1, created=ADDED)


def kept_on(*days_ago: int) -> dict[date, Mark]:
    days = [TODAY - timedelta(days=n) for n in days_ago]
    return {day: Mark(1, day, KEPT) for day in days}


def test_days_before_the_promise_was_added_are_open_not_missed():
    promise = started_a_week_ago()
    marks = kept_on(1)
    assert day_status(promise, marks, TODAY - timedelta(days=3), TODAY) is DayStatus.OPEN
    assert day_status(promise, marks, TODAY - timedelta(days=1), TODAY) is DayStatus.KEPT


def test_recording_only_the_days_really_kept_reads_as_a_beginning():
    promise = started_a_week_ago()
    marks = kept_on(1, 2)
    figures = promise_stats(promise, marks, TODAY)
    assert current_streak(promise, marks, TODAY) == 2
    assert figures.current_streak == 2
    assert figures.consistency_7 == 1.0
    assert consistency(promise, marks, TODAY, 7) == 1.0
    assert figures.strength > 0
    assert [unit.outcome.value for unit in units(promise, marks, TODAY)].count("missed") == 0


def test_from_the_day_it_was_added_an_unmarked_day_is_missed_as_before():
    promise = started_a_week_ago()
    tomorrow_after = TODAY + timedelta(days=2)
    assert day_status(promise, {}, TODAY, tomorrow_after) is DayStatus.MISSED
    assert day_status(promise, {}, TODAY - timedelta(days=1), tomorrow_after) is DayStatus.OPEN


def test_a_weekly_promise_started_earlier_has_no_missed_week_before_it_was_added():
    promise = started_a_week_ago("3/week")
    marks = kept_on(0)
    outcomes = [unit.outcome.value for unit in units(promise, marks, TODAY)]
    assert "missed" not in outcomes
    assert promise_stats(promise, marks, TODAY).consistency_7 == 1.0


def test_a_promise_without_a_known_added_day_is_judged_from_its_start():
    promise = Promise("Walk", parse_schedule("daily"), TODAY - timedelta(days=7), id=1)
    assert day_status(promise, {}, TODAY - timedelta(days=3), TODAY) is DayStatus.MISSED
