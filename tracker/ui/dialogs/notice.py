"""Tell your partner you noticed a promise they kept, with a few words if you like."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.model import SHORT_TEXT_MAX, Acknowledgement, Promise
from tracker.service import Change
from tracker.share.payload import SharedData
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.literal import literal


class NoticeDialog(FormDialog[Acknowledgement]):
    """Asks for an optional message, then keeps the acknowledgement (shared with your share)."""

    AUTO_FOCUS = "#message"
    ANNOUNCE = True

    def __init__(self, share: SharedData, promise: Promise, day: date) -> None:
        super().__init__()
        self.share = share
        self.promise = promise
        self.day = day

    def compose(self) -> ComposeResult:
        partner = self.share.writer.name
        with Vertical(classes="dialog notice-dialog"):
            yield Static(
                Content.assemble(
                    "You noticed: ",
                    literal(partner),
                    " kept ‘",
                    literal(self.promise.title),
                    f"’ on {self.day:%a %-d %b}",
                ),
                classes="dialog-title",
            )
            yield Static(
                Content.assemble(
                    literal(partner),
                    " sees it beside their promise once your share is written (in a moment).",
                ),
                classes="field-help muted",
            )
            yield Input(
                placeholder="a few words (optional): thank you, I saw it…",
                id="message",
                max_length=SHORT_TEXT_MAX,
                compact=True,
            )
            yield from self.compose_error()
            yield from self.compose_buttons("Notice")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self) -> Change[Acknowledgement]:
        message = self.query_one("#message", Input).value
        return self.tracker.service.sharing.notice(self.share, self.promise, self.day, message)
