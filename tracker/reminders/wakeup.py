"""A sleep that ends early: when another thread wakes it, or when a signal arrives.

The reminder loop sleeps up to a minute at a time, and must wake at once when a
snooze button is clicked (in the notifier's listening thread) or when SIGTERM or ctrl+c
asks it to stop. A Python signal handler must not take a lock the interrupted code may
hold (`threading.Event.set` from a handler can wait forever on the lock its own thread
holds inside `Event.wait` or `Event.clear`), so nothing here locks:

- on POSIX the sleep is a `select` on a pipe: a wake is one byte written to it, and
  `signal.set_wakeup_fd` makes the interpreter write that byte itself when a signal
  arrives, in whichever thread the kernel delivered it to;
- on Windows, where `select` takes sockets only, the sleep is cut into one-second
  slices, and a stop is seen at the next slice.
"""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

WINDOWS_SLICE_SECONDS = 1.0


class Wakeup:
    """`sleep(seconds)` until the time is up or `wake()` is called, whichever is first.

    `wake()` is safe from any thread and from a signal handler: it only writes a byte.
    A wake that comes while nobody sleeps ends the next sleep at once, so none is lost.
    """

    def __init__(self) -> None:
        self._event = threading.Event()  # Windows only: see the module's docstring
        self._pipe: tuple[int, int] | None = None  # opened at first use, closed by close()

    def _opened(self) -> tuple[int, int] | None:
        if self._pipe is None and os.name != "nt":
            reader, writer = os.pipe()
            os.set_blocking(reader, False)
            os.set_blocking(writer, False)
            self._pipe = (reader, writer)
        return self._pipe

    def wake(self) -> None:
        pipe = self._opened()
        if pipe is None:
            self._event.set()
            return
        with suppress(BlockingIOError):  # a full pipe is already a wake
            os.write(pipe[1], b"\0")

    def sleep(self, seconds: float) -> None:
        pipe = self._opened()
        if pipe is None:
            self._event.wait(min(seconds, WINDOWS_SLICE_SECONDS))
            self._event.clear()
            return
        reader = pipe[0]
        ready, _, _ = select.select([reader], [], [], max(0.0, seconds))
        if ready:
            with suppress(BlockingIOError):
                while os.read(reader, 4096):
                    pass

    @contextmanager
    def woken_by_signals(self) -> Iterator[None]:
        """While inside, a signal ends the current sleep wherever it is delivered (POSIX);
        call from the main thread, as `signal.signal` must be."""
        pipe = self._opened()
        if pipe is None:
            yield
            return
        previous = signal.set_wakeup_fd(pipe[1], warn_on_full_buffer=False)
        try:
            yield
        finally:
            signal.set_wakeup_fd(previous)

    def close(self) -> None:
        if self._pipe is not None:
            for fd in self._pipe:
                os.close(fd)
            self._pipe = None
