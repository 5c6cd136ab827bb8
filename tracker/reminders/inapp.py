"""Reminders while the app is open: the app calls an `InAppReminders` every ~30 s.

The app's hook (tracker.ui.app.ReminderTick) is called with the local time and returns
toasts to show (`tracker.reminders.Toast`: title, message, and the reminder keys a
snooze from the toast needs); it must return quickly. So a call claims what
is due in the store's fired-log, which it shares with the `tracker remind` service (a
reminder is never shown twice, whoever looks first), returns the toasts, and hands the
desktop notifications to a background thread. When a desktop notification fails, the
toast was all there was: the next call adds one toast that says why (once per reason),
so the user learns that reminders will not reach them with the app closed.

Wiring (in tracker/cli/main.py): run_app(tracker, reminder_tick=LazyInAppReminders(tracker)),
which builds an InAppReminders at the first tick.
"""

from __future__ import annotations

import threading
from datetime import datetime

from tracker.errors import TrackerError
from tracker.reminder_rules.messages import Notice
from tracker.reminders import FAILURE_TITLE, Toast
from tracker.reminders.notifier import Delivery, Notifier
from tracker.service import Tracker

TICK_SECONDS = 30


class InAppReminders:
    """The app's side of reminders: claims due ones and remembers when it last looked."""

    def __init__(
        self,
        tracker: Tracker,
        notifier: Notifier | None = None,
        *,
        desktop: bool = True,
    ) -> None:
        self.tracker = tracker
        self.notifier = notifier or Notifier()
        self.desktop = desktop
        self.last_error = ""
        self._since: datetime | None = None
        self._lock = threading.Lock()
        self._failures: list[str] = []
        self._reported: set[str] = set()
        self._senders: list[threading.Thread] = []

    def __call__(self, now: datetime) -> list[Toast]:
        """The app's reminder hook: toasts to show now; desktop notifications go out too."""
        # Failures of earlier calls first: this call's notifications are still on their way.
        failures = self._failure_toasts()
        notices = self.claim(now)
        if self.desktop:
            for notice in notices:
                sender = threading.Thread(target=self._send, args=(notice,), daemon=True)
                sender.start()
                self._senders.append(sender)
        toasts = [Toast(notice.summary, notice.body, notice.keys) for notice in notices]
        return toasts + failures

    def tick(self) -> list[Notice]:
        """Claim what is due at the clock's now (for callers without a `now` of their own)."""
        return self.claim(self.tracker.clock.now())

    def claim(self, now: datetime) -> list[Notice]:
        """Claim what is due at `now`; the notices to show (none on a store problem).

        A locked or damaged data file is the app's to report (it watches the file): the
        error is kept in `last_error` and the next call tries again.
        """
        try:
            firing = self.tracker.reminders.claim(now, self._since)
        except TrackerError as error:
            self.last_error = str(error)
            return []
        self.last_error = ""
        self._since = firing.checked_at
        return list(firing.notices)

    def wait_for_desktop(self, timeout: float | None = None) -> None:
        """Wait for desktop notifications still being handed over (tests, app exit)."""
        for sender in self._senders:
            sender.join(timeout)
        self._senders = [sender for sender in self._senders if sender.is_alive()]

    def _send(self, notice: Notice) -> Delivery:
        delivery = self.notifier.send(notice)
        if not delivery.ok:
            with self._lock:
                self._failures.append(delivery.error)
        return delivery

    def _failure_toasts(self) -> list[Toast]:
        with self._lock:
            failures, self._failures = self._failures, []
        toasts = []
        for error in dict.fromkeys(failures):
            if error not in self._reported:
                self._reported.add(error)
                toasts.append(
                    Toast(
                        FAILURE_TITLE,
                        f"{error}. Reminders show here while tracker is open; "
                        "`tracker doctor` says what to install.",
                    )
                )
        return toasts
