"""Real notifications on a real (private) D-Bus session bus, received by a stand-in daemon.

tracker runs as a user runs it from a pipx install on a stock Ubuntu/Debian desktop (a
subprocess whose Python sees no dbus module and whose PATH holds no notify-send: one
`Notify` call on the session bus, through jeepney); the stand-in
org.freedesktop.Notifications server records each Notify call exactly as it arrives on
the bus. These tests must run in CI: without dbus-daemon they fail and say what to
install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from datetime import date, time
from pathlib import Path

import pytest
from dbus_fixtures import NotifyCall, notification_server, private_session_bus

from tracker.model import (
    Note,
    NotificationSettings,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
)
from tracker.schedule import parse_schedule
from tracker.store import Store

PRIVATE_WORDS = ("Sam", "lie", "forgive", "hurt", "party")
NO_PROGRAMS = Path(__file__).parent / "no_programs"  # an empty PATH: no notify-send, no gdbus
NO_DBUS_PYTHON = Path(__file__).parent / "no_dbus_python"  # `import dbus` fails there
COMMAND_DEADLINE = 60  # seconds: against a hang, not a measurement


@pytest.fixture
def bus(tmp_path) -> str:
    folder = tmp_path / "bus"
    folder.mkdir()
    with private_session_bus(folder) as address:
        yield address


def tracker(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), *args],
        cwd=db.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_DEADLINE,
        check=False,
    )


def environment(bus_address: str, **extra: str) -> dict[str, str]:
    """As in a pipx venv: no `dbus` module importable (a stand-in that refuses, should the
    system have python3-dbus), no notify-send or gdbus on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in {"TRACKER_NOW", "TRACKER_DB"}}
    env.update(
        DBUS_SESSION_BUS_ADDRESS=bus_address,
        TZ="Europe/Berlin",
        PATH=str(NO_PROGRAMS),
        PYTHONPATH=str(NO_DBUS_PYTHON),
        **extra,
    )
    return env


def write_private_data(db: Path, title: str, show_titles: bool = False) -> None:
    """A promise due at 20:30 every day, and private writing that must never be shown."""
    store = Store.open(db)
    store.save_settings(Settings(notifications=NotificationSettings(show_titles=show_titles)))
    store.add_promise(
        Promise(
            title,
            parse_schedule("daily"),
            date(2026, 3, 1),
            why="Because the lie at the party still hurts",
            reminders=(time(20, 30),),
        )
    )
    store.add_quality(
        QualityTime(date(2026, 3, 10), 45, QualityKind.CONVERSATION, note="Talked about Sam")
    )
    store.add_note(Note(date(2026, 3, 9), "Sam lied about the party", Trigger.DISHONESTY))


def everything_shown(call: NotifyCall) -> str:
    return " ".join(str(value) for value in asdict(call).values())


def test_notify_test_reaches_the_desktop_and_says_which_backend_delivered_it(bus, tmp_path):
    with notification_server(bus) as server:
        result = tracker(tmp_path / "t.json", "notify-test", env=environment(bus))
        calls = server.wait_for_calls(1)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sent a test notification through d-bus.")
    assert result.stderr == ""
    [call] = calls
    assert call.summary == "tracker test notification"
    assert call.app_name == "tracker"  # plyer's notify-send path would drop these two:
    assert call.expire_timeout == 10_000  # it expires


def test_the_pipx_like_environment_really_has_no_dbus_python_nor_notify_send(bus, tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", "import shutil; import dbus"],
        env=environment(bus),
        capture_output=True,
        text=True,
        timeout=COMMAND_DEADLINE,
        check=False,
    )
    assert "ModuleNotFoundError" in probe.stderr or "ImportError" in probe.stderr
    assert shutil.which("notify-send", path=environment(bus)["PATH"]) is None


def test_a_due_reminder_arrives_once_with_a_discreet_title_and_no_private_text(bus, tmp_path):
    db = tmp_path / "t.json"
    write_private_data(db, "Apologise to Sam for the lie")
    env = environment(bus, TRACKER_NOW="2026-03-10T20:30:05")
    with notification_server(bus) as server:
        first = tracker(db, "remind", "--once", env=env)
        again = tracker(db, "remind", "--once", env=env)  # cron runs it again: nothing new
        calls = server.wait_for_calls(1)
    assert (first.returncode, again.returncode) == (0, 0), first.stderr + again.stderr
    assert first.stdout == '2026-03-10 20:30 sent "A promise is due" through d-bus\n'
    assert again.stdout == ""
    [call] = calls
    assert call.summary == "A promise is due"
    assert call.body == "One of your promises is due now. Open tracker when you have a moment."
    assert (call.app_name, call.expire_timeout) == ("tracker", 10_000)
    shown = everything_shown(call)
    assert not [word for word in PRIVATE_WORDS if word in shown]


def test_with_titles_on_a_tricky_title_arrives_as_typed_and_nothing_runs(bus, tmp_path):
    db = tmp_path / "t.json"
    canary = tmp_path / "canary"  # what `touch canary` would create: tracker runs in tmp_path
    title = 'Call O\'Brien "now" $(touch canary) `touch canary` <b>bold</b> C:\\dir \\n'
    write_private_data(db, title, show_titles=True)
    env = environment(bus, TRACKER_NOW="2026-03-10T20:30:05")
    with notification_server(bus) as server:
        result = tracker(db, "remind", "--once", env=env)
        [call] = server.wait_for_calls(1)
    assert result.returncode == 0, result.stderr
    typed = title.replace("<", "‹").replace(">", "›")  # markup would be eaten or rendered
    assert call.body == f"Due now: {typed}."
    assert "Because" not in call.body  # the "why" stays private even with titles on
    assert not canary.exists()


def test_a_notification_daemon_that_never_answers_cannot_hang_tracker(bus, tmp_path):
    with notification_server(bus, answer=False) as server:
        result = tracker(tmp_path / "t.json", "notify-test", env=environment(bus))
        server.wait_for_calls(1)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "Could not send a test notification: the notification server did not answer within"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_without_a_session_bus_notify_test_explains_in_one_line(tmp_path):
    env = environment(f"unix:path={tmp_path / 'no-bus-here'}")
    result = tracker(tmp_path / "t.json", "notify-test", env=env)
    assert result.returncode == 1
    assert result.stdout.startswith("Could not send a test notification: no session bus at")
    assert len(result.stdout.strip().splitlines()) == 1
    assert "Traceback" not in result.stdout + result.stderr
