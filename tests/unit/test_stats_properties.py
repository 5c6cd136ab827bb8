"""Properties of the stats over random promises and histories, checked by hypothesis.

Besides the promised properties (a kept mark never lowers the best streak, excusing never
lowers the current streak, ...), every figure is compared with a slow reference written
straight from the rules in issue 2, using dateutil's rrule for the due dates. The fast code
in tracker/stats.py may be optimised freely as long as it agrees with this reference.

Some promises were rescheduled (up to three times, some changes after the day they are
seen): the reference then cuts the history into periods itself, judges each as a promise
of its own and puts the units end to end, with the rules of the stats docstring.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tracker.model import DayStatus, Mark, MarkStatus, Promise, SchedulePeriod
from tracker.schedule import MAX_EVERY_DAYS, Schedule, ScheduleKind, due_dates, week_start
from tracker.stats import (
    best_runs,
    best_streak,
    consistency,
    current_streak,
    day_states,
    promise_stats,
    share_kept_by_day,
    strength,
    units,
)

ONE_DAY = timedelta(days=1)
KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED

# --- strategies -------------------------------------------------------------------------------

schedules = st.one_of(
    st.sampled_from(
        [
            Schedule(ScheduleKind.DAILY),
            Schedule(ScheduleKind.WEEKDAYS),
            Schedule(ScheduleKind.WEEKENDS),
        ]
    ),
    st.frozensets(st.integers(0, 6), min_size=1).map(lambda d: Schedule(ScheduleKind.DAYS, d)),
    st.integers(1, 7).map(lambda n: Schedule(ScheduleKind.PER_WEEK, count=n)),
    st.one_of(st.integers(1, 4), st.integers(5, MAX_EVERY_DAYS)).map(
        lambda n: Schedule(ScheduleKind.EVERY_N_DAYS, count=n)
    ),
)


@st.composite
def histories(draw, schedule_strategy=schedules):
    """A promise, its marks (on any days, even outside its dates) and the day they are seen."""
    schedule = draw(schedule_strategy)
    start = draw(
        st.one_of(
            st.dates(date(2023, 1, 1), date(2025, 12, 31)),
            st.sampled_from([date(2024, 2, 29), date(2024, 2, 27), date(2025, 12, 29)]),
        )
    )
    today = start + timedelta(days=draw(st.integers(-3, 150)))
    end = None
    if draw(st.booleans()):
        end = start + timedelta(days=draw(st.integers(0, 160)))
    earlier = []
    if draw(st.booleans()):
        # Changes effective on these days after the start, each to a schedule of its own.
        changes = sorted(draw(st.lists(st.integers(1, 160), max_size=3, unique=True)))
        for offset in changes:
            earlier.append(SchedulePeriod(schedule, start + timedelta(days=offset - 1)))
            schedule = draw(schedule_strategy)
    created = None
    if draw(st.booleans()):
        # Added to tracker on another day than its start (set back, or added ahead).
        added = start + timedelta(days=draw(st.integers(-3, 60)))
        created = datetime.combine(added, time(12), UTC)
    promise = Promise(
        "Promise", schedule, start, id=1, end=end, earlier=tuple(earlier), created=created
    )
    # Marks cluster on due days, as the app writes them, with a few anywhere.
    span = (today - start).days + 8
    offsets = draw(st.lists(st.integers(-4, span), max_size=120, unique=True))
    statuses = draw(
        st.lists(
            st.sampled_from([KEPT, KEPT, KEPT, MISSED, EXCUSED]),
            min_size=len(offsets),
            max_size=len(offsets),
        )
    )
    marks = {}
    for offset, status in zip(offsets, statuses, strict=True):
        day = start + timedelta(days=offset)
        if promise.schedule_on(day)[0].is_due(promise.schedule_on(day)[1], day) or (
            draw(st.integers(0, 9)) == 0
        ):
            marks[day] = Mark(1, day, status)
    return promise, marks, today


def with_mark(marks, day: date, status: MarkStatus) -> dict[date, Mark]:
    changed = dict(marks)
    changed[day] = Mark(1, day, status)
    return changed


# --- the reference: the rules of issue 2, written plainly -----------------------------------


def reference_periods(promise: Promise, today: date) -> list[Promise]:
    """The history as it stood on `today`, cut into one promise per schedule, oldest first.

    A change effective after `today` is not known yet: the schedule in force on `today`
    runs on to the promise's end. Only periods that began by `today` are listed.
    """
    periods, first = [], promise.start
    for period in promise.earlier:
        if today <= period.end:
            return [*periods, *_bounded(promise, period.schedule, first, promise.end, today)]
        periods += _bounded(promise, period.schedule, first, period.end, today)
        first = period.end + ONE_DAY
    return [*periods, *_bounded(promise, promise.schedule, first, promise.end, today)]


def _bounded(promise: Promise, schedule, first: date, last: date | None, today: date):
    if promise.end is not None:
        last = promise.end if last is None else min(last, promise.end)
    if first > today or (last is not None and first > last):
        return []
    return [
        Promise(promise.title, schedule, first, id=promise.id, end=last, created=promise.created)
    ]


def reference_asked_from(promise: Promise) -> date:
    """Days before the promise was added to tracker are open, never missed."""
    if promise.created is None:
        return promise.start
    return max(promise.start, promise.created.date())


def reference_units(promise: Promise, marks, today: date) -> list[tuple[date, str, float]]:
    return [
        unit
        for period in reference_periods(promise, today)
        for unit in reference_period_units(period, marks, today)
    ]


def reference_period_units(promise: Promise, marks, today: date):
    """(unit start, outcome, value) oldest first: due dates, or weeks for N/week."""
    if promise.start > today:
        return []
    last = today if promise.end is None else min(today, promise.end)
    if promise.schedule.kind is ScheduleKind.PER_WEEK:
        return reference_weeks(promise, marks, today, last)
    judged = set(due_dates(promise.schedule, promise.start, promise.start, last))
    judged |= {day for day in marks if promise.start <= day <= last}
    units = []
    for day in sorted(judged):
        mark = marks.get(day)
        unmarked = "open" if day == today or day < reference_asked_from(promise) else "missed"
        outcome = unmarked if mark is None else mark.status.value
        units.append((day, outcome, 1.0 if outcome == "kept" else 0.0))
    return units


def reference_stretches(promise: Promise, marks, today: date) -> list[list]:
    """Units of the streak stretches in the current unit: a change between day-based and
    N/week ends a stretch; runs of the other unit are left out."""
    stretches: list[tuple[bool, list]] = []
    for period in reference_periods(promise, today):
        weekly = period.schedule.kind is ScheduleKind.PER_WEEK
        units = reference_period_units(period, marks, today)
        if stretches and stretches[-1][0] == weekly:
            stretches[-1][1].extend(units)
        else:
            stretches.append((weekly, units))
    if not stretches:
        return [[]]
    return [units for weekly, units in stretches if weekly == stretches[-1][0]]


def reference_streaks(promise: Promise, marks, today: date) -> tuple[int, int, list[int]]:
    """(current streak, best streak, every run length) by the rules."""
    stretches = reference_stretches(promise, marks, today)
    runs = [length for units in stretches for length in reference_runs(units)]
    return reference_runs(stretches[-1])[-1], max(runs), runs


def reference_unit_name(promise: Promise, today: date) -> str:
    periods = reference_periods(promise, today)
    schedule = periods[-1].schedule if periods else promise.as_of(today).schedule
    return "weeks" if schedule.kind is ScheduleKind.PER_WEEK else "days"


def reference_weeks(promise: Promise, marks, today: date, last: date):
    units = []
    monday = week_start(promise.start)
    while monday <= last:
        days = [
            monday + timedelta(days=i)
            for i in range(7)
            if promise.is_active_on(monday + timedelta(days=i))
        ]
        # Marks after today do not count yet (stats can be asked as of an earlier day).
        statuses = [marks[day].status for day in days if day in marks and day <= today]
        kept, excused = statuses.count(KEPT), statuses.count(EXCUSED)
        target = max(0, min(promise.schedule.count, len(days)) - excused)
        still_running = promise.end is None or promise.end >= today
        if kept and kept >= target:
            units.append((monday, "kept", 1.0))
        elif target == 0:
            units.append((monday, "excused", 0.0))
        elif monday < week_start(reference_asked_from(promise)) or (
            monday == week_start(today) and still_running
        ):
            units.append((monday, "open", kept / target))
        else:
            units.append((monday, "missed", kept / target))
        monday += timedelta(days=7)
    return units


def reference_runs(units) -> list[int]:
    runs, length = [], 0
    for _, outcome, _ in units:
        if outcome == "kept":
            length += 1
        elif outcome == "missed":
            runs.append(length)
            length = 0
    return [*runs, length]


def reference_consistency(promise: Promise, marks, today: date, days: int) -> float | None:
    """Each period's kept and expected parts of the window, added up exactly."""
    kept = expected = Fraction(0)
    for period in reference_periods(promise, today):
        part_kept, part_expected = reference_consistency_parts(period, marks, today, days)
        kept += part_kept
        expected += part_expected
    return float(kept / expected) if expected else None


