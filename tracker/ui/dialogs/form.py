"""What every modal form shares: an error line, Save on ctrl+s, Cancel on escape.

Every form opens scrolled to its top (its first field shows, whichever field has the
cursor), keeps Save and Cancel in sight however long it grows (they are docked under
the fields, which scroll), asks before escape drops what was typed, and moves between
fields on tab at once, so keys typed in one burst land in the field they were meant for.

Every form saves the same way: its `save` reads the fields and calls one operation of
the service, and the app's `save` writes it. A refused save keeps the dialog open with
everything the user typed and the reason shown in place; a data file busy with another
tracker's save is said in place too, and the save goes through on its own once it can.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from tracker.errors import TrackerError
from tracker.service import Change
from tracker.ui.face import Face, face_of
from tracker.ui.stylesheets import stylesheet

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
        # Handled as the key arrives (priority), not after the field has taken the keys
        # before it: in a burst (a paste, a fast typist) the keys after a tab go to the
        # next field, as they were typed.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]
    # Whether the change's sentence is shown once it is saved (the app's message).
    ANNOUNCE = False
    # Whether enter in a one-line field saves the form.
    SUBMIT_ON_ENTER = True
    _initial_fields: dict[str, str] | None = None
    # A save that waits for the data file: pressing Save again does not add another.
    _saving = False

    @property
    def tracker(self) -> Face:
        return face_of(self)

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
        # A toast from the last save would sit over this form's Save and Cancel.
        self.app.clear_notifications()
        # After every mount handler has filled the fields: what "unchanged" means.
        self.call_after_refresh(self._remember_fields)

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """The field focused as the form opens is not scrolled to: the form opens at its
        top, its first field in sight (the focused one is among the first)."""
        opening = self._initial_fields is None
        super().set_focus(
            widget, scroll_visible=scroll_visible and not opening, from_app_focus=from_app_focus
        )

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Textual calls this class's handler after a subclass's own: a form that handles
        # enter itself (the letter editor goes on to the letter; others save their way)
        # is left to it, or enter would save a second time, or save a half-written letter.
        if type(self).on_input_submitted is not FormDialog.on_input_submitted:
            return
        if self.SUBMIT_ON_ENTER:
            event.stop()
            self.action_save()

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
        """Leaving with unsaved words asks first: what someone wrote is never lost by accident."""
        if not self.has_unsaved_text():
            self.dismiss(None)
            return
        from tracker.ui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(Content("Leave without saving what you wrote?"), "Discard"), answered
        )

    def action_save(self) -> None:
        if self._saving:  # already waiting for the data file: try again now
            self.tracker.saver.retry_now()
            return
        self._saving = True
        self.tracker.save(
            self.save,
            announce=self.ANNOUNCE,
            saved=self._saved,
            refused=self._refused,
            waiting=self.show_error,
        )

    def _saved(self, change: Change[object]) -> None:
        self._saving = False
        if self.is_active:  # saved after a wait, with another dialog on top: leave it be
            self.dismiss(cast("Result", change.saved))

    def _refused(self, error: TrackerError) -> None:
        self._saving = False
        self.show_error(str(error))

    def save(self) -> Change[Result]:
        """Read the fields and save them through one operation of the service; raise a
        TrackerError to refuse (the dialog stays open and says why)."""
        raise NotImplementedError
