"""The notifier picks a backend on purpose, uses plyer's public API only, never hangs or raises.

The Linux path (one `Notify` call on the session bus) is tested against a real private
bus in tests/e2e/test_notifications.py; here, the choice of backend, the plyer path
(through `plyer.notification.notify`, replaced by a stand-in) and the failures.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tracker.reminders.messages import Notice
from tracker.reminders.notifier import (
    DESKTOP_BUS,
    PLYER,
    Backend,
    Notifier,
    find_backend,
    session_bus_address,
)

# -- choosing a backend -------------------------------------------------------------------


def test_on_linux_the_session_bus_is_used_without_dbus_python_or_notify_send(monkeypatch):
    # What a pipx install sees on a stock desktop: no dbus module, whatever is on PATH.
    monkeypatch.setenv("PATH", "")
    real = __import__("importlib").util.find_spec
    monkeypatch.setattr(
        "importlib.util.find_spec", lambda name: None if name == "dbus" else real(name)
    )
    assert find_backend("linux").name == DESKTOP_BUS
    assert find_backend("freebsd14").name == DESKTOP_BUS


def test_elsewhere_plyer_is_used_and_missing_parts_are_named(monkeypatch):
    assert find_backend("win32") == Backend(PLYER, "plyer's Windows backend")
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert "pyobjus" in find_backend("darwin").advice
    assert "jeepney" in find_backend("linux").advice
    assert not find_backend("plan9").found


def test_without_a_bus_address_the_user_bus_socket_is_found(tmp_path):
    (tmp_path / "bus").touch()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path}/bus"
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path / "none")}) is None


# -- the session bus path: failures in one line -------------------------------------------------


def test_with_no_session_bus_the_notifier_says_a_desktop_session_is_needed(tmp_path, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    delivery = Notifier(backend=Backend(DESKTOP_BUS)).send(Notice("x", "y"))
    assert (delivery.ok, delivery.backend) == (False, DESKTOP_BUS)
    assert "notifications need a desktop session" in delivery.error


def test_a_bus_address_with_nothing_behind_it_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'gone'}")
    delivery = Notifier(backend=Backend(DESKTOP_BUS)).send(Notice("x", "y"))
    assert not delivery.ok
    assert delivery.error.startswith(f"no session bus at unix:path={tmp_path / 'gone'}")
    assert "\n" not in delivery.error


# -- plyer, through its public API only ------------------------------------------------------


@pytest.fixture
def plyer_calls(monkeypatch):
    """`plyer.notification.notify` replaced by a stand-in that records its arguments."""
    import warnings

    from plyer import notification

    calls: list[dict[str, object]] = []
    with warnings.catch_warnings():  # plyer's proxy loads its backend, which warns here
        warnings.simplefilter("ignore")
        monkeypatch.setattr(notification, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


def test_plyer_gets_the_documented_arguments(plyer_calls):
    delivery = Notifier(backend=Backend(PLYER)).send(Notice("A promise is due", "Open tracker"))
    assert (delivery.ok, delivery.backend, delivery.error) == (True, PLYER, "")
    assert plyer_calls == [
        {
            "title": "A promise is due",
            "message": "Open tracker",
            "app_name": "tracker",
            "app_icon": "",
            "timeout": 10,
        }
    ]


def test_a_failing_plyer_is_reported_in_one_line_and_its_noise_swallowed(monkeypatch, capsys):
    from plyer import notification

    def fails(**_kwargs):
        import sys

        print("Traceback (most recent call last): plyer noise", file=sys.stderr)
        raise NotImplementedError("no usable implementation found!")

    monkeypatch.setattr(notification, "notify", fails)
    delivery = Notifier(backend=Backend(PLYER)).send(Notice("x", "y"))
    assert (delivery.ok, delivery.error) == (
        False,
        "NotImplementedError: no usable implementation found!",
    )
    assert capsys.readouterr().err == ""


def test_a_plyer_call_that_hangs_cannot_hold_the_notifier(monkeypatch):
    from plyer import notification

    release = threading.Event()
    monkeypatch.setattr(notification, "notify", lambda **_kwargs: release.wait(30))
    try:
        delivery = Notifier(timeout=0.2, display_seconds=0, backend=Backend(PLYER)).send(
            Notice("x", "y")
        )
    finally:
        release.set()
    assert (delivery.ok, delivery.error) == (False, "plyer did not finish within 0.2 s")


def test_with_no_backend_the_notifier_returns_the_advice_instead_of_raising():
    delivery = Notifier(backend=Backend("none", advice="install jeepney")).send(Notice("x", "y"))
    assert (delivery.ok, delivery.backend) == (False, "none")
    assert "install jeepney" in delivery.error


def test_nothing_patches_plyer_internals():
    source = Path(__file__).parents[2] / "tracker"
    texts = [path.read_text(encoding="utf-8") for path in source.rglob("*.py")]
    assert not [text for text in texts if "plyer.platforms" in text]
