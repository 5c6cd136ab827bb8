"""The notifier picks a backend on purpose, passes the keys it reads, and never hangs or raises.

Programs on PATH are stand-ins written by the tests (a notify-send that records its
arguments, one that fails, one that hangs); the dbus-python path gets a stand-in
`dbus` module. The real notify-send on a real bus is tested in tests/e2e.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tracker.reminder_rules.messages import Notice
from tracker.reminders.deliver import DeliveryError, deliver, gvariant_safe
from tracker.reminders.notifier import (
    Backend,
    Notifier,
    find_backend,
    session_bus_address,
)

REQUEST = {
    "summary": "A promise is due",
    "body": 'C:\\path "$(id)" it\'s',
    "app_name": "tracker",
    "display_seconds": 10,
    "call_timeout": 5,
}


def fake_program(folder: Path, name: str, script: str) -> Path:
    """An executable `name` in `folder` running a small Python script."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def recording_program(folder: Path, name: str) -> Path:
    """A stand-in that writes its arguments to `<folder>/<name>.json`."""
    record = folder / f"{name}.json"
    fake_program(
        folder,
        name,
        f"import json, sys; open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))",
    )
    return record


@pytest.fixture
def plyer_linux(monkeypatch):
    """plyer's Linux backend module, its `subprocess` restored after the test."""
    from plyer.platforms.linux import notification as linux

    monkeypatch.setattr(linux, "subprocess", linux.subprocess)
    return linux


@pytest.fixture
def bin_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return folder


# -- choosing a backend -------------------------------------------------------------------


def test_on_linux_notify_send_is_used_when_dbus_python_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    recording_program(tmp_path, "notify-send")
    backend = find_backend("linux", {"PATH": str(tmp_path)})
    assert backend == Backend("notify-send", str(tmp_path / "notify-send"))


def test_dbus_python_is_preferred_when_importable(tmp_path, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    recording_program(tmp_path, "notify-send")
    assert find_backend("linux", {"PATH": str(tmp_path)}).name == "dbus-python"


def test_with_no_backend_the_advice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    backend = find_backend("linux", {"PATH": str(tmp_path)})
    assert not backend.found
    assert "libnotify-bin" in backend.advice
    assert "python3-dbus" in backend.advice
    assert "pyobjus" in find_backend("darwin", {}).advice


def test_a_folder_called_app_does_not_send_us_to_the_flatpak_portal(tmp_path, monkeypatch):
    # plyer takes any /app folder for Flatpak; only /.flatpak-info means Flatpak here.
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    recording_program(tmp_path, "gdbus")
    if Path("/.flatpak-info").exists():
        pytest.fail("these tests do not run inside a Flatpak")
    assert find_backend("linux", {"PATH": str(tmp_path)}).name == "none"


def test_without_a_bus_address_the_user_bus_socket_is_found(tmp_path):
    (tmp_path / "bus").touch()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path}/bus"
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path / "none")}) is None


# -- handing over to plyer's backends -------------------------------------------------------


def test_notify_send_gets_a_timeout_an_app_name_and_the_text_as_typed(bin_dir, plyer_linux):
    record = recording_program(bin_dir, "notify-send")
    deliver({**REQUEST, "backend": "notify-send"})
    argv = json.loads(record.read_text())
    # notify-send expands escapes in the body, so a backslash goes over doubled and
    # arrives single (the e2e test sees it arrive as typed).
    assert argv[:2] == ["A promise is due", 'C:\\\\path "$(id)" it\'s']
    options = dict(zip(argv[2::2], argv[3::2], strict=True))
    assert options["-t"] == "10000"  # expires after 10 s (plyer's default key never did)
    assert options["-a"] == "tracker"
    assert options["-u"] == "normal"


def test_a_failing_notify_send_is_reported_not_ignored(bin_dir, plyer_linux):
    fake_program(
        bin_dir,
        "notify-send",
        "import sys; sys.stderr.write('Cannot autolaunch D-Bus\\n'); sys.exit(1)",
    )
    with pytest.raises(DeliveryError, match="notify-send failed: Cannot autolaunch D-Bus"):
        deliver({**REQUEST, "backend": "notify-send"})


