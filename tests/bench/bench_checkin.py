"""Benchmark (prints numbers, asserts nothing): the weekly check-in on the five-year demo.

Run: python3 tests/bench/bench_checkin.py [--writes 30]

Writes the demo (`tracker demo`, 20 promises over five years) to a temporary folder and
prints, through the service as the app calls it: the week in facts (first call, then
warm), one save of the draft as typing is kept (the write behind every step), and a
check-off on the same file, side by side (the ratio of the two writes). Targets: the
facts under 50 ms cold; a draft save no slower than 2x a check-off.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from dateutil import tz

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.practices.answers import CheckInAppreciation, Settle
from tracker.service import Tracker

TODAY = date(2026, 11, 25)
BERLIN = tz.gettz("Europe/Berlin")


def timed_ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.json"
        write_demo(path, years=5, promises=20, today=TODAY, seed=2026)
        clock = Clock(zone=BERLIN, frozen=datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN))
        tracker = Tracker.open(path, clock, automatic_backups=False)
        checkins = tracker.checkins
        draft = checkins.answer(checkins.start().saved, Settle()).saved
        cold = timed_ms(lambda: checkins.week_in_facts(draft.week_of))
        warm = statistics.median(
            timed_ms(lambda: checkins.week_in_facts(draft.week_of)) for _ in range(20)
        )
        draft = checkins.answer(draft, checkins.week_in_facts(draft.week_of)).saved
        saves = []
        for number in range(args.writes):
            typed = (CheckInAppreciation(f"The tea, morning {number}"),)
            started = time.perf_counter()
            draft = checkins.keep(draft, typed).saved
            saves.append((time.perf_counter() - started) * 1000)
        promise = tracker.promises.active_on(TODAY)[0]
        checks = []
        for _ in range(args.writes):
            started = time.perf_counter()
            change = tracker.marks.check_off(promise, TODAY)
            checks.append((time.perf_counter() - started) * 1000)
            if change.undo is not None:
                change.undo.run()
        save, check = statistics.median(saves), statistics.median(checks)
        print(f"week in facts, first call   {cold:7.1f} ms   (target < 50)")
        print(f"week in facts, warm         {warm:7.1f} ms")
        print(f"draft saved (keep)          {save:7.1f} ms   median of {args.writes}")
        print(f"check-off, same file        {check:7.1f} ms   median of {args.writes}")
        print(f"draft save / check-off      {save / check:7.2f} x   (target <= 2)")


if __name__ == "__main__":
    main()
