"""Whole histories written at once: the demo, and later the importers of other apps' files.

No undo and no message per item: these are bulk writes into a file the caller chose,
each validated by the store like any other write (all of one kind, or none, is stored).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.model import Mark, Note, Promise, QualityTime, Settings
from tracker.practices.records import Appreciation, Bid, Boundary, Goal, Letter, Record
from tracker.service.context import Area
from tracker.store.kinds import (
    APPRECIATIONS,
    BIDS,
    BOUNDARIES,
    CHECKINS,
    GOALS,
    LETTERS,
    RecordKind,
)

PRACTICE_KINDS: tuple[tuple[type[Record], RecordKind[Any]], ...] = (
    (Appreciation, APPRECIATIONS),
    (Bid, BIDS),
    (Boundary, BOUNDARIES),
    (Goal, GOALS),
    (Letter, LETTERS),
)


class History(Area):
    """Bulk writes: many promises, marks, entries and notes in as few writes as possible."""

    def add_promises(self, promises: Iterable[Promise]) -> list[Promise]:
        """Add several promises in one write; returns them with their numbers."""
        return self._store.add_promises(promises)

    def add_marks(self, marks: Iterable[Mark]) -> int:
        """Record many marks, one write per promise; returns how many."""
        return self._store.put_marks(marks)

    def add_entries(self, entries: Iterable[QualityTime | Note]) -> int:
        """Store many quality-time entries and notes in one write; returns how many."""
        return self._store.add_many(entries)

    def add_practices(self, records: Iterable[Record]) -> int:
        """Store many appreciations, bids, boundaries, goals, letters and check-ins: one write
        per kind."""
        chosen = list(records)
        stored = 0
        # Loaded here, not at start-up: only a whole history (the demo) holds check-ins.
        from tracker.practices.checkin import CheckIn

        for record_type, kind in (*PRACTICE_KINDS, (CheckIn, CHECKINS)):
            stored += len(
                self._store.add_records(kind, [r for r in chosen if type(r) is record_type])
            )
        return stored

    def replace_settings(self, settings: Settings) -> Settings:
        """Set all settings at once (a new file's first settings)."""
        return self._store.save_settings(settings)
