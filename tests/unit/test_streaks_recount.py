"""The Streaks table recounts a promise only when its marks, the promise or the day changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tracker.clock import Clock
from tracker.model import DayStatus, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.service import streaks as streaks_area
from tracker.stats import day_states, promise_stats, share_kept_by_day

ZONE = ZoneInfo("Europe/Berlin")
EVENING = datetime(2026, 11, 25, 20, 0, tzinfo=ZONE)
START = date(2026, 11, 1)


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    opened = Tracker.open(
        tmp_path / "data.json", Clock(zone=ZONE, frozen=EVENING), automatic_backups=False
    )
    titles = ("Walk", "Call mum", "Dishes")
    added = opened.history.add_promises(
        [Promise(title, parse_schedule("daily"), START) for title in titles]
    )
    for promise in added:
        opened.marks.set(promise, date(2026, 11, 24), MarkStatus.KEPT)
    return opened


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    counted: list[str] = []

    def counting(promise: Promise, *args: object) -> object:
        counted.append(promise.title)
        return promise_stats(promise, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(streaks_area, "promise_stats", counting)
    return counted


def _fresh(tracker: Tracker) -> list[object]:
    today = tracker.today()
    return [
        promise_stats(promise, tracker.marks.of(promise), today)
        for promise in tracker.promises.all()
    ]


def test_a_check_off_recounts_its_own_promise_only(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.streaks.table()
    counted = _counted(monkeypatch)
    assert [row.stats for row in tracker.streaks.table()] == _fresh(tracker)
    assert counted == []  # nothing changed: nothing recounted
    walk = tracker.promises.find("walk")
    tracker.marks.set(walk, tracker.today(), MarkStatus.KEPT)
    rows = tracker.streaks.table()
    assert counted == ["Walk"]
    assert [row.stats for row in rows] == _fresh(tracker)
    assert rows[0].stats.current_streak == 2


def test_an_edited_promise_or_another_day_is_recounted(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.streaks.table()
    counted = _counted(monkeypatch)
    walk = tracker.promises.find("walk")
    tracker.promises.edit(walk, replace(walk, schedule=parse_schedule("weekdays")))
    tracker.streaks.table()
    assert counted == ["Walk"]
    counted.clear()
    tracker.streaks.table(date(2026, 11, 24))
    assert counted == ["Walk", "Call mum", "Dishes"]


def test_every_promises_map_redraws_only_what_a_check_off_changed(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    promises = tracker.promises.all()
    start = date(2026, 11, 1)
    tracker.streaks.share_kept_by_day(promises, start)
    walked: list[str] = []

    def counting(promise: Promise, *args: Any) -> dict[date, DayStatus]:
        walked.append(promise.title)
        return day_states(promise, *args)

    monkeypatch.setattr(streaks_area, "day_states", counting)
    tracker.marks.set(promises[1], tracker.today(), MarkStatus.KEPT)
    shares = tracker.streaks.share_kept_by_day(promises, start)
    assert walked == ["Call mum"]
    today = tracker.today()
    marks = {promise.id: tracker.marks.of(promise) for promise in promises}
    assert shares == share_kept_by_day(promises, marks, start, today, today)
    assert shares[today] == 1.0 and shares[date(2026, 11, 24)] == 1.0
