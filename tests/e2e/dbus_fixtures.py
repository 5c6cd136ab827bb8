"""A private D-Bus session bus and a stand-in notification server that records what arrives.

The server speaks the real protocol (org.freedesktop.Notifications on the session bus),
written with jeepney: it owns the name, answers Notify (susssasa{sv}i -> u),
GetCapabilities and GetServerInformation, and records every Notify call. Nothing is
mocked between tracker and the bus: notify-send (or dbus-python) talks to this server
exactly as it would to a desktop's.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jeepney import MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import HeaderFields

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
WAIT_SECONDS = 20.0  # a deadline against hanging, never a measurement


@dataclass(frozen=True)
class NotifyCall:
    """One Notify call, field by field as the specification names them."""

    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]
    expire_timeout: int


@contextmanager
def private_session_bus(folder: Path) -> Iterator[str]:
    """Start a dbus-daemon of our own; yields its address, stops it afterwards."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail(
            "dbus-daemon is missing, so the real notification tests cannot run. "
            "Install it with `apt-get install dbus libnotify-bin` (.ci/run does this)."
        )
    # The stock session policy (everything allowed; the socket's folder is private), but
    # no service folders: a notification daemon installed on this machine must not be
    # started by D-Bus activation in place of the stand-in.
    config = folder / "session.conf"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC '-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN'"
        " 'http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd'>\n"
        "<busconfig><type>session</type>"
        f"<listen>unix:dir={folder}</listen>"
        "<auth>EXTERNAL</auth>"
        "<policy context='default'><allow send_destination='*' eavesdrop='true'/>"
        "<allow eavesdrop='true'/><allow own='*'/></policy>"
        "</busconfig>\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        if not address:
            process.kill()
            error = process.stderr.read() if process.stderr else ""
            pytest.fail(f"dbus-daemon did not start: {error.strip()[-500:]}")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=WAIT_SECONDS)


class NotificationServer:
    """org.freedesktop.Notifications on `address`, recording every Notify call.

    With `answer=False` it takes calls but never replies: a hung notification daemon.
    """

    def __init__(self, address: str, *, answer: bool = True) -> None:
        self.address = address
        self.answer = answer
        self.calls: list[NotifyCall] = []
        self._arrived = threading.Condition()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self) -> NotificationServer:
        self._thread.start()
        if not self._ready.wait(WAIT_SECONDS) or self._failure is not None:
            raise RuntimeError(f"the stand-in notification server did not start: {self._failure}")
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(WAIT_SECONDS)

    def wait_for_calls(self, count: int) -> list[NotifyCall]:
        """The calls so far, once at least `count` arrived (or the deadline passed)."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.calls) >= count, WAIT_SECONDS)
            return list(self.calls)

    def _serve(self) -> None:
        try:
            connection = open_dbus_connection(bus=self.address)
        except BaseException as error:  # reported by start()
            self._failure = error
            self._ready.set()
            return
        with connection:
            # 4 = DBUS_NAME_FLAG_DO_NOT_QUEUE; reply 1 = we are the primary owner.
            reply = connection.send_and_get_reply(
                message_bus.RequestName(NOTIFICATIONS, 4), timeout=WAIT_SECONDS
            )
            if reply.body != (1,):
                self._failure = RuntimeError(f"could not own {NOTIFICATIONS}: {reply.body}")
            self._ready.set()
            while not self._stop.is_set():
                try:
                    message = connection.receive(timeout=0.1)
                except TimeoutError:
                    continue
                if message.header.message_type is MessageType.method_call:
                    self._answer(connection, message)

    def _answer(self, connection: Any, message: Any) -> None:
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            with self._arrived:
                self.calls.append(NotifyCall(*message.body))
                number = len(self.calls)
                self._arrived.notify_all()
            if self.answer:
                connection.send(new_method_return(message, "u", (number,)))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (["body"],)))
        elif member == "GetServerInformation":
            connection.send(
                new_method_return(message, "ssss", ("stand-in", "tracker-tests", "1", "1.2"))
            )
        else:
            connection.send(
                new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (member,))
            )


@contextmanager
def notification_server(address: str, *, answer: bool = True) -> Iterator[NotificationServer]:
    server = NotificationServer(address, answer=answer).start()
    try:
        yield server
    finally:
        server.stop()
