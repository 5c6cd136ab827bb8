"""Excuse a promise for a day (travel, illness), with an optional reason."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import Mark, Promise
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.literal import literal


class ExcuseDialog(FormDialog[Mark]):
    """Asks for an optional reason, then records the day as excused."""

    AUTO_FOCUS = "#reason"

    def __init__(self, promise: Promise, day: date) -> None:
        super().__init__()
        self.promise = promise
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog excuse-dialog"):
            yield Static(
                Content.assemble(
                    "Excuse ", literal(self.promise.title), f" on {self.day:%a %-d %b}"
                ),
                classes="dialog-title",
            )
            yield Static(
                "An excused day neither counts for nor against the streak.",
                classes="field-help muted",
            )
            yield Input(placeholder="why (optional): travel, illness…", id="reason", compact=True)
            yield from self.compose_error()
            yield from self.compose_buttons("Excuse")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self) -> Change[Mark]:
        reason = self.query_one("#reason", Input).value
        return self.tracker.service.marks.excuse(self.promise, self.day, reason=reason)
