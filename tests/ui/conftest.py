"""Fixtures for the app's stories (helpers live in app_support.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import BERLIN, EVENING, TODAY, add_promise, frozen_clock, make_app, open_store  # noqa: F401

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.store import Store
from tracker.ui.app import TrackerApp


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
    write_demo(path, years=5, promises=20, today=TODAY, seed=2026, practices=True)
    return path


@pytest.fixture
def demo_store(demo_master: Path, tmp_path: Path) -> Store:
    """A private copy of the demo, so a story may change it."""
    target = tmp_path / "demo.json"
    shutil.copy2(demo_master, target)
    shutil.copytree(demo_master.with_name("demo.marks"), tmp_path / "demo.marks")
    return open_store(target)
