"""The line at the top: the app's name, the views (the current one lit) and the day."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

VIEWS = (
    ("today", "1", "Today"),
    ("together", "2", "Together"),
    ("streaks", "3", "Streaks"),
    ("notes", "4", "Notes"),
    ("partner", "5", "Partner"),
    ("us", "6", "Us"),
)


class TopBar(Static):
    """Shows where you are; the keys 1-5 (or a click on a name) move between views."""

    def __init__(self, mode: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.mode = mode

    def show_day(self, today: date) -> None:
        parts: list[Content] = [Content.styled(" tracker ", "bold $accent")]
        for mode, key, name in VIEWS:
            style = "bold reverse $primary" if mode == self.mode else "$foreground-muted"
            parts.append(Content.styled(f" {key} {name} ", style))
            parts.append(Content(" "))
        parts.append(Content.styled(f" {today:%a %-d %b %Y}", "$foreground-muted"))
        self.update(Content.assemble(*parts))
