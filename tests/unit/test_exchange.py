"""The exchange's own rules: every practice table travels (one added later too), references
to promises follow them, records are identified by their creation moment, a narrowed
export narrows the practices, and exported files never land on something tracker did not
write."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

import pytest
from app_support import frozen_clock
from hypothesis import given
from hypothesis import strategies as st
from practice_strategies import appreciations, bids, boundaries, goals, letters, snoozes

from tracker.errors import ForeignFileError, StoreError, ValidationError
from tracker.formats import tracker_json
from tracker.formats.data import ExportScope, TrackerData, record_day
from tracker.formats.fields import FieldError, Fields
from tracker.formats.plan import ImportPlan, PlannedPromise, applied, merge_plan
from tracker.formats.tracker_json import export_json, read_tracker_json
from tracker.model import Acknowledgement, Promise, QualityKind, QualityTime, Settings, Trigger
from tracker.practices.records import APPRECIATION, Appreciation, Person
from tracker.schedule import parse_schedule
from tracker.service import Tracker, outputs
from tracker.service.exchange import practice_kinds, record_document, record_from_document
from tracker.store import Store, kinds
from tracker.store.codec import settings_to_doc

DAY = date(2026, 11, 20)
MOMENT = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


def open_tracker(path: Path) -> Tracker:
    return Tracker(Store.open(path), frozen_clock())


# -- every practice table, as a document and back -----------------------------------------------


@given(
    st.one_of(
        appreciations.map(lambda r: ("appreciations", r)),
        bids.map(lambda r: ("bids", r)),
        boundaries().map(lambda r: ("boundaries", r)),
        goals().map(lambda r: ("goals", r)),
        letters.map(lambda r: ("letters", r)),
        snoozes().map(lambda r: ("snoozes", r)),
    )
)
def test_every_practice_record_survives_its_export_document(named):
    name, record = named
    kind = practice_kinds()[name]
    record = record.validated()
    assert record_from_document(kind, record_document(kind, record)) == record


def test_the_export_names_every_table_of_the_store():
    assert set(practice_kinds()) == {
        "appreciations",
        "bids",
        "boundaries",
        "goals",
        "letters",
        "check_ins",
        "snoozes",
        "acknowledgements",
    }
    assert {kind.table for kind in practice_kinds().values()} == {
        kind.table for kind in kinds.PRACTICE_KINDS
    }


def test_a_practice_table_added_later_travels_without_more_code(tmp_path, monkeypatch):
    # A table the store gains later (here: thanks kept with the appreciation codec).
    later = kinds.RecordKind("thanks", "thank-you", lambda: APPRECIATION)
    monkeypatch.setattr(kinds, "PRACTICE_KINDS", (*kinds.PRACTICE_KINDS, later))
    source = Store.open(tmp_path / "a" / "tracker.json")
    source.add_record(later, Appreciation("You kept the walk", DAY, Person.PARTNER, created=MOMENT))
    out = open_tracker(source.path).exchange.export("json", tmp_path / "export.json").saved
    target = tmp_path / "b" / "tracker.json"
    outcome = open_tracker(target).exchange.bring_in(out).saved
    assert outcome.changes.counts()["thanks"] == 1
    (found,) = Store.open(target).records(later)
    assert (found.text, found.by, found.created) == ("You kept the walk", Person.PARTNER, MOMENT)


def test_what_you_noticed_of_your_partner_keeps_their_promise_number_through_an_import(tmp_path):
    # The number is the partner's promise, not one of ours: an import renumbers our
    # promises' references, never this one.
    source = Store.open(tmp_path / "a" / "tracker.json")
    source.add_promise(Promise("Walk", parse_schedule("daily"), DAY))
    noticed = Acknowledgement(42, DAY, "Their walk", MOMENT, "Saw it")
    source.add_record(kinds.ACKNOWLEDGEMENTS, noticed)
    out = open_tracker(source.path).exchange.export("json", tmp_path / "export.json").saved
    target = tmp_path / "b" / "tracker.json"
    open_tracker(target).exchange.bring_in(out)
    (found,) = Store.open(target).records(kinds.ACKNOWLEDGEMENTS)
    assert replace(found, id=0) == noticed


def test_a_practice_document_that_does_not_fit_refuses_the_file_in_one_line(tmp_path):
    blob = export_json(
        TrackerData(extras={"bids": ({"id": 1, "response": "sideways", "date": "2026-11-20"},)}),
        exported=MOMENT,
    )
    path = tmp_path / "export.json"
    path.write_bytes(blob)
    with pytest.raises(ForeignFileError) as refused:
        open_tracker(tmp_path / "tracker.json").exchange.preview(path)
    assert str(refused.value).startswith(f"Cannot import {path}: extensions.bids[0]: field")
    assert "toward, away, against" in str(refused.value)


# -- references and identity in the merge -----------------------------------------------------


def _plan(*titles: str, extras: dict) -> ImportPlan:
    promises = tuple(
        PlannedPromise(Promise(title, parse_schedule("daily"), DAY, id=number))
        for number, title in enumerate(titles, start=1)
    )
    return ImportPlan("test", "file.json", promises=promises, extras=extras)


def test_references_to_promises_are_renumbered_with_them_and_dropped_when_unknown():
    mine = TrackerData(
        promises=(
            Promise("Mine", parse_schedule("daily"), DAY, id=1),
            Promise("Walk", parse_schedule("daily"), DAY, id=2),
        )
    )
    goal = {"id": 1, "text": "Ease", "promise_ids": [1, 2, 9], "created": "a"}
    checkin = {"id": 1, "agreements": [{"text": "x", "promise_id": 2}], "created": "b"}
    gone = {"id": 2, "agreements": [{"text": "y", "promise_id": 9}], "created": "c"}
    plan = _plan("Walk", "Cook", extras={"goals": (goal,), "check_ins": (checkin, gone)})
    changes = merge_plan(plan, mine)
    # "Walk" (1 in the file) is your 2; "Cook" (2 in the file) is new: 3.
    assert changes.promise_numbers == {1: 2, 2: 3}
    assert changes.extras["goals"][0]["promise_ids"] == [2, 3]
    agreements = [doc["agreements"][0]["promise_id"] for doc in changes.extras["check_ins"]]
    assert agreements == [3, None]
    # Into an empty file the numbers stay, so the references do too.
    kept = merge_plan(plan, TrackerData())
    assert kept.extras["goals"][0]["promise_ids"] == [1, 2, 9]


def test_a_record_is_the_one_created_at_the_same_moment_and_yours_is_kept():
    held = {"id": 4, "text": "Thanks", "date": "2026-11-20", "created": "2026-11-20T20:00"}
    edited = {**held, "id": 9, "text": "Thanks, edited elsewhere", "updated": "later"}
    other = {**held, "id": 5, "created": "2026-11-21T08:00"}
    plan = ImportPlan("test", "f.json", extras={"appreciations": (edited, other)})
    changes = merge_plan(plan, TrackerData(extras={"appreciations": (held,)}))
    assert changes.extras == {"appreciations": ({**other, "id": 5},)}
    assert changes.already_there == {"appreciations": 1}
    assert changes.conflicts == (
        "1 of the file's appreciations you have too, edited since; yours were kept",
    )
    after = applied(TrackerData(extras={"appreciations": (held,)}), changes)
    assert [doc["id"] for doc in after.extras["appreciations"]] == [4, 5]


def test_new_records_are_numbered_after_yours_and_keep_their_numbers_into_nothing():
    docs = tuple({"id": n, "created": f"m{n}"} for n in (3, 7))
    assert [
        d["id"]
        for d in merge_plan(ImportPlan("t", "f", extras={"bids": docs}), TrackerData()).extras[
            "bids"
        ]
    ] == [3, 7]
    mine = TrackerData(extras={"bids": ({"id": 12, "created": "mine"},)})
    numbered = merge_plan(ImportPlan("t", "f", extras={"bids": docs}), mine).extras["bids"]
    assert [d["id"] for d in numbered] == [13, 14]


# -- tags, triggers and narrowing -----------------------------------------------------------------


def test_tags_and_triggers_come_back_and_two_promises_of_one_number_are_refused():
    walk = Promise(
        "Walk",
        parse_schedule("daily"),
        DAY,
        id=1,
        tags=("quality time",),
        triggers=(Trigger.NEGLECT, Trigger.DISHONESTY),
    ).validated()
    talk = QualityTime(DAY, 30, QualityKind.CONVERSATION, id=1, tags=("walk",))
    data = TrackerData(promises=(walk,), quality=(talk,))
    plan = read_tracker_json(export_json(data, exported=MOMENT), file_name="x.json")
    assert plan.promises[0].promise == walk and plan.quality == (talk,)
    twice = TrackerData(promises=(walk, replace(walk, title="Talk")))
    with pytest.raises(ForeignFileError, match="two promises have the id 1"):
        read_tracker_json(export_json(twice, exported=MOMENT), file_name="x.json")


def test_dates_narrow_the_practices_by_their_day_and_naming_promises_leaves_them_out():
    docs = {
        "bids": ({"id": 1, "date": "2026-11-01"}, {"id": 2, "date": "2026-11-20"}),
        "check_ins": ({"id": 1, "held_on": "2026-10-04"},),
        "goals": ({"id": 1, "set_on": "2026-11-02"},),
        "boundaries": ({"id": 1, "agreed_on": "2026-11-25"},),
    }
    data = TrackerData(extras=docs)
    narrowed = ExportScope(since=date(2026, 11, 2), until=date(2026, 11, 24)).narrowed(data)
    assert {name: [d["id"] for d in found] for name, found in narrowed.extras.items()} == {
        "bids": [2],
        "check_ins": [],
        "goals": [1],
        "boundaries": [],
    }
    assert (
        ExportScope(promise_ids=frozenset({1}), include_practices=False).narrowed(data).extras == {}
    )
    assert record_day({"date": "not a date"}) is None and record_day({}) is None


# -- where files go ---------------------------------------------------------------------------


def _is_ours(head: bytes) -> bool:
    return head.startswith(b"OURS")


def test_a_file_is_written_private_and_replaces_only_what_tracker_wrote(tmp_path):
    path = tmp_path / "out.txt"
    assert outputs.write_file(path, b"OURS 1", what="test file", ours=_is_ours) is False
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert outputs.write_file(path, b"OURS 2", what="test file", ours=_is_ours) is True
    assert path.read_bytes() == b"OURS 2"
    theirs = tmp_path / "theirs.txt"
    theirs.write_bytes(b"their own words")
    with pytest.raises(StoreError, match="already exists and is not a test file"):
        outputs.write_file(theirs, b"OURS", what="test file", ours=_is_ours)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    with pytest.raises(StoreError, match="is a symbolic link"):
        outputs.write_file(link, b"OURS 3", what="test file", ours=_is_ours)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        outputs.write_file(fifo, b"OURS", what="test file", ours=_is_ours)
    with pytest.raises(StoreError, match="does not exist"):
        outputs.write_file(tmp_path / "none" / "x", b"OURS", what="test file", ours=_is_ours)
    assert theirs.read_bytes() == b"their own words" and path.read_bytes() == b"OURS 2"


def test_a_folder_export_replaces_an_earlier_one_and_never_writes_among_other_files(tmp_path):
    folder = tmp_path / "export"
    names = {"a.csv", "b.csv"}.__contains__
    assert outputs.write_folder(folder, {"a.csv": b"1", "b.csv": b"2"}, ours=names) is False
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    # Again, without b.csv (a narrower export): the earlier b.csv goes.
    assert outputs.write_folder(folder, {"a.csv": b"3"}, ours=names) is True
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv"]
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match=r"holds files tracker did not write \(mine.txt\)"):
        outputs.write_folder(folder, {"a.csv": b"4"}, ours=names)
    assert (folder / "a.csv").read_bytes() == b"3"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        outputs.write_folder(tmp_path / "file", {"a.csv": b"1"}, ours=names)


def test_a_report_needs_weeks_from_1_to_52_and_a_known_paper(tmp_path):
    exchange = open_tracker(tmp_path / "tracker.json").exchange
    with pytest.raises(ValidationError, match="A report covers 1 to 52 weeks"):
        exchange.report(tmp_path / "r.html", weeks=53)
    with pytest.raises(ValidationError, match="The paper is a4 or letter"):
        exchange.report(tmp_path / "r.html", paper="A5")
    assert not (tmp_path / "r.html").exists()
    saved = exchange.report(tmp_path / "r.html", weeks=1).saved
    assert "Keeping our promises: the last 1 weeks" in saved.read_text(encoding="utf-8")


def test_dates_for_an_export_must_be_in_order(tmp_path):
    exchange = open_tracker(tmp_path / "tracker.json").exchange
    with pytest.raises(ValidationError, match="--until 2026-11-01 is before --since 2026-11-20"):
        exchange.scope(since=DAY, until=DAY - timedelta(days=19))


class _Day(StrEnum):
    SUNDAY = "sunday"
    MONDAY = "monday"


@dataclass(frozen=True)
class _LaterSettings:
    """Settings as a later version might have them: fields this reader has never seen."""

    checkin_day: _Day = _Day.SUNDAY
    remind_checkin: bool = True
    checkin_at: time | None = None
    paused_since: date | None = None
    label: str = ""
    minutes: int = 30


def test_a_setting_added_later_is_written_and_read_back_by_its_type():
    later = _LaterSettings(_Day.MONDAY, False, time(19, 30), date(2026, 11, 1), "us", 45)
    doc = tracker_json.settings_doc(later)  # type: ignore[arg-type]
    assert doc == {
        "checkin_day": "monday",
        "remind_checkin": False,
        "checkin_at": "19:30",
        "paused_since": "2026-11-01",
        "label": "us",
        "minutes": 45,
    }
    read = tracker_json._later_settings(_LaterSettings(), Fields(doc, "settings"))
    assert _LaterSettings(**read) == later
    unset = tracker_json._later_settings(_LaterSettings(), Fields({"checkin_at": None}, "s"))
    assert unset == {"checkin_at": None}
    with pytest.raises(FieldError, match=r"settings\.checkin_day should be one of: sunday, monday"):
        tracker_json._later_settings(_LaterSettings(), Fields({"checkin_day": "x"}, "settings"))
    # The settings this version knows are written as the store writes them.
    assert tracker_json.settings_doc(Settings()) == settings_to_doc(Settings())
