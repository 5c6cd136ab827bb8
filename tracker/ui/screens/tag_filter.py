"""Views that can show only the promises with one tag (Today, Streaks): f picks the tag,
the title says which, and f again (Every promise) shows them all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from tracker.service import DayView, PromiseStanding
from tracker.ui.literal import literal
from tracker.ui.screens.base import TrackerScreen


class TagFiltered(TrackerScreen):
    """A view narrowed to one tag, or not (`tag` None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "pick_tag", "Tag", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tag: str | None = None

    def action_pick_tag(self) -> None:
        from tracker.ui.dialogs.tag_picker import TagPicker

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.show_tag(tag or None)

        self.app.push_screen(TagPicker(self.service.tags.in_use(), self.tag), chosen)

    def show_tag(self, tag: str | None) -> None:
        """Show only the promises tagged `tag` (None: every promise)."""
        self.tag = tag
        self.tracker.say(
            f"Showing the promises tagged '{tag}' (f changes it)."
            if tag
            else "Showing every promise."
        )
        self.reload()

    def tagged_day(self, view: DayView) -> DayView:
        return view if self.tag is None else self.service.tags.day(view, self.tag)

    def tagged_standings(self, rows: Sequence[PromiseStanding]) -> list[PromiseStanding]:
        return list(rows) if self.tag is None else self.service.tags.standings(rows, self.tag)

    def tag_title(self) -> Content:
        """For the view's title: which tag it shows, if any."""
        if self.tag is None:
            return Content("")
        return Content.assemble(("  · tagged ", "$text-muted"), literal(self.tag, "bold"))
