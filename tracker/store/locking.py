"""The cross-process lock every write takes: an OS lock (flock) that dies with its process.

A killed tracker never leaves a lock behind, because the kernel drops an flock when
its holder exits. The one lock implementation of tracker: the data file's lock, the
share's, and the reminder service's single-instance lock (timeout 0) are all this one.
The lock file follows the store's rules: never opened through a link, created 0600, and
run as root in a user's folder, owned by that user. Where there is no `fcntl`
(Windows), `msvcrt.locking` on the file's first byte does the same.
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
    import msvcrt

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

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _lock_file(self, deadline: float) -> int | None:
        fd = self._open_lock_file()
        try:
            while True:
                try:
                    _try_lock(fd)
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
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)


def _try_lock(fd: int) -> None:
    """Lock `fd` now or raise `BlockingIOError`."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    try:  # pragma: no cover - Windows
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as error:  # pragma: no cover - Windows
        raise BlockingIOError(str(error)) from error


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
