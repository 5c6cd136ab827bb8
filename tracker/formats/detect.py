"""Which app wrote a file, from its content, and the one entry point that reads any of them.

`read_import(path, today=...)` is what `tracker import FILE [--from NAME]` calls: it
recognises the format (or takes the forced one), reads the file within the limits, and
returns an `ImportPlan`. Recognised from the content, never from the file name:

* an SQLite database with Loop's tables: a Loop backup;
* a zip holding ``Habits.csv``: Loop's CSV export;
* a JSON object with ``"format": "tracker-export"``: tracker's own export;
* a JSON array of objects with ``type`` and ``stats``: dijo's ``habit_record.json``;
* lines like ``2026-11-20 : Walk : y``: harsh's log; lines like ``Walk: 1``: harsh's
  habits file; a folder holding either (its ``log`` may be empty: harsh's first run);
* dijo's ``habit_record.json`` brings the ``habit_record[auto].json`` beside it.

A folder of Loop's CSV export, or one of its files, is refused with "give the zip".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path

from tracker.errors import ForeignFileError
from tracker.formats.dijo import DIJO_AUTO_FILE, DIJO_FILE, looks_like_dijo, read_dijo
from tracker.formats.harsh import (
    HABITS_NAME,
    LOG_NAME,
    looks_like_harsh_habits,
    looks_like_harsh_log,
    read_harsh,
)
from tracker.formats.limits import DEFAULT_LIMITS, ImportLimits, checked_size, read_bounded, refused
from tracker.formats.loop import is_loop_database, is_zip, read_loop_csv_zip, read_loop_database
from tracker.formats.plan import ImportPlan
from tracker.formats.tracker_json import looks_like_tracker_export, read_tracker_json
from tracker.paths import expand_home

_HEAD_BYTES = 8192
# The first columns of the CSV files tracker exports (see `csv_export`).
_OUR_CSV_HEADERS = (b"id,title,schedule,", b"promise_id,promise,date,", b"id,date,")
# The files inside Loop's CSV export, and the first columns of a habit's own files.
_LOOP_CSV_FILES = ("Habits.csv", "Checkmarks.csv", "Scores.csv")
_LOOP_CSV_HEADERS = (b"Position,Name,", b"Date,Value", b"Date,Score")


class ImportFormat(StrEnum):
    """The names `--from` takes."""

    TRACKER = "tracker"
    LOOP = "loop"
    HARSH = "harsh"
    DIJO = "dijo"


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_HEAD_BYTES)
    except OSError as error:
        raise refused(path, f"{error.strerror or error}.") from None


def _folder(path: Path) -> ImportFormat | None:
    """The format of a folder tracker reads (harsh's), or None for a file; a folder of
    another app's files is refused with what to give instead."""
    if not path.is_dir():
        return None
    if (path / LOG_NAME).is_file() or (path / HABITS_NAME).is_file():
        return ImportFormat.HARSH
    if (path / "Habits.csv").is_file():
        raise refused(path, _UNPACKED_LOOP)
    if (path / DIJO_FILE).is_file():
        raise refused(path, f"it is a folder; name the file inside it: '{path / DIJO_FILE}'.")
    raise refused(path, "it is a folder; name the file inside it.")


_UNPACKED_LOOP = (
    "it is part of Loop's CSV export, unpacked; give tracker the zip file Loop wrote "
    "(or zip the export's folder again) and import that."
)


def detect_format(path: Path) -> ImportFormat:
    """The format of the file at `path`, or a refusal that lists what tracker reads."""
    folder = _folder(path)
    if folder is not None:
        return folder
    checked_size(path, DEFAULT_LIMITS.max_database_bytes)
    head = _head(path)
    if is_loop_database(head) or is_zip(head):
        return ImportFormat.LOOP
    if looks_like_tracker_export(head):
        return ImportFormat.TRACKER
    if looks_like_dijo(head):
        return ImportFormat.DIJO
    if looks_like_harsh_log(head) or looks_like_harsh_habits(head):
        return ImportFormat.HARSH
    if not head.strip() and path.name == LOG_NAME and (path.with_name(HABITS_NAME)).is_file():
        return ImportFormat.HARSH  # harsh's own first run: habits listed, nothing logged yet
    if path.name in _LOOP_CSV_FILES or head.removeprefix(b"\xef\xbb\xbf").startswith(
        _LOOP_CSV_HEADERS
    ):
        raise refused(path, _UNPACKED_LOOP)
    if not head.strip():
        raise refused(path, "the file is empty; is it the right file?")
    if head.removeprefix(b"\xef\xbb\xbf").startswith(_OUR_CSV_HEADERS):
        raise refused(
            path,
            "it is one of the CSV files tracker exports for spreadsheets, which are not read "
            "back. To move your data, use `tracker export --format json` and import that.",
        )
    if head.lstrip().startswith(b"{") and b'"tracker-backup"' in head:
        raise refused(
            path,
            "it is one of tracker's backups, not an export. To go back to it, run: "
            f"tracker restore '{path}'",
        )
    raise refused(
        path,
        "tracker does not recognise this file. It reads its own export, Loop Habit "
        "Tracker's backup (.db) or CSV zip, harsh's log and dijo's habit_record.json; "
        "name the app with --from if the file is one of those.",
    )


def read_import(
    path: Path,
    *,
    today: date,
    force: ImportFormat | str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
    known_extensions: Iterable[str] = (),
) -> ImportPlan:
    """The plan for the file at `path` (nothing is written anywhere).

    A refusal names the file by the path it was given (readers of bytes know only its
    name).
    """
    path = expand_home(path)
    if force is None:
        chosen = detect_format(path)
    else:
        try:
            chosen = ImportFormat(str(force).strip().lower())
        except ValueError:
            names = ", ".join(item.value for item in ImportFormat)
            raise refused(
                path, f"'{str(force)[:20]}' is not a format; use one of {names}."
            ) from None
    try:
        return _read_as(chosen, path, today, limits, known_extensions)
    except ForeignFileError as error:
        named = f"Cannot import {path.name}:"
        if str(error).startswith(named):
            raise refused(path, str(error).removeprefix(named).lstrip()) from None
        raise


def _read_as(
    chosen: ImportFormat,
    path: Path,
    today: date,
    limits: ImportLimits,
    known_extensions: Iterable[str],
) -> ImportPlan:
    match chosen:
        case ImportFormat.LOOP:
            checked_size(path, limits.max_database_bytes)
            head = _head(path)
            if is_loop_database(head):
                return read_loop_database(path, today=today, limits=limits)
            if is_zip(head):
                data = read_bounded(path, limits.max_file_bytes)
                return read_loop_csv_zip(data, file_name=path.name, today=today, limits=limits)
            raise refused(
                path,
                "it is neither a Loop backup database nor a Loop CSV zip; give the file "
                'Loop\'s "Export full backup" or "Export as CSV" wrote.',
            )
        case ImportFormat.HARSH:
            return read_harsh(path, today=today, limits=limits)
        case ImportFormat.DIJO:
            data = read_bounded(path, limits.max_file_bytes)
            beside = path.with_name(DIJO_AUTO_FILE)
            auto = None
            if path.name == DIJO_FILE and beside.is_file():
                auto = read_bounded(beside, limits.max_file_bytes)
            return read_dijo(data, file_name=path.name, today=today, limits=limits, auto=auto)
        case ImportFormat.TRACKER:
            data = read_bounded(path, limits.max_file_bytes)
            return read_tracker_json(
                data,
                file_name=path.name,
                limits=limits,
                known_extensions=known_extensions,
                today=today,
            )
    raise AssertionError(chosen)
