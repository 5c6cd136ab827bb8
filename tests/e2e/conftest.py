"""Fixtures for the end-to-end tests (helpers live in cli_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import NOW, Cli, Result, child_env, snapshot, tracker_script  # noqa: F401


@pytest.fixture
def cli(tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
    """The command, with TRACKER_DB in tmp_path, run from another folder of tmp_path.

    In this process (main(argv), as the child would run it) unless the test is marked
    `real_process`: mark the tests whose point is the process itself."""
    work = tmp_path / "work"
    work.mkdir()
    db = tmp_path / "data" / "tracker.json"
    env = child_env(tmp_path / "home")
    env["TRACKER_DB"] = str(db)
    in_process = request.node.get_closest_marker("real_process") is None
    return Cli(db=db, cwd=work, env=env, in_process=in_process)
