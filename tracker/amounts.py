"""How a measured promise's days are judged: the one rule, as marks the figures read.

A measured promise ("at least 10 min", "at most 1 late night") keeps each day's amount
in its mark. A day is kept when its amount meets the target in force that day
(`Measure.is_met`: at least the target, or not more than it), missed otherwise:

* "At least" below the target today is still open: the day has not ended.
* "At most" with nothing entered counts as zero, so a past due day left empty is kept
  (as Loop Habit Tracker does); today, and a day before the promise was added, stay open.
* A mark without an amount (an excuse, a day marked by hand) stands as it was marked.
* An N/week promise's measure is the week's: its days are left as they are, and the
  week is judged on the amounts of its days added up (`week_total`).

`judged` gives the marks as that rule sees them, so that streaks, consistency, strength
and heatmaps judge measured promises with the very code that judges yes/no ones; a
yes/no promise's marks are given back as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import (
    MINUTES,
    Mark,
    MarkStatus,
    Measure,
    Promise,
    TargetKind,
    number_words,
)
from tracker.parsing import parse_amount

Marks = Mapping[date, Mark]


def is_measured(promise: Promise) -> bool:
    """Whether any day of the promise is judged by an amount (now or in its history)."""
    return promise.measure is not None or any(p.measure is not None for p in promise.earlier)


def judged_mark(promise: Promise, day: date, marks: Marks, today: date) -> Mark | None:
    """`day`'s mark as the rule judges it (None: nothing to judge there, or still open)."""
    mark = marks.get(day)
    measure = promise.measure_on(day)
    if measure is None:
        return mark
    schedule, anchor = promise.schedule_on(day)
    if schedule.is_weekly_target:
        if mark is None or mark.amount is None or mark.status is MarkStatus.EXCUSED:
            return mark
        monday = day - day.weekday() * ONE_DAY
        met = measure.is_met(week_total(marks, monday, monday + 6 * ONE_DAY))
        status = MarkStatus.KEPT if met else MarkStatus.MISSED
        return mark if status is mark.status else replace(mark, status=status)
    if mark is not None:
        if mark.amount is None or mark.status is MarkStatus.EXCUSED:
            return mark
        met = measure.is_met(mark.amount)
        if not met and day >= today and measure.kind is TargetKind.AT_LEAST:
            return None  # not there yet, and the day is not over
        status = MarkStatus.KEPT if met else MarkStatus.MISSED
        return mark if status is mark.status else replace(mark, status=status)
    if (
        measure.kind is TargetKind.AT_MOST
        and day < today
        and day >= promise.asked_from
        and promise.is_active_on(day)
        and schedule.is_due(anchor, day)
    ):
        return Mark(promise.id, day, MarkStatus.KEPT, amount=0.0)
    return None


class JudgedMarks(Mapping[date, Mark]):
    """A measured promise's marks as the rule judges them, each day worked out when it is
    looked at (a heatmap looks at a few weeks of years of history)."""

    __slots__ = ("_days", "_marks", "_promise", "_today")

    def __init__(self, promise: Promise, marks: Marks, today: date) -> None:
        self._promise, self._marks, self._today = promise, marks, today
        self._days: list[date] | None = None

    def get(self, day: date, default: Any = None) -> Any:
        mark = judged_mark(self._promise, day, self._marks, self._today)
        return default if mark is None else mark

    def __getitem__(self, day: date) -> Mark:
        mark = self.get(day)
        if mark is None:
            raise KeyError(day)
        return mark

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.get(day) is not None

    def __iter__(self) -> Iterator[date]:
        if self._days is None:
            self._days = [day for day in self._candidates() if day in self]
        return iter(self._days)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def _candidates(self) -> list[date]:
        """The marked days, and the days an "at most" promise keeps by entering nothing."""
        days = set(self._marks)
        promise, today = self._promise, self._today
        if today != date.max and any(
            p.measure and p.measure.kind is TargetKind.AT_MOST for p in promise.periods()
        ):
            day = max(promise.start, promise.asked_from)
            last = today - ONE_DAY if promise.end is None else min(today - ONE_DAY, promise.end)
            while day <= last:
                days.add(day)
                day += ONE_DAY
        return sorted(days)


def judged(promise: Promise, marks: Marks, today: date | None = None) -> Marks:
    """`marks` as the rule judges `promise`'s days as of `today` (None: every day is over)."""
    if isinstance(marks, JudgedMarks) or not is_measured(promise):
        return marks
    return JudgedMarks(promise, marks, date.max if today is None else today)


def is_short_in_running_week(promise: Promise, day: date, today: date) -> bool:
    """Whether `day` belongs to a week of an "at least" N/week measured promise that is not
    over yet: a day there that is short of the week's target is still open, not missed."""
    measure = promise.measure_on(day)
    if measure is None or measure.kind is not TargetKind.AT_LEAST:
        return False
    if not promise.schedule_on(day)[0].is_weekly_target:
        return False
    return day + (6 - day.weekday()) * ONE_DAY >= today


def week_total(marks: Marks, first: date, last: date) -> float:
    """The amounts entered from `first` to `last` added up (excused days aside)."""
    total = 0.0
    day = first
    while day <= last:
        mark = marks.get(day)
        if mark is not None and mark.amount is not None and mark.status is not MarkStatus.EXCUSED:
            total += mark.amount
        day += ONE_DAY
    return round(total, 3)


