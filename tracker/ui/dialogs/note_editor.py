"""Write or edit a forgiveness note, with a gentle offer to turn "you never" into "I feel"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Selection

from tracker.coach import FEELING_BLANK, Accusation, find_accusations
from tracker.errors import ValidationError
from tracker.model import Note, NoteStatus, Trigger
from tracker.parsing import parse_date
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.literal import literal
from tracker.ui.widgets.note_area import NoteArea
from tracker.ui.widgets.tick_box import TickBox

TRIGGER_OPTIONS = [(trigger.label, trigger) for trigger in Trigger]
STATUS_OPTIONS = [(status.label, status) for status in NoteStatus]
# The coach reads the note once typing pauses this long: a keystroke costs the same on
# a long note as on a short one (reading the whole note on every key made typing slow
# down as the note grew: 20,000 keys read it 20,000 times).
COACH_PAUSE = 0.4
COACHED_FIELDS = ("what", "feeling")
# What may follow the accusation and is taken into the rewrite (which ends a sentence).
SENTENCE_ENDS = ".!?"


def _note_area(text: str, area_id: str, placeholder: str) -> TextArea:
    """A wrapping, plain text box for a note's longer fields."""
    return NoteArea(
        text,
        id=area_id,
        soft_wrap=True,
        show_line_numbers=False,
        placeholder=placeholder,
        classes="note-area",
        compact=True,
    )


def rewritten_span(text: str, accusation: Accusation) -> tuple[int, int, str]:
    """(start, end, words): the part of `text` the rewrite replaces, and the rewrite.

    The accusation ends before its sentence's full stop; the rewrite is a whole
    sentence, so a following ".", "!" or "?" is replaced with it. Before other words
    (", and", "; it hurts") the rewrite goes in without its own full stop.
    """
    start, end, rewrite = accusation.start, accusation.end, accusation.rewrite
    following = text[end : end + 1]
    if following and following in SENTENCE_ENDS:
        return start, end + 1, rewrite
    if following.strip():
        return start, end, rewrite.removesuffix(".")
    return start, end, rewrite


class NoteEditor(FormDialog[Note]):
    """A modal note editor (the service may refuse the note, keeping the text)."""

    AUTO_FOCUS = "#what"
    ANNOUNCE = True
    SUBMIT_ON_ENTER = False  # enter in the date field does not save a half-written note

    # Save and Cancel come from FormDialog.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "use_rewrite", "Use 'I feel'", show=False),
    ]

    def __init__(self, today: date, note: Note | None = None) -> None:
        super().__init__()
        self.today = today
        self.note = note
        # The accusation the coach offers to rewrite, and the field it is in.
        self.offer: tuple[str, Accusation] | None = None
        self.coach_reads = 0  # how many times the coach has read the note (for tests)
        self._coach_timer: Timer | None = None

    @property
    def rewrite(self) -> str | None:
        return self.offer[1].rewrite if self.offer else None

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
                yield TickBox(
                    "A setback: something to learn from, not a failure",
                    note.setback if note else False,
                    id="setback",
                    compact=True,
                )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.update_coach()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        """Read the note again once typing pauses (each key only restarts the wait)."""
        if self._coach_timer is None:
            self._coach_timer = self.set_timer(COACH_PAUSE, self.update_coach)
        else:
            self._coach_timer.reset()

    def update_coach(self) -> None:
        """Offer an "I feel ... when ..." rewrite when the text says "you always/never"."""
        if self._coach_timer is not None:
            self._coach_timer.stop()
            self._coach_timer = None
        self.coach_reads += 1
        self.offer = next(
            (
                (field, found)
                for field in COACHED_FIELDS
                for found in find_accusations(self.query_one(f"#{field}", TextArea).text)
            ),
            None,
        )
        coach = self.query_one("#coach")
        if self.offer is None:
            coach.display = False
            return
        accusation = self.offer[1]
        self.query_one("#coach-text", Static).update(
            Content.assemble(
                "“",
                literal(accusation.phrase),
                "” can be hard to hear. Try:\n",
                literal(accusation.rewrite, "bold"),
            )
        )
        coach.display = True

    def on_extra_button(self, button_id: str) -> None:
        if button_id == "use-rewrite":
            self.action_use_rewrite()

    def action_use_rewrite(self) -> None:
        """Replace the sentence the coach quoted with its "I feel … when …" rewrite, in
        the field it is in, as one edit (ctrl+z in that field takes it back), and put
        the cursor on the "…" so the writer types the feeling straight away."""
        if self._coach_timer is not None:  # typed since the coach last read: read now
            self.update_coach()
        if self.offer is None:
            return
        field, accusation = self.offer
        area = self.query_one(f"#{field}", TextArea)
        text = area.text
        start, end, rewrite = rewritten_span(text, accusation)

        def location(index: int) -> tuple[int, int]:
            row = text.count("\n", 0, index)
            return row, index - (text.rfind("\n", 0, index) + 1)

        area.replace(rewrite, location(start), location(end))
        area.focus()
        blank = rewrite.find(FEELING_BLANK)
        if blank >= 0:
            row, column = location(start)
            column += blank  # the rewrite is one line
            area.selection = Selection((row, column), (row, column + 1))
        self.update_coach()

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
            setback=self.query_one("#setback", TickBox).value,
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
        """Words in either text box, or a field changed since the form opened (a date
        corrected on an old note is typed text too)."""
        if super().has_unsaved_text():
            return True
        typed = {field: self.query_one(f"#{field}", TextArea).text for field in ("what", "feeling")}
        if self.note is None:
            return any(text.strip() for text in typed.values())
        return typed["what"] != self.note.what_happened or typed["feeling"] != self.note.feeling
