"""The one place that reads the wall clock; everything else is handed `now` or `today`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import tz

from tracker.errors import ValidationError
from tracker.stats import local_day

NOW_ENV = "TRACKER_NOW"


def local_zone() -> tzinfo:
    """The user's zone: $TZ (an IANA name) if set, else the system's."""
    name = os.environ.get("TZ")
    zone = tz.gettz(name) if name else None
    return zone or tz.tzlocal()


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
            moment = moment.replace(tzinfo=zone)
        return cls(zone, offset_seconds=(moment - datetime.now(zone)).total_seconds())

    def now(self) -> datetime:
        """An aware local datetime."""
        if self.frozen is not None:
            return self.frozen.astimezone(self.zone)
        moment = datetime.now(self.zone)
        if self.offset_seconds:
            moment = (moment + timedelta(seconds=self.offset_seconds)).astimezone(self.zone)
        return moment

    def today(self, day_starts_at: time = time(0, 0)) -> date:
        """The user's current day, which may start after midnight."""
        return local_day(self.now(), day_starts_at)
