"""Writing what the user asked for (an export, a calendar, a report) where they asked.

The store's rules for its own files hold here too (`tracker.store.files`): written
atomically (a crash leaves the old file or the new one), readable by the owner only
(0600; a folder tracker creates 0700), never through a symbolic link. One rule more,
for a path the user typed: a file that is already there is replaced only when tracker
wrote it (an earlier export of the same kind, recognised by its content); anything else
is refused with a message, and nothing is written. An export of locked data is sealed
with the lock's key, unless the user asked for it plain. The temporary files a killed export
left beside its file are removed by the next export there. A CSV folder is written into only
when it is new, empty, or holds only the files of an earlier CSV export.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from tracker.errors import StoreError, ValidationError
from tracker.paths import expand_home
from tracker.store.files import (
    ensure_private_dir,
    lstat_or_none,
    remove_file,
    remove_stray_temp_files,
    write_atomically,
)
from tracker.store.sealing import is_sealed

# An export of locked data: its bytes sealed with the lock's key.
Seal = Callable[[bytes], bytes]

# How much of an existing file is read to tell whether tracker wrote it.
HEAD_BYTES = 64 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def absolute(path: Path | str) -> Path:
    """The path as typed, made absolute (`~` expanded); never resolved through links."""
    try:
        return expand_home(path).absolute()
    except RuntimeError as error:  # ~name of a user who does not exist
        raise ValidationError(f"{path} names a home folder that does not exist.") from error


def write_file(
    path: Path,
    data: bytes,
    *,
    what: str,
    ours: Callable[[bytes], bool],
    seal: Seal | None = None,
) -> bool:
    """Write `data` to `path` (0600, atomically); True if it replaced an earlier file that
    `ours` recognises (from its first bytes), or an earlier locked one. Anything else there
    is refused. `seal`: the lock's, for an export of locked data."""
    path = absolute(path)
    _refuse_missing_folder(path)
    info = lstat_or_none(path)
    if info is not None:
        _refuse_other_kinds(path, info)
        head = _head(path)
        if not (ours(head) or is_sealed(head)):
            raise StoreError(
                f"{path} already exists and is not a {what}, so it was left as it is and "
                "nothing was written. Choose another name, or move that file away first."
            )
    # What a killed export left beside this file (a hidden copy of the data) goes first.
    remove_stray_temp_files(path.parent, {path.name})
    write_atomically(path, data if seal is None else seal(data))
    return info is not None


def write_folder(
    path: Path,
    files: Mapping[str, bytes],
    *,
    ours: Callable[[str], bool],
    seal: Seal | None = None,
) -> bool:
    """Write `files` (name -> bytes) into the folder `path`, created 0700 if new; True if
    it replaced an earlier export there. Files of an earlier export that this one does
    not hold are removed; a folder holding anything else is refused."""
    path = absolute(path)
    _refuse_missing_folder(path)
    info = lstat_or_none(path)
    earlier: list[str] = []
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise _link(path)
        if not stat.S_ISDIR(info.st_mode):
            raise StoreError(
                f"{path} is a file, not a folder; a CSV export is a folder of files. "
                "Nothing was written: choose a new folder name."
            )
        remove_stray_temp_files(path, set(files))
        entries = sorted(os.listdir(path))
        strangers = [name for name in entries if not ours(name)]
        if strangers:
            shown = ", ".join(strangers[:3]) + (" ..." if len(strangers) > 3 else "")
            raise StoreError(
                f"{path} holds files tracker did not write ({shown}), so nothing was written "
                "there. Choose a new or empty folder."
            )
        earlier = entries
    else:
        ensure_private_dir(path)
    for name, data in files.items():
        target = path / name
        existing = lstat_or_none(target)
        if existing is not None:
            _refuse_other_kinds(target, existing)
        write_atomically(target, data if seal is None else seal(data))
    for name in earlier:
        if name not in files:
            remove_file(path / name)
    return bool(earlier)


def _refuse_missing_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise StoreError(
            f"Nothing was written: the folder {path.parent} does not exist. Create it first, "
            "or choose another place."
        )


def _link(path: Path) -> StoreError:
    return StoreError(
        f"Nothing was written: {path} is a symbolic link, and tracker never writes through "
        "one. Choose another name."
    )


def _refuse_other_kinds(path: Path, info: os.stat_result) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise _link(path)
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"Nothing was written: {path} is a folder. Name a file.")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"Nothing was written: {path} is not a regular file.")


def _head(path: Path) -> bytes:
    """The first bytes of the regular file `path` (never through a link, never blocking)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError as error:
        raise StoreError(
            f"Nothing was written: {path} is there and cannot be read ({error.strerror}), "
            "so tracker cannot tell whether it wrote it."
        ) from error
    with contextlib.closing(os.fdopen(fd, "rb")) as handle:
        return handle.read(HEAD_BYTES)
