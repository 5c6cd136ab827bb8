"""A stand-in notification server that shows buttons: the recording server of
dbus_fixtures, plus the Desktop Notifications actions.

It lists "actions" in GetCapabilities (unless told not to), answers CloseNotification
(and says NotificationClosed, reason 3), and emits ActionInvoked(id, key) when the test
clicks a button (`click`), either right after a Notify (`click_on_arrival`) or later.
Like a real server, it closes a notification after one of its actions is invoked.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from dbus_fixtures import (
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    WAIT_SECONDS,
    NotificationServer,
    NotifyCall,
    private_session_bus,
)
from jeepney import DBusAddress, new_method_return, new_signal
from jeepney.low_level import HeaderFields

EMITTER = DBusAddress(NOTIFICATIONS_PATH, interface=NOTIFICATIONS)
DISMISSED, CLOSED_BY_CALL = 2, 3


class ActionServer(NotificationServer):
    """org.freedesktop.Notifications with actions; records Notify and CloseNotification."""

    def __init__(
        self,
        address: str,
        *,
        actions: bool = True,
        click_on_arrival: str | None = None,
        answer: bool = True,
    ) -> None:
        super().__init__(address, answer=answer)
        self.actions = actions
        self.click_on_arrival = click_on_arrival
        self.closed: list[int] = []
        self._connection: Any = None
        self._send_lock = threading.Lock()
        self._closed_changed = threading.Condition()

    def _answer(self, connection: Any, message: Any) -> None:
        self._connection = connection
        member = message.header.fields.get(HeaderFields.member)
        with self._send_lock:
            if member == "GetCapabilities":
                capabilities = ["body", "actions"] if self.actions else ["body"]
                connection.send(new_method_return(message, "as", (capabilities,)))
            elif member == "CloseNotification":
                (number,) = message.body
                connection.send(new_method_return(message))
                self._closed(connection, number, CLOSED_BY_CALL)
            else:
                super()._answer(connection, message)
        if member == "Notify" and self.answer and self.click_on_arrival is not None:
            self.click(len(self.calls), self.click_on_arrival)

    def click(self, number: int, key: str) -> None:
        """The user clicks the button `key` on notification `number` (1 for the first)."""
        with self._send_lock:
            signal = new_signal(EMITTER, "ActionInvoked", "us", (number, key))
            self._connection.send(signal)
            self._closed(self._connection, number, DISMISSED)

    def _closed(self, connection: Any, number: int, reason: int) -> None:
        connection.send(new_signal(EMITTER, "NotificationClosed", "uu", (number, reason)))
        with self._closed_changed:
            self.closed.append(number)
            self._closed_changed.notify_all()

    def wait_for_closed(self, number: int) -> list[int]:
        """The notifications closed so far, once `number` is among them (or the deadline)."""
        with self._closed_changed:
            self._closed_changed.wait_for(lambda: number in self.closed, WAIT_SECONDS)
            return list(self.closed)


@contextmanager
def process_session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private session bus, set as this process's DBUS_SESSION_BUS_ADDRESS."""
    if shutil.which("notify-send") is None:
        pytest.fail(
            "notify-send is missing, so the notification action tests cannot run. "
            "Install it with `apt-get install libnotify-bin` (.ci/run does this)."
        )
    folder = tmp_path / "bus"
    folder.mkdir()
    with private_session_bus(folder) as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


@contextmanager
def action_server(address: str, **options: Any) -> Iterator[ActionServer]:
    server = ActionServer(address, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


__all__ = ["ActionServer", "NotifyCall", "action_server", "process_session_bus"]
