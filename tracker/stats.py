"""Streaks, consistency, strength and heatmaps: pure functions of a promise, its marks and today.

The rules, in one place:

* A fixed-day promise (daily, weekdays, weekends, a set of days, every N days) is
  judged on its *due dates* between its start and end. A day that carries a mark
  counts too, even if it is no longer due: rescheduling a promise keeps its
  history. A past due date without a mark is missed. Today without a mark is
  open: it neither counts nor breaks anything yet.
* An N/week promise is judged in Monday-to-Sunday weeks. A week's target is N
  (fewer in a first or last week that has fewer than N days inside the promise's
  dates) minus its excused days; the week is met when its kept days reach the
  target. A week whose target falls to 0 with nothing kept is passed over, like
  an excused day (with a day kept it is met: excusing never costs a streak).
  The current week is open until it is met. Marks after today are not counted
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
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.schedule import ScheduleKind, week_start

Marks = Mapping[date, Mark]
ONE_DAY = timedelta(days=1)
STRENGTH_HALF_LIFE = 13
CONSISTENCY_WINDOWS = (7, 30, 90)


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
    """One judged unit: a due date, or a week (its Monday) for N/week promises."""

    start: date
    outcome: Outcome
    value: float = 0.0


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
    streak_unit: str
    consistency_7: float | None
    consistency_30: float | None
    consistency_90: float | None
    strength: float


def local_day(now: datetime, day_starts_at: time) -> date:
    """The calendar day a moment belongs to, for someone whose day starts at `day_starts_at`.

    With the day starting at 03:00, 00:40 on the 21st still belongs to the 20th.
    `now` is a local wall-clock time. The new day begins the first time the clock
    shows `day_starts_at` or later: on a spring-forward night that skips the start
    time, at the jump; on a fall-back night that repeats it, at its first showing
    (so the repeated hour does not fall back into yesterday).
    """
    starts_at = day_starts_at.replace(tzinfo=None)
    if now.time() >= starts_at:
        return now.date()
    if now.fold == 1 and now.tzinfo is not None and _is_repeated(now, starts_at):
        return now.date()
    return now.date() - ONE_DAY


def _is_repeated(now: datetime, wall: time) -> bool:
    """Whether the clock shows `wall` twice on `now`'s date (a fall-back night)."""
    moment = datetime.combine(now.date(), wall, tzinfo=now.tzinfo)
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def streak_unit(promise: Promise) -> str:
    return "weeks" if promise.schedule.is_weekly_target else "days"


def frequency(promise: Promise) -> float:
    """Due days per calendar day."""
    schedule = promise.schedule
    if schedule.is_weekly_target:
        return schedule.count / 7
    if schedule.kind is ScheduleKind.EVERY_N_DAYS:
        return 1 / schedule.count
    return len(schedule.weekdays) / 7


def _last_day(promise: Promise, today: date) -> date:
    return today if promise.end is None else min(today, promise.end)


def units(promise: Promise, marks: Marks, today: date, since: date | None = None) -> list[Unit]:
    """The judged units from the promise's start (or `since`) up to today, oldest first."""
    if promise.start > today:
        return []
    if promise.schedule.is_weekly_target:
        return list(_week_units(promise, marks, today, since))
    return list(_day_units(promise, marks, today, since))


def _day_units(promise: Promise, marks: Marks, today: date, since: date | None) -> Iterator[Unit]:
    schedule, anchor = promise.schedule, promise.start
    day = promise.start if since is None else max(since, promise.start)
    last = _last_day(promise, today)
    while day <= last:
        mark = marks.get(day)
        if mark is not None:
            # A dict lookup, not Outcome(...): this loop runs once per day of history.
            outcome = _OUTCOME_OF[mark.status]
            yield Unit(day, outcome, 1.0 if outcome is Outcome.KEPT else 0.0)
        elif schedule.is_due(anchor, day):
            yield Unit(day, Outcome.OPEN if day == today else Outcome.MISSED)
        day += ONE_DAY


