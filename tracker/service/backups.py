"""Backups: take one now, list them, restore everything from one, the daily automatic one."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import NotFoundError
from tracker.paths import expand_home
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.store import BackupInfo


class Backups(Area):
    """Whole-store snapshots beside the data file (`backups/`)."""

    def all(self) -> list[BackupInfo]:
        """The backups, newest first."""
        return self._store.backups()

    def take(self) -> Change[Path]:
        """A backup of everything, now."""
        path = self._store.backup()
        return Change(path, f"Backed up to {path}")

    def take_if_due(self) -> Path | None:
        """Take today's automatic backup if it is not taken yet; its path, or None.

        Every write takes it itself before the day's first change, so nothing depends on
        this; the app calls it in a worker (at start, when the day turns) so that the
        first change of the day need not copy the whole history while the user waits.
        """
        return self._store.backup_if_due()

    def restore(self, backup: Path, *, force: bool = False) -> Change[Path]:
        """Replace everything with a backup's content; `saved` is the safety backup of before.

        A backup that lacks the history of a promise the data still has is refused
        (IncompleteBackupError); with `force`, that history is kept as it is now.
        """
        backup = expand_home(backup)
        if not backup.is_file():
            raise NotFoundError(f"There is no backup file at {backup}.")
        safety = self._store.restore(backup, force=force)
        store = self._store
        return Change(
            safety,
            f"Restored everything from {backup}.\nWhat was there before is kept in {safety}.",
            Undo("Go back to before the restore", lambda: store.restore(safety)),
        )
