"""Benchmark (prints numbers, asserts nothing): a check-off on locked data, side by side.

Run: python3 tests/bench/bench_lock.py [--writes 30] [--runs 10]

Writes the five-year demo (20 promises) twice into a temporary folder, turns the lock on
for one copy (the real key derivation, scrypt n=2^15), and prints the median check-off
on each, alternating: through the service, as the app saves one (the key already
derived at start), and as a whole `tracker check` command (a process that derives the
key from --passphrase-file once). Target: locked within 1.5x of unlocked.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from dateutil import tz

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.service import Tracker
from tracker.service.locking import unlock

TODAY = date(2026, 11, 25)
BERLIN = tz.gettz("Europe/Berlin")
PASSPHRASE = "our quiet walk home"


def check_offs(path: Path, writes: int) -> list[float]:
    clock = Clock(zone=BERLIN, frozen=datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN))
    tracker = Tracker.open(path, clock, automatic_backups=False)
    promise = tracker.promises.active_on(TODAY)[0]
    times = []
    for _ in range(writes):
        started = time.perf_counter()
        change = tracker.marks.check_off(promise, TODAY)
        times.append((time.perf_counter() - started) * 1000)
        if change.undo is not None:
            change.undo.run()
    return times


def command_ms(path: Path, passphrase_file: Path, title: str) -> float:
    env = {**os.environ, "TRACKER_NOW": "2026-11-25T20:30:00", "TZ": "Europe/Berlin"}
    base = [sys.executable, "-m", "tracker", "--db", str(path)]
    base += ["--passphrase-file", str(passphrase_file)]
    started = time.perf_counter()
    subprocess.run([*base, "check", title], env=env, check=True, capture_output=True)
    elapsed = (time.perf_counter() - started) * 1000
    subprocess.run([*base, "uncheck", title], env=env, check=True, capture_output=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=30)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain" / "demo.json"
        plain.parent.mkdir()
        write_demo(plain, years=5, promises=20, today=TODAY, seed=2026)
        locked = Path(folder) / "locked" / "demo.json"
        shutil.copytree(plain.parent, locked.parent, dirs_exist_ok=True)
        clock = Clock(zone=BERLIN, frozen=datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN))
        Tracker.open(locked, clock, automatic_backups=False).lock.turn_on(PASSPHRASE)
        unlock(locked, PASSPHRASE)
        passphrase_file = Path(folder) / "pass"
        passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
        service_plain, service_locked = [], []
        for _ in range(3):  # alternating, so the machine's load falls on both alike
            service_plain += check_offs(plain, args.writes)
            service_locked += check_offs(locked, args.writes)
        title = Tracker.open(plain, clock).promises.active_on(TODAY)[0].title
        command_plain, command_locked = [], []
        for _ in range(args.runs):
            command_plain.append(command_ms(plain, passphrase_file, title))
            command_locked.append(command_ms(locked, passphrase_file, title))
    rows = [
        ("check-off in the app (service)", service_plain, service_locked),
        ("`tracker check` (whole process)", command_plain, command_locked),
    ]
    print(f"{'':34}{'unlocked':>10}{'locked':>10}{'ratio':>8}   (target <= 1.5)")
    for name, unlocked_times, locked_times in rows:
        a, b = statistics.median(unlocked_times), statistics.median(locked_times)
        print(f"{name:34}{a:8.1f}ms{b:8.1f}ms{b / a:7.2f}x")


if __name__ == "__main__":
    main()