def reference_consistency_parts(promise: Promise, marks, today: date, days: int):
    since = today - timedelta(days=days - 1)
    last = today if promise.end is None else min(today, promise.end)
    if promise.schedule.kind is ScheduleKind.PER_WEEK:
        window = [
            day
            for day in (since + timedelta(days=i) for i in range(days))
            if promise.start <= day <= last
            and ((day != today and day >= reference_asked_from(promise)) or day in marks)
        ]
        kept = sum(1 for day in window if day in marks and marks[day].status is KEPT)
        excused = sum(1 for day in window if day in marks and marks[day].status is EXCUSED)
        expected = Fraction(promise.schedule.count * len(window), 7) - excused
        if expected <= 0:
            return 0, 0
        return min(Fraction(kept), expected), expected
    units = [u for u in reference_period_units(promise, marks, today) if u[0] >= since]
    kept = sum(1 for _, outcome, _ in units if outcome == "kept")
    judged = sum(1 for _, outcome, _ in units if outcome in ("kept", "missed"))
    return kept, judged


def reference_multiplier(schedule) -> float:
    if schedule.kind is ScheduleKind.PER_WEEK:
        frequency = schedule.count / 7
    elif schedule.kind is ScheduleKind.EVERY_N_DAYS:
        frequency = 1 / schedule.count
    else:
        frequency = len(schedule.weekdays) / 7
    if schedule.kind is ScheduleKind.PER_WEEK:
        return 0.5 ** (7 * math.sqrt(frequency) / 13)
    return 0.5 ** (1 / (13 * math.sqrt(frequency)))


