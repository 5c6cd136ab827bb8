"""The bounds every import works within, and reading a file without trusting its size.

A file to import may be damaged or hostile (a zip bomb, a field of a gigabyte, a million
rows, a database table that never ends). Each reader checks sizes before it reads and
stops at these limits with one line naming the file and what is wrong.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import orjson

from tracker.errors import ForeignFileError

MIB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """How much an import reads at most: what keeps tracker quick afterwards.

    A person keeps tens of promises, not hundreds of thousands, over years of days, not
    centuries: a thousand promises, a hundred years of days for one of them and 200,000
    days in all (40 daily promises for 13 years) are far above any real history, and
    tracker stays quick at that size (a check-off, the streaks and every export). Each
    count is checked before the file is read in full (a database is counted, a log's
    lines are counted, a JSON document's values are counted), so a file over a limit
    is refused without filling the memory.
    """

    max_file_bytes: int = 64 * MIB  # a JSON export, a harsh log, a dijo file, a zip
    max_database_bytes: int = 512 * MIB  # a Loop backup database
    max_rows: int = 36_600  # days of one habit, rows of one CSV file (a hundred years)
    max_total_rows: int = 200_000  # days (marks, entries, notes) of a whole import
    max_lines: int = 500_000  # lines of a harsh log, blank and comment lines included
    max_json_values: int = 3_000_000  # values in a JSON document (each mark holds about 10)
    max_zip_entries: int = 5_000
    max_entry_bytes: int = 64 * MIB  # one file inside a zip, uncompressed
    max_zip_bytes: int = 256 * MIB  # every file inside a zip, uncompressed
    max_zip_ratio: int = 100  # uncompressed / compressed, for entries over 1 MiB
    max_field_chars: int = 100_000  # one CSV field, one text in a database
    max_line_chars: int = 20_000  # one line of a harsh file
    max_habits: int = 1_000  # habits or promises of one import
    max_seconds: float = 60.0  # the database reader gives up after this long


DEFAULT_LIMITS = ImportLimits()


def refused(path: Path | str, problem: str) -> ForeignFileError:
    """The one-line error for a file that cannot be imported."""
    return ForeignFileError(f"Cannot import {path}: {problem}")


def size_words(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:,.0f} MB"
    return f"{size:,} bytes"


def checked_size(path: Path, limit: int) -> int:
    """The size of the regular file at `path`, refusing anything else or anything too large."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise refused(path, "there is no such file; check its name and folder.") from None
    except OSError as error:
        raise refused(path, f"{error.strerror or error}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise refused(path, "it is a folder; name the file inside it.")
    if not stat.S_ISREG(info.st_mode):
        raise refused(path, "it is not a regular file (a device or a pipe); give the file itself.")
    if info.st_size > limit:
        raise refused(
            path,
            f"it is {size_words(info.st_size)}, more than the {size_words(limit)} an import "
            "reads; is it the right file?",
        )
    return info.st_size


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of `path`, at most `limit` of them (the size is checked again while reading:
    a file that grows meanwhile is refused too)."""
    checked_size(path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise refused(path, f"{error.strerror or error}.") from None
    if len(data) > limit:
        raise refused(
            path,
            f"it is larger than the {size_words(limit)} an import reads; is it the right file?",
        )
    return data


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a clear refusal."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(
            path,
            f"it is not UTF-8 text (byte {error.start:,} cannot be read); save it as UTF-8 "
            "and import it again.",
        ) from None


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_SIGNS = (b"{", b"[", b",", b":")


def json_values(data: bytes, enough: int) -> int:
    """About how many values the JSON document `data` holds (its containers and
    separators outside strings), counted without building it; exact above `enough`."""
    rough = sum(data.count(sign) for sign in _JSON_SIGNS)  # counts signs inside strings too
    if rough <= enough:
        return rough
    bare = _JSON_STRING.sub(b'""', data)
    return sum(bare.count(sign) for sign in _JSON_SIGNS)


def load_json(data: bytes, file_name: Path | str, limits: ImportLimits) -> object:
    """The JSON document in `data`, refused in plain words when it is too large to be
    kept or is not JSON (never the parser's own words)."""
    if len(data) > limits.max_file_bytes:
        raise refused(
            file_name,
            f"it is larger than {size_words(limits.max_file_bytes)}; is it the right file?",
        )
    if json_values(data, limits.max_json_values) > limits.max_json_values:
        raise refused(
            file_name,
            f"it holds more than {limits.max_json_values:,} values, far more than years of "
            "promises; is it the right file?",
        )
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        where = f"line {error.lineno:,}, column {error.colno:,}"
        if "UTF-8" in error.msg or "surrogate" in error.msg:
            raise refused(
                file_name, f"it holds text that is not UTF-8 ({where}); is it the right file?"
            ) from None
        raise refused(
            file_name, f"it is not valid JSON ({where}); it may be cut short or damaged."
        ) from None
