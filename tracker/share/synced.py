"""Whether a path sits in a folder a sync tool manages (for doctor's warning about the data file).

A data file in a synced folder is written by two machines and loses writes; only the
share files belong there. Each tool leaves a mark in the folders it syncs: Syncthing a
`.stfolder` marker, Dropbox `.dropbox` files, Nextcloud and ownCloud a `.sync_*.db`
journal; iCloud Drive, OneDrive and macOS's cloud drives are told by their paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_MARKERS = (
    (".stfolder", "Syncthing"),
    (".stignore", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".owncloudsync.log", "Nextcloud or ownCloud"),
)
_JOURNAL_PREFIXES = (".sync_", "._sync_")
_PATH_MARKS = (
    ("Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ("Library/CloudStorage/", "a cloud drive"),
    ("/OneDrive", "OneDrive"),
)


@dataclass(frozen=True)
class SyncedFolder:
    tool: str
    root: Path


def synced_folder_of(path: Path) -> SyncedFolder | None:
    """The nearest enclosing folder of `path` that a sync tool manages, if any."""
    path = Path(os.path.abspath(os.path.expanduser(path)))
    text = path.as_posix()
    for mark, tool in _PATH_MARKS:
        if mark in text:
            return SyncedFolder(tool, Path(text[: text.index(mark) + len(mark)]))
    for folder in path.parents:
        marked = _tool_marking(folder)
        if marked is not None:
            return SyncedFolder(marked, folder)
    return None


def _tool_marking(folder: Path) -> str | None:
    for name, tool in _MARKERS:
        if os.path.lexists(folder / name):
            return tool
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    if any(n.startswith(_JOURNAL_PREFIXES) and n.endswith(".db") for n in names):
        return "Nextcloud or ownCloud"
    return None
