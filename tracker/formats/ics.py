"""The calendar export: active promises as recurring events (RFC 5545) that calendar apps show.

Each promise that is not archived and has not ended becomes one event per schedule
period (a rescheduled promise has a period per schedule it had; each keeps its own
days), recurring by an ``RRULE``:

* daily: ``FREQ=DAILY``; weekdays, weekends, a set of days: ``FREQ=WEEKLY;BYDAY=...``;
  every N days: ``FREQ=DAILY;INTERVAL=N`` from the period's first day (as tracker counts).
* A period's first day is ``DTSTART`` (moved to its first due day: a calendar counts
  ``DTSTART`` as an occurrence even if the rule would not); its last day is ``UNTIL``.
* A promise with reminder times is a timed event (15 minutes) at its first reminder in
  the user's time zone (``TZID``, with the ``VTIMEZONE`` it needs), with a ``VALARM`` at
  each reminder time; a promise without reminders is an all-day event.
* N per week names no day: tracker asks for any N days of each Monday-to-Sunday week.
  Picking days (say the week's first N) would put the promise on days it is not due
  and hide it on days it could be kept; one event a day would flood the calendar. So
  it is one all-day event spanning each week (``DTSTART`` a Monday, seven days long,
  ``FREQ=WEEKLY``), titled with the target ("Plan a date night (once a week)"): the
  calendar shows a bar across the week, on every day that can count. A first or last
  week cut by the period's dates is its own shorter event. Reminders become an alarm
  on the week's first day at the first reminder time.

The export carries titles, schedules and "why it matters", never marks or notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.errors import ValidationError
from tracker.formats.data import ExportScope, TrackerData
from tracker.model import Promise
from tracker.parsing import FIRST_DAY, LAST_DAY
from tracker.schedule import ScheduleKind

if TYPE_CHECKING:
    from icalendar import Event

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)
EVENT_MINUTES = 15
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODUCT_ID = "-//tracker//promises//EN"


@dataclass(frozen=True)
class _Span:
    """One event of a period: its first day, how many days each occurrence lasts, and the
    rule that repeats it (None: once)."""

    first: date
    days: int
    rule: dict[str, Any] | None
    part: str


def is_tracker_calendar(head: bytes) -> bool:
    """Whether the start of a file is a calendar tracker exported (for replacing it)."""
    return head.startswith(b"BEGIN:VCALENDAR") and f"PRODID:{PRODUCT_ID}".encode() in head


def active_promises(data: TrackerData, today: date) -> list[Promise]:
    """The promises a calendar shows: not archived, not ended before `today`."""
    return [p for p in data.promises if not p.archived and (p.end is None or p.end >= today)]


def export_ics(
    data: TrackerData,
    *,
    today: date,
    time_zone: str,
    stamp: datetime,
    scope: ExportScope | None = None,
) -> bytes:
    """The ``.ics`` file's bytes for the active promises (in `scope`)."""
    from icalendar import Calendar

    zone = _zone(time_zone)
    scope = scope or ExportScope()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "tracker: promises")
    for promise in active_promises(scope.narrowed(data), today):
        for period in promise.periods():
            for span in _spans(period, scope):
                calendar.add_component(_event(promise, period, span, zone, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"'{name[:40]}' is not a time zone; use a name like Europe/Berlin."
        ) from None


def _clipped(period: Promise, scope: ExportScope) -> tuple[date, date | None] | None:
    """The period's dates inside the scope's dates and the years tracker keeps (a date
    beyond them, kept from before they were checked, is left out rather than overflow
    the calendar's arithmetic), or None when nothing is left."""
    first = max(period.start, scope.since or FIRST_DAY, FIRST_DAY)
    last = period.end
    if scope.until is not None:
        last = scope.until if last is None else min(last, scope.until)
    if first > LAST_DAY:
        return None
    if last is not None and last > LAST_DAY:
        last = LAST_DAY
    if last is not None and last < first:
        return None
    return first, last


def _spans(period: Promise, scope: ExportScope) -> Iterator[_Span]:
    clipped = _clipped(period, scope)
    if clipped is None:
        return
    first, last = clipped
    schedule = period.schedule
    if schedule.is_weekly_target:
        yield from _week_spans(first, last)
        return
    anchor = period.start
    due = first
    while not schedule.is_due(anchor, due):
        due += ONE_DAY
    if last is not None and due > last:
        return
    rule: dict[str, Any]
    if schedule.kind is ScheduleKind.EVERY_N_DAYS:
        rule = {"freq": "daily", "interval": schedule.count}
    elif len(schedule.weekdays) == 7:
        rule = {"freq": "daily"}
    else:
        rule = {"freq": "weekly", "byday": [_BYDAY[day] for day in sorted(schedule.weekdays)]}
    if last is not None:
        rule["until"] = last
    yield _Span(due, 1, rule, "days")


def _week_spans(first: date, last: date | None) -> Iterator[_Span]:
    """All-day spans covering every day from `first` to `last`, cut at Monday-to-Sunday weeks."""
    monday = first - timedelta(days=first.weekday())
    if monday < first:
        end = monday + ONE_WEEK - ONE_DAY
        if last is not None:
            end = min(end, last)
        yield _Span(first, (end - first).days + 1, None, "first-week")
        monday += ONE_WEEK
    if last is None:
        yield _Span(monday, 7, {"freq": "weekly"}, "weeks")
        return
    last_monday = last - timedelta(days=last.weekday())
    full_until = last_monday if last.weekday() == 6 else last_monday - ONE_WEEK
    if monday <= full_until:
        yield _Span(monday, 7, {"freq": "weekly", "until": full_until}, "weeks")
    if last.weekday() != 6 and last_monday >= monday:
        yield _Span(last_monday, last.weekday() + 1, None, "last-week")


def _event(
    promise: Promise, period: Promise, span: _Span, zone: ZoneInfo, stamp: datetime
) -> Event:
    from icalendar import Alarm, Event

    schedule = period.schedule
    event = Event()
    event.add("uid", f"promise-{promise.id}-{period.start:%Y%m%d}-{span.part}@tracker")
    event.add("dtstamp", stamp.astimezone(UTC))
    summary = promise.title
    if schedule.is_weekly_target:
        summary = f"{promise.title} ({schedule.describe()})"
    event.add("summary", summary)
    description = f"Promise: {schedule.describe()}."
    if promise.why:
        description += f"\n{promise.why}"
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a promise does not make you busy
    reminders = sorted(promise.reminders)
    timed = bool(reminders) and not schedule.is_weekly_target
    if timed:
        start = datetime.combine(span.first, reminders[0], tzinfo=zone)
        event.add("dtstart", start)
        event.add("duration", timedelta(minutes=EVENT_MINUTES))
    else:
        event.add("dtstart", span.first)
        event.add("dtend", span.first + timedelta(days=span.days))
    if span.rule is not None:
        rule = dict(span.rule)
        if "until" in rule and timed:
            # With a zoned start, UNTIL is in UTC (RFC 5545): the end of the last day.
            rule["until"] = datetime.combine(rule["until"], time(23, 59, 59), zone).astimezone(UTC)
        event.add("rrule", rule)
    offsets = [_minutes_after(reminders[0], moment) for moment in reminders] if timed else []
    if reminders and not timed:
        offsets = [reminders[0].hour * 60 + reminders[0].minute]
    for minutes in offsets:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", promise.title)
        alarm.add("trigger", timedelta(minutes=minutes))
        event.add_component(alarm)
    return event


def _minutes_after(first: time, moment: time) -> int:
    return (moment.hour * 60 + moment.minute) - (first.hour * 60 + first.minute)
