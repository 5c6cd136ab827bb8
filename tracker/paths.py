"""Where tracker keeps its files, from platformdirs, overridable for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from tracker import DATA_FOLDER_NAME, FIRST_DATA_FOLDER_NAME

DB_ENV = "TRACKER_DB"
DATA_FILE_NAME = "tracker.json"


def expand_home(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading `~` or `~user` made the home folder it names.

    Unlike `Path.expanduser`, a name that is no user (`~nobody`, `~0`) is left as it is
    (a path like any other, which then may not exist) instead of raising RuntimeError.
    """
    return Path(os.path.expanduser(os.fspath(path)))


def default_data_file() -> Path:
    """The data file: `TRACKER_DB` if set, else the one in the user's data directory.

    That is ~/.local/share/trust-tracker/tracker.json, unless a data file is still at the
    first place tracker used (~/.local/share/tracker/tracker.json) and none at the new
    one: then the data keeps being used where it is, with all its files beside it, until
    `tracker move-data` moves it. It is never moved behind the user's back: an app or a
    reminder service started before an upgrade would go on writing at the old place.
    """
    override = os.environ.get(DB_ENV)
    if override:
        return expand_home(override)
    new = own_data_file()
    first = first_data_file()
    if not os.path.lexists(new) and os.path.lexists(first):
        return first
    return new


def own_data_file() -> Path:
    """The data file in tracker's own folder (~/.local/share/trust-tracker/tracker.json)."""
    from platformdirs import user_data_path  # not needed when a path is given (`--db`)

    return user_data_path(DATA_FOLDER_NAME, appauthor=False) / DATA_FILE_NAME


def first_data_file() -> Path:
    """Where tracker kept its data file at first (in a folder GNOME Tracker 2 used too)."""
    from platformdirs import user_data_path

    return user_data_path(FIRST_DATA_FOLDER_NAME, appauthor=False) / DATA_FILE_NAME


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


def drafts_dir(data_file: Path) -> Path:
    """The data folder's own folder for drafts: `tracker.drafts` beside `tracker.json`."""
    folder = data_file.with_name(data_file.stem + ".drafts")
    return folder if folder != data_file else data_file.with_name(data_file.name + ".drafts")
