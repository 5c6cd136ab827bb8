"""Notifications with buttons ("Snooze 30 min"), the Desktop Notifications way, over D-Bus.

The specification lets `Notify` carry actions (pairs of key and label); a server that
supports them lists "actions" in `GetCapabilities` and, when one is clicked, emits
`ActionInvoked(id, key)` on the session bus (and `NotificationClosed(id, reason)` when
the notification goes away). plyer has no actions, so this speaks the protocol itself
with jeepney (pure Python, no C library; the same messages notify-send sends).

An offer is bounded in time twice over: showing it waits at most `call_timeout`
seconds (a hung server cannot stall the reminder loop), and listening for the answer
runs in a thread of its own for at most `window` seconds, after which the notification
is withdrawn (`CloseNotification`), so that a button never stays on screen with nobody
listening. Nothing here raises: a desktop without actions, a missing bus or jeepney
make `ActionOffer.show` answer None, and the caller shows a plain notification instead.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tracker import APP_NAME
from tracker.reminders.desktop_bus import NOTIFICATIONS, NOTIFICATIONS_PATH
from tracker.reminders.messages import BODY_MAX, SUMMARY_MAX, Notice, plain_text

ACTION_WINDOW_SECONDS = 10 * 60
LISTEN_STEP_SECONDS = 0.2
CLOSED_BY_US = 3  # NotificationClosed reason: closed by a call to CloseNotification


@dataclass(frozen=True)
class NotificationAction:
    """A button on a notification: `key` comes back in ActionInvoked, `label` is shown."""

    key: str
    label: str


SNOOZE_ACTIONS = (
    NotificationAction("snooze-30", "Snooze 30 min"),
    NotificationAction("snooze-60", "Snooze 1 hour"),
)
_SNOOZE_KEY = re.compile(r"^snooze-(?P<minutes>\d{1,4})$")


def snooze_minutes(action_key: str) -> int | None:
    """The minutes a snooze button stands for ("snooze-30" -> 30); None for anything else."""
    match = _SNOOZE_KEY.match(action_key)
    if match is None:
        return None
    minutes = int(match["minutes"])
    return minutes if 1 <= minutes <= 24 * 60 else None


@dataclass(frozen=True)
class Shown:
    """How showing an offer went: `ok` with the server's id, or why not."""

    ok: bool
    error: str = ""
    notification_id: int = 0


