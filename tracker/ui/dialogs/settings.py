"""The few choices the views depend on: weekly target, when the day starts, the journey's start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, Static

from tracker.model import Settings
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row

FIELDS = (
    ("weekly_quality_target", "Weekly time", "time together to aim for each week, such as 3h"),
    ("day_starts_at", "Day starts", "when your day begins, 00:00 to 11:59 (03:00 for night owls)"),
    ("journey_start", "Started on", "the day you began rebuilding (YYYY-MM-DD), or none"),
    ("checkin_time_box", "Check-in", "time set aside for the weekly check-in, such as 30m"),
    ("notifications.weekly_checkin_day", "Remind on", "its reminder's day (sunday…), or off"),
    ("notifications.weekly_checkin_time", "Remind at", "the reminder's time of day, such as 19:00"),
)


def _field_id(key: str) -> str:
    """A setting's input id ('notifications.quiet_end' is not a valid id)."""
    return key.replace(".", "--")


class SettingsDialog(FormDialog[Settings]):
    """Edits the settings through the same rules as `tracker config`."""

    AUTO_FOCUS = "Input"

    def __init__(self) -> None:
        super().__init__()
        self.shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        settings = self.tracker.service.settings
        self.shown = {key: settings.read(key) for key, _label, _help in FIELDS}
        with Vertical(classes="dialog settings-dialog"):
            yield Static("Settings", classes="dialog-title")
            # Scrolls when the terminal is too short to show every setting (80x24).
            with VerticalScroll(classes="settings-fields"):
                for key, label, help_text in FIELDS:
                    yield field_row(label, Input(self.shown[key], id=_field_id(key), compact=True))
                    yield Static(help_text, classes="field-help muted")
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def extra_buttons(self) -> ComposeResult:
        locked = self.tracker.service.lock.status().on
        yield Button("Lock off…" if locked else "Lock…", id="lock", compact=True)

    def on_extra_button(self, button_id: str) -> None:
        if button_id == "lock":
            from tracker.ui.dialogs.lock import open_lock_dialog

            open_lock_dialog(self.app)

    def save(self) -> Change[Settings]:
        # Only the fields the user changed are applied, onto the settings as they are
        # on disk now: a `tracker config set` from a terminal meanwhile is kept.
        changed = {
            key: value
            for key, shown in self.shown.items()
            if (value := self.query_one(f"#{_field_id(key)}", Input).value) != shown
        }
        return self.tracker.service.settings.change(changed)
