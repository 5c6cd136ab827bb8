"""The line at the top: the app's name, the views (the current one lit) and the day.

Laid out for 80 columns first: with every view named and the long date it is wider
than that once there are six views, so it gives way in steps, keeping the current
view's name whole: the short date ("Wed 25 Nov"), then the app's name, then the other
views by their key alone ("2 3 4 5 6"), the keys that reach them. A click on a view
goes there.
"""

from __future__ import annotations

from datetime import date

from textual import events
from textual.content import Content
from textual.widget import Widget

# (mode, key, name), in key order. A new view adds one line here and one in App.MODES.
VIEWS = (
    ("today", "1", "Today"),
    ("together", "2", "Together"),
    ("streaks", "3", "Streaks"),
    ("notes", "4", "Notes"),
    ("partner", "5", "Partner"),
    ("us", "6", "Us"),
)

APP_NAME = " tracker "
GAP = 1


def view_label(key: str, name: str, *, named: bool) -> str:
    return f" {key} {name} " if named else f" {key} "


class TopBar(Widget):
    """Shows where you are; the number keys (or a click on a view) move between views."""

    DEFAULT_CSS = "TopBar { height: 1; }"

    def __init__(self, mode: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.mode = mode
        self.today: date | None = None
        # Where each view's label sits on the line, for clicks: (start, end, mode).
        self._spans: list[tuple[int, int, str]] = []

    def show_day(self, today: date) -> None:
        self.today = today
        self.refresh()

    def layout_for(self, width: int) -> tuple[bool, bool, str]:
        """(show the app's name, name every view, the date) that fit in `width`."""
        day = self.today
        long_day = f"{day:%a %-d %b %Y}" if day else ""
        short_day = f"{day:%a %-d %b}" if day else ""
        for show_name, named, day_text in (
            (True, True, long_day),
            (True, True, short_day),
            (False, True, short_day),
            (True, False, long_day),
            (True, False, short_day),
            (False, False, short_day),
        ):
            if self._width_of(show_name, named, day_text) <= width:
                return show_name, named, day_text
        return False, False, ""

    def _width_of(self, show_name: bool, named: bool, day_text: str) -> int:
        views = sum(
            len(view_label(key, name, named=named or mode == self.mode)) + GAP
            for mode, key, name in VIEWS
        )
        return (len(APP_NAME) if show_name else 0) + views + (len(day_text) + 1 if day_text else 0)

    def render(self) -> Content:
        show_name, named, day_text = self.layout_for(self.size.width)
        parts: list[Content] = []
        position = 0
        if show_name:
            parts.append(Content.styled(APP_NAME, "bold $accent"))
            position += len(APP_NAME)
        self._spans = []
        for mode, key, name in VIEWS:
            current = mode == self.mode
            label = view_label(key, name, named=named or current)
            style = "bold reverse $primary" if current else "$foreground-muted"
            parts.append(Content.styled(label, style))
            parts.append(Content(" " * GAP))
            self._spans.append((position, position + len(label), mode))
            position += len(label) + GAP
        if day_text:
            parts.append(Content.styled(f" {day_text}", "$foreground-muted"))
        return Content.assemble(*parts)

    async def on_click(self, event: events.Click) -> None:
        for start, end, mode in self._spans:
            if start <= event.x < end:
                await self.app.run_action(f"goto('{mode}')")
                return
