"""Every practice record survives the trip to a JSON document and back, unchanged; a
document that does not fit is refused with the field that does not."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from practice_strategies import (
    ANSWERS,
    appreciations,
    bids,
    boundaries,
    goals,
    letters,
    moments,
    snoozes,
    week_facts,
)

from tracker.model import (
    QUALITY_STORED,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    promise_document,
)
from tracker.practices import documents as docs
from tracker.practices.checkin import STEPS, CheckIn, Step
from tracker.practices.records import APPRECIATION, BID, BOUNDARY, GOAL, LETTER
from tracker.practices.week import WEEK_IN_FACTS
from tracker.records import BadDocument
from tracker.reminder_rules.kinds import SNOOZE
from tracker.schedule import parse_schedule
from tracker.store import codec

KINDS = [
    (appreciations, APPRECIATION),
    (bids, BID),
    (boundaries(), BOUNDARY),
    (goals(), GOAL),
    (letters, LETTER),
    (snoozes(), SNOOZE),
]


def through_json(doc: dict) -> dict:
    """The document as the store writes and reads it: plain JSON."""
    return json.loads(json.dumps(doc, ensure_ascii=False))


@pytest.mark.parametrize(
    ("records", "layout"), KINDS, ids=lambda k: getattr(k, "record", type(None)).__name__
)
@given(data=st.data())
def test_each_record_comes_back_unchanged(records, layout, data):
    record = data.draw(records)
    assert layout.from_doc(record.id, through_json(layout.to_doc(record))) == record


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    started = draw(moments)
    held = started.date()
    answers = {
        field: draw(st.none() | ANSWERS[step])
        for step, field in zip(
            STEPS,
            (
                "settle",
                "facts",
                "appreciations",
                "went_right",
                "issue",
                "loved",
                "agreements",
                "reconnect",
            ),
            strict=True,
        )
    }
    return CheckIn(
        held_on=held,
        week_of=held,
        started=started,
        time_box_minutes=draw(st.integers(1, 240)),
        step=draw(st.none() | st.sampled_from(Step)),
        skipped=tuple(draw(st.lists(st.sampled_from(Step), unique=True))),
        finished=draw(st.none() | moments),
        id=draw(st.integers(1, 99)),
        created=draw(st.none() | moments),
        updated=draw(st.none() | moments),
        **answers,
    )


@given(checkins())
def test_a_check_in_draft_or_finished_comes_back_unchanged(checkin):
    doc = through_json(docs.checkin_to_doc(checkin))
    assert docs.checkin_from_doc(checkin.id, doc) == checkin


def test_tags_and_triggers_are_in_the_stores_documents_and_old_documents_have_none():
    promise = Promise(
        "Phone away",
        parse_schedule("daily"),
        date(2026, 1, 1),
        tags=("date",),
        triggers=(Trigger.NEGLECT,),
    )
    doc = promise_document(promise)
    assert (doc["tags"], doc["triggers"]) == (["date"], ["neglect"])
    back = codec.promise_from_doc(1, through_json(doc))
    assert (back.tags, back.triggers) == (("date",), (Trigger.NEGLECT,))
    older = {key: value for key, value in doc.items() if key not in ("tags", "triggers")}
    assert codec.promise_from_doc(1, older).tags == () == codec.promise_from_doc(1, older).triggers
    entry = QualityTime(date(2026, 1, 1), 30, QualityKind.OTHER, tags=("walk", "quality time"))
    assert QUALITY_STORED.from_doc(1, QUALITY_STORED.to_doc(entry)).tags == ("walk", "quality time")
    quality = QUALITY_STORED.to_doc(entry)
    del quality["tags"]
    assert QUALITY_STORED.from_doc(1, quality).tags == ()


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"text": "x", "date": "2026-02-30", "by": "me"}, "date"),
        ({"text": 5, "date": "2026-02-01"}, "text"),
        ({"text": "x", "date": "2026-02-01", "by": "them"}, "by"),
        ({"text": "x", "date": "2026-02-01", "created": "yesterday"}, "created"),
    ],
)
def test_a_damaged_appreciation_names_its_field(doc, field):
    with pytest.raises(BadDocument, match=f"field '{field}'"):
        APPRECIATION.from_doc(1, doc)


def test_a_damaged_check_in_names_the_nested_field():
    good = CheckIn(date(2026, 3, 10), date(2026, 3, 9), datetime(2026, 3, 10, 20, tzinfo=UTC))
    doc = docs.checkin_to_doc(replace(good, skipped=(Step.FACTS,)))
    doc["settle"] = {"me": {"hungry": "yes"}}
    expected = r"field 'settle\.me\.hungry' should be true or false"
    with pytest.raises(BadDocument, match=expected):
        docs.checkin_from_doc(1, doc)
    doc["settle"] = None
    doc["appreciations"] = [{"text": "ok"}, {"text": None}]
    with pytest.raises(BadDocument, match=r"field 'appreciations\[1\].text'"):
        docs.checkin_from_doc(1, doc)
    doc["appreciations"] = None
    doc["skipped"] = ["dancing"]
    with pytest.raises(BadDocument, match="unknown step"):
        docs.checkin_from_doc(1, doc)


@pytest.mark.parametrize(
    "doc",
    [
        {
            "kind": "promise",
            "date": "2026-03-10",
            "until": "2026-03-10T21:00:00",
            "created": "2026-03-10T20:30:00+00:00",
        },
        {
            "kind": "nap",
            "date": "2026-03-10",
            "until": "2026-03-10T21:00:00+00:00",
            "created": "2026-03-10T20:30:00+00:00",
        },
        {
            "kind": "checkin",
            "date": "2026-03-10",
            "promise_id": "7",
            "until": "2026-03-10T21:00:00+00:00",
            "created": "2026-03-10T20:30:00+00:00",
        },
    ],
)
def test_a_damaged_snooze_is_refused(doc):
    with pytest.raises(BadDocument):
        SNOOZE.from_doc(1, doc)


@pytest.mark.parametrize("not_an_object", [[], "text", 3, None])
def test_a_document_that_is_not_an_object_is_refused(not_an_object):
    with pytest.raises(BadDocument):
        BID.from_doc(1, not_an_object)  # type: ignore[arg-type]


@given(week_facts())
def test_the_week_in_facts_travels_on_its_own_too(facts):
    assert WEEK_IN_FACTS.from_doc(0, through_json(WEEK_IN_FACTS.to_doc(facts))) == facts
