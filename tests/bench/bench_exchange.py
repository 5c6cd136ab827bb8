"""Benchmark (prints numbers, asserts nothing): exports, import and report on the five-year demo.

Run: python3 tests/bench/bench_exchange.py [--runs 5] [--json]

On the demo history (`tracker.demo`, five years, 20 promises) read once from its data
file: the JSON export, the import of that export (parse + plan + merge into an empty
file), the CSV export, the calendar export and the 8-week report, each the median of
`--runs` runs. Targets: JSON export under 0.5 s, its import under 2 s, report under 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tracker.demo import write_demo
from tracker.formats.csv_export import export_csv
from tracker.formats.data import TrackerData
from tracker.formats.ics import export_ics
from tracker.formats.plan import merge_plan
from tracker.formats.tracker_json import export_json, read_tracker_json
from tracker.report import render_report
from tracker.store import Store

TODAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
TARGETS_S = {"json export": 0.5, "json import": 2.0, "report": 1.0}


def _median_s(action: Callable[[], Any], runs: int) -> float:
    action()  # warm up (imports, caches)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def measure(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.json"
        write_demo(path, years=5, promises=20, today=TODAY, seed=2026)
        data = TrackerData.read(Store.open(path))
    exported = export_json(data, exported=STAMP)
    timings = {
        "json export": _median_s(lambda: export_json(data, exported=STAMP), runs),
        "json import": _median_s(
            lambda: merge_plan(read_tracker_json(exported, file_name="x.json"), TrackerData()),
            runs,
        ),
        "csv export": _median_s(lambda: export_csv(data), runs),
        "ics export": _median_s(
            lambda: export_ics(data, today=TODAY, time_zone="Europe/Berlin", stamp=STAMP), runs
        ),
        "report": _median_s(lambda: render_report(data, today=TODAY, weeks=8), runs),
    }
    return {
        "marks": sum(len(m) for m in data.marks.values()),
        "quality": len(data.quality),
        "notes": len(data.notes),
        "export_bytes": len(exported),
        "seconds": timings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"five-year demo: {result['marks']:,} marks, {result['quality']:,} quality-time "
        f"entries, {result['notes']:,} notes; export {result['export_bytes'] / 1e6:.1f} MB"
    )
    for name, seconds in result["seconds"].items():
        target = TARGETS_S.get(name)
        goal = f"  (target < {target:g} s: {seconds / target:.0%} of it)" if target else ""
        print(f"  {name:<12} {seconds * 1000:8.1f} ms{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
