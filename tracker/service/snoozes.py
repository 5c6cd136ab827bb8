"""Snoozes: "remind me about this again in 30 minutes", by name, from a toast or from a
notification's button; kept in the data, so a snooze survives a restart of the reminders.

The rules of what a snooze does to the reminders live in `tracker.reminder_rules.due`; the
reminders area passes the stored snoozes to them and forgets the spent ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tracker.errors import NotFoundError, ValidationError
from tracker.model import Promise
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.store.kinds import SNOOZES
from tracker.text import quoted

# The reminder rules load with the first snooze (or the first reminder tick), not at start-up.
if TYPE_CHECKING:
    from tracker.reminder_rules.kinds import Snooze
    from tracker.reminder_rules.snooze import PendingSnooze

# Fired keys are kept three days (see the reminders area): enough to know what came back.
FIRED_LOOKBACK = timedelta(days=3)


class Snoozes(Area):
    """Reminders asked to come back later, once."""

    def all(self) -> list[Snooze]:
        return self._store.records(SNOOZES)

    def snooze_promise(self, promise: Promise, delay: str) -> Change[Snooze]:
        """Remind me about `promise` (today) again after `delay` ('30m', '1h'), whether or
        not a reminder just fired."""
        from tracker.reminder_rules.snooze import snooze_promise, snooze_until

        now = self._context.clock.now().replace(microsecond=0)
        today = self._context.today()
        if not promise.is_active_on(today):
            raise ValidationError(
                f"'{quoted(promise.title)}' asks nothing of today; nothing to snooze."
            )
        mark = self._store.marks_of(promise.id).get(today)
        if mark is not None:
            raise ValidationError(
                f"'{quoted(promise.title)}' is already marked {mark.status.value} today; "
                "there is nothing left to remind you of."
            )
        snooze = snooze_promise(promise.id, today, snooze_until(now, delay), now)
        change = self._save([snooze], now, f"'{promise.title}'")
        return Change(change.saved[0], change.message, change.undo)

    def snooze_keys(
        self, keys: Iterable[str], minutes: int, now: datetime | None = None
    ) -> Change[tuple[Snooze, ...]]:
        """Snooze the reminders of one notification or toast (its keys) for `minutes`,
        counted from `now` (the moment the button was pressed; default: the clock's now)."""
        from tracker.reminder_rules.snooze import snoozes_for_keys

        moment = (self._context.clock.now() if now is None else now).replace(microsecond=0)
        if not 1 <= minutes <= 24 * 60:
            raise ValidationError("A snooze lasts from 1 minute to 24 hours.")
        until = (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(moment.tzinfo)
        snoozes = snoozes_for_keys(keys, until, moment)
        if not snoozes:
            raise ValidationError("There is no reminder to snooze.")
        return self._save(snoozes, moment, "The reminder")

    def _save(
        self, snoozes: Sequence[Snooze], now: datetime, subject: str
    ) -> Change[tuple[Snooze, ...]]:
        store = self._store
        saved = tuple(store.add_record(SNOOZES, snooze) for snooze in snoozes)

        def undo() -> None:
            for snooze in saved:
                store.delete_record(SNOOZES, snooze.id)

        message = f"{subject} will come back {self.when(saved[0], now)}."
        return Change(saved, message, Undo("Take back the snooze", undo))

    def when(self, snooze: Snooze, now: datetime) -> str:
        """'at 21:05', 'tomorrow at 08:00, when quiet hours end', in the user's zone."""
        from tracker.reminder_rules.due import comeback_instant, user_zone

        zone = user_zone(now)
        settings = self._context.settings()
        back = comeback_instant(snooze, settings, zone).astimezone(zone)
        said = f"at {back:%H:%M}"
        if back.date() != now.astimezone(zone).date():
            said = f"on {back:%a %-d %b} at {back:%H:%M}"
            if back.date() == now.astimezone(zone).date() + timedelta(days=1):
                said = f"tomorrow at {back:%H:%M}"
        if back != snooze.until.astimezone(zone):
            said += ", when quiet hours end"
        return said

    def pending(self, now: datetime | None = None) -> list[PendingSnooze]:
        """What will still come back, soonest first (`tracker snooze --list`)."""
        from tracker.reminder_rules.snooze import pending_snoozes

        moment = self._context.clock.now() if now is None else now
        store = self._store
        fired = store.fired_since(moment - FIRED_LOOKBACK)
        found = pending_snoozes(self.all(), store.settings(), moment, fired=fired)
        return [item for item in found if self._still_applies(item.snooze)]

    def _still_applies(self, snooze: Snooze) -> bool:
        """A promise's snooze stops applying once its day is marked or it is archived."""
        from tracker.reminder_rules.kinds import ReminderKind

        if snooze.kind is not ReminderKind.PROMISE or snooze.promise_id is None:
            return True
        try:
            promise = self._store.promise(snooze.promise_id)
        except NotFoundError:
            return False
        return not promise.archived and snooze.day not in self._store.marks_of(promise.id)

    def forget_spent(self, snoozes: Sequence[Snooze], now: datetime) -> int:
        """Delete the snoozes that came back (or were due to) over a day ago."""
        from tracker.reminder_rules.snooze import spent_snoozes

        forgotten = 0
        for snooze in spent_snoozes(snoozes, self._context.settings(), now):
            try:
                self._store.delete_record(SNOOZES, snooze.id)
            except NotFoundError:
                continue  # another process forgot it first
            forgotten += 1
        return forgotten
