"""Sharing costs nothing to the commands that do not share: it is imported only when used."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tracker.model import Promise
from tracker.schedule import parse_schedule
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[2]

CHECK_AND_LIST_MODULES = """
import sys
from tracker.cli import main
assert main(["--db", sys.argv[1], "check", "Call Sam"]) == 0
loaded = sorted(name for name in sys.modules if name.startswith(tuple(sys.argv[2:])))
print("loaded:", *loaded)
"""


def test_checking_off_imports_neither_the_share_modules_nor_cryptography(tmp_path):
    store = Store.open(tmp_path / "tracker.json")
    store.add_promise(Promise("Call Sam", parse_schedule("daily"), date(2026, 11, 1)))
    env = {**os.environ, "TRACKER_NOW": "2026-11-25T20:30:00", "TZ": "Europe/Berlin"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHECK_AND_LIST_MODULES,
            str(store.path),
            "tracker.share",
            "cryptography",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Kept: Call Sam" in result.stdout
    assert result.stdout.splitlines()[-1].split() == ["loaded:"]


def test_the_share_package_imports_nothing_when_imported():
    """`import tracker.share` alone (as a later lazy import starts) loads no crypto."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys, tracker.share; print('cryptography' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr
