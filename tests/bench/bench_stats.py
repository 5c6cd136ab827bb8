"""Benchmark (prints numbers, asserts nothing): the pure stats over five years of marks.

Run: python3 tests/bench/bench_stats.py [--runs 20]

20 daily promises with a mark on every day for five years (~36,500 marks), in memory: the
time `promise_stats` takes for all of them (streaks, best streak, consistency 7/30/90,
strength), plus a heatmap year for all of them. Target: under 50 ms for the stats.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.stats import promise_stats, share_kept_by_day

TODAY = date(2026, 11, 25)
YEARS = 5
PROMISES = 20
TARGET_MS = 50.0


def build_history(seed: int = 2026) -> tuple[list[Promise], dict[int, dict[date, Mark]]]:
    """20 daily promises, each marked every day for five years: mostly kept, some slips."""
    rng = random.Random(seed)
    start = TODAY - timedelta(days=365 * YEARS)
    promises, marks_by_promise = [], {}
    for number in range(1, PROMISES + 1):
        promise = Promise(f"Promise {number}", parse_schedule("daily"), start, id=number)
        marks = {}
        day = start
        while day <= TODAY:
            roll = rng.random()
            status = (
                MarkStatus.KEPT
                if roll < 0.85
                else MarkStatus.MISSED
                if roll < 0.95
                else MarkStatus.EXCUSED
            )
            marks[day] = Mark(number, day, status)
            day += timedelta(days=1)
        promises.append(promise)
        marks_by_promise[number] = marks
    return promises, marks_by_promise


def _median_ms(action, runs: int) -> float:
    action()  # warm up
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    promises, marks_by_promise = build_history()
    total_marks = sum(len(marks) for marks in marks_by_promise.values())

    def all_stats() -> None:
        for promise in promises:
            promise_stats(promise, marks_by_promise[promise.id], TODAY)

    def heatmap_year() -> None:
        share_kept_by_day(promises, marks_by_promise, TODAY - timedelta(days=364), TODAY, TODAY)

    stats_ms = _median_ms(all_stats, args.runs)
    heatmap_ms = _median_ms(heatmap_year, args.runs)
    verdict = "met" if stats_ms < TARGET_MS else "MISSED"
    print(f"history: {PROMISES} daily promises, {total_marks} marks over {YEARS} years")
    print(
        f"promise_stats for all: {stats_ms:7.1f} ms  (median of {args.runs}; target < "
        f"{TARGET_MS:.0f} ms: {verdict})"
    )
    print(f"heatmap year, share kept across all: {heatmap_ms:7.1f} ms  (median of {args.runs})")


if __name__ == "__main__":
    main()
