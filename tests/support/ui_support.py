"""Helpers for the UI stories: reading the screen as text, letting the app settle."""

from __future__ import annotations

from textual import events
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.keys import _character_to_key


def screen_text(app: App) -> str:
    """The visible screen, one line per terminal row, as the user reads it.

    Read from the strips the screen's compositor draws (what export_screenshot renders
    to SVG, without the SVG): every row, trailing spaces dropped; a wide character (an
    emoji) is one character of the line, as the user reads it.
    """
    # The compositor is Textual's own (export_screenshot reads it the same way); screens
    # below a modal one are drawn through it too.
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate), update
    return "\n".join(
        "".join(segment.text for strip in line for segment in strip).rstrip()
        for line in update.strips
    )


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
