"""A bar chart of time together per week, with the weekly target as a reference line."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from tracker.ui.palette import Palette

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_WIDTH = 3
GAP = 1


MET = "✓"


def hours_label(minutes: int) -> str:
    """Every label in hours, as the chart's title says: '0', '0.3', '2', '2.5', '12'
    (fits under a three-cell bar)."""
    hours = minutes / 60
    if hours >= 10:
        return f"{round(hours)}"
    return f"{hours:.1f}".removesuffix(".0")


class WeekBars(Widget):
    """Weeks side by side, oldest first. A week that reached the target is drawn in
    green and has a ✓ over its bar (its top row is kept for that mark), so met and not
    met differ by more than colour."""

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
        rows = max(1, self.size.height - 3)
        fit = max(1, (self.size.width + GAP) // (BAR_WIDTH + GAP))
        totals, mondays = self.totals[-fit:], self.mondays[-fit:]
        top = max([*totals, self.target, 60])
        levels = rows * 8
        text = Text(no_wrap=True, end="")
        for index, minutes in enumerate(totals):
            if index:
                text.append(" " * GAP)
            met = self.target and minutes >= self.target
            text.append(f"{MET if met else '':^{BAR_WIDTH}}", palette.kept)
        text.append("\n")
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
