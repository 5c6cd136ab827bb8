"""Reminders while the app is open: call `tick()` every ~30 s; it returns what to show.

The app and the `tracker remind` service share the store's fired-log, so whichever
looks first claims a reminder and the other stays quiet: a reminder is never shown
twice. What `tick()` returns, the app shows as a toast and hands to `notify()` (in a
worker thread: it may take a few seconds); when the desktop notification fails the
toast is all there is, so the app rings the terminal bell too.
"""

from __future__ import annotations

from datetime import datetime

from tracker.clock import Clock
from tracker.errors import TrackerError
from tracker.reminders.firing import claim_reminders
from tracker.reminders.messages import Notice
from tracker.reminders.notifier import Delivery, Notifier
from tracker.store import Store

TICK_SECONDS = 30


class InAppReminders:
    """The app's side of reminders: claims due ones, remembers when it last looked."""

    def __init__(self, store: Store, clock: Clock, notifier: Notifier | None = None) -> None:
        self.store = store
        self.clock = clock
        self.notifier = notifier or Notifier()
        self._since: datetime | None = None
        self.last_error = ""

    def tick(self) -> list[Notice]:
        """Claim what is due now; the notices to show (empty when nothing is, or on error).

        A store that is locked or damaged is not the reminders' problem to report: the
        error is kept in `last_error` and the next tick tries again.
        """
        now = self.clock.now()
        try:
            firing = claim_reminders(self.store, now, self._since)
        except TrackerError as error:
            self.last_error = str(error)
            return []
        self.last_error = ""
        self._since = firing.checked_at
        return list(firing.notices)

    def notify(self, notice: Notice) -> Delivery:
        """Show `notice` on the desktop (blocking, bounded by the notifier's timeout)."""
        return self.notifier.send(notice)
