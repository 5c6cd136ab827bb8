"""Which days a promise is due: parsing schedule specs and expanding them with dateutil's rrule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import islice
from typing import TYPE_CHECKING

from tracker.errors import ValidationError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_EVERY_DAYS = 365

ACCEPTED_FORMS = (
    "daily; weekdays; weekends; a set of days such as mon,wed,fri; "
    "N/week such as 3/week (any N days of each Monday-to-Sunday week, 1 to 7); "
    "every N days such as 'every 2 days' (counted from the start date)"
)


class ScheduleKind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKENDS = "weekends"
    DAYS = "days"
    PER_WEEK = "per-week"
    EVERY_N_DAYS = "every-n-days"


@dataclass(frozen=True)
class Schedule:
    """A promise's rhythm. `weekdays` uses Monday=0; `count` is N for N/week and every N days."""

    kind: ScheduleKind
    weekdays: frozenset[int] = frozenset(range(7))
    count: int = 1

    def __post_init__(self) -> None:
        # The kind decides the days, so `Schedule(ScheduleKind.WEEKDAYS)` is never due on
        # a Saturday, and two equal rhythms compare equal (the store keeps only `spec`).
        kind = ScheduleKind(self.kind)
        days = frozenset(self.weekdays)
        count = self.count
        if kind in _FIXED_WEEKDAYS:
            days, count = _FIXED_WEEKDAYS[kind], 1
        elif kind is ScheduleKind.DAYS:
            count = 1
            if not days or not days <= frozenset(range(7)):
                raise ValidationError(
                    f"A set of days needs at least one day of the week. "
                    f"Accepted schedules: {ACCEPTED_FORMS}."
                )
        else:
            days = frozenset(range(7))
            _check_count(kind, count, str(count))
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "weekdays", days)
        object.__setattr__(self, "count", count)

    @property
    def spec(self) -> str:
        """The canonical text form, which `parse_schedule` reads back to an equal value."""
        match self.kind:
            case ScheduleKind.DAYS:
                return ",".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
            case ScheduleKind.PER_WEEK:
                return f"{self.count}/week"
            case ScheduleKind.EVERY_N_DAYS:
                return f"every {self.count} days"
            case _:
                return self.kind.value

    @property
    def is_weekly_target(self) -> bool:
        """True for N/week: any N days of the week count, so no single day is due."""
        return self.kind is ScheduleKind.PER_WEEK

    def describe(self) -> str:
        """Plain words for people: 'every day', 'Mon, Wed, Fri', '3 days a week'."""
        match self.kind:
            case ScheduleKind.DAILY:
                return "every day"
            case ScheduleKind.WEEKDAYS:
                return "Monday to Friday"
            case ScheduleKind.WEEKENDS:
                return "Saturday and Sunday"
            case ScheduleKind.DAYS:
                return ", ".join(WEEKDAY_NAMES[d].capitalize() for d in sorted(self.weekdays))
            case ScheduleKind.PER_WEEK:
                return "once a week" if self.count == 1 else f"{self.count} days a week"
            case ScheduleKind.EVERY_N_DAYS:
                return "every other day" if self.count == 2 else f"every {self.count} days"
        raise AssertionError(self.kind)

    def is_due(self, anchor: date, day: date) -> bool:
        """Whether `day` is a due date of a fixed-day schedule that starts on `anchor`.

        The same rule as `due_dates` (which expands the rrule), computed in O(1): the
        stats walk years of days and an rrule per promise would dominate their cost.
        For N/week every day of the week may be used, so every day from `anchor` on
        counts as a possible day.
        """
        if day < anchor:
            return False
        if self.kind is ScheduleKind.EVERY_N_DAYS:
            return (day - anchor).days % self.count == 0
        return day.weekday() in self.weekdays

    def to_rrule(self, anchor: date) -> rrule:
        # Imported here: only listing due dates needs it (`is_due` answers the stats and
        # Today), and it costs about 2 ms of every start of the app and the CLI.
        from dateutil.rrule import DAILY, WEEKLY, rrule, weekday

        start = datetime.combine(anchor, datetime.min.time())
        if self.kind is ScheduleKind.EVERY_N_DAYS:
            return rrule(DAILY, interval=self.count, dtstart=start)
        if self.weekdays == frozenset(range(7)):
            return rrule(DAILY, dtstart=start)
        return rrule(
            WEEKLY, byweekday=[weekday(day) for day in sorted(self.weekdays)], dtstart=start
        )


_FIXED_WEEKDAYS = {
    ScheduleKind.DAILY: frozenset(range(7)),
    ScheduleKind.WEEKDAYS: frozenset(range(5)),
    ScheduleKind.WEEKENDS: frozenset({5, 6}),
}


