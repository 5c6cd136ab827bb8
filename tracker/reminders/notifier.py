"""Desktop notifications: the session bus on Linux, plyer's public API elsewhere; never fatal.

On Linux and the BSDs a notification is one `Notify` call to the desktop's notification
server on the session bus, made by `tracker.reminders.desktop_bus` (jeepney, pure
Python): it works from a pipx install on a stock Ubuntu/Debian desktop, where plyer's
own Linux backend would need dbus-python (not pip-installable, unseen by a pipx venv)
or fall to notify-send with keys it does not read. On macOS and Windows,
`plyer.notification.notify` is called as documented. Either way a call is bounded in
time, and every failure comes back as a `Delivery` with a one-line reason; nothing here
raises.

`send_with_actions` offers buttons (snooze) where the desktop supports them, through
`tracker.reminders.desktop_actions`; elsewhere it is `send`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker import APP_NAME
from tracker.reminders.desktop_actions import (
    ACTION_WINDOW_SECONDS,
    ActionOffer,
    NotificationAction,
)
from tracker.reminders.desktop_bus import BusNotifyError, notify_over_bus
from tracker.reminders.messages import BODY_MAX, SUMMARY_MAX, Notice, plain_text

DEFAULT_TIMEOUT_SECONDS = 8.0
DISPLAY_SECONDS = 10
NONE = "none"
DESKTOP_BUS = "d-bus"  # the Desktop Notifications server on the session bus
PLYER = "plyer"


@dataclass(frozen=True)
class Backend:
    """How notifications would be shown here; `advice` says what to install when none."""

    name: str
    detail: str = ""
    advice: str = ""

    @property
    def found(self) -> bool:
        return self.name != NONE


@dataclass(frozen=True)
class Delivery:
    """What happened to one notification."""

    ok: bool
    backend: str
    error: str = ""


def find_backend(platform: str = sys.platform) -> Backend:
    """The backend this machine would use, or why there is none and what to install."""
    if platform.startswith("linux") or "bsd" in platform:
        if importlib.util.find_spec("jeepney") is None:
            return Backend(NONE, advice="install jeepney (pip install jeepney)")
        return Backend(DESKTOP_BUS, "the desktop's notification server on the session bus")
    if platform == "darwin":
        if importlib.util.find_spec("pyobjus") is None:
            return Backend(NONE, advice="install plyer's macOS support: pip install pyobjus")
        return Backend(PLYER, "plyer's macOS backend")
    if platform.startswith("win"):
        return Backend(PLYER, "plyer's Windows backend")
    return Backend(NONE, advice=f"plyer has no notification backend for {platform}")


NO_SESSION_BUS = (
    "no session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no $XDG_RUNTIME_DIR/bus): "
    "notifications need a desktop session"
)


def session_bus_address(env: Mapping[str, str] | None = None) -> str | None:
    """The D-Bus session bus to talk to; cron and some services do not set one."""
    env = os.environ if env is None else env
    address = env.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR") or (
        f"/run/user/{os.getuid()}" if hasattr(os, "getuid") else ""
    )
    if runtime and Path(runtime, "bus").exists():
        return f"unix:path={Path(runtime, 'bus')}"
    return None


class Notifier:
    """Shows notices as desktop notifications; `send` always returns, within the timeout."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        display_seconds: int = DISPLAY_SECONDS,
        backend: Backend | None = None,
    ) -> None:
        self.timeout = timeout
        self.display_seconds = display_seconds
        self._backend = backend
        self._offers: list[ActionOffer] = []
        self._offers_lock = threading.Lock()

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = find_backend()
        return self._backend

    def send(self, notice: Notice) -> Delivery:
        backend = self.backend
        if not backend.found:
            return Delivery(False, NONE, f"no notification backend: {backend.advice}")
        summary = plain_text(notice.summary, SUMMARY_MAX)
        body = plain_text(notice.body, BODY_MAX)
        if backend.name == PLYER:
            return self._send_through_plyer(summary, body)
        address = session_bus_address()
        if address is None:
            return Delivery(False, backend.name, NO_SESSION_BUS)
        try:
            notify_over_bus(
                address,
                app_name=APP_NAME,
                summary=summary,
                body=body,
                display_seconds=self.display_seconds,
                timeout=self.timeout,
            )
        except BusNotifyError as error:
            return Delivery(False, backend.name, str(error))
        return Delivery(True, backend.name)

    def _send_through_plyer(self, summary: str, body: str) -> Delivery:
        """plyer's public API in a thread of its own: waited for `timeout` seconds (plus
        the display time on Windows, whose balloon keeps the call), its noise swallowed."""
        outcome: list[str] = []

        def call() -> None:
            try:
                from plyer import notification

                with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
                    warnings.simplefilter("ignore")
                    notification.notify(
                        title=summary,
                        message=body,
                        app_name=APP_NAME,
                        app_icon="",
                        timeout=self.display_seconds,
                    )
            except Exception as error:  # plyer raises anything: NotImplementedError...
                outcome.append(f"{type(error).__name__}: {error}"[:300])
            else:
                outcome.append("")

        thread = threading.Thread(target=call, daemon=True, name="tracker-plyer")
        thread.start()
        thread.join(self.timeout + self.display_seconds)
        if not outcome:
            return Delivery(False, PLYER, f"plyer did not finish within {self.timeout:g} s")
        return Delivery(not outcome[0], PLYER, outcome[0])

    def send_with_actions(
        self,
        notice: Notice,
        actions: Sequence[NotificationAction],
        on_choice: Callable[[str], None],
        *,
        window: float = ACTION_WINDOW_SECONDS,
    ) -> Delivery:
        """`send`, with buttons where the desktop supports them (Desktop Notifications
        actions over D-Bus).

        Returns once the notification is shown (within about `timeout` seconds); a click
        calls `on_choice(key)` from a listening thread within `window` seconds, after
        which the notification is withdrawn. Where buttons cannot be offered (no session
        bus, a server without "actions", another system), this is `send(notice)`.
        """
        address = session_bus_address()
        if not actions or address is None or self.backend.name != DESKTOP_BUS:
            return self.send(notice)
        offer = ActionOffer(
            address,
            notice,
            actions,
            on_choice,
            display_seconds=self.display_seconds,
            call_timeout=max(0.5, self.timeout - 1.5),
            window=window,
        )
        shown = offer.show()
        if shown is None:
            return self.send(notice)
        if not shown.ok:
            return Delivery(False, DESKTOP_BUS, shown.error)
        with self._offers_lock:
            self._offers = [kept for kept in self._offers if not kept.finished]
            self._offers.append(offer)
        return Delivery(True, DESKTOP_BUS)

    def withdraw_offers(self) -> None:
        """Take down the notifications whose buttons still wait (the service is stopping)."""
        with self._offers_lock:
            offers, self._offers = self._offers, []
        for offer in offers:
            offer.withdraw()
        for offer in offers:
            offer.wait(self.timeout)
