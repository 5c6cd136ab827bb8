"""Reminders: claim what is due now in the shared fired-log (the service loop and the app).

Claiming (under the store's lock) happens before anything is shown, so when the app and
`tracker remind` both look at the same moment, exactly one of them gets each reminder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tracker.service.context import Area
from tracker.service.snoozes import Snoozes
from tracker.store.kinds import SNOOZES

if TYPE_CHECKING:
    from tracker.reminder_rules.due import CheckInDays, Reminder
    from tracker.reminder_rules.messages import Notice

# Fired keys are only consulted within the grace window or the missed-reminder lookback
# (one day), so three days of records is plenty; older ones are dropped on each claim.
FIRED_RECORDS_KEPT = timedelta(days=3)


@dataclass(frozen=True)
class Firing:
    """What one look at the clock claimed, and when the next reminder falls."""

    checked_at: datetime
    due: tuple[Reminder, ...] = ()
    missed: int = 0
    notices: tuple[Notice, ...] = field(default=())
    next_at: datetime | None = None


class Reminders(Area):
    """What is due when, shared by the app's in-app reminders and `tracker remind`."""

    def claim(self, now: datetime, since: datetime | None = None) -> Firing:
        """Claim what is due at `now` (and, if `since` is given, count what was missed since).

        Returns only what this process claimed: a reminder another process already fired
        is left out. Raises the store's TrackerError when the data cannot be read or saved.
        """
        # Loaded at the first claim (the app's first reminder tick), not at start-up.
        from tracker.reminder_rules.due import due_reminders, missed_reminders, next_reminder_time
        from tracker.reminder_rules.messages import compose

        store = self._store
        settings = store.settings()
        promises = store.promises()
        marks = store.all_marks([promise.id for promise in promises])
        last_quality_day = max((entry.day for entry in store.quality_entries()), default=None)
        keep_since = now - FIRED_RECORDS_KEPT
        fired = store.fired_since(keep_since)
        snoozes = store.records(SNOOZES)
        if snoozes:
            Snoozes(self._context).forget_spent(snoozes, now)
        inputs = (settings, promises, marks)
        checkins = self._checkin_days()
        due = due_reminders(
            *inputs,
            fired,
            now,
            last_quality_day=last_quality_day,
            snoozes=snoozes,
            checkins=checkins,
        )
        missed = (
            missed_reminders(
                *inputs,
                fired,
                since,
                now,
                last_quality_day=last_quality_day,
                snoozes=snoozes,
                checkins=checkins,
            )
            if since is not None
            else []
        )
        next_at = next_reminder_time(
            *inputs, now, last_quality_day=last_quality_day, snoozes=snoozes, checkins=checkins
        )
        if not due and not missed:
            return Firing(checked_at=now, next_at=next_at)
        claimed = set(
            store.claim_fired([r.key for r in [*due, *missed]], at=now, keep_since=keep_since)
        )
        mine = tuple(reminder for reminder in due if reminder.key in claimed)
        missed_count = sum(1 for reminder in missed if reminder.key in claimed)
        notices = compose(mine, missed_count, settings.notifications.show_titles)
        return Firing(
            checked_at=now, due=mine, missed=missed_count, notices=tuple(notices), next_at=next_at
        )

    def next_time(self, now: datetime) -> datetime | None:
        """When the next reminder falls after `now` (within a week), or None."""
        from tracker.reminder_rules.due import next_reminder_time

        store = self._store
        promises = store.promises()
        marks = store.all_marks([promise.id for promise in promises])
        last_quality_day = max((entry.day for entry in store.quality_entries()), default=None)
        return next_reminder_time(
            store.settings(),
            promises,
            marks,
            now,
            last_quality_day=last_quality_day,
            snoozes=store.records(SNOOZES),
            checkins=self._checkin_days(),
        )

    def _checkin_days(self) -> CheckInDays:
        """The weekly check-ins held so far, as the reminders need them."""
        from tracker.service.checkins import CheckIns

        return CheckIns(self._context).reminder_days()
