"""When the user's next day begins, as an aware moment: for the open app's midnight rollover."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from dateutil import tz

from tracker.stats import local_day


def next_day_start(now: datetime, day_starts_at: time) -> datetime:
    """The first moment of the user's next day after `now` (an aware local datetime).

    With the day starting at 03:00, at 00:40 on the 21st the next day starts at 03:00
    on the 21st. A start time that does not exist on a spring-forward night (02:30 in
    Berlin on the last Sunday of March) moves to the first real moment after the gap.
    """
    if now.tzinfo is None:
        raise ValueError("next_day_start needs an aware datetime")
    following = local_day(now, day_starts_at) + timedelta(days=1)
    start = datetime.combine(following, day_starts_at, tzinfo=now.tzinfo)
    return tz.resolve_imaginary(start)


def seconds_until(moment: datetime, now: datetime) -> float:
    """Real seconds from `now` to `moment`, counted in UTC so a DST change is not lost."""
    # Subtracting two datetimes that share a tzinfo compares wall clocks, which is wrong
    # by an hour across a DST change; UTC is not.
    return (moment.astimezone(UTC) - now.astimezone(UTC)).total_seconds()
