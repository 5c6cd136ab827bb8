"""Forgiveness notes: write, edit, move along (let go), delete; find one by number."""

from __future__ import annotations

from dataclasses import replace

from tracker.errors import NotFoundError, ValidationError
from tracker.model import Note, NoteStatus
from tracker.service.change import Change, Undo
from tracker.service.context import Area


class Notes(Area):
    """A private journal of hurts and of letting go; a note let go stays readable."""

    def all(self) -> list[Note]:
        """Every note, oldest first."""
        return self._store.notes()

    def get(self, number: str | int) -> Note:
        """The note with this number (as typed: '7')."""
        wanted = str(number).strip()
        for note in self.all():
            if str(note.id) == wanted:
                return note
        raise NotFoundError(
            f"There is no note number {wanted[:20]}. `tracker note list` shows them."
        )

    def write(self, note: Note, base: Note | None = None) -> Change[Note]:
        """Save a new note (no id) or an edited one, dating a let-go status not dated yet.

        `base` is the note as it was when editing began: only what the edit changed is
        written, so a change made meanwhile in another terminal is kept.
        """
        today = self._context.today()
        if note.day > today:
            raise ValidationError(f"{note.day.isoformat()} is in the future.")
        if note.status is NoteStatus.LET_GO and note.let_go_on is None:
            note = replace(note, let_go_on=today)
        store = self._store
        if not note.id:
            saved = store.add_note(note)
            return Change(
                saved,
                f"Saved note {saved.id} ({saved.status.label.lower()}). "
                "It stays private on this machine.",
                Undo("Remove the new note", lambda: store.delete_note(saved.id)),
            )
        saved = store.update_note(note, base=base)
        earlier = base or note
        return Change(
            saved,
            f"Saved note {saved.id} ({saved.status.label.lower()}).",
            Undo("Undo the edit", lambda: store.update_note(earlier, base=saved)),
        )

    def set_status(self, note: Note, status: NoteStatus) -> Change[Note]:
        """Move a note along; letting it go records the day (and it stays readable)."""
        letting_go = status is NoteStatus.LET_GO
        let_go_on = (note.let_go_on or self._context.today()) if letting_go else None
        moved = replace(note, status=status, let_go_on=let_go_on)
        saved = self._store.update_note(moved, base=note)
        store = self._store
        message = f"Note {saved.id} is now: {saved.status.label.lower()}."
        if letting_go:
            message += " It stays here, readable; it is no longer open."
        return Change(
            saved,
            message,
            Undo(
                "Keep the note open" if letting_go else "Undo the status",
                lambda: store.update_note(note, base=saved),
            ),
        )

    def let_go(self, note: Note) -> Change[Note]:
        return self.set_status(note, NoteStatus.LET_GO)

    def delete(self, note: Note) -> Change[Note]:
        """Delete a note; the undo brings it back with the same number."""
        removed = self._store.delete_note(note.id)
        store = self._store
        return Change(
            removed,
            f"Deleted note {removed.id}.",
            Undo("Put back the note", lambda: store.add_note(removed)),
        )
