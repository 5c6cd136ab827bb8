"""What a reminder is about, and a snoozed reminder as a record: the leaf the reminder
rules (`due`, `snooze`, `messages`), the store and the faces all name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from tracker.errors import ValidationError
from tracker.model import clean_text
from tracker.records import Aware, Layout

KEY_MAX = 200


class ReminderKind(StrEnum):
    PROMISE = "promise"
    CHECKIN = "checkin"
    QUALITY = "quality"
    WEEKLY_CHECKIN = "weekly-checkin"
    RECONNECT = "reconnect"


@dataclass(frozen=True)
class Snooze:
    """Bring back the reminder about (`kind`, `day`, `promise_id`) once, at `until`.

    `until` and `created` are aware moments. `reminder_key` is the reminder it was
    snoozed from ("" when asked for by name). `id` is 0 until stored.
    """

    kind: ReminderKind
    day: date
    until: Aware
    created: Aware
    promise_id: int | None = None
    reminder_key: str = ""
    id: int = 0

    @property
    def target(self) -> tuple[ReminderKind, int | None, date]:
        """What it is about: a later snooze of the same target replaces this one."""
        return self.kind, self.promise_id, self.day

    @property
    def shareable(self) -> bool:
        return False

    def validated(self) -> Snooze:
        if self.until.tzinfo is None or self.created.tzinfo is None:
            raise ValidationError("A snooze needs moments with their time zone.")
        if self.until <= self.created:
            raise ValidationError("A snooze ends after it was asked for.")
        kind = ReminderKind(self.kind)
        promise_id = self.promise_id
        if kind is ReminderKind.PROMISE:
            if isinstance(promise_id, bool) or not isinstance(promise_id, int) or promise_id < 1:
                raise ValidationError("A promise's snooze names the promise.")
        else:
            promise_id = None
        key = clean_text(self.reminder_key, "The reminder's key", max_length=KEY_MAX)
        return replace(self, kind=kind, promise_id=promise_id, reminder_key=key)


# How a snooze is kept in the data file (never shared).
SNOOZE = Layout(Snooze, {"day": "date"})