def week_target(
    promise: Promise, monday: date, marks: Marks, today: date | None = None
) -> tuple[int, int]:
    """(kept days, target) of an N/week promise for the week starting `monday`.

    Only marks up to `today` count, when it is given; the target is the whole week's.
    """
    first = max(monday, promise.start)
    last = monday + timedelta(days=6)
    if promise.end is not None:
        last = min(last, promise.end)
    days_inside = (last - first).days + 1
    counted_until = last if today is None else min(last, today)
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


def _week_units(promise: Promise, marks: Marks, today: date, since: date | None) -> Iterator[Unit]:
    begin = promise.start if since is None else max(since, promise.start)
    monday = week_start(begin)
    last = _last_day(promise, today)
    current_monday = week_start(today)
    while monday <= last:
        kept, target = week_target(promise, monday, marks, today)
        if kept and kept >= target:
            yield Unit(monday, Outcome.KEPT, 1.0)
        elif target == 0:
            yield Unit(monday, Outcome.EXCUSED)
        elif monday == current_monday and (promise.end is None or promise.end >= today):
            yield Unit(monday, Outcome.OPEN, kept / target)
        else:
            yield Unit(monday, Outcome.MISSED, kept / target)
        monday += timedelta(days=7)


def current_streak_of(judged: Sequence[Unit]) -> int:
    count = 0
    for unit in reversed(judged):
        if unit.outcome is Outcome.KEPT:
            count += 1
        elif unit.outcome is Outcome.MISSED:
            break
    return count


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


def current_streak(promise: Promise, marks: Marks, today: date) -> int:
    return current_streak_of(units(promise, marks, today))


def best_streak(promise: Promise, marks: Marks, today: date) -> int:
    return max((run.length for run in runs_of(units(promise, marks, today))), default=0)


def best_runs(promise: Promise, marks: Marks, today: date, count: int = 3) -> list[Run]:
    """The longest streaks, longest first (the most recent first among equals)."""
    runs = runs_of(units(promise, marks, today))
    return sorted(runs, key=lambda run: (run.length, run.end), reverse=True)[:count]


def consistency(promise: Promise, marks: Marks, today: date, days: int) -> float | None:
    """The share kept over the last `days` days, today included only once it is marked.

    None when nothing was due in that window.
    """
    since = today - timedelta(days=days - 1)
    if promise.schedule.is_weekly_target:
        return _weekly_consistency(promise, marks, today, since)
    kept = judged = 0
    for unit in _day_units(promise, marks, today, since):
        if unit.outcome is Outcome.KEPT:
            kept += 1
            judged += 1
        elif unit.outcome is Outcome.MISSED:
            judged += 1
    return kept / judged if judged else None


def _weekly_consistency(promise: Promise, marks: Marks, today: date, since: date) -> float | None:
    """N/week: kept days against N/7 of a target per day in the window, less excused days.

    Counted in sevenths, in whole numbers, so that a target of exactly 0 is seen as 0.
    """
    first = max(since, promise.start)
    last = _last_day(promise, today)
    counted = kept = excused = 0
    day = first
    while day <= last:
        mark = marks.get(day)
        if day != today or mark is not None:
            counted += 1
            if mark is not None and mark.status is MarkStatus.KEPT:
                kept += 1
            elif mark is not None and mark.status is MarkStatus.EXCUSED:
                excused += 1
        day += ONE_DAY
    expected_sevenths = promise.schedule.count * counted - 7 * excused
    if expected_sevenths <= 0:
        return None
    return min(1.0, 7 * kept / expected_sevenths)


def strength_multiplier(promise: Promise) -> float:
    root = math.sqrt(frequency(promise))
    if promise.schedule.is_weekly_target:
        return 0.5 ** (7 * root / STRENGTH_HALF_LIFE)
    return 0.5 ** (1 / (STRENGTH_HALF_LIFE * root))


