"""Where plyer's Linux backend falls short: one `Notify` call over the session bus (jeepney).

plyer 2.1's Linux notifications go wrong in ways a user cannot fix: a folder named `/app`
(many containers have one) sends them to the Flatpak portal, which drops a title with an
apostrophe; without dbus-python (which does not pip-install, and which a pipx venv does
not see even when the system has python3-dbus) it runs notify-send with keys it does not
read, so the notification never expires. The Desktop Notifications specification is one
method call on the session bus; jeepney (pure Python, already used for the snooze
buttons) makes it directly, bounded in time, from any install, pipx's included.
"""

from __future__ import annotations

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"


class BusNotifyError(Exception):
    """The notification server did not take the notification; the message says why."""


def notify_over_bus(
    address: str,
    *,
    app_name: str,
    summary: str,
    body: str,
    display_seconds: int,
    timeout: float,
) -> int:
    """Show one notification through the server on the bus at `address`; its id.

    Every step (connecting, authenticating, the call) shares `timeout` seconds: a hung
    server cannot hold the caller longer. Raises BusNotifyError with a one-line reason.
    """
    import time

    try:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.low_level import HeaderFields
    except ImportError as error:
        raise BusNotifyError("jeepney is not installed (pip install jeepney)") from error
    deadline = time.monotonic() + timeout

    def left() -> float:
        return max(0.05, deadline - time.monotonic())

    server = DBusAddress(NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=NOTIFICATIONS)
    no_actions: list[str] = []
    no_hints: dict[str, object] = {}
    arguments = (app_name, 0, "", summary, body, no_actions, no_hints, display_seconds * 1000)
    try:
        with open_dbus_connection(bus=address, auth_timeout=left()) as connection:
            reply = connection.send_and_get_reply(
                new_method_call(server, "Notify", "susssasa{sv}i", arguments), timeout=left()
            )
    except TimeoutError as error:
        raise BusNotifyError(
            f"the notification server did not answer within {timeout:g} s"
        ) from error
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise BusNotifyError(f"no session bus at {address} ({reason})") from error
    if reply.header.message_type is not MessageType.method_return:
        name = reply.header.fields.get(HeaderFields.error_name, "an error")
        raise BusNotifyError(f"the session bus has no notification server that took it ({name})")
    return int(reply.body[0])
