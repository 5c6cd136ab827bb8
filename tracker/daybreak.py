"""The day boundary: which day a moment belongs to, and when the user's next day begins.

A user can say when their day starts (say 03:00), so that a check-off at 00:40 counts
for the evening before. Every face asks this module (through the service), so the
app, the command line and the reminders agree on what "today" is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

ONE_DAY = timedelta(days=1)


def local_day(now: datetime, day_starts_at: time) -> date:
    """The calendar day a moment belongs to, for someone whose day starts at `day_starts_at`.

    With the day starting at 03:00, 00:40 on the 21st still belongs to the 20th.
    `now` is a local wall-clock time. The new day begins the first time the clock
    shows `day_starts_at` or later: on a spring-forward night that skips the start
    time, at the jump; on a fall-back night that repeats it, at its first showing
    (so the repeated hour does not fall back into yesterday).
    """
    starts_at = day_starts_at.replace(tzinfo=None)
    if now.time() >= starts_at:
        return now.date()
    if now.fold == 1 and now.tzinfo is not None and _is_repeated(now, starts_at):
        return now.date()
    return now.date() - ONE_DAY


def _is_repeated(now: datetime, wall: time) -> bool:
    """Whether the clock shows `wall` twice on `now`'s date (a fall-back night)."""
    moment = datetime.combine(now.date(), wall, tzinfo=now.tzinfo)
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def next_day_start(now: datetime, day_starts_at: time) -> datetime:
    """The first moment of the user's next day after `now` (an aware local datetime).

    With the day starting at 03:00, at 00:40 on the 21st the next day starts at 03:00
    on the 21st. A start time that does not exist on a spring-forward night (02:30 in
    Berlin on the last Sunday of March) moves to the first real moment after the gap.
    """
    if now.tzinfo is None:
        raise ValueError("next_day_start needs an aware datetime")
    following = local_day(now, day_starts_at) + ONE_DAY
    start = datetime.combine(following, day_starts_at, tzinfo=now.tzinfo)
    return resolve_imaginary(start)


def resolve_imaginary(moment: datetime) -> datetime:
    """`moment`, or the first real moment after it when DST skips it (dateutil's rule).

    dateutil.tz is loaded here, at the first use, not by every command that asks the day.
    """
    from dateutil import tz

    resolved: datetime = tz.resolve_imaginary(moment)
    return resolved


def seconds_until(moment: datetime, now: datetime) -> float:
    """Real seconds from `now` to `moment`, counted in UTC so a DST change is not lost."""
    # Subtracting two datetimes that share a tzinfo compares wall clocks, which is wrong
    # by an hour across a DST change; UTC is not.
    return (moment.astimezone(UTC) - now.astimezone(UTC)).total_seconds()