def strength_series(judged: Sequence[Unit], multiplier: float) -> list[tuple[date, float]]:
    """The strength (0-100) after each kept or missed unit."""
    score = 0.0
    series: list[tuple[date, float]] = []
    for unit in judged:
        if unit.outcome in (Outcome.KEPT, Outcome.MISSED):
            score = score * multiplier + unit.value * (1 - multiplier)
            series.append((unit.start, round(score * 100, 1)))
    return series


def strength(promise: Promise, marks: Marks, today: date) -> float:
    return _final_strength(units(promise, marks, today), strength_multiplier(promise))


def _final_strength(judged: Sequence[Unit], multiplier: float) -> float:
    """The last value of `strength_series`, without building the series (years of units)."""
    score, scored = 0.0, False
    for unit in judged:
        if unit.outcome is Outcome.KEPT or unit.outcome is Outcome.MISSED:
            score = score * multiplier + unit.value * (1 - multiplier)
            scored = True
    return round(score * 100, 1) if scored else 0.0


def promise_stats(promise: Promise, marks: Marks, today: date) -> PromiseStats:
    """Everything the Streaks view and `tracker streaks` show for one promise, in one pass."""
    if not promise.schedule.is_weekly_target:
        return _fixed_day_stats(promise, marks, today)
    judged = units(promise, marks, today)
    runs = runs_of(judged)
    return PromiseStats(
        promise_id=promise.id,
        current_streak=current_streak_of(judged),
        best_streak=max((run.length for run in runs), default=0),
        streak_unit=streak_unit(promise),
        consistency_7=consistency(promise, marks, today, 7),
        consistency_30=consistency(promise, marks, today, 30),
        consistency_90=consistency(promise, marks, today, 90),
        strength=_final_strength(judged, strength_multiplier(promise)),
    )


def _fixed_day_stats(promise: Promise, marks: Marks, today: date) -> PromiseStats:
    """`promise_stats` for a fixed-day promise: one walk over the days, no objects per day.

    Years of daily history make this the hot loop of the Streaks view, so it walks day
    ordinals with the marks indexed by ordinal. It applies exactly the rules of `units`,
    `runs_of`, `strength` and `consistency` (the property tests compare them).
    """
    schedule = promise.schedule
    every = schedule.count if schedule.kind is ScheduleKind.EVERY_N_DAYS else 0
    weekdays = schedule.weekdays
    every_weekday = len(weekdays) == 7
    multiplier = strength_multiplier(promise)
    keep_share = 1 - multiplier
    first = promise.start.toordinal()
    last = _last_day(promise, today).toordinal()
    today_ordinal = today.toordinal()
    since_7, since_30, since_90 = (today_ordinal - days + 1 for days in CONSISTENCY_WINDOWS)
    statuses = {day.toordinal(): mark.status for day, mark in marks.items()}
    kept_status, missed_status = MarkStatus.KEPT, MarkStatus.MISSED
    run = best = 0
    score = 0.0
    kept_7 = judged_7 = kept_30 = judged_30 = kept_90 = judged_90 = 0
    for ordinal in range(first, last + 1):
        status = statuses.get(ordinal)
        if status is None:
            if ordinal == today_ordinal:
                continue  # open: today neither counts nor breaks
            if every:
                if (ordinal - first) % every:
                    continue
            elif not every_weekday and (ordinal + 6) % 7 not in weekdays:  # date.weekday()
                continue
            kept = False
        elif status is kept_status:
            kept = True
        elif status is missed_status:
            kept = False
        else:
            continue  # excused: passed over
        if kept:
            run += 1
            score = score * multiplier + keep_share
        else:
            best = max(best, run)
            run = 0
            score = score * multiplier
        if ordinal >= since_90:
            judged_90 += 1
            kept_90 += kept
            if ordinal >= since_30:
                judged_30 += 1
                kept_30 += kept
                if ordinal >= since_7:
                    judged_7 += 1
                    kept_7 += kept
    return PromiseStats(
        promise_id=promise.id,
        current_streak=run,
        best_streak=max(best, run),
        streak_unit=streak_unit(promise),
        consistency_7=kept_7 / judged_7 if judged_7 else None,
        consistency_30=kept_30 / judged_30 if judged_30 else None,
        consistency_90=kept_90 / judged_90 if judged_90 else None,
        strength=round(score * 100, 1),
    )


