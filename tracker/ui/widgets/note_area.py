"""The note editor's text box: keys cost the same in a long paragraph as in a short one,
and text that would make the note longer than it may be is refused where it is typed.

Each edit re-wraps its paragraph from near the edit (see
`tracker.ui.textual_private.wrap_incrementally`). A note holds at most
`tracker.model.LONG_TEXT_MAX` characters: a key or a paste that would go past it is not
added, and a kind line says why, once each time the note fills up, so that 100,000
characters typed without a pause cost little after the first 20,000 and saving answers
at once.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from tracker.model import LONG_TEXT_MAX
from tracker.ui.textual_private import wrap_incrementally

FULL_SECONDS = 8


def full_message(max_length: int) -> str:
    return (
        f"This note is full: it holds up to {max_length:,} characters, and what you "
        "typed after that was not added. You could save it and go on in a new note."
    )


def paste_too_long_message(max_length: int, pasted: int) -> str:
    return (
        f"That paste ({pasted:,} characters) doesn't fit: a note holds up to "
        f"{max_length:,}. Nothing was added; you could paste a shorter part."
    )


class NoteArea(TextArea):
    """A TextArea that re-wraps from near each edit and holds at most `max_length`
    characters."""

    def __init__(self, *args: Any, max_length: int = LONG_TEXT_MAX, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        # Whether the "full" line was shown since the note last had room.
        self._told_full = False

    def edit(self, edit: Edit) -> EditResult:
        wrap_incrementally(self.wrapped_document)
        return super().edit(edit)

    def _room_for(self, added: int) -> bool:
        """Whether `added` characters typed over the selection keep the note in bounds."""
        removed = len(self.selected_text) if not self.selection.is_empty else 0
        return len(self.text) - removed + added <= self.max_length

    def on_key(self, event: events.Key) -> None:
        """Refuse, before Textual's TextArea inserts it, a key that does not fit."""
        if self.read_only or not (event.is_printable or event.key == "enter"):
            return
        if self._room_for(len(event.character or "\n")):
            self._told_full = False
            return
        event.stop()
        event.prevent_default()  # TextArea's own key handler does not run
        if not self._told_full:
            self._told_full = True
            self.notify(full_message(self.max_length), timeout=FULL_SECONDS, markup=False)

    def on_paste(self, event: events.Paste) -> None:
        if self.read_only or self._room_for(len(event.text)):
            return
        event.stop()
        event.prevent_default()
        message = paste_too_long_message(self.max_length, len(event.text))
        self.notify(message, timeout=FULL_SECONDS, markup=False)
