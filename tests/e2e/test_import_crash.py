"""Killing `tracker import` at every system call that writes leaves nothing of it, or all of it.

A real import through the command line (`tracker import FILE`, in a forked process) merges
a year of someone else's history, practices included, into a file with its own: it takes
a backup, writes its journal, a dozen marks files and the main file. The process kills
itself (SIGKILL) at the n-th write, fsync, rename (just before or just after) or unlink,
for every n until it runs to the end (every 7th write: there are about 200). After each
kill the data file opens (finishing what the journal holds), reads back whole, and holds
exactly the data before the import or exactly the data after it; no journal or temp file
is left, and a backup taken before the import holds the data as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
from datetime import date
from pathlib import Path

import pytest
import writer
from app_support import frozen_clock
from exchange_support import add_practices

from tracker.demo import write_demo
from tracker.service import Tracker
from tracker.store import Store
from tracker.store.backups import is_readable_backup
from tracker.store.files import TEMP_PREFIX

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 25)
POINTS = ("write", "fsync", "replace-before", "replace-after", "unlink")
# A killed write writes half of what it was given, so each file takes many writes (about
# 200 in all): every 7th is enough to land in each file, at its start, middle and end.
STRIDE = {"write": 7}
NOW = "2026-11-25T20:00:00"


def _tracker(path: Path) -> Tracker:
    return Tracker(Store.open(path), frozen_clock())


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A data folder with its own history, and someone else's export to merge into it."""
    root = tmp_path_factory.mktemp("scene")
    theirs = root / "theirs" / "tracker.json"
    theirs.parent.mkdir()
    write_demo(theirs, years=1, promises=8, today=TODAY, seed=5)
    add_practices(theirs, TODAY, weeks=4)
    export = _tracker(theirs).exchange.export("json", root / "export.json").saved
    mine = root / "mine" / "tracker.json"
    mine.parent.mkdir()
    write_demo(mine, years=1, promises=5, today=TODAY, seed=99)
    add_practices(mine, TODAY, weeks=2, seed=4)
    return {"template": mine.parent, "export": export}


def _run_killed_import(data: Path, export: Path, point: str, nth: int) -> bool:
    """Run `tracker import` in a child that kills itself at the nth `point`; True if killed."""
    child = os.fork()
    if child == 0:
        code = 1
        try:
            os.environ["TRACKER_NOW"] = NOW
            writer.install_hook(point, nth, 0.0, random.Random(0))
            from tracker.cli.main import main

            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                code = main(["--db", str(data), "import", str(export)])
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    if os.WIFSIGNALED(status):
        return True
    assert os.WEXITSTATUS(status) == 0, f"the import failed ({point} #{nth})"
    return False


def _leftovers(data: Path) -> list[str]:
    folders = (data.parent, data.parent / "tracker.marks", data.parent / "backups")
    found = [p.name for f in folders if f.is_dir() for p in f.iterdir()]
    return [name for name in found if name.startswith(TEMP_PREFIX) or name.endswith(".importing")]


def test_a_killed_import_leaves_nothing_of_itself_or_all_of_it(tmp_path, scene):
    # What "before" and "after" are, from an import that is not killed.
    reference = tmp_path / "reference"
    shutil.copytree(scene["template"], reference)
    before = _tracker(reference / "tracker.json").exchange.snapshot()
    outcome = _tracker(reference / "tracker.json").exchange.bring_in(scene["export"]).saved
    after = _tracker(reference / "tracker.json").exchange.snapshot()
    assert outcome.changes.counts()["marks"] > 300 and len(outcome.changes.new_marks) >= 3
    assert outcome.changes.new_promises and any(outcome.changes.extras.values())
    seen = {"before": 0, "after": 0}
    rounds = 0
    for point in POINTS:
        nth = 1
        while True:
            rounds += 1
            data = tmp_path / f"{point}-{nth}" / "tracker.json"
            shutil.copytree(scene["template"], data.parent)
            killed = _run_killed_import(data, scene["export"], point, nth)
            context = f"(killed at {point} #{nth})" if killed else f"({point}: ran to the end)"
            store = Store.open(data)
            store.check_all()
            assert _leftovers(data) == [], context
            assert store.notices() == [], context
            found = _tracker(data).exchange.snapshot()
            if found == before:
                seen["before"] += 1
            else:
                assert found == after, f"half an import {context}"
                seen["after"] += 1
                [backup] = [b for b in store.backups() if b.label == "before-import"]
                assert is_readable_backup(backup.path), context
            # Whatever happened, importing again brings the data to "after" exactly once.
            _tracker(data).exchange.bring_in(scene["export"])
            assert _tracker(data).exchange.snapshot() == after, context
            shutil.rmtree(data.parent)
            if not killed:
                break
            nth += STRIDE.get(point, 1)
    print(f"\nimport kills: {rounds} rounds, {seen}")
    # Kills landed both before the journal was in place and after it.
    assert seen["before"] >= 10 and seen["after"] >= 10, seen
