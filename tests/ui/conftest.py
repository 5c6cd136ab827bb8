"""Fixtures for the app's stories: a frozen Berlin clock, stores in tmp_path, the fixed demo."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
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
    return TrackerApp(store, clock or frozen_clock(), cursor_blink=False, **options)


def add_promise(
    store: Store,
    title: str,
    schedule: str = "daily",
    start: date = TODAY - timedelta(days=5),
    kept_days: int = 0,
) -> Promise:
    """A promise, kept on each of the `kept_days` days before today."""
    promise = store.add_promise(Promise(title, parse_schedule(schedule), start))
    store.put_marks(
        Mark(promise.id, TODAY - timedelta(days=offset), MarkStatus.KEPT)
        for offset in range(1, kept_days + 1)
    )
    return promise


@pytest.fixture
def clock() -> Clock:
    return frozen_clock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "tracker.json")


@pytest.fixture
def app_factory(store: Store) -> Callable[..., TrackerApp]:
    def factory(clock: Clock | None = None, **options) -> TrackerApp:
        return make_app(store, clock, **options)

    return factory


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed demo history (seed 2026, five years ending on 2026-11-25), written once."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    write_demo(path, years=5, promises=20, today=TODAY, seed=2026)
    return path


@pytest.fixture
def demo_store(demo_master: Path, tmp_path: Path) -> Store:
    """A private copy of the demo, so a story may change it."""
    target = tmp_path / "demo.json"
    shutil.copy2(demo_master, target)
    shutil.copytree(demo_master.with_name("demo.marks"), tmp_path / "demo.marks")
    return open_store(target)
