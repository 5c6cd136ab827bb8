"""Which reminders are due at a moment: pure functions of settings, promises, marks and now.

The rules, in one place:

* A promise reminder is a wall-clock time (``HH:MM``) on the days the promise asks
  something of: a fixed-day promise on its due dates, an N/week promise on days of a
  week whose target is not met yet. It fires only while that day is still open (a
  day already kept, excused or marked missed needs no reminder).
* The evening check-in fires at ``notifications.checkin_time`` only when some of
  that day's promises are still open, and says how many.
* The quality-time nudge fires at the check-in time on the days when nothing was
  logged for N, 2N, 3N... days (N = ``notifications.quality_nudge_days``): gentle,
  not a daily nag.
* The weekly check-in reminder fires at ``notifications.weekly_checkin_time`` on the
  user's day ``notifications.weekly_checkin_day`` (off when None), unless that week's
  check-in was held already: a finished check-in about the week a check-in held that day
  would look back on (`tracker.practices.week.week_looked_back_on`: from Monday to
  Wednesday, the week just ended).
* Time together planned at a finished check-in (a day and a time) brings one reminder
  then (``reconnect:DAY``), unless time together was logged that day already.
* A wall time belongs to the user's *day* (``Settings.day_starts_at``): with days
  starting at 03:00, a 01:00 reminder on the calendar date 21st belongs to the 20th.
* Quiet hours (``quiet_start``-``quiet_end``, which may span midnight; equal times
  mean none) drop a reminder whose time falls inside: it is not stacked up for later.
  Nothing fires *during* quiet hours either: a 22:20 reminder noticed at 22:35 (the
  machine woke late) is dropped, and so is a "missed reminders" notice.
* Daylight saving time (python-dateutil's tz): on the day clocks spring forward, a
  time inside the gap (02:30 in Europe/Berlin) fires once, at the first moment that
  exists after it (03:00). On the day clocks fall back, a time that happens twice
  fires once, at its first occurrence (``fold=0``).
* Every reminder has a key that names it for good (``promise:7:2026-03-29:20:30``,
  ``checkin:2026-03-29``, ``quality:2026-03-29``, ``weekly-checkin:2026-03-29``,
  ``reconnect:2026-03-29``): recording keys once fired is what
  makes firing idempotent, whichever process (app or service) gets there first.
* A reminder is *due* at ``now`` when its instant lies in ``(now - grace, now]``
  (grace = ``notifications.grace_minutes``, at least one minute) and its key was not
  fired yet. Older ones are *missed*: the service counts them into one notice instead.

* A snooze (`tracker.reminder_rules.kinds.Snooze`: a promise on a day, or a day's check-in
  or quality nudge, until an instant) brings that reminder back *once*, keyed
  ``snooze:KIND:ID:DAY:UNTIL``, whether or not a reminder had fired. Until then it holds
  back the reminders of the same promise (or kind) that fall between the moment it was
  asked for and its return: "not now" means not now. A snooze asked for again before it
  came back replaces it.
* A snooze that would come back inside quiet hours comes back when they end: unlike a
  scheduled reminder (dropped), it is something the user explicitly asked to hear again.
* A snoozed reminder comes back only while it still makes sense: the promise's day
  carries no mark yet (kept, excused or missed) and the promise is neither archived nor
  removed (snoozed from a reminder, the day must also still ask something of it: an
  N/week target met meanwhile needs no reminder; asked for by name, it comes back on
  any day), some promise is still open for a check-in, or still no quality time for a
  nudge. It says what the original would say now (how many are open, how many days).

Instants are compared in UTC: Python compares two datetimes of one zone by their
wall times, which is wrong across a fall-back hour.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil import tz

from tracker.amounts import amount_of
from tracker.daybreak import ONE_DAY, local_day
from tracker.model import DayStatus, Mark, Promise, Settings
from tracker.practices.week import week_looked_back_on
from tracker.reminder_rules.kinds import ReminderKind, Snooze
from tracker.stats import day_status

MarksByPromise = Mapping[int, Mapping[date, Mark]]

MIN_GRACE = timedelta(minutes=1)
# How far back the service looks for reminders it could not fire (machine asleep or
# off, clock jumped): older ones are not worth a notice.
MISSED_LOOKBACK = timedelta(days=1)
NEXT_REMINDER_HORIZON_DAYS = 8


@dataclass(frozen=True)
class CheckInDays:
    """What the reminders need to know of the weekly check-ins held so far.

    `weeks_held`: the Mondays of the weeks a finished check-in looked back on.
    `planned`: time together planned at a finished check-in, as (day, time of day).
    """

    weeks_held: frozenset[date] = frozenset()
    planned: tuple[tuple[date, time], ...] = ()


NO_CHECKINS = CheckInDays()


@dataclass(frozen=True)
class Reminder:
    """One reminder at one instant. `promise_title`/`open_titles` are private: the text
    of a notification is composed elsewhere, and shows them only if the user opted in."""

    key: str
    kind: ReminderKind
    at: datetime  # the instant it fires, in UTC
    day: date  # the user's day it belongs to
    wall_time: time  # the time of day the user chose
    promise_id: int | None = None
    promise_title: str = ""
    open_count: int = 0
    open_titles: tuple[str, ...] = ()
    days_without_quality: int = 0
    # A measured promise's day so far ("3 of 10 min"; its unit is the user's words too).
    progress: str = ""


def _progress(promise: Promise, marks: MarksByPromise, day: date) -> str:
    """'3 of 10 min' for a measured promise with something entered on `day`, else ''."""
    measure = promise.measure_on(day)
    amount = amount_of(promise, marks.get(promise.id, {}), day)
    return "" if measure is None or not amount else measure.progress(amount)


def user_zone(now: datetime, zone: tzinfo | None = None) -> tzinfo:
    """`zone` if given, else the zone `now` carries (an aware `now` is required)."""
    found = zone or now.tzinfo
    if found is None:
        raise ValueError("a naive time was given where an aware one is needed")
    return found


def grace_of(settings: Settings) -> timedelta:
    """The grace window: a reminder this late still fires (at least one minute)."""
    return max(MIN_GRACE, timedelta(minutes=settings.notifications.grace_minutes))


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """Whether a time of day falls in quiet hours [start, end), which may span midnight."""
    moment = moment.replace(tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def fire_instant(day: date, moment: time, zone: tzinfo) -> datetime:
    """The UTC instant at which the wall time `moment` on calendar date `day` fires.

    A wall time skipped by a spring-forward fires at the first minute that exists
    after it; a wall time that happens twice fires at its first occurrence.
    """
    wall = datetime.combine(day, moment.replace(tzinfo=None)).replace(tzinfo=zone, fold=0)
    if tz.datetime_exists(wall):
        return wall.astimezone(UTC)
    # In the gap. resolve_imaginary moves the wall time forward by the gap's length
    # (02:30 -> 03:30), which exists; the first minute that exists lies in between.
    # Wall arithmetic (same tzinfo) on purpose: it walks the wall clock, not the instant.
    low, high = 0, int((tz.resolve_imaginary(wall) - wall).total_seconds() // 60)
    while high - low > 1:
        middle = (low + high) // 2
        if tz.datetime_exists(wall + timedelta(minutes=middle)):
            high = middle
        else:
            low = middle
    return (wall + timedelta(minutes=high)).astimezone(UTC)


def reminders_between(
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    start: datetime,
    end: datetime,
    *,
    zone: tzinfo,
    last_quality_day: date | None = None,
    snoozes: Sequence[Snooze] = (),
    checkins: CheckInDays = NO_CHECKINS,
) -> list[Reminder]:
    """Every reminder whose instant lies in ``(start, end]``, quiet hours dropped, by time.

    `start` and `end` are aware (any zone); `zone` is the user's zone, where wall times live.
    Snoozes hold reminders back and bring them back (see the rules above).
    """
    low, high = start.astimezone(UTC), end.astimezone(UTC)
    if high <= low:
        return []
    found: list[Reminder] = []
    # One calendar day either side: a day that starts after midnight, and DST shifts,
    # move wall times across the edges of the window.
    calendar_day = low.astimezone(zone).date() - ONE_DAY
    last_calendar_day = high.astimezone(zone).date() + ONE_DAY
    while calendar_day <= last_calendar_day:
        for reminder in _reminders_on(
            settings, promises, marks, calendar_day, zone, last_quality_day, checkins
        ):
            if low < reminder.at <= high:
                found.append(reminder)
        calendar_day += ONE_DAY
    if snoozes:
        inputs = (settings, promises, marks, zone, last_quality_day, checkins)
        back = [r for s in snoozes if (r := _comeback(s, snoozes, *inputs)) is not None]
        found.extend(r for r in back if low < r.at <= high)
        found = [r for r in found if not _held_back(r, snoozes, settings, zone)]
    found.sort(key=lambda reminder: (reminder.at, reminder.key))
    return found


def due_reminders(
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    last_fired: Collection[str],
    now: datetime,
    *,
    last_quality_day: date | None = None,
    zone: tzinfo | None = None,
    snoozes: Sequence[Snooze] = (),
    checkins: CheckInDays = NO_CHECKINS,
) -> list[Reminder]:
    """The reminders to fire at `now`: due within the grace window and not fired yet.

    `last_fired` holds the keys already fired (by any process); `now` is aware and, unless
    `zone` is given, carries the user's zone (as `Clock.now()` does).
    """
    zone = user_zone(now, zone)
    if _quiet_now(settings, now, zone):
        return []
    now = now.astimezone(UTC)  # wall arithmetic in a local zone is off by an hour at fall-back
    found = reminders_between(
        settings,
        promises,
        marks,
        now - grace_of(settings),
        now,
        last_quality_day=last_quality_day,
        zone=zone,
        snoozes=snoozes,
        checkins=checkins,
    )
    return [reminder for reminder in found if reminder.key not in last_fired]


def missed_reminders(
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    last_fired: Collection[str],
    since: datetime,
    now: datetime,
    *,
    last_quality_day: date | None = None,
    zone: tzinfo | None = None,
    snoozes: Sequence[Snooze] = (),
    checkins: CheckInDays = NO_CHECKINS,
) -> list[Reminder]:
    """Reminders that came due after `since` but are now older than the grace window.

    They are not fired one by one any more (a pile of stale reminders helps nobody);
    the service claims them and says how many were missed. Only the last day counts.
    """
    zone = user_zone(now, zone)
    if _quiet_now(settings, now, zone):
        return []
    now = now.astimezone(UTC)
    start = max(since.astimezone(UTC), now - MISSED_LOOKBACK)
    found = reminders_between(
        settings,
        promises,
        marks,
        start,
        now - grace_of(settings),
        last_quality_day=last_quality_day,
        zone=zone,
        snoozes=snoozes,
        checkins=checkins,
    )
    return [reminder for reminder in found if reminder.key not in last_fired]


def next_reminder_time(
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    now: datetime,
    *,
    last_quality_day: date | None = None,
    zone: tzinfo | None = None,
    horizon_days: int = NEXT_REMINDER_HORIZON_DAYS,
    snoozes: Sequence[Snooze] = (),
    checkins: CheckInDays = NO_CHECKINS,
) -> datetime | None:
    """The first instant after `now` at which a reminder would fire, as things stand now.

    None if nothing fires within `horizon_days`. Marks can change before then, so a
    caller wakes at this time and asks `due_reminders` again.
    """
    zone = user_zone(now, zone)
    start = now.astimezone(UTC)
    for _ in range(horizon_days):
        end = start + ONE_DAY
        found = reminders_between(
            settings,
            promises,
            marks,
            start,
            end,
            last_quality_day=last_quality_day,
            zone=zone,
            snoozes=snoozes,
            checkins=checkins,
        )
        if found:
            return found[0].at.astimezone(zone)
        start = end
    return None


def _reminders_on(
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    calendar_day: date,
    zone: tzinfo,
    last_quality_day: date | None,
    checkins: CheckInDays = NO_CHECKINS,
) -> Iterator[Reminder]:
    """The reminders whose wall time falls on `calendar_day` (quiet hours dropped)."""
    alerts = settings.notifications

    def placed(moment: time) -> tuple[datetime, date] | None:
        if in_quiet_hours(moment, alerts.quiet_start, alerts.quiet_end):
            return None
        wall = datetime.combine(calendar_day, moment)
        return fire_instant(calendar_day, moment, zone), local_day(wall, settings.day_starts_at)

    live = [promise for promise in promises if not promise.archived]
    for promise in live:
        for moment in promise.reminders:
            spot = placed(moment)
            if spot is None:
                continue
            at, day = spot
            if _is_open(promise, marks, day):
                yield Reminder(
                    key=f"promise:{promise.id}:{day.isoformat()}:{moment:%H:%M}",
                    kind=ReminderKind.PROMISE,
                    at=at,
                    day=day,
                    wall_time=moment,
                    promise_id=promise.id,
                    promise_title=promise.title,
                    progress=_progress(promise, marks, day),
                )
    yield from _checkin_reminders(settings, placed, checkins, last_quality_day)
    spot = placed(alerts.checkin_time)
    if spot is None:
        return
    at, day = spot
    still_open = [promise for promise in live if _is_open(promise, marks, day)]
    if still_open:
        yield Reminder(
            key=f"checkin:{day.isoformat()}",
            kind=ReminderKind.CHECKIN,
            at=at,
            day=day,
            wall_time=alerts.checkin_time,
            open_count=len(still_open),
            open_titles=tuple(promise.title for promise in still_open),
        )
    dry_days = _days_without_quality(settings, live, day, last_quality_day)
    every = alerts.quality_nudge_days
    if _nudge_due(every, dry_days) and dry_days % every == 0:
        yield Reminder(
            key=f"quality:{day.isoformat()}",
            kind=ReminderKind.QUALITY,
            at=at,
            day=day,
            wall_time=alerts.checkin_time,
            days_without_quality=dry_days,
        )


def _checkin_reminders(
    settings: Settings,
    placed: Callable[[time], tuple[datetime, date] | None],
    checkins: CheckInDays,
    last_quality_day: date | None,
) -> Iterator[Reminder]:
    """The weekly check-in and the time together planned at one, on one calendar day."""
    alerts = settings.notifications
    if alerts.weekly_checkin_day is not None:
        spot = placed(alerts.weekly_checkin_time)
        if spot is not None:
            at, day = spot
            if day.weekday() == alerts.weekly_checkin_day and _weekly_checkin_wanted(day, checkins):
                yield Reminder(
                    key=f"{ReminderKind.WEEKLY_CHECKIN.value}:{day.isoformat()}",
                    kind=ReminderKind.WEEKLY_CHECKIN,
                    at=at,
                    day=day,
                    wall_time=alerts.weekly_checkin_time,
                )
    for moment in sorted({moment for _day, moment in checkins.planned}):
        spot = placed(moment)
        if spot is None:
            continue
        at, day = spot
        if (day, moment) in checkins.planned and _reconnect_wanted(day, last_quality_day):
            yield Reminder(
                key=f"{ReminderKind.RECONNECT.value}:{day.isoformat()}",
                kind=ReminderKind.RECONNECT,
                at=at,
                day=day,
                wall_time=moment,
            )


def _weekly_checkin_wanted(day: date, checkins: CheckInDays) -> bool:
    """Whether the check-in a user would hold on `day` is still to be held."""
    return week_looked_back_on(day) not in checkins.weeks_held


def _reconnect_wanted(day: date, last_quality_day: date | None) -> bool:
    """Planned time together needs no reminder once time together was logged that day."""
    return last_quality_day is None or last_quality_day < day


def _quiet_now(settings: Settings, now: datetime, zone: tzinfo) -> bool:
    alerts = settings.notifications
    return in_quiet_hours(now.astimezone(zone).time(), alerts.quiet_start, alerts.quiet_end)


def _is_open(promise: Promise, marks: MarksByPromise, day: date) -> bool:
    """Whether `day` still asks something of the promise (due, or a week not yet met)."""
    if not promise.is_active_on(day):
        return False
    return day_status(promise, marks.get(promise.id, {}), day, day) is DayStatus.OPEN


def _days_without_quality(
    settings: Settings, live: Sequence[Promise], day: date, last_quality_day: date | None
) -> int:
    """Days since quality time was last logged (or since the journey began); 0 if unknown."""
    reference = last_quality_day
    if reference is None:
        reference = settings.journey_start
    if reference is None and live:
        reference = min(promise.start for promise in live)
    if reference is None:
        return 0
    return max(0, (day - reference).days)


def _nudge_due(every: int, dry_days: int) -> bool:
    return every > 0 and dry_days >= every


# --- snoozes ---------------------------------------------------------------------------------


def comeback_instant(snooze: Snooze, settings: Settings, zone: tzinfo) -> datetime:
    """When a snoozed reminder comes back, in UTC: at `until`, or when quiet hours end."""
    until = snooze.until.astimezone(UTC)
    alerts = settings.notifications
    local = until.astimezone(zone)
    if not in_quiet_hours(local.time(), alerts.quiet_start, alerts.quiet_end):
        return until
    end = fire_instant(local.date(), alerts.quiet_end, zone)
    if end <= until:
        end = fire_instant(local.date() + ONE_DAY, alerts.quiet_end, zone)
    return end


def snooze_key(snooze: Snooze) -> str:
    """The fired-log key of a snoozed reminder's return: it comes back once."""
    number = "-" if snooze.promise_id is None else str(snooze.promise_id)
    until = snooze.until.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    return f"snooze:{snooze.kind.value}:{number}:{snooze.day.isoformat()}:{until}"


