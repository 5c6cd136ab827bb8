"""The files of the shared folder: read one safely, write ours atomically, tell names apart.

Each tracker writes only its own file, under a name only the pair can compute, so no
two machines ever write one path. Whatever else a sync tool or a person leaves in the
folder (temporary files, conflict copies, other pairings' files, anything) is never
read as a share; `scan` only counts it for `share status`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tracker.errors import StoreError
from tracker.share.keys import FILE_SUFFIX
from tracker.share.problems import Problem, ShareRefused
from tracker.store.files import link_target, remove_stray_temp_files, user_name, write_atomically

MAX_SHARE_BYTES = 8 * 1024 * 1024  # a five-year share is about 100 KB
_SHARE_NAME = re.compile(r"^[0-9a-f]{32}" + re.escape(FILE_SUFFIX) + "$")
# Ours (tracker.store.files), Syncthing's, and the usual editors' and sync tools' own.
_TEMP_PREFIXES = (".tmp-", ".syncthing.", "~syncthing~", ".~", "~$", ".dropbox")
_CONFLICT_MARKS = (".sync-conflict-", "conflicted copy", "_conflict-", "(conflict")


class NameKind(StrEnum):
    SHARE = "share"  # a name tracker gives a share or a hello
    TEMP = "temp"  # a file being written, by us or a sync tool
    CONFLICT = "conflict"  # a sync tool's copy of a file two machines changed
    OTHER = "other"


def classify(name: str) -> NameKind:
    if _SHARE_NAME.match(name):
        return NameKind.SHARE
    if name.startswith(_TEMP_PREFIXES):
        return NameKind.TEMP
    folded = name.casefold()
    if any(mark in folded for mark in _CONFLICT_MARKS):
        return NameKind.CONFLICT
    return NameKind.OTHER


@dataclass(frozen=True)
class FolderScan:
    """What else is in the folder, by kind (names of tracker shares only: they say nothing)."""

    unknown_shares: tuple[str, ...] = ()
    conflict_copies: int = 0
    temporary: int = 0


def scan(folder: Path, known: set[str]) -> FolderScan:
    """Count what a reader ignores; `known` are the names of this pairing's files."""
    unknown: list[str] = []
    conflicts = temporary = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return FolderScan()
    for entry in entries:
        kind = classify(entry.name)
        if kind is NameKind.SHARE and entry.name not in known:
            unknown.append(entry.name)
        elif kind is NameKind.CONFLICT and FILE_SUFFIX in entry.name:
            conflicts += 1
        elif kind is NameKind.TEMP:
            temporary += 1
    return FolderScan(tuple(sorted(unknown)), conflicts, temporary)


def folder_present(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(folder).st_mode)
    except OSError:
        return False


def read_bounded(path: Path, limit: int = MAX_SHARE_BYTES) -> bytes | None:
    """The bytes of the regular file at `path`, or None if there is none.

    Never follows a symbolic link, never blocks on a pipe, never reads more than
    `limit` bytes: anything else is refused with `ShareRefused` before it is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ShareRefused(Problem.NOT_A_FILE, "a symbolic link") from None
        if error.errno == errno.EISDIR:
            raise ShareRefused(Problem.NOT_A_FILE, "a folder") from None
        raise ShareRefused(Problem.CANNOT_READ, error.strerror or str(error)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ShareRefused(Problem.NOT_A_FILE, "a folder")
        if not stat.S_ISREG(info.st_mode):
            raise ShareRefused(Problem.NOT_A_FILE, "a special file")
        if info.st_size > limit:
            raise ShareRefused(Problem.TOO_LARGE, f"{info.st_size:,} bytes")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise ShareRefused(Problem.TOO_LARGE, f"over {limit:,} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise ShareRefused(Problem.CANNOT_READ, error.strerror or str(error)) from None
    finally:
        os.close(fd)


def write_share(folder: Path, name: str, data: bytes) -> None:
    """Replace our file in the folder atomically: a temporary name readers ignore, fsync, rename."""
    if not folder_present(folder):
        raise ShareRefused(Problem.FOLDER_MISSING, str(folder))
    path = folder / name
    in_the_way = _not_ours(path)
    if in_the_way is not None:
        raise ShareRefused(Problem.IN_THE_WAY, f"{path} ({in_the_way})")
    try:
        write_atomically(path, data)
    except StoreError as error:
        reason = str(error).removeprefix("Nothing was saved: ").rstrip(".")
        raise ShareRefused(Problem.CANNOT_WRITE, reason) from None


def _not_ours(path: Path) -> str | None:
    """What is at `path` if it is not a file this user may replace (None: nothing, or ours)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None  # nothing there; anything else is for the write itself to say
    if stat.S_ISLNK(info.st_mode):
        return f"a symbolic link to {link_target(path)}"
    if stat.S_ISDIR(info.st_mode):
        return "a folder"
    if not stat.S_ISREG(info.st_mode):
        return "a special file"
    euid = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    if euid not in (0, info.st_uid):
        return f"a file that belongs to {user_name(info.st_uid)}"
    return None


def remove_own_leftovers(folder: Path, names: Collection[str]) -> int:
    """Remove the temporary files a killed write of our files `names` left in the folder.

    Only ours (`tracker.store.files.remove_stray_temp_files`: named for one of our files,
    their writer gone or long stale): the partner's temporary files, synced here or not,
    are theirs to handle.
    """
    return remove_stray_temp_files(folder, names)


def remove_share(folder: Path, name: str) -> bool:
    """Remove one of our files from the folder (a link or folder there is left alone)."""
    path = folder / name
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
        return True
    return False


def file_revision(path: Path) -> tuple[int, int, int] | None:
    """Changes whenever the file at `path` is replaced or changed (for readers that poll)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
