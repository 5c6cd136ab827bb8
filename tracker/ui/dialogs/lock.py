"""The lock in the app: turn it on (a passphrase twice, then the recovery code, shown
once) or off. The rules, the backup and the crash-safe switch are the service's."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from tracker.errors import ValidationError
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.stylesheets import stylesheet

TURN_OFF = (
    "The lock is on: every file tracker keeps is encrypted. Turning it off takes a "
    "backup, then writes every file readable again."
)


class LockDialog(FormDialog[str]):
    """Turns the lock on (dismisses with the recovery code) or off (with "")."""

    # The passphrase when turning it on; Cancel when turning it off (no field there: without
    # it nothing had the cursor, and enter did nothing), as the confirm dialog's "No".
    AUTO_FOCUS = "Input, #cancel"
    ANNOUNCE = True

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def compose(self) -> ComposeResult:
        from tracker.service.locking import LOSS_WARNING

        self.locked = self.tracker.service.lock.status().on
        with Vertical(classes="dialog lock-dialog"):
            if self.locked:
                yield Static("Turn the lock off", classes="dialog-title")
                yield Static(Content(TURN_OFF), classes="field-help")
            else:
                yield Static("Lock my data with a passphrase", classes="dialog-title")
                yield Static(
                    Content(
                        "Everything tracker keeps is encrypted; the app asks for the "
                        f"passphrase when it starts. {LOSS_WARNING}"
                    ),
                    classes="field-help",
                )
                yield field_row("Passphrase", Input(password=True, id="passphrase", compact=True))
                yield field_row("Again", Input(password=True, id="again", compact=True))
            yield from self.compose_error()
            yield from self.compose_buttons("Turn it off" if self.locked else "Lock")
        yield Footer()

    def save(self) -> Change[str]:
        lock = self.tracker.service.lock
        if self.locked:
            off = lock.turn_off()
            return Change("", off.message)
        passphrase = self.query_one("#passphrase", Input).value
        if passphrase != self.query_one("#again", Input).value:
            raise ValidationError("The two passphrases differ. Nothing was changed.")
        return lock.turn_on(passphrase)


class RecoveryCodeScreen(ModalScreen[None]):
    """The recovery code, shown once, to be written on paper."""

    CSS_PATH = stylesheet("dialogs.tcss")
    AUTO_FOCUS = "#done"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "done", "Close")]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog recovery-dialog"):
            yield Static("Your recovery code", classes="dialog-title")
            yield Static(
                Content(
                    "Write it on paper and keep it safe: it opens your data if you forget "
                    "your passphrase. It is shown only this once."
                ),
                classes="field-help",
            )
            yield Static(Content(self.code), id="recovery-code")
            with Horizontal(classes="dialog-buttons"):
                yield Button("I wrote it down", variant="primary", id="done", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(None)


def open_lock_dialog(app: App[Any]) -> None:
    """The palette's "Lock my data": the dialog, then the recovery code once it is on."""

    def done(code: str | None) -> None:
        if code:
            app.push_screen(RecoveryCodeScreen(code))

    app.push_screen(LockDialog(), done)
