"""Excuse a promise for a day (travel, illness), with an optional reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import Mark
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.literal import literal


class ExcuseDialog(FormDialog[Mark]):
    """Asks for an optional reason, then records the day as excused."""

    AUTO_FOCUS = "#reason"

    def __init__(self, title: str, day: date, excuse: Callable[[str], Mark]) -> None:
        super().__init__()
        self.promise_title = title
        self.day = day
        self.excuse = excuse

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog excuse-dialog"):
            yield Static(
                Content.assemble(
                    "Excuse ", literal(self.promise_title), f" on {self.day:%a %-d %b}"
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

    def save(self) -> Mark:
        return self.excuse(self.query_one("#reason", Input).value)
