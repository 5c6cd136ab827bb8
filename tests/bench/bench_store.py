"""The store benchmark: `python3 tests/bench/bench_store.py` prints tracker beside plain TinyDB.

It builds a five-year history in a temporary folder (20 daily promises with a mark
on every day, one of them measured, "at least 10 min", with an amount on each day;
800 quality-time entries, 300 notes) and measures, in one run:

a. one check-off written durably through the store (warm, as in the app) against
   `TinyDB(path).table("marks").insert(...)` with TinyDB's stock JSONStorage on the
   same data in one file; beside it, an amount entered on the measured promise;
b. the whole `tracker check NAME` process against
   `python3 -c "import tinydb, dateutil.rrule"`; beside it, `tracker check NAME 15m`;
c. every streak and the 90-day consistency of the 20 promises.

It prints numbers, never fails on them: speed is reported, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from stock_tinydb import stock_inserter, write_stock_copy

from tracker.clock import Clock
from tracker.model import (
    MINUTES,
    NOTE_STORED,
    QUALITY_STORED,
    Mark,
    MarkStatus,
    Measure,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    promise_document,
)
from tracker.schedule import daily
from tracker.service import Tracker
from tracker.store import Store
from tracker.store.codec import mark_to_doc
from tracker.store.files import write_atomically

YEARS = 5
PROMISES = 20
QUALITY_ENTRIES = 800
NOTES = 300
MEASURED = 2  # "Daily promise 02" is measured: at least 10 minutes a day
MEASURE = Measure(MINUTES, 10)
TARGET_WRITE_RATIO = 15.0
TARGET_PROCESS_RATIO = 3.0
TARGET_STATS_MS = 50.0
RECORDED = datetime(2026, 1, 1, 21, 0, tzinfo=UTC)


@dataclass(frozen=True)
class History:
    """Where the benchmark's data lives and what it holds."""

    path: Path
    today: date
    promises: list[Promise]
    marks: int


def build_history(folder: Path, today: date, seed: int = 7) -> History:
    """The issue's five-year history, written through the store like a real import."""
    rng = random.Random(seed)
    start = today - timedelta(days=365 * YEARS)
    store = Store.open(folder / "tracker.json", automatic_backups=False)
    promises = store.add_promises(
        Promise(
            title=f"Daily promise {n:02d}",
            schedule=daily(),
            start=start,
            measure=MEASURE if n == MEASURED else None,
        )
        for n in range(1, PROMISES + 1)
    )
    days = [start + timedelta(days=offset) for offset in range((today - start).days)]
    statuses = [MarkStatus.KEPT] * 18 + [MarkStatus.MISSED, MarkStatus.EXCUSED]
    marks = [
        Mark(
            promise.id,
            day,
            status,
            reason="travelling" if status is MarkStatus.EXCUSED else "",
            amount=_amount(promise, status),
        )
        for promise in promises
        for day in days
        for status in [rng.choice(statuses)]
    ]
    store.put_marks(marks)
    kinds = list(QualityKind)
    entries: list[QualityTime | Note] = [
        QualityTime(
            day=start + timedelta(days=rng.randrange(365 * YEARS)),
            minutes=rng.randrange(15, 180),
            kind=rng.choice(kinds),
            connection=rng.randint(1, 5),
            note="Walked to the lake and talked about the trip.",
        )
        for _ in range(QUALITY_ENTRIES)
    ]
    entries += [
        Note(
            day=start + timedelta(days=rng.randrange(365 * YEARS)),
            what_happened="We argued about the trip; plans changed without me.",
            trigger=rng.choice(list(Trigger)),
            feeling="I feel unheard when plans change without me.",
            status=NoteStatus.WORKING_THROUGH,
        )
        for _ in range(NOTES)
    ]
    store.add_many(entries)
    return History(store.path, today, promises, len(marks))


def _amount(promise: Promise, status: MarkStatus) -> float | None:
    """The measured promise's amount of a kept (15 min) or missed (5 min) day."""
    if promise.measure is None or status is MarkStatus.EXCUSED:
        return None
    return 15.0 if status is MarkStatus.KEPT else 5.0


def write_plain_tinydb_copy(history: History, target: Path) -> int:
    """The same data in one TinyDB file with the stock JSONStorage; returns the marks count."""
    store = Store.open(history.path, automatic_backups=False)
    marks = [
        {"promise_id": promise.id, **mark_to_doc(mark, RECORDED)}
        for promise in history.promises
        for mark in store.marks_of(promise.id).values()
    ]
    write_stock_copy(
        target,
        {
            "promises": [promise_document(p) for p in store.promises(include_archived=True)],
            "marks": marks,
            "quality": [QUALITY_STORED.to_doc(e) for e in store.quality_entries()],
            "notes": [NOTE_STORED.to_doc(n) for n in store.notes()],
        },
    )
    return len(marks)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _service(history: History) -> Tracker:
    return Tracker.open(history.path, Clock.system())


