"""What every area of the couple's practices shares: a table of numbered records.

Each area (appreciations, bids, boundaries, goals, letters) lists its records, finds
one by the number the user typed, and adds, edits and deletes through the store, each
returning a `Change` with its undo: a new record's undo removes it, an edit's undo puts
the earlier fields back (only those, onto the record as it is stored then), a delete's
undo brings the record back with the same number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from tracker.errors import NotFoundError
from tracker.service.change import Change, Undo
from tracker.service.context import Area, Context
from tracker.store.kinds import RecordKind, Storable

R = TypeVar("R", bound=Storable)

Say = Callable[[R], str]


class RecordArea(Area, Generic[R]):
    """The records of one kind; subclasses add the rules of their practice."""

    # How a face lists them, for the sentence that says a number does not exist.
    LIST_HINT = ""

    def __init__(self, context: Context, kind: RecordKind[R]) -> None:
        super().__init__(context)
        self.kind = kind

    def all(self) -> list[R]:
        """Every record, oldest first (by number)."""
        return self._store.records(self.kind)

    def get(self, number: str | int) -> R:
        """The record with this number, as typed ('7')."""
        wanted = str(number).strip()
        if wanted.isascii() and wanted.isdigit() and len(wanted) <= 12:
            for record in self.all():
                if record.id == int(wanted):
                    return record
        hint = f" {self.LIST_HINT}" if self.LIST_HINT else ""
        raise NotFoundError(f"There is no {self.kind.what} number {wanted[:20]}.{hint}")

    def _added(self, record: R, say: Say[R]) -> Change[R]:
        store, kind = self._store, self.kind
        saved = store.add_record(kind, record)
        return Change(
            saved,
            say(saved),
            Undo(f"Remove the new {kind.what}", lambda: store.delete_record(kind, saved.id)),
        )

    def _edited(
        self, original: R, edited: R, say: Say[R], undo_label: str = "Undo the edit"
    ) -> Change[R]:
        """Save what changed from `original`; the undo puts those fields back."""
        store, kind = self._store, self.kind
        saved = store.update_record(kind, edited, base=original)
        return Change(
            saved,
            say(saved),
            Undo(undo_label, lambda: store.update_record(kind, original, base=saved)),
        )

    def _deleted(self, record: R, say: Say[R]) -> Change[R]:
        store, kind = self._store, self.kind
        removed = store.delete_record(kind, record.id)
        return Change(
            removed,
            say(removed),
            Undo(f"Put back the {kind.what}", lambda: store.add_record(kind, removed)),
        )
