"""The private Textual APIs tracker.ui.textual_private relies on: this fails loudly when a
Textual upgrade renames or drops one of them (then change that module, and only it)."""

from __future__ import annotations

import inspect
from contextvars import ContextVar

import textual
from textual import _context
from textual.app import App
from textual.screen import Screen

from tracker.ui.textual_private import mark_styles_current

PINNED = "8.2.8"


def test_textual_is_the_pinned_version():
    assert textual.__version__ == PINNED, (
        f"Textual {textual.__version__} is not the pinned {PINNED}: check the private APIs "
        "in tracker/ui/textual_private.py against it, then update this test"
    )


def test_the_active_app_context_variable_is_still_there():
    assert isinstance(_context.active_app, ContextVar)


def test_textual_still_restyles_a_new_screen_by_comparing_update_counts():
    """A screen whose count matches the app's is not restyled when first shown."""
    assert Screen()._css_update_count == -1
    assert isinstance(App()._css_update_count, int)
    source = inspect.getsource(App)
    assert "screen._css_update_count != self._css_update_count" in source
    assert "self._css_update_count += 1" in source


async def test_a_view_built_while_the_app_runs_is_marked_current():
    class Probe(App[None]):
        pass

    app = Probe()
    async with app.run_test():
        screen = Screen[None]()
        token = _context.active_app.set(app)
        try:
            mark_styles_current(screen)
        finally:
            _context.active_app.reset(token)
        assert screen._css_update_count == app._css_update_count