def reference_strength(promise: Promise, marks, today: date) -> float:
    """Each unit moves the score by the multiplier of the schedule that judged it."""
    score = 0.0
    for period in reference_periods(promise, today):
        multiplier = reference_multiplier(period.schedule)
        for _, outcome, value in reference_period_units(period, marks, today):
            if outcome in ("kept", "missed"):
                score = score * multiplier + value * (1 - multiplier)
    return round(score * 100, 1)


# --- the code agrees with the reference ---------------------------------------------------


@given(histories())
def test_streaks_follow_the_rules(history):
    promise, marks, today = history
    current, best, _ = reference_streaks(promise, marks, today)
    assert current_streak(promise, marks, today) == current
    assert best_streak(promise, marks, today) == best


@given(histories())
def test_consistency_follows_the_rules(history):
    promise, marks, today = history
    for days in (7, 30, 90):
        expected = reference_consistency(promise, marks, today, days)
        found = consistency(promise, marks, today, days)
        assert (found is None) == (expected is None), days
        if expected is not None:
            assert math.isclose(found, expected, abs_tol=1e-9), days


@given(histories())
def test_strength_follows_its_documented_formula(history):
    promise, marks, today = history
    assert strength(promise, marks, today) == reference_strength(promise, marks, today)


@given(histories())
def test_promise_stats_follows_the_rules(history):
    promise, marks, today = history
    stats = promise_stats(promise, marks, today)
    current, best, _ = reference_streaks(promise, marks, today)
    assert stats.promise_id == promise.id
    assert (stats.current_streak, stats.best_streak) == (current, best)
    assert stats.streak_unit == reference_unit_name(promise, today)
    shares = (stats.consistency_7, stats.consistency_30, stats.consistency_90)
    for days, found in zip((7, 30, 90), shares, strict=True):
        expected = reference_consistency(promise, marks, today, days)
        assert (found is None) == (expected is None), days
        if expected is not None:
            assert math.isclose(found, expected, abs_tol=1e-9), days
    assert stats.strength == reference_strength(promise, marks, today)


@given(histories())
def test_the_best_runs_are_the_longest_streaks(history):
    promise, marks, today = history
    runs = best_runs(promise, marks, today, count=3)
    lengths = sorted((n for n in reference_streaks(promise, marks, today)[2] if n), reverse=True)
    assert [run.length for run in runs] == lengths[:3]
    for run in runs:
        assert run.start <= run.end


weekly_histories = histories(
    st.integers(1, 7).map(lambda n: Schedule(ScheduleKind.PER_WEEK, count=n))
)


@given(weekly_histories)
def test_weekly_streaks_and_strength_follow_the_rules(history):
    """N/week has the most corners (short first weeks, excused days, the open week)."""
    promise, marks, today = history
    current, best, _ = reference_streaks(promise, marks, today)
    stats = promise_stats(promise, marks, today)
    assert (stats.current_streak, stats.best_streak) == (current, best)
    assert stats.strength == reference_strength(promise, marks, today)


@given(weekly_histories, st.integers(-5, 160))
def test_excusing_a_day_never_lowers_a_weekly_streak(history, offset):
    promise, marks, today = history
    day = promise.start + timedelta(days=offset)
    if day in marks and marks[day].status is KEPT:
        return
    before = current_streak(promise, marks, today)
    assert current_streak(promise, with_mark(marks, day, EXCUSED), today) >= before


# --- the promised properties ---------------------------------------------------------------