def measure_writes(history: History, plain_path: Path, count: int) -> tuple[list[float], ...]:
    """Check-offs through a warm service (open and read, as in the app) and plain TinyDB
    inserts on the same data, interleaved so that a busy moment of the machine hits both."""
    tracker = _service(history)
    promise, measured = history.promises[0], history.promises[MEASURED - 1]
    tracker.marks.of(promise)
    tracker.marks.of(measured)
    # The day's first change takes the automatic backup; the app takes it in a worker.
    tracker.marks.check_off(promise, history.today)
    ours, plain, amounts = [], [], []
    with stock_inserter(plain_path, "marks") as insert:
        for n in range(count):
            day = history.today - timedelta(days=n + 1)
            status = MarkStatus.KEPT if n % 2 else MarkStatus.MISSED

            def mark(day: date = day, status: MarkStatus = status) -> None:
                tracker.marks.set(promise, day, status)

            def enter(day: date = day, minutes: float = 5.0 + 10 * (n % 2)) -> None:
                tracker.marks.enter(measured, day, minutes, add=False)

            ours.append(_timed(mark))
            amounts.append(_timed(enter))
            doc = {"promise_id": 1, **mark_to_doc(Mark(1, day, status), RECORDED)}
            plain.append(_timed(lambda d=doc: insert(d)))
    return ours, plain, amounts


def measure_fsync(folder: Path, count: int = 20) -> list[float]:
    """A durable write of a tiny file here: what the disk itself costs every write."""
    target = folder / "tiny.json"
    return [_timed(lambda: write_atomically(target, "{}")) for _ in range(count)]


def _run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed


