"""Strength over time as a small area chart on a fixed 0-100 scale.

Textual's Sparkline scales between the series' own lowest and highest values, so a
brand-new promise at strength 5 filled the whole height, across days before the
promise existed. Here the height always means 0 to 100 (5 looks like 5), and the
columns before the promise's first judged day stay empty.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widget import Widget

from tracker.ui.palette import Palette

EIGHTHS = " ▁▂▃▄▅▆▇█"
FULL = 100.0


class StrengthChart(Widget):
    """Columns from `first` to `last` (the heatmap's window), each the strength as it
    stood at the end of its days; empty before the first value."""

    DEFAULT_CSS = "StrengthChart { height: 2; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: list[date] = []
        self.values: list[float] = []
        self.first: date | None = None
        self.last: date | None = None

    def show(self, series: Sequence[tuple[date, float]], first: date, last: date) -> None:
        self.days = [day for day, _value in series]
        self.values = [value for _day, value in series]
        self.first, self.last = first, last
        self.refresh()

    def value_on(self, day: date) -> float | None:
        """The strength as it stood at the end of `day` (None before the first value)."""
        index = bisect_right(self.days, day)
        return self.values[index - 1] if index else None

    def column_values(self, width: int) -> list[float | None]:
        if self.first is None or self.last is None or width <= 0:
            return []
        span = (self.last - self.first).days + 1
        columns = []
        for column in range(width):
            # The last day this column covers.
            offset = min(span - 1, ((column + 1) * span) // width - 1)
            columns.append(self.value_on(date.fromordinal(self.first.toordinal() + offset)))
        return columns

    def render(self) -> Text:
        palette = Palette.of(self.app)
        height = max(1, self.size.height)
        levels = height * 8
        columns = self.column_values(self.size.width)
        text = Text(no_wrap=True, end="")
        for row in range(height, 0, -1):
            for value in columns:
                if value is None:
                    text.append(" ")
                    continue
                filled = round(max(0.0, min(FULL, value)) / FULL * levels)
                text.append(EIGHTHS[max(0, min(8, filled - (row - 1) * 8))], palette.kept_soft)
            if row > 1:
                text.append("\n")
        return text
