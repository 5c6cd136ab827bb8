"""The one door for user text into the screen: always literal, never markup or escapes.

A title such as `[bold]x[/]`, `[/]` or `$var` must show as typed. Textual's `Content(...)`
never parses markup; DataTable cells are Rich `Text`, which does not either. Control
characters (an ANSI escape sneaked into a file by hand) are shown as visible symbols so
they cannot drive the terminal.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.content import Content

from tracker.text import visible


def literal(text: str, style: str = "", *, one_line: bool = True) -> Content:
    """User text as Content, exactly as typed."""
    shown = visible(text, one_line=one_line)
    return Content.styled(shown, style) if style else Content(shown)


def literal_cell(text: str, style: str | Style = "") -> Text:
    """User text for a DataTable cell: one line, cut with an ellipsis when too long."""
    return Text(visible(text), style=style, no_wrap=True, overflow="ellipsis", end="")
