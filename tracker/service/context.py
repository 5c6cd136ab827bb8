"""What every area of the service shares: the store, the clock, and the rule for days.

The rule, in one place:

* **Today** is the user's current day: the clock's local date, where the day starts at
  the user's `day_starts_at` (00:40 belongs to the evening before when days start at 03:00).
* **A day is shown as it stands now.** A past due day without a mark is missed, whichever
  face shows it and whatever day the user is looking at.
* **Figures about a day are as of that day** (`as_of`): the streak beside a past day is
  the streak as it stood then; a future day's figures are today's. `tracker streaks --date D`
  is the streaks as they stood at the end of D.
"""

from __future__ import annotations

from datetime import date

from tracker.clock import Clock
from tracker.model import Settings
from tracker.store import Store


class Context:
    """The store, the clock, and the day rule, handed to each area of the service."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def settings(self) -> Settings:
        return self.store.settings()

    def today(self) -> date:
        """The user's current day (the day may start after midnight)."""
        return self.clock.today(self.settings().day_starts_at)

    def as_of(self, day: date) -> date:
        """The day a figure about `day` is computed as of: `day` itself, never past today."""
        return min(day, self.today())


class Area:
    """One area of the service (promises, marks, notes...): a few operations and views."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._store = context.store
