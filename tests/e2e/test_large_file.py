"""An extreme history (~50 MB: 30 promises, 30 years of daily marks, 850 long notes) opens.

The commands are timed and the times printed (run with -s to see them); they are numbers
for the report, not assertions: a shared CI machine makes timings noisy.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import clean_env, run_cli
from ui_support import screen_text

from tracker.model import Mark, MarkStatus, Note, Promise, Trigger
from tracker.schedule import parse_schedule
from tracker.store import Store

# One worker runs the whole module: the large history is written once, TIMINGS kept in one place.
pytestmark = pytest.mark.xdist_group("large_file")

NOW = "2026-11-25T20:00:00"
FIXED_NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
START = date(1996, 11, 26)
LAST_DAY = date(2026, 11, 24)
PROMISES = 30
NOTES = 850
NOTE_TEXT = ("A long evening talk about everything that happened this week. " * 400)[:19_990]
STATUSES = [MarkStatus.KEPT] * 8 + [MarkStatus.MISSED, MarkStatus.EXCUSED]
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty years of daily marks for thirty promises and 850 notes of 20,000 characters."""
    db = tmp_path_factory.mktemp("huge") / "data" / "tracker.json"
    began = time.perf_counter()
    store = Store.open(db, now=lambda: FIXED_NOW, automatic_backups=False)
    promises = store.add_promises(
        Promise(f"Promise number {i:02d}", parse_schedule("daily"), START) for i in range(PROMISES)
    )
    days = (LAST_DAY - START).days + 1
    for promise in promises:
        store.put_marks(
            Mark(promise.id, START + timedelta(days=d), STATUSES[(d * 7 + promise.id) % 10])
            for d in range(days)
        )
    store.add_many(
        Note(START + timedelta(days=i * 12), f"{i} {NOTE_TEXT}", Trigger.OTHER)
        for i in range(NOTES)
    )
    TIMINGS["writing the history through the store"] = time.perf_counter() - began
    return db


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.rglob("*.json") if "backups" not in p.parts)


def _timed(db: Path, label: str, *args: str):
    began = time.perf_counter()
    result = run_cli(db, *args, env=clean_env(TRACKER_NOW=NOW, TZ="UTC"), timeout=600)
    TIMINGS[label] = time.perf_counter() - began
    assert result.returncode == 0, result.stderr.decode()
    return result


def test_a_fifty_megabyte_history_opens_in_the_command_line(huge):
    size = _size(huge)
    assert size > 45_000_000, size
    today = json.loads(_timed(huge, "tracker today --json", "today", "--json").stdout)
    assert len(today) == PROMISES
    assert {row["status"] for row in today} == {"open"}
    _timed(huge, "tracker today", "today")
    _timed(huge, "tracker list", "list")
    _timed(huge, "tracker streaks", "streaks")
    _timed(huge, "tracker note list", "note", "list")
    # The first change of the day also takes the day's automatic backup of all 50 MB.
    _timed(huge, "tracker check (with the daily backup)", "check", "number 07")
    _timed(huge, "tracker check (another)", "check", "number 08")
    _timed(huge, "tracker note add", "note", "add", "One more, after thirty years")

    store = Store.open(huge)
    assert store.check_all() == {
        "promises": PROMISES,
        "marks": PROMISES * ((LAST_DAY - START).days + 1) + 2,
        "quality_entries": 0,
        "notes": NOTES + 1,
    }
    (backup,) = store.backups()
    assert backup.path.stat().st_size > 45_000_000
    print(f"\nextreme history: {size / 1e6:.1f} MB in {huge.parent}")
    for label, seconds in TIMINGS.items():
        print(f"  {label:<45} {seconds:6.2f} s")


async def test_a_fifty_megabyte_history_opens_in_the_app(huge):
    from dateutil import tz

    from tracker.clock import Clock
    from tracker.service import Tracker
    from tracker.ui.app import TrackerApp

    zone = tz.gettz("UTC")
    clock = Clock(zone=zone, frozen=datetime(2026, 11, 25, 20, 0, tzinfo=zone))
    began = time.perf_counter()
    store = Store.open(huge, now=clock.now)
    app = TrackerApp(Tracker(store, clock), cursor_blink=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        TIMINGS["app: open and draw Today"] = time.perf_counter() - began
        today = screen_text(app)
        for key, view in (("3", "Streaks"), ("4", "Notes"), ("2", "Together")):
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            TIMINGS[f"app: switch to {view}"] = time.perf_counter() - began
        together = screen_text(app)
    assert "Promise number 00" in today and " of 30 kept" in today
    assert "Together" in together
    print("\napp on the extreme history:")
    for label, seconds in TIMINGS.items():
        if label.startswith("app:"):
            print(f"  {label:<45} {seconds:6.2f} s")
