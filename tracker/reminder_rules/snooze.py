"""Snoozed reminders as data: "remind me about this again in 30 minutes".

A `Snooze` is stored like any other record, so a snoozed reminder survives a restart of
the reminder service, and the app and the service agree on it. What it does to the
reminders (it holds back the one it snoozed and brings it back once, after quiet hours)
is ruled in `tracker.reminder_rules.due`; this module makes snoozes and lists them.

A snooze names what it is about, not one reminder instant: a promise on a day (asked
for by name, `tracker snooze NAME 30m`, whether or not a reminder just fired), the
evening check-in of a day, or the quality-time nudge of a day. Snoozing from a
notification turns each reminder key it carried into such a target
(`snoozes_for_keys`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from tracker.errors import ValidationError
from tracker.model import Settings
from tracker.parsing import parse_duration
from tracker.reminder_rules.due import (
    MISSED_LOOKBACK,
    comeback_instant,
    grace_of,
    snooze_key,
    superseded,
    user_zone,
)
from tracker.reminder_rules.kinds import ReminderKind, Snooze

# The reminders named by a kind and a day alone (``checkin:2026-03-29``).
_DAY_KINDS = (
    ReminderKind.CHECKIN,
    ReminderKind.QUALITY,
    ReminderKind.WEEKLY_CHECKIN,
    ReminderKind.RECONNECT,
)
DEFAULT_SNOOZE_MINUTES = 30


def snooze_until(now: datetime, delay: str) -> datetime:
    """The moment a snooze of `delay` ('30m', '1h', '1h30', '90') asked at `now` ends.

    Real elapsed time: thirty minutes are thirty minutes across a clock change.
    """
    minutes = parse_duration(delay)
    return (now.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(now.tzinfo)


def snooze_promise(promise_id: int, day: date, until: datetime, created: datetime) -> Snooze:
    """Remind me about this promise (its `day`) again at `until`."""
    return Snooze(ReminderKind.PROMISE, day, until, created, promise_id=promise_id).validated()


def snooze_for_key(key: str, until: datetime, created: datetime) -> Snooze:
    """The snooze of the reminder named by `key` (as `tracker.reminder_rules.due` names them).

    Keys: ``promise:ID:DAY:HH:MM``, ``checkin:DAY``, ``quality:DAY``,
    ``weekly-checkin:DAY``, ``reconnect:DAY``, and the key of a
    reminder that came back from a snooze (``snooze:KIND:ID:DAY:UNTIL``).
    """
    kind, promise_id, day = reminder_target(key)
    return Snooze(kind, day, until, created, promise_id=promise_id, reminder_key=key).validated()


def snoozes_for_keys(keys: Iterable[str], until: datetime, created: datetime) -> tuple[Snooze, ...]:
    """One snooze per target among the reminders of a notification (its `Notice.keys`)."""
    found: dict[tuple[ReminderKind, int | None, date], Snooze] = {}
    for key in keys:
        snooze = snooze_for_key(key, until, created)
        found.setdefault(snooze.target, snooze)
    return tuple(found.values())


def reminder_target(key: str) -> tuple[ReminderKind, int | None, date]:
    """(kind, promise id or None, day) of a reminder key; ValidationError if it is not one."""
    parts = str(key).split(":")
    try:
        if parts[0] == "snooze" and len(parts) >= 5:
            kind = ReminderKind(parts[1])
            promise_id = None if parts[2] == "-" else _number(parts[2])
            return kind, promise_id, date.fromisoformat(parts[3])
        if parts[0] == ReminderKind.PROMISE and len(parts) == 5:
            return ReminderKind.PROMISE, _number(parts[1]), date.fromisoformat(parts[2])
        if parts[0] in _DAY_KINDS and len(parts) == 2:
            return ReminderKind(parts[0]), None, date.fromisoformat(parts[1])
    except ValueError:
        pass
    shown = str(key)[:60]
    raise ValidationError(f"'{shown}' does not name a reminder that can be snoozed.")


def _number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise ValueError(text)
    return int(text)


# --- what is pending, what is spent ------------------------------------------------------------


@dataclass(frozen=True)
class PendingSnooze:
    """A snooze still to come back, at `comes_back_at` (quiet hours respected), in UTC."""

    snooze: Snooze
    comes_back_at: datetime
    key: str


def pending_snoozes(
    snoozes: Sequence[Snooze],
    settings: Settings,
    now: datetime,
    *,
    zone: tzinfo | None = None,
    fired: Collection[str] = (),
) -> list[PendingSnooze]:
    """Snoozes that will still come back (`tracker snooze --list`), soonest first.

    One that came due within the grace window but was not shown yet is still pending;
    one replaced by a later snooze of the same thing is not.
    """
    zone = user_zone(now, zone)
    after = now.astimezone(UTC) - grace_of(settings)
    pending = []
    for snooze in snoozes:
        at = comeback_instant(snooze, settings, zone)
        key = snooze_key(snooze)
        if at > after and key not in fired and not superseded(snooze, snoozes, settings, zone):
            pending.append(PendingSnooze(snooze, at, key))
    pending.sort(key=lambda item: (item.comes_back_at, item.key))
    return pending


def spent_snoozes(
    snoozes: Sequence[Snooze], settings: Settings, now: datetime, *, zone: tzinfo | None = None
) -> list[Snooze]:
    """Snoozes that can be forgotten: they came back (or were due to) over a day ago."""
    zone = user_zone(now, zone)
    before = now.astimezone(UTC) - MISSED_LOOKBACK - grace_of(settings)
    return [s for s in snoozes if comeback_instant(s, settings, zone) < before]
