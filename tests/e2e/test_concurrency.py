"""Several trackers on one data file at once: nothing lost, nothing doubled, no lock left behind.

Three real processes write at the same time: one like the open app (a Store kept open,
mixed writes), one like `tracker check` typed again and again (the CLI's main(), a fresh
Store every time), one like the reminder service (claiming fired reminders, some of them
the same reminders the app claims). Then a process holding the lock is killed, and the
next write goes through: the lock is an flock, which the kernel drops with its holder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import writer
from support import PYTHON, clean_env, run_cli, tree_bytes

from tracker import cli
from tracker.errors import LockedError
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import Store

WRITER = str(Path(writer.__file__).resolve())
WRITES_EACH = 300


def _start(role: str, command: dict) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, WRITER, role, json.dumps(command)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )


def _acks(process: subprocess.Popen[str], role: str) -> list[dict]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, f"{role} failed:\n{err[-3000:]}"
    lines = out.splitlines()
    assert lines[-1] == "done", f"{role} did not finish:\n{out[-2000:]}\n{err[-2000:]}"
    return [json.loads(line) for line in lines[:-1]]


def _promises(db: Path) -> tuple[int, int]:
    store = Store.open(db)
    start = date(2000, 1, 1)
    app = store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), start))
    checks = store.add_promise(Promise("Ask about her day", parse_schedule("daily"), start))
    return app.id, checks.id


def test_the_app_the_cli_and_the_reminder_service_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "data" / "tracker.json"
    app_promise, cli_promise = _promises(db)
    processes = {
        "app": _start("app", {"db": str(db), "promise": app_promise, "count": WRITES_EACH}),
        "cli": _start("cli", {"db": str(db), "name": "ask about", "count": WRITES_EACH}),
        "reminders": _start("reminders", {"db": str(db), "count": WRITES_EACH}),
    }
    acks = {role: _acks(process, role) for role, process in processes.items()}
    assert {role: len(lines) for role, lines in acks.items()} == dict.fromkeys(
        processes, WRITES_EACH
    )

    store = Store.open(db)
    store.check_all()
    base = writer.BASE_DAY
    # The app's writes: every fourth a check-off, then quality time, a note, an edit.
    app_marks = store.marks_of(app_promise)
    assert app_marks == {
        base + timedelta(days=i): Mark(
            app_promise, base + timedelta(days=i), MarkStatus.KEPT, note=f"app {i}"
        )
        for i in range(0, WRITES_EACH, 4)
    }
    quality = Counter(entry.note for entry in store.quality_entries())
    assert quality == Counter(f"app {i}" for i in range(1, WRITES_EACH, 4))
    notes = Counter(note.what_happened for note in store.notes())
    assert notes == Counter(f"app {i}" for i in range(2, WRITES_EACH, 4))
    assert store.promise(app_promise).why == f"app {max(range(3, WRITES_EACH, 4))}"
    # The CLI's check-offs: one per day, every one of them.
    cli_marks = store.marks_of(cli_promise)
    assert sorted(cli_marks) == [base + timedelta(days=i) for i in range(WRITES_EACH)]
    assert {mark.status for mark in cli_marks.values()} == {MarkStatus.KEPT}

    # Reminders: each recorded once, and each shared one claimed by exactly one process,
    # so it would have been shown exactly once.
    raw = json.loads(db.read_text(encoding="utf-8"))
    fired = Counter(doc["key"] for doc in raw["fired"].values())
    expected = [f"service-{i}" for i in range(WRITES_EACH)] + [
        f"shared-{i}" for i in range(WRITES_EACH)
    ]
    assert fired == Counter(expected)
    claims = Counter(
        key for role in ("app", "reminders") for a in acks[role] for key in a["claimed"]
    )
    assert claims == Counter(expected)


def _hold_the_lock(db: Path) -> subprocess.Popen[str]:
    """A tracker that takes the write lock and then hangs (or is killed) while holding it."""
    script = (
        "import sys, time\n"
        "from tracker.store import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "store._lock.acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n"
    )
    holder = subprocess.Popen(
        [PYTHON, "-c", script, str(db)], stdout=subprocess.PIPE, text=True, env=clean_env()
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    return holder


@pytest.fixture
def store_with_a_promise(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data" / "tracker.json")
    store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), date(2000, 1, 1)))
    return store


def test_a_lock_left_by_a_killed_tracker_never_blocks_the_next_write(store_with_a_promise):
    store = store_with_a_promise
    holder = _hold_the_lock(store.path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert Path(f"{store.path}.lock").exists()  # the file stays; the lock itself died

    # With a short timeout a lock still held would raise LockedError: it does not.
    patient = Store.open(store.path, lock_timeout=2.0)
    patient.put_mark(Mark(1, date(2020, 2, 29), MarkStatus.KEPT))
    assert date(2020, 2, 29) in Store.open(store.path).marks_of(1)

    # And the real command goes through too.
    result = run_cli(store.path, "check", "phone", "--date", "2020-03-01")
    assert result.returncode == 0, result.stderr.decode()


def test_a_lock_held_too_long_says_nothing_was_saved_and_what_to_do(store_with_a_promise):
    store = store_with_a_promise
    store.put_mark(Mark(1, date(2020, 1, 1), MarkStatus.KEPT))
    before = tree_bytes(store.path.parent)
    holder = _hold_the_lock(store.path)
    try:
        impatient = Store.open(store.path, lock_timeout=0.2)
        with pytest.raises(LockedError) as raised:
            impatient.put_mark(Mark(1, date(2020, 1, 2), MarkStatus.KEPT))
        message = str(raised.value)
        assert "nothing was saved" in message
        assert "0.2 seconds" in message
        assert "close other tracker windows" in message
        assert tree_bytes(store.path.parent) == before
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_the_cli_reports_a_held_lock_in_one_line(store_with_a_promise, monkeypatch, capsys):
    store = store_with_a_promise
    before = tree_bytes(store.path.parent)
    opened_normally = Tracker.open
    monkeypatch.setattr(
        Tracker, "open", lambda path, clock: opened_normally(path, clock, lock_timeout=0.2)
    )
    holder = _hold_the_lock(store.path)
    try:
        code = cli.main(["--db", str(store.path), "check", "phone", "--date", "2020-01-05"])
    finally:
        holder.kill()
        holder.wait(timeout=30)
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert err.count("\n") == 1 and err.startswith("tracker: Another tracker has been saving")
    assert tree_bytes(store.path.parent) == before


def test_many_real_tracker_check_commands_at_once_keep_every_day(tmp_path):
    """Ten `tracker check` processes started together, each a different day: all ten land."""
    db = tmp_path / "data" / "tracker.json"
    Store.open(db).add_promise(Promise("Walk together", parse_schedule("daily"), date(2000, 1, 1)))
    days = [date(2024, 2, 20) + timedelta(days=i) for i in range(10)]
    env = {**clean_env(), "PYTHONPATH": os.pathsep.join(sys.path)}
    processes = [
        subprocess.Popen(
            [PYTHON, "-m", "tracker", "--db", str(db), "check", "walk", "--date", day.isoformat()],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for day in days
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    assert sorted(Store.open(db).marks_of(1)) == days
