"""Snoozing from the notification, end to end: `tracker remind` as a real process, its
notification on a private D-Bus session bus with a stand-in server that shows buttons and
clicks "snooze". The snooze is kept in the data, survives a restart of the service, comes
back once, and waits for the end of quiet hours.

The clock is set with TRACKER_NOW and flows; a one-minute snooze ("snooze-1", as the
buttons name their minutes) keeps the waits short. A service started again just before
the snooze ends is what proves it is read back from the data.
"""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, time
from pathlib import Path

from dbus_action_fixtures import action_server
from test_remind_service import (  # noqa: F401 - `bus` is a fixture
    bus,
    data_with_reminders,
    environment,
    running_service,
)

from tracker.clock import Clock
from tracker.model import NotificationSettings, Settings
from tracker.service import Tracker
from tracker.store import Store

REMINDER = time(20, 30)


def stored_snoozes(db: Path):
    return Tracker(Store.open(db), Clock.system()).snoozes.all()


def quiet(db: Path, start: time, end: time) -> None:
    store = Store.open(db)
    store.save_settings(
        Settings(notifications=NotificationSettings(quiet_start=start, quiet_end=end))
    )


def snooze_from_the_notification(bus: str, db: Path) -> datetime:  # noqa: F811
    """20:30 fires with buttons; the user clicks "snooze 1 minute"; the service keeps it.
    Returns when the snooze ends."""
    with (
        action_server(bus, click_on_arrival="snooze-1") as server,
        running_service(db, environment(bus, "2026-03-10T20:29:57")) as service,
    ):
        assert service.wait_for("sent") == (
            '2026-03-10 20:30 sent "A promise is due" through d-bus'
        )
        assert service.wait_for("snoozed") == (
            '2026-03-10 20:30 snoozed "A promise is due" for 1 minute'
        )
        [call] = server.wait_for_calls(1)
        assert call.actions == ["snooze-30", "Snooze 30 min", "snooze-60", "Snooze 1 hour"]
        assert service.stop() == 0
    [snooze] = stored_snoozes(db)
    return snooze.until


def test_a_snooze_clicked_on_the_notification_comes_back_once_after_a_restart(bus, tmp_path):  # noqa: F811
    db = tmp_path / "t.json"
    data_with_reminders(db, REMINDER)
    quiet(db, time(0, 0), time(0, 0))
    until = snooze_from_the_notification(bus, db)
    assert until.astimezone(UTC).strftime("%H:%M") == "19:31"  # 20:31 in Berlin
    # The service starts again just before the snooze ends: it reads it from the data.
    with (
        action_server(bus) as server,
        running_service(db, environment(bus, "2026-03-10T20:30:57")) as service,
    ):
        assert service.wait_for("sent").startswith('2026-03-10 20:31 sent "A promise is due"')
        [call] = server.wait_for_calls(1)
        assert call.summary == "A promise is due" and "Sam" not in call.summary + call.body
        clock.sleep(3)  # were it to come back twice, the second would be here by now
        assert service.stop() == 0
        assert len(server.calls) == 1
    assert sum("sent" in line for line in service.lines) == 1


def test_a_snooze_that_ends_in_quiet_hours_comes_back_when_they_end(bus, tmp_path):  # noqa: F811
    db = tmp_path / "t.json"
    data_with_reminders(db, REMINDER)
    quiet(db, time(20, 31), time(20, 33))
    snooze_from_the_notification(bus, db)
    # 20:31 is quiet: nothing then.
    with (
        action_server(bus) as server,
        running_service(db, environment(bus, "2026-03-10T20:30:58")) as service,
    ):
        service.wait_for("watching")
        clock.sleep(4)
        assert service.stop() == 0
        assert server.calls == []
    # When quiet hours end, it comes back.
    with (
        action_server(bus) as server,
        running_service(db, environment(bus, "2026-03-10T20:32:57")) as service,
    ):
        assert service.wait_for("sent").startswith("2026-03-10 20:33 sent")
        assert len(server.wait_for_calls(1)) == 1
        assert service.stop() == 0
