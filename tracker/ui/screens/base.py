"""What every top-level view shares: the top bar, the footer, reloading when data changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from tracker.errors import TrackerError
from tracker.ui.face import Face, face_of
from tracker.ui.textual_private import mark_styles_current
from tracker.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from tracker.service import Tracker


class SteadyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows changed.

    Textual rebuilds it (a score of key widgets, each styled) whenever the bindings may
    have changed: a view shown, focus moved. Mostly they have not, and those rebuilds
    were a good part of switching views.
    """

    def __init__(self) -> None:
        super().__init__()
        self._built_for: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._built_for:
            return
        # When Footer rebuilds itself for these keys (else it waits for the next change).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._built_for = shown
        super().bindings_changed(screen)


class TrackerScreen(Screen[None]):
    """A view that draws from the data and reloads when the data or the day changed."""

    MODE = ""

    def __init__(self) -> None:
        super().__init__()
        self.loaded_version = -1
        # Built now, styled by the stylesheet as it is now: no full reparse when first
        # shown (a test counts reparses).
        mark_styles_current(self)

    @property
    def tracker(self) -> Face:
        return face_of(self)

    @property
    def service(self) -> Tracker:
        """The one door to the data (see tracker.service)."""
        return self.tracker.service

    def compose_top(self) -> ComposeResult:
        yield TopBar(self.MODE, id="top-bar", classes="top-bar")

    def compose_footer(self) -> ComposeResult:
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded_version != self.tracker.data_version:
            self.reload()

    def reload(self) -> None:
        """Read what the view shows through the service and redraw it."""
        self.loaded_version = self.tracker.data_version
        self.query_one(TopBar).show_day(self.tracker.today)
        try:
            self.load()
        except TrackerError as error:
            # A damaged or unreadable file: say so and keep showing what was last read.
            self.tracker.report(error, title="Cannot read the data")

    def load(self) -> None:
        raise NotImplementedError

    def partner_changed(self) -> None:
        """The partner's share was read again (`TrackerApp.partner`): views showing it redraw."""
