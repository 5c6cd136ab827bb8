"""Excuse a promise for a day or a stretch of days (travel, illness), with an optional reason.

The day can be today, a day before, or a day ahead (a trip planned: the reminders stay
quiet that day); "Until" excuses every due day up to that date at once.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import Promise
from tracker.parsing import parse_date
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.literal import literal


class ExcuseDialog(FormDialog[object]):
    """Asks for an optional reason (and an optional last day), then records the excuse."""

    AUTO_FOCUS = "#reason"

    def __init__(self, promise: Promise, day: date, today: date | None = None) -> None:
        super().__init__()
        self.promise = promise
        self.day = day
        self.today = today or day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog excuse-dialog"):
            yield Static(
                Content.assemble(
                    "Excuse ", literal(self.promise.title), f" from {self.day:%a %-d %b}"
                ),
                classes="dialog-title",
            )
            yield Static(
                "An excused day neither counts for nor against the streak, and sends no reminder.",
                classes="field-help muted",
            )
            yield field_row(
                "Why",
                Input(placeholder="optional: travel, illness…", id="reason", compact=True),
            )
            yield field_row(
                "Until",
                Input(
                    placeholder="that day only (or the last day: 2026-12-14)",
                    id="until",
                    compact=True,
                ),
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[object]:
        reason = self.query_one("#reason", Input).value
        until = self.query_one("#until", Input).value.strip()
        service = self.tracker.service
        if not until:
            return service.marks.excuse(self.promise, self.day, reason=reason)
        last = parse_date(until, self.today)
        return service.plans.excuse(self.promise, self.day, last, reason=reason)
