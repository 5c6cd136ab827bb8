"""How the everyday actions' cost grows with the history: `python3 tests/bench/bench_scaling.py`.

On demo histories of 1, 5 and 30 years with 20, 60 and 200 promises (built once into a
folder, `--data DIR` to keep and reuse them), it times as whole processes, the way a user
runs them, each the median of `--runs`:

- `tracker check NAME` (a check-off of today, written durably),
- `tracker today`,
- `tracker streaks --json`,
- the app, from just before its process is spawned to the first frame showing Today
  (as `bench_ui.py` measures it, headless),

and the peak memory (max RSS) of the check-off's process and of the app's. It prints a
markdown table with the date and the machine (`--out FILE` writes it there too); the
figures in docs/performance.md are this table. A check-off should not grow with the
years; nothing should grow faster than linearly.

`--quick`: 1 and 5 years with 20 and 60 promises, 3 runs each (a minute or so), for a
spot check. The full grid takes a few minutes, most of it building the 30-year demos.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench_ui import TRACKER_APP

DEMO_TODAY = date(2026, 11, 25)
NOW = f"{DEMO_TODAY}T20:30:00"
YEARS = (1, 5, 30)
PROMISES = (20, 60, 200)
QUICK_YEARS = (1, 5)
QUICK_PROMISES = (20, 60)
PYCACHE = Path(tempfile.gettempdir()) / "tracker-bench-pycache"

# The app as `bench_ui.py` starts it: `tracker --db FILE`, headless, the time of the
# first frame that shows Today's rows printed, then it exits.
APP_TO_TODAY = TRACKER_APP


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a busy machine
    peak_mib: float


@dataclass(frozen=True)
class Row:
    years: int
    promises: int
    marks: int
    check: list[Run]
    today: list[Run]
    streaks: list[Run]
    app: list[Run]


def environment() -> dict[str, str]:
    """The demo's evening; compiled bytecode as after `pip install` (kept in a folder of
    the benchmark's even where PYTHONDONTWRITEBYTECODE is set)."""
    env = {**os.environ, "TZ": "Europe/Berlin", "TRACKER_NOW": NOW}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(argv: list[str], cwd: Path, *, first_frame: bool = False) -> Run:
    """One process: its wall time (to its first frame, for the app) and its max RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        process = subprocess.Popen(argv, cwd=cwd, env=environment(), stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)  # the process's own rusage
        ended = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{argv[3:]} failed: {err.read().decode(errors='replace')}")
        seconds = float(out.read().split()[0]) - started if first_frame else ended - started
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(demo: Path, runs: int, app: bool) -> tuple[list[Run], ...]:
    python = [sys.executable, "-P"]
    tracker = [*python, "-m", "tracker", "--db", str(demo)]
    commands = {
        "check": [*tracker, "check", "1", "--date", DEMO_TODAY.isoformat()],
        "today": [*tracker, "today"],
        "streaks": [*tracker, "streaks", "--json"],
    }
    if app:
        commands["app"] = [*python, "-c", APP_TO_TODAY, str(demo)]
    found: dict[str, list[Run]] = {name: [] for name in commands}
    for name, argv in commands.items():  # warm the file cache and the bytecode cache
        run(argv, demo.parent, first_frame=name == "app")
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits them all
        for name, argv in commands.items():
            found[name].append(run(argv, demo.parent, first_frame=name == "app"))
    return found["check"], found["today"], found["streaks"], found.get("app", [])


def demo_file(folder: Path, years: int, promises: int) -> tuple[Path, int]:
    """The demo history (built the first time, in a process of its own); its mark count."""
    path = folder / f"demo-{years}y-{promises}p.json"
    if not path.exists():
        script = (
            "import sys; from datetime import date; from pathlib import Path\n"
            "from tracker.demo import write_demo\n"
            f"print(write_demo(Path(sys.argv[1]), years={years}, promises={promises}, "
            f"today=date.fromisoformat('{DEMO_TODAY}'), seed=2026, practices=True))"
        )
        subprocess.run(
            [sys.executable, "-P", "-c", script, str(path)],
            env=environment(),
            check=True,
            capture_output=True,
        )
    marks = sum(_marks_in(file) for file in (folder / f"{path.stem}.marks").glob("*.json"))
    return path, marks


def _marks_in(marks_file: Path) -> int:
    import json

    return len(json.loads(marks_file.read_text(encoding="utf-8")).get("marks", {}))


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _ms(runs: list[Run]) -> str:
    return f"{statistics.median(r.seconds for r in runs) * 1000:,.0f}" if runs else "–"


def _cpu_ms(runs: list[Run]) -> str:
    return f"{statistics.median(r.cpu_seconds for r in runs) * 1000:,.0f}"


def _mib(runs: list[Run]) -> str:
    return f"{max(r.peak_mib for r in runs):,.0f}" if runs else "–"


def table(rows: list[Row], runs: int) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {machine()}; each figure the median of "
        f"{runs} runs (whole processes, wall milliseconds; the check-off's CPU time too), "
        "peak memory the largest max RSS (MiB). "
        "`python3 tests/bench/bench_scaling.py` makes this table.",
        "",
        "| years | promises | marks | `check` | `check` CPU | `today` | `streaks --json` "
        "| app to Today | peak MiB, `check` | peak MiB, app |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.years} | {r.promises} | {r.marks:,} | {_ms(r.check)} | {_cpu_ms(r.check)} "
            f"| {_ms(r.today)} "
            f"| {_ms(r.streaks)} | {_ms(r.app)} | {_mib(r.check)} | {_mib(r.app)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 5 years, 20 and 60 promises")
    parser.add_argument("--runs", type=int, help="runs of each command (default 5; quick 3)")
    parser.add_argument("--data", type=Path, help="keep the demo histories in this folder")
    parser.add_argument("--no-app", action="store_true", help="leave out the app's start")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    years = QUICK_YEARS if args.quick else YEARS
    promises = QUICK_PROMISES if args.quick else PROMISES
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        folder = args.data or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for year_count in years:
            for promise_count in promises:
                demo, marks = demo_file(folder, year_count, promise_count)
                print(f"{year_count} years × {promise_count} promises…", file=sys.stderr)
                check, today, streaks, app = measure(demo, runs, not args.no_app)
                rows.append(Row(year_count, promise_count, marks, check, today, streaks, app))
    text = table(rows, runs)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
