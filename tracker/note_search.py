"""Filtering forgiveness notes by status, trigger and words, for the Notes view."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from tracker.model import Note, NoteStatus, Trigger


class StatusFilter(StrEnum):
    """Which notes to show: all, the open ones (not let go), or one status."""

    ALL = "all"
    OPEN = "open"
    STILL_HURTS = NoteStatus.STILL_HURTS.value
    WORKING_THROUGH = NoteStatus.WORKING_THROUGH.value
    LET_GO = NoteStatus.LET_GO.value

    @property
    def label(self) -> str:
        if self is StatusFilter.ALL:
            return "Every status"
        if self is StatusFilter.OPEN:
            return "Open (not let go)"
        return NoteStatus(self.value).label

    def accepts(self, note: Note) -> bool:
        if self is StatusFilter.ALL:
            return True
        if self is StatusFilter.OPEN:
            return note.is_open
        return note.status.value == self.value


def searchable_text(note: Note) -> str:
    """What a search looks through: the note's words, its trigger and its status."""
    return " ".join(
        (note.what_happened, note.feeling, note.trigger.label, note.status.label)
    ).casefold()


def matches_words(note: Note, query: str) -> bool:
    """True when every word of `query` appears in the note (case-insensitive, any order)."""
    words = query.casefold().split()
    if not words:
        return True
    haystack = searchable_text(note)
    return all(word in haystack for word in words)


def filter_notes(
    notes: Iterable[Note],
    *,
    query: str = "",
    status: StatusFilter = StatusFilter.ALL,
    trigger: Trigger | None = None,
) -> list[Note]:
    """The notes that pass every filter, newest first."""
    kept = [
        note
        for note in notes
        if status.accepts(note)
        and (trigger is None or note.trigger is trigger)
        and matches_words(note, query)
    ]
    return sorted(kept, key=lambda note: (note.day, note.id), reverse=True)