def measure_processes(history: History, runs: int) -> tuple[list[float], list[float]]:
    """`tracker check NAME` against a bare Python that imports tinydb and dateutil.rrule."""
    # Both commands run from compiled bytecode, as after `pip install` (which compiles it),
    # kept in the benchmark's own folder even where PYTHONDONTWRITEBYTECODE is set.
    env = {
        **os.environ,
        "TRACKER_DB": str(history.path),
        "PYTHONPYCACHEPREFIX": str(history.path.parent.parent / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    today = history.today.isoformat()
    check = [sys.executable, "-m", "tracker", "check", "promise 03", "--date", today]
    name = f"promise {MEASURED:02d}"
    amount = [sys.executable, "-m", "tracker", "check", name, "15m", "--set", "--date", today]
    baseline = [sys.executable, "-c", "import tinydb, dateutil.rrule"]
    _run(check, env)  # warm the OS file cache and the bytecode cache
    _run(amount, env)
    _run(baseline, env)
    checks, amounts, baselines = [], [], []
    for _ in range(runs):  # interleaved, so a busy moment hits all alike
        checks.append(_run(check, env))
        amounts.append(_run(amount, env))
        baselines.append(_run(baseline, env))
    return checks, amounts, baselines


def measure_stats(history: History, runs: int) -> tuple[list[float], list[float], list[float]]:
    """All streaks and consistencies: worked out from a warm store, from a cold open, and
    asked again with nothing changed (the Streaks area keeps them per marks snapshot)."""
    tracker = _service(history)
    tracker.streaks.table(history.today)

    def worked_out() -> object:
        tracker.__dict__.pop("streaks", None)  # a new Streaks area: nothing kept yet
        return tracker.streaks.table(history.today)

    warm = [_timed(worked_out) for _ in range(runs)]
    kept = [_timed(lambda: tracker.streaks.table(history.today)) for _ in range(runs)]
    cold = [
        _timed(lambda: _service(history).streaks.table(history.today))
        for _ in range(max(3, runs // 4))
    ]
    return warm, cold, kept


def _verdict(ok: bool) -> str:
    return "meets the target" if ok else "MISSES the target"


def run(writes: int, runs: int, stats_runs: int, as_json: bool) -> dict[str, float]:
    today = Clock.system().today()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        started = time.perf_counter()
        history = build_history(Path(folder) / "store", today)
        built = time.perf_counter() - started
        plain_path = Path(folder) / "plain" / "db.json"
        plain_path.parent.mkdir()
        plain_marks = write_plain_tinydb_copy(history, plain_path)
        store_writes, plain_writes, amount_writes = measure_writes(history, plain_path, writes)
        fsyncs = measure_fsync(Path(folder))
        checks, amount_checks, baselines = measure_processes(history, runs)
        warm, cold, kept = measure_stats(history, stats_runs)
        sizes = {
            "main_kb": history.path.stat().st_size / 1024,
            "marks_file_kb": (history.path.parent / "tracker.marks" / "1.json").stat().st_size
            / 1024,
            "plain_kb": plain_path.stat().st_size / 1024,
        }
    result = {
        "marks": history.marks,
        "plain_marks": plain_marks,
        "build_s": built,
        "store_write_ms": _median_ms(store_writes),
        "amount_write_ms": _median_ms(amount_writes),
        "plain_write_ms": _median_ms(plain_writes),
        "check_process_ms": _median_ms(checks),
        "amount_process_ms": _median_ms(amount_checks),
        "baseline_process_ms": _median_ms(baselines),
        "stats_warm_ms": _median_ms(warm),
        "stats_cold_ms": _median_ms(cold),
        "stats_kept_ms": _median_ms(kept),
        "tiny_durable_write_ms": _median_ms(fsyncs),
        **sizes,
    }
    result["write_ratio"] = result["plain_write_ms"] / result["store_write_ms"]
    result["process_ratio"] = result["check_process_ms"] / result["baseline_process_ms"]
    if as_json:
        print(json.dumps({k: round(v, 3) for k, v in result.items()}, indent=2))
    else:
        _print_report(result, writes, runs, stats_runs)
    return result


def _print_report(r: dict[str, float], writes: int, runs: int, stats_runs: int) -> None:
    def row(label: str, ours: float, plain: float | None, note: str) -> None:
        other = f"{plain:8.1f} ms" if plain is not None else " " * 11
        print(f"{label:<46}{ours:8.1f} ms {other}   {note}")

    print(
        f"History: {PROMISES} daily promises x {YEARS} years = {r['marks']:,.0f} marks, "
        f"{QUALITY_ENTRIES} quality-time entries, {NOTES} notes (built in {r['build_s']:.2f} s)."
    )
    print(
        f"Files: tracker.json {r['main_kb']:,.0f} KB, one promise's marks "
        f"{r['marks_file_kb']:,.0f} KB; the plain TinyDB file {r['plain_kb']:,.0f} KB."
    )
    print()
    print(f"{'':<46}{'tracker':>11} {'compared':>11}")
    row(
        f"a. a durable check-off (median of {writes})",
        r["store_write_ms"],
        r["plain_write_ms"],
        f"{r['write_ratio']:.1f}x faster than plain TinyDB insert; target >= "
        f"{TARGET_WRITE_RATIO:.0f}x: {_verdict(r['write_ratio'] >= TARGET_WRITE_RATIO)}",
    )
    row(
        "   an amount on the measured promise (same)",
        r["amount_write_ms"],
        None,
        "beside the yes/no check-off above (issue 22)",
    )
    row(
        f"b. the `tracker check NAME` process ({runs} runs)",
        r["check_process_ms"],
        r["baseline_process_ms"],
        f"{r['process_ratio']:.2f}x `python3 -c 'import tinydb, dateutil.rrule'`; target <= "
        f"{TARGET_PROCESS_RATIO:.0f}x: {_verdict(r['process_ratio'] <= TARGET_PROCESS_RATIO)}",
    )
    row(
        "   `tracker check NAME 15m` (measured, same runs)",
        r["amount_process_ms"],
        None,
        "beside the yes/no check above (issue 22)",
    )
    row(
        f"c. all streaks + consistency ({stats_runs} runs)",
        r["stats_warm_ms"],
        None,
        f"20 promises, warm store; target < {TARGET_STATS_MS:.0f} ms: "
        f"{_verdict(r['stats_warm_ms'] < TARGET_STATS_MS)}",
    )
    row("   the same from a cold open of the files", r["stats_cold_ms"], None, "")
    row("   the same again, nothing changed", r["stats_kept_ms"], None, "kept per marks snapshot")
    print()
    print(
        f"a: tracker rewrites one promise's marks file (temp file, fsync, rename, folder fsync)\n"
        f"   under a cross-process lock; plain TinyDB rewrites all {r['plain_marks']:,.0f} marks "
        "in place\n   with fsync and no rename, which a crash can leave torn. On this disk a "
        f"durable write\n   of a tiny file alone takes {r['tiny_durable_write_ms']:.1f} ms.\n"
        "b: both from compiled bytecode, as after `pip install`; medians of interleaved runs."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 tests/bench/bench_store.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--writes", type=int, default=30, help="check-offs to time (a)")
    parser.add_argument("--runs", type=int, default=10, help="processes to time (b)")
    parser.add_argument("--stats-runs", type=int, default=20, help="stats passes to time (c)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    run(args.writes, args.runs, args.stats_runs, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
