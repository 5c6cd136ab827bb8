"""Imports that would make tracker unusable are refused from a count, before they are read in
full, in one line in the user's words (issue 17 point 3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from foreign_files import LoopHabitSpec, dijo_record, loop_csv_zip, write_harsh

from tracker.errors import ForeignFileError
from tracker.formats.data import TrackerData
from tracker.formats.detect import read_import
from tracker.formats.dijo import read_dijo
from tracker.formats.harsh import read_harsh
from tracker.formats.limits import DEFAULT_LIMITS, ImportLimits, json_values
from tracker.formats.loop import read_loop_csv_zip
from tracker.formats.tracker_json import export_json, read_tracker_json
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule

TODAY = date(2026, 11, 25)
FIRST = date(1930, 1, 1)


def export_of(promises: int, days: int) -> bytes:
    """A tracker export of `promises` daily promises, each kept on its first `days` days."""
    listed = tuple(
        Promise(f"Promise {n}", parse_schedule("daily"), FIRST, id=n)
        for n in range(1, promises + 1)
    )
    marks = {
        p.id: {
            FIRST + timedelta(days=d): Mark(p.id, FIRST + timedelta(days=d), MarkStatus.KEPT)
            for d in range(days)
        }
        for p in listed
    }
    data = TrackerData(promises=listed, marks=marks)
    return export_json(data, exported=datetime(2026, 11, 1, tzinfo=UTC))


def one_line(error: pytest.ExceptionInfo[ForeignFileError]) -> str:
    text = str(error.value)
    assert "\n" not in text and text.startswith("Cannot import ")
    return text


def test_the_limits_are_those_of_a_life():
    assert DEFAULT_LIMITS.max_habits == 1_000
    assert DEFAULT_LIMITS.max_rows == 36_600  # a hundred years of days for one promise
    assert DEFAULT_LIMITS.max_total_rows == 200_000


def test_a_thousand_promises_come_in_and_one_more_is_refused():
    assert len(read_tracker_json(export_of(1_000, 1), file_name="x.json").promises) == 1_000
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(export_of(1_001, 1), file_name="x.json")
    assert "holds 1,001 promises, more than the 1,000 an import brings" in one_line(refused)


def test_a_promise_of_more_than_a_hundred_years_of_marks_is_refused():
    limits = ImportLimits(max_rows=50)
    assert read_tracker_json(export_of(1, 50), file_name="x.json", limits=limits).promises
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(export_of(1, 51), file_name="x.json", limits=limits)
    assert "holds 51 marks, more than the 50 days (a hundred years)" in one_line(refused)


def test_a_json_file_of_too_many_values_is_refused_before_it_is_parsed():
    document = export_of(3, 10)
    values = json_values(document, 0)
    assert values > 100
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(
            document, file_name="x.json", limits=ImportLimits(max_json_values=values - 1)
        )
    assert f"more than {values - 1:,} values" in one_line(refused)
    assert read_tracker_json(
        document, file_name="x.json", limits=ImportLimits(max_json_values=values)
    )


def test_signs_inside_texts_are_not_counted_as_values():
    bare = b'{"a": [1, 2], "b": {"c": "d"}}'
    assert json_values(bare, 0) == 8
    wordy = b'{"a": [1, 2], "b": {"c": "d, e: [f] {g} \\" h,,,"}}'
    assert json_values(wordy, 0) == 8


def test_text_that_is_not_unicode_is_refused_without_the_parsers_words():
    document = b'{"format": "tracker-export", "version": 1, "promises": [{"title": "\\ud800"}]}'
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(document, file_name="x.json")
    text = one_line(refused)
    assert "not UTF-8" in text and "line 1" in text
    assert "surrogates" not in text and "str is" not in text and "char " not in text


def test_a_cut_json_file_says_where_in_plain_words():
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(b'{"format": "tracker-export", "version": 1, "prom', file_name="x.json")
    text = one_line(refused)
    assert "not valid JSON (line 1, column" in text and "cut short or damaged" in text
    assert "char " not in text


def test_a_harsh_log_of_too_many_lines_is_refused_from_its_line_count(tmp_path: Path):
    lines = [f"2026-01-{d:02d} : Walk : y" for d in range(1, 21)]
    log = write_harsh(tmp_path / "h", "Walk: 1\n", lines)
    assert read_harsh(log, today=TODAY, limits=ImportLimits(max_lines=21)).promises
    with pytest.raises(ForeignFileError) as refused:
        read_harsh(log, today=TODAY, limits=ImportLimits(max_lines=10))
    assert "more than the 10 an import reads" in one_line(refused)


def test_a_harsh_log_of_too_many_entries_is_refused_not_cut(tmp_path: Path):
    lines = [f"2026-01-{d:02d} : Walk : y" for d in range(1, 21)]
    log = write_harsh(tmp_path / "h", "Walk: 1\n", lines)
    with pytest.raises(ForeignFileError) as refused:
        read_harsh(log, today=TODAY, limits=ImportLimits(max_total_rows=19))
    assert "more than 19 entries" in one_line(refused)


def test_a_dijo_habit_of_too_many_days_is_refused():
    stats = {(FIRST + timedelta(days=d)).isoformat(): True for d in range(51)}
    data = dijo_record([{"type": "Bit", "name": "Walk", "stats": stats, "goal": True}])
    with pytest.raises(ForeignFileError) as refused:
        read_dijo(
            data, file_name="habit_record.json", today=TODAY, limits=ImportLimits(max_rows=50)
        )
    assert "holds 51 days, more than the 50" in one_line(refused)


def test_the_file_is_named_by_the_path_given(tmp_path: Path):
    path = tmp_path / "big.json"
    path.write_bytes(export_of(1_001, 1))
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    assert one_line(refused).startswith(f"Cannot import {path}: ")
    assert orjson.loads(path.read_bytes())["format"] == "tracker-export"


def test_a_loop_csv_zip_over_the_days_in_all_is_refused_while_it_streams():
    habits = [
        LoopHabitSpec(name, entries={FIRST + timedelta(days=d): 2 for d in range(30)})
        for name in ("Walk", "Read")
    ]
    data = loop_csv_zip(habits)
    assert read_loop_csv_zip(
        data, file_name="x.zip", today=TODAY, limits=ImportLimits(max_total_rows=70)
    )
    with pytest.raises(ForeignFileError) as refused:
        read_loop_csv_zip(
            data, file_name="x.zip", today=TODAY, limits=ImportLimits(max_total_rows=50)
        )
    assert "its files hold more than 50 rows, the days an import brings" in one_line(refused)


def test_a_loop_csv_zip_of_too_many_habits_is_refused():
    data = loop_csv_zip([LoopHabitSpec(f"Habit {n}") for n in range(6)])
    with pytest.raises(ForeignFileError) as refused:
        read_loop_csv_zip(data, file_name="x.zip", today=TODAY, limits=ImportLimits(max_habits=5))
    assert "more than 5 habits" in one_line(refused)
