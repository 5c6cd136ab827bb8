"""Helpers for the UI stories: reading the screen as text, letting the app settle."""

from __future__ import annotations

import html
import re

from textual import events
from textual.app import App
from textual.keys import _character_to_key

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>', re.S
)


def screen_text(app: App) -> str:
    """The visible screen, one line per terminal row, as the user reads it.

    Text runs are placed on the cell grid by their x position, so gaps drawn only
    as background (padding, empty cells) come back as spaces.
    """
    runs = []
    for match in _TEXT.finditer(app.export_screenshot()):
        text = html.unescape(match[4]).replace("\xa0", " ")
        if text:
            runs.append((float(match[2]), float(match[1]), float(match[3]), text))
    if not runs:
        return ""
    cell = min(length / len(text) for _y, _x, length, text in runs)
    rows: dict[float, dict[int, str]] = {}
    for y, x, _length, text in runs:
        row = rows.setdefault(y, {})
        start = round(x / cell)
        for offset, char in enumerate(text):
            row[start + offset] = char
    lines = []
    for _y, row in sorted(rows.items()):
        width = max(row) + 1
        lines.append("".join(row.get(column, " ") for column in range(width)).rstrip())
    return "\n".join(lines)


async def settle(pilot) -> None:
    """Let the app finish what a key started: messages, workers, a redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def type_burst(app: App, *keys: str) -> None:
    """Send keys the way a terminal delivers a paste or a fast typist: all at once, each
    queued before the app has handled the one before. A key is a character, "tab",
    "enter" or another key name."""
    named = {"tab": "\t", "enter": "\r", "space": " "}
    for key in keys:
        char = key if len(key) == 1 else named.get(key)
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)
