"""What every top-level view shares: the top bar, the footer, reloading when data changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual._context import active_app
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from tracker.errors import TrackerError
from tracker.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class TrackerScreen(Screen):
    """A view that draws from the store and reloads when the data or the day changed."""

    MODE = ""

    def __init__(self) -> None:
        super().__init__()
        self.loaded_version = -1
        # Textual restyles the whole app when it builds a view's screen, in case the
        # stylesheet changed while that screen was away: a full CSS reparse, the
        # largest cost of start-up after imports. A view built now is styled by the
        # stylesheet as it is now, so it is marked current (a test counts reparses).
        app = active_app.get(None)
        if app is not None:
            self._css_update_count = app._css_update_count

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose_top(self) -> ComposeResult:
        yield TopBar(self.MODE, id="top-bar", classes="top-bar")

    def compose_footer(self) -> ComposeResult:
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded_version != self.tracker.data_version:
            self.reload()

    def reload(self) -> None:
        """Read what the view shows from the store and redraw it."""
        self.loaded_version = self.tracker.data_version
        self.query_one(TopBar).show_day(self.tracker.today)
        try:
            self.load()
        except TrackerError as error:
            # A damaged or unreadable file: say so and keep showing what was last read.
            self.tracker.report(error, title="Cannot read the data")

    def load(self) -> None:
        raise NotImplementedError
