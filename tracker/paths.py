"""Where tracker keeps its files, from platformdirs, overridable for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_documents_path

from tracker import APP_NAME

DB_ENV = "TRACKER_DB"


def default_data_file() -> Path:
    """The data file: `TRACKER_DB` if set, else the user's data directory."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / "tracker.json"


def default_export_folder() -> Path:
    """Where the app offers to save exports and reports: the user's documents folder if
    it exists (~/Documents), else their home folder, else the current folder."""
    for folder in (user_documents_path, Path.home):
        try:
            found = folder()
        except (OSError, RuntimeError, KeyError):
            continue
        if found.is_dir():
            return found
    return Path.cwd()
