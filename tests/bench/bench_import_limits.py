"""Benchmark (prints numbers, asserts nothing): the memory of the largest imports the limits accept.

Builds, in a temporary folder, the largest files `tracker.formats.limits.DEFAULT_LIMITS`
accepts (1,000 promises and 200,000 days: a tracker export of about 55 MB with a note on
every day, a Loop backup, a harsh log) and a hostile JSON document of as many values as
it accepts, then runs `tracker import --dry-run FILE` on each in a process of its own and
prints its wall time and maximum resident memory. Target: every one under 400 MB.

    python3 tests/bench/bench_import_limits.py

(The measuring process makes each file in a child process of its own: Linux keeps a
process's highest memory across `exec`, so a large parent would show in the figures.)
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from foreign_files import LoopHabitSpec, write_loop_database

from tracker.formats.limits import DEFAULT_LIMITS

TARGET_MB = 400
FIRST = date(2000, 1, 1)
PROMISES = DEFAULT_LIMITS.max_habits
DAYS = DEFAULT_LIMITS.max_total_rows // PROMISES
NOTE = ("we walked by the river and talked about the week " * 5)[:230]


def tracker_export(path: Path) -> None:
    promises = [
        {
            "id": n + 1,
            "title": f"Promise {n}",
            "schedule": "daily",
            "start": FIRST.isoformat(),
            "marks": [
                {"date": (FIRST + timedelta(days=d)).isoformat(), "status": "kept", "note": NOTE}
                for d in range(DAYS)
            ],
        }
        for n in range(PROMISES)
    ]
    document = {"format": "tracker-export", "version": 1, "promises": promises}
    path.write_bytes(orjson.dumps(document))


def hostile_json(path: Path) -> None:
    values = DEFAULT_LIMITS.max_json_values // 2 - 10  # each "{}," is two signs
    items = b",".join([b"{}"] * values)
    path.write_bytes(b'{"format": "tracker-export", "version": 1, "x": [' + items + b"]}")


def loop_backup(path: Path) -> None:
    write_loop_database(path, [LoopHabitSpec(f"Habit {n}") for n in range(PROMISES)])
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO Repetitions (habit, timestamp, value, notes) "
        f"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {DAYS - 1}), "
        f"h(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM h WHERE k < {PROMISES}) "
        "SELECT k, (10957 + i) * 86400000, 2, 'a note about the day' FROM h, n"
    )
    connection.commit()
    connection.close()


def harsh_folder(path: Path) -> None:
    path.mkdir()
    (path / "habits").write_text("".join(f"Habit {n}: 1\n" for n in range(PROMISES)))
    (path / "log").write_text(
        "".join(
            f"{FIRST + timedelta(days=d)} : Habit {n} : y : a comment about it : 1\n"
            for n in range(PROMISES)
            for d in range(DAYS)
        )
    )


def measured(folder: Path, given: Path) -> tuple[float, float, int]:
    """(seconds, maximum resident MB, exit status) of `tracker import --dry-run given`."""
    command = [sys.executable, "-m", "tracker", "--db", str(folder / "data.json")]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "import", "--dry-run", str(given)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


MAKERS = {
    "tracker export": ("export.json", tracker_export),
    "hostile JSON": ("hostile.json", hostile_json),
    "Loop backup": ("loop.db", loop_backup),
    "harsh folder": ("harsh", harsh_folder),
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--make"]:  # in a process of its own, so that the measuring one stays small
        name, path = argv[1], Path(argv[2])
        MAKERS[name][1](path)
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        print(f"{PROMISES:,} promises, {PROMISES * DAYS:,} days; target under {TARGET_MB} MB")
        for name, (file_name, _) in MAKERS.items():
            path = folder / file_name
            subprocess.run([sys.executable, __file__, "--make", name, str(path)], check=True)
            size = sum(p.stat().st_size for p in [path, *path.glob("*")] if p.is_file())
            seconds, megabytes, status = measured(folder, path)
            print(
                f"{name:15} {size / 2**20:6.1f} MB file  {seconds:6.1f} s  "
                f"{megabytes:6.0f} MB max resident  exit {status}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
