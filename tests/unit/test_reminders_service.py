"""The service and the app claim reminders in the shared store: each one is shown once, anywhere.

These run in-process on a real data file in tmp_path, with a frozen clock and a notifier
that records what it is asked to show. The service as a real process is in tests/e2e.
"""

from __future__ import annotations

import signal
import threading
import time as clock
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz

from tracker.clock import Clock
from tracker.errors import TrackerError
from tracker.model import Mark, MarkStatus, NotificationSettings, Promise, QualityKind, QualityTime
from tracker.reminder_rules.messages import Notice
from tracker.reminders import Toast
from tracker.reminders.inapp import InAppReminders
from tracker.reminders.notifier import Backend, Delivery
from tracker.reminders.service import (
    ReminderService,
    running_service_pid,
    single_instance,
    stop_on_signals,
)
from tracker.reminders.wakeup import Wakeup
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import Store

BERLIN = tz.gettz("Europe/Berlin")
SECRET = "Apologise for the thing with Alex"


def at(day: int, hour: int, minute: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


class RecordingNotifier:
    """Shows nothing; remembers what it was given. `fail` makes every delivery fail."""

    def __init__(self, fail: str = "") -> None:
        self.sent: list[Notice] = []
        self.offers: list[tuple[Notice, list[str], object]] = []
        self.withdrawn = 0
        self.fail = fail
        self.backend = Backend("stand-in", "records notices")

    def send(self, notice: Notice) -> Delivery:
        self.sent.append(notice)
        if self.fail:
            return Delivery(False, "stand-in", self.fail)
        return Delivery(True, "stand-in")

    def send_with_actions(self, notice: Notice, actions, on_choice, **_options) -> Delivery:
        """Like a desktop with buttons: the offer is kept so a test can click one."""
        self.offers.append((notice, [action.key for action in actions], on_choice))
        return self.send(notice)

    def withdraw_offers(self) -> None:
        self.withdrawn += 1


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store.open(tmp_path / "tracker.json")
    settings = store.settings()
    store.save_settings(
        replace(settings, notifications=replace(NotificationSettings(), checkin_time=time(21, 0)))
    )
    store.add_promise(
        Promise(
            SECRET,
            parse_schedule("daily"),
            date(2026, 3, 1),
            why="Because of what I said",
            reminders=(time(9, 0), time(12, 0), time(20, 30)),
        )
    )
    store.add_quality(QualityTime(date(2026, 3, 10), 60, QualityKind.CONVERSATION, note="private"))
    return store


def tracker_at(store: Store, moment: datetime) -> Tracker:
    return Tracker(store, Clock(BERLIN, frozen=moment))


def service_at(store: Store, moment: datetime, notifier=None, lines=None) -> ReminderService:
    log = (lines if lines is not None else []).append
    return ReminderService(tracker_at(store, moment), notifier or RecordingNotifier(), log)


def test_the_service_shows_a_due_reminder_once_and_logs_no_private_text(store):
    notifier, lines = RecordingNotifier(), []
    service = service_at(store, at(10, 20, 30), notifier, lines)
    service.fire_once(at(10, 20, 30))
    service.fire_once(at(10, 20, 31))
    assert [n.summary for n in notifier.sent] == ["A promise is due"]
    assert lines == ['2026-03-10 20:30 sent "A promise is due" through stand-in']
    shown = notifier.sent[0].summary + notifier.sent[0].body
    assert "Alex" not in shown and "Because" not in shown


def test_the_app_and_the_service_never_both_show_one_reminder(store, tmp_path):
    service_notifier = RecordingNotifier()
    service = service_at(store, at(10, 20, 30), service_notifier)
    app_store = Store.open(tmp_path / "tracker.json")  # another process's view of the file
    app = InAppReminders(tracker_at(app_store, at(10, 20, 31)))
    service.fire_once(at(10, 20, 30))
    assert app.tick() == []
    assert len(service_notifier.sent) == 1
    # And the other way round: what the app (opened next morning) claimed first, the
    # service leaves alone.
    app = InAppReminders(tracker_at(app_store, at(11, 9, 0)))
    [notice] = app.tick()
    assert notice.summary == "A promise is due"
    service.fire_once(at(11, 9, 1))
    assert len(service_notifier.sent) == 1


def test_after_a_sleep_recent_reminders_fire_and_older_ones_become_one_missed_notice(store):
    notifier = RecordingNotifier()
    service = service_at(store, at(10, 20, 40), notifier)
    firing = service.fire_once(at(10, 20, 40), since=at(10, 8, 0))
    assert firing is not None
    assert firing.missed == 2  # 09:00 and 12:00
    assert [n.summary for n in notifier.sent] == ["A promise is due", "Missed reminders"]
    assert notifier.sent[1].body.startswith("2 reminders came due")
    # They are claimed: nothing comes back for them later.
    assert service.fire_once(at(10, 20, 41), since=at(10, 8, 0)).notices == ()


def test_a_kept_promise_gets_no_reminder_and_the_check_in_counts_what_is_open(store):
    promise = store.promises()[0]
    store.put_mark(Mark(promise.id, date(2026, 3, 10), MarkStatus.KEPT))
    notifier = RecordingNotifier()
    service = service_at(store, at(10, 20, 30), notifier)
    service.fire_once(at(10, 20, 30))
    service.fire_once(at(10, 21, 0))
    assert notifier.sent == []  # kept: no reminder, and no open promise for the check-in
    service.fire_once(at(11, 21, 0))
    assert [(n.summary, n.body) for n in notifier.sent] == [
        ("Evening check-in", "1 promise still open today.")
    ]


def test_a_failed_notification_is_logged_and_the_service_goes_on(store):
    notifier, lines = RecordingNotifier(fail="notify-send failed: no bus"), []
    service = service_at(store, at(10, 20, 30), notifier, lines)
    assert service.fire_once(at(10, 20, 30)) is not None
    assert service.failed_deliveries == 1
    assert lines == [
        '2026-03-10 20:30 could not show "A promise is due": notify-send failed: no bus. '
        "Still running; `tracker doctor` can help."
    ]
    # Claimed all the same: a broken notifier does not make it fire again and again.
    service.fire_once(at(10, 20, 31))
    assert len(notifier.sent) == 1


def test_a_damaged_data_file_is_logged_once_and_retried(store):
    lines: list[str] = []
    service = service_at(store, at(10, 20, 30), lines=lines)
    good = store.path.read_bytes()
    store.path.write_text("{ not json", encoding="utf-8")
    assert service.fire_once(at(10, 20, 30)) is None
    assert service.fire_once(at(10, 20, 31)) is None
    assert len(lines) == 1 and "could not read or save reminders" in lines[0]
    store.path.write_bytes(good)
    assert service.fire_once(at(10, 20, 32)) is not None


def test_the_service_sleeps_until_the_next_reminder_but_never_more_than_a_minute(store):
    service = service_at(store, at(10, 20, 0))
    early = at(10, 20, 0)
    firing = tracker_at(store, early).reminders.claim(early)
    assert firing.next_at == at(10, 20, 30)
    assert service._seconds_to_sleep(early, firing) == 60
    close = at(10, 20, 29) + timedelta(seconds=50)
    firing = tracker_at(store, close).reminders.claim(close)
    # Just after the reminder's instant, so that it is due on waking.
    assert service._seconds_to_sleep(close, firing) == pytest.approx(10.05)
    assert service._seconds_to_sleep(close, None) == 60


def test_the_in_app_tick_returns_nothing_while_the_data_file_is_unusable(store):
    app = InAppReminders(tracker_at(store, at(10, 20, 30)))
    store.path.write_text("[]", encoding="utf-8")
    assert app.tick() == []
    assert app.last_error


def test_a_second_service_on_the_same_data_file_is_refused(store):
    assert running_service_pid(store.path) is None
    with single_instance(store.path):
        pid = running_service_pid(store.path)
        assert pid is not None and pid > 0
        with pytest.raises(TrackerError, match="already running"), single_instance(store.path):
            pass
    assert running_service_pid(store.path) is None


def test_the_apps_hook_returns_toasts_and_sends_the_desktop_notification_too(store):
    notifier = RecordingNotifier()
    hook = InAppReminders(tracker_at(store, at(10, 20, 30)), notifier=notifier)
    toasts = hook(at(10, 20, 30))
    hook.wait_for_desktop()
    assert toasts == [
        Toast(
            "A promise is due",
            "One of your promises is due now. Open tracker when you have a moment.",
            ("promise:1:2026-03-10:20:30",),  # what a snooze from the toast needs
        )
    ]
    assert [notice.summary for notice in notifier.sent] == ["A promise is due"]
    assert hook(at(10, 20, 31)) == []


def test_when_desktop_notifications_fail_the_app_says_so_once(store):
    hook = InAppReminders(
        tracker_at(store, at(10, 20, 30)),
        notifier=RecordingNotifier(fail="notify-send failed: no bus"),
    )
    assert len(hook(at(10, 20, 30))) == 1
    hook.wait_for_desktop()
    [(title, message, keys)] = hook(at(10, 20, 31))
    assert keys == ()  # nothing to snooze in that one
    assert title == "Desktop notifications are not working"
    assert message.startswith("notify-send failed: no bus. Reminders show here while")
    hook(at(11, 9, 0))
    hook.wait_for_desktop()
    assert hook(at(11, 9, 1)) == []  # the same reason is not repeated


# --- snooze buttons ------------------------------------------------------------------------


def test_a_reminder_offers_snooze_buttons_and_a_click_is_kept_by_the_loop(store):
    notifier, lines = RecordingNotifier(), []
    service = service_at(store, at(10, 20, 30), notifier, lines)
    finished = threading.Event()

    def loop() -> None:
        service.run()
        finished.set()

    worker = threading.Thread(target=loop, daemon=True)
    worker.start()
    deadline = clock.monotonic() + 20
    while not notifier.offers and clock.monotonic() < deadline:
        clock.sleep(0.01)
    [(notice, buttons, on_choice)] = notifier.offers
    assert buttons == ["snooze-30", "snooze-60"]
    # The desktop's listening thread hears the click; the loop (asleep for a minute) wakes.
    threading.Thread(target=on_choice, args=("snooze-30",)).start()
    while not any("snoozed" in line for line in lines) and clock.monotonic() < deadline:
        clock.sleep(0.01)
    service.stop()
    assert finished.wait(20)
    assert '2026-03-10 20:30 snoozed "A promise is due" for 30 minutes' in lines
    [snooze] = tracker_at(store, at(10, 20, 31)).snoozes.all()
    assert snooze.until == at(10, 21, 0)
    assert snooze.reminder_key == notice.keys[0]
    assert notifier.withdrawn == 1  # stopping takes the waiting buttons down
    assert lines[-1] == "stopped"


def test_a_signal_delivered_to_another_thread_still_stops_the_sleeping_loop(store):
    """The kernel may hand SIGTERM to any thread (the notifier's listening one, say); the
    loop, asleep in the main thread, must still wake and stop, and a handler that took a
    lock the loop holds could hang it for good: `stop` takes none."""
    lines: list[str] = []
    service = ReminderService(
        tracker_at(store, at(10, 20, 31)), RecordingNotifier(), lines.append, max_sleep=3600
    )
    watchdog_stopped = threading.Event()

    def signal_from_another_thread() -> None:
        deadline = clock.monotonic() + 20
        while not lines and clock.monotonic() < deadline:
            clock.sleep(0.01)
        clock.sleep(0.2)  # the loop is asleep by now (and if not, its next sleep ends at once)
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
        # Against a hang only: never a measurement.
        if not stopped.wait(30):
            watchdog_stopped.set()
            service.stop()

    stopped = threading.Event()
    sender = threading.Thread(target=signal_from_another_thread, daemon=True)
    sender.start()
    with stop_on_signals(service):
        service.run()
    stopped.set()
    sender.join(30)
    assert not watchdog_stopped.is_set(), "the signal did not wake the loop"
    assert lines[-1] == "stopped"


def test_a_wake_that_comes_before_the_sleep_is_not_lost():
    wakeup = Wakeup()
    try:
        wakeup.wake()
        wakeup.wake()
        done = threading.Event()

        def sleeper() -> None:
            wakeup.sleep(3600)
            done.set()

        threading.Thread(target=sleeper, daemon=True).start()
        assert done.wait(30)
        done.clear()
        threading.Thread(target=sleeper, daemon=True).start()
        wakeup.wake()  # from this thread, while the other sleeps
        assert done.wait(30)
    finally:
        wakeup.close()


def test_a_button_that_is_not_a_snooze_is_ignored(store):
    notifier, lines = RecordingNotifier(), []
    service = service_at(store, at(10, 20, 30), notifier, lines)
    service.fire_once(at(10, 20, 30))
    [(_notice, _buttons, on_choice)] = notifier.offers
    on_choice("default")
    service.keep_snoozes()
    assert tracker_at(store, at(10, 20, 31)).snoozes.all() == []
    assert not any("snoozed" in line for line in lines)


def test_once_from_cron_and_the_missed_notice_show_no_buttons(store):
    notifier = RecordingNotifier()
    once = ReminderService(
        tracker_at(store, at(10, 20, 40)), notifier, [].append, offer_snooze=False
    )
    once.fire_once(at(10, 20, 40))
    assert notifier.offers == [] and len(notifier.sent) == 1
    notifier = RecordingNotifier()
    service = service_at(store, at(11, 9, 0), notifier)
    service.fire_once(at(11, 12, 5), since=at(11, 8, 0))  # 09:00 missed, 12:00 due
    assert [n.summary for n in notifier.sent] == ["A promise is due", "Missed reminders"]
    assert [offer[0].summary for offer in notifier.offers] == ["A promise is due"]


def test_a_day_excused_ahead_sends_no_reminder_that_day(store):
    """Issue 11 point 17: a planned excuse is a mark like any other; reminders see it."""
    (promise,) = store.promises()
    tracker_at(store, at(10, 8, 0)).plans.excuse(
        promise, date(2026, 3, 12), date(2026, 3, 13), reason="travelling"
    )
    notifier = RecordingNotifier()
    for day in (12, 13):
        service = service_at(store, at(day, 20, 30), notifier)
        service.fire_once(at(day, 9, 0))
        service.fire_once(at(day, 20, 30))
    assert notifier.sent == []
    service_at(store, at(14, 9, 0), notifier).fire_once(at(14, 9, 0))
    assert [n.summary for n in notifier.sent] == ["A promise is due"], "the day after reminds"
