"""Write or edit a forgiveness note, with a gentle offer to turn "you never" into "I feel"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Selection

from tracker.coach import find_accusations
from tracker.errors import ValidationError
from tracker.model import Note, NoteStatus, Trigger
from tracker.parsing import parse_date
from tracker.service import Change
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.literal import literal

TRIGGER_OPTIONS = [(trigger.label, trigger) for trigger in Trigger]
STATUS_OPTIONS = [(status.label, status) for status in NoteStatus]


def _note_area(text: str, area_id: str, placeholder: str) -> TextArea:
    """A wrapping, plain text box for a note's longer fields."""
    return TextArea(
        text,
        id=area_id,
        soft_wrap=True,
        show_line_numbers=False,
        placeholder=placeholder,
        classes="note-area",
        compact=True,
    )


class NoteEditor(FormDialog[Note]):
    """A modal note editor (the service may refuse the note, keeping the text)."""

    AUTO_FOCUS = "#what"
    ANNOUNCE = True

    # Save and Cancel come from FormDialog.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "use_rewrite", "Use 'I feel'", show=False),
    ]

    def __init__(self, today: date, note: Note | None = None) -> None:
        super().__init__()
        self.today = today
        self.note = note
        self.rewrite: str | None = None

    def compose(self) -> ComposeResult:
        note = self.note
        with Vertical(classes="dialog note-editor"):
            yield Static("Edit the note" if note else "A new note", classes="dialog-title")
            with VerticalScroll(classes="note-fields"):
                with Horizontal(classes="field-row"):
                    yield Label("Date", classes="field-label")
                    yield Input(
                        (note.day if note else self.today).isoformat(),
                        id="day",
                        compact=True,
                        classes="date-input",
                    )
                    yield Label("Trigger", classes="field-label short")
                    yield Select(
                        TRIGGER_OPTIONS,
                        value=note.trigger if note else Trigger.OTHER,
                        allow_blank=False,
                        compact=True,
                        id="trigger",
                    )
                yield Label("What happened", classes="area-label")
                yield _note_area(
                    note.what_happened if note else "",
                    "what",
                    "what happened, plainly, as you remember it",
                )
                with Horizontal(id="coach", classes="coach"):
                    yield Static("", id="coach-text", classes="coach-text")
                    yield Button("Use it (ctrl+r)", id="use-rewrite", compact=True)
                yield Label("How I feel: I feel … when …", classes="area-label")
                yield _note_area(note.feeling if note else "", "feeling", "I feel … when …")
                yield field_row(
                    "Where I stand",
                    Select(
                        STATUS_OPTIONS,
                        value=note.status if note else NoteStatus.STILL_HURTS,
                        allow_blank=False,
                        compact=True,
                        id="status",
                    ),
                )
                yield Checkbox(
                    "A setback: something to learn from, not a failure",
                    note.setback if note else False,
                    id="setback",
                    compact=True,
                )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def on_mount(self) -> None:
        self._update_coach()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._update_coach()

    def _update_coach(self) -> None:
        """Offer an "I feel ... when ..." rewrite when the text says "you always/never"."""
        text = "\n".join(
            self.query_one(f"#{field}", TextArea).text for field in ("what", "feeling")
        )
        found = find_accusations(text)
        coach = self.query_one("#coach")
        if not found:
            self.rewrite = None
            coach.display = False
            return
        self.rewrite = found[0].rewrite
        self.query_one("#coach-text", Static).update(
            Content.assemble(
                "“",
                literal(found[0].phrase),
                "” can be hard to hear. Try:\n",
                literal(self.rewrite, "bold"),
            )
        )
        coach.display = True

    def on_extra_button(self, button_id: str) -> None:
        if button_id == "use-rewrite":
            self.action_use_rewrite()

    def action_use_rewrite(self) -> None:
        """Put the suggestion into the feeling field, after what is already there."""
        if not self.rewrite:
            return
        feeling = self.query_one("#feeling", TextArea)
        existing = feeling.text.rstrip()
        feeling.text = f"{existing}\n{self.rewrite}" if existing else self.rewrite
        feeling.focus()
        # Put the cursor on the "…" so the user types the feeling straight away.
        row = feeling.text.count("\n")
        column = feeling.document.get_line(row).find("…")
        if column >= 0:
            feeling.selection = Selection((row, column), (row, column + 1))

    def read_note(self) -> Note:
        """The note the fields describe (the service checks its date and the rest)."""
        day = parse_date(self.query_one("#day", Input).value.strip() or "today", self.today)
        what_happened = self.query_one("#what", TextArea).text
        if not what_happened.strip():
            raise ValidationError("Write a few words about what happened first.")
        trigger = self.query_one("#trigger", Select).value
        status = self.query_one("#status", Select).value
        chosen_status = status if isinstance(status, NoteStatus) else NoteStatus.STILL_HURTS
        written = Note(
            day=day,
            what_happened=what_happened,
            feeling=self.query_one("#feeling", TextArea).text,
            trigger=trigger if isinstance(trigger, Trigger) else Trigger.OTHER,
            status=chosen_status,
            setback=self.query_one("#setback", Checkbox).value,
        )
        if self.note is None:
            return written
        let_go_on = self.note.let_go_on if chosen_status is NoteStatus.LET_GO else None
        return replace(
            written,
            id=self.note.id,
            let_go_on=let_go_on,
            created=self.note.created,
            updated=self.note.updated,
        )

    def save(self) -> Change[Note]:
        return self.tracker.service.notes.write(self.read_note(), base=self.note)

    def has_unsaved_text(self) -> bool:
        typed = {field: self.query_one(f"#{field}", TextArea).text for field in ("what", "feeling")}
        if self.note is None:
            return any(text.strip() for text in typed.values())
        return typed["what"] != self.note.what_happened or typed["feeling"] != self.note.feeling

    def action_cancel(self) -> None:
        """Leaving with unsaved words asks first: what someone wrote is never lost by accident."""
        if not self.has_unsaved_text():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(Content("Leave without saving what you wrote?"), "Discard"), answered
        )
