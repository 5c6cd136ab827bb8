"""Marks read back lazily (MarkBook): they act as the dict they replace; damage is refused."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.errors import DamagedFileError
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.store import Store

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
START = date(2026, 1, 1)
DAYS = [START + timedelta(days=offset) for offset in range(0, 300, 3)]


def history(tmp_path: Path) -> tuple[Store, Path, dict[date, Mark]]:
    store = Store.open(tmp_path / "tracker.json", now=lambda: NOW)
    store.add_promise(Promise("Walk together", parse_schedule("daily"), START))
    statuses = [MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED]
    marks = {
        day: Mark(1, day, statuses[index % 3], reason="flu" if index % 3 == 2 else "")
        for index, day in enumerate(DAYS)
    }
    store.put_marks(marks.values())
    return store, tmp_path / "tracker.marks" / "1.json", marks


def test_marks_read_back_are_the_marks_written_in_every_way_they_are_looked_at(tmp_path):
    _, _, written = history(tmp_path)
    again = Store.open(tmp_path / "tracker.json", now=lambda: NOW)
    marks = again.marks_of(1)
    assert marks == written and written == marks
    assert len(marks) == len(written)
    assert list(marks) == list(written)
    assert dict(marks.items()) == written
    by_ordinal = {day.toordinal(): mark.status for day, mark in written.items()}
    assert Store.open(tmp_path / "tracker.json").marks_of(1).statuses_by_ordinal() == by_ordinal
    assert DAYS[5] in marks and marks[DAYS[5]] == written[DAYS[5]]
    assert DAYS[5] + timedelta(days=1) not in marks
    assert marks.get(DAYS[5] + timedelta(days=1)) is None
    # A datetime is not a day: as with a dict, it finds nothing.
    moment = datetime.combine(DAYS[5], datetime.min.time())
    assert moment not in marks and marks.get(moment) is None
    with pytest.raises(KeyError):
        marks[moment]


def test_marks_read_before_a_change_stay_as_they_were(tmp_path):
    store, _, written = history(tmp_path)
    before = store.marks_of(1)
    store.put_mark(Mark(1, DAYS[0], MarkStatus.EXCUSED, reason="storm"))
    assert before == written
    assert store.marks_of(1)[DAYS[0]].reason == "storm"


def test_a_damaged_mark_deep_in_the_history_is_refused_on_first_read(tmp_path):
    _, path, _ = history(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    deep = str(DAYS[40].toordinal())
    data["marks"][deep]["status"] = "perhaps"
    path.write_text(json.dumps(data), encoding="utf-8")
    again = Store.open(tmp_path / "tracker.json", now=lambda: NOW)
    message = (
        f"entry {deep} in 'marks' is damaged "
        "(field 'status' should be one of: kept, missed, excused)"
    )
    with pytest.raises(DamagedFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        again.marks_of(1)


def test_a_mark_whose_key_was_written_with_a_leading_zero_is_still_found(tmp_path):
    _, path, written = history(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    key = str(DAYS[7].toordinal())
    data["marks"]["0" + key] = data["marks"].pop(key)
    path.write_text(json.dumps(data), encoding="utf-8")
    marks = Store.open(tmp_path / "tracker.json", now=lambda: NOW).marks_of(1)
    assert marks[DAYS[7]] == written[DAYS[7]]
    assert marks == written
    assert marks.statuses_by_ordinal()[DAYS[7].toordinal()] is written[DAYS[7]].status


def test_the_marks_a_write_leaves_in_memory_are_those_a_fresh_read_finds(tmp_path):
    """After a check-off the store keeps what it wrote (no second check of every mark):
    it must be what reading the file gives, even from a file written another way."""
    _, path, marks = history(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["marks"] = {f"0{key}": doc for key, doc in data["marks"].items()}  # not canonical
    path.write_text(json.dumps(data), encoding="utf-8")
    writer = Store.open(tmp_path / "tracker.json", now=lambda: NOW)
    new_day = DAYS[-1] + timedelta(days=1)
    writer.put_mark(Mark(1, new_day, MarkStatus.KEPT))
    writer.remove_mark(1, DAYS[0])
    expected = {**marks, new_day: Mark(1, new_day, MarkStatus.KEPT)}
    del expected[DAYS[0]]
    fresh = Store.open(tmp_path / "tracker.json", now=lambda: NOW).marks_of(1)
    assert dict(writer.marks_of(1)) == dict(fresh) == expected
    assert all(writer.marks_of(1).get(day) == mark for day, mark in expected.items())
