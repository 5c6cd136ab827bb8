"""`tracker move-data` killed at any step: the data is whole at the old place or the new one.

A child process moves the data and SIGKILLs itself just before its n-th call that
touches the disk (a write, an fsync, a mkdir, a rename, an unlink, a folder removal),
for every n until a move finishes. After each kill the usual place holds every file, as
it was, and GNOME Tracker's file beside it is untouched; a second move then finishes.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

from support import PYTHON, clean_env

from tracker.store import Store
from tracker.store.files import TEMP_PREFIX
from tracker.store.relocation import move_data

CHILD = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from pathlib import Path
    from tracker.store.relocation import move_data

    left = int(sys.argv[3])

    def killing(name, real):
        def call(*args, **kwargs):
            global left
            left -= 1
            if left == 0:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in ("write", "fsync", "mkdir", "rename", "replace", "unlink", "rmdir"):
        setattr(os, name, killing(name, getattr(os, name)))
    shutil.rmtree = killing("rmtree", shutil.rmtree)
    move_data(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)
GNOME_FILE = "data/meta.db"
DEADLINE = 60  # seconds per child: against a hang, not a measurement


def _files(folder: Path) -> dict[str, bytes]:
    """tracker's files under `folder` with their bytes (locks and GNOME's file aside)."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.name.endswith((".lock", ".moving"))  # a lock, the move's marker
        and not path.name.startswith(TEMP_PREFIX)  # a killed write's leftover, cleaned later
        and str(path.relative_to(folder)) != GNOME_FILE
    }


def _seed(old: Path) -> dict[str, bytes]:
    from datetime import date

    from tracker.model import Mark, MarkStatus, Promise
    from tracker.schedule import parse_schedule

    old.parent.mkdir(parents=True)
    (old.parent / "data").mkdir()
    (old.parent / GNOME_FILE).write_bytes(b"SQLite format 3\x00")
    store = Store.open(old)
    promise = store.add_promise(Promise("Walk together", parse_schedule("daily"), date(2026, 3, 1)))
    store.put_mark(Mark(promise.id, date(2026, 3, 2), MarkStatus.KEPT))
    store.backup()
    return _files(old.parent)


def test_a_move_killed_at_any_step_leaves_the_data_whole_at_one_place(tmp_path):
    template = tmp_path / "template" / "share"
    original = _seed(template / "tracker" / "tracker.json")
    assert {"tracker.json", "backups"} <= {name.split("/")[0] for name in original}
    kills = 0
    for step in range(1, 400):
        share = tmp_path / f"run{step}" / "share"
        shutil.copytree(template, share, symlinks=True)
        old, new = share / "tracker" / "tracker.json", share / "trust-tracker" / "tracker.json"
        child = subprocess.run(
            [PYTHON, "-c", CHILD, str(old), str(new), str(step)],
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
        moved = new.exists()
        where = new.parent if moved else old.parent
        assert _files(where) == original, (step, moved, child.stderr)
        assert (old.parent / GNOME_FILE).read_bytes() == b"SQLite format 3\x00"
        if child.returncode == 0:
            assert not [p for p in old.parent.iterdir() if p.name != "data"]
            break
        assert child.returncode == -9, child.stderr
        kills += 1
        move_data(old, new)  # run again: it starts afresh, or finishes the clean-up
        assert _files(new.parent) == original
        assert sorted(p.name for p in old.parent.iterdir()) == ["data"]
        assert Store.open(new).promises()[0].title == "Walk together"
    print(f"killed the move at each of its {kills} steps")
    assert kills > 20  # every step of the move was cut at least once
