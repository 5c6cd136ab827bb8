"""A DataTable whose one flexible column fills the width, so long text ends in an ellipsis."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

MIN_FLEX_WIDTH = 12
MAX_FLEX_WIDTH = 72  # wider, and a title drifts far from its numbers


@dataclass(frozen=True)
class ColumnSpec:
    """A column: its key, its header, and a fixed width (None: takes the rest).

    `hide_below`: on a table narrower than this the column is left out (what it says is
    shown elsewhere), so the flexible column keeps room at 80 columns."""

    key: str
    label: str
    width: int | None = None
    hide_below: int = 0


def cell(text: str, style: str | Style = "") -> Text:
    """Our own words for a cell, cut with an ellipsis if the column is too narrow."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis", end="")


class FittedTable(DataTable):
    """Rows are replaced as a whole with `show_rows`; the cursor stays on the same row key."""

    # A list of rows: home and end go to the first and the last row (DataTable's own
    # move sideways, to the first and the last column).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, columns: Sequence[ColumnSpec], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id)
        self.column_specs = tuple(columns)
        self._rows: list[tuple[Hashable, list[RenderableType]]] = []
        self._built_width = -1

    def show_rows(self, rows: Sequence[tuple[Hashable, Sequence[RenderableType]]]) -> None:
        """Replace the rows, keeping the cursor on the same key (or the same place)."""
        # Read the highlighted key before the rows change: afterwards the old index points
        # into the new list, and the cursor would land on another promise, entry or note.
        previous_key, previous_row = self.current_key, self.cursor_row
        self._rows = [(key, list(cells)) for key, cells in rows]
        self._rebuild(previous_key, previous_row)

    def show_cell(self, key: Hashable, column: str, value: RenderableType) -> None:
        """Change one cell in place (the rest of the table is not rebuilt)."""
        index = next(i for i, (row_key, _cells) in enumerate(self._rows) if row_key == key)
        row_key, cells = self._rows[index]
        cells[[spec.key for spec in self.column_specs].index(column)] = value
        if column in self.columns:
            self.update_cell(str(row_key), column, value)

    @property
    def current_key(self) -> Hashable | None:
        """The key of the highlighted row, or None on an empty table."""
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row][0]

    def move_to_key(self, key: Hashable) -> None:
        for index, (row_key, _cells) in enumerate(self._rows):
            if row_key == key:
                self.move_cursor(row=index)
                return

    def _expected_width(self) -> int:
        """The table's width; before its first layout, the screen's. Today's and Streaks'
        tables fill the screen, so their first frame shows the right columns; elsewhere
        the first resize rebuilds them, as it would without the guess."""
        return self.size.width or self.app.size.width

    def _shown_columns(self, width: int) -> list[int]:
        """The indexes of the columns that fit a table `width` wide."""
        return [i for i, spec in enumerate(self.column_specs) if width >= spec.hide_below]

    def _flex_width(self, width: int) -> int:
        specs = [self.column_specs[i] for i in self._shown_columns(width)]
        fixed = sum((spec.width or 0) + 2 * self.cell_padding for spec in specs)
        # One cell for the vertical scrollbar, which appears once rows overflow.
        available = width - fixed - 2 * self.cell_padding - 1
        return max(MIN_FLEX_WIDTH, min(MAX_FLEX_WIDTH, available))

    def _rebuild(self, previous_key: Hashable | None = None, previous_row: int = 0) -> None:
        self.clear(columns=True)
        self._built_width = self._expected_width()
        flex = self._flex_width(self._built_width)
        shown = self._shown_columns(self._built_width)
        for index in shown:
            spec = self.column_specs[index]
            # Our words as written: a str would be parsed as markup (and load rich's emoji
            # table, milliseconds of the first frame).
            self.add_column(Text(spec.label), width=spec.width or flex, key=spec.key)
        for key, cells in self._rows:
            self.add_row(*(cells[index] for index in shown), key=str(key))
        if not self._rows:
            return
        keys = [key for key, _cells in self._rows]
        row = keys.index(previous_key) if previous_key in keys else previous_row
        self.move_cursor(row=max(0, min(row, len(keys) - 1)), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        # DataTable's own resize handler runs too (Textual calls each class's handler).
        if event.size.width != self._built_width:
            self._rebuild(self.current_key, self.cursor_row)


@dataclass(frozen=True)
class TitleWithTail:
    """A cell whose title gives way to its tail: 'Plan a date ni…  1 of 3 this week'.

    The title is cut (with an ellipsis) at the column's width as drawn, so the tail
    (a count, a state) is never the part that is lost.
    """

    title: Text
    tail: Text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(1, options.max_width - self.tail.cell_len)
        title = self.title.copy()
        title.truncate(room, overflow="ellipsis")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append_text(title)
        line.append_text(self.tail)
        line.truncate(options.max_width, overflow="ellipsis")
        yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.title.cell_len + self.tail.cell_len
        return Measurement(min(width, self.tail.cell_len + 1), width)
