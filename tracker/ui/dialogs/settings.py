"""The few choices the views depend on: weekly target, when the day starts, the journey's start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from tracker.model import Settings
from tracker.settings_keys import read_setting, write_setting
from tracker.ui.dialogs.form import FormDialog, field_row

FIELDS = (
    ("weekly_quality_target", "Weekly time", "time together to aim for each week, such as 3h"),
    ("day_starts_at", "Day starts", "when your day begins, 00:00 to 11:59 (03:00 for night owls)"),
    ("journey_start", "Started on", "the day you began rebuilding (YYYY-MM-DD), or none"),
)


class SettingsDialog(FormDialog[Settings]):
    """Edits the settings through the same rules as `tracker config`."""

    AUTO_FOCUS = "Input"

    def compose(self) -> ComposeResult:
        settings = self.tracker.settings
        with Vertical(classes="dialog settings-dialog"):
            yield Static("Settings", classes="dialog-title")
            for key, label, help_text in FIELDS:
                yield field_row(label, Input(read_setting(settings, key), id=key, compact=True))
                yield Static(help_text, classes="field-help muted")
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self) -> Settings:
        shown, today = self.tracker.settings, self.tracker.today
        # Only the fields the user changed are applied, onto the settings as they are
        # on disk now: a `tracker config set` from a terminal meanwhile is kept.
        changed = {
            key: value
            for key, _label, _help in FIELDS
            if (value := self.query_one(f"#{key}", Input).value) != read_setting(shown, key)
        }
        for key, value in changed.items():
            write_setting(shown, key, value, today)  # refuse bad input before saving

        def apply(current: Settings) -> Settings:
            for key, value in changed.items():
                current = write_setting(current, key, value, today)
            return current

        saved = self.tracker.store.change_settings(apply)
        self.tracker.after_write()
        return saved
