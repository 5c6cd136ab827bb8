"""Marks: check off, excuse, miss and unmark a day; each day as it stands now."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from tracker.amounts import status_for, week_total
from tracker.day_view import DayView, judge_day
from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import (
    MINUTES,
    DayStatus,
    Mark,
    MarkStatus,
    Promise,
    clean_amount,
    clean_day_amount,
)
from tracker.parsing import PLAN_AHEAD_DAYS, streak_words
from tracker.schedule import week_start
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.stats import Marks as MarksByDay
from tracker.stats import current_streak, day_states, streak_unit, week_target
from tracker.text import quoted

_VERBS = {
    MarkStatus.KEPT: "Kept",
    MarkStatus.EXCUSED: "Excused",
    MarkStatus.MISSED: "Marked as missed",
}


def describe_when(day: date, today: date) -> str:
    """'today', or 'Fri 2026-11-20'."""
    return "today" if day == today else f"{day:%a} {day.isoformat()}"


def describe_week(day: date, today: date) -> str:
    """'this week', or 'the week of Mon 2026-11-23'."""
    monday = week_start(day)
    return (
        "this week"
        if monday == week_start(today)
        else f"the week of {describe_when(monday, today)}"
    )


def refuse_unmarkable(
    promise: Promise, day: date, today: date, status: MarkStatus = MarkStatus.KEPT
) -> None:
    """Raise a plain-words error if `day` cannot carry a mark for `promise` (the one
    place these rules and their messages live). Only an excuse can be planned ahead."""
    if day > today and status is not MarkStatus.EXCUSED:
        raise ValidationError(
            f"{day.isoformat()} is in the future: you can only mark today or earlier days "
            "(a day ahead can be excused: tracker excuse NAME --date DAY)."
        )
    if (day - today).days > PLAN_AHEAD_DAYS:
        raise ValidationError(
            f"{day.isoformat()} is more than a year ahead: excuse it when it is closer."
        )
    if promise.archived:
        raise ValidationError(
            f"'{quoted(promise.title)}' is archived. Restore it first to mark it."
        )
    if day < promise.start:
        # Often a promise added today and a forgotten yesterday: say how to allow it.
        raise ValidationError(
            f"'{quoted(promise.title)}' starts on {promise.start.isoformat()}, after "
            f"{day.isoformat()}. To record earlier days, move its start first: "
            f"tracker edit {promise.id} --start {day.isoformat()}"
        )
    if promise.end is not None and day > promise.end:
        raise ValidationError(
            f"'{quoted(promise.title)}' ended on {promise.end.isoformat()}, "
            f"before {day.isoformat()}."
        )
    schedule, anchor = promise.schedule_on(day)  # the schedule of that day, not today's
    if not schedule.is_weekly_target and not schedule.is_due(anchor, day):
        raise ValidationError(
            f"'{quoted(promise.title)}' is not due on {day:%A} {day.isoformat()} "
            f"(it is due {schedule.describe()})."
        )


class Marks(Area):
    """What happened to a promise on a day."""

    def of(self, promise: Promise) -> Mapping[date, Mark]:
        """The promise's marks by day (read-only)."""
        return self._store.marks_of(promise.id)

    def day(self, day: date) -> DayView:
        """`day` as it stands now: a past due day without a mark is missed (the rule of
        `tracker.day_view`, which your partner's day follows too)."""
        today = self._context.today()
        return judge_day(self._store.promises(), self._store.marks_of, day, today)

    def states(self, promise: Promise, start: date, end: date) -> dict[date, DayStatus]:
        """Each day's state from `start` to `end`, as it stands now (a strip, a heatmap)."""
        return day_states(promise, self.of(promise), start, end, self._context.today())

    def refuse_unmarkable(
        self, promise: Promise, day: date, status: MarkStatus = MarkStatus.KEPT
    ) -> None:
        """Raise a plain-words error if `day` cannot carry a `status` mark for `promise`
        today (an excuse may be planned for a day ahead; other marks may not)."""
        refuse_unmarkable(promise, day, self._context.today(), status)

    def set(
        self,
        promise: Promise,
        day: date,
        status: MarkStatus,
        *,
        reason: str = "",
        note: str = "",
    ) -> Change[Mark]:
        """Record `day` for `promise` (marking it again replaces the mark). A measured
        day is kept by its amount (`enter`), never by a bare check-off."""
        self.refuse_unmarkable(promise, day, status)
        measure = promise.measure_on(day)
        if status is MarkStatus.KEPT and measure is not None:
            example = "15m" if measure.unit == MINUTES else "3"
            raise ValidationError(
                f"'{quoted(promise.title)}' is measured ({measure.describe()}): say how much, "
                f"such as tracker check {promise.id} {example} (or space on Today)."
            )
        mark, before = self._store.replace_mark(
            Mark(promise.id, day, status, reason=reason, note=note)
        )
        today = self._context.today()
        marks = self.of(promise)
        streak = current_streak(promise, marks, today)
        message = (
            f"{_VERBS[status]}: {promise.title} ({describe_when(day, today)}). "
            f"{_how_it_stands(promise, marks, day, today, streak)}"
        )
        return Change(mark, message, self._undo(promise, day, before, "mark"))

    def enter(
        self, promise: Promise, day: date, amount: float, *, add: bool = True
    ) -> Change[Mark]:
        """Record `amount` on `day` of a measured promise: added to what the day has (or in
        place of it, `add=False`); the day is kept when the target of its time is met."""
        measure = promise.measure_on(day)
        if measure is None:
            raise ValidationError(
                f"'{quoted(promise.title)}' is a yes/no promise: check it off without a "
                f"number, or make it measured first: tracker edit {promise.id} --at-least 10m"
            )
        amount = clean_amount(amount)
        self.refuse_unmarkable(promise, day)
        marks = self.of(promise)
        before = marks.get(day)
        had = 0.0 if before is None or before.amount is None or not add else before.amount
        total = clean_day_amount(had + amount, measure.unit)
        schedule, _ = promise.schedule_on(day)
        if schedule.is_weekly_target:
            monday = week_start(day)
            others = week_total(marks, monday, monday + 6 * ONE_DAY) - _amount(before)
            judged_on = round(others + total, 3)
        else:
            judged_on = total
        note = "" if before is None else before.note
        mark, replaced = self._store.replace_mark(
            Mark(promise.id, day, status_for(measure, judged_on), note=note, amount=total)
        )
        today = self._context.today()
        streak = current_streak(promise, self.of(promise), today)
        period = (
            describe_week(day, today) if schedule.is_weekly_target else describe_when(day, today)
        )
        message = (
            f"{promise.title} ({period}): {measure.progress(judged_on)}. "
            f"Streak: {streak_words(streak, streak_unit(promise))}."
        )
        return Change(mark, message, self._undo(promise, day, replaced, "amount"))

    def _undo(self, promise: Promise, day: date, before: Mark | None, what: str) -> Undo:
        """Taking a day's new mark back: to no mark, or to the one it replaced."""
        store = self._store
        if before is None:
            return Undo(f"Take the {what} back", lambda: store.remove_mark(promise.id, day))
        return Undo(f"Put the earlier {what} back", lambda: store.put_mark(before))

    def check_off(self, promise: Promise, day: date, *, note: str = "") -> Change[Mark]:
        return self.set(promise, day, MarkStatus.KEPT, note=note)

    def excuse(self, promise: Promise, day: date, *, reason: str = "") -> Change[Mark]:
        return self.set(promise, day, MarkStatus.EXCUSED, reason=reason)

    def miss(self, promise: Promise, day: date) -> Change[Mark]:
        return self.set(promise, day, MarkStatus.MISSED)

    def unmark(self, promise: Promise, day: date) -> Change[Mark | None]:
        """Remove the day's mark (a planned excuse included); the undo puts it back.
        `saved` is the removed mark."""
        removed = self._store.remove_mark(promise.id, day)
        if removed is None:
            return Change(
                None, f"'{promise.title}' had no mark on {day.isoformat()}; nothing changed."
            )
        store = self._store
        return Change(
            removed,
            f"Removed the '{removed.status.value}' mark of '{promise.title}' on {day.isoformat()}.",
            Undo("Put the mark back", lambda: store.put_mark(removed)),
        )


def _amount(mark: Mark | None) -> float:
    return 0.0 if mark is None or mark.amount is None else mark.amount


def _how_it_stands(promise: Promise, marks: MarksByDay, day: date, today: date, streak: int) -> str:
    """What is true and kind after a mark: the week's count for an N/week promise (its
    streak once there is one), the streak otherwise ('Streak: not yet.')."""
    words = f"Streak: {streak_words(streak, streak_unit(promise))}."
    if not promise.schedule_on(day)[0].is_weekly_target:
        return words
    kept, target = week_target(promise, day, marks, today)
    week = "this week" if week_start(day) == week_start(today) else "that week"
    return f"{kept} of {target} {week}." + (f" {words}" if streak else "")
