"""Excuses over a range (planned ahead), and the open days `ask` walks through."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.clock import Clock
from tracker.errors import ValidationError
from tracker.model import DayStatus, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
def tracker(tmp_path) -> Tracker:
    store = Store.open(tmp_path / "t.json", automatic_backups=False)
    return Tracker(store, Clock(UTC, frozen=datetime(2026, 11, 25, 18, 0, tzinfo=UTC)))


def add(tracker: Tracker, title: str, schedule: str = "daily") -> Promise:
    start = date(2026, 11, 20)
    added = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    return tracker.promises.add(
        Promise(title, parse_schedule(schedule), start, created=added)
    ).saved


def test_a_range_excuses_the_due_days_only_and_undo_puts_them_back(tracker):
    walk = add(tracker, "Walk the dog", "mon,wed,fri")
    tracker.marks.check_off(walk, date(2026, 11, 23))
    change = tracker.plans.excuse(walk, date(2026, 11, 23), date(2026, 12, 4), reason="away")
    # Mon 23 is kept already and stays so; Wed 25, Fri 27, Mon 30, Wed 2, Fri 4 excused.
    assert [mark.day.day for mark in change.saved] == [25, 27, 30, 2, 4]
    assert "1 day already marked stay as they are" in change.message
    states = tracker.marks.states(walk, date(2026, 11, 23), date(2026, 12, 4))
    assert states[date(2026, 11, 23)] is DayStatus.KEPT
    assert states[date(2026, 11, 27)] is DayStatus.EXCUSED, "a planned day shows excused"
    assert states[date(2026, 11, 26)] is DayStatus.FUTURE
    assert change.undo is not None
    change.undo.run()
    assert set(tracker.marks.of(walk)) == {date(2026, 11, 23)}


def test_excuses_ahead_are_listed_as_stretches_and_can_be_removed(tracker):
    walk = add(tracker, "Walk the dog", "mon,wed,fri")
    tracker.plans.excuse(walk, date(2026, 12, 10), date(2026, 12, 14), reason="travelling")
    tracker.plans.excuse(walk, date(2026, 12, 21), reason="dentist")
    ahead = tracker.plans.ahead()
    assert [plan.describe() for plan in ahead] == [
        "Walk the dog: excused Fri 11 – Mon 14 Dec (travelling)",
        "Walk the dog: excused Mon 21 Dec (dentist)",
    ]
    change = tracker.plans.remove(walk, date(2026, 12, 1), date(2026, 12, 31))
    assert len(change.saved) == 3 and tracker.plans.ahead() == []
    assert change.undo is not None
    change.undo.run()
    assert len(tracker.plans.ahead()) == 2


def test_excuses_ahead_decode_no_mark_behind_today(tmp_path, monkeypatch):
    """Today asks for the plans ahead at every keypress: years of marks behind today are
    never decoded for it, only the days ahead are looked up."""
    from tracker.store import markbook

    path = tmp_path / "t.json"
    first = Tracker(Store.open(path, automatic_backups=False), Clock(UTC, frozen=NOW))
    walk = add(first, "Walk the dog")
    for day in range(20, 25):
        first.marks.check_off(walk, date(2026, 11, day))
    first.plans.excuse(walk, date(2026, 12, 1), reason="away")
    decoded: list[int] = []
    decode = markbook.mark_from_doc

    def counting(promise_id: int, ordinal: int, doc: dict[str, object]) -> object:
        decoded.append(ordinal)
        return decode(promise_id, ordinal, doc)

    monkeypatch.setattr(markbook, "mark_from_doc", counting)
    reopened = Tracker(Store.open(path, automatic_backups=False), Clock(UTC, frozen=NOW))
    assert [plan.describe() for plan in reopened.plans.ahead()] == [
        "Walk the dog: excused Tue 1 Dec (away)"
    ]
    assert decoded == [date(2026, 12, 1).toordinal()]


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (date(2026, 12, 14), date(2026, 12, 10), "ends before it starts"),
        (date(2026, 12, 1), date(2027, 6, 1), "more than 92 days"),
        (date(2027, 12, 1), date(2027, 12, 2), "more than a year ahead"),
        (date(2026, 12, 10), date(2026, 12, 10), "is not due on Thursday"),
    ],
)
def test_a_range_that_cannot_be_excused_is_refused_plainly(tracker, first, last, words):
    walk = add(tracker, "Walk the dog", "mon,wed,fri")
    with pytest.raises(ValidationError, match=words):
        tracker.plans.excuse(walk, first, last)
    assert tracker.marks.of(walk) == {}


def test_check_and_miss_stay_refused_ahead(tracker):
    walk = add(tracker, "Walk the dog")
    for status in (MarkStatus.KEPT, MarkStatus.MISSED):
        with pytest.raises(ValidationError, match="is in the future"):
            tracker.marks.set(walk, date(2026, 11, 26), status)


def test_open_days_are_today_s_open_ones_and_with_since_the_unmarked_due_days(tracker):
    walk = add(tracker, "Walk the dog")
    phone = add(tracker, "Phone away", "mon,wed,fri")
    tracker.marks.check_off(walk, date(2026, 11, 24))
    tracker.marks.set(walk, TODAY, MarkStatus.EXCUSED)
    assert [(o.promise.title, o.day.day) for o in tracker.asking.open_days()] == [
        ("Phone away", 25)
    ]
    since = [(o.promise.title, o.day.day) for o in tracker.asking.open_days(date(2026, 11, 23))]
    assert since == [("Walk the dog", 23), ("Phone away", 23), ("Phone away", 25)]
    assert phone.id != walk.id
    with pytest.raises(ValidationError, match="in the future"):
        tracker.asking.open_days(date(2026, 11, 26))
