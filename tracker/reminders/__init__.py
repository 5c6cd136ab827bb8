"""Reminders: what is due (pure), the plyer notifier, the service, the app hook, doctor.

This module stays light: the app imports it at start-up, and the reminder machinery
(the store's fired-log, the notifier) loads on the app's first reminder tick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tracker.service import Tracker

# The title of the toast saying a desktop notification failed; the app rings the
# terminal bell when it shows one.
FAILURE_TITLE = "Desktop notifications are not working"


class Toast(NamedTuple):
    """What the app's reminder hook hands the app to show: a title, a message, and the
    keys of the reminders it stands for (empty for a notice that cannot be snoozed)."""

    title: str
    message: str
    keys: tuple[str, ...] = ()


class LazyInAppReminders:
    """The app's reminder hook, built at its first call (the app's first tick, 30 s in).

    The same hook as `tracker.reminders.inapp.InAppReminders`, which it wraps; waiting
    keeps the reminder machinery's imports out of the app's start-up.
    """

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._hook: Callable[[datetime], list[Toast]] | None = None

    def __call__(self, now: datetime) -> list[Toast]:
        if self._hook is None:
            from tracker.reminders.inapp import InAppReminders

            self._hook = InAppReminders(self.tracker)
        return self._hook(now)
