"""The CSV export: one file per kind (promises, marks, quality time, notes) that spreadsheets open.

Each file is UTF-8 with a byte-order mark (so that Excel reads accents and emoji right;
LibreOffice, Numbers and Python's csv module with ``utf-8-sig`` skip it), a header row,
RFC 4180 quoting (a field holding a comma, a quote or a line break is quoted, quotes
doubled) and ``\\r\\n`` line ends. Dates are ISO (``2026-11-25``), times ``HH:MM``,
durations in minutes, true/false as ``yes``/``no``. An export that holds a measured
promise has ``unit``, ``target`` and ``target_kind`` at the end of ``promises.csv`` and
``amount`` at the end of ``marks.csv`` (empty for a yes/no one).

Spreadsheet formulas: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return would run as a formula in a spreadsheet (CSV injection). Such a cell
gets one leading apostrophe (``'=1+1``), which spreadsheets show as text; that
apostrophe is the only change ever made to your words. Numbers and dates are never
touched (none of them starts with those signs).

Files: ``promises.csv``, ``marks.csv``, ``quality_time.csv``, ``notes.csv`` (the last
holds forgiveness notes: its name says so; it is left out when the scope leaves notes
out), and one file per practice table that holds records (``appreciations.csv``,
``bids.csv``, ``check_ins.csv``, ...): a column per field, in the order of the JSON
export's documents; a list of words is one cell (``a; b``), anything more nested (a
check-in's answers) one cell of JSON.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import msgspec

from tracker.amounts import is_measured
from tracker.formats.data import ExportScope, TrackerData
from tracker.model import Measure, Promise, number_words

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"

PROMISE_COLUMNS = (
    "id",
    "title",
    "schedule",
    "schedule_in_words",
    "start",
    "end",
    "archived",
    "reminders",
    "why",
    "earlier_schedules",
    "tags",
    "triggers",
)
MARK_COLUMNS = ("promise_id", "promise", "date", "status", "reason", "note")
# Only in an export that holds a measured promise (a yes/no export stays as it was).
MEASURE_COLUMNS = ("unit", "target", "target_kind")
AMOUNT_COLUMNS = ("amount",)
QUALITY_COLUMNS = ("id", "date", "minutes", "kind", "connection", "note", "tags")
NOTE_COLUMNS = (
    "id",
    "date",
    "trigger",
    "status",
    "let_go_on",
    "setback",
    "what_happened",
    "feeling",
)


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet shows it as text, never as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_words(value)
    if isinstance(value, date | datetime | int):
        return str(value.isoformat() if isinstance(value, date | datetime) else value)
    return safe_cell(str(value))


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return BYTE_ORDER_MARK + buffer.getvalue()


CORE_FILES = ("promises.csv", "marks.csv", "quality_time.csv", "notes.csv")


def export_file_names(extension_names: Iterable[str]) -> frozenset[str]:
    """Every file name a CSV export may hold, given the practice tables' names."""
    return frozenset(CORE_FILES) | {f"{name}.csv" for name in extension_names}


def _words(values: Iterable[str]) -> str:
    return "; ".join(values)


def _document_cell(value: Any) -> Any:
    """A field of a practice document as one cell."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return _words(value)
    if isinstance(value, list | dict):
        return msgspec.json.encode(value).decode()
    return value


def documents_csv(docs: Sequence[Mapping[str, Any]]) -> str:
    """Practice records (JSON documents) as a table: a column per field, first seen first."""
    columns = list(dict.fromkeys(key for doc in docs for key in doc))
    return csv_text(columns, ([_document_cell(doc.get(key)) for key in columns] for doc in docs))


def _history(promise: Promise) -> str:
    return "; ".join(
        f"{period.schedule.spec} until {period.end.isoformat()}" for period in promise.earlier
    )


def _measure_cells(measure: Measure | None) -> tuple[Any, ...]:
    if measure is None:
        return (None, None, None)
    return (measure.unit, measure.target, measure.kind.value)


def export_csv(data: TrackerData, *, scope: ExportScope | None = None) -> dict[str, bytes]:
    """File name -> file bytes, for the folder `tracker export --format csv --out FOLDER`."""
    scope = scope or ExportScope()
    data = scope.narrowed(data)
    measured = any(is_measured(p) for p in data.promises)
    files = {
        "promises.csv": csv_text(
            PROMISE_COLUMNS + (MEASURE_COLUMNS if measured else ()),
            (
                (
                    p.id,
                    p.title,
                    p.schedule.spec,
                    p.schedule.describe(),
                    p.start,
                    p.end,
                    p.archived,
                    " ".join(moment.strftime("%H:%M") for moment in p.reminders),
                    p.why,
                    _history(p),
                    _words(p.tags),
                    _words(trigger.value for trigger in p.triggers),
                    *(_measure_cells(p.measure) if measured else ()),
                )
                for p in data.promises
            ),
        ),
        "marks.csv": csv_text(
            MARK_COLUMNS + (AMOUNT_COLUMNS if measured else ()),
            (
                (
                    p.id,
                    p.title,
                    mark.day,
                    mark.status.value,
                    mark.reason,
                    mark.note,
                    *((mark.amount,) if measured else ()),
                )
                for p in data.promises
                for _, mark in sorted(data.marks_of(p.id).items())
            ),
        ),
    }
    if scope.include_quality:
        files["quality_time.csv"] = csv_text(
            QUALITY_COLUMNS,
            (
                (e.id, e.day, e.minutes, e.kind.value, e.connection, e.note, _words(e.tags))
                for e in data.quality
            ),
        )
    if scope.include_notes:
        files["notes.csv"] = csv_text(
            NOTE_COLUMNS,
            (
                (
                    n.id,
                    n.day,
                    n.trigger.value,
                    n.status.value,
                    n.let_go_on,
                    n.setback,
                    n.what_happened,
                    n.feeling,
                )
                for n in data.notes
            ),
        )
    for name, docs in sorted(data.extras.items()):
        if docs:
            files[f"{name}.csv"] = documents_csv(docs)
    return {name: text.encode("utf-8") for name, text in files.items()}
