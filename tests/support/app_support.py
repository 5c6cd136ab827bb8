"""Helpers for the app's stories: a frozen Berlin clock, stores in tmp_path, the fixed demo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dateutil import tz

from tracker.clock import Clock
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import Store
from tracker.ui.app import TrackerApp

BERLIN = tz.gettz("Europe/Berlin")
TODAY = date(2026, 11, 25)  # a Wednesday
EVENING = datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN)


def frozen_clock(moment: datetime = EVENING) -> Clock:
    return Clock(zone=BERLIN, frozen=moment)


def open_store(path: Path) -> Store:
    return Store.open(
        path, now=lambda: datetime(2026, 11, 25, 19, 0, tzinfo=UTC), automatic_backups=False
    )


def make_app(store: Store, clock: Clock | None = None, **options) -> TrackerApp:
    """The app on `store`, through the service, as `tracker --db` opens it."""
    return TrackerApp(Tracker(store, clock or frozen_clock()), cursor_blink=False, **options)


def add_promise(
    store: Store,
    title: str,
    schedule: str = "daily",
    start: date = TODAY - timedelta(days=5),
    kept_days: int = 0,
) -> Promise:
    """A promise added on its start, kept on each of the `kept_days` days before today."""
    added = datetime.combine(start, datetime.min.time(), BERLIN) + timedelta(hours=20)
    promise = store.add_promise(Promise(title, parse_schedule(schedule), start, created=added))
    store.put_marks(
        Mark(promise.id, TODAY - timedelta(days=offset), MarkStatus.KEPT)
        for offset in range(1, kept_days + 1)
    )
    return promise
