"""The open app sees what other processes save, without a restart, and loses none of it.

The app runs under Pilot on a data file; real `tracker` processes write to the same file
(a promise added, checked off, a note, time together); the app's views show each change
after its poll. Then a process keeps writing while the user checks off in the app: both
the user's and the other process's writes are all there at the end.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from app_support import TODAY, add_promise, make_app, open_store
from support import PYTHON, clean_env, run_cli
from ui_support import screen_text

from tracker.model import MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.store import Store
from tracker.ui.app import TrackerApp

# The other processes live in the same evening as the app's frozen clock.
ENV = clean_env(TRACKER_NOW="2026-11-25T20:30:00+01:00", TZ="Europe/Berlin")
WAIT_SECONDS = 15.0  # a bound on waiting for the poll, not a speed requirement


async def shows(pilot, *needles: str) -> str:
    """Wait (bounded) until one screen line holds every needle; that line, or the screen."""
    waited = 0.0
    while True:
        text = screen_text(pilot.app)
        for line in text.splitlines():
            if all(needle in line for needle in needles):
                return line
        if waited >= WAIT_SECONDS:
            return text
        await pilot.pause(0.05)
        waited += 0.05


def _cli(db: Path, *args: str) -> None:
    result = run_cli(db, *args, env=ENV)
    assert result.returncode == 0, result.stderr.decode()


def _store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "data" / "tracker.json")
    add_promise(store, "Phone away at dinner")
    return store


def _app(store: Store) -> TrackerApp:
    return make_app(store, poll_seconds=0.05)


async def test_the_open_app_shows_what_tracker_commands_save_elsewhere(tmp_path):
    store = _store(tmp_path)
    db = store.path
    async with _app(store).run_test(size=(110, 36)) as pilot:
        await shows(pilot, "Phone away at dinner")
        assert "Walk together" not in screen_text(pilot.app)

        _cli(db, "add", "Walk together", "--start", "2026-11-20")
        assert "Walk together" in await shows(pilot, "Walk together")

        _cli(db, "check", "walk")
        row = await shows(pilot, "Walk together", "● kept")
        assert "● kept" in row and "Walk together" in row, row

        _cli(db, "note", "add", "He came home late [bold]again[/]")
        await pilot.press("4")
        assert "He came home late [bold]again[/]" in await shows(pilot, "came home late")

        _cli(db, "log", "1h30", "talk")
        await pilot.press("2")
        assert "1h 30m" in await shows(pilot, "1h 30m")

        _cli(db, "archive", "walk")
        await pilot.press("1")
        waited = 0.0
        while "Walk together" in screen_text(pilot.app) and waited < WAIT_SECONDS:
            await pilot.pause(0.05)
            waited += 0.05
        assert "Walk together" not in screen_text(pilot.app)


WRITER = """
import contextlib, io, sys
from tracker.cli import main
db = sys.argv[1]
for day in range(20, 25):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "check", "walk", "--date", f"2026-11-{day}"]) == 0
for number in range(30):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "note", "add", f"Note {number} from the other terminal"]) == 0
"""


async def test_the_user_and_another_process_writing_at_once_both_keep_everything(tmp_path):
    store = _store(tmp_path)
    store.add_promise(Promise("Walk together", parse_schedule("daily"), date(2026, 11, 20)))
    async with _app(store).run_test(size=(110, 36)) as pilot:
        await shows(pilot, "Walk together")
        other = subprocess.Popen(
            [PYTHON, "-c", WRITER, str(store.path)],
            env={**ENV, "PYTHONPATH": ":".join(sys.path)},
            stderr=subprocess.PIPE,
        )
        # Meanwhile, in the app: check off the first promise, then the day before.
        await pilot.press("space")
        await pilot.pause(0.05)
        await pilot.press("left", "space", "right")
        while other.poll() is None:
            await pilot.pause(0.05)
        assert other.returncode == 0, other.stderr.read().decode() if other.stderr else ""
        await pilot.press("4")
        assert "Note 29 from the other terminal" in await shows(pilot, "Note 29 from the other")

    final = Store.open(store.path)
    final.check_all()
    phone = final.marks_of(1)
    assert phone[TODAY].status is MarkStatus.KEPT
    assert phone[TODAY - timedelta(1)].status is MarkStatus.KEPT
    walk = final.marks_of(2)
    assert sorted(walk) == [date(2026, 11, day) for day in range(20, 25)]
    notes = [note.what_happened for note in final.notes()]
    assert sorted(notes) == sorted(f"Note {n} from the other terminal" for n in range(30))
