"""Writing the share after a command changed the data, without making the command wait.

A command that changed something (`tracker check`) asks for a publish (one small file
beside the data, `tracker.share.pending`) and starts `tracker share publish --after
TOKEN` on its own: detached, in its own session, its output thrown away. That process
waits the debounce delay and writes the share only if no later change asked again, so
five check-offs in a row write one share, and none of them waits for it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from tracker.service import Tracker

# Where a detached child finds the key of locked data (a pipe from its parent).
KEY_FD = 3
KEY_FD_ENV = "TRACKER_KEY_FD"


def publish_later(tracker: Tracker) -> str | None:
    """Ask for our share to be written in a moment, by a detached process; the request's
    token, or None when sharing is not set up (then nothing is started)."""
    token = tracker.sharing.request_publish()
    if token is None:
        return None
    key = tracker.lock.key_to_hand_over()
    _start_detached(
        [
            sys.executable,
            "-m",
            "tracker",
            "--db",
            os.fspath(tracker.data_path),
            "share",
            "publish",
            "--after",
            token,
        ],
        key,
    )
    return token


def _start_detached(argv: list[str], key: bytes | None = None) -> None:
    """Start `argv` in its own session with no terminal, and do not wait for it. The key
    of locked data goes to it over a pipe (never a file, an argument or the environment)."""
    spawn = getattr(os, "posix_spawn", None)
    if spawn is not None:
        # Cheaper than importing subprocess (a few ms of a command that should feel instant).
        actions: list[tuple[Any, ...]] = [
            (os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)
        ]
        env = dict(os.environ)
        if key is None:
            spawn(argv[0], argv, env, file_actions=actions, setsid=True)
            return
        read_end, write_end = os.pipe()
        try:
            actions.append((os.POSIX_SPAWN_DUP2, read_end, KEY_FD))
            env[KEY_FD_ENV] = str(KEY_FD)
            spawn(argv[0], argv, env, file_actions=actions, setsid=True)
            os.write(write_end, key)  # a few bytes: the pipe's buffer holds them
        finally:
            os.close(read_end)
            os.close(write_end)
        return
    import subprocess  # pragma: no cover - no posix_spawn (Windows)

    subprocess.Popen(  # pragma: no cover
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        creationflags=getattr(subprocess, "DETACHED_PROCESS", 0),
    )
