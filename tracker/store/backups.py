"""Backups as files: their names, their order under any clock, what each one holds, which to prune.

A backup is one JSON file in `backups/` beside the data file, named
`<stem>-<YYYYmmdd-HHMMSS>-<label>.json` after the local time it was taken.

- **Complete or not**: a backup holds the main file and every marks file it could read.
  One that could not hold every file (a marks file was damaged or missing when it was
  taken) says so inside; it is kept, but never offered as "the newest good backup".
- **A wrong clock**: a backup stamped later than now (taken while the clock ran ahead,
  or now the clock runs behind) is *from the future*: it neither counts as today's
  backup nor as the newest, and automatic pruning never deletes it. Daily backups go on
  whatever the clock said once; `tracker doctor` lists the ones from the future.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.errors import StoreError
from tracker.store import schema
from tracker.store.files import read_json

AUTOMATIC = "auto"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<label>[a-z-]+)\.json$")
_STAMP = "%Y%m%d-%H%M%S"
# A backup stamped up to this much later than now is not from the future: the hour a
# DST change repeats, and small clock corrections.
FUTURE_SLACK = timedelta(hours=1)
UNREADABLE = "unreadable_marks_files"
MISSING = "missing_marks_files"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    label: str
    # Stamped later than now: taken under a wrong clock (or the clock is wrong now).
    from_the_future: bool = False

    @property
    def is_automatic(self) -> bool:
        return self.label == AUTOMATIC


@dataclass(frozen=True)
class BackupContents:
    """What a readable backup holds: which marks files, and which it could not hold."""

    marks: frozenset[int]
    lacking: tuple[str, ...]  # names of marks files damaged or missing when it was taken

    @property
    def complete(self) -> bool:
        return not self.lacking


def backup_dir_for(data_path: Path) -> Path:
    return data_path.parent / "backups"


def backup_name(data_path: Path, taken: datetime, label: str) -> str:
    return f"{data_path.stem}-{taken.strftime(_STAMP)}-{label}.json"


def local_stamp(moment: datetime) -> datetime:
    """The naive local time a backup taken at `moment` is named after."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def _taken(stamp: str) -> datetime:
    """`datetime.strptime(stamp, _STAMP)` for the 8 and 6 digits `_NAME` matched, without
    strptime's first-call cost (a few ms of every check-off); ValueError for no such time."""
    return datetime(
        int(stamp[0:4]),
        int(stamp[4:6]),
        int(stamp[6:8]),
        int(stamp[9:11]),
        int(stamp[11:13]),
        int(stamp[13:15]),
    )


def list_backups(data_path: Path, now: datetime | None = None) -> list[BackupInfo]:
    """This data file's backups, newest first; those from the future (given `now`) last.

    Only regular files count: a link in `backups/` is not a backup tracker took.
    """
    folder = backup_dir_for(data_path)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []
    latest = None if now is None else local_stamp(now) + FUTURE_SLACK
    found: list[BackupInfo] = []
    for name in names:
        match = _NAME.match(name)
        if not match or match["stem"] != data_path.stem:
            continue
        try:
            taken = _taken(match["stamp"])
        except ValueError:
            continue
        future = latest is not None and taken > latest
        found.append(BackupInfo(folder / name, taken, match["label"], future))
    found.sort(key=lambda info: (info.taken, info.path.name), reverse=True)
    # Stable: within each group, newest first.
    return sorted(found, key=lambda info: info.from_the_future)


def contents_of(path: Path) -> BackupContents | None:
    """What the backup at `path` holds, or None if it is not a readable tracker backup."""
    try:
        data = read_json(path)
        schema.schema_version_of(data, path, schema.BACKUP_KIND)
        return contents_from(data)
    except (StoreError, OSError, KeyError, TypeError, ValueError, AttributeError):
        return None


def contents_from(data: Any) -> BackupContents:
    """What a parsed backup holds (its shape already checked; a bad one raises KeyError & co)."""
    meta = data[schema.META_TABLE]["1"]
    marks = frozenset(int(key) for key in data["marks"])
    lacking = [str(name) for name in meta.get(UNREADABLE, []) + meta.get(MISSING, [])]
    main = data["main"]["1"]
    histories = main.get(schema.HISTORIES) if isinstance(main, dict) else None
    if isinstance(histories, dict):
        # A backup written by hand or cut down: the main file it holds lists a marks
        # file that is not there.
        lacking += [f"{int(key)}.json" for key in histories if int(key) not in marks]
    return BackupContents(marks, tuple(dict.fromkeys(lacking)))


def is_readable_backup(path: Path) -> bool:
    return contents_of(path) is not None


def newest_complete_backup(
    data_path: Path, now: datetime | None = None, holding: int | None = None
) -> BackupInfo | None:
    """The newest backup that holds every file (and the marks file of promise `holding`):
    the one to offer when something is damaged."""
    for info in list_backups(data_path, now):
        if info.from_the_future:
            break
        contents = contents_of(info.path)
        if contents is None or not contents.complete:
            continue
        if holding is None or holding in contents.marks:
            return info
    return None


# The old name: "good" has always meant "restores everything".
newest_good_backup = newest_complete_backup


def automatic_backup_due(backups: list[BackupInfo], today: date) -> bool:
    """True unless an automatic backup was taken today (one from the future does not count)."""
    return not any(
        info.is_automatic and not info.from_the_future and info.taken.date() == today
        for info in backups
    )


def backups_to_prune(
    backups: list[BackupInfo], keep: int, protected: frozenset[Path] = frozenset()
) -> list[BackupInfo]:
    """Automatic backups beyond the newest `keep`, except `protected` ones and those from the
    future; manual and safety backups are never pruned."""
    automatic = [info for info in backups if info.is_automatic and not info.from_the_future]
    return [info for info in automatic[keep:] if info.path not in protected]


def last_holders(backups: list[BackupInfo], marks_files: set[int]) -> frozenset[Path]:
    """For each promise id in `marks_files`, the newest backup that holds its marks file.

    Pruning keeps these: while a marks file is damaged, the last copy of it is never deleted.
    """
    wanted, keep = set(marks_files), set()
    for info in backups:
        if not wanted:
            break
        contents = contents_of(info.path)
        if contents is None:
            continue
        found = wanted & contents.marks
        if found:
            keep.add(info.path)
            wanted -= found
    return frozenset(keep)
