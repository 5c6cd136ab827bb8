"""Sharing costs nothing to the commands that do not share: it is imported only when used."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

from share_support import EVENING, pair

from tracker.model import Promise
from tracker.schedule import parse_schedule
from tracker.share import pending
from tracker.share.sharing import Sharing
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[2]

RUN_AND_LIST_MODULES = """
import sys
from tracker.cli import main
for command in sys.argv[2].split("|"):
    assert main(["--db", sys.argv[1], *command.split(":")]) == 0
loaded = sorted(name for name in sys.modules if name.startswith(tuple(sys.argv[3:])))
print("loaded:", *loaded)
"""
EVERYDAY = "check:Call Sam|today:--json|streaks"


def _modules_of_sharing_loaded(data_file: Path, commands: str = "check:Call Sam") -> list[str]:
    """Run the commands (`|` between them, `:` between words): what of sharing they loaded."""
    env = {**os.environ, "TRACKER_NOW": "2026-11-25T20:30:00", "TZ": "Europe/Berlin"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_AND_LIST_MODULES,
            str(data_file),
            commands,
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
    return result.stdout.splitlines()[-1].split()[1:]


# What a check-off may load of sharing: the request for a later publish (one small file).
LIGHT = ["tracker.share", "tracker.share.pending"]


def test_without_sharing_everyday_commands_import_neither_cryptography_nor_the_share(tmp_path):
    store = Store.open(tmp_path / "tracker.json")
    store.add_promise(Promise("Call Sam", parse_schedule("daily"), date(2026, 11, 1)))
    assert _modules_of_sharing_loaded(store.path, EVERYDAY) == LIGHT
    assert not pending.share_dir(store.path).exists()  # nothing asked: sharing is not set up


def test_with_sharing_on_a_check_off_asks_for_a_publish_and_still_imports_no_cryptography(
    tmp_path,
):
    couple = pair(tmp_path)
    data_file = couple.alex.home.data_file
    store = Store.open(data_file)
    store.add_promise(Promise("Call Sam", parse_schedule("daily"), date(2026, 11, 1)))
    assert _modules_of_sharing_loaded(data_file) == LIGHT
    request = pending.share_dir(data_file) / pending.REQUEST_FILE
    assert request.exists()  # the detached `tracker share publish --after` waits on it


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


def test_a_burst_of_publish_requests_is_written_once_by_the_latest(tmp_path):
    data_file = tmp_path / "tracker.json"
    assert not pending.is_set_up(data_file)
    tokens = [pending.request_publish(data_file) for _ in range(5)]
    assert [pending.is_latest(data_file, token) for token in tokens] == [False] * 4 + [True]
    request = pending.share_dir(data_file) / pending.REQUEST_FILE
    assert stat.S_IMODE(os.stat(request).st_mode) == 0o600
    assert pending.share_dir(data_file) == Sharing(data_file).home.dir


def test_sharing_set_up_is_told_by_one_look_at_the_disk(tmp_path):
    couple = pair(tmp_path)
    assert pending.is_set_up(couple.alex.home.data_file)
    pending.request_publish(couple.alex.home.data_file)
    couple.alex.stop(EVENING)
    assert not pending.is_set_up(couple.alex.home.data_file)
    assert not couple.alex.home.dir.exists()
