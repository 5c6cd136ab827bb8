"""Finding forgiveness notes by words, status and trigger."""

from __future__ import annotations

from datetime import date

from tracker.model import Note, NoteStatus, Trigger
from tracker.note_search import StatusFilter, filter_notes

NOTES = [
    Note(date(2026, 1, 5), "Forgot the appointment", Trigger.NEGLECT, id=1),
    Note(
        date(2026, 2, 1),
        "The 'quick drink' lasted until midnight",
        Trigger.DISHONESTY,
        id=2,
        feeling="I feel small when plans change",
        status=NoteStatus.LET_GO,
        let_go_on=date(2026, 3, 1),
    ),
    Note(
        date(2026, 2, 9),
        "Raised my voice",
        Trigger.POOR_COMMUNICATION,
        id=3,
        status=NoteStatus.WORKING_THROUGH,
    ),
]


def ids(notes: list[Note]) -> list[int]:
    return [note.id for note in notes]


def test_all_notes_newest_first():
    assert ids(filter_notes(NOTES)) == [3, 2, 1]


def test_every_word_must_appear_somewhere_in_any_order_and_case():
    assert ids(filter_notes(NOTES, query="MIDNIGHT quick")) == [2]
    assert ids(filter_notes(NOTES, query="plans small")) == [2], "the feeling is searched too"
    assert ids(filter_notes(NOTES, query="midnight appointment")) == []


def test_the_trigger_and_status_words_are_searchable():
    assert ids(filter_notes(NOTES, query="communication")) == [3]
    assert ids(filter_notes(NOTES, query="let go")) == [2]


def test_open_means_not_let_go():
    assert ids(filter_notes(NOTES, status=StatusFilter.OPEN)) == [3, 1]
    assert ids(filter_notes(NOTES, status=StatusFilter.LET_GO)) == [2]
    assert ids(filter_notes(NOTES, status=StatusFilter.WORKING_THROUGH)) == [3]


def test_filters_combine():
    found = filter_notes(NOTES, status=StatusFilter.OPEN, trigger=Trigger.NEGLECT, query="forgot")
    assert ids(found) == [1]
    assert filter_notes(NOTES, status=StatusFilter.LET_GO, trigger=Trigger.NEGLECT) == []
