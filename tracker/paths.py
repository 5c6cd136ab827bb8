"""Where tracker keeps its files, from platformdirs, overridable for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from tracker import APP_NAME

DB_ENV = "TRACKER_DB"


def default_data_file() -> Path:
    """The data file: `TRACKER_DB` if set, else the user's data directory."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / "tracker.json"
