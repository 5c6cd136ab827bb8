"""Fix a measured promise's amount on a day (the Streaks calendar's space)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import Mark, Measure, Promise, number_words
from tracker.parsing import parse_amount
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.literal import literal


class AmountDialog(FormDialog[Mark]):
    """The day's amount, as it will stand: a number or a duration, in place of what it had."""

    AUTO_FOCUS = "#day-amount"
    ANNOUNCE = True

    def __init__(self, promise: Promise, measure: Measure, day: date, had: float) -> None:
        super().__init__()
        self.promise, self.measure, self.day, self.had = promise, measure, day, had

    def compose(self) -> ComposeResult:
        target = self.measure.describe()  # the unit is the user's words: plain text
        with Vertical(classes="dialog day-note-dialog"):
            yield Static(
                Content.assemble(
                    "How much: ", literal(self.promise.title), f" on {self.day:%a %-d %b}"
                ),
                classes="dialog-title",
            )
            yield Static(
                Content(
                    f"{target[:1].upper()}{target[1:]}. A number, or a duration such as "
                    "15m or 1h30."
                ),
                classes="field-help muted",
            )
            yield Input(number_words(self.had), id="day-amount", compact=True)
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[Mark]:
        amount, _ = parse_amount(self.query_one("#day-amount", Input).value)
        return self.tracker.service.marks.enter(self.promise, self.day, amount, add=False)
