"""How a day's state looks: a glyph per state, so states differ by more than colour."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text

from tracker.day_view import DayRow
from tracker.model import DayStatus, Measure, number_words
from tracker.ui.palette import Palette

GLYPHS = {
    DayStatus.KEPT: "●",
    DayStatus.MISSED: "○",
    DayStatus.EXCUSED: "–",
    DayStatus.OPEN: "◌",
    DayStatus.NOT_DUE: "·",
    DayStatus.FUTURE: " ",
}

LEGEND_ORDER = (
    DayStatus.KEPT,
    DayStatus.MISSED,
    DayStatus.EXCUSED,
    DayStatus.OPEN,
    DayStatus.NOT_DUE,
)


def state_style(state: DayStatus, palette: Palette) -> Style:
    return {
        DayStatus.KEPT: palette.kept,
        DayStatus.MISSED: palette.muted,
        DayStatus.EXCUSED: palette.excused,
        DayStatus.OPEN: palette.open,
        DayStatus.NOT_DUE: palette.faint,
        DayStatus.FUTURE: palette.faint,
    }[state]


def state_cell(state: DayStatus, palette: Palette) -> Text:
    """'● kept', '○ missed': glyph and word, for a table's state column."""
    return Text(f"{GLYPHS[state]} {state.label}", style=state_style(state, palette), end="")


def progress_cell(state: DayStatus, amount: float, measure: Measure, palette: Palette) -> Text:
    """'● 11/10', '◌ 6/10': a measured day's glyph and its amount against the target, where
    a yes/no day shows its word (the glyph's shape still tells the state)."""
    words = f"{number_words(amount)}/{number_words(measure.target)}"
    return Text(f"{GLYPHS[state]} {words}", style=state_style(state, palette), end="")


# The states a measured day shows its amount in (a day ahead or not due shows its word).
JUDGED_HERE = frozenset({DayStatus.KEPT, DayStatus.MISSED, DayStatus.OPEN})


def row_state_cell(row: DayRow, palette: Palette) -> Text:
    """A day row's state: its amount against the target for a measured promise, its word
    otherwise (the glyph first either way)."""
    if row.measure is not None and row.amount is not None and row.status in JUDGED_HERE:
        return progress_cell(row.status, row.amount, row.measure, palette)
    return state_cell(row.status, palette)


def row_progress(row: DayRow, week_words: str = "this week") -> str:
    """'  6 of 10 min', '  2 of 3 this week' ('that week' for a day of another week, as
    `DayView.week_words` says): how far a day row is, after its title."""
    week = f" {week_words}" if row.week_target is not None else ""
    if row.progress and (row.due or row.amount):  # a day that asks nothing: no "0 of 20"
        return f"  {row.progress}{week}"
    if row.week_target is not None:
        return f"  {row.week_kept} of {row.week_target} {week_words}"
    return ""


def day_strip(states: dict[date, DayStatus], palette: Palette) -> Text:
    """One glyph per day, oldest first: the small strip beside each promise."""
    strip = Text(no_wrap=True, end="")
    for state in states.values():
        strip.append(GLYPHS[state], state_style(state, palette))
    return strip


def legend(palette: Palette, states: tuple[DayStatus, ...] = LEGEND_ORDER) -> Text:
    """'● kept  ○ missed  – excused ...' in the same glyphs and colours as the charts."""
    text = Text(end="")
    for index, state in enumerate(states):
        if index:
            text.append("  ")
        text.append(GLYPHS[state], state_style(state, palette))
        text.append(f" {state.label}", palette.muted)
    return text
