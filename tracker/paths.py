"""Where tracker keeps its files, from platformdirs, overridable for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from tracker import APP_NAME

DB_ENV = "TRACKER_DB"


def expand_home(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading `~` or `~user` made the home folder it names.

    Unlike `Path.expanduser`, a name that is no user (`~nobody`, `~0`) is left as it is
    (a path like any other, which then may not exist) instead of raising RuntimeError.
    """
    return Path(os.path.expanduser(os.fspath(path)))


def default_data_file() -> Path:
    """The data file: `TRACKER_DB` if set, else the user's data directory."""
    override = os.environ.get(DB_ENV)
    if override:
        return expand_home(override)
    from platformdirs import user_data_path  # not needed when a path is given (`--db`)

    return user_data_path(APP_NAME, appauthor=False) / "tracker.json"


def default_export_folder() -> Path:
    """Where the app offers to save exports and reports: the user's documents folder if
    it exists (~/Documents), else their home folder, else the current folder."""
    from platformdirs import user_documents_path

    for folder in (user_documents_path, Path.home):
        try:
            found = folder()
        except (OSError, RuntimeError, KeyError):
            continue
        if found.is_dir():
            return found
    return Path.cwd()
