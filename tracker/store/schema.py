"""The file format's version and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.errors import DamagedFileError, NewerVersionError

# Read it as `schema.SCHEMA_VERSION` (never imported by name): tests pretend to be a
# newer tracker by changing it here.
SCHEMA_VERSION = 3
META_TABLE = "_meta"
MAIN_KIND = "tracker"
MARKS_KIND = "tracker-marks"
BACKUP_KIND = "tracker-backup"

# The tables of the main file, and the one table of a marks file.
PROMISES = "promises"
QUALITY = "quality"
NOTES = "notes"
SETTINGS = "settings"
FIRED = "fired"
# Format 2: one document per promise whose marks file exists (`{"<promise id>": {...}}`),
# written when that file is first created, never on each mark: a marks file that goes
# missing (a copy of the main file alone, a folder replaced) is then damage, not a
# promise that was never kept.
HISTORIES = "histories"
MARKS = "marks"

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]


def _histories_not_known_yet(tables: Tables) -> Tables:
    """Format 1 to 2. Which marks files exist is a fact about the disk, not the data: the
    main file's `histories` table stays absent (unknown) until the store, holding the lock,
    lists the files it finds there in the first write of the upgraded file."""
    return tables


def _practices_added(tables: Tables) -> Tables:
    """Format 2 to 3: the couple's practices get tables of their own (check-ins,
    appreciations, bids, boundaries, goals, letters, snoozes, the acknowledgements given
    to a partner) and promises and quality time may carry tags and root-cause triggers.
    A missing table reads as empty and a document without tags has none, so nothing of
    the old data changes; the version says that an older tracker must not rewrite this
    file."""
    return tables


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Each step is a
# pure function of the parsed data; the store writes the result atomically, after
# a backup, the first time it saves.
MIGRATIONS: dict[int, Migration] = {1: _histories_not_known_yet, 2: _practices_added}


def new_tables(kind: str) -> Tables:
    tables: Tables = {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION, "kind": kind}}}
    if kind == MAIN_KIND:
        tables[HISTORIES] = {}
    return tables


def schema_version_of(data: Any, path: Path, kind: str) -> int:
    """The version a parsed file declares; refuses anything that is not a tracker file of `kind`."""
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise DamagedFileError(f"{path} does not have the shape of a tracker file.")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or meta.get("kind") != kind:
        raise DamagedFileError(f"{path} is not a tracker {_kind_words(kind)} file.")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DamagedFileError(f"{path} has no valid format version.")
    return version


def readable_version(data: Any, path: Path, kind: str) -> int:
    """The version a parsed file declares, refusing one written by a newer tracker."""
    version = schema_version_of(data, path, kind)
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"{path} was written by a newer version of tracker (format {version}; this one "
            f"reads up to {SCHEMA_VERSION}). It was left untouched: upgrade tracker "
            "(python3 -m pip install --upgrade tracker) to open it."
        )
    return version


def upgraded(data: Any, path: Path, kind: str) -> tuple[Tables, bool]:
    """The data in the current format, and whether a migration ran.

    A file from a newer tracker is refused, never rewritten.
    """
    version = readable_version(data, path, kind)
    migrated = version < SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data[META_TABLE]["1"]["schema_version"] = version
    return data, migrated


def _kind_words(kind: str) -> str:
    return {MAIN_KIND: "data", MARKS_KIND: "marks", BACKUP_KIND: "backup"}[kind]
