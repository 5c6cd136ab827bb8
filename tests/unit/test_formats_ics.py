"""The calendar export: a calendar shows each promise on exactly the days tracker says it is due."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
from foreign_files import DEMO_TODAY, five_year_demo

from tracker.errors import ValidationError
from tracker.formats.data import ExportScope, TrackerData
from tracker.formats.ics import export_ics
from tracker.model import Promise, rescheduled
from tracker.schedule import due_dates, parse_schedule

STAMP = datetime(2026, 1, 1, 12, tzinfo=UTC)
ONE_DAY = timedelta(days=1)


def calendar_days(ics: bytes, first: date, last: date) -> dict[int, set[date]]:
    """Each promise's days from `first` to `last`, as a calendar app expands the file."""
    calendar = icalendar.Calendar.from_ical(ics)
    days: dict[int, set[date]] = defaultdict(set)
    for event in recurring_ical_events.of(calendar).between(first, last + ONE_DAY):
        promise_id = int(str(event["UID"]).split("-")[1])
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            days[promise_id].add(start.date())  # the local date in the event's own zone
            continue
        end = event.decoded("DTEND")
        day = start
        while day < end:
            if first <= day <= last:
                days[promise_id].add(day)
            day += ONE_DAY
    return days


def tracker_days(promise: Promise, first: date, last: date) -> set[date]:
    """The days tracker asks something of: due dates, each by its period's schedule (for
    N/week, every day of the period can count)."""
    found: set[date] = set()
    for period in promise.periods():
        begin = max(first, period.start)
        end = last if period.end is None else min(last, period.end)
        found.update(due_dates(period.schedule, period.start, begin, end))
    return found


def every_kind(reminders: tuple[time, ...] = ()) -> list[Promise]:
    specs = [
        "daily",
        "weekdays",
        "weekends",
        "mon,wed,fri",
        "sat",
        "every 3 days",
        "every 10 days",
        "1/week",
        "3/week",
        "7/week",
    ]
    promises = [
        Promise(
            f"Promise {spec}",
            parse_schedule(spec),
            date(2025, 11, 13) + timedelta(days=i),
            id=i + 1,
            reminders=reminders,
        )
        for i, spec in enumerate(specs)
    ]
    ranged = Promise(
        "A date range",
        parse_schedule("tue,thu"),
        date(2026, 2, 4),
        id=20,
        end=date(2026, 7, 16),
        reminders=reminders,
    )
    weekly_range = Promise(
        "A weekly range",
        parse_schedule("2/week"),
        date(2026, 3, 4),
        id=21,
        end=date(2026, 5, 27),
        reminders=reminders,
    )
    changed = Promise(
        "Walk", parse_schedule("daily"), date(2025, 12, 3), id=22, reminders=reminders
    )
    changed = rescheduled(changed, parse_schedule("every 2 days"), date(2026, 3, 11))
    changed = rescheduled(changed, parse_schedule("2/week"), date(2026, 6, 18))
    changed = rescheduled(changed, parse_schedule("mon,thu"), date(2026, 9, 2))
    return [*promises, ranged, weekly_range, changed]


YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("zone", "reminders"),
    [
        ("Europe/Berlin", ()),
        (
            "Europe/Berlin",
            (time(2, 30), time(20, 0)),
        ),  # inside the spring gap, and repeated in autumn
        ("America/New_York", (time(1, 30),)),  # repeated when New York falls back
        ("America/New_York", (time(23, 45),)),
        ("Australia/Lord_Howe", (time(2, 15),)),  # a half-hour DST shift
        ("Pacific/Apia", (time(0, 0),)),
    ],
)
def test_every_schedule_kind_falls_on_the_days_tracker_says_over_a_year(zone, reminders):
    promises = every_kind(reminders)
    ics = export_ics(
        TrackerData(promises=tuple(promises)), today=date(2025, 11, 1), time_zone=zone, stamp=STAMP
    )
    shown = calendar_days(ics, *YEAR)
    for promise in promises:
        expected = tracker_days(promise, *YEAR)
        assert shown[promise.id] == expected, (
            promise.title,
            zone,
            sorted(shown[promise.id] ^ expected)[:5],
        )


