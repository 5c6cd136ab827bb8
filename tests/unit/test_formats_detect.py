"""Recognising a file by its content, forcing a format, and one clear line for anything else."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from foreign_files import LoopHabitSpec, dijo_record, loop_csv_zip, write_harsh, write_loop_database

from tracker.errors import ForeignFileError
from tracker.formats.data import TrackerData
from tracker.formats.detect import ImportFormat, detect_format, read_import
from tracker.formats.tracker_json import export_json
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule

TODAY = date(2026, 11, 25)


def files(tmp_path: Path) -> dict[str, Path]:
    walk = LoopHabitSpec("Walk", entries={date(2026, 1, 5): 2})
    zipped = tmp_path / "Loop Habits CSV 2026-11-25.zip"
    zipped.write_bytes(loop_csv_zip([walk]))
    export = tmp_path / "tracker-export.json"
    day = date(2026, 1, 5)
    data = TrackerData(
        promises=(Promise("Walk", parse_schedule("daily"), day, id=1),),
        marks={1: {day: Mark(1, day, MarkStatus.KEPT)}},
    )
    export.write_bytes(export_json(data, exported=datetime(2026, 1, 1, tzinfo=UTC)))
    dijo = tmp_path / "habit_record.json"
    dijo.write_bytes(
        dijo_record([{"type": "Bit", "name": "Walk", "stats": {"2026-01-05": True}, "goal": True}])
    )
    return {
        "loop-db": write_loop_database(tmp_path / "Loop Habits Backup.db", [walk]),
        "loop-zip": zipped,
        "tracker": export,
        "dijo": dijo,
        "harsh": write_harsh(tmp_path / "harsh", "Walk: 1\n", ["2026-01-05 : Walk : y"]),
    }


EXPECTED = {
    "loop-db": ImportFormat.LOOP,
    "loop-zip": ImportFormat.LOOP,
    "tracker": ImportFormat.TRACKER,
    "dijo": ImportFormat.DIJO,
    "harsh": ImportFormat.HARSH,
}


def test_each_format_is_recognised_from_its_content_and_read(tmp_path):
    for kind, path in files(tmp_path).items():
        renamed = path.with_name(f"renamed-{kind}.data")
        path.rename(renamed)
        if kind == "harsh":  # harsh's habits file sits beside its log under its own name
            renamed = path.parent / "log"
            path.with_name(f"renamed-{kind}.data").rename(renamed)
        assert detect_format(renamed) is EXPECTED[kind], kind
        plan = read_import(renamed, today=TODAY)
        assert [p.promise.title for p in plan.promises] == ["Walk"], kind
        assert [m.day for m in plan.promises[0].marks] == [date(2026, 1, 5)], kind


def test_harsh_s_folder_names_its_log(tmp_path):
    folder = files(tmp_path)["harsh"].parent
    assert detect_format(folder) is ImportFormat.HARSH
    assert read_import(folder, today=TODAY).source == "harsh"


def test_a_forced_format_is_used_and_a_wrong_one_is_refused_clearly(tmp_path):
    found = files(tmp_path)
    assert read_import(found["dijo"], today=TODAY, force="dijo").source == "dijo"
    assert read_import(found["loop-zip"], today=TODAY, force="LOOP").source.startswith("Loop")
    with pytest.raises(ForeignFileError, match="neither a Loop backup database nor a Loop CSV zip"):
        read_import(found["dijo"], today=TODAY, force="loop")
    with pytest.raises(ForeignFileError, match="not a tracker export"):
        read_import(found["dijo"], today=TODAY, force="tracker")
    with pytest.raises(
        ForeignFileError, match="'streaks' is not a format; use one of tracker, loop"
    ):
        read_import(found["dijo"], today=TODAY, force="streaks")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"hello, world\n", "tracker does not recognise this file"),
        (b"\x00\x01\x02binary", "tracker does not recognise this file"),
        (b'{"some": "json"}', "tracker does not recognise this file"),
    ],
)
def test_an_unknown_file_gets_one_line_naming_it_and_what_tracker_reads(tmp_path, content, message):
    path = tmp_path / "mystery.bin"
    path.write_bytes(content)
    with pytest.raises(ForeignFileError) as refused:
        read_import(path, today=TODAY)
    text = str(refused.value)
    assert text.startswith(f"Cannot import {path}: ") and message in text and "\n" not in text


def test_missing_files_folders_and_devices_are_refused(tmp_path):
    with pytest.raises(ForeignFileError, match="there is no such file"):
        read_import(tmp_path / "nothing.db", today=TODAY)
    with pytest.raises(ForeignFileError, match="it is a folder"):
        read_import(tmp_path, today=TODAY)
    with pytest.raises(ForeignFileError, match="not a regular file"):
        read_import(Path("/dev/zero"), today=TODAY, force="tracker")
