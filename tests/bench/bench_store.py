"""Benchmark (prints numbers, asserts nothing): store writes, the check command, the stats.

Run: python3 tests/bench/bench_store.py [--writes 30] [--runs 10] [--json]
It is `python3 -m tracker.bench`; see tests/bench/README.md.
"""

from tracker.bench import main

if __name__ == "__main__":
    raise SystemExit(main())
