"""The CSV export: spreadsheets read every field back exactly, and no cell runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date, time

import pytest
from foreign_files import five_year_demo

from tracker.formats.csv_export import export_csv, safe_cell
from tracker.formats.data import ExportScope, TrackerData
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    rescheduled,
)
from tracker.schedule import parse_schedule

TRICKY = 'Dinner, "phone away"\nand then\r\nthe walk 🌙 <b>bold</b>'


def rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    text = files[name].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def sample() -> TrackerData:
    promise = Promise(
        TRICKY,
        parse_schedule("mon,wed"),
        date(2026, 1, 5),
        id=1,
        why='=HYPERLINK("http://x")',
        reminders=(time(7, 5), time(21, 0)),
    )
    promise = rescheduled(promise, parse_schedule("2/week"), date(2026, 2, 2))
    formula = Promise("+1 more hug", parse_schedule("daily"), date(2026, 1, 5), id=2)
    return TrackerData(
        promises=(promise, formula),
        marks={
            1: {
                date(2026, 1, 5): Mark(
                    1, date(2026, 1, 5), MarkStatus.EXCUSED, reason="@flu", note=TRICKY
                )
            }
        },
        quality=(
            QualityTime(
                date(2026, 1, 6),
                45,
                QualityKind.DATE_NIGHT,
                id=3,
                connection=5,
                note="-5 degrees, still lovely",
            ),
        ),
        notes=(
            Note(
                date(2026, 1, 8),
                TRICKY,
                Trigger.NEGLECT,
                id=4,
                feeling="\tI feel",
                status=NoteStatus.LET_GO,
                let_go_on=date(2026, 2, 1),
                setback=True,
            ),
        ),
    )


def test_commas_quotes_and_line_breaks_survive_a_spreadsheet_reading():
    files = export_csv(sample())
    assert set(files) == {"promises.csv", "marks.csv", "quality_time.csv", "notes.csv"}
    first, _ = rows(files, "promises.csv")
    assert first["title"] == TRICKY
    assert first["schedule"] == "2/week" and first["schedule_in_words"] == "2 days a week"
    assert first["earlier_schedules"] == "mon,wed until 2026-02-01"
    assert first["reminders"] == "07:05 21:00"
    assert first["start"] == "2026-01-05" and first["end"] == "" and first["archived"] == "no"
    [mark] = rows(files, "marks.csv")
    assert mark == {
        "promise_id": "1",
        "promise": TRICKY,
        "date": "2026-01-05",
        "status": "excused",
        "reason": "'@flu",
        "note": TRICKY,
    }
    [note] = rows(files, "notes.csv")
    assert note["what_happened"] == TRICKY and note["setback"] == "yes"
    assert note["let_go_on"] == "2026-02-01"


def test_a_cell_that_would_run_as_a_formula_gets_one_apostrophe_and_nothing_else():
    files = export_csv(sample())
    [first, second] = rows(files, "promises.csv")
    assert first["why"] == '\'=HYPERLINK("http://x")'
    assert second["title"] == "'+1 more hug"
    assert rows(files, "quality_time.csv")[0]["note"] == "'-5 degrees, still lovely"
    assert rows(files, "notes.csv")[0]["feeling"] == "'\tI feel"
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    for text in ("hello", "1,5", "'quoted", " =spaced"):
        assert safe_cell(text) == text
    # Numbers and dates are written as they are.
    quality = rows(files, "quality_time.csv")[0]
    assert (quality["minutes"], quality["connection"], quality["date"]) == ("45", "5", "2026-01-06")


def test_files_start_with_a_byte_order_mark_a_header_and_use_crlf_line_ends():
    for name, data in export_csv(sample()).items():
        assert data.startswith("\ufeff".encode()), name
        header = data.decode("utf-8-sig").split("\r\n", 1)[0]
        assert header.split(",")[0] in {"id", "promise_id"}, name


def test_the_five_year_demo_exports_every_mark_and_entry(tmp_path):
    data = five_year_demo(tmp_path)
    files = export_csv(data)
    assert len(rows(files, "marks.csv")) == sum(len(m) for m in data.marks.values())
    assert len(rows(files, "quality_time.csv")) == len(data.quality)
    assert len(rows(files, "notes.csv")) == len(data.notes)
    assert {r["title"] for r in rows(files, "promises.csv")} == {p.title for p in data.promises}


@pytest.mark.parametrize("include_notes", [True, False])
def test_a_narrowed_export_leaves_out_what_was_not_asked_for(include_notes):
    scope = ExportScope(
        promise_ids=frozenset({2}), include_quality=False, include_notes=include_notes
    )
    files = export_csv(sample(), scope=scope)
    assert ("notes.csv" in files) is include_notes
    assert "quality_time.csv" not in files
    assert [r["id"] for r in rows(files, "promises.csv")] == ["2"]
    assert rows(files, "marks.csv") == []


def test_an_export_holding_notes_says_so_in_its_suggested_name():
    from tracker.formats.data import suggested_name

    day = date(2026, 11, 25)
    assert suggested_name("json", day, contains_notes=True) == (
        "tracker-export-with-notes-2026-11-25.json"
    )
    assert suggested_name("json", day, contains_notes=False) == "tracker-export-2026-11-25.json"
    assert suggested_name("csv", day, contains_notes=True) == "tracker-export-with-notes-2026-11-25"
    assert suggested_name("ics", day, contains_notes=False) == "tracker-promises-2026-11-25.ics"
    assert suggested_name("report", day, contains_notes=True) == (
        "tracker-report-with-notes-2026-11-25.html"
    )
