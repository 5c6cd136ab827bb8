"""Streaks, consistency, strength and heatmaps: pure functions of a promise, its marks and today.

The rules, in one place:

* A fixed-day promise (daily, weekdays, weekends, a set of days, every N days) is
  judged on its *due dates* between its start and end. A day that carries a mark
  counts too, even if it is not due. A past due date without a mark is missed.
  Today without a mark is open: it neither counts nor breaks anything yet; so is a
  day before the promise was added (`Promise.asked_from`): its start set back to the
  day someone really began leaves those days to fill in, never a wall of misses.
* An N/week promise is judged in Monday-to-Sunday weeks. A week's target is N
  (fewer in a first or last week that has fewer than N days inside the promise's
  dates) minus its excused days; the week is met when its kept days reach the
  target. A week whose target falls to 0 with nothing kept is passed over, like
  an excused day (with a day kept it is met: excusing never costs a streak).
  The current week is open until it is met, and so is a week before the one the
  promise was added in. Marks after today are not counted
  (`tracker streaks --date` looks back at another day).
* Streaks walk over those units (due dates or weeks): excused units are passed
  over, kept ones count, a missed one ends the run.
* Strength is an exponential moving average over the same units, in the spirit
  of Loop Habit Tracker. Each unit moves the score towards 1 (kept) or 0
  (missed): ``score = score * m + value * (1 - m)``. The multiplier comes from the
  promise's frequency ``f`` (due days per calendar day: 1 for daily, 3/7 for
  mon,wed,fri, 1/N for every N days, N/7 for N/week): per due date
  ``m = 0.5 ** (1 / (13 * sqrt(f)))``, per week ``m = 0.5 ** (7 * sqrt(f) / 13)``.
  So a daily promise halves the distance to its target every 13 due dates; a
  single slip after a long run costs about 5 points, a week of slips about 30.
  A week's value is ``min(1, kept / target)``. Excused and open units are skipped.
* Consistency over the last 7/30/90 days is kept / (kept + missed) among the
  judged due dates in the window, today only once it is marked; None when
  nothing was judged. For N/week, the window's days each carry N/7 of a target,
  less one per excused day: ``min(1, kept / (N * days / 7 - excused))``.

* A measured promise's days are judged by their amounts first (`tracker.amounts`): a
  day is kept when its amount meets the target of its time ("at least" reached, "at
  most" not gone over; nothing entered is 0), then by the rules above. An N/week
  measured promise's week is met when the week's amounts added up meet its target, and
  its consistency is the share of its judged weeks in the window that were met.

Rescheduling keeps the past (`Promise.earlier`, `model.rescheduled`):

* Each day is judged by the schedule in force that day. Each period of one
  schedule is judged by the rules above as a promise of its own whose dates are
  the period's (`Promise.periods`): 'every N days' counts from the period's first
  day, and a week cut by a change is a short week on each side (short-week
  targets), each side its own unit. The periods' units follow one another.
* Figures as of a day see the history as it stood that day (`Promise.as_of`): a
  change effective on a later day changes nothing about them.
* Streaks run on across a change between two day-based schedules (mon,wed,fri to
  daily) or between two N/week ones, but not across a change between day-based
  and N/week, whose units differ: the current streak counts only the units since
  the last such change, and the best streak (and best runs) is the best run in
  the current unit (days or weeks), a run ending at each such change.
* Strength and consistency use all units. Strength moves each unit by its own
  schedule's multiplier. Consistency adds up each period's part of the window:
  a day-based period its kept and judged due dates, an N/week period its kept
  days (at most its expected days) and its expected days.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from tracker.amounts import is_short_in_running_week, measure_fields, week_total
from tracker.amounts import judged as judged_by_amounts
from tracker.daybreak import ONE_DAY
from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.schedule import ScheduleKind, week_start

Marks = Mapping[date, Mark]
STRENGTH_HALF_LIFE = 13
CONSISTENCY_WINDOWS = (7, 30, 90)


class StreakUnit(StrEnum):
    """What a streak counts: due days, or weeks for N/week promises (the JSON's words too)."""

    DAYS = "days"
    WEEKS = "weeks"


class Outcome(StrEnum):
    KEPT = "kept"
    MISSED = "missed"
    EXCUSED = "excused"
    OPEN = "open"


_OUTCOME_OF = {
    MarkStatus.KEPT: Outcome.KEPT,
    MarkStatus.MISSED: Outcome.MISSED,
    MarkStatus.EXCUSED: Outcome.EXCUSED,
}


@dataclass(frozen=True)
class Unit:
    """One judged unit: a due date, or a week (its Monday) for N/week promises.

    `multiplier` is the strength multiplier of the schedule that judged it, set for
    promises with a schedule history (None: the promise's own).
    """

    start: date
    outcome: Outcome
    value: float = 0.0
    multiplier: float | None = None


@dataclass(frozen=True)
class Run:
    """A streak: consecutive kept units, from `start` to `end` (unit starts)."""

    start: date
    end: date
    length: int


@dataclass(frozen=True)
class PromiseStats:
    promise_id: int
    current_streak: int
    best_streak: int
    streak_unit: StreakUnit
    consistency_7: float | None
    consistency_30: float | None
    consistency_90: float | None
    strength: float


# --- schedule periods ------------------------------------------------------------------------


def _judged_periods(promise: Promise, today: date) -> tuple[Promise, ...]:
    """The periods that judged days up to `today`, with the history as it stood then."""
    return tuple(period for period in promise.as_of(today).periods() if period.start <= today)


def _period_on(promise: Promise, day: date) -> Promise:
    """The period whose schedule judges `day` (the promise itself when it has no history)."""
    if not promise.earlier:
        return promise
    for period in promise.periods():
        if period.end is None or day <= period.end:
            if period.start <= day:
                return period
            break
    # Outside the promise's dates: the schedule of that day, without bounds.
    schedule, anchor = promise.schedule_on(day)
    return Promise(promise.title, schedule, anchor, id=promise.id)


def streak_unit(promise: Promise, today: date | None = None) -> StreakUnit:
    """Days or weeks: the unit of the schedule that judged last (as of `today`)."""
    periods = promise.periods() if today is None else _judged_periods(promise, today)
    if periods:
        schedule = periods[-1].schedule
    else:
        schedule = promise.schedule if today is None else promise.as_of(today).schedule
    return StreakUnit.WEEKS if schedule.is_weekly_target else StreakUnit.DAYS


def frequency(promise: Promise) -> float:
    """Due days per calendar day of the current schedule (of a period, for a period)."""
    schedule = promise.schedule
    if schedule.is_weekly_target:
        return schedule.count / 7
    if schedule.kind is ScheduleKind.EVERY_N_DAYS:
        return 1 / schedule.count
    return len(schedule.weekdays) / 7


def _last_day(promise: Promise, today: date) -> date:
    return today if promise.end is None else min(today, promise.end)


# --- units -----------------------------------------------------------------------------------


def units(promise: Promise, marks: Marks, today: date, since: date | None = None) -> list[Unit]:
    """The judged units from the promise's start (or `since`) up to today, oldest first.

    With a schedule history: each period's units in turn, each unit carrying the
    strength multiplier of its schedule.
    """
    marks = judged_by_amounts(promise, marks, today)
    if not promise.earlier:
        return _period_units(promise, marks, today, since)
    return [
        unit
        for period in _judged_periods(promise, today)
        for unit in _period_units(period, marks, today, since, strength_multiplier(period))
    ]


def _period_units(
    promise: Promise,
    marks: Marks,
    today: date,
    since: date | None,
    multiplier: float | None = None,
) -> list[Unit]:
    """The units of a promise with one schedule (or of one period)."""
    if promise.start > today:
        return []
    if promise.schedule.is_weekly_target:
        return list(_week_units(promise, marks, today, since, multiplier))
    return list(_day_units(promise, marks, today, since, multiplier))


def _day_units(
    promise: Promise,
    marks: Marks,
    today: date,
    since: date | None,
    multiplier: float | None = None,
) -> Iterator[Unit]:
    schedule, anchor = promise.schedule, promise.start
    day = promise.start if since is None else max(since, promise.start)
    last = _last_day(promise, today)
    asked_from = promise.asked_from
    while day <= last:
        mark = marks.get(day)
        if mark is not None:
            # A dict lookup, not Outcome(...): this loop runs once per day of history.
            outcome = _OUTCOME_OF[mark.status]
            yield Unit(day, outcome, 1.0 if outcome is Outcome.KEPT else 0.0, multiplier)
        elif schedule.is_due(anchor, day):
            still_open = day == today or day < asked_from
            yield Unit(day, Outcome.OPEN if still_open else Outcome.MISSED, 0.0, multiplier)
        day += ONE_DAY


def week_target(
    promise: Promise, day: date, marks: Marks, today: date | None = None
) -> tuple[int, int]:
    """(kept days, target) of an N/week promise for the Monday-to-Sunday week of `day`.

    Only marks up to `today` count, when it is given; the target is the whole week's.
    With a schedule history, the week is judged by the N/week schedule in force on
    `day`, over the days of that schedule's period (as the history stood on `today`).
    """
    marks = judged_by_amounts(promise, marks, today)
    if promise.earlier:
        promise = _period_on(promise if today is None else promise.as_of(today), day)
    return _week_target(promise, week_start(day), marks, today)


def _week_target(
    promise: Promise, monday: date, marks: Marks, today: date | None
) -> tuple[int, int]:
    first = max(monday, promise.start)
    last = monday + timedelta(days=6)
    if promise.end is not None:
        last = min(last, promise.end)
    days_inside = (last - first).days + 1
    counted_until = last if today is None else min(last, today)
    if promise.measure is not None:  # the week's amounts against its target
        return int(promise.measure.is_met(week_total(marks, first, counted_until))), 1
    kept = excused = 0
    day = first
    while day <= counted_until:
        mark = marks.get(day)
        if mark is not None:
            if mark.status is MarkStatus.KEPT:
                kept += 1
            elif mark.status is MarkStatus.EXCUSED:
                excused += 1
        day += ONE_DAY
    target = max(0, min(promise.schedule.count, days_inside) - excused)
    return kept, target


def _week_units(
    promise: Promise,
    marks: Marks,
    today: date,
    since: date | None,
    multiplier: float | None = None,
) -> Iterator[Unit]:
    begin = promise.start if since is None else max(since, promise.start)
    monday = week_start(begin)
    last = _last_day(promise, today)
    current_monday = week_start(today)
    first_asked = week_start(promise.asked_from)
    while monday <= last:
        kept, target = _week_target(promise, monday, marks, today)
        if kept and kept >= target:
            yield Unit(monday, Outcome.KEPT, 1.0, multiplier)
        elif target == 0:
            yield Unit(monday, Outcome.EXCUSED, 0.0, multiplier)
        elif monday < first_asked or (
            monday == current_monday and (promise.end is None or promise.end >= today)
        ):
            yield Unit(monday, Outcome.OPEN, kept / target, multiplier)
        else:
            yield Unit(monday, Outcome.MISSED, kept / target, multiplier)
        monday += timedelta(days=7)


# --- streaks ---------------------------------------------------------------------------------


def runs_of(judged: Sequence[Unit]) -> list[Run]:
    """Every streak in the history, oldest first."""
    runs: list[Run] = []
    start: date | None = None
    end: date | None = None
    length = 0
    for unit in judged:
        if unit.outcome is Outcome.KEPT:
            if start is None:
                start = unit.start
            end, length = unit.start, length + 1
        elif unit.outcome is Outcome.MISSED:
            if start is not None and end is not None:
                runs.append(Run(start, end, length))
            start, end, length = None, None, 0
    if start is not None and end is not None:
        runs.append(Run(start, end, length))
    return runs


def _streak_runs(promise: Promise, marks: Marks, today: date) -> list[Run]:
    """The runs the best ones are chosen from, in the current unit (days or weeks), oldest
    first: consecutive periods of that unit make one stretch a run can go through; a
    period of the other unit ends it and its own runs are left out."""
    periods = _judged_periods(promise, today)
    weekly = bool(periods) and periods[-1].schedule.is_weekly_target
    runs: list[Run] = []
    stretch: list[Unit] = []
    for period in periods:
        if period.schedule.is_weekly_target == weekly:
            stretch += _period_units(period, marks, today, None)
        else:
            runs += runs_of(stretch)
            stretch = []
    return runs + runs_of(stretch)


def current_streak(promise: Promise, marks: Marks, today: date) -> int:
    """The run of kept units up to today, walking back from today to the first miss
    (without reading years of history to find the last few weeks)."""
    marks = judged_by_amounts(promise, marks, today)
    if not promise.earlier:
        return _streak_back(promise, marks, today)[0]
    periods = _judged_periods(promise, today)
    if not periods:
        return 0
    # Back through the periods of the current unit (days or weeks), to the first miss.
    weekly = periods[-1].schedule.is_weekly_target
    count = 0
    for period in reversed(periods):
        if period.schedule.is_weekly_target != weekly:
            break
        counted, broken = _streak_back(period, marks, today)
        count += counted
        if broken:
            break
    return count


def _streak_back(promise: Promise, marks: Marks, today: date) -> tuple[int, bool]:
    """(kept units, whether a miss ended them) of one schedule, from today backwards."""
    if promise.start > today:
        return 0, False
    count = 0
    last = _last_day(promise, today)
    if promise.schedule.is_weekly_target:
        monday, first_monday = week_start(last), week_start(promise.start)
        current_monday = week_start(today)
        still_running = promise.end is None or promise.end >= today
        first_asked = week_start(promise.asked_from)
        while monday >= first_monday:
            kept, target = _week_target(promise, monday, marks, today)
            if kept and kept >= target:
                count += 1
            elif (
                target
                and monday >= first_asked
                and not (monday == current_monday and still_running)
            ):
                return count, True  # missed (a week passed over or still open goes on)
            monday -= timedelta(days=7)
        return count, False
    schedule, anchor = promise.schedule, promise.start
    asked_from = promise.asked_from
    day = last
    while day >= anchor:
        mark = marks.get(day)
        if mark is not None:
            if mark.status is MarkStatus.KEPT:
                count += 1
            elif mark.status is MarkStatus.MISSED:
                return count, True
        elif day != today and day >= asked_from and schedule.is_due(anchor, day):
            return count, True
        day -= ONE_DAY
    return count, False


def best_streak(promise: Promise, marks: Marks, today: date) -> int:
    return _walk(promise, marks, today, ()).best_streak


def best_runs(promise: Promise, marks: Marks, today: date, count: int = 3) -> list[Run]:
    """The longest streaks, longest first (the most recent first among equals)."""
    marks = judged_by_amounts(promise, marks, today)
    runs = _streak_runs(promise, marks, today)
    return sorted(runs, key=lambda run: (run.length, run.end), reverse=True)[:count]


# --- consistency -----------------------------------------------------------------------------


def consistency(promise: Promise, marks: Marks, today: date, days: int) -> float | None:
    """The share kept over the last `days` days, today included only once it is marked.

    None when nothing was due in that window.
    """
    return _walk(promise, marks, today, (days,)).shares[0]


def _weekly_tally(promise: Promise, marks: Marks, today: date, since: date) -> tuple[int, int]:
    """N/week: (kept days, expected days in sevenths) from `since` to today.

    Each day in the window carries N/7 of a target, less one per excused day; counted in
    sevenths, in whole numbers, so that a target of exactly 0 is seen as 0.
    """
    first = max(since, promise.start)
    last = _last_day(promise, today)
    if promise.measure is not None:
        return _measured_weeks_tally(promise, marks, today, first, last)
    counted = kept = excused = 0
    day = first
    asked_from = promise.asked_from
    while day <= last:
        mark = marks.get(day)
        if (day != today and day >= asked_from) or mark is not None:
            counted += 1
            if mark is not None and mark.status is MarkStatus.KEPT:
                kept += 1
            elif mark is not None and mark.status is MarkStatus.EXCUSED:
                excused += 1
        day += ONE_DAY
    return kept, promise.schedule.count * counted - 7 * excused


def _measured_weeks_tally(
    promise: Promise, marks: Marks, today: date, first: date, last: date
) -> tuple[int, int]:
    """A measured N/week promise's window in weeks: (weeks met, 7 per judged week), a week
    judged as its unit is (open and passed-over weeks left out)."""
    met = judged = 0
    for unit in _week_units(promise, marks, today, first):
        if unit.start > last:
            break
        if unit.outcome in (Outcome.KEPT, Outcome.MISSED):
            judged += 1
            met += unit.outcome is Outcome.KEPT
    return met, 7 * judged


# --- strength --------------------------------------------------------------------------------


def strength_multiplier(promise: Promise) -> float:
    """The multiplier of the current schedule (of a period's, for a period)."""
    root = math.sqrt(frequency(promise))
    if promise.schedule.is_weekly_target:
        return 0.5 ** (7 * root / STRENGTH_HALF_LIFE)
    return 0.5 ** (1 / (STRENGTH_HALF_LIFE * root))


def strength_series(judged: Sequence[Unit], multiplier: float) -> list[tuple[date, float]]:
    """The strength (0-100) after each kept or missed unit (a unit's own multiplier first)."""
    score = 0.0
    series: list[tuple[date, float]] = []
    for unit in judged:
        if unit.outcome in (Outcome.KEPT, Outcome.MISSED):
            m = multiplier if unit.multiplier is None else unit.multiplier
            score = score * m + unit.value * (1 - m)
            series.append((unit.start, round(score * 100, 1)))
    return series


def strength(promise: Promise, marks: Marks, today: date) -> float:
    return _walk(promise, marks, today, ()).strength


# --- everything at once ----------------------------------------------------------------------


def promise_stats(promise: Promise, marks: Marks, today: date) -> PromiseStats:
    """Everything the Streaks view and `tracker streaks` show for one promise."""
    walked = _walk(promise, marks, today, CONSISTENCY_WINDOWS)
    return PromiseStats(
        promise_id=promise.id,
        current_streak=current_streak(promise, marks, today),
        best_streak=walked.best_streak,
        streak_unit=streak_unit(promise, today),
        consistency_7=walked.shares[0],
        consistency_30=walked.shares[1],
        consistency_90=walked.shares[2],
        strength=walked.strength,
    )


def strength_started(stats: PromiseStats) -> bool:
    """Whether there is a strength to show yet: a promise with nothing kept so far says
    'not yet' (as its streak does), not a 0 that reads as failure."""
    return stats.strength > 0 or stats.best_streak > 0


def stats_json(promise: Promise, stats: PromiseStats) -> dict[str, Any]:
    """The fields of one row of `tracker streaks --json` (and of `tracker partner streaks`)."""

    def ratio(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "id": promise.id,
        "title": promise.title,
        "schedule": promise.schedule.spec,
        "current_streak": stats.current_streak,
        "best_streak": stats.best_streak,
        "streak_unit": stats.streak_unit.value,
        "consistency_7": ratio(stats.consistency_7),
        "consistency_30": ratio(stats.consistency_30),
        "consistency_90": ratio(stats.consistency_90),
        "strength": stats.strength,
        **measure_fields(promise.measure),
    }


@dataclass(frozen=True)
class _Walked:
    """What one walk forward over the units gives: the best streak (in the current unit),
    the strength, and the consistency over each window asked for."""

    best_streak: int
    strength: float
    shares: tuple[float | None, ...]


def _walk(promise: Promise, marks: Marks, today: date, windows: Sequence[int]) -> _Walked:
    """The one walk forward behind the best streak, strength and consistency.

    Each period in turn (the promise itself when it has no history): a day-based one
    over day ordinals with the marks indexed by ordinal, an N/week one over its weeks,
    both by the rules of `units` (the property tests check them). A run ends
    at a change between day-based and N/week; the best streak is the best run in the
    current unit. Consistency adds each period's part of each window, in sevenths
    (whole numbers, so that one period alone gives exactly its own share).
    """
    marks = judged_by_amounts(promise, marks, today)
    statuses = _statuses_by_ordinal(marks)
    sinces = [today.toordinal() - days + 1 for days in windows]
    kept_sevenths = [0] * len(windows)
    expected_sevenths = [0] * len(windows)
    best = {False: 0, True: 0}  # by unit: day-based, N/week
    run, score, weekly = 0, 0.0, False
    for period in _judged_periods(promise, today):
        if period.schedule.is_weekly_target != weekly:
            best[weekly] = max(best[weekly], run)
            run, weekly = 0, period.schedule.is_weekly_target
        walk_period = _walk_weeks if weekly else _walk_days
        run, best[weekly], score = walk_period(
            period,
            marks,
            statuses,
            today,
            (run, best[weekly], score),
            sinces,
            kept_sevenths,
            expected_sevenths,
        )
    best[weekly] = max(best[weekly], run)
    return _Walked(
        best_streak=best[weekly],
        strength=round(score * 100, 1),
        shares=tuple(
            kept / expected if expected else None
            for kept, expected in zip(kept_sevenths, expected_sevenths, strict=True)
        ),
    )


def _walk_weeks(
    promise: Promise,
    marks: Marks,
    statuses: Mapping[int, MarkStatus],
    today: date,
    carried: tuple[int, int, float],
    sinces: Sequence[int],
    kept_sevenths: list[int],
    expected_sevenths: list[int],
) -> tuple[int, int, float]:
    """`_walk` over an N/week promise (or period): its weeks, then each window's kept and
    expected days (in sevenths). Takes and gives (run, best, score)."""
    run, best, score = carried
    multiplier = strength_multiplier(promise)
    for unit in _week_units(promise, marks, today, None):
        if unit.outcome is Outcome.KEPT:
            run += 1
        elif unit.outcome is Outcome.MISSED:
            best = max(best, run)
            run = 0
        else:
            continue  # excused or open: passed over
        score = score * multiplier + unit.value * (1 - multiplier)
    for index, since in enumerate(sinces):
        kept, expected = _weekly_tally(promise, marks, today, date.fromordinal(since))
        if expected > 0:
            kept_sevenths[index] += min(7 * kept, expected)
            expected_sevenths[index] += expected
    return run, best, score


def _walk_days(
    promise: Promise,
    marks: Marks,
    statuses: Mapping[int, MarkStatus],
    today: date,
    carried: tuple[int, int, float],
    sinces: Sequence[int],
    kept_sevenths: list[int],
    expected_sevenths: list[int],
) -> tuple[int, int, float]:
    """`_walk` over a day-based promise (or period): the rules of `units` over day ordinals,
    without an object per day (years of daily history make this the hot loop of the
    Streaks view). Takes and gives (run, best, score); adds each window's kept and judged
    days (in sevenths) to the lists."""
    run, best, score = carried
    schedule = promise.schedule
    every = schedule.count if schedule.kind is ScheduleKind.EVERY_N_DAYS else 0
    weekdays = schedule.weekdays
    every_weekday = len(weekdays) == 7
    multiplier = strength_multiplier(promise)
    keep_share = 1 - multiplier
    first = promise.start.toordinal()
    today_ordinal = today.toordinal()
    asked_ordinal = promise.asked_from.toordinal()
    windows_from = min(sinces, default=today_ordinal + 1)
    kept_status, missed_status = MarkStatus.KEPT, MarkStatus.MISSED
    # The judged and the kept days in the windows, oldest first (day ordinals).
    judged_recently: list[int] = []
    kept_recently: list[int] = []
    for ordinal in range(first, _last_day(promise, today).toordinal() + 1):
        status = statuses.get(ordinal)
        if status is kept_status:  # the common case first
            run += 1
            score = score * multiplier + keep_share
            if ordinal >= windows_from:
                judged_recently.append(ordinal)
                kept_recently.append(ordinal)
            continue
        if status is None:
            if ordinal == today_ordinal or ordinal < asked_ordinal:
                continue  # open: today (or a day before it was added) neither counts nor breaks
            if every:
                if (ordinal - first) % every:
                    continue
            elif not every_weekday and (ordinal + 6) % 7 not in weekdays:  # date.weekday()
                continue
        elif status is not missed_status:
            continue  # excused: passed over
        # missed (marked so, or a past due day left unmarked)
        if run > best:
            best = run
        run = 0
        score = score * multiplier
        if ordinal >= windows_from:
            judged_recently.append(ordinal)
    for index, since in enumerate(sinces):
        kept_sevenths[index] += 7 * (len(kept_recently) - bisect_left(kept_recently, since))
        expected_sevenths[index] += 7 * (len(judged_recently) - bisect_left(judged_recently, since))
    return run, best, score


@runtime_checkable
class IndexedMarks(Protocol):
    """Marks that can give each marked day's status by day ordinal without decoding years
    of marks into objects (as the MarkBook the data is read into does)."""

    def statuses_by_ordinal(self) -> dict[int, MarkStatus]: ...


def _statuses_by_ordinal(marks: Marks) -> dict[int, MarkStatus]:
    """Each marked day's status by day ordinal."""
    if isinstance(marks, IndexedMarks):
        return marks.statuses_by_ordinal()
    return {day.toordinal(): mark.status for day, mark in marks.items()}


def day_status(promise: Promise, marks: Marks, day: date, today: date) -> DayStatus:
    """How `day` stands for `promise`, as of `today` (for heatmaps and the Today view).

    A day ahead is FUTURE, unless it is excused already (a planned excuse)."""
    marks = judged_by_amounts(promise, marks, today)
    if day > today:
        mark = marks.get(day)
        if mark is not None and mark.status is MarkStatus.EXCUSED:
            return DayStatus.EXCUSED
        return DayStatus.FUTURE
    if not promise.is_active_on(day):
        return DayStatus.NOT_DUE
    mark = marks.get(day)
    if mark is not None:
        if mark.status is MarkStatus.MISSED and is_short_in_running_week(promise, day, today):
            return DayStatus.OPEN
        return DayStatus(mark.status.value)
    judged = _period_on(promise.as_of(today), day) if promise.earlier else promise
    if judged.schedule.is_weekly_target:
        if day == today:
            kept, target = _week_target(judged, week_start(day), marks, today)
            return DayStatus.OPEN if kept < target else DayStatus.NOT_DUE
        return DayStatus.NOT_DUE
    if not judged.schedule.is_due(judged.start, day):
        return DayStatus.NOT_DUE
    return DayStatus.OPEN if day == today or day < judged.asked_from else DayStatus.MISSED


def is_due_on(promise: Promise, marks: Marks, day: date, today: date | None = None) -> bool:
    """Whether the promise asks something of `day`, as of `today` (or of `day` itself).

    Fixed-day promises: on their due dates. N/week: on any day of a week whose
    target is not met yet (by the marks up to that day and `today`), and on the days
    that carry a mark. A rescheduled promise: by the schedule in force on `day`.
    """
    marks = judged_by_amounts(promise, marks, today)
    if not promise.is_active_on(day) or promise.archived:
        return False
    as_of = day if today is None else min(day, today)
    judged = _period_on(promise.as_of(as_of), day) if promise.earlier else promise
    if judged.schedule.is_weekly_target:
        if day in marks:
            return True
        kept, target = _week_target(judged, week_start(day), marks, as_of)
        return kept < target
    return judged.schedule.is_due(judged.start, day)


def day_states(
    promise: Promise, marks: Marks, start: date, end: date, today: date
) -> dict[date, DayStatus]:
    """Each date's state from `start` to `end` inclusive: one promise's heatmap."""
    marks = judged_by_amounts(promise, marks, today)
    promise = promise.as_of(today)  # once, not per day
    states: dict[date, DayStatus] = {}
    day = start
    while day <= end:
        states[day] = day_status(promise, marks, day, today)
        day += ONE_DAY
    return states


def share_kept_by_day(
    promises: Sequence[Promise],
    marks_by_promise: Mapping[int, Marks],
    start: date,
    end: date,
    today: date,
) -> dict[date, float | None]:
    """For each date, the share of judged promises that were kept (None when none was judged).

    Open, excused, not-due and future days are left out of the share.
    """
    return share_kept(
        [
            day_states(promise, marks_by_promise.get(promise.id, {}), start, end, today)
            for promise in promises
        ],
        start,
        end,
    )


def share_kept(
    states_by_promise: Iterable[Mapping[date, DayStatus]], start: date, end: date
) -> dict[date, float | None]:
    """For each date, the share of the promises whose `day_states` are given that were kept
    (None when none was judged)."""
    kept: dict[date, int] = {}
    judged: dict[date, int] = {}
    for states in states_by_promise:
        for day, state in states.items():
            if state is DayStatus.KEPT:
                kept[day] = kept.get(day, 0) + 1
                judged[day] = judged.get(day, 0) + 1
            elif state is DayStatus.MISSED:
                judged[day] = judged.get(day, 0) + 1
    shares: dict[date, float | None] = {}
    day = start
    while day <= end:
        shares[day] = kept.get(day, 0) / judged[day] if day in judged else None
        day += ONE_DAY
    return shares
