"""The app's speed on the five-year demo: `python3 tests/bench/bench_ui.py` prints the numbers.

It measures, in one run:

a. process start to the Today view drawn, the way a user starts it (`tracker --db FILE`:
   argument parsing, the store, in-app reminders), against a bare Textual app showing one
   Static (both headless, both from compiled bytecode as after `pip install`, both timed
   from just before the process is spawned to the first frame the app hands to its
   driver; target: at most 1.25x);
b. a check-off keypress until a frame shows the promise kept (target: median <= 30 ms);
c. switching to Streaks, with all its heatmaps, until a frame shows it (target: <= 100 ms),
   the first time (the view is built) and later times (it is redrawn from the store);
d. on a 30-year, 60-promise history (`--large`, built once into the temporary folder): the
   first check-off of the day, once after opening the app and once after the day turns
   while the app is open, against later check-offs (target: the same, median <= 30 ms).
   A check-off's write follows the frame that shows it kept (the key never waits on
   the disk); each key is timed after the previous key's write is done.
   The day's automatic backup (a copy of the whole history) is taken by a worker at start
   and at the turn of the day; before, it was taken inside that first check-off.

A "frame" is the moment the app passes a rendered update to its driver (`App._display`):
everything up to the terminal write. It prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tracker.clock import Clock
    from tracker.ui.app import TrackerApp

DEMO_TODAY = date(2026, 11, 25)
STARTS = 9
PYCACHE = Path(tempfile.gettempdir()) / "tracker-bench-pycache"
KEYPRESSES = 30
SWITCHES = 10

BARE_APP = """
import sys, time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("tracker")

    def _display(self, screen, renderable):
        if renderable is not None and not getattr(self, "_seen", False):
            self._seen = True
            print(time.time(), flush=True)
            self.exit()
        super()._display(screen, renderable)

Bare().run(headless=True)
"""

TRACKER_APP = """
import sys, time
from textual.app import App
from tracker.ui.app import TrackerApp
from tracker.ui.screens.today import TodayScreen

shown = TrackerApp._display

def first_frame(self, screen, renderable):
    if (
        renderable is not None
        and isinstance(screen, TodayScreen)
        and screen.rows
        and not getattr(self, "_seen", False)
    ):
        self._seen = True
        print(time.time(), flush=True)
        self.exit()
    shown(self, screen, renderable)

TrackerApp._display = first_frame
TrackerApp.run = lambda self, **options: App.run(self, headless=True)

