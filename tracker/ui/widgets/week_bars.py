"""A bar chart of time together per week, with the weekly target as a reference line."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from tracker.ui.palette import Palette

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_WIDTH = 3
GAP = 1


def hours_label(minutes: int) -> str:
    """'0', '45m', '2h', '2.5', '12h': fits under a three-cell bar."""
    if minutes == 0:
        return "0"
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes / 60
    if hours >= 10 or hours == int(hours):
        return f"{round(hours)}h"
    return f"{hours:.1f}"


class WeekBars(Widget):
    """Weeks side by side, oldest first; weeks that reached the target are drawn in green."""

    DEFAULT_CSS = "WeekBars { height: 6; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.totals: list[int] = []
        self.mondays: list[date] = []
        self.target = 0

    def show(self, totals: list[int], mondays: list[date], target: int) -> None:
        self.totals, self.mondays, self.target = list(totals), list(mondays), target
        self.refresh()

    def render(self) -> Text:
        palette = Palette.of(self.app)
        rows = max(1, self.size.height - 2)
        fit = max(1, (self.size.width + GAP) // (BAR_WIDTH + GAP))
        totals, mondays = self.totals[-fit:], self.mondays[-fit:]
        top = max([*totals, self.target, 60])
        levels = rows * 8
        text = Text(no_wrap=True, end="")
        for row in range(rows, 0, -1):
            for index, minutes in enumerate(totals):
                filled = round(minutes / top * levels)
                part = max(0, min(8, filled - (row - 1) * 8))
                style = palette.kept if self.target and minutes >= self.target else palette.primary
                if index:
                    text.append(" " * GAP)
                text.append(EIGHTHS[part] * BAR_WIDTH, style)
            text.append("\n")
        for index, minutes in enumerate(totals):
            if index:
                text.append(" " * GAP)
            text.append(f"{hours_label(minutes):^{BAR_WIDTH}}"[:BAR_WIDTH], palette.muted)
        text.append("\n")
        if mondays:
            first = f"{mondays[0]:%-d %b}"
            width = len(totals) * (BAR_WIDTH + GAP) - GAP
            text.append(f"{first}{'this week':>{max(1, width - len(first))}}", palette.faint)
        return text
