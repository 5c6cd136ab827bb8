"""The weekly check-in reminder and the time together planned at a check-in: when they fire,
when they are skipped, quiet hours, the user's day, daylight saving time, the words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from tracker.clock import Clock
from tracker.errors import ValidationError
from tracker.model import NotificationSettings, QualityKind, QualityTime, Settings
from tracker.practices.answers import ReconnectPlan
from tracker.practices.checkin import Step
from tracker.reminder_rules.due import (
    NO_CHECKINS,
    CheckInDays,
    due_reminders,
    missed_reminders,
    next_reminder_time,
    reminders_between,
)
from tracker.reminder_rules.kinds import ReminderKind
from tracker.reminder_rules.messages import compose, plain_text
from tracker.reminder_rules.snooze import reminder_target, snooze_for_key
from tracker.service import Tracker
from tracker.settings_keys import read_setting, write_setting
from tracker.store import Store

BERLIN = tz.gettz("Europe/Berlin")
SUNDAY = 6
# Quiet hours parked at 04:00-04:01 and the evening check-in inside them: only what a test
# sets up can fire.
SETTINGS = Settings(
    notifications=NotificationSettings(
        quiet_start=time(4, 0),
        quiet_end=time(4, 1),
        checkin_time=time(4, 0),
        weekly_checkin_day=SUNDAY,
        weekly_checkin_time=time(19, 0),
    )
)


def at(year, month, day, hour, minute, zone=BERLIN) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def alerts(settings: Settings = SETTINGS, **changes) -> Settings:
    return replace(settings, notifications=replace(settings.notifications, **changes))


def due(now, settings=SETTINGS, checkins=NO_CHECKINS, fired=(), **kw):
    kw.setdefault("last_quality_day", now.date())
    return due_reminders(settings, [], {}, set(fired), now, checkins=checkins, **kw)


def keys(found) -> list[str]:
    return [reminder.key for reminder in found]


def week(days: int = 7, **kw):
    """Every reminder of the week from Monday 23 November 2026 (Sunday is the 29th)."""
    settings = kw.pop("settings", SETTINGS)
    return reminders_between(
        settings,
        [],
        {},
        at(2026, 11, 23, 0, 0),
        at(2026, 11, 23, 0, 0) + timedelta(days=days),
        zone=BERLIN,
        **kw,
    )


# -- the weekly check-in reminder ------------------------------------------------------------


def test_it_is_off_until_a_day_is_chosen():
    assert NotificationSettings().weekly_checkin_day is None
    assert week(settings=alerts(weekly_checkin_day=None)) == []


def test_it_fires_once_on_the_chosen_day_at_the_chosen_time():
    found = week(last_quality_day=date(2026, 11, 29))
    assert keys(found) == ["weekly-checkin:2026-11-29"]
    [reminder] = found
    assert reminder.kind is ReminderKind.WEEKLY_CHECKIN
    assert reminder.at == datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # 19:00 CET
    assert due(at(2026, 11, 29, 18, 59)) == []
    assert keys(due(at(2026, 11, 29, 19, 0))) == ["weekly-checkin:2026-11-29"]
    assert due(at(2026, 11, 29, 19, 5), fired={"weekly-checkin:2026-11-29"}) == []
    wednesday = alerts(weekly_checkin_day=2, weekly_checkin_time=time(8, 30))
    assert keys(week(settings=wednesday)) == ["weekly-checkin:2026-11-25"]


def test_it_is_skipped_when_that_weeks_check_in_was_held_already():
    held_this_week = CheckInDays(weeks_held=frozenset({date(2026, 11, 23)}))
    assert due(at(2026, 11, 29, 19, 0), checkins=held_this_week) == []
    held_last_week = CheckInDays(weeks_held=frozenset({date(2026, 11, 16)}))
    assert keys(due(at(2026, 11, 29, 19, 0), checkins=held_last_week)) == [
        "weekly-checkin:2026-11-29"
    ]


def test_on_a_monday_it_asks_for_the_week_just_ended():
    monday = alerts(weekly_checkin_day=0)
    # A check-in held on Sunday the 29th looked back on the week of the 23rd: Monday the
    # 30th's reminder asks for that same week, so it stays quiet.
    held = CheckInDays(weeks_held=frozenset({date(2026, 11, 23)}))
    assert due(at(2026, 11, 30, 19, 0), settings=monday, checkins=held) == []
    assert keys(due(at(2026, 11, 30, 19, 0), settings=monday)) == ["weekly-checkin:2026-11-30"]


def test_a_time_after_midnight_belongs_to_the_users_day():
    late = replace(alerts(weekly_checkin_time=time(0, 30)), day_starts_at=time(3, 0))
    # Sunday's 00:30 falls in the night from Sunday to Monday.
    assert keys(due(at(2026, 11, 30, 0, 30), settings=late)) == ["weekly-checkin:2026-11-29"]
    assert due(at(2026, 11, 29, 0, 30), settings=late) == []


def test_quiet_hours_drop_it_and_nothing_piles_up_for_the_morning():
    quiet = alerts(quiet_start=time(18, 0), quiet_end=time(20, 0))
    assert due(at(2026, 11, 29, 19, 0), settings=quiet) == []
    assert due(at(2026, 11, 29, 20, 0), settings=quiet) == []
    missed = missed_reminders(
        quiet, [], {}, set(), at(2026, 11, 29, 12, 0), at(2026, 11, 29, 21, 0)
    )
    assert missed == []


def test_when_clocks_spring_forward_a_time_in_the_gap_fires_once_just_after():
    # Sunday 29 March 2026: Berlin skips from 02:00 to 03:00.
    gap = alerts(weekly_checkin_time=time(2, 30))
    found = reminders_between(
        gap, [], {}, at(2026, 3, 28, 12, 0), at(2026, 3, 30, 12, 0), zone=BERLIN
    )
    assert [(r.key, r.at) for r in found] == [
        ("weekly-checkin:2026-03-29", datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
    ]


def test_when_clocks_fall_back_a_doubled_time_fires_once():
    # Sunday 25 October 2026: 02:30 happens twice in Berlin.
    twice = alerts(weekly_checkin_time=time(2, 30))
    found = reminders_between(
        twice, [], {}, at(2026, 10, 24, 12, 0), at(2026, 10, 26, 12, 0), zone=BERLIN
    )
    assert [r.at for r in found] == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_the_next_reminder_time_sees_it_coming():
    assert next_reminder_time(SETTINGS, [], {}, at(2026, 11, 25, 12, 0)) == at(2026, 11, 29, 19, 0)
    held = CheckInDays(weeks_held=frozenset({date(2026, 11, 23)}))
    nothing_else = next_reminder_time(
        SETTINGS, [], {}, at(2026, 11, 25, 12, 0), checkins=held, horizon_days=6
    )
    assert nothing_else is None


# -- time together planned at a check-in ------------------------------------------------------


def test_planned_time_together_is_reminded_at_its_day_and_time():
    planned = CheckInDays(planned=((date(2026, 11, 28), time(10, 30)),))
    found = week(settings=alerts(weekly_checkin_day=None), checkins=planned)
    assert [(r.key, r.kind, r.at) for r in found] == [
        (
            "reconnect:2026-11-28",
            ReminderKind.RECONNECT,
            datetime(2026, 11, 28, 9, 30, tzinfo=UTC),
        )
    ]
    logged_that_day = week(
        settings=alerts(weekly_checkin_day=None),
        checkins=planned,
        last_quality_day=date(2026, 11, 28),
    )
    assert logged_that_day == []
    quiet = alerts(weekly_checkin_day=None, quiet_start=time(10, 0), quiet_end=time(11, 0))
    assert week(settings=quiet, checkins=planned) == []


# -- the words --------------------------------------------------------------------------------


def test_the_notification_says_it_is_time_and_never_what_was_written():
    weekly = week(last_quality_day=date(2026, 11, 29))
    [notice] = compose(weekly, 0, show_titles=True)
    assert (notice.summary, notice.body) == ("Weekly check-in", "Time for your weekly check-in.")
    planned = CheckInDays(planned=((date(2026, 11, 28), time(10, 30)),))
    found = week(checkins=planned, last_quality_day=None)
    [together] = compose([r for r in found if r.kind is ReminderKind.RECONNECT], 0, True)
    assert (together.summary, together.body) == (
        "Time together",
        "Time for the time together you planned.",
    )
    [both] = compose(found, 0, show_titles=False)
    assert both.summary == "Reminders" and plain_text(both.body, 240) == both.body


# -- snoozing them ----------------------------------------------------------------------------


def test_both_can_be_snoozed_and_a_snoozed_weekly_reminder_stays_away_once_held():
    assert reminder_target("weekly-checkin:2026-11-29") == (
        ReminderKind.WEEKLY_CHECKIN,
        None,
        date(2026, 11, 29),
    )
    assert reminder_target("reconnect:2026-11-28")[0] is ReminderKind.RECONNECT
    with pytest.raises(ValidationError):
        reminder_target("weekly-checkin:2026-11-29:extra")
    now = at(2026, 11, 29, 19, 0)
    snooze = snooze_for_key("weekly-checkin:2026-11-29", now + timedelta(minutes=30), now)
    later = at(2026, 11, 29, 19, 30)
    back = due(later, fired={"weekly-checkin:2026-11-29"}, snoozes=[snooze])
    assert [r.kind for r in back] == [ReminderKind.WEEKLY_CHECKIN]
    held = CheckInDays(weeks_held=frozenset({date(2026, 11, 23)}))
    assert due(later, checkins=held, snoozes=[snooze]) == []


# -- the settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept", "shown"),
    [("sunday", 6, "sunday"), ("Sun", 6, "sunday"), ("mo", 0, "monday"), ("off", None, "off")],
)
def test_the_day_is_set_by_name_or_switched_off(typed, kept, shown):
    key = "notifications.weekly_checkin_day"
    settings = write_setting(Settings(), key, typed, date(2026, 11, 25))
    assert settings.notifications.weekly_checkin_day == kept
    assert read_setting(settings, key) == shown


@pytest.mark.parametrize("typed", ["s", "t", "someday", "7", "sunday\x1b"])
def test_a_day_that_is_not_one_is_refused_in_words(typed):
    with pytest.raises(ValidationError, match="a day of the week"):
        write_setting(Settings(), "notifications.weekly_checkin_day", typed, date(2026, 11, 25))


def test_the_time_box_is_a_duration_up_to_four_hours():
    today = date(2026, 11, 25)
    assert write_setting(Settings(), "checkin_time_box", "45m", today).checkin_minutes == 45
    assert read_setting(Settings(), "checkin_time_box") == "30m"
    with pytest.raises(ValidationError, match="at most 4 hours"):
        write_setting(Settings(), "checkin_time_box", "5h", today)


# -- end to end through the service ---------------------------------------------------------


def test_claiming_fires_it_once_and_not_after_the_weeks_check_in(tmp_path: Path):
    path = tmp_path / "tracker.json"

    def tracker_at(moment: datetime) -> Tracker:
        return Tracker(Store.open(path, automatic_backups=False), Clock(BERLIN, moment))

    tracker = tracker_at(at(2026, 11, 27, 12, 0))
    tracker.settings.change(
        {"notifications.weekly_checkin_day": "sunday", "notifications.weekly_checkin_time": "19:00"}
    )
    tracker.together.log(QualityTime(date(2026, 11, 27), 30, QualityKind.CONVERSATION))
    sunday = at(2026, 11, 29, 19, 0)
    firing = tracker_at(sunday).reminders.claim(sunday)
    assert [(n.summary, n.body) for n in firing.notices] == [
        ("Weekly check-in", "Time for your weekly check-in.")
    ]
    assert tracker_at(sunday).reminders.claim(sunday).notices == ()

    # The next week, the check-in is held on Friday with time together planned: Sunday
    # stays quiet, Saturday's plan is reminded.
    friday = tracker_at(at(2026, 12, 4, 20, 0))
    draft = friday.checkins.start().saved
    plan = ReconnectPlan("a walk", date(2026, 12, 5), time(10, 0))
    draft = friday.checkins.go_to(draft, Step.RECONNECT).saved
    friday.checkins.finish(friday.checkins.answer(draft, plan).saved)
    saturday = at(2026, 12, 5, 10, 0)
    assert [n.summary for n in tracker_at(saturday).reminders.claim(saturday).notices] == [
        "Time together"
    ]
    next_sunday = at(2026, 12, 6, 19, 0)
    assert tracker_at(next_sunday).reminders.claim(next_sunday).notices == ()
    before = at(2026, 12, 6, 18, 0)
    assert tracker_at(before).reminders.next_time(before) != next_sunday


def test_the_settings_are_kept_in_the_data_file_and_older_files_read_as_off(tmp_path: Path):
    from tracker.store import codec

    store = Store.open(tmp_path / "tracker.json", automatic_backups=False)
    store.save_settings(replace(alerts(weekly_checkin_time=time(18, 15)), checkin_minutes=50))
    again = Store.open(tmp_path / "tracker.json").settings()
    assert again.notifications.weekly_checkin_day == SUNDAY
    assert again.notifications.weekly_checkin_time == time(18, 15)
    assert again.checkin_minutes == 50
    doc = codec.settings_to_doc(again)
    assert doc["notifications"]["weekly_checkin_day"] == "sunday"
    older = codec.settings_to_doc(Settings())
    del older["checkin_minutes"]
    del older["notifications"]["weekly_checkin_day"]
    del older["notifications"]["weekly_checkin_time"]
    assert codec.settings_from_doc(older) == Settings()
    doc["notifications"]["weekly_checkin_day"] = "someday"
    with pytest.raises(codec.BadDocument, match="weekly_checkin_day"):
        codec.settings_from_doc(doc)


@pytest.mark.parametrize("day", [7, -1, True, 10**9])
def test_a_day_that_is_not_a_weekday_cannot_be_a_setting_at_all(day):
    """Whatever the source (an import, a hand-edited file), the model refuses it in words."""
    with pytest.raises(ValidationError, match="day of the week"):
        NotificationSettings(weekly_checkin_day=day)