def amount_on(marks: Marks, day: date) -> float:
    """What was entered on `day` (0 when nothing was)."""
    mark = marks.get(day)
    return 0.0 if mark is None or mark.amount is None else mark.amount


@dataclass(frozen=True)
class WeekAmount:
    """A measured promise's week: its amounts added up, and the week's target (a per-day
    target times the due days counted, or an N/week promise's own)."""

    total: float
    target: float
    unit: str

    def said(self) -> str:
        """'52 of 70 min'."""
        return f"{number_words(self.total)} of {number_words(self.target)} {self.unit}"

    def short(self) -> str:
        """'52/70', where the unit is said nearby."""
        return f"{number_words(self.total)}/{number_words(self.target)}"


def _excused(mark: Mark | None) -> bool:
    return mark is not None and mark.status is MarkStatus.EXCUSED


def week_amount(promise: Promise, marks: Marks, monday: date, last: date) -> WeekAmount | None:
    """The week from `monday` counted up to `last`, for a promise measured then (None when
    it was not measured). An excused day asks nothing: it adds nothing to the target; nor
    does a day before the promise was added that nobody filled in (`asked_from`)."""
    measure = promise.measure_on(last)
    if measure is None or last < monday:
        return None
    schedule, anchor = promise.schedule_on(last)
    target = measure.target
    if not schedule.is_weekly_target:
        days = (monday + n * ONE_DAY for n in range((last - monday).days + 1))
        due = sum(
            1
            for day in days
            if promise.is_active_on(day)
            and schedule.is_due(anchor, day)
            and not _excused(marks.get(day))
            and (day >= promise.asked_from or day in marks)
        )
        target = round(measure.target * due, 3)
    return WeekAmount(week_total(marks, monday, last), target, measure.unit)


_MEASURE_WORDS = re.compile(r"^(at\s*least|at\s*most|>=|<=)\s*(\S+)\s*(.*)$", re.IGNORECASE)


def parse_measure(text: str) -> Measure | None:
    """A measure from words: 'at least 10m', 'at most 1 late night', '>= 3 pages' (a
    duration counts minutes; no unit: times); nothing for a yes/no promise."""
    words = " ".join(text.split())
    if not words:
        return None
    found = _MEASURE_WORDS.match(words)
    if found is None:
        raise ValidationError(
            f"'{words[:40]}' is not a target. Write it like: at least 10m, at most 1 late night."
        )
    kind = (
        TargetKind.AT_MOST
        if found[1].replace(" ", "") in ("atmost", "<=")
        else (TargetKind.AT_LEAST)
    )
    value, is_duration = parse_amount(found[2])
    refuse_duration_in_unit(found[2], is_duration, found[3])
    unit = unit_words(found[3]) or (MINUTES if is_duration else "times")
    return Measure(unit, value, kind).validated()


_MINUTE_WORDS = frozenset({MINUTES, "mins", "minute", "minutes"})
_PER_DAY = re.compile(r"\s*(?:(?:a|per|each|every)\s+day|/\s*day)$", re.IGNORECASE)


def unit_words(unit: str | None) -> str:
    """The unit as typed, as a measure keeps it: 'min a day' is 'min' (the day is the
    schedule's to say), and minutes written any way are 'min', so durations count."""
    words = _PER_DAY.sub("", " ".join((unit or "").split()))
    return MINUTES if words.lower() in _MINUTE_WORDS else words


def refuse_duration_in_unit(typed: str, is_duration: bool, unit: str | None) -> None:
    """A duration counts minutes: '10m' with the unit 'pages' would silently mean 10 pages."""
    unit = unit_words(unit)
    if is_duration and unit and unit != MINUTES:
        raise ValidationError(
            f"'{typed[:40]}' is a duration, in minutes, and the unit is '{unit[:40]}': "
            "give a plain number with that unit, or leave the unit out."
        )


def measure_fields(measure: Measure | None) -> dict[str, Any]:
    """A measured promise's `unit`, `target` and `target_kind` in `--json` rows (a yes/no
    promise's rows have none)."""
    if measure is None:
        return {}
    return {
        "unit": measure.unit,
        "target": number(measure.target),
        "target_kind": measure.kind.value,
    }


def number(value: float) -> float | int:
    """10 for 10.0: an amount in JSON as it was given."""
    return int(value) if value.is_integer() else value


def amount_of(promise: Promise, marks: Marks, day: date) -> float | None:
    """What counts against the target on `day`: the day's amount, or its week's for an
    N/week promise (None on a day judged yes/no)."""
    if promise.measure_on(day) is None:
        return None
    if promise.schedule_on(day)[0].is_weekly_target:
        monday = day - day.weekday() * ONE_DAY
        return week_total(marks, monday, monday + 6 * ONE_DAY)
    return amount_on(marks, day)


def status_for(measure: Measure, amount: float) -> MarkStatus:
    """The status a day's mark is written with for `amount`: kept when the target is met."""
    return MarkStatus.KEPT if measure.is_met(amount) else MarkStatus.MISSED
