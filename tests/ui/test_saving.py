"""Stories on saving: the day's backup off the keypress, and a data file busy elsewhere."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from app_support import BERLIN, TODAY, add_promise, frozen_clock, make_app
from ui_support import screen_text, settle

from tracker.clock import Clock
from tracker.model import MarkStatus
from tracker.store import Store
from tracker.store.locking import ProcessLock
from tracker.ui.app import TrackerApp
from tracker.ui.widgets.fitted_table import FittedTable

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=BERLIN)  # the same date in Berlin and in UTC


def _written_yesterday(path) -> Store:
    """A data file last saved yesterday: its automatic backup is yesterday's."""
    yesterday = Store.open(path, now=lambda: NOON - timedelta(days=1))
    add_promise(yesterday, "Phone away at dinner", kept_days=1)
    add_promise(yesterday, "Text when I'll be late")
    assert [b.taken.date() for b in yesterday.backups()] == [TODAY - timedelta(days=1)]
    return yesterday


def _automatic_days(store: Store) -> list[date]:
    return sorted(b.taken.date() for b in store.backups() if b.label == "auto")


def _opened_today(path) -> tuple[Store, Clock, TrackerApp]:
    """The app opened at noon on a file last saved yesterday (automatic backups on)."""
    _written_yesterday(path)
    clock = frozen_clock(NOON)
    store = Store.open(path, now=clock.now)
    return store, clock, make_app(store, clock)


async def test_the_days_backup_is_taken_before_the_first_check_off(tmp_path):
    """The app takes it in a worker at start: the first check-off only writes its mark."""
    store, _clock, app = _opened_today(tmp_path / "tracker.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _automatic_days(store) == [TODAY - timedelta(days=1), TODAY]
        taken = store.backups()[0].path.read_bytes()
        await pilot.press("space")
        await settle(pilot)
        assert TODAY in store.marks_of(1)
        assert store.backups()[0].path.read_bytes() == taken, "no second backup today"


async def test_a_new_day_while_the_app_is_open_gets_its_backup_before_any_change(tmp_path):
    store, clock, app = _opened_today(tmp_path / "tracker.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.frozen = NOON + timedelta(days=1)
        app.poll_store()
        await settle(pilot)
        assert _automatic_days(store)[-1] == TODAY + timedelta(days=1)


async def test_when_the_worker_could_not_take_it_the_first_change_still_does(tmp_path):
    """The crash case: whatever stopped the worker (another tracker holding the file, the
    app killed before it ran), the day's first change is never saved without the backup
    of the day before it."""
    path = tmp_path / "tracker.json"
    _written_yesterday(path)
    clock = frozen_clock(NOON)
    store = Store.open(path, now=clock.now, lock_timeout=0.2)
    app = make_app(store, clock, poll_seconds=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        with ProcessLock(Path(f"{path}.lock"), timeout=10):
            await settle(pilot)  # the worker gave up: the file was busy
        assert _automatic_days(store) == [TODAY - timedelta(days=1)]
        await pilot.press("space")
        await settle(pilot)
        assert store.marks_of(1)[TODAY].status is MarkStatus.KEPT
        assert _automatic_days(store) == [TODAY - timedelta(days=1), TODAY]
        backup = json.loads(store.backups()[0].path.read_text(encoding="utf-8"))
        days = backup["marks"]["1"]["marks"]
        # The backup holds the data as it was just before the change.
        assert str((TODAY - timedelta(days=1)).toordinal()) in days
        assert str(TODAY.toordinal()) not in days


async def test_a_busy_data_file_never_freezes_the_app_and_the_change_is_saved_after(tmp_path):
    path = tmp_path / "tracker.json"
    store = Store.open(path, now=frozen_clock().now, lock_timeout=0.2, automatic_backups=False)
    first = add_promise(store, "Phone away at dinner")
    second = add_promise(store, "Text when I'll be late")
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        with ProcessLock(Path(f"{path}.lock"), timeout=10):
            started = time.monotonic()
            await pilot.press("space")
            await pilot.pause()
            assert time.monotonic() - started < 3, "waits briefly, never the store's 10 s"
            assert "Another tracker is saving" in screen_text(app)
            assert "Your change is kept" in screen_text(app)
            app.screen.query_one(FittedTable).move_cursor(row=1)
            await pilot.press("space")  # asked while the first waits: saved after it
            await pilot.pause()
            assert TODAY not in store.marks_of(first.id)
        for _ in range(60):  # retried every second, without another keypress
            await pilot.pause(0.1)
            if TODAY in store.marks_of(second.id):
                break
        assert store.marks_of(first.id)[TODAY].status is MarkStatus.KEPT
        assert store.marks_of(second.id)[TODAY].status is MarkStatus.KEPT
        assert "● kept" in screen_text(app)


async def test_a_damaged_history_is_told_calmly_once_at_start_and_when_it_happens(tmp_path):
    store = Store.open(tmp_path / "tracker.json", now=frozen_clock().now, automatic_backups=False)
    add_promise(store, "Phone away at dinner", kept_days=2)
    walk = add_promise(store, "Walk after work", kept_days=2)
    store.set_archived(walk.id, True)
    walk_marks = store.marks_dir / f"{walk.id}.json"
    walk_marks.write_bytes(walk_marks.read_bytes()[:20])  # an archived promise's history
    app = make_app(store, poll_seconds=0.05)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "needs care" in text and "Walk after work" in text
        assert text.count("needs care") == 1
        for _ in range(5):  # later polls do not repeat what was said
            app.check_notices()
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert screen_text(app).count("needs care") == 1


async def test_a_tz_that_names_no_zone_is_told_as_the_time_zone_not_as_damage(tmp_path):
    """The clock's notice is about the machine's time zone, not the data: its own title."""
    store = Store.open(tmp_path / "tracker.json", now=frozen_clock().now, automatic_backups=False)
    add_promise(store, "Phone away at dinner")
    said = "TZ='Mars/Olympus_Mons' is not a time zone name; times are in UTC."
    clock = Clock(zone=BERLIN, frozen=frozen_clock().now(), notice=said)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "The time zone" in text and "Mars/Olympus_Mons" in text
        assert "needs care" not in text