def superseded(snooze: Snooze, snoozes: Sequence[Snooze], settings: Settings, zone: tzinfo) -> bool:
    """Whether a later snooze of the same thing was asked for before this one came back."""
    at = comeback_instant(snooze, settings, zone)
    mine = (snooze.created.astimezone(UTC), snooze.id)
    return any(
        other.target == snooze.target
        and (other.created.astimezone(UTC), other.id) > mine
        and other.created.astimezone(UTC) < at
        for other in snoozes
    )


def _same_thing(reminder: Reminder, snooze: Snooze) -> bool:
    if reminder.kind is not snooze.kind:
        return False
    return snooze.kind is not ReminderKind.PROMISE or reminder.promise_id == snooze.promise_id


def _held_back(
    reminder: Reminder, snoozes: Sequence[Snooze], settings: Settings, zone: tzinfo
) -> bool:
    """Whether a snooze asked for before `reminder` keeps it quiet (its own return aside)."""
    for snooze in snoozes:
        if reminder.key == snooze_key(snooze) or not _same_thing(reminder, snooze):
            continue
        if snooze.created.astimezone(UTC) < reminder.at <= comeback_instant(snooze, settings, zone):
            return True
    return False


def _comeback(
    snooze: Snooze,
    snoozes: Sequence[Snooze],
    settings: Settings,
    promises: Sequence[Promise],
    marks: MarksByPromise,
    zone: tzinfo,
    last_quality_day: date | None,
    checkins: CheckInDays = NO_CHECKINS,
) -> Reminder | None:
    """The reminder a snooze brings back, as it would read now; None if it no longer applies."""
    if superseded(snooze, snoozes, settings, zone):
        return None
    at = comeback_instant(snooze, settings, zone)
    wall = at.astimezone(zone).time().replace(second=0, microsecond=0, tzinfo=None)
    base = Reminder(snooze_key(snooze), snooze.kind, at, snooze.day, wall)
    live = [promise for promise in promises if not promise.archived]
    if snooze.kind is ReminderKind.PROMISE:
        promise = next((p for p in live if p.id == snooze.promise_id), None)
        if promise is None or snooze.day in marks.get(promise.id, {}):
            return None
        if snooze.reminder_key and not _is_open(promise, marks, snooze.day):
            return None  # e.g. an N/week target met meanwhile (asked by name: it comes back)
        return replace(
            base,
            promise_id=promise.id,
            promise_title=promise.title,
            progress=_progress(promise, marks, snooze.day),
        )
    if snooze.kind is ReminderKind.CHECKIN:
        still_open = [promise for promise in live if _is_open(promise, marks, snooze.day)]
        if not still_open:
            return None
        titles = tuple(promise.title for promise in still_open)
        return replace(base, open_count=len(still_open), open_titles=titles)
    if snooze.kind is ReminderKind.WEEKLY_CHECKIN:
        return base if _weekly_checkin_wanted(snooze.day, checkins) else None
    if snooze.kind is ReminderKind.RECONNECT:
        return base if _reconnect_wanted(snooze.day, last_quality_day) else None
    dry_days = _days_without_quality(settings, live, snooze.day, last_quality_day)
    if not _nudge_due(settings.notifications.quality_nudge_days, dry_days):
        return None
    return replace(base, days_without_quality=dry_days)
