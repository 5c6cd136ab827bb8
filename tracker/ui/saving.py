"""How the app saves: one write at a time, in the order the user asked, never freezing.

Every change goes through the service and comes back as a `Change`. A write waits only
briefly for another tracker's save (the app opens the data with a short lock wait);
when the data file stays busy, the write is kept, the user is told in place, and it is
tried again until it goes through. Writes asked for meanwhile wait behind it, so the
order the user chose is the order they are saved in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from tracker.errors import LockedError, TrackerError
from tracker.service import Change

if TYPE_CHECKING:
    from textual.timer import Timer

RETRY_SECONDS = 1.0
BUSY_MESSAGE = (
    "Another tracker is saving to this file (or today's backup is being taken). "
    "Your change is kept and will be saved in a moment."
)


@dataclass
class Write:
    """One change the user asked for, and what to do with its outcome."""

    write: Callable[[], Change[Any]]
    saved: Callable[[Change[Any]], object]
    refused: Callable[[TrackerError], object]
    waiting: Callable[[str], object]
    undoable: bool = True
    told_waiting: bool = field(default=False, init=False)


class SavingApp(Protocol):
    """What the saver uses of the app: keeping a saved change, and a timer to retry."""

    def record(self, change: Change[Any], *, undoable: bool = True) -> None: ...
    def set_timer(
        self, delay: float, callback: Callable[[], object], *, name: str | None = None
    ) -> Timer: ...


class Saver:
    """The app's queue of writes: normally empty; a write waits here while the file is busy."""

    def __init__(self, app: SavingApp, retry_seconds: float = RETRY_SECONDS) -> None:
        self.app = app
        self.retry_seconds = retry_seconds
        self.pending: deque[Write] = deque()
        self._retry: Timer | None = None

    def submit(self, write: Write) -> None:
        if self.pending:  # behind what is waiting already: the user's order is kept
            self.pending.append(write)
            return
        if not self._attempt(write):
            self.pending.append(write)
            self._schedule_retry()

    def _attempt(self, write: Write) -> bool:
        """Try one write; False if the file is busy (the write is kept for a retry)."""
        try:
            change = write.write()
        except LockedError:
            if not write.told_waiting:
                write.told_waiting = True
                write.waiting(BUSY_MESSAGE)
            return False
        except TrackerError as error:
            write.refused(error)
            return True
        self.app.record(change, undoable=write.undoable)
        write.saved(change)
        return True

    def retry_now(self) -> None:
        """The user asked again (Save, Enter): try what is waiting now, not in a moment."""
        if self._retry is not None:
            self._retry.stop()
        self._write_pending()

    def _schedule_retry(self) -> None:
        self._retry = self.app.set_timer(self.retry_seconds, self._write_pending, name="retry")

    def _write_pending(self) -> None:
        self._retry = None
        while self.pending:
            if not self._attempt(self.pending[0]):
                self._schedule_retry()
                return
            self.pending.popleft()
