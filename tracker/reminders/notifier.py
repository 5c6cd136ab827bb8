"""Desktop notifications through plyer, chosen deliberately, bounded in time, never fatal.

plyer picks a Linux backend by itself in a way that goes wrong (a `/app` folder in many
containers sends it to the Flatpak portal; a failed import prints a traceback), so the
backend is chosen here: dbus-python if importable, else notify-send, else the portal
inside a real Flatpak; plyer's own choice on other systems. Each notification is
handed over by a child process (tracker.reminders.deliver) that is killed if it takes
longer than the timeout, so a hung notification daemon cannot freeze the app or the
service, and plyer's noise on stderr never reaches the terminal. Every failure comes
back as a `Delivery` with a one-line reason; nothing here raises.

`send_with_actions` offers buttons (snooze) where the desktop supports them, through
`tracker.reminders.desktop_actions`; elsewhere it is `send`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker import APP_NAME
from tracker.reminder_rules.messages import BODY_MAX, SUMMARY_MAX, Notice, plain_text
from tracker.reminders.deliver import DBUS_PYTHON, NOTIFY_SEND, PLYER, PORTAL
from tracker.reminders.desktop_actions import (
    ACTION_WINDOW_SECONDS,
    ACTIONS_BACKEND,
    ActionOffer,
    NotificationAction,
)

DEFAULT_TIMEOUT_SECONDS = 8.0
DISPLAY_SECONDS = 10
NONE = "none"


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


def find_backend(platform: str = sys.platform, env: Mapping[str, str] | None = None) -> Backend:
    """The backend this machine would use, or why there is none and what to install."""
    env = os.environ if env is None else env
    if platform.startswith("linux") or "bsd" in platform:
        if importlib.util.find_spec("dbus") is not None:
            return Backend(DBUS_PYTHON, "the dbus Python module")
        program = shutil.which("notify-send", path=env.get("PATH"))
        if program:
            return Backend(NOTIFY_SEND, program)
        gdbus = shutil.which("gdbus", path=env.get("PATH"))
        if gdbus and Path("/.flatpak-info").exists():
            return Backend(PORTAL, "the Flatpak notification portal (gdbus)")
        return Backend(
            NONE,
            advice=(
                "install notify-send (Debian/Ubuntu: sudo apt install libnotify-bin; "
                "Fedora: sudo dnf install libnotify) or the dbus Python module "
                "(sudo apt install python3-dbus)"
            ),
        )
    if platform == "darwin":
        if importlib.util.find_spec("pyobjus") is None:
            return Backend(NONE, advice="install plyer's macOS support: pip install pyobjus")
        return Backend(PLYER, "plyer's macOS backend")
    if platform.startswith("win"):
        return Backend(PLYER, "plyer's Windows backend")
    return Backend(NONE, advice=f"plyer has no notification backend for {platform}")


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
        request = {
            "backend": backend.name,
            "summary": plain_text(notice.summary, SUMMARY_MAX),
            "body": plain_text(notice.body, BODY_MAX),
            "app_name": APP_NAME,
            "display_seconds": self.display_seconds,
            # The child gives up a little before we kill it, so its reason reaches us.
            "call_timeout": max(0.5, self.timeout - 1.5),
        }
        try:
            return self._run_child(backend.name, json.dumps(request))
        except OSError as error:
            return Delivery(False, backend.name, f"could not start Python: {error}")

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
        if not actions or address is None or self.backend.name not in (DBUS_PYTHON, NOTIFY_SEND):
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
            return Delivery(False, ACTIONS_BACKEND, shown.error)
        with self._offers_lock:
            self._offers = [kept for kept in self._offers if not kept.finished]
            self._offers.append(offer)
        return Delivery(True, ACTIONS_BACKEND)

    def withdraw_offers(self) -> None:
        """Take down the notifications whose buttons still wait (the service is stopping)."""
        with self._offers_lock:
            offers, self._offers = self._offers, []
        for offer in offers:
            offer.withdraw()
        for offer in offers:
            offer.wait(self.timeout)

    def _run_child(self, backend: str, request: str) -> Delivery:
        env = dict(os.environ)
        address = session_bus_address(env)
        if address:
            env["DBUS_SESSION_BUS_ADDRESS"] = address
        env["PYTHONIOENCODING"] = "utf-8"
        # Windows' plyer backend keeps its thread alive while the balloon shows.
        timeout = self.timeout + (self.display_seconds if backend == PLYER else 0)
        child = subprocess.Popen(
            [sys.executable, "-m", "tracker.reminders.deliver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # its own process group: a timeout kills notify-send too
        )
        try:
            out, err = child.communicate(request, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(child)
            child.communicate()
            return Delivery(False, backend, f"{backend} did not answer within {timeout:g} s")
        answer = _answer_in(out)
        if answer is None:
            reason = _last_line(err) or f"the helper stopped with status {child.returncode}"
            return Delivery(False, backend, reason)
        if answer.get("ok") is True:
            return Delivery(True, backend)
        return Delivery(False, backend, str(answer.get("error") or "unknown error"))


def _kill_group(child: subprocess.Popen[str]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(child.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            child.kill()
    except (ProcessLookupError, PermissionError):
        pass


def _answer_in(output: str) -> dict[str, object] | None:
    for line in reversed(output.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                answer = json.loads(line)
            except ValueError:
                return None
            return answer if isinstance(answer, dict) else None
    return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
