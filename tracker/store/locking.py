"""The cross-process lock every write takes: an OS lock (flock) that dies with its process.

A killed tracker never leaves a lock behind, because the kernel drops an flock when
its holder exits. This is what `filelock.UnixFileLock` does too; doing it here keeps
`tracker check` from importing filelock (and logging, which it pulls in): about 10 ms
of a command that should feel instant. Where there is no `fcntl` (Windows), filelock
is used.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

from tracker.store.files import adopt_folder_owner

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.005
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class ProcessLock:
    """A re-entrant lock shared by the threads of this process and by other processes."""

    def __init__(self, path: Path, timeout: float, mode: int = 0o600) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.mode = mode
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._fallback = None
        if fcntl is None:  # pragma: no cover - Windows
            from filelock import FileLock

            self._fallback = FileLock(str(self.path), timeout=timeout, mode=mode)

    def acquire(self) -> None:
        """Take the lock, waiting up to the timeout; raises `LockTimeout` or `OSError`."""
        deadline = time.monotonic() + self.timeout
        if not self._threads.acquire(timeout=self.timeout):
            raise LockTimeout(str(self.path))
        try:
            if self._depth == 0:
                self._fd = self._lock_file(deadline)
            self._depth += 1
        except BaseException:
            self._threads.release()
            raise

    @property
    def depth(self) -> int:
        """How many times the calling thread holds the lock (only meaningful while held)."""
        return self._depth

    def release(self) -> None:
        self._depth -= 1
        try:
            if self._depth == 0:
                self._unlock_file()
        finally:
            self._threads.release()

    def _lock_file(self, deadline: float) -> int | None:
        if self._fallback is not None:  # pragma: no cover - Windows
            from filelock import Timeout

            try:
                self._fallback.acquire()
            except Timeout as error:
                raise LockTimeout(str(self.path)) from error
            return None
        fd = self._open_lock_file()
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(str(self.path)) from None
                    time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise

    def _open_lock_file(self) -> int:
        """Open (or create) the lock file, never through a link: a link planted in a shared
        folder must not make tracker create or lock the file it points to (`OSError` ELOOP)."""
        flags = os.O_RDWR | _NOFOLLOW | _CLOEXEC
        try:
            fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, self.mode)
        except FileExistsError:
            return os.open(self.path, flags)
        try:
            os.fchmod(fd, self.mode)
            adopt_folder_owner(fd, self.path.parent)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _unlock_file(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
