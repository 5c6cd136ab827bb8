"""Hand one notification to a plyer backend; run as a child process by the notifier.

`python -m tracker.reminders.deliver` reads a JSON request on stdin and prints one JSON
line: {"ok": true} or {"ok": false, "error": "..."}. Running it apart keeps plyer's
warnings and tracebacks, and a backend that hangs, out of the app and the service:
the parent reads our output, kills us after its timeout, and carries on.

plyer 2.1.0 is called deliberately, backend by backend, with the keys each backend
really reads (its notify-send backend ignores `timeout`/`app_icon` and reads
`expire_time`/`icon`; its dbus backend needs `app_icon` to be a string), and with
its `subprocess` calls checked, because plyer ignores a failing notify-send or gdbus.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from typing import Any

NOTIFY_SEND = "notify-send"
DBUS_PYTHON = "dbus-python"
PORTAL = "xdg-desktop-portal"
PLYER = "plyer"


class DeliveryError(Exception):
    """The backend did not take the notification; the message says why, in one line."""


class _CheckedSubprocess:
    """Stands in for the `subprocess` module inside plyer's Linux backend: same calls,
    but a program that fails raises, and none runs longer than `timeout` seconds."""

    DEVNULL = subprocess.DEVNULL
    PIPE = subprocess.PIPE

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def call(self, args: list[str], **options: Any) -> int:
        return self.run(args, **options).returncode

    def run(self, args: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        options.pop("check", None)
        options.setdefault("stdout", subprocess.DEVNULL)
        try:
            result = subprocess.run(
                args,
                stderr=subprocess.PIPE,
                text=True,
                timeout=self.timeout,
                check=False,
                **options,
            )
        except subprocess.TimeoutExpired as error:
            raise DeliveryError(f"{args[0]} did not finish within {self.timeout:g} s") from error
        except OSError as error:
            raise DeliveryError(f"{args[0]} could not run: {error.strerror or error}") from error
        if result.returncode != 0:
            reason = _last_line(result.stderr) or f"exit status {result.returncode}"
            raise DeliveryError(f"{args[0]} failed: {reason}")
        return result


def deliver(request: dict[str, Any]) -> None:
    """Show the notification described by `request`, or raise DeliveryError."""
    backend = request["backend"]
    summary, body = request["summary"], request["body"]
    app_name = request.get("app_name", "tracker")
    seconds = int(request.get("display_seconds", 10))
    call_timeout = float(request.get("call_timeout", 4))
    if backend == NOTIFY_SEND:
        from plyer.platforms.linux import notification as linux

        linux.subprocess = _CheckedSubprocess(call_timeout)
        linux.NotifySendNotification()._notify(
            title=summary,
            # notify-send expands backslash escapes in the body (g_strcompress): doubled,
            # a backslash the user typed arrives as typed.
            message=body.replace("\\", "\\\\"),
            app_name=app_name,
            icon="",
            urgency="normal",
            expire_time=str(seconds * 1000),
        )
    elif backend == DBUS_PYTHON:
        from plyer.platforms.linux import notification as linux

        linux.NotifyDbus()._notify(
            title=summary,
            message=body,
            app_name=app_name,
            app_icon="",
            timeout=seconds,
            actions=[],
            hints={},
            replaces_id=0,
        )
    elif backend == PORTAL:
        from plyer.platforms.linux import notification as linux

        linux.subprocess = _CheckedSubprocess(call_timeout)
        linux.NotifyDesktopPortals()._notify(
            title=gvariant_safe(summary), message=gvariant_safe(body)
        )
    elif backend == PLYER:
        from plyer import notification

        notification.notify(
            title=summary, message=body, app_name=app_name, app_icon="", timeout=seconds
        )
    else:
        raise DeliveryError(f"there is no notification backend called {backend!r}")


def gvariant_safe(text: str) -> str:
    """Text that cannot break out of the '...' GVariant literal plyer's portal call builds.

    plyer pastes the text between single quotes: an apostrophe (O'Brien) would end the
    string and gdbus would refuse the call. A typographic apostrophe looks the same.
    """
    return text.replace("\\", "∖").replace("'", "’")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def main() -> int:
    try:
        request = json.loads(sys.stdin.read())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            deliver(request)
    except DeliveryError as error:
        answer = {"ok": False, "error": str(error)}
    except Exception as error:  # plyer raises anything: NotImplementedError, DBusException...
        reason = _last_line(str(error)) or type(error).__name__
        answer = {"ok": False, "error": f"{type(error).__name__}: {reason}"}
    else:
        answer = {"ok": True}
    sys.stdout.write("\n" + json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
