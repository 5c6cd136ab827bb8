"""Properties of due_reminders over random schedules, settings, marks, zones and clock ticks.

Whatever the schedule, the zone (DST in Europe/Berlin, America/New_York, the half-hour
shift of Australia/Lord_Howe), the day start or the quiet hours: a reminder fires at
most once, only inside its grace window, never in quiet hours; looking often enough
fires every one of them; and the service's wake-up time is never late.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from tracker.model import Mark, MarkStatus, NotificationSettings, Promise, Settings
from tracker.reminder_rules.due import (
    due_reminders,
    fire_instant,
    grace_of,
    in_quiet_hours,
    next_reminder_time,
    reminders_between,
)
from tracker.schedule import parse_schedule

BERLIN, NEW_YORK, LORD_HOWE = (
    tz.gettz(name) for name in ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe")
)
# Each zone with the days its clocks change in 2026 (and one ordinary day).
ZONE_DAYS = [
    (BERLIN, date(2026, 3, 29)),
    (BERLIN, date(2026, 10, 25)),
    (NEW_YORK, date(2026, 3, 8)),
    (NEW_YORK, date(2026, 11, 1)),
    (LORD_HOWE, date(2026, 4, 5)),  # back half an hour
    (LORD_HOWE, date(2026, 10, 4)),  # forward half an hour
    (BERLIN, date(2026, 6, 15)),
]
SCHEDULES = ["daily", "weekdays", "weekends", "mon,wed,fri", "3/week", "1/week", "every 2 days"]
TRICKY_TIMES = [time(0, 0), time(1, 30), time(2, 0), time(2, 30), time(2, 59), time(3, 0)]

minute_times = st.builds(time, st.integers(0, 23), st.integers(0, 59))
reminder_times = st.one_of(st.sampled_from(TRICKY_TIMES), minute_times)


@st.composite
def settings(draw) -> Settings:
    quiet = draw(
        st.one_of(
            st.just((time(0, 0), time(0, 0))),  # none
            st.just((time(22, 30), time(8, 0))),  # the default
            st.tuples(minute_times, minute_times),
        )
    )
    return Settings(
        day_starts_at=draw(st.sampled_from([time(0, 0), time(3, 0), time(4, 30)])),
        notifications=NotificationSettings(
            checkin_time=draw(reminder_times),
            quality_nudge_days=draw(st.integers(1, 6)),
            quiet_start=quiet[0],
            quiet_end=quiet[1],
            grace_minutes=draw(st.sampled_from([0, 1, 15, 90])),
        ),
    )


@st.composite
def promises_and_marks(draw) -> tuple[list[Promise], dict[int, dict[date, Mark]]]:
    count = draw(st.integers(1, 4))
    promises = [
        Promise(
            title=f"Promise {pid}",
            schedule=parse_schedule(draw(st.sampled_from(SCHEDULES))),
            start=date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 330))),
            id=pid,
            reminders=tuple(draw(st.lists(reminder_times, min_size=1, max_size=3, unique=True))),
        )
        for pid in range(1, count + 1)
    ]
    marks: dict[int, dict[date, Mark]] = {}
    for promise in promises:
        days = draw(st.lists(st.integers(0, 364), max_size=12))
        status = draw(st.sampled_from(list(MarkStatus)))
        marks[promise.id] = {
            date(2026, 1, 1) + timedelta(days=n): Mark(
                promise.id, date(2026, 1, 1) + timedelta(days=n), status
            )
            for n in days
        }
    return promises, marks


@st.composite
def starts(draw) -> tuple[datetime, object]:
    """A moment within a day and a half of a DST change, in that zone."""
    zone, day = draw(st.sampled_from(ZONE_DAYS))
    minutes = draw(st.integers(-36 * 60, 36 * 60))
    noon = datetime.combine(day, time(12, 0), tzinfo=zone).astimezone(UTC)
    return (noon + timedelta(minutes=minutes)).astimezone(zone), zone


quality_days = st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 12, 31)))


@given(settings(), promises_and_marks(), starts(), quality_days, st.data())
def test_a_reminder_fires_at_most_once_inside_its_window_and_never_in_quiet_hours(
    config, promised, start, last_quality_day, data
):
    promises, marks = promised
    now, zone = start
    alerts = config.notifications
    steps = data.draw(st.lists(st.integers(1, 3 * 3600), min_size=1, max_size=30))
    fired: set[str] = set()
    for step in steps:
        now = (now.astimezone(UTC) + timedelta(seconds=step)).astimezone(zone)
        for reminder in due_reminders(
            config, promises, marks, fired, now, last_quality_day=last_quality_day
        ):
            assert reminder.key not in fired
            assert now.astimezone(UTC) - grace_of(config) < reminder.at <= now.astimezone(UTC)
            assert not in_quiet_hours(reminder.wall_time, alerts.quiet_start, alerts.quiet_end)
            assert not in_quiet_hours(now.time(), alerts.quiet_start, alerts.quiet_end)
            fired.add(reminder.key)


@given(settings(), promises_and_marks(), starts(), quality_days, st.data())
def test_looking_once_per_grace_window_fires_each_reminder_once_unless_all_looks_were_quiet(
    config, promised, start, last_quality_day, data
):
    promises, marks = promised
    first, zone = start
    grace = int(grace_of(config).total_seconds())
    steps = data.draw(st.lists(st.integers(1, grace), min_size=1, max_size=40))
    fired: list[str] = []
    ticks = _ticks(first, [0, *steps], zone)
    for now in ticks:
        due = due_reminders(
            config, promises, marks, set(fired), now, last_quality_day=last_quality_day
        )
        fired += [reminder.key for reminder in due]
    alerts = config.notifications
    looked_outside_quiet_hours = [
        now for now in ticks if not in_quiet_hours(now.time(), alerts.quiet_start, alerts.quiet_end)
    ]
    expected = [
        reminder
        for reminder in reminders_between(
            config,
            promises,
            marks,
            first.astimezone(UTC) - grace_of(config),
            ticks[-1],
            last_quality_day=last_quality_day,
            zone=zone,
        )
        # Fired by the first look within its grace window, unless that is in quiet hours.
        if any(
            now.astimezone(UTC) - grace_of(config) < reminder.at <= now.astimezone(UTC)
            for now in looked_outside_quiet_hours
        )
    ]
    assert len(fired) == len(set(fired))
    assert sorted(fired) == sorted(reminder.key for reminder in expected)


def _ticks(first: datetime, steps: list[int], zone) -> list[datetime]:
    """The moments the clock is looked at: `first`, then after each step (in seconds)."""
    moments, instant = [], first.astimezone(UTC)
    for step in steps:
        instant += timedelta(seconds=step)
        moments.append(instant.astimezone(zone))
    return moments


@given(settings(), promises_and_marks(), starts(), st.integers(1, 72 * 60), st.integers(0, 100))
def test_windows_split_anywhere_give_the_same_reminders_with_unique_keys(
    config, promised, start, length_minutes, split_percent
):
    promises, marks = promised
    low, zone = start
    high = low.astimezone(UTC) + timedelta(minutes=length_minutes)
    middle = low.astimezone(UTC) + timedelta(minutes=length_minutes * split_percent // 100)
    whole = reminders_between(config, promises, marks, low, high, zone=zone)
    parts = reminders_between(config, promises, marks, low, middle, zone=zone)
    parts += reminders_between(config, promises, marks, middle, high, zone=zone)
    assert parts == whole
    assert len({reminder.key for reminder in whole}) == len(whole)


@given(settings(), promises_and_marks(), starts())
def test_each_reminder_fires_at_its_wall_time_or_just_after_a_skipped_one(config, promised, start):
    promises, marks = promised
    low, zone = start
    for reminder in reminders_between(
        config, promises, marks, low, low + timedelta(days=2), zone=zone
    ):
        local = reminder.at.astimezone(zone)
        wall = datetime.combine(local.date(), reminder.wall_time, tzinfo=zone)
        if local.time() != reminder.wall_time:
            # Only a wall time the clocks skipped fires at another one, just after the gap.
            skipped = [
                datetime.combine(local.date() - timedelta(days=back), reminder.wall_time, zone)
                for back in (0, 1)
            ]
            assert any(not tz.datetime_exists(moment) for moment in skipped)
            assert local.minute in (0, 30)
        else:
            # A wall time that happens twice fires at its first occurrence.
            assert reminder.at == wall.replace(fold=0).astimezone(UTC)


@given(settings(), promises_and_marks(), starts(), quality_days)
def test_the_next_reminder_time_is_never_late(config, promised, start, last_quality_day):
    promises, marks = promised
    now, zone = start
    found = next_reminder_time(config, promises, marks, now, last_quality_day=last_quality_day)
    if found is None:
        assert not reminders_between(
            config,
            promises,
            marks,
            now,
            now.astimezone(UTC) + timedelta(days=8),
            last_quality_day=last_quality_day,
            zone=zone,
        )
        return
    assert found.astimezone(UTC) > now.astimezone(UTC)
    before = reminders_between(
        config,
        promises,
        marks,
        now,
        found.astimezone(UTC) - timedelta(microseconds=1),
        last_quality_day=last_quality_day,
        zone=zone,
    )
    assert before == []
    assert due_reminders(config, promises, marks, set(), found, last_quality_day=last_quality_day)


@pytest.mark.parametrize(("zone", "day"), ZONE_DAYS[:-1])
def test_every_minute_of_a_dst_day_fires_at_its_first_occurrence_or_after_the_gap(zone, day):
    for minute in range(24 * 60):
        wall_time = time(minute // 60, minute % 60)
        at = fire_instant(day, wall_time, zone)
        wall = datetime.combine(day, wall_time, tzinfo=zone)
        if tz.datetime_exists(wall):
            assert at == wall.replace(fold=0).astimezone(UTC)
        else:
            # The first minute after the gap: it exists, the minute before it does not.
            local = at.astimezone(zone)
            assert tz.datetime_exists(local.replace(tzinfo=zone))
            before = (local - timedelta(minutes=1)).replace(tzinfo=zone, fold=0)
            assert not tz.datetime_exists(before)
            assert local.replace(tzinfo=None) > wall.replace(tzinfo=None)


@pytest.mark.parametrize(("zone", "day"), ZONE_DAYS[:-1])
def test_looking_every_minute_across_a_dst_change_fires_each_reminder_once_on_time(zone, day):
    every_ten_minutes = tuple(time(h, m) for h in range(4) for m in range(0, 60, 10))
    promises = [
        Promise(
            "Walk", parse_schedule("daily"), date(2026, 1, 1), id=1, reminders=every_ten_minutes
        )
    ]
    config = Settings(
        notifications=NotificationSettings(
            quiet_start=time(0, 0), quiet_end=time(0, 0), checkin_time=time(12, 0)
        )
    )
    first = datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)
    fired: dict[str, datetime] = {}
    for minute in range(5 * 60):
        now = (first + timedelta(minutes=minute)).astimezone(zone)
        window_start = now.astimezone(UTC) - grace_of(config)
        # Even a process that fired nothing yet (it just woke up) sees only this window.
        for reminder in due_reminders(config, promises, {}, set(), now, last_quality_day=day):
            assert window_start < reminder.at <= now.astimezone(UTC)
        for reminder in due_reminders(config, promises, {}, set(fired), now, last_quality_day=day):
            fired[reminder.key] = reminder.at
    todays = [key for key in fired if f":{day.isoformat()}:" in key]
    assert len(todays) == len(every_ten_minutes)  # each one, skipped or doubled, exactly once
    skipped = [
        t for t in every_ten_minutes if not tz.datetime_exists(datetime.combine(day, t, zone))
    ]
    # Skipped ones fire together, at the first minute after the gap.
    assert len({fired[f"promise:1:{day.isoformat()}:{t:%H:%M}"] for t in skipped}) <= 1
