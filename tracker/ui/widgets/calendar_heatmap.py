"""One promise's heatmap with a day cursor: fix any day from the calendar (as in Loop).

Focus it (tab, or a click on a day), move with the arrows (←/→ a week, ↑/↓ a day,
home/end the first and the last day shown), and mark the day under the cursor with
the same keys as Today: space kept, x excuse, u unmark, n kept with a note. The
screen showing it hears `DayChosen` on every move, to say the day's date and state.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from tracker.ui.widgets.heatmap import LABEL_WIDTH, Cell, Heatmap


class CalendarHeatmap(Heatmap):
    """A heatmap that can take the focus and carries a cursor on one day."""

    can_focus = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-7)", "Move", key_display="←→↑↓", tooltip="A week back"),
        Binding("right", "move(7)", "Next week", show=False),
        Binding("up", "move(-1)", "Day before", show=False),
        Binding("down", "move(1)", "Day after", show=False),
        Binding("home", "move_to_start", "First day", show=False),
        Binding("end", "move_to_end", "Last day", show=False),
        Binding("space", "screen.mark_day('kept')", "Kept"),
        Binding("x", "screen.mark_day('excused')", "Excuse"),
        Binding("u", "screen.mark_day('unmark')", "Unmark"),
        Binding("n", "screen.mark_day('note')", "Note", show=False),
    ]

    class DayChosen(Message):
        """The cursor moved to `day`."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    # The last day that can be kept: the cursor starts there, though the map may reach
    # further ahead (an excuse planned for next week).
    today: date | None = None

    def show_cells(self, cells: dict[date, Cell], end: date) -> None:
        if self.cursor is None:
            self.cursor = end if self.today is None else min(end, self.today)
        elif self.cursor > end:
            self.cursor = end
        super().show_cells(cells, end)

    def choose(self, day: date) -> None:
        if self.end is None:
            return
        first_monday = self.geometry()[2]
        day = max(first_monday, min(self.end, day))
        self.cursor = day
        self.refresh()
        self.post_message(self.DayChosen(day))

    def action_move(self, days: int) -> None:
        if self.cursor is not None:
            self.choose(self.cursor + timedelta(days=days))

    def action_move_to_start(self) -> None:
        if self.end is not None:
            self.choose(self.geometry()[2])

    def action_move_to_end(self) -> None:
        if self.end is not None:
            self.choose(self.end)

    def day_at(self, x: int, y: int) -> date | None:
        """The day drawn at (x, y) within the widget, or None (a label, the month row)."""
        if self.end is None or y < 1 or y > 7 or x < LABEL_WIDTH:
            return None
        cell_width, weeks, first_monday = self.geometry()
        week = (x - LABEL_WIDTH) // cell_width
        if week >= weeks:
            return None
        day = first_monday + timedelta(weeks=week, days=y - 1)
        return day if day <= self.end else None

    def on_click(self, event: events.Click) -> None:
        day = self.day_at(event.x, event.y)
        if day is not None:
            self.focus()
            self.choose(day)

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows while the calendar has the focus
        if self.cursor is not None:
            self.post_message(self.DayChosen(self.cursor))

    def on_blur(self) -> None:
        self.refresh()
