"""Time zones by IANA name: the writer says where it lives, the reader judges days there."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

from dateutil import tz

_ZONEINFO_MARKER = "zoneinfo/"


def local_zone_name(environ: dict[str, str] | None = None) -> str | None:
    """The IANA name of this machine's zone ($TZ first, as `tracker.clock` reads it), or None.

    None when it cannot be told (a POSIX rule in $TZ, a copied /etc/localtime): the
    partner then judges days by the UTC offset the share was written at.
    """
    env = os.environ if environ is None else environ
    named = env.get("TZ", "").removeprefix(":")
    if named:
        return named if _is_iana_name(named) else None
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        target = ""
    if _ZONEINFO_MARKER in target:
        name = target.rsplit(_ZONEINFO_MARKER, 1)[1]
        if _is_iana_name(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if _is_iana_name(name) else None


def zone_name_of(zone: tzinfo, environ: dict[str, str] | None = None) -> str | None:
    """The IANA name of a clock's zone: a zone file's own name (dateutil keeps the file it
    read), this machine's for its local zone, None when it cannot be told."""
    filename = getattr(zone, "_filename", None)
    if isinstance(filename, str):
        name = filename.rsplit(_ZONEINFO_MARKER, 1)[-1]
        if _is_iana_name(name):
            return name
    if isinstance(zone, tz.tzlocal):
        return local_zone_name(environ)
    return None


def _is_iana_name(name: str) -> bool:
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    # A zone file, not a POSIX rule such as "EST+5" that gettz would also read.
    return isinstance(tz.gettz(name), tz.tzfile)


def zone_of(name: str | None, written_at: datetime) -> tzinfo:
    """The writer's zone by name; failing that, the fixed offset it wrote at."""
    zone = tz.gettz(name) if name and _is_iana_name(name) else None
    if zone is not None:
        return zone
    offset = written_at.utcoffset() or timedelta(0)
    return timezone(offset)
