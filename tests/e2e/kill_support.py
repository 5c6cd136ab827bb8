"""A power cut at an exact rename: run `tracker` under strace, which SIGKILLs it there.

`strace -f -e inject=rename:signal=KILL:when=N` kills the process (and its children) at
its N-th rename: the temporary file is written and synced, the rename not yet done. This
is the moment a killed tracker leaves its temporary files behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import NOW, Cli

RENAMES = "rename,renameat,renameat2"


def killed_at_rename(cli: Cli, nth: int, *args: str, now: str = NOW) -> int:
    """Run `tracker ARGS` and kill it at its `nth` rename; its exit status (-9 or 137 when
    killed, its own status when it renamed fewer times)."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.fail("strace is needed for the kill-at-rename tests (apt install strace)")
    env = {**cli.env, "TRACKER_NOW": now, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [
        strace,
        "-f",
        "-o",
        os.devnull,
        "-e",
        f"trace={RENAMES}",
        "-e",
        f"inject={RENAMES}:signal=KILL:when={nth}",
        sys.executable,
        "-m",
        "tracker",
        *args,
    ]
    done = subprocess.run(command, cwd=cli.cwd, env=env, capture_output=True, timeout=120)
    return done.returncode


def temp_files(folder: Path) -> list[str]:
    """The names of the temporary files in `folder` (tracker's, or anyone's named like them)."""
    if not folder.is_dir():
        return []
    return sorted(name for name in os.listdir(folder) if name.startswith(".tmp-"))
