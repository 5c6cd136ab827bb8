"""Excuses over a range of days, planned ahead or looking back: a trip, an illness.

`tracker.plans.excuse(promise, first, last, reason=...)` excuses every day of the range
that the promise asks something of (its due days; every day for an N/week promise)
and leaves days already kept or missed as they are. A planned excuse is a mark like
any other: reminders see the day is excused and stay quiet, Today and the heatmaps
show it, and `remove` (or ctrl+z) takes it away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, Promise
from tracker.parsing import PLAN_AHEAD_DAYS, format_count
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.service.marks import refuse_unmarkable
from tracker.stats import is_due_on

# The longest range one excuse covers (a long stay away is excused in a few steps).
MAX_RANGE_DAYS = 92


@dataclass(frozen=True)
class PlannedExcuse:
    """Excused days of one promise from `first` to `last` (the days between asked
    nothing of it), with the reason given."""

    promise: Promise
    first: date
    last: date
    reason: str

    def describe(self) -> str:
        """'Walk the dog: excused Thu 10 – Mon 14 Dec (travelling)'."""
        days = span_words(self.first, self.last)
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.promise.title}: excused {days}{reason}"


def span_words(first: date, last: date) -> str:
    """'Thu 10 Dec', 'Thu 10 – Mon 14 Dec', 'Mon 28 Dec – Sat 2 Jan 2027'."""
    if first == last:
        return f"{first:%a %-d %b}"
    if first.year != last.year:
        return f"{first:%a %-d %b %Y} – {last:%a %-d %b %Y}"
    if first.month != last.month:
        return f"{first:%a %-d %b} – {last:%a %-d %b}"
    return f"{first:%a %-d} – {last:%a %-d %b}"


def _excused(mark: Mark | None) -> bool:
    return mark is not None and mark.status is MarkStatus.EXCUSED


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


class Plans(Area):
    """Excuses over a range of days, and the ones planned ahead."""

    def excuse(
        self, promise: Promise, first: date, last: date | None = None, *, reason: str = ""
    ) -> Change[list[Mark]]:
        """Excuse each day from `first` to `last` (inclusive) that asks something of
        `promise`; days already kept or missed keep their mark, an earlier excuse takes
        the new reason. The undo puts every day back as it was."""
        last = first if last is None else last
        if last < first:
            raise ValidationError(
                f"The range ends before it starts ({last.isoformat()} is before "
                f"{first.isoformat()})."
            )
        if (last - first).days + 1 > MAX_RANGE_DAYS:
            raise ValidationError(
                f"That is more than {MAX_RANGE_DAYS} days: excuse a long time away in a few steps."
            )
        today = self._context.today()
        if (last - today).days > PLAN_AHEAD_DAYS:
            raise ValidationError(
                f"{last.isoformat()} is more than a year ahead: excuse it when it is closer."
            )
        marks = self._store.marks_of(promise.id)
        before: dict[date, Mark] = {}
        excused: list[Mark] = []
        kept_as_is = 0
        for day in days_between(first, last):
            if not self._asks_something(promise, day):
                continue
            mark = marks.get(day)
            if mark is not None and mark.status is not MarkStatus.EXCUSED:
                kept_as_is += 1
                continue
            if mark is not None:
                before[day] = mark
            excused.append(Mark(promise.id, day, MarkStatus.EXCUSED, reason=reason))
        if not excused:
            raise ValidationError(self._nothing_to_excuse(promise, first, last, kept_as_is))
        self._store.put_marks(excused)
        written = [self._store.marks_of(promise.id)[mark.day] for mark in excused]
        store = self._store

        def undo() -> None:
            for mark in excused:
                store.remove_mark(promise.id, mark.day)
            if before:
                store.put_marks(before.values())

        message = (
            f"Excused: {promise.title}, {format_count(len(excused), 'days')} "
            f"({span_words(excused[0].day, excused[-1].day)})"
            + (f": {reason}" if reason else "")
            + "."
        )
        if kept_as_is:
            message += f" {format_count(kept_as_is, 'days')} already marked stay as they are."
        return Change(written, message, Undo("Take the excuses back", undo))

    def _asks_something(self, promise: Promise, day: date) -> bool:
        """Whether `day` can carry an excuse for `promise` (active, due by the schedule
        of that day; any day of an N/week promise)."""
        try:
            refuse_unmarkable(promise, day, self._context.today(), MarkStatus.EXCUSED)
        except ValidationError:
            return False
        return True

    def _nothing_to_excuse(self, promise: Promise, first: date, last: date, marked: int) -> str:
        if marked:
            return f"'{promise.title}' is already marked on every day it is due in that range."
        if first == last:
            # The one day's own reason (not due, archived, before the start...).
            refuse_unmarkable(promise, first, self._context.today(), MarkStatus.EXCUSED)
        return (
            f"'{promise.title}' is not due on any day from {first.isoformat()} to "
            f"{last.isoformat()} (it is due {promise.schedule.describe()})."
        )

    def remove(self, promise: Promise, first: date, last: date | None = None) -> Change[list[Mark]]:
        """Take back the excuses of `promise` from `first` to `last` (other marks stay)."""
        last = first if last is None else last
        if last < first:
            raise ValidationError("The range ends before it starts.")
        marks = self._store.marks_of(promise.id)
        removed = [
            marks[day]
            for day in days_between(first, last)
            if day in marks and marks[day].status is MarkStatus.EXCUSED
        ]
        if not removed:
            return Change([], f"'{promise.title}' had no excused day there; nothing changed.")
        for mark in removed:
            self._store.remove_mark(promise.id, mark.day)
        store = self._store
        days = span_words(removed[0].day, removed[-1].day)
        return Change(
            removed,
            f"Took back the excuses of '{promise.title}' on "
            f"{format_count(len(removed), 'days')} ({days}).",
            Undo("Put the excuses back", lambda: store.put_marks(removed)),
        )

    def ahead(self, within_days: int = PLAN_AHEAD_DAYS) -> list[PlannedExcuse]:
        """The excuses planned from tomorrow on, one entry per stretch of days, soonest
        first (days between that ask nothing of the promise do not break a stretch)."""
        today = self._context.today()
        # Only the days ahead are looked up: years of marks behind today are never decoded.
        window = days_between(today + ONE_DAY, today + timedelta(days=within_days))
        planned: list[PlannedExcuse] = []
        for promise in self._store.promises():
            marks = self._store.marks_of(promise.id)
            days = [day for day in window if _excused(marks.get(day))]
            stretch: list[date] = []
            for day in days:
                if stretch and not self._continues(promise, marks, stretch[-1], day):
                    planned.append(self._planned(promise, marks, stretch))
                    stretch = []
                stretch.append(day)
            if stretch:
                planned.append(self._planned(promise, marks, stretch))
        return sorted(planned, key=lambda plan: (plan.first, plan.promise.id))

    def _continues(
        self, promise: Promise, marks: Mapping[date, Mark], previous: date, day: date
    ) -> bool:
        same_reason = marks[previous].reason == marks[day].reason
        between = days_between(previous + ONE_DAY, day - ONE_DAY)
        return same_reason and not any(is_due_on(promise, marks, gap) for gap in between)

    @staticmethod
    def _planned(promise: Promise, marks: Mapping[date, Mark], days: list[date]) -> PlannedExcuse:
        return PlannedExcuse(promise, days[0], days[-1], marks[days[0]].reason)
