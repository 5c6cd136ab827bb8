"""Which reminders are due when: schedules, open days, quiet hours, check-in, nudges, DST."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from dateutil import tz

from tracker.model import Mark, MarkStatus, NotificationSettings, Promise, Settings
from tracker.reminder_rules.due import (
    Reminder,
    due_reminders,
    fire_instant,
    in_quiet_hours,
    missed_reminders,
    next_reminder_time,
    reminders_between,
)
from tracker.reminder_rules.kinds import ReminderKind
from tracker.schedule import parse_schedule

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")
# Quiet hours only from 04:00 to 04:01, where the check-in is parked (so it never fires),
# unless a test says otherwise.
QUIET_FREE = Settings(
    notifications=NotificationSettings(
        quiet_start=time(4, 0), quiet_end=time(4, 1), checkin_time=time(4, 0)
    )
)


def promise(
    pid: int = 1,
    schedule: str = "daily",
    reminders: tuple[time, ...] = (time(20, 30),),
    start: date = date(2026, 1, 5),
    **changes,
) -> Promise:
    return Promise(
        title=f"Promise {pid}",
        schedule=parse_schedule(schedule),
        start=start,
        id=pid,
        reminders=reminders,
        **changes,
    )


def at(year, month, day, hour, minute, second=0, zone=BERLIN) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def mark(pid: int, day: date, status: MarkStatus = MarkStatus.KEPT) -> Mark:
    return Mark(pid, day, status)


def due(now, promises, marks=None, fired=(), settings=QUIET_FREE, **kw) -> list[Reminder]:
    # Quality time logged today, unless a test says otherwise: no nudge in the way.
    kw.setdefault("last_quality_day", now.date())
    return due_reminders(settings, promises, marks or {}, set(fired), now, **kw)


def keys(reminders) -> list[str]:
    return [reminder.key for reminder in reminders]


def with_alerts(settings: Settings = QUIET_FREE, **changes) -> Settings:
    return replace(settings, notifications=replace(settings.notifications, **changes))


# -- promise reminders ----------------------------------------------------------------


def test_a_daily_promise_reminds_at_its_time_and_not_a_minute_before():
    promises = [promise()]
    assert due(at(2026, 3, 10, 20, 29, 59), promises) == []
    found = due(at(2026, 3, 10, 20, 30), promises)
    assert keys(found) == ["promise:1:2026-03-10:20:30"]
    assert found[0].at == datetime(2026, 3, 10, 19, 30, tzinfo=UTC)
    assert found[0].kind is ReminderKind.PROMISE


def test_a_late_look_still_fires_within_the_grace_window_but_not_after_it():
    promises = [promise()]
    assert keys(due(at(2026, 3, 10, 20, 44, 59), promises)) == ["promise:1:2026-03-10:20:30"]
    assert due(at(2026, 3, 10, 20, 45, 1), promises) == []


def test_a_reminder_already_fired_is_not_due_again():
    promises = [promise()]
    assert due(at(2026, 3, 10, 20, 31), promises, fired={"promise:1:2026-03-10:20:30"}) == []


def test_a_promise_kept_before_its_reminder_needs_no_reminder():
    promises = [promise()]
    marks = {1: {date(2026, 3, 10): mark(1, date(2026, 3, 10))}}
    assert due(at(2026, 3, 10, 20, 30), promises, marks) == []


def test_an_excused_or_missed_day_needs_no_reminder_either():
    promises = [promise()]
    for status in (MarkStatus.EXCUSED, MarkStatus.MISSED):
        marks = {1: {date(2026, 3, 10): mark(1, date(2026, 3, 10), status)}}
        assert due(at(2026, 3, 10, 20, 30), promises, marks) == []


def test_several_reminder_times_each_fire_once():
    promises = [promise(reminders=(time(8, 0), time(20, 30)))]
    assert keys(due(at(2026, 3, 10, 8, 0), promises)) == ["promise:1:2026-03-10:08:00"]
    assert keys(due(at(2026, 3, 10, 20, 30), promises)) == ["promise:1:2026-03-10:20:30"]


def test_a_weekday_promise_is_quiet_at_the_weekend():
    promises = [promise(schedule="weekdays")]
    assert keys(due(at(2026, 3, 13, 20, 30), promises)) == ["promise:1:2026-03-13:20:30"]  # Fri
    assert due(at(2026, 3, 14, 20, 30), promises) == []  # Saturday


def test_a_promise_on_set_days_reminds_on_those_days_only():
    promises = [promise(schedule="mon,thu")]
    fired_days = [day for day in range(9, 16) if due(at(2026, 3, day, 20, 30), promises)]
    assert fired_days == [9, 12]  # Monday 9th, Thursday 12th


def test_an_every_n_days_promise_counts_from_its_start():
    promises = [promise(schedule="every 3 days", start=date(2026, 3, 1))]
    fired_days = [day for day in range(1, 11) if due(at(2026, 3, day, 20, 30), promises)]
    assert fired_days == [1, 4, 7, 10]


def test_an_n_per_week_promise_reminds_until_the_week_target_is_met():
    promises = [promise(schedule="2/week")]
    monday = date(2026, 3, 9)
    marks = {1: {monday: mark(1, monday)}}
    assert due(at(2026, 3, 10, 20, 30), promises, marks)  # 1 of 2 kept: remind
    marks[1][date(2026, 3, 10)] = mark(1, date(2026, 3, 10))
    assert due(at(2026, 3, 11, 20, 30), promises, marks) == []  # target met: quiet
    assert due(at(2026, 3, 16, 20, 30), promises, marks)  # a new week asks again


def test_an_excused_day_lowers_the_week_target_of_an_n_per_week_promise():
    promises = [promise(schedule="2/week")]
    marks = {
        1: {
            date(2026, 3, 9): mark(1, date(2026, 3, 9), MarkStatus.EXCUSED),
            date(2026, 3, 10): mark(1, date(2026, 3, 10)),
        }
    }
    assert due(at(2026, 3, 11, 20, 30), promises, marks) == []


def test_archived_not_yet_started_and_ended_promises_stay_silent():
    now = at(2026, 3, 10, 20, 30)
    assert due(now, [promise(archived=True)]) == []
    assert due(now, [promise(start=date(2026, 3, 11))]) == []
    assert due(now, [promise(end=date(2026, 3, 9))]) == []
    assert due(now, [promise(end=date(2026, 3, 10))])  # the last day still counts


# -- quiet hours ------------------------------------------------------------------------


def test_quiet_hours_span_midnight_by_default():
    alerts = NotificationSettings()
    assert (alerts.quiet_start, alerts.quiet_end) == (time(22, 30), time(8, 0))
    inside = [time(22, 30), time(23, 59), time(0, 0), time(3, 0), time(7, 59)]
    outside = [time(8, 0), time(12, 0), time(22, 29)]
    assert all(in_quiet_hours(t, alerts.quiet_start, alerts.quiet_end) for t in inside)
    assert not any(in_quiet_hours(t, alerts.quiet_start, alerts.quiet_end) for t in outside)


def test_quiet_hours_within_a_day_and_switched_off():
    assert in_quiet_hours(time(13, 30), time(13, 0), time(14, 0))
    assert not in_quiet_hours(time(14, 0), time(13, 0), time(14, 0))
    assert not in_quiet_hours(time(3, 0), time(0, 0), time(0, 0))  # equal times: none


def test_a_reminder_inside_quiet_hours_is_dropped_not_stacked_up():
    settings = with_alerts(quiet_start=time(22, 30), quiet_end=time(8, 0))
    promises = [promise(reminders=(time(23, 0),))]
    assert due(at(2026, 3, 10, 23, 0), promises, settings=settings) == []
    # Nothing piles up for the morning either.
    morning = at(2026, 3, 11, 8, 0)
    assert due(morning, promises, settings=settings) == []
    assert missed_reminders(settings, promises, {}, set(), at(2026, 3, 10, 22, 0), morning) == []


# -- evening check-in and quality-time nudge ------------------------------------------------


def test_the_evening_check_in_says_how_many_promises_are_still_open():
    settings = with_alerts(checkin_time=time(21, 0))
    promises = [promise(1, reminders=()), promise(2, reminders=()), promise(3, reminders=())]
    marks = {1: {date(2026, 3, 10): mark(1, date(2026, 3, 10))}}
    found = due(at(2026, 3, 10, 21, 0), promises, marks, settings=settings)
    assert keys(found) == ["checkin:2026-03-10"]
    assert found[0].open_count == 2
    assert found[0].open_titles == ("Promise 2", "Promise 3")


def test_no_check_in_when_everything_today_is_done():
    settings = with_alerts(checkin_time=time(21, 0))
    promises = [promise(1, reminders=()), promise(2, schedule="weekends", reminders=())]
    marks = {1: {date(2026, 3, 10): mark(1, date(2026, 3, 10), MarkStatus.EXCUSED)}}
    assert due(at(2026, 3, 10, 21, 0), promises, marks, settings=settings) == []


def test_the_quality_nudge_comes_after_n_days_without_an_entry_then_every_n_days():
    settings = with_alerts(checkin_time=time(21, 0), quality_nudge_days=4)
    promises = [promise(reminders=())]
    marks = {
        1: {date(2026, 3, day): mark(1, date(2026, 3, day)) for day in range(1, 31)}
    }  # every promise kept: only the nudge can fire
    last = date(2026, 3, 10)
    nudged = [
        day
        for day in range(10, 25)
        if due(at(2026, 3, day, 21, 0), promises, marks, settings=settings, last_quality_day=last)
    ]
    assert nudged == [14, 18, 22]
    found = due(at(2026, 3, 14, 21, 0), promises, marks, settings=settings, last_quality_day=last)
    assert keys(found) == ["quality:2026-03-14"]
    assert found[0].days_without_quality == 4


def test_without_any_entry_the_nudge_counts_from_the_journey_start():
    settings = replace(with_alerts(checkin_time=time(21, 0)), journey_start=date(2026, 3, 1))
    promises = [promise(reminders=(), archived=True)]
    now = at(2026, 3, 5, 21, 0)
    found = due(now, promises, settings=settings, last_quality_day=None)
    assert keys(found) == ["quality:2026-03-05"]
    no_journey = replace(settings, journey_start=None)
    assert due(now, [], settings=no_journey, last_quality_day=None) == []


# -- the user's day and midnight ----------------------------------------------------------


def test_a_reminder_at_midnight_belongs_to_the_day_that_begins():
    promises = [promise(schedule="mon", reminders=(time(0, 0),))]
    assert keys(due(at(2026, 3, 9, 0, 0), promises)) == ["promise:1:2026-03-09:00:00"]  # Mon
    assert due(at(2026, 3, 10, 0, 0), promises) == []


def test_after_midnight_still_belongs_to_yesterday_when_the_day_starts_later():
    settings = replace(QUIET_FREE, day_starts_at=time(3, 0))
    promises = [promise(reminders=(time(0, 30),))]
    found = due(at(2026, 3, 11, 0, 30), promises, settings=settings)
    assert keys(found) == ["promise:1:2026-03-10:00:30"]  # the 10th's late-night reminder
    kept_on_the_10th = {1: {date(2026, 3, 10): mark(1, date(2026, 3, 10))}}
    assert due(at(2026, 3, 11, 0, 30), promises, kept_on_the_10th, settings=settings) == []


def test_a_window_across_midnight_sees_both_days():
    promises = [promise(reminders=(time(23, 50), time(0, 10)))]
    found = reminders_between(
        QUIET_FREE, promises, {}, at(2026, 3, 10, 23, 0), at(2026, 3, 11, 1, 0), zone=BERLIN
    )
    assert keys(found) == ["promise:1:2026-03-10:23:50", "promise:1:2026-03-11:00:10"]


# -- daylight saving time -------------------------------------------------------------------


def test_spring_forward_in_berlin_fires_a_skipped_0230_once_at_0300():
    promises = [promise(reminders=(time(2, 30),))]
    whole_day = reminders_between(
        QUIET_FREE, promises, {}, at(2026, 3, 28, 12, 0), at(2026, 3, 30, 12, 0), zone=BERLIN
    )
    on_the_day = [r for r in whole_day if r.day == date(2026, 3, 29)]
    assert len(on_the_day) == 1
    assert on_the_day[0].at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST
    assert on_the_day[0].at.astimezone(BERLIN).strftime("%H:%M %Z") == "03:00 CEST"
    assert keys(due(at(2026, 3, 29, 3, 0), promises)) == ["promise:1:2026-03-29:02:30"]


def test_fall_back_in_berlin_fires_a_doubled_0230_once_at_its_first_occurrence():
    promises = [promise(reminders=(time(2, 30),))]
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, an hour later
    found = reminders_between(
        QUIET_FREE, promises, {}, at(2026, 10, 24, 12, 0), at(2026, 10, 26, 12, 0), zone=BERLIN
    )
    assert [r.at for r in found if r.day == date(2026, 10, 25)] == [first]
    fired = set(keys(due(first.astimezone(BERLIN), promises)))
    assert due(second.astimezone(BERLIN), promises, fired=fired) == []
    assert due(second.astimezone(BERLIN), promises) == []  # outside the grace window anyway


def test_spring_forward_in_new_york_fires_0230_at_0300_edt():
    promises = [promise(reminders=(time(2, 30),))]
    moment = fire_instant(date(2026, 3, 8), time(2, 30), NEW_YORK)
    assert moment == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    now = datetime(2026, 3, 8, 7, 5, tzinfo=UTC).astimezone(NEW_YORK)
    assert keys(due(now, promises)) == ["promise:1:2026-03-08:02:30"]


def test_fall_back_in_new_york_fires_0130_once():
    promises = [promise(reminders=(time(1, 30),))]
    found = reminders_between(
        QUIET_FREE,
        promises,
        {},
        datetime(2026, 11, 1, 0, 0, tzinfo=NEW_YORK),
        datetime(2026, 11, 1, 6, 0, tzinfo=NEW_YORK),
        zone=NEW_YORK,
    )
    assert [r.at for r in found] == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]  # 01:30 EDT


def test_reminders_on_a_dst_day_keep_their_wall_times():
    promises = [promise(reminders=(time(8, 0), time(20, 30)))]
    found = reminders_between(
        QUIET_FREE, promises, {}, at(2026, 3, 29, 0, 0), at(2026, 3, 29, 23, 0), zone=BERLIN
    )
    assert [r.at.astimezone(BERLIN).strftime("%H:%M") for r in found] == ["08:00", "20:30"]


# -- missed reminders and the next one --------------------------------------------------------


def test_reminders_older_than_the_grace_window_count_as_missed():
    promises = [promise(reminders=(time(9, 0), time(12, 0), time(20, 30)))]
    asleep_since = at(2026, 3, 10, 8, 0)
    woke = at(2026, 3, 10, 20, 40)
    assert keys(due(woke, promises)) == ["promise:1:2026-03-10:20:30"]
    missed = missed_reminders(QUIET_FREE, promises, {}, set(), asleep_since, woke)
    assert keys(missed) == ["promise:1:2026-03-10:09:00", "promise:1:2026-03-10:12:00"]


def test_missed_reminders_look_back_one_day_at_most():
    promises = [promise(reminders=(time(12, 0),))]
    missed = missed_reminders(
        QUIET_FREE, promises, {}, set(), at(2026, 3, 1, 0, 0), at(2026, 3, 10, 20, 0)
    )
    assert keys(missed) == ["promise:1:2026-03-10:12:00"]


def test_the_next_reminder_time_is_the_first_one_after_now():
    promises = [promise(reminders=(time(8, 0), time(20, 30)))]
    assert next_reminder_time(QUIET_FREE, promises, {}, at(2026, 3, 10, 12, 0)) == at(
        2026, 3, 10, 20, 30
    )
    assert next_reminder_time(QUIET_FREE, promises, {}, at(2026, 3, 10, 20, 30)) == at(
        2026, 3, 11, 8, 0
    )


def test_there_is_no_next_reminder_without_reminders():
    settings = with_alerts(checkin_time=time(23, 0), quiet_start=time(22, 0))
    assert next_reminder_time(settings, [promise(reminders=())], {}, at(2026, 3, 10, 12, 0)) is None


def test_a_zero_grace_window_still_gives_a_minute():
    settings = with_alerts(grace_minutes=0)
    promises = [promise()]
    assert due(at(2026, 3, 10, 20, 30, 30), promises, settings=settings)
    assert due(at(2026, 3, 10, 20, 31, 1), promises, settings=settings) == []


def test_now_in_another_zone_is_read_in_the_users_zone():
    promises = [promise()]
    now_utc = datetime(2026, 3, 10, 19, 30, tzinfo=UTC)
    assert keys(due(now_utc, promises, zone=BERLIN)) == ["promise:1:2026-03-10:20:30"]
    assert due(now_utc + timedelta(hours=2), promises, zone=BERLIN) == []


def test_nothing_fires_during_quiet_hours_not_even_a_late_reminder_or_a_missed_notice():
    settings = with_alerts(quiet_start=time(22, 30), quiet_end=time(8, 0), grace_minutes=30)
    promises = [promise(reminders=(time(22, 20),))]
    assert due(at(2026, 3, 10, 22, 29), promises, settings=settings)  # late, not yet quiet
    assert due(at(2026, 3, 10, 22, 35), promises, settings=settings) == []  # quiet now
    woke_in_quiet = at(2026, 3, 10, 23, 30)
    assert (
        missed_reminders(settings, promises, {}, set(), at(2026, 3, 10, 12, 0), woke_in_quiet) == []
    )


def test_a_measured_promise_not_there_yet_is_reminded_with_its_progress():
    """Issue 22: 3 of 10 minutes so far is still open: the reminder comes, carrying how
    far the day is; the words show it only when titles may show."""
    from tracker.model import Measure
    from tracker.reminder_rules.messages import compose

    talk = [promise(measure=Measure("min", 10))]
    day = date(2026, 3, 10)
    marks = {1: {day: Mark(1, day, MarkStatus.MISSED, amount=3)}}
    [reminder] = due(at(2026, 3, 10, 20, 30), talk, marks)
    assert reminder.progress == "3 of 10 min"
    [shown] = compose([reminder], 0, show_titles=True)
    assert shown.body == "Due now: Promise 1 (3 of 10 min so far)."
    [discreet] = compose([reminder], 0, show_titles=False)
    assert "10 min" not in discreet.body
    marks = {1: {day: Mark(1, day, MarkStatus.KEPT, amount=12)}}
    assert due(at(2026, 3, 10, 20, 30), talk, marks) == []
