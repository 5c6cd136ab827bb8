"""Properties of snoozing: whatever the delay, the quiet hours, the zone and the moments the
service happens to look, a snoozed reminder comes back exactly once, never in quiet hours,
never before it was asked to."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from tracker.model import NotificationSettings, Promise, Settings
from tracker.reminder_rules.due import (
    comeback_instant,
    due_reminders,
    grace_of,
    in_quiet_hours,
    snooze_key,
)
from tracker.reminder_rules.snooze import snooze_promise
from tracker.schedule import parse_schedule

ZONES = [
    tz.gettz(name) for name in ("Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC")
]
PROMISE = Promise("Call when late", parse_schedule("daily"), date(2020, 1, 1), id=7)

wall_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def situations(draw: st.DrawFn):
    zone = draw(st.sampled_from(ZONES))
    settings = Settings(
        notifications=NotificationSettings(
            quiet_start=draw(wall_times), quiet_end=draw(wall_times), checkin_time=time(4, 0)
        )
    )
    asked = draw(
        st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC))
    ).astimezone(zone)
    minutes = draw(st.integers(1, 24 * 60))
    snooze = snooze_promise(7, asked.date(), asked + timedelta(minutes=minutes), asked)
    return zone, settings, snooze


@given(situations())
def test_it_comes_back_after_the_delay_outside_quiet_hours_within_a_day(situation):
    zone, settings, snooze = situation
    back = comeback_instant(snooze, settings, zone)
    alerts = settings.notifications
    assert back >= snooze.until
    assert back - snooze.until <= timedelta(hours=25)  # quiet hours end within a day
    local = back.astimezone(zone).time()
    assert not in_quiet_hours(local, alerts.quiet_start, alerts.quiet_end)


@given(
    situations(),
    st.lists(st.integers(0, 26 * 60 * 60), max_size=20),
    st.lists(st.integers(-20 * 60, 20 * 60), max_size=10),
)
def test_whenever_the_service_looks_it_fires_once_at_most_and_never_early(
    situation, any_time, near
):
    """`any_time`: looks from the moment it was asked; `near`: looks around its return."""
    zone, settings, snooze = situation
    back = comeback_instant(snooze, settings, zone)
    fired: set[str] = set()
    shown = 0
    looks = sorted(
        {snooze.created + timedelta(seconds=s) for s in any_time}
        | {
            back + timedelta(seconds=s)
            for s in near
            if back + timedelta(seconds=s) > snooze.created
        }
    )
    for now in looks:
        for reminder in due_reminders(
            settings,
            [PROMISE],
            {},
            fired,
            now.astimezone(zone),
            snoozes=(snooze,),
            last_quality_day=now.date(),
        ):
            if reminder.key == snooze_key(snooze):
                assert reminder.at == back <= now
                shown += 1
            fired.add(reminder.key)
    quiet = settings.notifications
    looked_in_time = [
        now
        for now in looks
        if back <= now < back + grace_of(settings)
        and not in_quiet_hours(now.astimezone(zone).time(), quiet.quiet_start, quiet.quiet_end)
    ]
    assert shown == (1 if looked_in_time else 0)
