"""The private Textual APIs tracker relies on, all here (tests/ui/test_textual_private.py
fails loudly when an upgrade of Textual changes them).

* `textual._context.active_app`: the app being composed, before a screen is attached.
* `App._css_update_count` / `Screen._css_update_count`: how Textual decides that a screen
  must be restyled when it is first shown (a full stylesheet reparse).
"""

from __future__ import annotations

from textual._context import active_app
from textual.screen import Screen


def mark_styles_current(screen: Screen) -> None:
    """Tell Textual `screen` is styled by the stylesheet as it is now.

    Textual restyles the whole app when it builds a view's screen, in case the
    stylesheet changed while that screen was away: a full CSS reparse, the largest cost
    of start-up after imports. A view built now is styled by the stylesheet as it is now.
    """
    app = active_app.get(None)
    if app is not None:
        screen._css_update_count = app._css_update_count
