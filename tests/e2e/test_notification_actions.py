"""Snooze buttons on real notifications, on a private D-Bus session bus.

The stand-in server (dbus_action_fixtures) speaks the Desktop Notifications protocol
with actions: it lists "actions" in GetCapabilities, takes Notify with its buttons, and
emits ActionInvoked(id, key) when the test clicks one. tracker's notifier talks to it
exactly as to a desktop's server; the snooze that the click asks for is then kept as
the store will keep it (a document) and brings the reminder back once.
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz
from dbus_action_fixtures import action_server, process_session_bus

from tracker.model import NotificationSettings, Promise, Settings
from tracker.practices.documents import snooze_from_doc, snooze_to_doc
from tracker.reminders.desktop_actions import SNOOZE_ACTIONS, snooze_minutes
from tracker.reminders.due import ReminderKind, due_reminders
from tracker.reminders.messages import Notice, compose
from tracker.reminders.notifier import DESKTOP_BUS, Backend, Notifier
from tracker.reminders.snooze import Snooze, pending_snoozes, snoozes_for_keys
from tracker.schedule import parse_schedule

BERLIN = tz.gettz("Europe/Berlin")
DEADLINE = 20.0  # seconds: against a hang, never a measurement
BUTTONS = ["snooze-30", "Snooze 30 min", "snooze-60", "Snooze 1 hour"]
PROMISE = Promise(
    "Apologise to Sam for the lie",
    parse_schedule("daily"),
    date(2026, 3, 1),
    id=7,
    reminders=(time(20, 30), time(20, 45)),
)
# The evening check-in at 22:00, out of the way of the 21:00 return.
SETTINGS = Settings(notifications=NotificationSettings(checkin_time=time(22, 0)))


@pytest.fixture
def session_bus(tmp_path, monkeypatch):
    with process_session_bus(tmp_path, monkeypatch) as address:
        yield address


def notifier(**options: float) -> Notifier:
    return Notifier(backend=Backend(DESKTOP_BUS), **options)


def at(hour: int, minute: int, second: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=BERLIN)


def due_at(now: datetime, snoozes: tuple[Snooze, ...] = (), fired: frozenset[str] = frozenset()):
    return due_reminders(SETTINGS, [PROMISE], {}, fired, now, snoozes=snoozes)


def test_a_due_reminder_offers_snooze_buttons_and_the_click_comes_back(session_bus):
    [reminder] = due_at(at(20, 30, 5))
    [notice] = compose([reminder], 0, show_titles=False)
    chosen: list[str] = []
    with action_server(session_bus, click_on_arrival="snooze-30") as server:
        sender = notifier()
        delivery = sender.send_with_actions(notice, SNOOZE_ACTIONS, chosen.append)
        [call] = server.wait_for_calls(1)
        server.wait_for_closed(1)
        sender.withdraw_offers()
    assert delivery.ok, delivery.error
    assert delivery.backend == "d-bus"
    assert call.actions == BUTTONS
    assert (call.app_name, call.expire_timeout) == ("tracker", 10_000)
    assert call.summary == "A promise is due"
    assert "Sam" not in call.summary + call.body + " ".join(call.actions)  # discreet
    assert chosen == ["snooze-30"]
    assert snooze_minutes(chosen[0]) == 30


def test_snoozed_from_the_notification_it_comes_back_once_even_after_a_restart(session_bus):
    """20:30 fires; the user clicks "Snooze 30 min"; 20:45 is held back; at 21:00 the
    reminder comes back once, read by a service that started again from the stored data."""
    fired_at = at(20, 30, 5)
    [reminder] = due_at(fired_at)
    [notice] = compose([reminder], 0, show_titles=False)
    stored: list[dict] = []

    def snooze(key: str) -> None:
        minutes = snooze_minutes(key)
        assert minutes is not None
        until = fired_at + timedelta(minutes=minutes)
        stored.extend(snooze_to_doc(s) for s in snoozes_for_keys(notice.keys, until, fired_at))

    with action_server(session_bus, click_on_arrival="snooze-30") as server:
        first = notifier()
        assert first.send_with_actions(notice, SNOOZE_ACTIONS, snooze).ok
        server.wait_for_closed(1)
        first.withdraw_offers()  # the reminder service stops (a restart)

        restarted = tuple(snooze_from_doc(n, doc) for n, doc in enumerate(stored, start=1))
        fired = frozenset({reminder.key})
        assert due_at(at(20, 45, 5), restarted, fired) == []  # held back: "not now"
        [pending] = pending_snoozes(restarted, SETTINGS, at(20, 50))
        assert pending.comes_back_at == at(21, 0, 5)  # thirty minutes after the click

        [back] = due_at(at(21, 0, 5), restarted, fired)
        assert (back.kind, back.promise_id, back.day) == (
            ReminderKind.PROMISE,
            7,
            date(2026, 3, 10),
        )
        [again] = compose([back], 0, show_titles=False)
        second = notifier()
        assert second.send_with_actions(again, SNOOZE_ACTIONS, lambda key: None).ok
        calls = server.wait_for_calls(2)
        second.withdraw_offers()
        assert due_at(at(21, 0, 30), restarted, fired | {back.key}) == []  # once
    assert len(stored) == 1
    assert calls[1].summary == "A promise is due"
    assert calls[1].body == calls[0].body


def test_a_desktop_without_buttons_gets_one_plain_notification(session_bus):
    notice = Notice("A promise is due", "One of your promises is due now.", ("checkin:x",))
    with action_server(session_bus, actions=False) as server:
        delivery = notifier().send_with_actions(notice, SNOOZE_ACTIONS, lambda key: None)
        calls = server.wait_for_calls(1)
        clock.sleep(0.3)  # a second notification, were there one, would arrive by now
        calls = list(server.calls)
    assert delivery.ok, delivery.error
    assert delivery.backend == "d-bus"
    assert [call.actions for call in calls] == [[]]


def test_an_unanswered_offer_is_withdrawn_when_its_window_ends(session_bus):
    notice = Notice("Evening check-in", "2 promises still open today.", ("checkin:2026-03-10",))
    chosen: list[str] = []
    with action_server(session_bus) as server:
        sender = notifier()
        delivery = sender.send_with_actions(notice, SNOOZE_ACTIONS, chosen.append, window=0.5)
        closed = server.wait_for_closed(1)
    assert delivery.ok, delivery.error
    assert closed == [1]  # no button is left on screen with nobody listening
    assert chosen == []


def test_stopping_the_service_takes_waiting_buttons_down(session_bus):
    notice = Notice("A promise is due", "One of your promises is due now.", ("promise:7",))
    with action_server(session_bus) as server:
        sender = notifier()
        assert sender.send_with_actions(notice, SNOOZE_ACTIONS, lambda key: None).ok
        server.wait_for_calls(1)
        started = clock.monotonic()
        sender.withdraw_offers()
        closed = server.wait_for_closed(1)
    assert closed == [1]
    assert clock.monotonic() - started < DEADLINE


def test_a_server_that_never_answers_cannot_hold_up_the_reminder_loop(session_bus):
    notice = Notice("A promise is due", "One of your promises is due now.", ("promise:7",))
    with action_server(session_bus, answer=False) as server:
        started = clock.monotonic()
        delivery = notifier(timeout=3.0).send_with_actions(notice, SNOOZE_ACTIONS, print)
        waited = clock.monotonic() - started
        server.wait_for_calls(1)
    assert not delivery.ok
    assert delivery.error.startswith("the notification server did not answer within")
    assert waited < DEADLINE


def test_without_a_session_bus_the_plain_path_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus-here'}")
    notice = Notice("A promise is due", "One of your promises is due now.", ("promise:7",))
    delivery = notifier().send_with_actions(notice, SNOOZE_ACTIONS, print)
    assert not delivery.ok
    assert delivery.backend == "d-bus"
    assert delivery.error.startswith("no session bus at unix:path=")


@pytest.mark.parametrize("key", ["snooze-0", "snooze-99999", "default", "snooze-x", ""])
def test_only_snooze_buttons_stand_for_minutes(key):
    assert snooze_minutes(key) is None
