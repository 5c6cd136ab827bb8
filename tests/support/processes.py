"""Process ids for tests of what a dead process left behind."""

from __future__ import annotations

import subprocess
import sys


def dead_pid() -> int:
    """The id of a process that has just ended (a writer killed mid-write, say)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)
