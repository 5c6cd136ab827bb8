"""The one place that reads the wall clock; everything else is handed `now` or `today`."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.daybreak import local_day, resolve_imaginary
from tracker.errors import ValidationError

NOW_ENV = "TRACKER_NOW"


SYSTEM_ZONE_LINK = "/etc/localtime"
ZONE_FOLDER = "/zoneinfo/"  # where a zone file's name starts in the link's target


def local_zone() -> tzinfo:
    """The user's zone: $TZ (an IANA name) if set, else the system's, read afresh each time.

    The system's zone is named by the /etc/localtime link (systemd's way); tzlocal, whose
    import and search cost more than a check-off's own work, is asked only when that
    tells nothing (a copied file, /etc/timezone alone) or $TZ gives a file's path.
    A $TZ that names no zone gives UTC, as the C library (and so `date`) does with it;
    `zone_notice` says so.
    """
    setting = os.environ.get("TZ")
    try:
        if setting:
            name = setting.removeprefix(":")  # ":Europe/Berlin" is the C library's form too
            return _zone_by_tzlocal() if os.path.isabs(name) else ZoneInfo(name)
        return zone_of_link(SYSTEM_ZONE_LINK) or _zone_by_tzlocal()
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def zone_of_link(link: str) -> ZoneInfo | None:
    """The zone a link such as /etc/localtime points to by name
    (…/zoneinfo/Europe/Berlin), or None when it is no such link."""
    if not os.path.islink(link):
        return None
    target = os.path.realpath(link)
    _, found, name = target.rpartition(ZONE_FOLDER)
    if not found or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _zone_by_tzlocal() -> tzinfo:
    import tzlocal

    with warnings.catch_warnings():  # tzlocal warns on stderr: never inside the app
        warnings.simplefilter("ignore")
        return tzlocal.reload_localzone()  # never a value cached before $TZ changed


def zone_notice(zone: tzinfo) -> str | None:
    """One line when $TZ names no time zone (it is then not silently replaced), else None;
    `zone` is what `local_zone` found."""
    name = os.environ.get("TZ")
    if not name or zone is not UTC:
        return None
    shown = name if len(name) <= 40 else name[:40] + "…"
    return (
        f"TZ={shown!r} is not a time zone name, so times are in UTC. Set TZ to a name "
        "such as Europe/Berlin, or unset it to use the system's zone."
    )


def _wall_time_in(moment: datetime, zone: tzinfo) -> datetime:
    """A naive wall-clock time placed in `zone`; a time skipped by DST moves past the gap."""
    return resolve_imaginary(moment.replace(tzinfo=zone))


@dataclass
class Clock:
    """Local time, optionally frozen (tests) or shifted (`TRACKER_NOW` for end-to-end runs)."""

    zone: tzinfo
    frozen: datetime | None = None
    offset_seconds: float = 0.0
    notice: str | None = None  # a $TZ that names no zone (`zone_notice`)

    @classmethod
    def system(cls) -> Clock:
        """The real clock, unless `TRACKER_NOW` (ISO time) says where time should start."""
        zone = local_zone()
        notice = zone_notice(zone)
        start = os.environ.get(NOW_ENV)
        if not start:
            return cls(zone, notice=notice)
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
        return cls(zone, offset_seconds=offset.total_seconds(), notice=notice)

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
