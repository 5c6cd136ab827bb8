"""Time zones by IANA name: the writer says where it lives, the reader judges days there."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.clock import local_zone


def local_zone_name() -> str | None:
    """The IANA name of this machine's zone ($TZ first, as `tracker.clock` reads it), or None.

    None when it cannot be told (a POSIX rule in $TZ, a copied /etc/localtime): the
    partner then judges days by the UTC offset the share was written at.
    """
    return zone_name_of(local_zone())


def zone_name_of(zone: tzinfo) -> str | None:
    """The IANA name of a clock's zone (a `ZoneInfo`'s key), None when it cannot be told."""
    name = getattr(zone, "key", None) if isinstance(zone, ZoneInfo) else None
    return name if isinstance(name, str) and is_zone_name(name) else None


def is_zone_name(name: str) -> bool:
    """A zone file's name such as Europe/Berlin, not a POSIX rule ("EST+5") nor a path."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_of(name: str | None, written_at: datetime) -> tzinfo:
    """The writer's zone by name; failing that, the fixed offset it wrote at."""
    if name and is_zone_name(name):
        return ZoneInfo(name)
    offset = written_at.utcoffset() or timedelta(0)
    return timezone(offset)
