"""A check-off reads its promise's marks file once, and still knows the mark it replaced."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil import tz

from tracker.clock import Clock
from tracker.model import MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import datafiles

ZONE = tz.gettz("Europe/Berlin")
TODAY = date(2026, 11, 25)
START = date(2026, 11, 1)


def _tracker(path: Path) -> Tracker:
    clock = Clock(zone=ZONE, frozen=datetime(2026, 11, 25, 20, 0, tzinfo=ZONE))
    return Tracker.open(path, clock, automatic_backups=False)


@pytest.fixture
def walk(tmp_path: Path) -> tuple[Path, Promise]:
    tracker = _tracker(tmp_path / "data.json")
    promise = tracker.history.add_promises([Promise("Walk", parse_schedule("daily"), START)])[0]
    tracker.marks.set(promise, TODAY, MarkStatus.EXCUSED, reason="rain")
    return tmp_path / "data.json", promise


def _reads_of(marks_file: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    read = datafiles.read_json

    def counting(path: Path, *args: object, **options: object) -> object:
        if path == marks_file:
            reads.append(path)
        return read(path, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(datafiles, "read_json", counting)
    return reads


def test_a_check_off_reads_the_marks_file_once(
    walk: tuple[Path, Promise], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, promise = walk
    tracker = _tracker(path)  # a fresh process: nothing read yet
    reads = _reads_of(tracker.data_path.with_name("data.marks") / f"{promise.id}.json", monkeypatch)
    change = tracker.marks.check_off(promise, TODAY)
    assert change.message == "Kept: Walk (today). Streak: 1 day."
    assert len(reads) == 1


def test_the_undo_of_a_check_off_puts_the_replaced_mark_back(walk: tuple[Path, Promise]) -> None:
    path, promise = walk
    tracker = _tracker(path)
    change = tracker.marks.check_off(promise, TODAY)
    assert tracker.marks.of(promise)[TODAY].status is MarkStatus.KEPT
    assert change.undo is not None and change.undo.label == "Put the earlier mark back"
    change.undo.run()
    back = _tracker(path).marks.of(promise)[TODAY]
    assert (back.status, back.reason) == (MarkStatus.EXCUSED, "rain")
