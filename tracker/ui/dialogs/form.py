"""What every modal form shares: an error line, Save on ctrl+s, Cancel on escape.

A form saves through the store itself, so a refused save keeps the dialog open with
everything the user typed and the reason shown in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from tracker.errors import TrackerError
from tracker.ui.stylesheets import stylesheet

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

Result = TypeVar("Result")


def field_row(label: str, widget: Widget, *, row_id: str | None = None) -> Horizontal:
    """A label and its input on one line."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field-row", id=row_id)


class FormDialog(ModalScreen[Result], Generic[Result]):
    """A modal form; subclasses build the fields and implement `save`."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]
    _initial_fields: dict[str, str] | None = None

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose_error(self) -> ComposeResult:
        yield Static("", id="dialog-error", classes="dialog-error")

    def compose_buttons(self, save_label: str = "Save") -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button(save_label, variant="primary", id="save", compact=True)
            yield from self.extra_buttons()
            yield Button("Cancel", id="cancel", compact=True)

    def extra_buttons(self) -> ComposeResult:
        yield from ()

    def show_error(self, message: str) -> None:
        """Show why saving failed, in place; the fields keep their text."""
        error = self.query_one("#dialog-error", Static)
        error.update(Content(message))
        error.display = True

    def clear_error(self) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update("")
        error.display = False

    def on_mount(self) -> None:
        self.clear_error()
        # After every mount handler has filled the fields: what "unchanged" means.
        self.call_after_refresh(self._remember_fields)

    def _field_values(self) -> dict[str, str]:
        values = {f"input-{i}": field.value for i, field in enumerate(self.query(Input))}
        values |= {f"area-{i}": area.text for i, area in enumerate(self.query(TextArea))}
        return values

    def _remember_fields(self) -> None:
        self._initial_fields = self._field_values()

    def has_unsaved_text(self) -> bool:
        """Whether the user typed something that saving would keep (asked before quitting)."""
        if self._initial_fields is None:  # not drawn yet: nothing typed
            return False
        return self._field_values() != self._initial_fields

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()
        else:
            self.on_extra_button(event.button.id or "")

    def on_extra_button(self, button_id: str) -> None:
        """A dialog's own buttons (archive, use a suggestion)."""

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            result = self.save()
        except TrackerError as error:
            self.show_error(str(error))
            return
        self.dismiss(result)

    def save(self) -> Result:
        """Validate and store what the form holds; raise TrackerError to refuse."""
        raise NotImplementedError
