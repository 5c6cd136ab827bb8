"""The report's figures, computed from model values: pure, so they are tested without a browser.

The window is whole Monday-to-Sunday weeks ending with the week of `today` (days after
today are "later"). Figures follow tracker's own rules (`tracker.stats`): a due day
is kept, missed or excused; an N/week promise counts per week (its kept days up to its
target, against the target); today and the current week count only once kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.amounts import WeekAmount, is_measured, week_amount
from tracker.formats.data import TrackerData
from tracker.model import DayStatus, Mark, Note, Promise, QualityKind, Trigger
from tracker.schedule import week_start
from tracker.stats import current_streak, day_states, streak_unit, week_target

ONE_DAY = timedelta(days=1)
MAX_WEEKS = 52


@dataclass(frozen=True)
class Share:
    """Kept out of judged (days, or weekly targets)."""

    kept: int
    judged: int

    @property
    def ratio(self) -> float | None:
        return self.kept / self.judged if self.judged else None

    def __add__(self, other: Share) -> Share:
        return Share(self.kept + other.kept, self.judged + other.judged)


NO_SHARE = Share(0, 0)


@dataclass(frozen=True)
class PromiseRow:
    promise: Promise
    states: dict[date, DayStatus]
    weeks: tuple[Share, ...]
    total: Share
    streak: int
    streak_unit: str
    # A measured promise's amounts week by week against the week's target (None for a
    # week that asked nothing: not measured, not come yet, or no due day yet).
    amounts: tuple[WeekAmount | None, ...] = ()


@dataclass(frozen=True)
class WeekOfTime:
    monday: date
    minutes: int
    by_kind: dict[QualityKind, int]


@dataclass(frozen=True)
class NoteFigures:
    written: Counter[Trigger]
    let_go: Counter[Trigger]
    still_open: Counter[Trigger]
    shown: tuple[Note, ...]  # the notes written or let go in the window (text only on request)


@dataclass(frozen=True)
class ReportFigures:
    today: date
    mondays: tuple[date, ...]
    rows: tuple[PromiseRow, ...]
    weekly: tuple[Share, ...]
    total: Share
    time: tuple[WeekOfTime, ...]
    weekly_goal: int
    notes: NoteFigures

    @property
    def first_day(self) -> date:
        return self.mondays[0]

    @property
    def last_day(self) -> date:
        return self.today

    @property
    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(7 * len(self.mondays))]

    @property
    def weeks_at_goal(self) -> int:
        return sum(1 for week in self.time if self.weekly_goal and week.minutes >= self.weekly_goal)


def report_figures(data: TrackerData, *, today: date, weeks: int) -> ReportFigures:
    weeks = max(1, min(MAX_WEEKS, weeks))
    last_monday = week_start(today)
    mondays = tuple(last_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1))
    first, last = mondays[0], last_monday + timedelta(days=6)
    rows = tuple(
        _row(p, data, mondays, today)
        for p in data.promises
        if not p.archived and p.start <= today and (p.end is None or p.end >= first)
    )
    weekly = tuple(sum((row.weeks[i] for row in rows), NO_SHARE) for i in range(len(mondays)))
    return ReportFigures(
        today=today,
        mondays=mondays,
        rows=rows,
        weekly=weekly,
        total=sum(weekly, NO_SHARE),
        time=_time(data, mondays),
        weekly_goal=data.settings.weekly_quality_minutes,
        notes=_notes(data.notes, first, min(last, today)),
    )


def _row(promise: Promise, data: TrackerData, mondays: Sequence[date], today: date) -> PromiseRow:
    marks = data.marks_of(promise.id)
    states = day_states(promise, marks, mondays[0], mondays[-1] + timedelta(days=6), today)
    weeks = tuple(_week_share(promise, marks, states, monday, today) for monday in mondays)
    return PromiseRow(
        promise=promise,
        states=states,
        weeks=weeks,
        total=sum(weeks, NO_SHARE),
        streak=current_streak(promise, marks, today),
        streak_unit=streak_unit(promise, today),
        amounts=tuple(_week_amount(promise, marks, monday, today) for monday in mondays)
        if is_measured(promise)
        else (),
    )


def _week_amount(
    promise: Promise, marks: Mapping[date, Mark], monday: date, today: date
) -> WeekAmount | None:
    """The week's amounts against its target, up to today; None for a week that asked
    nothing (not measured, still ahead, or no due day yet)."""
    if monday > today:
        return None
    found = week_amount(promise, marks, monday, min(monday + 6 * ONE_DAY, today))
    if found is None or (found.target == 0 and found.total == 0):
        return None
    return found


def _week_share(
    promise: Promise,
    marks: Mapping[date, Mark],
    states: dict[date, DayStatus],
    monday: date,
    today: date,
) -> Share:
    """The week's kept and judged units, by the schedule in force that week."""
    schedule, _ = promise.as_of(today).schedule_on(min(monday + timedelta(days=6), today))
    days = [monday + timedelta(days=n) for n in range(7)]
    if schedule.is_weekly_target and promise.is_active_on(min(monday + timedelta(days=6), today)):
        if monday > today:
            return NO_SHARE
        kept, target = week_target(promise, monday, marks, today)
        if target == 0:
            return NO_SHARE
        if monday == week_start(today) and kept < target:
            return Share(kept, kept)  # the current week is open until met: it drags nothing
        return Share(min(kept, target), target)
    kept = sum(1 for day in days if states.get(day) is DayStatus.KEPT)
    missed = sum(1 for day in days if states.get(day) is DayStatus.MISSED)
    return Share(kept, kept + missed)


def _time(data: TrackerData, mondays: Sequence[date]) -> tuple[WeekOfTime, ...]:
    by_week: dict[date, Counter[QualityKind]] = {monday: Counter() for monday in mondays}
    for entry in data.quality:
        monday = week_start(entry.day)
        if monday in by_week:
            by_week[monday][entry.kind] += entry.minutes
    return tuple(
        WeekOfTime(monday, sum(kinds.values()), dict(kinds)) for monday, kinds in by_week.items()
    )


def _notes(notes: Sequence[Note], first: date, last: date) -> NoteFigures:
    inside = [n for n in notes if first <= n.day <= last]
    let_go = [n for n in notes if n.let_go_on is not None and first <= n.let_go_on <= last]
    shown = {id(n): n for n in (*inside, *let_go)}
    return NoteFigures(
        written=Counter(n.trigger for n in inside),
        let_go=Counter(n.trigger for n in let_go),
        still_open=Counter(n.trigger for n in notes if n.is_open and n.day <= last),
        shown=tuple(sorted(shown.values(), key=lambda n: (n.day, n.id))),
    )