def day_status(promise: Promise, marks: Marks, day: date, today: date) -> DayStatus:
    """How `day` stands for `promise`, as of `today` (for heatmaps and the Today view)."""
    if day > today:
        return DayStatus.FUTURE
    if not promise.is_active_on(day):
        return DayStatus.NOT_DUE
    mark = marks.get(day)
    if mark is not None:
        return DayStatus(mark.status.value)
    if promise.schedule.is_weekly_target:
        if day == today:
            kept, target = week_target(promise, week_start(day), marks, today)
            return DayStatus.OPEN if kept < target else DayStatus.NOT_DUE
        return DayStatus.NOT_DUE
    if not promise.schedule.is_due(promise.start, day):
        return DayStatus.NOT_DUE
    return DayStatus.OPEN if day == today else DayStatus.MISSED


def is_due_on(promise: Promise, marks: Marks, day: date) -> bool:
    """Whether the promise asks something of `day`.

    Fixed-day promises: on their due dates. N/week: on any day of a week whose
    target is not met yet, and on the days that carry a mark.
    """
    if not promise.is_active_on(day) or promise.archived:
        return False
    if promise.schedule.is_weekly_target:
        if day in marks:
            return True
        kept, target = week_target(promise, week_start(day), marks)
        return kept < target
    return promise.schedule.is_due(promise.start, day)


def day_states(
    promise: Promise, marks: Marks, start: date, end: date, today: date
) -> dict[date, DayStatus]:
    """Each date's state from `start` to `end` inclusive: one promise's heatmap."""
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
    kept: dict[date, int] = {}
    judged: dict[date, int] = {}
    for promise in promises:
        states = day_states(promise, marks_by_promise.get(promise.id, {}), start, end, today)
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


@dataclass(frozen=True)
class Milestone:
    months: int
    label: str
    reached: bool
    on: date | None = None  # the calendar day it is (or was) reached


@dataclass(frozen=True)
class JourneyProgress:
    """How far along the user is against the time frames people are told to expect."""

    start: date
    days: int
    months: float
    milestones: tuple[Milestone, ...]

    @property
    def next_milestone(self) -> Milestone | None:
        return next((m for m in self.milestones if not m.reached), None)


JOURNEY_MILESTONES = (
    (6, "first noticeable change (about six months)"),
    (12, "a year of rebuilding"),
    (24, "the far end of what a major breach takes (one to two years)"),
)


def journey_progress(start: date, today: date) -> JourneyProgress:
    """Time since `start`, and which milestones are behind.

    A milestone is reached on its calendar day (six months after 31 August is the last
    day of February), so "a year" is reached on the anniversary, leap year or not.
    """
    days = max(0, (today - start).days)
    milestones = []
    for months, label in JOURNEY_MILESTONES:
        on = start + relativedelta(months=months)
        milestones.append(Milestone(months, label, today >= on, on))
    return JourneyProgress(start, days, _months_between(start, today), tuple(milestones))


def _months_between(start: date, today: date) -> float:
    """Calendar months from `start` to `today`, rounded down to a tenth (never ahead of
    the milestones: 364 days is 11.9 months, the anniversary 12.0)."""
    if today <= start:
        return 0.0
    elapsed = relativedelta(today, start)
    whole = elapsed.years * 12 + elapsed.months
    began = start + relativedelta(months=whole)
    month_length = (start + relativedelta(months=whole + 1) - began).days
    return math.floor((whole + (today - began).days / month_length) * 10) / 10
