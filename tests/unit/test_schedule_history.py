"""Rescheduling a promise keeps its whole history: each day is judged by the schedule it had."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_stats_properties import histories, schedules

from tracker.clock import Clock
from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, Promise, SchedulePeriod, promise_document, rescheduled
from tracker.schedule import parse_schedule
from tracker.service import DayRow, Tracker
from tracker.service.marks import refuse_unmarkable
from tracker.stats import (
    best_runs,
    consistency,
    day_states,
    day_status,
    is_due_on,
    promise_stats,
    strength,
    units,
    week_target,
)
from tracker.store import Store
from tracker.store.codec import BadDocument, promise_from_doc

ONE_DAY = timedelta(days=1)
KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED
START = date(2026, 9, 7)  # a Monday
TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def schedule(spec: str):
    return parse_schedule(spec)


def promise(spec: str = "mon,wed,fri", start: date = START, **fields) -> Promise:
    return Promise("Phone away at dinner", schedule(spec), start, id=1, **fields)


def kept_on_due_days(p: Promise, first: date, last: date) -> dict[date, Mark]:
    """A mark kept on every due day from `first` to `last`, by the schedule of each day."""
    marks, day = {}, first
    while day <= last:
        in_force, anchor = p.schedule_on(day)
        if in_force.is_due(anchor, day):
            marks[day] = Mark(p.id, day, KEPT)
        day += ONE_DAY
    return marks


def open_store(folder: Path) -> Store:
    return Store.open(folder / "tracker.json", now=lambda: NOW)


def service_on(store: Store, today: date) -> Tracker:
    """The service on an evening of `today`."""
    return Tracker(store, Clock(UTC, frozen=datetime.combine(today, NOW.time(), tzinfo=UTC)))


def edit_promise(store: Store, original: Promise, edited: Promise, today: date) -> Promise:
    return service_on(store, today).promises.edit(original, edited).saved


def day_rows(store: Store, day: date, today: date) -> tuple[DayRow, ...]:
    return service_on(store, today).marks.day(day).rows


# --- the review's example ----------------------------------------------------------------------


def review_history() -> tuple[Promise, dict[date, Mark]]:
    """Mon, Wed, Fri since September: 23 due days kept, one slip, then kept up to yesterday."""
    p = promise()
    marks = kept_on_due_days(p, START, TODAY - ONE_DAY)
    due_days = sorted(marks)
    marks[due_days[23]] = Mark(1, due_days[23], MISSED)
    return p, marks


def test_going_from_mon_wed_fri_to_daily_keeps_the_best_streak_and_the_past(tmp_path):
    store = open_store(tmp_path)
    p, marks = review_history()
    p = store.add_promise(p)
    store.put_marks(marks.values())
    before = promise_stats(p, marks, TODAY)
    assert before.best_streak == 23

    daily = edit_promise(store, p, replace(p, schedule=schedule("daily")), TODAY)

    assert daily.schedule == schedule("daily")
    assert daily.schedule_since == TODAY
    assert daily.earlier == (SchedulePeriod(schedule("mon,wed,fri"), TODAY - ONE_DAY),)
    assert store.promise(p.id) == daily
    # Today is open under the new schedule, so nothing changed: not a single figure.
    assert promise_stats(daily, marks, TODAY) == before
    # Tomorrow, the streak goes on daily, and the past is still the past.
    marks[TODAY] = Mark(1, TODAY, KEPT)
    tomorrow = promise_stats(daily, marks, TODAY + ONE_DAY)
    assert tomorrow.best_streak == 23
    assert tomorrow.current_streak == before.current_streak + 1
    # 13 days judged in the last 30: 12 Mondays, Wednesdays and Fridays, and today; 1 slip.
    # (Rewritten as daily, every unmarked day in between would have been a slip.)
    assert tomorrow.consistency_30 == pytest.approx(12 / 13)
    assert tomorrow.strength >= before.strength


def test_the_days_before_a_change_keep_their_state_in_the_heatmap():
    p, marks = review_history()
    daily = rescheduled(p, schedule("daily"), TODAY)
    window = (START, TODAY + ONE_DAY)
    later = TODAY + timedelta(days=10)
    old_states = day_states(p, marks, *window, later)
    new_states = day_states(daily, marks, *window, later)
    for day in old_states:
        if day < TODAY:
            assert new_states[day] == old_states[day], day
    tuesday = TODAY - ONE_DAY
    assert day_status(daily, marks, tuesday, later).value == "not-due"
    assert day_status(daily, marks, TODAY + ONE_DAY, later).value == "missed"


# --- recording a change ----------------------------------------------------------------------


def test_a_change_is_recorded_from_the_day_it_is_made():
    p = rescheduled(promise(), schedule("daily"), TODAY)
    assert p.earlier == (SchedulePeriod(schedule("mon,wed,fri"), TODAY - ONE_DAY),)
    assert p.schedule_since == TODAY
    assert p.schedule_on(TODAY - ONE_DAY) == (schedule("mon,wed,fri"), START)
    assert p.schedule_on(TODAY) == (schedule("daily"), TODAY)
    assert p.schedule_on(START - ONE_DAY) == (schedule("mon,wed,fri"), START)


def test_a_second_change_the_same_day_replaces_the_first():
    once = rescheduled(promise(), schedule("daily"), TODAY)
    twice = rescheduled(once, schedule("weekdays"), TODAY)
    assert twice.schedule == schedule("weekdays")
    assert twice.earlier == once.earlier


def test_changing_back_the_same_day_leaves_no_history():
    there = rescheduled(promise(), schedule("daily"), TODAY)
    assert rescheduled(there, schedule("mon,wed,fri"), TODAY) == promise()


def test_setting_the_same_schedule_again_changes_nothing():
    p = rescheduled(promise(), schedule("daily"), TODAY - timedelta(days=7))
    assert rescheduled(p, schedule("every day"), TODAY) == p
    assert rescheduled(promise(), schedule("wed,fri,mon"), TODAY) == promise()


def test_a_change_before_the_promise_starts_simply_replaces_the_schedule():
    later = promise(start=TODAY + timedelta(days=3))
    assert rescheduled(later, schedule("daily"), TODAY) == replace(
        later, schedule=schedule("daily")
    )


def test_several_changes_keep_each_schedule_on_its_own_days():
    first_change, second_change = date(2026, 10, 1), date(2026, 11, 2)
    p = rescheduled(promise(), schedule("daily"), first_change)
    p = rescheduled(p, schedule("2/week"), second_change)
    assert [period.schedule.spec for period in p.periods()] == ["mon,wed,fri", "daily", "2/week"]
    assert [(period.start, period.end) for period in p.periods()] == [
        (START, first_change - ONE_DAY),
        (first_change, second_change - ONE_DAY),
        (second_change, None),
    ]
    assert p.as_of(date(2026, 10, 15)) == rescheduled(promise(), schedule("daily"), first_change)
    assert p.as_of(START) == promise()


def test_a_history_out_of_order_is_refused():
    bad = promise(
        earlier=(
            SchedulePeriod(schedule("daily"), date(2026, 10, 5)),
            SchedulePeriod(schedule("weekdays"), date(2026, 10, 1)),
        )
    )
    with pytest.raises(ValidationError, match="out of order"):
        bad.validated()


# --- figures as of an earlier day never see a later change -------------------------------------


@given(histories(), st.integers(-3, 160), schedules, st.integers(1, 12))
def test_a_change_never_alters_the_figures_or_the_days_before_it(history, offset, new, later):
    p, marks, _ = history
    effective = p.start + timedelta(days=offset)
    changed = rescheduled(p, new, effective)
    for as_of in (effective - timedelta(days=n) for n in (1, 2, 8, 40)):
        stats, changed_stats = promise_stats(p, marks, as_of), promise_stats(changed, marks, as_of)
        if as_of < p.start:
            # Not started yet: a change before the start simply replaces the schedule, so
            # only the name of the (empty) streak's unit may differ.
            changed_stats = replace(changed_stats, streak_unit=stats.streak_unit)
        assert changed_stats == stats
        assert best_runs(changed, marks, as_of) == best_runs(p, marks, as_of)
    first = min(p.start, effective) - ONE_DAY
    for today in (effective - ONE_DAY, effective, effective + timedelta(days=later)):
        before = day_states(p, marks, first, effective - ONE_DAY, today)
        assert day_states(changed, marks, first, effective - ONE_DAY, today) == before


def test_as_of_the_day_before_a_change_its_week_is_still_whole():
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    weekly = promise("3/week")
    marks = {day: Mark(1, day, KEPT) for day in (monday, tuesday)}
    daily_from_today = rescheduled(weekly, schedule("daily"), TODAY)
    # On Tuesday the change was not made yet: 2 of 3 kept, the week still open.
    assert promise_stats(daily_from_today, marks, tuesday) == promise_stats(weekly, marks, tuesday)
    assert promise_stats(weekly, marks, tuesday).current_streak == 0
    assert week_target(daily_from_today, tuesday, marks, tuesday) == (2, 3)
    # From today, Monday and Tuesday were a short week of their own under 3/week: met.
    assert week_target(daily_from_today, tuesday, marks, TODAY) == (2, 2)
    assert [u.outcome.value for u in units(daily_from_today, marks, TODAY)][-2:] == [
        "kept",
        "open",
    ]


# --- every N days after a change ----------------------------------------------------------------


def test_every_n_days_after_a_change_counts_from_the_day_of_the_change():
    thursday = date(2026, 11, 19)
    p = rescheduled(promise("daily"), schedule("every 3 days"), thursday)
    due = [day for day in (thursday + timedelta(days=n) for n in range(7)) if is_due_on(p, {}, day)]
    assert due == [thursday, thursday + timedelta(days=3), thursday + timedelta(days=6)]
    assert day_status(p, {}, thursday + ONE_DAY, TODAY).value == "not-due"
    assert day_status(p, {}, thursday - ONE_DAY, TODAY).value == "missed"  # daily back then


def test_a_past_day_can_be_marked_if_its_own_schedule_asked_for_it():
    p = rescheduled(promise(), schedule("daily"), TODAY)
    refuse_unmarkable(p, TODAY - timedelta(days=2), TODAY)  # Monday: due back then
    with pytest.raises(ValidationError, match="not due on Tuesday"):
        refuse_unmarkable(p, TODAY - ONE_DAY, TODAY)
    refuse_unmarkable(p, TODAY, TODAY)


# --- between days and weeks -------------------------------------------------------------------


def test_going_from_daily_to_2_a_week_counts_the_streak_in_weeks_from_then_on():
    monday = date(2026, 11, 2)
    p = rescheduled(promise("daily"), schedule("2/week"), monday)
    marks = kept_on_due_days(promise("daily"), START, monday - ONE_DAY)  # 8 weeks of days
    for week in range(3):
        for offset in (1, 3):
            day = monday + timedelta(days=7 * week + offset)
            marks[day] = Mark(1, day, KEPT)
    marks[date(2026, 11, 23)] = Mark(1, date(2026, 11, 23), KEPT)  # 1 of 2 this week so far
    stats = promise_stats(p, marks, TODAY)
    assert (stats.current_streak, stats.streak_unit) == (3, "weeks")
    assert stats.best_streak == 3  # the best run in weeks, not the 56 days before
    assert [run.length for run in best_runs(p, marks, TODAY)] == [3]
    assert stats.consistency_90 == 1.0  # days and weeks all kept
    assert stats.strength == strength(p, marks, TODAY)
    as_daily = promise_stats(p, marks, monday - ONE_DAY)
    assert (as_daily.current_streak, as_daily.streak_unit) == (56, "days")


def test_a_missed_day_before_the_change_does_not_break_the_weeks_that_follow():
    monday = date(2026, 11, 2)
    p = rescheduled(promise("daily"), schedule("1/week"), monday)
    sunday = monday - ONE_DAY
    marks = {sunday: Mark(1, sunday, MISSED)}
    for day in (monday, monday + timedelta(days=8)):  # a day in each week since
        marks[day] = Mark(1, day, KEPT)
    stats = promise_stats(p, marks, date(2026, 11, 15))
    assert (stats.current_streak, stats.streak_unit) == (2, "weeks")


def test_a_week_cut_by_a_change_asks_only_for_its_own_days():
    wednesday = date(2026, 11, 18)
    p = rescheduled(promise("daily"), schedule("3/week"), wednesday)
    marks = {wednesday: Mark(1, wednesday, KEPT)}
    # Wednesday to Sunday under 3/week: 3 days; the daily Monday and Tuesday are their own.
    assert week_target(p, wednesday + ONE_DAY, marks) == (1, 3)
    assert week_target(p, date(2026, 11, 23), marks) == (0, 3)  # a whole week after
    assert [(u.start, u.outcome.value) for u in units(p, marks, wednesday)][-3:] == [
        (date(2026, 11, 16), "missed"),
        (date(2026, 11, 17), "missed"),
        (date(2026, 11, 16), "open"),
    ]


def test_from_weeks_back_to_days_the_streak_counts_days_again():
    monday = date(2026, 11, 2)
    p = rescheduled(promise("2/week"), schedule("daily"), monday)
    marks = kept_on_due_days(p, monday, TODAY - ONE_DAY)
    for week in range(8):
        for offset in (0, 2):
            day = START + timedelta(days=7 * week + offset)
            marks[day] = Mark(1, day, KEPT)
    stats = promise_stats(p, marks, TODAY)
    assert (stats.current_streak, stats.streak_unit) == (23, "days")
    assert stats.best_streak == 23
    assert consistency(p, marks, TODAY, 90) == 1.0


def test_days_weeks_then_days_again_the_weeks_end_a_run_of_days():
    to_weeks, back_to_days = date(2026, 10, 5), date(2026, 11, 2)
    p = rescheduled(
        rescheduled(promise("daily"), schedule("2/week"), to_weeks), schedule("daily"), back_to_days
    )
    marks = kept_on_due_days(promise("daily"), START, to_weeks - ONE_DAY)
    marks |= kept_on_due_days(promise("daily"), back_to_days, TODAY - ONE_DAY)
    for week in range(4):
        for offset in (0, 2):
            day = to_weeks + timedelta(days=7 * week + offset)
            marks[day] = Mark(1, day, KEPT)
    runs = best_runs(p, marks, TODAY)
    assert [(run.start, run.end, run.length) for run in runs] == [
        (START, to_weeks - ONE_DAY, 28),
        (back_to_days, TODAY - ONE_DAY, 23),
    ]
    stats = promise_stats(p, marks, TODAY)
    assert (stats.current_streak, stats.best_streak, stats.streak_unit) == (23, 28, "days")


# --- the Today list looks back without seeing later marks ----------------------------------------


def test_looking_back_at_a_day_does_not_count_the_weeks_later_marks(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise("2/week", start=date(2026, 11, 2)))
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    store.put_marks([Mark(p.id, monday, KEPT), Mark(p.id, TODAY, KEPT)])
    [row] = day_rows(store, tuesday, TODAY)
    # The week count is as of Tuesday; the day as it stands now: the week is met, so an
    # unmarked Tuesday asked nothing (it is not counted in the day's summary).
    assert (row.week_kept, row.week_target, row.due) == (1, 2, False)
    [row] = day_rows(store, TODAY, TODAY)
    assert (row.week_kept, row.week_target) == (2, 2)
    assert is_due_on(p, store.marks_of(p.id), tuesday, TODAY)
    assert not is_due_on(p, store.marks_of(p.id), TODAY + ONE_DAY, TODAY + ONE_DAY)


# --- editing a promise -----------------------------------------------------------------------


def test_moving_the_start_past_a_mark_is_refused_and_changes_nothing(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise("daily", start=date(2026, 11, 1)))
    store.put_mark(Mark(p.id, date(2026, 11, 2), KEPT))
    with pytest.raises(ValidationError) as refused:
        edit_promise(store, p, replace(p, start=date(2026, 11, 10)), TODAY)
    assert str(refused.value) == (
        "'Phone away at dinner' has marks from 2026-11-02; pick a start on or before it."
    )
    assert store.promise(p.id) == p
    moved = edit_promise(store, p, replace(p, start=date(2026, 11, 2)), TODAY)
    assert moved.start == date(2026, 11, 2)


def test_a_promise_that_has_not_started_simply_takes_the_new_schedule(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise("daily", start=TODAY + timedelta(days=5)))
    edited = edit_promise(store, p, replace(p, schedule=schedule("weekdays"), start=START), TODAY)
    assert (edited.schedule, edited.start, edited.earlier) == (schedule("weekdays"), START, ())


def test_renaming_keeps_the_history_and_changes_nothing_else(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise())
    p = edit_promise(store, p, replace(p, schedule=schedule("daily")), TODAY - timedelta(days=9))
    renamed = edit_promise(store, p, replace(p, title="Phones in the drawer"), TODAY)
    assert renamed == replace(p, title="Phones in the drawer")


def test_an_edit_keeps_a_change_another_process_made_meanwhile(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise())
    open_store(tmp_path).set_archived(p.id, True)  # from a shell, while the form is open
    edited = edit_promise(store, p, replace(p, schedule=schedule("daily")), TODAY)
    assert edited.archived
    assert edited.earlier == (SchedulePeriod(schedule("mon,wed,fri"), TODAY - ONE_DAY),)


def test_moving_an_every_3_days_start_earlier_keeps_the_days_it_was_due(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise("every 3 days", start=date(2026, 11, 10)))
    edited = edit_promise(store, p, replace(p, start=date(2026, 11, 5)), TODAY)
    days = [date(2026, 11, 5) + timedelta(days=n) for n in range(15)]
    due = [day.day for day in days if is_due_on(edited, {}, day)]
    assert due == [5, 8, 10, 13, 16, 19]  # the new days counted from the 5th, then as before


def test_moving_an_every_3_days_start_later_off_its_rhythm_is_refused(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise("every 3 days", start=date(2026, 11, 10)))
    store.put_mark(Mark(p.id, date(2026, 11, 16), KEPT))
    with pytest.raises(ValidationError, match="such as 2026-11-13"):
        edit_promise(store, p, replace(p, start=date(2026, 11, 11)), TODAY)
    moved = edit_promise(store, p, replace(p, start=date(2026, 11, 13)), TODAY)
    assert is_due_on(moved, {}, date(2026, 11, 16))


# --- stored with the promise -----------------------------------------------------------------


def test_the_history_is_stored_and_read_back(tmp_path):
    store = open_store(tmp_path)
    p = store.add_promise(promise())
    p = edit_promise(store, p, replace(p, schedule=schedule("daily")), date(2026, 10, 1))
    p = edit_promise(store, p, replace(p, schedule=schedule("every 2 days")), TODAY)
    assert open_store(tmp_path).promise(p.id) == p
    stored = json.loads((tmp_path / "tracker.json").read_text(encoding="utf-8"))
    [doc] = stored["promises"].values()
    assert doc["earlier"] == [
        {"schedule": "mon,wed,fri", "end": "2026-09-30"},
        {"schedule": "daily", "end": "2026-11-24"},
    ]


def test_a_promise_stored_before_there_was_a_history_has_none():
    doc = promise_document(promise())
    del doc["earlier"]
    assert promise_from_doc(1, doc) == promise()


@pytest.mark.parametrize(
    "earlier",
    [
        "daily",
        [["daily", "2026-10-01"]],
        [{"schedule": "sometimes", "end": "2026-10-01"}],
        [{"schedule": "daily", "end": "October"}],
        [{"schedule": "daily", "end": "2026-10-05"}, {"schedule": "weekdays", "end": "2026-10-01"}],
    ],
)
def test_a_damaged_history_is_reported_as_damage(earlier):
    doc = {**promise_document(promise()), "earlier": earlier}
    with pytest.raises(BadDocument, match="earlier"):
        promise_from_doc(1, doc)
