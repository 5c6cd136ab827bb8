"""A letter, written and read in the whole terminal: a title and the text, nothing else.

Escape with unsaved words asks first; ctrl+s saves. The letter stays private unless it
is shared on its own (from the Us view's list, or `tracker letter share N`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static, TextArea

from tracker.errors import ValidationError
from tracker.practices.records import Letter
from tracker.service import Change
from tracker.ui.dialogs.confirm import ask
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.stylesheets import stylesheet


class LetterEditor(FormDialog[Letter]):
    """Write a new letter, or read and edit one; the whole screen is the page."""

    # What every form shares, and the practices' own (FormDialog names only the first).
    CSS_PATH: ClassVar[list[str | PurePath]] = [  # type: ignore[assignment]
        stylesheet("dialogs.tcss"),
        stylesheet("us.tcss"),
    ]
    ANNOUNCE = True
    AUTO_FOCUS = "#letter-title"

    def __init__(self, today: date, letter: Letter | None = None) -> None:
        super().__init__()
        self.today = today
        self.letter = letter

    def compose(self) -> ComposeResult:
        letter = self.letter
        with Vertical(classes="dialog letter-editor"):
            heading = (
                f"Letter {letter.id}, written {letter.written_on:%-d %B %Y}"
                if letter
                else "A new letter"
            )
            yield Static(Content(heading), classes="dialog-title")
            yield field_row(
                "Title",
                Input(
                    letter.title if letter else "",
                    placeholder="what trust means to me",
                    id="letter-title",
                    compact=True,
                ),
            )
            yield TextArea(
                letter.body if letter else "",
                id="letter-body",
                soft_wrap=True,
                show_line_numbers=False,
                placeholder="Take your time. It stays on this machine unless you share it.",
                compact=True,
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def on_mount(self) -> None:
        if self.letter is not None:  # reading one: the page itself, not its title
            self.query_one("#letter-body", TextArea).focus()

    SUBMIT_ON_ENTER = False  # enter in the title goes on to the letter itself

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#letter-body", TextArea).focus()

    def save(self) -> Change[Letter]:
        title = self.query_one("#letter-title", Input).value
        body = self.query_one("#letter-body", TextArea).text
        if not title.strip():
            raise ValidationError("Give the letter a title, such as 'What trust means to me'.")
        letters = self.tracker.service.letters
        if self.letter is None:
            return letters.write(Letter(title=title, body=body, written_on=self.today))
        return letters.edit(self.letter, replace(self.letter, title=title, body=body))

    def has_unsaved_text(self) -> bool:
        title = self.query_one("#letter-title", Input).value
        body = self.query_one("#letter-body", TextArea).text
        if self.letter is None:
            return bool(title.strip() or body.strip())
        return (title, body) != (self.letter.title, self.letter.body)

    def action_cancel(self) -> None:
        """Leaving with unsaved words asks first: a letter is never lost by accident."""
        if not self.has_unsaved_text():
            self.dismiss(None)
            return
        question = Content("Leave without saving what you wrote?")
        ask(self.app, question, "Discard", lambda: self.dismiss(None))
