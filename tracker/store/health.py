"""Is the data sound? Damaged or missing files, loose modes, an open folder, odd backups.

Two depths:

- `find_damage`, cheap enough for every start: one `lstat` per file, and a whole read
  only of the files that changed since they were last found sound (the check record).
  The store turns what it finds into calm one-line notices.
- `report`, for `tracker doctor`: every file read whole, modes, the folder, backups.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from tracker.errors import DamagedFileError
from tracker.model import Promise
from tracker.store.backups import BackupInfo, contents_of, list_backups
from tracker.store.datafiles import DataFiles, StatKey, stat_key
from tracker.store.files import loose_mode, tighten_mode
from tracker.store.record import CheckRecord
from tracker.store.schema import MAIN_KIND, MARKS_KIND


@dataclass(frozen=True)
class Damage:
    """A damaged or missing file; `promise` is None for the main file."""

    path: Path
    promise: Promise | None
    message: str  # what is wrong, and the way back

    def notice(self) -> str:
        if self.promise is None:
            return self.message
        archived = " (archived)" if self.promise.archived else ""
        return f"The history of '{self.promise.title}'{archived} cannot be read: {self.message}"


def missing_history(files: DataFiles, promise_id: int) -> DamagedFileError:
    """The damage of a marks file the main file lists and the disk does not have."""
    path = files.marks_path(promise_id)
    folder = files.marks_dir
    says = f"{files.path} says promise {promise_id} has a history in {path.name}"
    if not os.path.lexists(folder):
        problem = (
            f"The marks folder {folder} is missing, yet {says} (was the data file copied "
            "without the folder beside it?)."
        )
    elif not folder.is_dir():
        problem = f"{folder} is not a folder, yet {says}."
    else:
        problem = f"{path} is missing, yet {says}."
    return DamagedFileError(f"{problem} {files.way_back(path)}", path=path, advised=True)


def check_main(files: DataFiles, record: CheckRecord) -> None:
    """Read the main file, every document of it unless the record holds its version; its
    damage raises `DamagedFileError` (nothing works without it)."""
    key = stat_key(files.path)
    if key is None:
        return
    known = record.load()
    if record.holds(known, files.path, key):
        files.parsed(files.path, MAIN_KIND)
        return
    files.checked(files.path, MAIN_KIND)
    record.update({files.path: key})


def find_damage(files: DataFiles, record: CheckRecord, promises: list[Promise]) -> list[Damage]:
    """Every marks file of `promises` that is damaged or missing.

    Cheap: a file whose version the record holds, or that this process has read or
    written already, is not read again.
    """
    known = record.load()
    sound: dict[Path, StatKey] = {}
    found: list[Damage] = []
    for promise in promises:
        path = files.marks_path(promise.id)
        key = stat_key(path)
        if key is None:
            if files.expects_history(promise.id):
                found.append(Damage(path, promise, str(missing_history(files, promise.id))))
            continue
        if record.holds(known, path, key):
            continue
        if files.is_checked(path, key):
            sound[path] = key
            continue
        try:
            files.checked(path, MARKS_KIND)
        except DamagedFileError as error:
            # Not in the record (its version differs): nothing to forget.
            found.append(Damage(path, promise, str(files.damaged(error))))
        else:
            sound[path] = key
    record.update(sound)
    return found


def folder_warnings(files: DataFiles) -> list[str]:
    """The data folder, if other users may write in it (replace the data, plant links)."""
    folder = files.path.parent
    try:
        info = os.stat(folder)
    except OSError:
        return []
    if info.st_mode & 0o002:
        who = "every user"
    elif info.st_mode & 0o020 and not _private_group(info.st_gid, info.st_uid):
        who = "the folder's group"
    else:
        return []
    return [
        f"The data folder {folder} can be written by {who} "
        f"(mode {stat.S_IMODE(info.st_mode):04o}): another user could replace your data or "
        f"plant links in it. Keep it yours alone: chmod 700 '{folder}'"
    ]


def _private_group(gid: int, uid: int) -> bool:
    """A user private group (umask 002 systems): named after its one user, no one else in it."""
    try:
        import grp
        import pwd

        group, user = grp.getgrgid(gid), pwd.getpwuid(uid)
    except (ImportError, KeyError):
        return False
    return group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}


def owned_paths(files: DataFiles) -> list[Path]:
    """Every file and folder tracker owns for this data file (the data folder is the user's)."""
    paths = [
        files.path,
        files.lock_path,
        files.check_record,
        files.restore_marker,
        files.import_journal,
    ]
    for folder in (files.marks_dir, files.backup_dir):
        if folder.is_dir() and not folder.is_symlink():
            paths.append(folder)
        paths += _tree(folder)
    return [path for path in paths if os.path.lexists(path)]


def _tree(folder: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        path = Path(entry.path)
        found.append(path)
        if entry.is_dir(follow_symlinks=False):
            found += _tree(path)
    return found


def tighten_modes(files: DataFiles) -> list[Path]:
    """Make every file and folder tracker owns private again; returns those that were not."""
    return [path for path in owned_paths(files) if tighten_mode(path)]


# -- the doctor's report -------------------------------------------------------------------


class Level(StrEnum):
    OK = "ok"
    NOTE = "note"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    level: Level
    topic: str
    detail: str


DATA = "Data file"
BACKUPS = "Backups"


def data_findings(
    files: DataFiles, counts: dict[str, int] | None, damage: list[Damage], error: str | None
) -> list[Finding]:
    """The data file line(s): healthy with counts, or each damaged file with its way back."""
    if error is not None:
        return [Finding(Level.PROBLEM, DATA, error)]
    findings = [Finding(Level.PROBLEM, DATA, found.notice()) for found in damage]
    if not findings and counts is not None:
        summary = ", ".join(
            _count(counts[key], one, many)
            for key, one, many in (
                ("promises", "promise", "promises"),
                ("marks", "mark", "marks"),
                ("quality_entries", "quality-time entry", "quality-time entries"),
                ("notes", "note", "notes"),
            )
        )
        findings.append(Finding(Level.OK, DATA, f"{files.path}: healthy ({summary})"))
    for path in owned_paths(files):
        mode = loose_mode(path)
        if mode is not None:
            fix = "700" if path.is_dir() else "600"
            findings.append(
                Finding(
                    Level.PROBLEM,
                    DATA,
                    f"{path} can be read by other users (mode {mode:04o}); tracker makes it "
                    f"private the next time a command opens the data, or now: "
                    f"chmod {fix} '{path}'",
                )
            )
    findings += [Finding(Level.PROBLEM, "Data folder", text) for text in folder_warnings(files)]
    return findings


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def backup_findings(files: DataFiles, now: datetime) -> list[Finding]:
    backups = list_backups(files.path, now)
    if not backups:
        return [
            Finding(Level.NOTE, BACKUPS, "none yet; one is taken automatically each day you save")
        ]
    current = [info for info in backups if not info.from_the_future]
    future = [info for info in backups if info.from_the_future]
    findings: list[Finding] = []
    if current:
        findings.append(_newest(current))
    if future:
        newest = max(info.taken for info in future)
        findings.append(
            Finding(
                Level.PROBLEM,
                BACKUPS,
                f"{_count(len(future), 'backup is', 'backups are')} dated in the future "
                f"(up to {newest:%Y-%m-%d %H:%M}): taken while the clock was wrong, or the clock "
                "is wrong now. Daily backups go on and these are never deleted automatically; "
                f"check the clock, then remove them from {files.backup_dir} when you no longer "
                "need them",
            )
        )
    return findings


def _newest(backups: list[BackupInfo]) -> Finding:
    newest = backups[0]
    where = f"{len(backups)} in {newest.path.parent}, newest {newest.taken:%Y-%m-%d %H:%M}"
    for info in backups:
        contents = contents_of(info.path)
        if contents is not None and contents.complete:
            if info is newest:
                return Finding(Level.OK, BACKUPS, where)
            return Finding(
                Level.PROBLEM,
                BACKUPS,
                f"{where}, which could not hold every file; the newest complete one is from "
                f"{info.taken:%Y-%m-%d %H:%M} ({info.path})",
            )
    return Finding(Level.PROBLEM, BACKUPS, f"{where}; none of them holds every file")
