"""Reading a time-together entry from form fields, and the dialog that edits one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Input, Select, Static

from tracker.model import QualityKind, QualityTime
from tracker.parsing import format_duration, parse_date, parse_duration
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.widgets.tag_fields import read_tags, tags_input

KIND_OPTIONS = [(kind.label, kind) for kind in QualityKind]
CONNECTION_OPTIONS = [
    ("1 · distant", 1),
    ("2", 2),
    ("3 · okay", 3),
    ("4", 4),
    ("5 · very close", 5),
]
CONNECTION_PROMPT = "how close? (optional)"


def read_entry(
    *,
    day_text: str,
    duration_text: str,
    kind: object,
    connection: object,
    note: str,
    today: date,
    tags_text: str = "",
) -> QualityTime:
    """The entry the fields describe, or a TrackerError saying what to fix (the service
    refuses a day in the future, like every other rule)."""
    day = parse_date(day_text.strip() or "today", today)
    minutes = parse_duration(duration_text)
    chosen_kind = kind if isinstance(kind, QualityKind) else QualityKind.OTHER
    rating = connection if isinstance(connection, int) else None
    return QualityTime(
        day=day,
        minutes=minutes,
        kind=chosen_kind,
        connection=rating,
        note=note,
        tags=read_tags(tags_text),
    )


def kind_select(value: QualityKind = QualityKind.CONVERSATION, *, id: str) -> Select[QualityKind]:
    return Select(KIND_OPTIONS, value=value, allow_blank=False, compact=True, id=id)


def connection_select(value: int | None = None, *, id: str) -> Select[int]:
    return Select(
        CONNECTION_OPTIONS,
        value=value if value is not None else Select.NULL,
        prompt=CONNECTION_PROMPT,
        compact=True,
        id=id,
    )


class QualityEntryEditor(FormDialog[QualityTime]):
    """Edit one logged entry, or log a new one filled in (an entry without a number); the
    service may refuse it, keeping the fields."""

    AUTO_FOCUS = "#duration"

    def __init__(self, entry: QualityTime, today: date) -> None:
        super().__init__()
        self.entry = entry
        self.today = today
        # A new entry says what was logged and how the week stands.
        self.ANNOUNCE = not entry.id

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="dialog quality-editor"):
            heading = "Edit time together" if entry.id else "Log time together"
            yield Static(heading, classes="dialog-title")
            yield field_row("Date", Input(entry.day.isoformat(), id="day", compact=True))
            yield field_row(
                "How long",
                Input(
                    format_duration(entry.minutes),
                    placeholder="45m, 1h30, 1:30",
                    id="duration",
                    compact=True,
                ),
            )
            yield field_row("Kind", kind_select(entry.kind, id="kind"))
            yield field_row("Closeness", connection_select(entry.connection, id="connection"))
            yield field_row(
                "Note", Input(entry.note, placeholder="optional", id="note", compact=True)
            )
            yield field_row(
                "Tags",
                tags_input(entry.tags, self.tracker.service.tags.suggestions(), id="tags"),
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[QualityTime]:
        edited = read_entry(
            day_text=self.query_one("#day", Input).value,
            duration_text=self.query_one("#duration", Input).value,
            kind=self.query_one("#kind", Select).value,
            connection=self.query_one("#connection", Select).value,
            note=self.query_one("#note", Input).value,
            today=self.today,
            tags_text=self.query_one("#tags", Input).value,
        )
        changed = replace(
            self.entry,
            day=edited.day,
            minutes=edited.minutes,
            kind=edited.kind,
            connection=edited.connection,
            note=edited.note,
            tags=edited.tags,
        )
        if not self.entry.id:
            return self.tracker.service.together.log(changed)
        return self.tracker.service.together.edit(self.entry, changed)
