"""The real app in a terminal (tmux, 80x24): Sam checks a promise off and quits at once,
before the quiet moment after which the open app writes its share. Closing writes it: Alex
sees the check-off without Sam running anything else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import NOW, partner_cli

WITHIN = 20.0  # seconds for the app to start, and to close


def _tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        pytest.fail("this test runs the app in a terminal: install tmux (apt-get install tmux)")
    return found


def _wait(what: str, probe, within: float = WITHIN) -> None:
    deadline = time.monotonic() + within
    while not probe():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {within:.0f} s for {what}")
        time.sleep(0.2)


def test_closing_the_app_right_after_a_check_off_writes_the_share(tmp_path: Path):
    tmux = _tmux()
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")
    sam.add("Cook dinner", "daily")
    sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    before = sam.json("share", "status", "--json")["written_sequence"]
    assert [row["status"] for row in alex.json("partner", "today", "--json")] == ["open"]

    server = ["-L", f"tracker-share-close-{os.getpid()}"]  # a tmux server of our own
    env = {**sam.env, "TRACKER_NOW": NOW}
    command = [tmux, *server, "new-session", "-d", "-s", "sam", "-x", "80", "-y", "24"]
    command += ["-c", str(sam.cwd), "env", *[f"{k}={v}" for k, v in env.items()]]
    command += [sys.executable, "-m", "tracker"]
    subprocess.run(command, check=True, timeout=WITHIN)

    def screen() -> str:
        shown = subprocess.run(
            [tmux, *server, "capture-pane", "-p", "-t", "sam"],
            capture_output=True,
            text=True,
            timeout=WITHIN,
        )
        return shown.stdout

    def closed() -> bool:
        alive = subprocess.run([tmux, *server, "has-session", "-t", "sam"], capture_output=True)
        return alive.returncode != 0

    try:
        _wait("the app to show Sam's Today", lambda: "Cook dinner" in screen())
        subprocess.run([tmux, *server, "send-keys", "-t", "sam", "space", "q"], check=True)
        _wait("the app to close", closed)
    finally:
        subprocess.run([tmux, *server, "kill-server"], capture_output=True)

    assert sam.json("share", "status", "--json")["written_sequence"] == before + 1
    [row] = alex.json("partner", "today", "--json")
    assert (row["title"], row["status"], row["partner"]) == ("Cook dinner", "kept", "Sam")
