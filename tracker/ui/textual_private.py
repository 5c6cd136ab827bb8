"""The private Textual APIs tracker relies on, all here (tests/ui/test_textual_private.py
fails loudly when an upgrade of Textual changes them).

* `textual._context.active_app`: the app being composed, before a screen is attached.
* `App._css_update_count` / `Screen._css_update_count`: how Textual decides that a screen
  must be restyled when it is first shown (a full stylesheet reparse).
* `textual._wrap.compute_wrap_offsets` and `re_chunk` (greedy word wrapping), and
  `textual.document._wrapped_document`, which calls `compute_wrap_offsets` and
  `get_tab_widths` by their module names from `WrappedDocument.wrap_range` and keeps
  `_wrap_offsets` per line: the note
  editor's `NoteArea` re-wraps an edited paragraph from near the edit (see
  tracker/ui/widgets/note_area.py).
"""

from __future__ import annotations

from textual._context import active_app
from textual._wrap import compute_wrap_offsets as TEXTUAL_WRAP_OFFSETS
from textual._wrap import re_chunk
from textual.expand_tabs import get_tab_widths as TEXTUAL_TAB_WIDTHS
from textual.screen import Screen

__all__ = ["TEXTUAL_TAB_WIDTHS", "TEXTUAL_WRAP_OFFSETS", "mark_styles_current", "re_chunk"]


def mark_styles_current(screen: Screen) -> None:
    """Tell Textual `screen` is styled by the stylesheet as it is now.

    Textual restyles the whole app when it builds a view's screen, in case the
    stylesheet changed while that screen was away: a full CSS reparse, the largest cost
    of start-up after imports. A view built now is styled by the stylesheet as it is now.
    """
    app = active_app.get(None)
    if app is not None:
        screen._css_update_count = app._css_update_count
