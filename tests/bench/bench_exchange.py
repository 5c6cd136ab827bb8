"""Benchmark (prints numbers, asserts nothing): export, import and report on the five-year demo.

Run: python3 tests/bench/bench_exchange.py [--runs 5] [--json]

Through the service, as `tracker export`, `tracker import` and `tracker report` run them
(less the interpreter's start): on the demo history (`tracker.demo`, five years, 20
promises) with the couple's practices added (a season of check-ins, appreciations, bids,
...), each the median of `--runs` runs:

* json export: read everything from the data files, write the export file;
* json import: read that export, merge it into an empty data file and write it all or
  nothing (backup, journal, every marks file, the main file); a fresh file each run;
* json import again: the same file into the data it was imported into (nothing new:
  read, merge, nothing written);
* csv export, ics export, report (8 weeks, with the practices' parts).

Then the codecs alone (no file read or written), for comparison. Targets: JSON export
under 0.5 s, its import under 2 s, report under 1 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from exchange_support import add_practices

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.formats.csv_export import export_csv
from tracker.formats.ics import export_ics
from tracker.formats.plan import merge_plan
from tracker.formats.tracker_json import export_json, read_tracker_json
from tracker.report import render_report
from tracker.service import Tracker
from tracker.store import Store

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)
TARGETS_S = {"json export": 0.5, "json import": 2.0, "report": 1.0}


def _tracker(path: Path) -> Tracker:
    return Tracker(Store.open(path), Clock(zone=UTC, frozen=NOW))


def _median_s(
    action: Callable[[], Any], runs: int, prepare: Callable[[], None] | None = None
) -> float:
    if prepare is not None:
        prepare()
    action()  # warm up (imports, caches)
    timings = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def measure(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        demo = root / "demo" / "tracker.json"
        demo.parent.mkdir()
        write_demo(demo, years=5, promises=20, today=TODAY, seed=2026)
        add_practices(demo, TODAY)
        export = root / "export.json"
        target = root / "target" / "tracker.json"

        def empty_target() -> None:
            shutil.rmtree(target.parent, ignore_errors=True)
            target.parent.mkdir()

        # A fresh Tracker for each run: every file is read from disk, as a command does.
        service = {
            "json export": _median_s(lambda: _tracker(demo).exchange.export("json", export), runs),
            "json import": _median_s(
                lambda: _tracker(target).exchange.bring_in(export), runs, empty_target
            ),
            "json import again": _median_s(
                lambda: _tracker(target).exchange.bring_in(export), runs
            ),
            "csv export": _median_s(
                lambda: _tracker(demo).exchange.export("csv", root / "csv"), runs
            ),
            "ics export": _median_s(
                lambda: _tracker(demo).exchange.export("ics", root / "x.ics"), runs
            ),
            "report": _median_s(lambda: _tracker(demo).exchange.report(root / "r.html"), runs),
        }
        data = _tracker(demo).exchange.snapshot()
        blob = export.read_bytes()
        codecs = {
            "json export": _median_s(lambda: export_json(data, exported=NOW), runs),
            "json import": _median_s(
                lambda: merge_plan(read_tracker_json(blob, file_name="x.json"), type(data)()),
                runs,
            ),
            "csv export": _median_s(lambda: export_csv(data), runs),
            "ics export": _median_s(
                lambda: export_ics(data, today=TODAY, time_zone="Europe/Berlin", stamp=NOW), runs
            ),
            "report": _median_s(lambda: render_report(data, today=TODAY, weeks=8), runs),
        }
    return {
        "marks": sum(len(m) for m in data.marks.values()),
        "quality": len(data.quality),
        "notes": len(data.notes),
        "practice_records": sum(len(docs) for docs in data.extras.values()),
        "export_bytes": len(blob),
        "seconds": service,
        "codec_seconds": codecs,
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
        f"entries, {result['notes']:,} notes, {result['practice_records']:,} practice "
        f"records; export {result['export_bytes'] / 1e6:.1f} MB"
    )
    print("through the service (files read and written):")
    for name, seconds in result["seconds"].items():
        target = TARGETS_S.get(name)
        goal = f"  (target < {target:g} s: {seconds / target:.0%} of it)" if target else ""
        print(f"  {name:<18} {seconds * 1000:8.1f} ms{goal}")
    print("the codecs alone:")
    for name, seconds in result["codec_seconds"].items():
        print(f"  {name:<18} {seconds * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
