"""Calendar heatmaps: one column per week, one row per weekday, the most recent weeks on the right.

Each cell is a glyph as well as a colour, so kept, missed, excused, not due and
future days can be told apart without seeing colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tracker.model import DayStatus
from tracker.schedule import week_start
from tracker.ui.palette import Palette
from tracker.ui.widgets.marks import GLYPHS, state_style

WEEKS = 53
LABEL_WIDTH = 4
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
SHARE_GLYPHS = ("░", "▒", "▓", "█")
NOTHING_DUE = "·"

Cell = tuple[str, Style]


def share_cell(share: float | None, palette: Palette) -> Cell:
    """A day of the all-promises map: darker the more of the day's promises were kept."""
    if share is None:
        return NOTHING_DUE, palette.faint
    level = 0 if share < 0.25 else 1 if share < 0.6 else 2 if share < 0.9 else 3
    return SHARE_GLYPHS[level], palette.shares[level]


def share_legend(palette: Palette) -> Text:
    text = Text("share kept: ", style=palette.muted, end="")
    for glyph, style, words in zip(
        SHARE_GLYPHS, palette.shares, ("little", "some", "most", "(nearly) all"), strict=True
    ):
        text.append(glyph, style)
        text.append(f" {words}  ", palette.muted)
    text.append(NOTHING_DUE, palette.faint)
    text.append(" nothing due", palette.muted)
    return text


class Heatmap(Widget):
    """Draws cells for the weeks that fit its width (up to a year), with month labels."""

    DEFAULT_CSS = "Heatmap { height: 8; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.end: date | None = None
        self.cells: dict[date, Cell] = {}
        self.fill = False  # shades fill the whole cell; glyphs keep a gap between days
        self.cursor: date | None = None  # a day drawn highlighted (see CalendarHeatmap)
        self.states: dict[date, DayStatus] = {}

    def state_of(self, day: date) -> DayStatus | None:
        """The state drawn for `day` (by `show_states`), or None."""
        return self.states.get(day)

    def show_states(self, states: Mapping[date, DayStatus], end: date) -> None:
        self.states = dict(states)
        palette = Palette.of(self.app)
        self.show_cells(
            {day: (GLYPHS[state], state_style(state, palette)) for day, state in states.items()},
            end,
        )

    def show_shares(self, shares: Mapping[date, float | None], end: date) -> None:
        palette = Palette.of(self.app)
        self.fill = True
        self.show_cells({day: share_cell(share, palette) for day, share in shares.items()}, end)

    def show_cells(self, cells: dict[date, Cell], end: date) -> None:
        self.cells, self.end = cells, end
        self.refresh()

    def geometry(self) -> tuple[int, int, date]:
        """(cell width, weeks shown, the first column's Monday) at the current width."""
        assert self.end is not None
        room = max(1, self.size.width - LABEL_WIDTH)
        cell_width = 2 if room >= WEEKS * 2 else 1
        weeks = max(1, min(WEEKS, room // cell_width))
        return cell_width, weeks, week_start(self.end) - timedelta(weeks=weeks - 1)

    def render(self) -> Text:
        if self.end is None:
            return Text("")
        palette = Palette.of(self.app)
        cell_width, weeks, first_monday = self.geometry()
        text = Text(no_wrap=True, end="")
        text.append(" " * LABEL_WIDTH)
        text.append(self._month_labels(first_monday, weeks, cell_width), palette.muted)
        for weekday in range(7):
            text.append("\n")
            text.append(f"{ROW_LABELS[weekday]:<{LABEL_WIDTH}}", palette.faint)
            for week in range(weeks):
                day = first_monday + timedelta(weeks=week, days=weekday)
                glyph, style = self.cells.get(day, (" ", palette.faint))
                shade = self.fill and glyph in SHARE_GLYPHS
                if day == self.cursor and self.has_focus:  # the day under the cursor
                    style = style + Style(reverse=True, bold=True)
                text.append(glyph * cell_width if shade else glyph.ljust(cell_width), style)
        return text

    @staticmethod
    def _month_labels(first_monday: date, weeks: int, cell_width: int) -> str:
        """Month names above the week where each month starts, where they fit."""
        line = [" "] * (weeks * cell_width)
        free_from = 0
        for week in range(weeks):
            monday = first_monday + timedelta(weeks=week)
            starts_month = week == 0 or (monday - timedelta(weeks=1)).month != monday.month
            position = week * cell_width
            name = f"{monday:%b}"
            if starts_month and position >= free_from and position + len(name) <= len(line):
                line[position : position + len(name)] = name
                free_from = position + len(name) + 1
        return "".join(line)
