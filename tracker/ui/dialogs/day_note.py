"""Check a promise off with a few words kept with the day (as `tracker check --note`)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import Mark, MarkStatus, Promise
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.literal import literal


class DayNoteDialog(FormDialog[Mark]):
    """Marks the day kept with a note; on a day already kept, changes its note."""

    AUTO_FOCUS = "#day-note"
    ANNOUNCE = True

    def __init__(self, promise: Promise, day: date, mark: Mark | None = None) -> None:
        super().__init__()
        self.promise = promise
        self.day = day
        self.mark = mark

    def compose(self) -> ComposeResult:
        kept = self.mark is not None and self.mark.status is MarkStatus.KEPT
        with Vertical(classes="dialog day-note-dialog"):
            yield Static(
                Content.assemble(
                    "The note of " if kept else "Kept, with a note: ",
                    literal(self.promise.title),
                    f" on {self.day:%a %-d %b}",
                ),
                classes="dialog-title",
            )
            yield Static(
                "A few words to keep with the day: what went well, what helped.",
                classes="field-help muted",
            )
            yield Input(
                self.mark.note if kept and self.mark else "",
                placeholder="we walked to the lake; phones stayed home",
                id="day-note",
                compact=True,
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[Mark]:
        note = self.query_one("#day-note", Input).value
        return self.tracker.service.marks.check_off(self.promise, self.day, note=note)
