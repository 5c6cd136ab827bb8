"""Small pieces every part of the report uses: dates and counts in words, a figure card."""

from __future__ import annotations

from datetime import date

from tracker.report.html import Html, element


def short_day(day: date) -> str:
    """'5 Oct'."""
    return f"{day.day} {day:%b}"


def plural(count: int, one: str, many: str) -> str:
    """'1 note', '1,200 notes'."""
    return f"{count:,} {one if count == 1 else many}"


def card(name: str, figure: str, detail: str) -> Html:
    """One figure with its name above and a line of detail below."""
    return element(
        "div",
        element("p", name, class_="card-name"),
        element("p", figure, class_="card-figure"),
        element("p", detail, class_="card-detail"),
        class_="card",
    )
