"""Moving the data from the folder tracker first used to its own: all of it, or none of it.

The first folder (~/.local/share/tracker) has GNOME Tracker 2's name; its files may live
there too and are never touched. Only tracker's own entries go: the data file and the
files named after it (`tracker.json.*`), its marks and share folders, and its backups.

A crash at any point leaves the data whole at the old place or at the new one:

1. everything is copied into a hidden folder beside the new one and fsynced;
2. a marker (`tracker.json.moving`) is written at the old place: from here on, a new
   folder holding the data means the move happened;
3. the hidden folder is renamed to the new one, in one step (the commit), and its
   parent fsynced;
4. the old entries are removed, the marker last, and the old folder if it is empty.

Run again after a crash, the move starts afresh (before 3) or finishes the clean-up
(after it). The old data file's lock is held throughout, so no other tracker writes
meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

from tracker.store.files import (
    TEMP_PREFIX,
    fsync_dir,
    read_stored_bytes,
    remove_stray_temp_files,
    write_atomically,
)
from tracker.store.locking import LockTimeout, ProcessLock
from tracker.store.vault import KEY_COPY_NAME, KEY_FILE_NAME

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
MOVING_SUFFIX = ".moving"
LOCK_SUFFIX = ".lock"
LOCK_WAIT_SECONDS = 10.0


class MoveRefused(Exception):
    """The data was not moved (nothing changed); the message says why, in one line."""


def moving_marker(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + MOVING_SUFFIX)


def own_entries(data_file: Path) -> list[Path]:
    """Tracker's own entries beside `data_file` (its lock and the marker excluded)."""
    folder, name, stem = data_file.parent, data_file.name, data_file.stem
    found = []
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        if entry in (name, f"{stem}.marks", f"{stem}.share", "backups", KEY_FILE_NAME) or (
            entry.startswith(name + ".") and not entry.endswith((LOCK_SUFFIX, MOVING_SUFFIX))
        ):
            found.append(path)
    return found


def move_data(old_file: Path, new_file: Path) -> list[str]:
    """Move the data at `old_file` to `new_file`'s folder; the names moved. `MoveRefused`."""
    old_folder, new_folder = old_file.parent, new_file.parent
    if os.path.lexists(new_file) and not old_folder.is_dir():
        return []  # moved before, and the old folder is gone
    lock = ProcessLock(old_folder / (old_file.name + LOCK_SUFFIX), timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except LockTimeout:
        raise MoveRefused("another tracker is saving: close it and try again.") from None
    try:
        remove_stray_temp_files(old_folder)  # a marker a crash cut short
        if os.path.lexists(new_file):
            if moving_marker(old_file).exists():
                _remove_old(old_file)  # a move a crash cut short: finish its clean-up
                return []
            if not os.path.lexists(old_file):
                _remove_old(old_file, only_locks=True)  # cut short after its marker went
                return []
            raise MoveRefused(f"{new_file} holds data already; nothing was moved.")
        if not os.path.lexists(old_file):
            raise MoveRefused(f"there is no data at {old_file} to move.")
        entries = own_entries(old_file)
        _refuse_foreign(entries, old_file)
        staging = new_folder.with_name(TEMP_PREFIX + new_folder.name + MOVING_SUFFIX)
        _clear_staging(staging)
        os.makedirs(new_folder.parent, mode=0o700, exist_ok=True)
        os.mkdir(staging, 0o700)
        for entry in entries:
            _copy(entry, staging / entry.name)
        fsync_dir(staging)
        _write_marker(moving_marker(old_file), new_file)
        _take_place(staging, new_folder)
        fsync_dir(new_folder.parent)
        _remove_old(old_file)
        return [entry.name for entry in entries]
    finally:
        lock.release()


def _refuse_foreign(entries: list[Path], data_file: Path) -> None:
    for entry in entries:
        info = os.lstat(entry)
        if stat.S_ISLNK(info.st_mode):
            raise MoveRefused(f"{entry} is a link; move it yourself, nothing was moved.")
    backups = data_file.parent / "backups"
    if backups in entries:
        strangers = [
            name
            for name in os.listdir(backups)
            if not name.startswith((data_file.stem + "-", TEMP_PREFIX)) and name != KEY_COPY_NAME
        ]
        if strangers:
            raise MoveRefused(
                f"{backups} holds files that are not tracker's backups ({strangers[0]}); "
                "nothing was moved."
            )


def _clear_staging(staging: Path) -> None:
    """Remove what a move a crash cut short left in the hidden folder (a copy, never the
    only one: the old place is whole until the commit)."""
    if os.path.lexists(staging):
        if staging.is_symlink() or not staging.is_dir():
            raise MoveRefused(f"{staging} is in the way; nothing was moved.")
        shutil.rmtree(staging)


def _copy(source: Path, target: Path) -> None:
    """A copy of `source` (a file or a folder of files), fsynced, modes kept, no link followed."""
    info = os.lstat(source)
    if stat.S_ISDIR(info.st_mode):
        os.mkdir(target, stat.S_IMODE(info.st_mode) & 0o700 or 0o700)
        for name in sorted(os.listdir(source)):
            _copy(source / name, target / name)
        fsync_dir(target)
        return
    if not stat.S_ISREG(info.st_mode):
        raise MoveRefused(f"{source} is not a file; nothing was moved.")
    data = read_stored_bytes(source) or b""  # as on disk: a locked file moves still locked
    fd = os.open(
        target,
        os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
        stat.S_IMODE(info.st_mode) & 0o600 or 0o600,
    )
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_marker(marker: Path, new_file: Path) -> None:
    # Only where the data goes (no private words): written as is, locked folder or not.
    write_atomically(marker, str(new_file) + "\n", as_stored=True)


def _take_place(staging: Path, new_folder: Path) -> None:
    """The commit: the hidden folder becomes the new one (an empty one is replaced)."""
    if os.path.lexists(new_folder):
        try:
            os.rmdir(new_folder)
        except OSError:
            raise MoveRefused(f"{new_folder} is not empty; nothing was moved.") from None
    os.rename(staging, new_folder)


def _remove_old(old_file: Path, *, only_locks: bool = False) -> None:
    """The old entries, the data file first and the marker last; the folder if empty."""
    folder = old_file.parent
    entries = [] if only_locks else own_entries(old_file)
    entries.sort(key=lambda path: path != old_file)
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry)
    fsync_dir(folder)
    # Lock files hold nothing (the one held now stays locked until released).
    for name in os.listdir(folder):
        if name.startswith(old_file.name + ".") and name.endswith(LOCK_SUFFIX):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(moving_marker(old_file))
    fsync_dir(folder)
    with contextlib.suppress(OSError):
        os.rmdir(folder)  # only if nothing else (GNOME Tracker's files) is in it