def _check_count(kind: ScheduleKind, count: int, typed: str) -> None:
    """Refuse an N outside what the kind allows, naming the bounds."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise ValidationError(
            f"'{typed}': N is a whole number. Accepted schedules: {ACCEPTED_FORMS}."
        )
    if kind is ScheduleKind.PER_WEEK and not 1 <= count <= 7:
        raise ValidationError(f"'{typed}': a week has 7 days, so N/week takes N from 1 to 7.")
    if kind is ScheduleKind.EVERY_N_DAYS and not 1 <= count <= MAX_EVERY_DAYS:
        raise ValidationError(f"'{typed}': 'every N days' takes N from 1 to {MAX_EVERY_DAYS}.")


def daily() -> Schedule:
    return Schedule(ScheduleKind.DAILY)


def due_dates(schedule: Schedule, anchor: date, start: date, end: date) -> list[date]:
    """The due dates between `start` and `end` inclusive, for a schedule starting on `anchor`.

    For N/week, every day is a possible day (see `Schedule.is_due`).
    """
    if end < start:
        return []
    rule = schedule.to_rrule(anchor)
    first = datetime.combine(max(start, anchor), datetime.min.time())
    last = datetime.combine(end, datetime.min.time())
    return [moment.date() for moment in rule.between(first, last, inc=True)]


def next_due_dates(schedule: Schedule, anchor: date, after: date, count: int) -> list[date]:
    """The next `count` due dates on or after `after` (a preview for the promise form)."""
    rule = schedule.to_rrule(anchor)
    first = datetime.combine(max(after, anchor), datetime.min.time())
    return [moment.date() for moment in islice(rule.xafter(first, count=count, inc=True), count)]


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


_DAYS_SPLIT = re.compile(r"[\s,;/+&]+|\band\b")
_PER_WEEK = re.compile(
    r"^(?P<n>\d{1,3}|once|twice)\s*(?:x|times?|days?)?\s*(?:/|a|per|each|every|in\s+a)\s*"
    r"(?:week|wk)$"
)
_EVERY_N = re.compile(r"^every\s+(?P<n>\d{1,4}|other)\s+days?$")


def parse_schedule(text: str) -> Schedule:
    """Read a schedule spec as a person types it; refuse anything else with the accepted forms."""
    if not isinstance(text, str):
        raise ValidationError(f"A schedule is text. Accepted schedules: {ACCEPTED_FORMS}.")
    spec = " ".join(text.strip().lower().split())
    if spec in {"daily", "every day", "everyday", "each day"}:
        return Schedule(ScheduleKind.DAILY)
    if spec in {"weekdays", "weekday", "mon-fri"}:
        return Schedule(ScheduleKind.WEEKDAYS, frozenset(range(5)))
    if spec in {"weekends", "weekend"}:
        return Schedule(ScheduleKind.WEEKENDS, frozenset({5, 6}))
    if spec in {"weekly", "every week", "each week"}:
        return Schedule(ScheduleKind.PER_WEEK, count=1)
    if match := _PER_WEEK.match(spec):
        raw = match["n"]
        count = {"once": 1, "twice": 2}.get(raw) or int(raw)
        _check_count(ScheduleKind.PER_WEEK, count, text.strip())
        return Schedule(ScheduleKind.PER_WEEK, count=count)
    if match := _EVERY_N.match(spec):
        raw = match["n"]
        count = 2 if raw == "other" else int(raw)
        _check_count(ScheduleKind.EVERY_N_DAYS, count, text.strip())
        return Schedule(ScheduleKind.EVERY_N_DAYS, count=count)
    days = _parse_weekdays(spec)
    if days is not None:
        return Schedule(ScheduleKind.DAYS, frozenset(days))
    shown = text.strip()[:60] or "(empty)"
    raise ValidationError(f"'{shown}' is not a schedule. Accepted schedules: {ACCEPTED_FORMS}.")


def _parse_weekdays(spec: str) -> set[int] | None:
    words = [word for word in _DAYS_SPLIT.split(spec) if word]
    if not words:
        return None
    days: set[int] = set()
    for word in words:
        day = _weekday_from_word(word)
        if day is None:
            return None
        days.add(day)
    return days


def _weekday_from_word(word: str) -> int | None:
    word = word.rstrip(".")
    if word.endswith("s") and word[:-1] in _FULL_WEEKDAY_NAMES:
        word = word[:-1]
    if len(word) < 2:
        return None
    matches = [i for i, name in enumerate(_FULL_WEEKDAY_NAMES) if name.startswith(word)]
    return matches[0] if len(matches) == 1 else None