def test_a_hanging_notify_send_is_stopped_by_the_call_timeout(bin_dir, plyer_linux):
    fake_program(bin_dir, "notify-send", "import time; time.sleep(60)")
    with pytest.raises(DeliveryError, match=r"did not finish within 0\.5 s"):
        deliver({**REQUEST, "backend": "notify-send", "call_timeout": 0.5})


def test_dbus_python_gets_every_notify_argument_with_a_string_icon(monkeypatch):
    calls = []

    class Interface:
        def __init__(self, obj, interface):
            assert (obj, interface) == ("object", "org.freedesktop.Notifications")

        def Notify(self, *args):
            calls.append(args)

    class SessionBus:
        def get_object(self, name, path):
            assert (name, path) == (
                "org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
            )
            return "object"

    fake_dbus = types.SimpleNamespace(SessionBus=SessionBus, Interface=Interface)
    monkeypatch.setitem(sys.modules, "dbus", fake_dbus)
    deliver({**REQUEST, "backend": "dbus-python"})
    assert calls == [
        ("tracker", 0, "", "A promise is due", REQUEST["body"], [], {}, 10_000),
    ]


def test_the_portal_call_gets_text_that_cannot_break_its_gvariant_quotes(bin_dir, plyer_linux):
    record = recording_program(bin_dir, "gdbus")
    deliver({**REQUEST, "backend": "xdg-desktop-portal", "summary": "O'Brien \\ x"})
    argv = json.loads(record.read_text())
    assert argv[-1] == "{'title': <'O’Brien ∖ x'>, 'body': <'C:∖path \"$(id)\" it’s'>}"
    assert gvariant_safe("it's") == "it’s"


def test_an_unknown_backend_is_refused():
    with pytest.raises(DeliveryError, match="no notification backend called 'carrier-pigeon'"):
        deliver({**REQUEST, "backend": "carrier-pigeon"})


def test_the_child_process_answers_in_one_json_line_whatever_happens(bin_dir):
    fake_program(bin_dir, "notify-send", "import sys; sys.exit(3)")
    result = subprocess.run(
        [sys.executable, "-m", "tracker.reminders.deliver"],
        input=json.dumps({**REQUEST, "backend": "notify-send"}),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "ok": False,
        "error": "notify-send failed: exit status 3",
    }


# -- the notifier: bounded, never raising ------------------------------------------------------


def test_the_notifier_reports_success_with_the_backend_that_delivered(bin_dir):
    record = recording_program(bin_dir, "notify-send")
    notifier = Notifier(backend=Backend("notify-send", "stand-in"))
    delivery = notifier.send(Notice("A promise is due", "Open tracker"))
    assert (delivery.ok, delivery.backend, delivery.error) == (True, "notify-send", "")
    assert json.loads(record.read_text())[:2] == ["A promise is due", "Open tracker"]


def test_the_notifier_kills_a_backend_that_hangs_and_says_so(bin_dir, tmp_path):
    pid_file = tmp_path / "hung.pid"
    fake_program(
        bin_dir,
        "notify-send",
        f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)",
    )
    # The child gives up after max(0.5, 1 - 1.5) s; the notifier's own limit is 1 s.
    delivery = Notifier(timeout=1, backend=Backend("notify-send", "stand-in")).send(
        Notice("x", "y")
    )
    assert not delivery.ok
    assert "did not" in delivery.error
    hung = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(hung, 0)  # the stand-in was stopped, not left behind


def test_with_no_backend_the_notifier_returns_the_advice_instead_of_raising():
    delivery = Notifier(backend=Backend("none", advice="install libnotify-bin")).send(
        Notice("x", "y")
    )
    assert (delivery.ok, delivery.backend) == (False, "none")
    assert "install libnotify-bin" in delivery.error
