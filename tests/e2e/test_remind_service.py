"""`tracker remind` as a real process: it fires on time, outlives failures, stops on SIGTERM.

The clock is set with TRACKER_NOW a few seconds before a reminder, then flows; the
notifications go over a private D-Bus session bus to the stand-in daemon in
dbus_fixtures. Waiting uses deadlines against hangs; nothing asserts how long it took.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path

import pytest
from dbus_fixtures import notification_server, private_session_bus

from tracker.model import NotificationSettings, Promise, Settings
from tracker.schedule import parse_schedule
from tracker.store import Store

DEADLINE = 30.0  # seconds: against a hang, never a measurement
NO_QUIET_HOURS = NotificationSettings(quiet_start=time(0, 0), quiet_end=time(0, 0))


@pytest.fixture
def bus(tmp_path) -> Iterator[str]:
    folder = tmp_path / "bus"
    folder.mkdir()
    with private_session_bus(folder) as address:
        yield address


class RunningService:
    """A `tracker remind` process whose output lines can be awaited."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str) -> str:
        """The first new output line containing `text`; fails with all output if none comes."""
        while True:
            try:
                line = self._queue.get(timeout=DEADLINE)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {DEADLINE} s; output: {self.lines}")
            if line is None:
                pytest.fail(f"the service ended before saying {text!r}; output: {self.lines}")
            self.lines.append(line)
            if text in line:
                return line

    def stop(self, signum: int = signal.SIGTERM) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=DEADLINE)
        self.wait_for("stopped")
        return code


@contextmanager
def running_service(db: Path, env: dict[str, str]) -> Iterator[RunningService]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "remind"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    service = RunningService(process)
    try:
        yield service
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=DEADLINE)


def environment(bus_address: str, now: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TRACKER_DB"}}
    env.update(
        DBUS_SESSION_BUS_ADDRESS=bus_address,
        TZ="Europe/Berlin",
        TRACKER_NOW=now,
        PYTHONUNBUFFERED="1",
    )
    return env


def data_with_reminders(db: Path, *times: time) -> None:
    store = Store.open(db)
    store.save_settings(Settings(notifications=NO_QUIET_HOURS))
    store.add_promise(
        Promise(
            "Say sorry to Sam",
            parse_schedule("daily"),
            date(2026, 3, 1),
            reminders=tuple(times),
        )
    )


def test_the_service_fires_at_the_reminder_time_and_stops_cleanly_on_sigterm(bus, tmp_path):
    db = tmp_path / "t.json"
    data_with_reminders(db, time(20, 30))
    with (
        notification_server(bus) as server,
        running_service(db, environment(bus, "2026-03-10T20:29:57")) as service,
    ):
        service.wait_for("watching")
        line = service.wait_for("sent")
        assert line == '2026-03-10 20:30 sent "A promise is due" through d-bus'
        calls = server.wait_for_calls(1)
        # Asleep now until tomorrow's reminder (in one-minute naps): SIGTERM ends it.
        assert service.stop(signal.SIGTERM) == 0
    [call] = calls
    assert (call.summary, call.app_name, call.expire_timeout) == (
        "A promise is due",
        "tracker",
        10_000,
    )
    assert "Sam" not in call.summary + call.body
    assert not any("Traceback" in line for line in service.lines)


def test_a_skipped_0230_fires_at_0300_on_the_night_clocks_spring_forward(bus, tmp_path):
    db = tmp_path / "t.json"
    data_with_reminders(db, time(2, 30))
    # 01:59:57 CET; three seconds later the clocks jump from 02:00 to 03:00 CEST.
    with (
        notification_server(bus) as server,
        running_service(db, environment(bus, "2026-03-29T01:59:57+01:00")) as service,
    ):
        line = service.wait_for("sent")
        assert line.startswith("2026-03-29 03:00 sent")
        assert len(server.wait_for_calls(1)) == 1
        assert service.stop(signal.SIGINT) == 0  # ctrl+c is as clean as SIGTERM


def test_the_service_outlives_a_failed_notification_and_fires_the_next_one(bus, tmp_path):
    db = tmp_path / "t.json"
    data_with_reminders(db, time(20, 30), time(20, 31))
    # 20:30 is due on start, but no notification daemon is on the bus yet: it fails.
    with running_service(db, environment(bus, "2026-03-10T20:30:50")) as service:
        failure = service.wait_for("could not show")
        assert failure.startswith(
            '2026-03-10 20:30 could not show "A promise is due": the session bus has no '
            "notification server that took it"
        )
        assert service.process.poll() is None  # still running
        with notification_server(bus) as server:
            assert service.wait_for("sent").startswith("2026-03-10 20:31 sent")
            assert len(server.wait_for_calls(1)) == 1
        assert service.stop() == 0


def test_without_any_bus_the_service_logs_one_line_and_keeps_running(tmp_path):
    db = tmp_path / "t.json"
    data_with_reminders(db, time(20, 30))
    env = environment(f"unix:path={tmp_path / 'no-bus-here'}", "2026-03-10T20:30:05")
    with running_service(db, env) as service:
        line = service.wait_for("could not show")
        assert "no session bus at unix:path=" in line
        assert service.process.poll() is None
        assert service.stop() == 0


def test_a_second_service_on_the_same_data_is_refused(bus, tmp_path):
    db = tmp_path / "t.json"
    data_with_reminders(db, time(20, 30))
    env = environment(bus, "2026-03-10T12:00:00")
    with running_service(db, env) as first:
        first.wait_for("watching")
        second = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(db), "remind"],
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
        assert second.returncode == 1
        assert "already running" in second.stderr
        assert f"process {first.process.pid}" in second.stderr
        assert first.stop() == 0