class ActionOffer:
    """One notification with buttons, answered (or not) in a thread of its own.

    `show()` returns once the server took the notification (or refused it, or did not
    answer in time); `on_choice(key)` is called from the listening thread when a button
    is clicked, so it must be quick and thread-safe (a queue, or a store write under the
    store's own lock).
    """

    def __init__(
        self,
        address: str,
        notice: Notice,
        actions: Sequence[NotificationAction],
        on_choice: Callable[[str], None],
        *,
        display_seconds: int = 10,
        call_timeout: float = 5.0,
        window: float = ACTION_WINDOW_SECONDS,
    ) -> None:
        self.address = address
        self.notice = notice
        self.actions = tuple(actions)
        self.on_choice = on_choice
        self.display_seconds = display_seconds
        self.call_timeout = call_timeout
        self.window = window
        self.chosen: str | None = None
        self.callback_error = ""
        self._shown: Shown | None = None
        self._shown_event = threading.Event()
        self._finished = threading.Event()
        self._withdraw = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tracker-offer")

    def show(self) -> Shown | None:
        """Show the notification; None when actions cannot be offered here (show a plain
        one instead). Returns within about `call_timeout` seconds, whatever the server does."""
        self._thread.start()
        if not self._shown_event.wait(self.call_timeout + 0.5):
            self._withdraw.set()  # if the server wakes up later, the notification is withdrawn
            return Shown(
                False, f"the notification server did not answer within {self.call_timeout:g} s"
            )
        return self._shown

    def _no_answer(self) -> str:
        return f"the notification server did not answer within {self.call_timeout:g} s"

    def withdraw(self) -> None:
        """Take the notification down and stop listening (the service is stopping)."""
        self._withdraw.set()

    def wait(self, timeout: float | None = None) -> str | None:
        """Wait until the offer is answered, closed or withdrawn; the key chosen, if any."""
        self._finished.wait(timeout)
        return self.chosen

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    # --- the listening thread ------------------------------------------------------------

    def _announce(self, shown: Shown | None) -> None:
        self._shown = shown
        self._shown_event.set()

    def _run(self) -> None:
        try:
            self._converse()
        except TimeoutError:
            if not self._shown_event.is_set():
                self._announce(Shown(False, self._no_answer()))
        except Exception as error:  # the bus went away, a malformed reply: never fatal
            if not self._shown_event.is_set():
                self._announce(Shown(False, f"D-Bus: {type(error).__name__}: {error}"[:300]))
        finally:
            if not self._shown_event.is_set():
                self._announce(None)
            self._finished.set()

    def _converse(self) -> None:
        try:
            from jeepney import DBusAddress, MatchRule, MessageType, new_method_call
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
            from jeepney.low_level import HeaderFields
        except ImportError:
            return  # no jeepney: the plain path shows the notification
        deadline = time.monotonic() + self.call_timeout

        def timeout() -> float:
            """What is left of the time to show the notification (every call shares it)."""
            return max(0.05, deadline - time.monotonic())

        try:
            connection = open_dbus_connection(bus=self.address, auth_timeout=timeout())
        except (OSError, ValueError, TimeoutError):
            return  # no bus: the plain path says why, in its words
        server = DBusAddress(NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=NOTIFICATIONS)
        with connection:
            reply = connection.send_and_get_reply(
                new_method_call(server, "GetCapabilities"), timeout=timeout()
            )
            if reply.header.message_type is not MessageType.method_return:
                return
            if "actions" not in reply.body[0]:
                return  # this desktop shows no buttons: a plain notification instead
            rule = MatchRule(type="signal", interface=NOTIFICATIONS, path=NOTIFICATIONS_PATH)
            connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=timeout())
            with connection.filter(rule, queue=deque()) as signals:
                reply = connection.send_and_get_reply(
                    new_method_call(server, "Notify", "susssasa{sv}i", self._notify_body()),
                    timeout=timeout(),
                )
                if reply.header.message_type is not MessageType.method_return:
                    name = reply.header.fields.get(HeaderFields.error_name, "an error")
                    self._announce(Shown(False, f"the notification server refused it: {name}"))
                    return
                number = int(reply.body[0])
                self._announce(Shown(True, notification_id=number))
                outcome = self._listen(connection, signals, number)
                if outcome is None:
                    connection.send_and_get_reply(
                        new_method_call(server, "CloseNotification", "u", (number,)),
                        timeout=self.call_timeout,
                    )

    def _notify_body(self) -> tuple[Any, ...]:
        pairs = [part for action in self.actions for part in (action.key, action.label)]
        return (
            APP_NAME,
            0,
            "",
            plain_text(self.notice.summary, SUMMARY_MAX),
            plain_text(self.notice.body, BODY_MAX),
            pairs,
            {},
            self.display_seconds * 1000,
        )

    def _listen(self, connection: Any, signals: deque[Any], number: int) -> str | None:
        """Wait for our notification's answer; None when we should withdraw it ourselves."""
        from jeepney.low_level import HeaderFields

        deadline = time.monotonic() + self.window
        while not self._withdraw.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                signal = connection.recv_until_filtered(
                    signals, timeout=min(LISTEN_STEP_SECONDS, left)
                )
            except TimeoutError:
                continue
            body = signal.body
            if not body or body[0] != number:
                continue  # another application's notification
            member = signal.header.fields.get(HeaderFields.member)
            if member == "ActionInvoked" and len(body) > 1:
                self.chosen = str(body[1])
                try:
                    self.on_choice(self.chosen)
                except Exception as error:  # the caller's problem, reported, never fatal
                    self.callback_error = f"{type(error).__name__}: {error}"
                return "chosen"
            if member == "NotificationClosed":
                return "closed"
        return None
