"""Reminder toasts, and snoozing the last one from the keyboard (z).

A toast cannot take keys, so the app keeps the keys of the last reminder it showed for
a while: `z` (or the palette) snoozes those reminders for 30 minutes, through the
service, like a snooze button on the desktop notification. The snooze is kept in the
data: the reminder comes back once, whoever fires it then (the app or `tracker remind`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from tracker.errors import TrackerError
from tracker.reminders import FAILURE_TITLE, Toast
from tracker.ui.face import Face

SNOOZE_MINUTES = 30
# How long after the toast `z` still means "that reminder".
OFFER_LASTS = timedelta(minutes=30)
SNOOZE_HINT = f"z: snooze it for {SNOOZE_MINUTES} minutes"


@dataclass(frozen=True)
class SnoozeOffer:
    """The reminders of the last toast that can be snoozed, and when it was shown."""

    keys: tuple[str, ...]
    shown_at: datetime


class RemindingApp(Face, Protocol):
    """What the reminder toasts use of the app: its face, a toast, the bell, and the keys
    of the last reminder shown."""

    snooze_offer: SnoozeOffer | None

    def notify(
        self, message: str, *, title: str = "", timeout: float | None = None, markup: bool = True
    ) -> None: ...
    def bell(self) -> None: ...


def show_reminders(app: RemindingApp, toasts: Iterable[Toast], now: datetime) -> None:
    """Each toast for a while; those standing for reminders say how to snooze them."""
    shown = list(toasts)
    for toast in shown:
        message = toast.message
        if toast.keys:
            app.snooze_offer = SnoozeOffer(tuple(toast.keys), now)
            message = f"{message}\n{SNOOZE_HINT}"
        app.notify(message, title=toast.title, markup=False, timeout=15)
    if any(toast.title == FAILURE_TITLE for toast in shown):
        # The desktop did not show a reminder: the terminal bell is the fallback.
        app.bell()


def snooze_last_reminder(app: RemindingApp, minutes: int = SNOOZE_MINUTES) -> None:
    """Snooze the reminders of the last toast (if it is recent), saved with an undo."""
    offer = app.snooze_offer
    now = app.clock.now()
    if offer is None or now - offer.shown_at > OFFER_LASTS:
        app.say("No reminder to snooze just now.")
        return
    app.snooze_offer = None
    snoozes = app.service.snoozes

    def refused(error: TrackerError) -> None:
        app.snooze_offer = offer  # still there to snooze once the problem is fixed
        app.report(error)

    app.save(lambda: snoozes.snooze_keys(offer.keys, minutes, now), announce=True, refused=refused)
