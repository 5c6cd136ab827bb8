"""Streaks, consistency, strength, heatmaps and the journey, told as small stories."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from tracker.daybreak import local_day
from tracker.journey import journey_progress
from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.stats import (
    best_runs,
    best_streak,
    consistency,
    current_streak,
    day_states,
    day_status,
    is_due_on,
    promise_stats,
    share_kept_by_day,
    strength,
    strength_series,
    units,
    week_target,
)

ONE_DAY = timedelta(days=1)
TODAY = date(2026, 11, 25)  # a Wednesday
KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED


def promise(schedule: str = "daily", start: date = date(2026, 1, 1), **fields) -> Promise:
    return Promise("Phone away at dinner", parse_schedule(schedule), start, id=1, **fields)


def days_back(count: int, until: date = TODAY) -> list[date]:
    """`count` consecutive days ending on `until`, oldest first."""
    return [until - timedelta(days=n) for n in reversed(range(count))]


def marked(*groups: tuple[MarkStatus, list[date]]) -> dict[date, Mark]:
    return {day: Mark(1, day, status) for status, days in groups for day in days}


def stats_of(p: Promise, marks: dict[date, Mark], today: date = TODAY):
    return promise_stats(p, marks, today)


# --- streaks for fixed-day promises -----------------------------------------------------------


def test_checking_off_a_promise_grows_its_streak():
    p = promise()
    marks = marked((KEPT, days_back(5)))
    assert current_streak(p, marks, TODAY) == 5
    marks[TODAY + ONE_DAY] = Mark(1, TODAY + ONE_DAY, KEPT)
    assert current_streak(p, marks, TODAY + ONE_DAY) == 6


def test_today_unchecked_is_open_and_does_not_break_the_streak():
    marks = marked((KEPT, days_back(5, TODAY - ONE_DAY)))
    assert current_streak(promise(), marks, TODAY) == 5


def test_a_past_due_day_without_a_mark_is_missed():
    marks = marked((KEPT, days_back(5, TODAY - 2 * ONE_DAY)))  # yesterday left unmarked
    assert current_streak(promise(), marks, TODAY) == 0
    marks[TODAY] = Mark(1, TODAY, KEPT)
    assert current_streak(promise(), marks, TODAY) == 1
    assert best_streak(promise(), marks, TODAY) == 5


def test_marking_today_missed_ends_the_streak_at_once():
    marks = marked((KEPT, days_back(5, TODAY - ONE_DAY)), (MISSED, [TODAY]))
    assert current_streak(promise(), marks, TODAY) == 0


def test_excused_days_neither_count_nor_break():
    marks = marked(
        (KEPT, days_back(3, TODAY - 3 * ONE_DAY)), (EXCUSED, days_back(2, TODAY - ONE_DAY))
    )
    marks[TODAY] = Mark(1, TODAY, KEPT)
    assert current_streak(promise(), marks, TODAY) == 4


def test_only_due_days_count_for_mon_wed_fri():
    p = promise("mon,wed,fri")
    # Mon 16, Wed 18, Fri 20, Mon 23 kept; Tue, Thu and the weekend have nothing to do.
    marks = marked((KEPT, [date(2026, 11, d) for d in (16, 18, 20, 23)]))
    assert current_streak(p, marks, TODAY) == 4  # today (Wed) is still open
    marks[TODAY] = Mark(1, TODAY, KEPT)
    assert current_streak(p, marks, TODAY) == 5


def test_a_skipped_due_day_in_mon_wed_fri_breaks_the_streak():
    p = promise("mon,wed,fri")
    marks = marked((KEPT, [date(2026, 11, d) for d in (16, 18, 23)]))  # Friday 20th missed
    assert current_streak(p, marks, TODAY) == 1
    assert best_streak(p, marks, TODAY) == 2


def test_every_two_days_counts_its_due_dates_from_the_start():
    p = promise("every 2 days", start=date(2026, 11, 15))
    marks = marked((KEPT, [date(2026, 11, d) for d in (15, 17, 19, 21, 23, 25)]))
    assert current_streak(p, marks, TODAY) == 6


def test_the_best_streak_is_the_longest_run_in_the_whole_history():
    start = date(2025, 1, 1)
    p = promise(start=start)
    first_run = [start + timedelta(days=n) for n in range(40)]
    later = days_back(10)
    marks = marked((KEPT, first_run), (KEPT, later))
    assert current_streak(p, marks, TODAY) == 10
    assert best_streak(p, marks, TODAY) == 40


def test_a_mark_on_a_day_that_is_no_longer_due_still_counts_after_a_reschedule():
    # Kept daily for a week, then rescheduled to weekends: the history stays.
    weekends = promise("weekends", start=date(2026, 11, 16))
    marks = marked((KEPT, days_back(10)))
    assert current_streak(weekends, marks, TODAY) == 10


def test_a_promise_that_ended_keeps_the_streak_it_ended_with():
    p = promise(start=date(2026, 11, 1), end=date(2026, 11, 10))
    marks = marked((KEPT, days_back(6, date(2026, 11, 10))))
    assert current_streak(p, marks, TODAY) == 6
    assert consistency(p, marks, TODAY, 7) is None  # nothing due in the last week


def test_a_promise_that_has_not_started_has_no_figures_yet():
    p = promise(start=TODAY + 3 * ONE_DAY)
    stats = stats_of(p, {})
    assert (stats.current_streak, stats.best_streak, stats.strength) == (0, 0, 0.0)
    assert stats.consistency_7 is None
    assert units(p, {}, TODAY) == []


def test_stats_as_of_an_earlier_day_ignore_what_came_after():
    marks = marked((KEPT, days_back(20)))
    p = promise()
    assert current_streak(p, marks, TODAY - 5 * ONE_DAY) == 15
    assert stats_of(p, marks, TODAY - 5 * ONE_DAY).current_streak == 15


# --- streaks for N/week, counted in weeks ----------------------------------------------------

MONDAYS = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]


def week_days(monday: date, *offsets: int) -> list[date]:
    return [monday + timedelta(days=n) for n in offsets]


def test_a_week_is_met_when_its_kept_days_reach_n():
    p = promise("3/week", start=MONDAYS[0])
    marks = marked(*[(KEPT, week_days(m, 0, 2, 4)) for m in MONDAYS[:3]])
    stats = stats_of(p, marks)
    assert (stats.current_streak, stats.streak_unit) == (3, "weeks")


def test_the_current_week_is_open_until_it_is_met():
    p = promise("3/week", start=MONDAYS[0])
    marks = marked(*[(KEPT, week_days(m, 0, 2, 4)) for m in MONDAYS[:3]])
    marks.update(marked((KEPT, week_days(MONDAYS[3], 0))))  # 1 of 3 so far this week
    assert current_streak(p, marks, TODAY) == 3
    marks.update(marked((KEPT, week_days(MONDAYS[3], 1, 2))))
    assert current_streak(p, marks, TODAY) == 4


def test_a_past_week_short_of_its_target_breaks_the_streak():
    p = promise("3/week", start=MONDAYS[0])
    marks = marked(
        (KEPT, week_days(MONDAYS[0], 0, 1, 2)),
        (KEPT, week_days(MONDAYS[1], 0, 1)),  # 2 of 3
        (KEPT, week_days(MONDAYS[2], 0, 1, 2)),
    )
    assert current_streak(p, marks, TODAY) == 1
    assert best_streak(p, marks, TODAY) == 1


def test_excused_days_lower_the_weeks_target():
    p = promise("3/week", start=MONDAYS[0])
    marks = marked((KEPT, week_days(MONDAYS[0], 0, 1)), (EXCUSED, week_days(MONDAYS[0], 5)))
    assert week_target(p, MONDAYS[0], marks) == (2, 2)
    assert current_streak(p, marks, MONDAYS[0] + timedelta(days=6)) == 1


def test_a_week_excused_down_to_nothing_is_passed_over():
    p = promise("2/week", start=MONDAYS[0])
    marks = marked(
        (KEPT, week_days(MONDAYS[0], 0, 1)),
        (EXCUSED, week_days(MONDAYS[1], 3, 4)),  # travelling: target 0, nothing kept
        (KEPT, week_days(MONDAYS[2], 0, 1)),
    )
    assert current_streak(p, marks, TODAY) == 2


def test_a_kept_day_in_a_week_excused_down_to_nothing_still_meets_it():
    # Starts on a Thursday; kept that day, then excused Friday: target 1 - 1 = 0, but the
    # week was kept, and excusing a day never costs a streak.
    p = promise("1/week", start=date(2024, 2, 29))
    marks = marked((KEPT, [date(2024, 2, 29)]), (EXCUSED, [date(2024, 3, 1)]))
    assert current_streak(p, marks, date(2024, 3, 1)) == 1


def test_a_short_first_week_asks_for_no_more_days_than_it_has():
    p = promise("3/week", start=date(2026, 11, 21))  # a Saturday: two days in that week
    marks = marked((KEPT, [date(2026, 11, 21), date(2026, 11, 22)]))
    assert week_target(p, date(2026, 11, 16), marks) == (2, 2)
    assert current_streak(p, marks, TODAY) == 1


def test_weekly_stats_as_of_an_earlier_day_ignore_later_marks():
    p = promise("1/week", start=MONDAYS[0])
    marks = marked((KEPT, [date(2026, 11, 27)]))  # Friday of this week
    assert current_streak(p, marks, TODAY) == 0
    assert week_target(p, MONDAYS[3], marks, TODAY) == (0, 1)


def test_a_weekly_promise_is_due_on_any_day_until_its_week_is_met():
    p = promise("2/week", start=MONDAYS[0])
    marks = marked((KEPT, week_days(MONDAYS[3], 0)))
    assert is_due_on(p, marks, TODAY)
    assert day_status(p, marks, TODAY, TODAY) is DayStatus.OPEN
    marks.update(marked((KEPT, [TODAY])))
    assert is_due_on(p, marks, TODAY)  # a day that carries a mark stays listed
    assert not is_due_on(p, marks, TODAY + ONE_DAY)
    assert day_status(p, marks, TODAY - ONE_DAY, TODAY) is DayStatus.NOT_DUE


def test_an_archived_promise_is_never_due():
    assert not is_due_on(promise(archived=True), {}, TODAY)


# --- consistency -----------------------------------------------------------------------------


def test_consistency_is_the_share_kept_among_the_due_days():
    marks = marked((KEPT, days_back(5, TODAY - ONE_DAY)), (MISSED, [TODAY - 6 * ONE_DAY]))
    marks[TODAY] = Mark(1, TODAY, KEPT)
    # 7 days: 6 kept, 1 missed.
    assert consistency(promise(), marks, TODAY, 7) == pytest.approx(6 / 7)


def test_today_counts_for_consistency_only_once_it_is_marked():
    marks = marked((KEPT, days_back(6, TODAY - ONE_DAY)))
    assert consistency(promise(), marks, TODAY, 7) == 1.0
    marks[TODAY] = Mark(1, TODAY, MISSED)
    assert consistency(promise(), marks, TODAY, 7) == pytest.approx(6 / 7)


def test_excused_days_are_left_out_of_consistency():
    marks = marked(
        (KEPT, days_back(3, TODAY - 4 * ONE_DAY)), (EXCUSED, days_back(3, TODAY - ONE_DAY))
    )
    assert consistency(promise(), marks, TODAY, 7) == 1.0


def test_consistency_is_none_when_nothing_was_due():
    p = promise("every 30 days", start=date(2026, 10, 1))  # due Oct 1, Oct 31, Nov 30
    assert consistency(p, {}, TODAY, 7) is None
    assert consistency(p, {}, TODAY, 30) == 0.0
    assert consistency(promise(start=TODAY), {}, TODAY, 90) is None


def test_consistency_looks_back_7_30_and_90_days():
    marks = marked((KEPT, days_back(90)))
    for day in days_back(10, TODAY - 30 * ONE_DAY):
        marks[day] = Mark(1, day, MISSED)
    stats = stats_of(promise(), marks)
    assert (stats.consistency_7, stats.consistency_30) == (1.0, 1.0)
    assert stats.consistency_90 == pytest.approx(80 / 90)


def test_weekly_consistency_compares_kept_days_with_n_sevenths_of_each_day():
    p = promise("3/week", start=date(2026, 1, 1))
    marks = marked((KEPT, [TODAY - timedelta(days=n) for n in (1, 3, 5)]))
    assert consistency(p, marks, TODAY, 7) == 1.0  # today unmarked: 6 days, 18/7 expected
    marks = marked((KEPT, [TODAY - timedelta(days=n) for n in range(0, 28, 3)]))  # 10 kept
    assert consistency(p, marks, TODAY, 28) == pytest.approx(10 / 12)


def test_weekly_consistency_is_none_when_every_day_was_excused():
    p = promise("1/week", start=date(2026, 1, 1))
    marks = marked((EXCUSED, days_back(7)))
    assert consistency(p, marks, TODAY, 7) is None


# --- strength ----------------------------------------------------------------------------------


def kept_then(kept_days: int, then: list[MarkStatus]) -> tuple[Promise, dict[date, Mark], date]:
    """A daily promise kept `kept_days` days, followed by the `then` days; seen that last day."""
    start = date(2026, 1, 1)
    statuses = [KEPT] * kept_days + then
    marks = {
        start + timedelta(days=n): Mark(1, start + timedelta(days=n), s)
        for n, s in enumerate(statuses)
    }
    return promise(start=start), marks, start + timedelta(days=len(statuses) - 1)


def strength_after(kept_days: int, then: list[MarkStatus] | None = None) -> float:
    return strength(*kept_then(kept_days, then or []))


def test_long_consistency_raises_strength_slowly():
    assert strength_after(1) == pytest.approx(5.2, abs=0.1)
    assert strength_after(7) < 35
    assert strength_after(13) == pytest.approx(50, abs=1)  # half-way in 13 due dates
    assert 75 < strength_after(30) < 85
    assert strength_after(60) > 95
    assert strength_after(365) <= 100.0


def test_one_slip_lowers_strength_a_little():
    before = strength_after(100)
    after = strength_after(100, [MISSED])
    assert 3 < before - after < 6


def test_a_run_of_slips_lowers_strength_a_lot():
    before = strength_after(100)
    after_week = strength_after(100, [MISSED] * 7)
    assert before - after_week > 25
    assert strength_after(100, [MISSED] * 30) < 25


def test_a_single_slip_is_forgiven_more_than_a_run_of_them():
    one_slip = strength_after(100, [MISSED] + [KEPT] * 6)
    seven_slips = strength_after(100, [MISSED] * 7)
    assert one_slip > 95 > 70 > seven_slips


def test_excused_days_leave_strength_where_it_was():
    assert strength_after(50, [EXCUSED] * 10) == strength_after(50)


def test_a_weekly_promise_gains_strength_week_by_week():
    p = promise("1/week", start=MONDAYS[3] - timedelta(weeks=20))
    marks = marked(*[(KEPT, [MONDAYS[3] - timedelta(weeks=n)]) for n in range(21)])
    strong = strength(p, marks, TODAY)
    assert strong > 90
    del marks[MONDAYS[3] - timedelta(weeks=3)]
    assert strength(p, marks, TODAY) < strong


def test_the_strength_series_follows_every_judged_unit():
    p, marks, today = kept_then(20, [MISSED, KEPT])
    judged = units(p, marks, today)
    series = strength_series(judged, 0.5 ** (1 / 13))
    assert len(series) == 22
    assert all(0 <= value <= 100 for _, value in series)
    assert series[-1][1] == strength(p, marks, today)
    assert series[20][1] < series[19][1] < series[21][1] + 5


# --- heatmaps -----------------------------------------------------------------------------


def test_a_heatmap_shows_each_days_state():
    p = promise("mon,wed,fri", start=date(2026, 11, 16))
    marks = marked((KEPT, [date(2026, 11, 16)]), (EXCUSED, [date(2026, 11, 20)]))
    states = day_states(p, marks, date(2026, 11, 15), date(2026, 11, 26), TODAY)
    assert states == {
        date(2026, 11, 15): DayStatus.NOT_DUE,  # before the start
        date(2026, 11, 16): DayStatus.KEPT,
        date(2026, 11, 17): DayStatus.NOT_DUE,
        date(2026, 11, 18): DayStatus.MISSED,
        date(2026, 11, 19): DayStatus.NOT_DUE,
        date(2026, 11, 20): DayStatus.EXCUSED,
        date(2026, 11, 21): DayStatus.NOT_DUE,
        date(2026, 11, 22): DayStatus.NOT_DUE,
        date(2026, 11, 23): DayStatus.MISSED,
        date(2026, 11, 24): DayStatus.NOT_DUE,
        date(2026, 11, 25): DayStatus.OPEN,
        date(2026, 11, 26): DayStatus.FUTURE,
    }


def test_the_shared_heatmap_shows_the_share_kept_across_promises():
    walk = promise("daily", start=date(2026, 11, 20))
    talk = Promise("Ask about her day", parse_schedule("mon,wed,fri"), date(2026, 11, 20), id=2)
    marks = {
        1: marked((KEPT, [date(2026, 11, 23), date(2026, 11, 24)])),
        2: {date(2026, 11, 23): Mark(2, date(2026, 11, 23), MISSED)},
    }
    shares = share_kept_by_day([walk, talk], marks, date(2026, 11, 22), date(2026, 11, 26), TODAY)
    assert shares == {
        date(2026, 11, 22): 0.0,  # walk missed, talk not due
        date(2026, 11, 23): 0.5,  # walk kept, talk missed
        date(2026, 11, 24): 1.0,  # walk kept, talk not due
        date(2026, 11, 25): None,  # both open
        date(2026, 11, 26): None,  # the future
    }


def test_the_best_runs_are_listed_longest_first_the_latest_first_among_equals():
    start = date(2026, 10, 1)
    p = promise(start=start)
    runs_of = [(0, 5), (6, 3), (10, 5), (16, 2)]  # (first day offset, length), missed between
    marks = {}
    for offset, length in runs_of:
        for n in range(offset, offset + length):
            marks[start + timedelta(days=n)] = Mark(1, start + timedelta(days=n), KEPT)
    seen = start + timedelta(days=17)
    runs = best_runs(p, marks, seen, count=3)
    assert [(run.start, run.length) for run in runs] == [
        (start + timedelta(days=10), 5),
        (start, 5),
        (start + timedelta(days=6), 3),
    ]
    assert runs[0].end == start + timedelta(days=14)


# --- the user's day and the journey ---------------------------------------------------------


def test_with_a_day_start_of_three_a_check_off_at_0040_counts_for_the_evening_before():
    assert local_day(datetime(2026, 11, 21, 0, 40), time(3, 0)) == date(2026, 11, 20)
    assert local_day(datetime(2026, 11, 21, 3, 0), time(3, 0)) == date(2026, 11, 21)


def test_the_journey_starts_with_every_milestone_ahead():
    journey = journey_progress(TODAY, TODAY)
    assert (journey.days, journey.months) == (0, 0.0)
    assert not any(m.reached for m in journey.milestones)
    assert journey.next_milestone is not None and journey.next_milestone.months == 6


def test_six_months_in_the_first_noticeable_change_is_reached():
    journey = journey_progress(date(2026, 5, 25), TODAY)
    assert journey.months == 6.0
    assert [m.reached for m in journey.milestones] == [True, False, False]
    assert journey.next_milestone.months == 12


def test_a_year_is_reached_on_the_anniversary_not_a_day_later():
    start = date(2025, 11, 25)
    assert journey_progress(start, TODAY).milestones[1].reached
    assert journey_progress(start, TODAY).months == 12.0
    day_before = journey_progress(start, TODAY - ONE_DAY)
    assert not day_before.milestones[1].reached
    assert day_before.months == 11.9


def test_milestones_from_the_end_of_a_month_land_on_its_last_day():
    journey = journey_progress(date(2026, 8, 31), date(2027, 2, 28))
    assert journey.milestones[0].on == date(2027, 2, 28)
    assert journey.milestones[0].reached


def test_after_two_years_every_milestone_is_behind():
    journey = journey_progress(date(2024, 2, 29), TODAY)
    assert all(m.reached for m in journey.milestones)
    assert journey.next_milestone is None


def test_a_journey_that_starts_in_the_future_has_not_begun():
    journey = journey_progress(TODAY + ONE_DAY, TODAY)
    assert (journey.days, journey.months) == (0, 0.0)