@given(histories(), st.integers(-5, 160))
def test_adding_a_kept_mark_never_lowers_the_best_streak(history, offset):
    promise, marks, today = history
    day = promise.start + timedelta(days=offset)
    before = best_streak(promise, marks, today)
    assert best_streak(promise, with_mark(marks, day, KEPT), today) >= before


@given(histories(), st.integers(-5, 160))
def test_excusing_a_missed_date_never_lowers_the_current_streak(history, offset):
    promise, marks, today = history
    day = promise.start + timedelta(days=offset)
    mark = marks.get(day)
    if mark is not None and mark.status is KEPT:
        return  # only missed (or unmarked) dates are excused here
    before = current_streak(promise, marks, today)
    assert current_streak(promise, with_mark(marks, day, EXCUSED), today) >= before


@given(histories())
def test_the_best_streak_is_never_below_the_current_one(history):
    promise, marks, today = history
    stats = promise_stats(promise, marks, today)
    assert stats.best_streak >= stats.current_streak >= 0


@given(histories())
def test_consistency_is_a_share_or_none(history):
    promise, marks, today = history
    stats = promise_stats(promise, marks, today)
    for share in (stats.consistency_7, stats.consistency_30, stats.consistency_90):
        assert share is None or 0.0 <= share <= 1.0


@given(histories())
def test_strength_stays_between_0_and_100(history):
    promise, marks, today = history
    assert 0.0 <= promise_stats(promise, marks, today).strength <= 100.0


@given(histories())
def test_marks_outside_the_promises_dates_change_nothing(history):
    promise, marks, today = history
    inside = {
        day: mark for day, mark in marks.items() if promise.is_active_on(day) and day <= today
    }
    assert promise_stats(promise, inside, today) == promise_stats(promise, marks, today)


@given(histories())
def test_an_unmarked_today_is_open_it_neither_counts_nor_breaks(history):
    promise, marks, today = history
    weekly = promise.schedule_on(today)[0].is_weekly_target
    if weekly or today in marks or not promise.is_active_on(today):
        return
    open_today = promise_stats(promise, marks, today)
    excused_today = promise_stats(promise, with_mark(marks, today, EXCUSED), today)
    assert open_today == excused_today
    kept_today = current_streak(promise, with_mark(marks, today, KEPT), today)
    assert kept_today == open_today.current_streak + 1


@given(histories())
def test_a_days_heatmap_state_follows_its_mark_and_its_schedule(history):
    promise, marks, today = history
    first = min(promise.start, today) - ONE_DAY
    last = max(promise.start, today) + ONE_DAY
    states = day_states(promise, marks, first, last, today)
    assert list(states) == [first + timedelta(days=i) for i in range((last - first).days + 1)]
    periods = reference_periods(promise, today)
    for day, state in states.items():
        in_force = [p for p in periods if p.start <= day and (p.end is None or day <= p.end)]
        if day > today:
            planned = day in marks and marks[day].status is MarkStatus.EXCUSED
            assert state is (DayStatus.EXCUSED if planned else DayStatus.FUTURE)
        elif not promise.is_active_on(day):
            assert state is DayStatus.NOT_DUE
        elif day in marks:
            assert state.value == marks[day].status.value
        elif in_force[0].schedule.is_weekly_target:
            assert state is (DayStatus.NOT_DUE if day < today else state)
            assert state in (DayStatus.NOT_DUE, DayStatus.OPEN)
        elif in_force[0].schedule.is_due(in_force[0].start, day):
            missed = reference_asked_from(in_force[0]) <= day < today
            assert state is (DayStatus.MISSED if missed else DayStatus.OPEN)
        else:
            assert state is DayStatus.NOT_DUE


@given(histories(), histories())
def test_the_share_kept_counts_the_kept_among_the_judged(first, second):
    one, marks_one, today = first
    two = replace(second[0], id=2)
    marks_two = {day: replace(mark, promise_id=2) for day, mark in second[1].items()}
    start, end = today - timedelta(days=20), today + ONE_DAY
    shares = share_kept_by_day([one, two], {1: marks_one, 2: marks_two}, start, end, today)
    states_one = day_states(one, marks_one, start, end, today)
    states_two = day_states(two, marks_two, start, end, today)
    for day, share in shares.items():
        states = [states_one[day], states_two[day]]
        judged = [s for s in states if s in (DayStatus.KEPT, DayStatus.MISSED)]
        if not judged:
            assert share is None
        else:
            assert share == sum(s is DayStatus.KEPT for s in judged) / len(judged)


@given(histories())
def test_the_units_follow_the_rules(history):
    promise, marks, today = history
    found = [(unit.start, unit.outcome.value, unit.value) for unit in units(promise, marks, today)]
    assert found == reference_units(promise, marks, today)
