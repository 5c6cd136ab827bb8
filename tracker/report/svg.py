"""The report's charts as inline SVG, drawn from the data: a promise's days, bars by week.

States are told apart by shape, as in the app, so a black-and-white print reads the
same: kept ● (a filled circle), missed ○ (a ring), excused – (a dash), a day that asks
nothing · (a small dot), later days nothing. Colours are warm and never red.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.model import DayStatus
from tracker.report.html import Html, element

INK = "#2b2a28"
KEPT = "#2f6b5d"
MISSED = "#8b7763"
EXCUSED = "#a9874f"
QUIET = "#b9b2a8"
TIME = "#c98a3d"
GRID = "#d9d2c7"

CELL = 12
WEEK_GAP = 6
STATE_WORDS = {
    DayStatus.KEPT: "kept",
    DayStatus.MISSED: "missed",
    DayStatus.EXCUSED: "excused",
    DayStatus.OPEN: "open",
    DayStatus.NOT_DUE: "not due",
    DayStatus.FUTURE: "later",
}


def _svg(width: float, height: float, *children: Html, label: str, class_: str) -> Html:
    return element(
        "svg",
        element("title", label),
        *children,
        viewBox=f"0 0 {width:g} {height:g}",
        role="img",
        class_=class_,
        preserveAspectRatio="xMinYMid meet",
    )


def _circle(cx: float, cy: float, r: float, **style: str) -> Html:
    return element("circle", cx=f"{cx:g}", cy=f"{cy:g}", r=f"{r:g}", **style)


def state_mark(state: DayStatus, cx: float, cy: float, size: float = CELL) -> Html:
    """One day's shape."""
    r = size * 0.4
    match state:
        case DayStatus.KEPT:
            return _circle(cx, cy, r, fill=KEPT)
        case DayStatus.MISSED:
            return _circle(cx, cy, r - 0.8, fill="none", stroke=MISSED, stroke_width="1.6")
        case DayStatus.EXCUSED:
            return element(
                "line",
                x1=f"{cx - r:g}",
                y1=f"{cy:g}",
                x2=f"{cx + r:g}",
                y2=f"{cy:g}",
                stroke=EXCUSED,
                stroke_width="2.2",
                stroke_linecap="round",
            )
        case DayStatus.OPEN:
            return _circle(
                cx,
                cy,
                r - 0.8,
                fill="none",
                stroke=QUIET,
                stroke_width="1.2",
                stroke_dasharray="2 1.6",
            )
        case DayStatus.NOT_DUE:
            return _circle(cx, cy, 1.1, fill=QUIET)
    return Html("")


def day_strip(days: Sequence[date], states: dict[date, DayStatus], label: str) -> Html:
    """One promise's days in a row, a small gap between weeks (the report's heatmap)."""
    shapes = []
    for index, day in enumerate(days):
        x = index * CELL + (index // 7) * WEEK_GAP + CELL / 2
        shape = state_mark(states.get(day, DayStatus.FUTURE), x, CELL / 2)
        if shape:
            shapes.append(
                element("g", element("title", f"{day:%a %d %b}: {STATE_WORDS[states[day]]}"), shape)
            )
    width = len(days) * CELL + (len(days) // 7 - 1) * WEEK_GAP
    return _svg(width, CELL, *shapes, label=label, class_="strip")


def legend_mark(state: DayStatus) -> Html:
    return _svg(
        CELL,
        CELL,
        state_mark(state, CELL / 2, CELL / 2),
        label=STATE_WORDS[state],
        class_="legend-mark",
    )


# Room right of the bars for the goal's label ("goal 3h30"); below this width per week,
# a label such as "14 Sep" runs into the next one.
GOAL_ROOM = 72
ROOMY_SLOT = 60


def week_bars(
    values: Sequence[float | None],
    labels: Sequence[str],
    shown: Sequence[str],
    *,
    label: str,
    top: float,
    goal: float | None = None,
    goal_label: str = "",
    colour: str = KEPT,
    height: int = 190,
) -> Html:
    """Bars by week, each with its figure above it; an optional dashed goal line.

    The goal's label sits in a margin of its own, right of the bars (over the last bar it
    hid the current week). Weeks too narrow for "14 Sep" say the day, and the month under
    it where a month begins, so that twelve weeks' labels never run together.
    """
    width, bar_gap = 640, 14
    plot = width - GOAL_ROOM if goal is not None and top else width
    base = height - 34
    slot = plot / max(1, len(values))
    scale = (base - 28) / top if top else 0
    two_lines = slot < ROOMY_SLOT and all(" " in name for name in labels)
    parts: list[Html] = [
        element("line", x1="0", y1=str(base), x2=str(plot), y2=str(base), stroke=GRID)
    ]
    month_shown = ""
    for index, (value, name, figure) in enumerate(zip(values, labels, shown, strict=True)):
        x = index * slot + bar_gap / 2
        centre = x + (slot - bar_gap) / 2
        if value:
            bar_height = max(1.5, value * scale)
            parts.append(
                element(
                    "rect",
                    x=f"{x:.1f}",
                    y=f"{base - bar_height:.1f}",
                    width=f"{slot - bar_gap:.1f}",
                    height=f"{bar_height:.1f}",
                    fill=colour,
                    rx="2",
                )
            )
        parts.append(
            element(
                "text",
                figure,
                x=f"{centre:.1f}",
                y=f"{base - (value or 0) * scale - 6:.1f}",
                text_anchor="middle",
                class_="figure",
            )
        )
        day, _space, month = name.partition(" ")
        lines = [(day, base + 16)] if two_lines else [(name, base + 18)]
        if two_lines and month != month_shown:
            lines.append((month, base + 29))
            month_shown = month
        for words, line_y in lines:
            parts.append(
                element(
                    "text",
                    words,
                    x=f"{centre:.1f}",
                    y=str(line_y),
                    text_anchor="middle",
                    class_="axis",
                )
            )
    if goal is not None and top:
        y = base - goal * scale
        parts.append(
            element(
                "line",
                x1="0",
                y1=f"{y:.1f}",
                x2=str(plot),
                y2=f"{y:.1f}",
                stroke=INK,
                stroke_width="1.2",
                stroke_dasharray="6 4",
            )
        )
        parts.append(
            element(
                "text",
                goal_label,
                x=str(plot + 6),
                y=f"{y + 4:.1f}",
                text_anchor="start",
                class_="axis",
            )
        )
    return _svg(width, height, *parts, label=label, class_="chart")


def count_bars(rows: Sequence[tuple[str, int]], *, label: str, colour: str = EXCUSED) -> Html:
    """Horizontal bars with a name and a count each (notes by trigger)."""
    width, row_height = 640, 26
    top = max((count for _, count in rows), default=0) or 1
    parts: list[Html] = []
    for index, (name, count) in enumerate(rows):
        y = index * row_height
        bar = (width - 260) * count / top
        parts.append(element("text", name, x="0", y=f"{y + 17}", class_="axis-left"))
        if count:
            parts.append(
                element(
                    "rect",
                    x="190",
                    y=f"{y + 6}",
                    width=f"{bar:.1f}",
                    height="14",
                    fill=colour,
                    rx="2",
                )
            )
        parts.append(
            element("text", str(count), x=f"{196 + bar:.1f}", y=f"{y + 17}", class_="figure-left")
        )
    return _svg(width, max(1, len(rows)) * row_height, *parts, label=label, class_="chart")
