"""Settings by name: the weekly target, when the day starts, the theme, notifications."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.model import Settings
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.settings_keys import SETTING_KEYS, read_setting, write_setting


class Preferences(Area):
    """The user's choices, stored with the data so that every face agrees."""

    keys = SETTING_KEYS

    def current(self) -> Settings:
        return self._context.settings()

    def read(self, key: str) -> str:
        """A setting as text ('03:00', '3h', 'true'); an unknown key is refused."""
        return read_setting(self.current(), key)

    def change(self, values: Mapping[str, str]) -> Change[Settings]:
        """Set the named settings from text, onto the settings as they are on disk now.

        Every value is checked before anything is written; only these keys change, so a
        `tracker config set` in a terminal meanwhile is kept.
        """
        today = self._context.today()
        shown = self.current()
        for key, value in values.items():
            write_setting(shown, key, value, today)  # refuse bad input before saving
        before = {key: read_setting(shown, key) for key in values}

        def apply(current: Settings) -> Settings:
            for key, value in values.items():
                current = write_setting(current, key, value, today)
            return current

        def put_back(current: Settings) -> Settings:
            for key, value in before.items():
                current = write_setting(current, key, value, today)
            return current

        saved = self._store.change_settings(apply)
        store = self._store
        return Change(
            saved,
            "; ".join(f"{key} = {read_setting(saved, key)}" for key in values),
            Undo("Put the settings back", lambda: store.change_settings(put_back)),
        )
