"""The calm screen that opens locked data before the app starts.

It asks once for the passphrase (never echoed). A wrong one says so, changes nothing and
lets the person try again; Escape (or Ctrl+Q) quits without opening anything. The
opening itself (`open_with`) is the service's: this screen only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tracker.ui.stylesheets import stylesheet

# Returns None once the data is open, else what to tell the person (nothing changed).
OpenWith = Callable[[str], str | None]

WHY = (
    "Your promises, notes, letters and check-ins are encrypted on this computer. "
    "Type your passphrase (or your recovery code) to open them."
)


class UnlockApp(App[bool]):
    """Returns True once the data is open, False if the person chose to quit."""

    TITLE = "tracker"
    CSS_PATH: ClassVar[list[str | PurePath]] = [stylesheet("app.tcss"), stylesheet("dialogs.tcss")]
    CSS = """
    UnlockApp Screen { align: center middle; }
    UnlockApp .unlock-dialog { width: 64; }
    UnlockApp #unlock-why { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit_locked", "Quit", priority=True),
        Binding("ctrl+q", "quit_locked", "Quit", show=False, priority=True),
    ]

    def __init__(self, open_with: OpenWith, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.open_with = open_with
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog unlock-dialog"):
            yield Static("Your journal is locked", classes="dialog-title")
            yield Static(Content(WHY), id="unlock-why")
            yield Input(
                password=True,
                placeholder="passphrase",
                id="passphrase",
                select_on_focus=False,
            )
            yield Static("", id="unlock-message", classes="dialog-error")
        yield Footer()

    def on_mount(self) -> None:
        passphrase = self.query_one("#passphrase", Input)
        passphrase.cursor_blink = self.cursor_blink
        passphrase.focus()
        # Nothing to say yet: no empty warning bar under the field.
        self.query_one("#unlock-message", Static).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self._say("Type your passphrase, then press Enter (Escape quits).")
            return
        event.input.disabled = True
        self._say("Opening…")
        self._try(event.value)

    @work(thread=True, exclusive=True)
    def _try(self, secret: str) -> None:
        # The key derivation takes a moment: never on the thread that draws.
        problem = self.open_with(secret)
        self.call_from_thread(self._tried, problem)

    def _tried(self, problem: str | None) -> None:
        if problem is None:
            self.exit(True)
            return
        passphrase = self.query_one("#passphrase", Input)
        passphrase.value = ""
        passphrase.disabled = False
        passphrase.focus()
        self._say(problem)

    def _say(self, text: str) -> None:
        message = self.query_one("#unlock-message", Static)
        message.update(Content(text))  # never markup
        message.display = True

    def action_quit_locked(self) -> None:
        self.exit(False)
