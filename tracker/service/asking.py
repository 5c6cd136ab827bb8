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
        today that has no mark (shown as missed until answered), oldest day first.

        Without `since`: today, and the days left to fill in since a start set back
        before the day the promise was added (open, never missed)."""
        today = self._context.today()
        promises = [promise for promise in self._store.promises() if not promise.archived]
        if since is None:
            return self._unanswered(promises, _first_to_fill_in(promises, today), today, True)
        first = since
        if first > today:
            raise ValidationError(f"{first.isoformat()} is in the future: give an earlier day.")
        if (today - first).days > MAX_LOOK_BACK_DAYS:
            raise ValidationError(
                f"That looks back more than {MAX_LOOK_BACK_DAYS} days; "
                "give a later --since (the days before are counted as missed)."
            )
        return self._unanswered(promises, first, today, False)

    def _unanswered(
        self, promises: list[Promise], first: date, today: date, only_open: bool
    ) -> list[OpenDay]:
        wanted = frozenset({DayStatus.OPEN}) if only_open else UNANSWERED
        found: list[OpenDay] = []
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            for promise in promises:
                marks = self._store.marks_of(promise.id)
                if day in marks:
                    continue
                if day_status(promise, marks, day, today) in wanted:
                    found.append(OpenDay(promise, day))
        return found


def _first_to_fill_in(promises: list[Promise], today: date) -> date:
    """The earliest day left to fill in (a start set back before the promise was added),
    at most the longest look back ago; today when there is none."""
    starts = [p.start for p in promises if p.start < min(p.asked_from, today)]
    return max(min(starts, default=today), today - timedelta(days=MAX_LOOK_BACK_DAYS))
