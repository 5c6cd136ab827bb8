"""Snoozing a reminder: it comes back once after the delay, whether or not one had fired,
after quiet hours, only while it still makes sense, and from data (so a restart keeps it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil import tz

from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, NotificationSettings, Promise, Settings
from tracker.reminder_rules.due import (
    Reminder,
    comeback_instant,
    due_reminders,
    missed_reminders,
    next_reminder_time,
    snooze_key,
)
from tracker.reminder_rules.kinds import SNOOZE, ReminderKind, Snooze
from tracker.reminder_rules.snooze import (
    pending_snoozes,
    reminder_target,
    snooze_for_key,
    snooze_promise,
    snooze_until,
    snoozes_for_keys,
    spent_snoozes,
)
from tracker.schedule import parse_schedule

BERLIN = tz.gettz("Europe/Berlin")
DAY = date(2026, 3, 10)
# Quiet hours 22:30-08:00; the evening check-in at 21:30; the quality nudge after 4 days.
SETTINGS = Settings(notifications=NotificationSettings(checkin_time=time(21, 30)))
NO_QUIET = Settings(
    notifications=NotificationSettings(
        quiet_start=time(0, 0), quiet_end=time(0, 0), checkin_time=time(4, 0)
    )
)


def at(hour: int, minute: int, second: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BERLIN)


def promise(pid: int = 7, reminders: tuple[time, ...] = (time(20, 30),), **fields) -> Promise:
    return Promise(
        f"Promise {pid}",
        parse_schedule("daily"),
        date(2026, 3, 1),
        id=pid,
        reminders=reminders,
        **fields,
    )


PROMISES = [promise()]


def due(now, snoozes=(), fired=(), promises=PROMISES, marks=None, settings=SETTINGS, **kw):
    found = due_reminders(
        settings,
        promises,
        marks or {},
        set(fired),
        now,
        snoozes=tuple(snoozes),
        last_quality_day=kw.get("last_quality_day", now.date()),
    )
    return found


def keys(reminders: list[Reminder]) -> list[str]:
    return [reminder.key for reminder in reminders]


def by_name(minutes: int, created: datetime, pid: int = 7, day: date = DAY) -> Snooze:
    """`tracker snooze NAME 30m`, asked at `created`."""
    return snooze_promise(pid, day, created + timedelta(minutes=minutes), created)


def test_snoozing_by_name_brings_the_promise_back_once_even_without_a_reminder_of_its_own():
    quiet_promise = [promise(reminders=())]
    snooze = by_name(30, at(18, 0))
    assert due(at(18, 29, 59), [snooze], promises=quiet_promise) == []
    [back] = due(at(18, 30, 5), [snooze], promises=quiet_promise)
    assert (back.kind, back.promise_id, back.day, back.wall_time) == (
        ReminderKind.PROMISE,
        7,
        DAY,
        time(18, 30),
    )
    assert back.key == snooze_key(snooze)
    assert due(at(18, 31), [snooze], fired=[back.key], promises=quiet_promise) == []


def test_asked_for_by_name_it_comes_back_even_on_a_day_the_promise_asks_nothing():
    tuesday = [Promise("Gym", parse_schedule("mon,wed,fri"), date(2026, 3, 1), id=7)]
    snooze = by_name(30, at(18, 0))  # 10 March 2026 is a Tuesday
    assert keys(due(at(18, 30, 5), [snooze], promises=tuesday)) == [snooze_key(snooze)]
    from_a_reminder = replace(snooze, reminder_key="promise:7:2026-03-10:18:00")
    assert due(at(18, 30, 5), [from_a_reminder], promises=tuesday) == []


def test_snoozing_what_just_fired_brings_it_back_after_the_delay_and_holds_back_the_next():
    fired_at = at(20, 30, 5)
    [first] = due(fired_at)
    snooze = snooze_for_key(first.key, fired_at + timedelta(minutes=30), fired_at)
    twice = [promise(reminders=(time(20, 30), time(20, 45)))]
    fired = [first.key]
    assert due(at(20, 45, 5), [snooze], fired, promises=twice) == []  # "not now" means not now
    [back] = due(at(21, 0, 5), [snooze], fired, promises=twice)
    assert back.key == snooze_key(snooze)
    assert back.promise_title == "Promise 7"


def test_snoozing_before_a_reminder_holds_it_back_until_the_snooze_ends():
    snooze = by_name(30, at(20, 15))
    assert due(at(20, 30, 5), [snooze]) == []
    assert keys(due(at(20, 45, 5), [snooze])) == [snooze_key(snooze)]


def test_a_snooze_ending_in_quiet_hours_comes_back_when_they_end():
    snooze = by_name(30, at(22, 20))  # 22:50 is inside 22:30-08:00
    morning = at(8, 0, day=DAY + timedelta(days=1))
    assert comeback_instant(snooze, SETTINGS, BERLIN) == morning.astimezone(UTC)
    assert due(at(22, 50, 5), [snooze]) == []
    [back] = due(morning + timedelta(seconds=5), [snooze], last_quality_day=DAY)
    assert back.day == DAY  # still about the evening it was snoozed on
    assert back.wall_time == time(8, 0)
    [pending] = pending_snoozes([snooze], SETTINGS, at(23, 0))
    assert pending.comes_back_at == morning.astimezone(UTC)


def test_quiet_hours_within_one_day_and_after_midnight():
    daytime = Settings(notifications=NotificationSettings(quiet_start=time(13), quiet_end=time(14)))
    lunch = by_name(30, at(12, 45))
    assert comeback_instant(lunch, daytime, BERLIN) == at(14, 0).astimezone(UTC)
    night = by_name(60, at(23, 30))  # 00:30 the next day, in quiet hours until 08:00
    assert comeback_instant(night, SETTINGS, BERLIN) == at(
        8, 0, day=DAY + timedelta(days=1)
    ).astimezone(UTC)


def test_thirty_minutes_are_thirty_real_minutes_across_a_clock_change():
    spring_night = date(2026, 3, 29)  # Berlin: 02:00 becomes 03:00
    asked = at(1, 50, day=spring_night)
    until = snooze_until(asked, "30m")
    assert until == at(3, 20, day=spring_night)
    snooze = snooze_promise(7, spring_night, until, asked)
    assert comeback_instant(snooze, NO_QUIET, BERLIN) == until.astimezone(UTC)
    autumn_night = date(2026, 10, 25)  # 03:00 becomes 02:00 again
    asked = datetime(2026, 10, 25, 2, 50, tzinfo=BERLIN)  # the first 02:50
    assert (snooze_until(asked, "30m") - asked.astimezone(UTC)).total_seconds() == 30 * 60
    assert autumn_night == asked.date()


def test_a_promise_kept_meanwhile_does_not_come_back_and_neither_does_an_archived_one():
    snooze = by_name(30, at(20, 30))
    kept = {7: {DAY: Mark(7, DAY, MarkStatus.KEPT)}}
    assert due(at(21, 0, 5), [snooze], marks=kept) == []
    assert due(at(21, 0, 5), [snooze], promises=[promise(archived=True)]) == []
    assert due(at(21, 0, 5), [snooze], promises=[]) == []


def test_a_snoozed_check_in_says_how_many_are_open_when_it_comes_back():
    two = [promise(7), promise(8)]
    [checkin] = due(at(21, 30, 5), promises=two)
    assert checkin.kind is ReminderKind.CHECKIN and checkin.open_count == 2
    snooze = snooze_for_key(checkin.key, at(22, 0), at(21, 31))
    one_kept = {7: {DAY: Mark(7, DAY, MarkStatus.KEPT)}}
    [back] = due(at(22, 0, 5), [snooze], [checkin.key], promises=two, marks=one_kept)
    assert (back.kind, back.open_count, back.open_titles) == (
        ReminderKind.CHECKIN,
        1,
        ("Promise 8",),
    )
    both_kept = {**one_kept, 8: {DAY: Mark(8, DAY, MarkStatus.KEPT)}}
    assert due(at(22, 0, 5), [snooze], [checkin.key], promises=two, marks=both_kept) == []


def test_a_snoozed_quality_nudge_comes_back_only_while_no_time_together_was_logged():
    snooze = snooze_for_key(f"quality:{DAY}", at(21, 0), at(20, 0))
    dry_since = DAY - timedelta(days=4)
    [back] = due(at(21, 0, 5), [snooze], promises=[], last_quality_day=dry_since)
    assert (back.kind, back.days_without_quality) == (ReminderKind.QUALITY, 4)
    assert due(at(21, 0, 5), [snooze], promises=[], last_quality_day=DAY) == []


def test_snoozing_again_before_it_came_back_replaces_the_first():
    first = by_name(30, at(20, 0))
    second = by_name(60, at(20, 10))
    both = [first, second]
    assert due(at(20, 30, 5), both) == []
    assert keys(due(at(21, 10, 5), both)) == [snooze_key(second)]
    assert [p.snooze for p in pending_snoozes(both, SETTINGS, at(20, 20))] == [second]


def test_a_returned_reminder_can_be_snoozed_again_from_its_own_notification():
    first = by_name(30, at(20, 0))
    [back] = due(at(20, 30, 5), [first])
    again = snooze_for_key(back.key, at(21, 0), at(20, 31))
    assert (again.kind, again.promise_id, again.day, again.reminder_key) == (
        ReminderKind.PROMISE,
        7,
        DAY,
        back.key,
    )
    assert keys(due(at(21, 0, 5), [first, again], fired=[back.key])) == [snooze_key(again)]


def test_it_survives_a_restart_because_it_is_data():
    snooze = by_name(30, at(20, 0))
    stored = SNOOZE.to_doc(replace(snooze, id=3))
    restarted = SNOOZE.from_doc(3, stored)
    assert keys(due(at(20, 30, 5), [restarted])) == [snooze_key(snooze)]


def test_the_service_wakes_for_a_snooze_and_counts_one_it_slept_through():
    snooze = by_name(30, at(18, 0))
    quiet_promise = [promise(reminders=())]
    woken = next_reminder_time(
        SETTINGS, quiet_promise, {}, at(18, 1), snoozes=(snooze,), last_quality_day=DAY
    )
    assert woken == at(18, 30)
    missed = missed_reminders(
        SETTINGS,
        quiet_promise,
        {},
        set(),
        at(17, 0),
        at(19, 0),
        snoozes=(snooze,),
        last_quality_day=DAY,
    )
    assert keys(missed) == [snooze_key(snooze)]


def test_pending_and_spent_snoozes():
    soon = by_name(30, at(20, 0))
    old = by_name(30, at(20, 0, day=DAY - timedelta(days=3)))
    assert [p.snooze for p in pending_snoozes([soon, old], SETTINGS, at(20, 10))] == [soon]
    # Within its grace window and not shown yet, it is still pending.
    assert pending_snoozes([soon], SETTINGS, at(20, 31)) != []
    assert pending_snoozes([soon], SETTINGS, at(20, 31), fired={snooze_key(soon)}) == []
    assert spent_snoozes([soon, old], SETTINGS, at(20, 10)) == [old]


def test_one_snooze_per_reminder_of_a_notification():
    keys_shown = ["promise:7:2026-03-10:20:30", "promise:7:2026-03-10:20:30", "checkin:2026-03-10"]
    made = snoozes_for_keys(keys_shown, at(21, 0), at(20, 30))
    assert [(s.kind, s.promise_id) for s in made] == [
        (ReminderKind.PROMISE, 7),
        (ReminderKind.CHECKIN, None),
    ]


@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("promise:7:2026-03-10:20:30", (ReminderKind.PROMISE, 7, DAY)),
        ("checkin:2026-03-10", (ReminderKind.CHECKIN, None, DAY)),
        ("quality:2026-03-10", (ReminderKind.QUALITY, None, DAY)),
        ("snooze:promise:7:2026-03-10:2026-03-10T20:00Z", (ReminderKind.PROMISE, 7, DAY)),
        ("snooze:checkin:-:2026-03-10:2026-03-10T20:00Z", (ReminderKind.CHECKIN, None, DAY)),
    ],
)
def test_reminder_keys_name_what_to_snooze(key, target):
    assert reminder_target(key) == target


@pytest.mark.parametrize(
    "key",
    [
        "",
        "promise",
        "promise:x:2026-03-10:20:30",
        "checkin:2026-02-30",
        "quality:tomorrow",
        "nap:2026-03-10",
        "promise:７:2026-03-10:20:30",
        "promise:1" + "0" * 40 + ":2026-03-10:20:30",
        "checkin:2026-03-10\x1b[2J",
        "snooze:nap:1:2026-03-10:x",
    ],
)
def test_anything_else_is_refused_with_a_clear_message(key):
    with pytest.raises(ValidationError, match="does not name a reminder"):
        reminder_target(key)


@pytest.mark.parametrize(("typed", "minutes"), [("30m", 30), ("1h", 60), ("1h30", 90), ("90", 90)])
def test_the_delay_is_typed_like_any_duration(typed, minutes):
    asked = at(20, 0)
    assert snooze_until(asked, typed) - asked == timedelta(minutes=minutes)


@pytest.mark.parametrize("typed", ["", "soon", "0m", "25h", "-5m", "30m\x00"])
def test_a_delay_that_is_not_one_is_refused(typed):
    with pytest.raises(ValidationError):
        snooze_until(at(20, 0), typed)


def test_a_snooze_must_end_after_it_was_asked_for_with_its_time_zone():
    with pytest.raises(ValidationError, match="ends after"):
        snooze_promise(7, DAY, at(20, 0), at(20, 0))
    with pytest.raises(ValidationError, match="time zone"):
        snooze_promise(7, DAY, datetime(2026, 3, 10, 21), datetime(2026, 3, 10, 20))
    with pytest.raises(ValidationError, match="names the promise"):
        Snooze(ReminderKind.PROMISE, DAY, at(21, 0), at(20, 0)).validated()
    assert not by_name(30, at(20, 0)).shareable
