"""What is still open: the days a promise asks about that carry no mark yet.

`tracker ask` and Today's "go through what's open" walk through `open_days()` one at
a time; each answer is an ordinary mark (`tracker.marks.check_off`, `miss`, `excuse`),
written as it is given, so stopping half way keeps every answer already given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.errors import ValidationError
from tracker.model import DayStatus, Promise
from tracker.service.context import Area
from tracker.stats import day_status

# The longest look back `--since` takes (a forgotten week or a month, not years).
MAX_LOOK_BACK_DAYS = 92
UNANSWERED = frozenset({DayStatus.OPEN, DayStatus.MISSED})


@dataclass(frozen=True)
class OpenDay:
    """One question: how did `promise` go on `day`?"""

    promise: Promise
    day: date


class Asking(Area):
    """The unanswered days, oldest first."""

    def open_days(self, since: date | None = None) -> list[OpenDay]:
        """Every promise still open today and, from `since` on, every due day before
        today that has no mark (shown as missed until answered), oldest day first."""
        today = self._context.today()
        first = today if since is None else since
        if first > today:
            raise ValidationError(f"{first.isoformat()} is in the future: give an earlier day.")
        if (today - first).days > MAX_LOOK_BACK_DAYS:
            raise ValidationError(
                f"That looks back more than {MAX_LOOK_BACK_DAYS} days; "
                "give a later --since (the days before are counted as missed)."
            )
        promises = [promise for promise in self._store.promises() if not promise.archived]
        found: list[OpenDay] = []
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            for promise in promises:
                marks = self._store.marks_of(promise.id)
                if day in marks:
                    continue
                if day_status(promise, marks, day, today) in UNANSWERED:
                    found.append(OpenDay(promise, day))
        return found
