"""Each record is declared once: the store's documents, the export and the share derive
from the dataclass and its `Layout`; a document that does not fit names its field in the
document's own words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from tracker.formats.data import TrackerData
from tracker.formats.tracker_json import export_document
from tracker.model import (
    ACKNOWLEDGEMENT_SHARED,
    ACKNOWLEDGEMENT_STORED,
    NOTE_SHARED,
    NOTE_STORED,
    PROMISE_STORED,
    QUALITY_STORED,
    Acknowledgement,
    Note,
    NoteStatus,
    NotificationSettings,
    Promise,
    QualityKind,
    QualityTime,
    SchedulePeriod,
    Settings,
    Trigger,
)
from tracker.practices.checkin import CheckIn
from tracker.practices.documents import CHECKIN
from tracker.practices.records import BID, BOUNDARY, Bid, BidResponse
from tracker.records import BadDocument, plain
from tracker.reminder_rules.kinds import SNOOZE
from tracker.schedule import parse_schedule
from tracker.store.codec import settings_from_doc, settings_to_doc

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)
NOTE = Note(
    date(2026, 11, 2),
    "Forgot the call",
    Trigger.NEGLECT,
    id=4,
    status=NoteStatus.LET_GO,
    let_go_on=date(2026, 11, 20),
    created=AT,
    updated=AT,
)
THANKS = Acknowledgement(7, date(2026, 11, 24), "Evening walk", AT, "Loved it", id=2)


def test_a_note_is_one_declaration_written_three_ways():
    stored = NOTE_STORED.to_doc(NOTE)
    assert stored == {
        "date": "2026-11-02",
        "what_happened": "Forgot the call",
        "trigger": "neglect",
        "feeling": "",
        "status": "let-go",
        "let_go_on": "2026-11-20",
        "setback": False,
        "created": "2026-11-25T20:30:00+00:00",
        "updated": "2026-11-25T20:30:00+00:00",
    }
    exported = export_document(TrackerData(notes=(NOTE,)), exported=AT)["notes"]
    assert exported == [{"id": 4, **stored}]
    shared = NOTE_SHARED.to_doc(NOTE)
    assert shared == {
        "day": "2026-11-02",
        **{key: stored[key] for key in stored if key not in ("date", "created", "updated")},
    }
    assert NOTE_STORED.from_doc(4, stored) == NOTE
    assert NOTE_SHARED.from_doc(4, shared) == replace(NOTE, created=None, updated=None)


def test_an_acknowledgement_keeps_its_names_in_the_data_file_and_in_the_share():
    assert ACKNOWLEDGEMENT_STORED.to_doc(THANKS) == {
        "their_promise_id": 7,
        "date": "2026-11-24",
        "title": "Evening walk",
        "at": "2026-11-25T20:30:00+00:00",
        "message": "Loved it",
    }
    assert ACKNOWLEDGEMENT_SHARED.to_doc(THANKS) == {
        "promise": 7,
        "day": "2026-11-24",
        "title": "Evening walk",
        "at": "2026-11-25T20:30:00+00:00",
        "message": "Loved it",
    }
    for layout in (ACKNOWLEDGEMENT_STORED, ACKNOWLEDGEMENT_SHARED):
        assert layout.from_doc(2, layout.to_doc(THANKS)) == THANKS


@pytest.mark.parametrize(
    ("layout", "doc", "said"),
    [
        (
            BID,
            {"response": "sideways", "date": "2026-11-20"},
            "field 'response' should be one of: toward, away, against",
        ),
        (BID, {"response": "toward"}, "field 'date' is missing"),
        (BID, {"response": "toward", "date": "2026-02-30"}, "field 'date' should be a date"),
        (
            BOUNDARY,
            {
                "text": "x",
                "agreed_on": "2026-01-01",
                "history": [
                    {"text": "a", "whose": "ours", "changed_on": "2026-01-02"},
                    {"text": "b", "whose": "theirs", "changed_on": "2026-01-03"},
                ],
            },
            "field 'history[1].whose' should be one of: mine, partner, ours",
        ),
        (
            ACKNOWLEDGEMENT_STORED,
            {
                "their_promise_id": 1,
                "date": "2026-01-01",
                "title": "t",
                "at": "2026-01-01T10:00:00",
            },
            "field 'at' should be a date and time with its time zone",
        ),
        (
            QUALITY_STORED,
            {"date": "2026-01-01", "minutes": 5, "kind": "other", "connection": True},
            "field 'connection' should be a whole number or null",
        ),
        (
            ACKNOWLEDGEMENT_STORED,
            {"their_promise_id": "7", "date": "2026-01-01"},
            "field 'their_promise_id' should be a whole number",
        ),
        (BID, ["toward"], "the document should be an object"),
    ],
)
def test_a_document_that_does_not_fit_names_its_field_in_the_documents_words(layout, doc, said):
    with pytest.raises(BadDocument) as refused:
        layout.from_doc(1, doc)
    assert str(refused.value) == said


def test_a_field_added_later_takes_its_default_and_unknown_keys_are_passed_over():
    older = {"date": "2026-11-20", "minutes": 30, "kind": "conversation", "mood": "good"}
    assert QUALITY_STORED.from_doc(3, older) == QualityTime(
        date(2026, 11, 20), 30, QualityKind.CONVERSATION, id=3
    )
    # A key that is another layout's name for a field is not that field here.
    assert BID.from_doc(1, {"response": "toward", "date": "2026-11-20", "day": "x"}) == Bid(
        BidResponse.TOWARD, date(2026, 11, 20), id=1
    )


def test_plain_values_are_what_every_document_holds():
    assert plain((time(18, 45), time(7, 5, 30), date(2026, 1, 2), Trigger.NEGLECT, None)) == [
        "18:45",
        "07:05:30",
        "2026-01-02",
        "neglect",
        None,
    ]


def test_a_snooze_needs_moments_with_their_offset():
    doc = {
        "kind": "checkin",
        "date": "2026-03-10",
        "until": "2026-03-10T21:00:00",
        "created": "2026-03-10T20:30:00+00:00",
    }
    with pytest.raises(
        BadDocument, match="field 'until' should be a date and time with its time zone"
    ):
        SNOOZE.from_doc(1, doc)


def test_no_codec_is_looked_up_by_its_name():
    """The store's kinds and the share name each record's documents, never a function
    found by a string (`importlib` + `getattr(module, f"{codec}_to_doc")`)."""
    for module in ("store/kinds.py", "share/payload.py", "service/exchange.py"):
        text = (ROOT / "tracker" / module).read_text(encoding="utf-8")
        assert "importlib" not in text and '_to_doc"' not in text and "_{direction}" not in text


def test_the_week_in_facts_inside_a_check_in_is_named_by_its_place():
    doc = CHECKIN.to_doc(CheckIn(date(2026, 3, 10), date(2026, 3, 9), AT))
    doc["facts"] = {
        "week_start": "2026-03-09",
        "through": "2026-03-10",
        "promises": [{"promise_id": 1, "title": "Walk", "kept": "two", "asked": 3}],
    }
    with pytest.raises(BadDocument) as refused:
        CHECKIN.from_doc(1, doc)
    assert str(refused.value) == "field 'facts.promises[0].kept' should be a whole number"


PROMISE = Promise(
    "Phone away at dinner",
    parse_schedule("mon,wed,fri"),
    date(2026, 9, 1),
    id=3,
    reminders=(time(18, 30), time(7, 5, 30)),
    earlier=(SchedulePeriod(parse_schedule("daily"), date(2026, 10, 1)),),
    triggers=(Trigger.NEGLECT,),
)


def test_a_promise_is_declared_once_with_its_schedules_as_words_and_times_as_hh_mm():
    doc = PROMISE_STORED.to_doc(PROMISE)
    assert list(doc) == [
        *("title", "why", "schedule", "start", "end", "reminders", "archived", "created"),
        *("earlier", "tags", "triggers"),
    ]
    assert doc["schedule"] == "mon,wed,fri"
    assert doc["reminders"] == ["18:30", "07:05:30"]
    assert doc["earlier"] == [{"schedule": "daily", "end": "2026-10-01"}]
    assert PROMISE_STORED.from_doc(3, doc) == PROMISE


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"schedule": "fortnightly-ish"}, "field 'schedule' should be a schedule"),
        (
            {"earlier": [{"schedule": "sometimes", "end": "2026-10-01"}]},
            "field 'earlier[0].schedule' should be a schedule",
        ),
        ({"reminders": ["18:30", "half past"]}, "field 'reminders[1]' should be a time of day"),
        ({"reminders": ["18:30:00+01:00"]}, "field 'reminders[0]' should be a time of day"),
        ({"schedule": 3}, "field 'schedule' should be a schedule"),
    ],
)
def test_a_promise_that_does_not_fit_names_its_field(change, said):
    doc = {**PROMISE_STORED.to_doc(PROMISE), **change}
    with pytest.raises(BadDocument) as refused:
        PROMISE_STORED.from_doc(3, doc)
    assert str(refused.value) == said


def test_settings_are_declared_once_and_a_missing_setting_takes_its_default():
    changed = Settings(
        day_starts_at=time(4, 0),
        notifications=NotificationSettings(quiet_start=time(23, 15), weekly_checkin_day=6),
    )
    doc = settings_to_doc(changed)
    assert doc["day_starts_at"] == "04:00"
    assert doc["notifications"]["weekly_checkin_day"] == "sunday"
    assert settings_from_doc(doc) == changed
    assert settings_from_doc({"notifications": {"quiet_start": "23:15"}}) == Settings(
        notifications=NotificationSettings(quiet_start=time(23, 15))
    )
    with pytest.raises(
        BadDocument, match=r"^field 'notifications.grace_minutes' should be a whole"
    ):
        settings_from_doc({"notifications": {"grace_minutes": True}})
