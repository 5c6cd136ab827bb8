"""The one place that reads the wall clock; everything else is handed `now` or `today`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil import tz

from tracker.daybreak import local_day
from tracker.errors import ValidationError

NOW_ENV = "TRACKER_NOW"


def local_zone() -> tzinfo:
    """The user's zone: $TZ (an IANA name) if set, else the system's."""
    name = os.environ.get("TZ")
    zone = tz.gettz(name) if name else None
    return zone or tz.tzlocal()


def _wall_time_in(moment: datetime, zone: tzinfo) -> datetime:
    """A naive wall-clock time placed in `zone`; a time skipped by DST moves past the gap."""
    return tz.resolve_imaginary(moment.replace(tzinfo=zone))


@dataclass
class Clock:
    """Local time, optionally frozen (tests) or shifted (`TRACKER_NOW` for end-to-end runs)."""

    zone: tzinfo
    frozen: datetime | None = None
    offset_seconds: float = 0.0

    @classmethod
    def system(cls) -> Clock:
        """The real clock, unless `TRACKER_NOW` (ISO time) says where time should start."""
        zone = local_zone()
        start = os.environ.get(NOW_ENV)
        if not start:
            return cls(zone)
        try:
            moment = datetime.fromisoformat(start)
        except ValueError as error:
            raise ValidationError(f"{NOW_ENV}={start!r} is not an ISO date and time.") from error
        if moment.tzinfo is None:
            moment = _wall_time_in(moment, zone)
        # Measured in UTC: aware arithmetic within one zone is wall-clock arithmetic in
        # Python, which would be an hour off whenever TRACKER_NOW and the real now sit on
        # different sides of a DST change.
        offset = moment.astimezone(UTC) - datetime.now(UTC)
        return cls(zone, offset_seconds=offset.total_seconds())

    def now(self) -> datetime:
        """An aware local datetime."""
        if self.frozen is not None:
            frozen = self.frozen
            if frozen.tzinfo is None:  # a naive frozen time is a wall-clock time in `zone`
                frozen = _wall_time_in(frozen, self.zone)
            return frozen.astimezone(self.zone)
        moment = datetime.now(UTC)
        if self.offset_seconds:
            moment += timedelta(seconds=self.offset_seconds)
        return moment.astimezone(self.zone)

    def today(self, day_starts_at: time = time(0, 0)) -> date:
        """The user's current day, which may start after midnight."""
        return local_day(self.now(), day_starts_at)
