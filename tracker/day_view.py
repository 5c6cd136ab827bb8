"""One day as it stands now: every promise active on it, due ones first, with its state and streak.

The rule, for your own promises and for your partner's alike (the service's Today and
`tracker today`, the Partner view and `tracker partner today`):

* `today` is the last day the marks speak for: your current day, or the day your
  partner's latest share was written for.
* A past day is shown as it stands on `today`: a due day without a mark is missed,
  a met N/week week asks nothing more.
* A row is due when the day asks something of it (its state is kept, missed, excused
  or open); on a day after `today`, when its schedule makes it due.
* A row's streak and week count are as of the day shown, never past `today`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.amounts import amount_of, measure_fields, number
from tracker.model import DayStatus, Mark, Measure, Promise
from tracker.schedule import week_start
from tracker.stats import (
    Marks,
    StreakUnit,
    current_streak,
    day_status,
    is_due_on,
    streak_unit,
    week_target,
)

# The states in which a day asks something of a promise (or carries its mark).
JUDGED = frozenset({DayStatus.KEPT, DayStatus.MISSED, DayStatus.EXCUSED, DayStatus.OPEN})
# The statuses of the JSON interface; any other state reads as "open".
_PUBLIC = frozenset({DayStatus.KEPT, DayStatus.MISSED, DayStatus.EXCUSED})


@dataclass(frozen=True)
class DayRow:
    """One promise on one day: its state as it stands now, its streak as of that day."""

    promise: Promise
    due: bool
    status: DayStatus
    streak: int
    streak_unit: StreakUnit
    week_kept: int | None = None
    week_target: int | None = None
    mark: Mark | None = None
    # A measured promise's measure that day and its amount (its week's, for N/week).
    measure: Measure | None = None
    amount: float | None = None

    @property
    def progress(self) -> str:
        """'6 of 10 min' for a measured promise's day ('' for a yes/no one)."""
        if self.amount is None or self.measure is None:
            return ""
        return self.measure.progress(self.amount)


@dataclass(frozen=True)
class DayView:
    """Every promise active on `day`, due ones first, and how the due ones stand."""

    day: date
    today: date
    rows: tuple[DayRow, ...]

    @property
    def week_words(self) -> str:
        """'this week', or 'that week' for a day of an earlier (or later) week."""
        return "this week" if week_start(self.day) == week_start(self.today) else "that week"

    @property
    def due(self) -> list[DayRow]:
        """The rows the day asks something of: what its summary counts."""
        return [row for row in self.rows if row.due]

    def count(self, status: DayStatus) -> int:
        return sum(1 for row in self.due if row.status is status)

    @property
    def kept(self) -> int:
        return self.count(DayStatus.KEPT)

    @property
    def judged(self) -> int:
        """Due rows that count for or against: excused days do neither."""
        return len(self.due) - self.count(DayStatus.EXCUSED)


def judge_day(
    promises: Iterable[Promise], marks_of: Callable[[int], Marks], day: date, today: date
) -> DayView:
    """`day` as it stands on `today` (see the module's rule), for `promises` and their marks."""
    as_of = min(day, today)
    rows = []
    for promise in promises:
        if not promise.is_active_on(day):
            continue
        marks = marks_of(promise.id)
        status = day_status(promise, marks, day, today)
        due = status in JUDGED if day <= today else is_due_on(promise, marks, day, today)
        kept = target = None
        if promise.schedule_on(day)[0].is_weekly_target:
            kept, target = week_target(promise, day, marks, as_of)
        rows.append(
            DayRow(
                promise=promise,
                due=due,
                status=status,
                streak=current_streak(promise, marks, as_of),
                streak_unit=streak_unit(promise, as_of),
                week_kept=kept,
                week_target=target,
                mark=marks.get(day),
                measure=promise.measure_on(day),
                amount=amount_of(promise, marks, day),
            )
        )
    rows.sort(key=lambda row: (not row.due, row.promise.id))
    return DayView(day, today, tuple(rows))


def public_status(state: DayStatus) -> str:
    """The four statuses of the JSON interface: a day that asks nothing, or is not judged
    yet, reads as open."""
    return state.value if state in _PUBLIC else "open"


def day_row_json(row: DayRow, day: date) -> dict[str, Any]:
    """The fields of one row of `tracker today --json` (and of `tracker partner today`)."""
    return {
        "id": row.promise.id,
        "title": row.promise.title,
        "schedule": row.promise.schedule.spec,
        "date": day.isoformat(),
        "due": row.due,
        "status": public_status(row.status),
        "state": row.status.value,
        "streak": row.streak,
        "streak_unit": row.streak_unit.value,
        **measure_fields(row.measure),
        **({} if row.amount is None else {"amount": number(row.amount)}),
    }
