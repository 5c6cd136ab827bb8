"""Helpers for the end-to-end durability tests: real CLI runs, byte snapshots, hostile sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[2]

# Loaded by every Python started with this folder first on PYTHONPATH: it makes the
# environment hostile on request (no network, a full disk, files that cannot be read),
# so the real `tracker` command can be tested against it in a real process.
SITECUSTOMIZE = textwrap.dedent(
    r'''
    """Test-only: make this Python process's environment hostile, as the env asks."""
    import errno
    import os
    import socket

    _attempts = os.environ.get("TRACKER_TEST_NO_NETWORK")
    if _attempts:
        # Local sockets (AF_UNIX: asyncio's wake-up pipe, D-Bus) are not the network;
        # anything else is refused, and every attempt is written down for the test,
        # even one the code under test would swallow.
        import traceback

        def _refuse(what):
            with open(_attempts, "a", encoding="utf-8") as log:
                log.write(what + "\n" + "".join(traceback.format_stack(limit=8)) + "\n")
            raise OSError(errno.ENETUNREACH, "tests: this process may not use the network")

        class _LocalOnlySocket(socket.socket):
            def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
                if fileno is None and family not in (socket.AF_UNIX, -1):
                    _refuse(f"socket(family={family})")
                if fileno is None and family == -1:
                    _refuse("socket() of the default family (AF_INET)")
                super().__init__(family, type, proto, fileno)

        socket.socket = _LocalOnlySocket
        socket.create_connection = lambda *a, **k: _refuse(f"create_connection{a}")
        socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo{a}")
        socket.gethostbyname = lambda *a, **k: _refuse(f"gethostbyname{a}")

    _full = os.environ.get("TRACKER_TEST_DISK_FULL")
    if _full:
        _real_write = os.write

        def _write(fd, data):
            # Only files tracker writes (its temp files) hit the full disk; the
            # terminal and pipes keep working so the user can be told.
            try:
                name = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                name = ""
            if name.startswith(_full):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return _real_write(fd, data)

        os.write = _write

    _readonly = os.environ.get("TRACKER_TEST_READONLY")
    if _readonly:
        # A folder this process may not write in (as chmod 500 would make it for a
        # user who is not root): nothing can be created, renamed or removed inside.
        def _inside(path):
            return os.path.abspath(os.fspath(path)).startswith(_readonly + os.sep)

        def _denied(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

        _real_os_open, _real_replace = os.open, os.replace
        _real_unlink, _real_mkdir = os.unlink, os.mkdir

        def _os_open(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and _inside(path) and not os.path.exists(path):
                _denied(path)
            return _real_os_open(path, flags, *args, **kwargs)

        def _replace(src, dst, *args, **kwargs):
            if _inside(src) or _inside(dst):
                _denied(dst)
            return _real_replace(src, dst, *args, **kwargs)

        def _unlink(path, *args, **kwargs):
            if _inside(path):
                _denied(path)
            return _real_unlink(path, *args, **kwargs)

        def _mkdir(path, *args, **kwargs):
            if _inside(path):
                _denied(path)
            return _real_mkdir(path, *args, **kwargs)

        os.open, os.replace, os.rename = _os_open, _replace, _replace
        os.unlink, os.remove, os.mkdir = _unlink, _unlink, _mkdir

    _unreadable = os.environ.get("TRACKER_TEST_UNREADABLE")
    if _unreadable:
        import builtins

        _real_open = builtins.open

        def _open(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == _unreadable:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
            return _real_open(file, mode, *args, **kwargs)

        builtins.open = _open

        # The store reads its files with os.open (never through a link): refuse that too.
        _real_os_open_for_read = os.open

        def _os_open_read(path, flags, *args, **kwargs):
            if os.fspath(path) == _unreadable:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return _real_os_open_for_read(path, flags, *args, **kwargs)

        os.open = _os_open_read
    '''
)

# Not data: the lock, and the store's record of files found sound (a cache).
CACHES = (".lock", ".checked")


def hostile_site(folder: Path) -> Path:
    """A folder holding the hostile sitecustomize.py, for PYTHONPATH."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child tracker: no user data dir, UTC unless told otherwise."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TRACKER_", "PYTEST_", "HYPOTHESIS"))
    }
    env.setdefault("TZ", "UTC")
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(
    db: Path,
    *args: str | bytes,
    env: dict[str, str] | None = None,
    prefix: Sequence[str] = (),
    site: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `tracker` command in a fresh process; output is kept as bytes."""
    env = dict(env or clean_env())
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (str(site), env.get("PYTHONPATH", "")) if part
        )
    command = [*prefix, PYTHON, "-m", "tracker", "--db", os.fsencode(db), *args]
    return subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)


def stderr_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The one line the user sees on stderr; fails if there is anything else (a traceback)."""
    text = result.stderr.decode("utf-8", "replace")
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one clear line on stderr, got:\n{text}"
    assert lines[0].startswith("tracker: "), text
    assert "Traceback" not in text
    return lines[0]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the lock and the record of sound files aside) with its content."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(CACHES):
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def without_root_override() -> list[str] | None:
    """A command prefix under which file permissions apply even to root, or None.

    Root ignores chmod. Dropping the two capabilities that let it (dac_override,
    dac_read_search) from the bounding set makes the kernel check the mode bits again.
    """
    if os.environ.get("TRACKER_TEST_PATCHED_PERMISSIONS"):  # to test the fallback itself
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    prefix = [setpriv, "--bounding-set", caps, "--inh-caps", caps]
    # A container may forbid changing the bounding set (no CAP_SETPCAP): then fall back.
    probe = subprocess.run([*prefix, PYTHON, "-c", "pass"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None