# The way a user starts it: `tracker --db FILE` (argument parsing, the store, reminders).
from tracker.cli import main
main(["--db", sys.argv[1]])
"""


def first_frame_seconds(script: str, *args: str) -> float:
    """Seconds from just before spawning `python -c script` to the first frame it draws."""
    env = {
        **os.environ,
        "TZ": "Europe/Berlin",
        "TRACKER_NOW": f"{DEMO_TODAY}T20:30:00",
        # Both sides from compiled bytecode, as after `pip install` (Textual's is compiled
        # already), kept in a folder of the benchmark's even where PYTHONDONTWRITEBYTECODE
        # is set: otherwise only tracker would be recompiled from source at every start.
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    return float(done.stdout.split()[0]) - started


def bench_start(demo: Path) -> tuple[float, float]:
    bare, tracker = [], []
    first_frame_seconds(BARE_APP)  # warm the OS file cache and the bytecode cache
    first_frame_seconds(TRACKER_APP, str(demo))
    for _ in range(STARTS):  # interleaved, so a busy moment on the machine hits both
        bare.append(first_frame_seconds(BARE_APP))
        tracker.append(first_frame_seconds(TRACKER_APP, str(demo)))
    return statistics.median(bare), statistics.median(tracker)


class FrameSpy:
    """Records when the app hands a frame to its driver, and what `probe` said then."""

    def __init__(self, app, probe: Callable[[], bool]) -> None:
        self.app, self.probe = app, probe
        self.shown_at: float | None = None
        original = app._display

        def display(screen, renderable) -> None:
            if renderable is not None and self.shown_at is None and self.probe():
                self.shown_at = time.perf_counter()
            original(screen, renderable)

        app._display = display

    async def time_key(self, key: str, character: str | None) -> float:
        """Seconds from a key arriving from the terminal to the first frame that shows it."""
        from textual import events

        self.shown_at = None
        started = time.perf_counter()
        self.app._driver.send_message(events.Key(key, character))
        while self.shown_at is None:
            if time.perf_counter() - started > 5:
                raise TimeoutError(f"no frame showed the effect of {key!r}")
            await asyncio.sleep(0.0005)
        return self.shown_at - started


def open_app(demo: Path, clock: Clock) -> TrackerApp:
    """The app on `demo` as `tracker --db` opens it (through the service, a short lock wait)."""
    from tracker.cli.main import APP_LOCK_WAIT_SECONDS
    from tracker.service import Tracker
    from tracker.ui.app import TrackerApp

    service = Tracker.open(demo, clock, lock_timeout=APP_LOCK_WAIT_SECONDS)
    return TrackerApp(service, cursor_blink=False)


def evening_clock(day: date = DEMO_TODAY) -> Clock:
    from dateutil import tz

    from tracker.clock import Clock

    zone = tz.gettz("Europe/Berlin")
    return Clock(zone=zone, frozen=datetime(day.year, day.month, day.day, 20, 30, tzinfo=zone))


async def settle(pilot: Pilot[object]) -> None:
    """The user reads the screen for a moment: the write that follows a key's frame is
    done before the next key (so a key is not timed with the previous key's write)."""
    await pilot.pause()
    await pilot.pause(0.05)


async def bench_in_app(demo: Path) -> tuple[list[float], float, list[float]]:
    from textual.widgets import DataTable

    from tracker.model import DayStatus
    from tracker.ui.screens.streaks import StreaksScreen
    from tracker.ui.screens.today import TodayScreen

    app = open_app(demo, evening_clock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen)
        table = today.query_one(DataTable)

        def highlighted_status() -> DayStatus | None:
            row = today._current()
            return row.status if row else None

        expected = {"status": DayStatus.KEPT}
        spy = FrameSpy(app, lambda: highlighted_status() is expected["status"])
        # The first promise is due every day: alternate kept and open on it.
        table.move_cursor(row=0)
        await pilot.press("u")
        presses = []
        for index in range(KEYPRESSES):
            if index % 2 == 0:
                expected["status"] = DayStatus.KEPT
                presses.append(await spy.time_key("space", " "))
            else:
                expected["status"] = DayStatus.OPEN
                await spy.time_key("u", "u")
            await settle(pilot)

        def streaks_drawn() -> bool:
            screen = app.screen
            return isinstance(screen, StreaksScreen) and screen.loaded_version == app.data_version

        spy.probe = streaks_drawn
        first_switch = await spy.time_key("3", "3")
        switches = []
        for _ in range(SWITCHES):
            await pilot.press("1")
            await pilot.press("space")  # a change, so Streaks must redraw from the store
            await settle(pilot)
            switches.append(await spy.time_key("3", "3"))
    return presses, first_switch, switches


async def bench_first_check_off(large: Path) -> tuple[float, float, list[float]]:
    """The first check-off of the day, after opening and after the day turns; then others."""
    from datetime import timedelta

    from tracker.model import DayStatus
    from tracker.ui.screens.today import TodayScreen

    clock = evening_clock()
    app = open_app(large, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the user reads the screen for a moment
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen)

        def first_row_kept() -> bool:
            row = today._current()
            return row is not None and row.status is DayStatus.KEPT

        spy = FrameSpy(app, first_row_kept)
        first = await spy.time_key("space", " ")
        await pilot.pause()
        others = []
        for _ in range(5):
            await pilot.press("u")
            await settle(pilot)
            others.append(await spy.time_key("space", " "))
            await pilot.pause()
        # The app stays open overnight: the next evening's first check-off.
        assert clock.frozen is not None
        clock.frozen = clock.frozen + timedelta(days=1)
        app.poll_store()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not first_row_kept()
        after_rollover = await spy.time_key("space", " ")
    return first, after_rollover, others


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the demo folder")
    parser.add_argument(
        "--large-only", action="store_true", help="only (d), the first check-off of the day"
    )
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-ui-"))
    demo = folder / "demo.json"
    from tracker.demo import write_demo

    summary = write_demo(demo, years=5, promises=20, today=DEMO_TODAY, seed=2026)
    print(f"demo: {summary}")
    if not options.large_only:
        bench_small_demo(demo)
    large = folder / "large.json"
    summary = write_demo(large, years=30, promises=60, today=DEMO_TODAY, seed=2026)
    size = sum(f.stat().st_size for f in folder.glob("large*") if f.is_file())
    size += sum(f.stat().st_size for f in (folder / "large.marks").iterdir())
    print(f"large history: {summary} ({size / 1e6:.1f} MB)")
    first, after_rollover, others = asyncio.run(bench_first_check_off(large))
    print(
        f"d. first check-off of the day to frame, 30 years x 60 promises: after opening the "
        f"app {first * 1000:.1f} ms, after the day turned with the app open "
        f"{after_rollover * 1000:.1f} ms; later check-offs median "
        f"{statistics.median(others) * 1000:.1f} ms (target: median <= 30 ms)"
    )
    if not options.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def bench_small_demo(demo: Path) -> None:
    bare, tracker = bench_start(demo)
    print(
        f"a. start to first frame (median of {STARTS}): bare Textual app {bare * 1000:.0f} ms, "
        f"tracker Today on the demo {tracker * 1000:.0f} ms -> {tracker / bare:.2f}x "
        f"(target <= 1.25x)"
    )
    presses, first_switch, switches = asyncio.run(bench_in_app(demo))
    print(
        f"b. check-off keypress to frame (n={len(presses)}): "
        f"median {statistics.median(presses) * 1000:.1f} ms, "
        f"max {max(presses) * 1000:.1f} ms (target: median <= 30 ms)"
    )
    print(
        f"c. switch to Streaks to frame: first {first_switch * 1000:.0f} ms, then median "
        f"{statistics.median(switches) * 1000:.0f} ms, max {max(switches) * 1000:.0f} ms "
        f"(n={len(switches)}; target <= 100 ms)"
    )


if __name__ == "__main__":
    main()