def test_the_five_year_demo_shows_its_active_promises_as_tracker_does(tmp_path):
    data = five_year_demo(tmp_path)
    ics = export_ics(data, today=DEMO_TODAY, time_zone="Europe/Berlin", stamp=STAMP)
    first, last = DEMO_TODAY - timedelta(days=365), DEMO_TODAY + timedelta(days=60)
    shown = calendar_days(ics, first, last)
    active = [p for p in data.promises if not p.archived and (p.end is None or p.end >= DEMO_TODAY)]
    assert set(shown) == {p.id for p in active}
    for promise in active:
        assert shown[promise.id] == tracker_days(promise, first, last), promise.title


def events(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_reminders_are_alarms_at_each_time_and_a_timed_event_in_the_users_zone():
    walk = Promise(
        "Walk",
        parse_schedule("daily"),
        date(2026, 3, 1),
        id=4,
        reminders=(time(21, 0), time(18, 45)),
        end=date(2026, 6, 30),
    )
    ics = export_ics(
        TrackerData(promises=(walk,)),
        today=date(2026, 3, 1),
        time_zone="Europe/Berlin",
        stamp=STAMP,
    )
    [event] = events(ics)
    assert b"DTSTART;TZID=Europe/Berlin:20260301T184500" in ics
    assert b"BEGIN:VTIMEZONE" in ics and b"TZID:Europe/Berlin" in ics
    # With a zoned start, UNTIL is UTC: the end of the last day, Berlin time.
    assert event["RRULE"]["UNTIL"] == [datetime(2026, 6, 30, 21, 59, 59, tzinfo=UTC)]
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
    assert triggers == [timedelta(0), timedelta(hours=2, minutes=15)]


def test_a_weekly_target_is_one_bar_across_each_week_titled_with_its_target():
    plan = Promise(
        "Plan a date night",
        parse_schedule("1/week"),
        date(2026, 3, 4),
        id=8,
        reminders=(time(17, 0),),
    )
    ics = export_ics(
        TrackerData(promises=(plan,)),
        today=date(2026, 3, 4),
        time_zone="Europe/Berlin",
        stamp=STAMP,
    )
    first_week, weeks = events(ics)
    assert str(weeks["SUMMARY"]) == "Plan a date night (once a week)"
    assert weeks.decoded("DTSTART") == date(2026, 3, 9)  # a Monday
    assert weeks.decoded("DTEND") - weeks.decoded("DTSTART") == timedelta(days=7)
    assert first_week.decoded("DTSTART") == date(2026, 3, 4)
    assert first_week.decoded("DTEND") == date(2026, 3, 9)
    [alarm] = weeks.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=17)


def test_archived_and_ended_promises_stay_out_and_so_do_marks_and_notes():
    kept = Promise("Kept", parse_schedule("daily"), date(2026, 1, 1), id=1, why="Because <b>")
    archived = Promise("Archived", parse_schedule("daily"), date(2026, 1, 1), id=2, archived=True)
    ended = Promise("Ended", parse_schedule("daily"), date(2026, 1, 1), id=3, end=date(2026, 2, 1))
    ics = export_ics(
        TrackerData(promises=(kept, archived, ended)),
        today=date(2026, 3, 1),
        time_zone="UTC",
        stamp=STAMP,
    )
    [event] = events(ics)
    assert str(event["SUMMARY"]) == "Kept"
    assert str(event["DESCRIPTION"]) == "Promise: every day.\nBecause <b>"
    assert event["TRANSP"] == "TRANSPARENT"


def test_the_scope_narrows_the_calendar_to_a_promise_and_dates():
    promises = every_kind()
    scope = ExportScope(
        promise_ids=frozenset({22}), since=date(2026, 4, 1), until=date(2026, 9, 30)
    )
    ics = export_ics(
        TrackerData(promises=tuple(promises)),
        today=date(2025, 11, 1),
        time_zone="UTC",
        stamp=STAMP,
        scope=scope,
    )
    shown = calendar_days(ics, *YEAR)
    assert set(shown) == {22}
    assert shown[22] == tracker_days(promises[-1], date(2026, 4, 1), date(2026, 9, 30))


def test_an_unknown_time_zone_is_refused_clearly():
    with pytest.raises(ValidationError, match="'Mars/Olympus' is not a time zone"):
        export_ics(TrackerData(), today=date(2026, 1, 1), time_zone="Mars/Olympus", stamp=STAMP)
