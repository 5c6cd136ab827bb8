"""The reminder service keeps the partner's view current: each time it wakes it writes our
share if there is something new to tell (a change no process shared, a new day), and says
a problem once, not every minute."""

from __future__ import annotations

from datetime import datetime, timedelta

from app_support import EVENING, TODAY, add_promise, frozen_clock, open_store

from tracker.model import Mark, MarkStatus
from tracker.reminders.notifier import Backend, Delivery
from tracker.reminders.service import ReminderService
from tracker.service import Tracker


class QuietNotifier:
    backend = Backend("stand-in", "shows nothing")

    def send(self, notice: object) -> Delivery:
        return Delivery(True, "stand-in")

    def withdraw_offers(self) -> None:
        """No notification offers buttons here, so none waits to be taken down."""


def service_at(tracker: Tracker, moment: datetime, log: list[str]) -> ReminderService:
    moved = Tracker(tracker._context.store, frozen_clock(moment))
    return ReminderService(moved, QuietNotifier(), log.append)


def test_the_reminder_service_writes_the_share_only_when_it_has_something_new(tmp_path):
    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    sam = Tracker(open_store(tmp_path / "sam" / "tracker.json"), frozen_clock())
    log: list[str] = []
    service = service_at(alex, EVENING, log)
    service.share_if_new(EVENING)
    assert log == []  # sharing is not set up: nothing is done, nothing is said

    folder = tmp_path / "Sync" / "us"
    code = alex.sharing.setup(folder, "Alex").saved.code
    service.share_if_new(EVENING)
    service.share_if_new(EVENING)
    assert [line for line in log if "Waiting for your partner" in line] == [log[0]]  # once
    sam.sharing.join(folder, code, "Sam")

    walk = add_promise(alex._context.store, "Evening walk")
    service.share_if_new(EVENING)
    assert log[-1].endswith("wrote your share for your partner")
    first = alex.sharing.status().written_sequence
    service.share_if_new(EVENING + timedelta(minutes=1))
    assert alex.sharing.status().written_sequence == first  # nothing new: not written

    # A change made by a process that did not share it (killed before its publish).
    alex._context.store.put_mark(Mark(walk.id, TODAY, MarkStatus.KEPT))
    service.share_if_new(EVENING + timedelta(minutes=2))
    assert alex.sharing.status().written_sequence == first + 1
    assert [row.status.value for row in sam.sharing.day().rows] == ["kept"]

    # A new day is news: the partner's view moves on to it even with nothing checked off.
    tomorrow = EVENING + timedelta(days=1)
    service_at(alex, tomorrow, log).share_if_new(tomorrow)
    assert alex.sharing.status().written_sequence == first + 2
    sams_tomorrow = Tracker(sam._context.store, frozen_clock(tomorrow)).sharing.day()
    assert not sams_tomorrow.is_behind
    assert [row.status.value for row in sams_tomorrow.rows] == ["open"]


def test_the_loop_shares_after_firing_reminders(tmp_path):
    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    sam = Tracker(open_store(tmp_path / "sam" / "tracker.json"), frozen_clock())
    folder = tmp_path / "Sync" / "us"
    sam.sharing.join(folder, alex.sharing.setup(folder, "Alex").saved.code, "Sam")
    add_promise(alex._context.store, "Evening walk")
    log: list[str] = []
    service = service_at(alex, EVENING, log)
    original_fire = service.fire_once

    def fire_then_stop(now: datetime, since: datetime | None = None):
        service.stop()  # one turn of the loop
        return original_fire(now, since)

    service.fire_once = fire_then_stop
    service.run()
    assert any(line.endswith("wrote your share for your partner") for line in log)
    assert [row.promise.title for row in sam.sharing.day().rows] == ["Evening walk"]
