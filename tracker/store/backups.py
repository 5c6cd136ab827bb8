"""Where backups live, what they are called, which to keep, and which is the newest good one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.errors import StoreError
from tracker.store.files import read_json
from tracker.store.schema import BACKUP_KIND, schema_version_of

AUTOMATIC = "auto"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<label>[a-z-]+)\.json$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    label: str

    @property
    def is_automatic(self) -> bool:
        return self.label == AUTOMATIC


def backup_dir_for(data_path: Path) -> Path:
    return data_path.parent / "backups"


def backup_name(data_path: Path, taken: datetime, label: str) -> str:
    return f"{data_path.stem}-{taken.strftime(_STAMP)}-{label}.json"


def list_backups(data_path: Path) -> list[BackupInfo]:
    """This data file's backups, newest first."""
    folder = backup_dir_for(data_path)
    try:
        names = [entry.name for entry in folder.iterdir() if entry.is_file()]
    except OSError:
        return []
    found: list[BackupInfo] = []
    for name in names:
        match = _NAME.match(name)
        if not match or match["stem"] != data_path.stem:
            continue
        try:
            taken = datetime.strptime(match["stamp"], _STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(folder / name, taken, match["label"]))
    return sorted(found, key=lambda info: (info.taken, info.path.name), reverse=True)


def is_readable_backup(path: Path) -> bool:
    try:
        schema_version_of(read_json(path), path, BACKUP_KIND)
    except (StoreError, OSError):
        return False
    return True


def newest_good_backup(data_path: Path) -> BackupInfo | None:
    for info in list_backups(data_path):
        if is_readable_backup(info.path):
            return info
    return None


def backups_to_prune(backups: list[BackupInfo], keep: int) -> list[BackupInfo]:
    """Automatic backups beyond the newest `keep`; manual and safety backups are never pruned."""
    automatic = [info for info in backups if info.is_automatic]
    return automatic[keep:]
