"""Notes: forgiveness notes, filtered by status and trigger, searched by words, let go gently."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from tracker.model import Note, NoteStatus, Trigger
from tracker.note_search import StatusFilter, filter_notes
from tracker.parsing import format_count
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, cell

# Below 100 columns the trigger (shown under the list too) makes room for what happened.
COLUMNS = (
    ColumnSpec("day", "Date", 11),
    ColumnSpec("status", "Where I stand", 18),
    ColumnSpec("trigger", "Trigger", max(len(t.label) for t in Trigger), hide_below=100),
    ColumnSpec("what", "What happened"),
)

EMPTY_STATE = (
    "No notes yet. This is a private place for hurts and for letting go.\n\n"
    "Press  n  to write one: what happened, which trigger it touched, and how you feel, "
    "written as “I feel … when …” rather than “you never …”. When you are ready, press  l  "
    "to let it go: the note stays here, readable, but no longer open."
)

NO_MATCH = "No note matches these filters. Clear the search or choose “Every status”."


def status_style(status: NoteStatus, palette: Palette) -> Style:
    return {
        NoteStatus.STILL_HURTS: palette.accent,
        NoteStatus.WORKING_THROUGH: palette.primary,
        NoteStatus.LET_GO: palette.kept_soft,
    }[status]


def note_preview(note: Note) -> Content:
    """The whole note, literally, for the pane under the list."""
    status = note.status.label
    if note.let_go_on is not None:
        status = f"{status} on {note.let_go_on:%-d %b %Y}"
    meta = f"{note.day:%A %-d %B %Y} · {note.trigger.label} · {status}"
    if note.setback:
        meta += " · a setback to learn from"
    parts = [
        Content.styled(meta, "$foreground-muted"),
        Content("\n\n"),
        literal(note.what_happened, one_line=False),
    ]
    if note.feeling.strip():
        parts += [
            Content.styled("\n\nHow I feel\n", "bold"),
            literal(note.feeling, one_line=False),
        ]
    return Content.assemble(*parts)


class NotesScreen(TrackerScreen):
    """List, filter, search, write, let go and delete (with undo) forgiveness notes."""

    CSS_PATH = stylesheet("notes.tcss")
    AUTO_FOCUS = "#notes-table"

    MODE = "notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_note", "New"),
        Binding("e", "edit_note", "Edit"),
        Binding("l", "let_go", "Let go"),
        Binding("slash", "search", "Search"),
        Binding("d,delete", "delete_note", "Delete"),
        Binding("escape", "focus_list", "Back to the list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[Note] = []
        self.shown: list[Note] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with Horizontal(id="notes-filters", classes="form-row"):
            yield Input(placeholder="search words…", id="notes-search", compact=True)
            yield Select(
                [(choice.label, choice) for choice in StatusFilter],
                value=StatusFilter.ALL,
                allow_blank=False,
                compact=True,
                id="notes-status",
            )
            yield Select(
                [("Every trigger", "all"), *[(t.label, t) for t in Trigger]],
                value="all",
                allow_blank=False,
                compact=True,
                id="notes-trigger",
            )
        yield Static("", id="notes-count", classes="summary")
        yield FittedTable(COLUMNS, id="notes-table")
        yield Static(EMPTY_STATE, id="notes-empty", classes="empty-state")
        with VerticalScroll(id="note-preview"):
            yield Static("", id="note-text")
        yield from self.compose_footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is offered only while typing in a field (it goes back to the list)."""
        if action == "focus_list":
            return not isinstance(self.focused, FittedTable)
        return True

    def load(self) -> None:
        self.notes = self.service.notes.all()
        self.apply_filters()

    def apply_filters(self) -> None:
        status = self.query_one("#notes-status", Select).value
        trigger = self.query_one("#notes-trigger", Select).value
        self.shown = filter_notes(
            self.notes,
            query=self.query_one("#notes-search", Input).value,
            status=status if isinstance(status, StatusFilter) else StatusFilter.ALL,
            trigger=trigger if isinstance(trigger, Trigger) else None,
        )
        palette = Palette.of(self.app)
        rows = [
            (
                note.id,
                [
                    cell(f"{note.day:%-d %b %Y}"),
                    cell(note.status.label, style=status_style(note.status, palette)),
                    cell(note.trigger.label),
                    literal_cell(note.what_happened),
                ],
            )
            for note in self.shown
        ]
        table = self.query_one(FittedTable)
        table.show_rows(rows)
        open_count = sum(1 for note in self.notes if note.is_open)
        let_go = len(self.notes) - open_count
        count = f"{format_count(len(self.notes), 'notes')} · {open_count} open · {let_go} let go"
        if len(self.shown) != len(self.notes):
            count = f"{len(self.shown)} shown of {count}"
        self.query_one("#notes-count", Static).update(Content(count if self.notes else ""))
        empty = self.query_one("#notes-empty", Static)
        empty.update(Content(EMPTY_STATE if not self.notes else NO_MATCH))
        empty.display = not rows
        table.display = bool(rows)
        self.query_one("#note-preview").display = bool(rows)
        self.show_preview()

    def show_preview(self) -> None:
        note = self._current()
        self.query_one("#note-text", Static).update(note_preview(note) if note else Content(""))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "notes-search":
            self.apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_list()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in {"notes-status", "notes-trigger"}:
            self.apply_filters()

    def on_data_table_row_highlighted(self, _event: FittedTable.RowHighlighted) -> None:
        self.show_preview()

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        event.stop()
        self.action_edit_note()

    def _current(self) -> Note | None:
        key = self.query_one(FittedTable).current_key
        return next((note for note in self.shown if note.id == key), None)

    def action_search(self) -> None:
        self.query_one("#notes-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(FittedTable).focus()

    def action_edit_note(self) -> None:
        note = self._current()
        if note is not None:
            self.tracker.edit_note(note)

    def action_let_go(self) -> None:
        note = self._current()
        if note is None:
            return
        if not note.is_open:
            self.tracker.say(f"You let this go on {note.let_go_on:%-d %b %Y}. It stays here.")
            return
        self.tracker.save(lambda: self.service.notes.let_go(note), announce=True)

    def action_delete_note(self) -> None:
        note = self._current()
        if note is None:
            return
        question = Content.assemble(
            "Delete the note “", literal(note.what_happened[:60]), "”? ctrl+z can bring it back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(note)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _delete(self, note: Note) -> None:
        self.tracker.save(lambda: self.service.notes.delete(note), announce=True)
