"""The couple's practices in the store: every kind kept exactly, edited without losing
another process's change, and format 2 files upgraded to format 3 after a backup."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.errors import DamagedFileError, NotFoundError, ValidationError
from tracker.model import Acknowledgement, Promise, QualityKind, QualityTime, Trigger
from tracker.practices.checkin import start_checkin
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    Goal,
    Letter,
    Person,
    Whose,
)
from tracker.reminder_rules.snooze import snooze_promise
from tracker.schedule import parse_schedule
from tracker.store import Store, kinds, schema

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
DAY = date(2026, 11, 24)
AWKWARD = '[bold]not markup[/] 📵 ثق بي — "quoted" $HOME'


def open_store(folder: Path, **options) -> Store:
    options.setdefault("now", lambda: NOW)
    return Store.open(folder / "tracker.json", **options)


def _examples(promise_id: int):
    checkin = start_checkin(DAY, NOW)  # a fresh draft, at its first step
    return [
        (kinds.APPRECIATIONS, Appreciation(text=AWKWARD, day=DAY, quality="patience")),
        (kinds.BIDS, Bid(response=BidResponse.AWAY, day=DAY, by=Person.ME, note=AWKWARD)),
        (kinds.BOUNDARIES, Boundary(text=AWKWARD, agreed_on=DAY, whose=Whose.MINE)),
        (kinds.GOALS, Goal(text=AWKWARD, set_on=DAY, promise_ids=(promise_id,))),
        (
            kinds.LETTERS,
            Letter(title="What trust means", body=AWKWARD + "\n\nsecond", written_on=DAY),
        ),
        (kinds.CHECKINS, checkin),
        (kinds.SNOOZES, snooze_promise(promise_id, DAY, NOW + timedelta(minutes=30), NOW)),
        (kinds.ACKNOWLEDGEMENTS, Acknowledgement(3, DAY, AWKWARD, NOW, message=AWKWARD)),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path)


@pytest.fixture
def promise(store: Store) -> Promise:
    return store.add_promise(
        Promise(title="Phone away", schedule=parse_schedule("daily"), start=DAY)
    )


def test_every_kind_of_practice_record_is_kept_exactly_and_read_back_by_a_fresh_store(
    tmp_path: Path, store: Store, promise: Promise
):
    stored = [(kind, store.add_record(kind, record)) for kind, record in _examples(promise.id)]
    fresh = open_store(tmp_path)
    for kind, record in stored:
        assert record.id == 1
        assert fresh.records(kind) == [record]
        assert fresh.record(kind, record.id) == record
    appreciation = fresh.record(kinds.APPRECIATIONS, 1)
    assert appreciation.text == AWKWARD and appreciation.created == NOW == appreciation.updated


def test_an_edit_keeps_a_change_another_process_made_to_another_field(tmp_path: Path, store: Store):
    stored = store.add_record(kinds.APPRECIATIONS, Appreciation(text="Dinner", day=DAY))
    other = open_store(tmp_path)
    other.update_record(kinds.APPRECIATIONS, replace(stored, quality="care"), base=stored)
    mine = store.update_record(
        kinds.APPRECIATIONS, replace(stored, text="Dinner when I was tired"), base=stored
    )
    assert (mine.text, mine.quality) == ("Dinner when I was tired", "care")
    assert open_store(tmp_path).records(kinds.APPRECIATIONS) == [mine]


def test_deleting_returns_the_record_and_putting_it_back_keeps_its_number(store: Store):
    first = store.add_record(kinds.BIDS, Bid(response=BidResponse.TOWARD, day=DAY))
    second = store.add_record(kinds.BIDS, Bid(response=BidResponse.AGAINST, day=DAY))
    removed = store.delete_record(kinds.BIDS, first.id)
    assert removed == first and store.records(kinds.BIDS) == [second]
    assert store.add_record(kinds.BIDS, removed).id == first.id
    with pytest.raises(NotFoundError, match="no bid number 9"):
        store.delete_record(kinds.BIDS, 9)


def test_a_record_that_cannot_be_kept_faithfully_is_refused_and_nothing_is_written(
    tmp_path: Path, store: Store
):
    before = (
        (tmp_path / "tracker.json").read_bytes() if (tmp_path / "tracker.json").exists() else b""
    )
    for text in ["", "   ", "a\x1bb", "x" * 10_000]:
        with pytest.raises(ValidationError):
            store.add_record(kinds.APPRECIATIONS, Appreciation(text=text, day=DAY))
    after = (
        (tmp_path / "tracker.json").read_bytes() if (tmp_path / "tracker.json").exists() else b""
    )
    assert after == before


def test_tags_and_triggers_on_promises_and_time_together_are_kept(tmp_path: Path, store: Store):
    promise = store.add_promise(
        Promise(
            title="Ask about her day",
            schedule=parse_schedule("daily"),
            start=DAY,
            tags=("quality time", "listening"),
            triggers=(Trigger.POOR_COMMUNICATION, Trigger.NEGLECT),
        )
    )
    entry = store.add_quality(
        QualityTime(day=DAY, minutes=45, kind=QualityKind.CONVERSATION, tags=("walk",))
    )
    fresh = open_store(tmp_path)
    assert fresh.promise(promise.id).tags == ("quality time", "listening")
    assert fresh.promise(promise.id).triggers == (Trigger.POOR_COMMUNICATION, Trigger.NEGLECT)
    assert fresh.quality_entries()[0].tags == ("walk",) == entry.tags


def _format_two(folder: Path) -> Path:
    """A data file as tracker wrote it before the practices: format 2, no tags."""
    path = folder / "tracker.json"
    main = {
        "_meta": {"1": {"schema_version": 2, "kind": "tracker"}},
        "histories": {},
        "promises": {
            "1": {
                "title": "Phone away",
                "schedule": "daily",
                "start": "2026-11-01",
                "archived": False,
                "earlier": [],
            }
        },
        "quality": {"1": {"date": "2026-11-20", "minutes": 30, "kind": "conversation"}},
    }
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(main), encoding="utf-8")
    return path


def test_a_format_two_file_reads_with_no_practices_and_upgrades_after_a_backup(tmp_path: Path):
    path = _format_two(tmp_path)
    original = path.read_bytes()
    store = open_store(tmp_path)
    assert store.promise(1).tags == () and store.promise(1).triggers == ()
    assert store.quality_entries()[0].tags == ()
    assert all(store.records(kind) == [] for kind in kinds.PRACTICE_KINDS)
    assert path.read_bytes() == original  # reading upgrades in memory only

    store.add_record(kinds.APPRECIATIONS, Appreciation(text="Dinner", day=DAY))
    main = json.loads(path.read_text(encoding="utf-8"))
    assert main["_meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION == 3
    assert main["promises"]["1"]["title"] == "Phone away"
    (before,) = [info for info in store.backups() if info.label == "before-upgrade"]
    assert json.loads(before.path.read_text(encoding="utf-8"))["main"]["1"] == json.loads(original)
    assert open_store(tmp_path).records(kinds.APPRECIATIONS)[0].text == "Dinner"


def test_a_damaged_practice_record_is_damage_with_the_way_back_and_the_file_is_untouched(
    tmp_path: Path, store: Store
):
    store.add_record(kinds.BIDS, Bid(response=BidResponse.TOWARD, day=DAY))
    store.backup()
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["bids"]["1"]["response"] = "sideways"
    store.path.write_text(json.dumps(data), encoding="utf-8")
    damaged = store.path.read_bytes()
    with pytest.raises(DamagedFileError, match=r"bids.*restore"):
        open_store(tmp_path)
    assert store.path.read_bytes() == damaged
