"""The private Textual APIs tracker relies on, all here, each for the speed it buys
(tests/ui/test_textual_private.py fails loudly when an upgrade of Textual changes one).

* `mark_styles_current` (`textual._context.active_app`, `Screen._css_update_count`):
  a view built while the app runs is not restyled from scratch when first shown.
* `start_in_theme` (what `App._watch_theme` does): the user's theme at start-up without
  a second full stylesheet parse before the first frame.
* `wrap_incrementally` (`textual.document._wrapped_document`, `textual._wrap`): the note
  editor re-wraps an edited paragraph from near the edit, not from its start, so a key
  costs the same in a long paragraph as in a short one.
* `App._display` (overridden in `tracker.ui.app.TrackerApp`): a drawn frame is handed to
  the terminal; the write of a check-off waits for the frame that shows it kept, so a
  keypress never waits on the disk to be seen.

Not here, because it uses only public API: `tracker.ui.typeahead.KeysInOrder` overrides
`App.on_event`, `push_screen` and `switch_mode`; the test also pins how `App.on_event`
hands a key to the focused widget, which the order of typed-ahead keys relies on.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from textual._context import active_app
from textual._wrap import compute_wrap_offsets as textual_wrap_offsets
from textual._wrap import re_chunk
from textual.app import App
from textual.document import _wrapped_document
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths as textual_tab_widths
from textual.screen import Screen

__all__ = [
    "IncrementalWrappedDocument",
    "mark_styles_current",
    "restart_point",
    "start_in_theme",
    "textual_tab_widths",
    "textual_wrap_offsets",
    "wrap_incrementally",
]

# -- styles ----------------------------------------------------------------------------


def mark_styles_current(screen: Screen) -> None:
    """Tell Textual `screen` is styled by the stylesheet as it is now.

    Textual restyles the whole app when it builds a view's screen, in case the
    stylesheet changed while that screen was away: a full CSS reparse, the largest cost
    of start-up after imports. A view built now is styled by the stylesheet as it is now.
    """
    app = active_app.get(None)
    if app is not None:
        screen._css_update_count = app._css_update_count


def start_in_theme(app: App[Any], name: str) -> None:
    """Set `app`'s theme before it runs without paying for a theme change.

    Setting `theme` runs its watcher, which reparses every stylesheet after the first
    view was styled: two full CSS parses before the first frame. Before the app runs
    nothing is styled yet, so when the theme is as dark as Textual's default (the same
    classes and terminal colour mapping) it is set without the watcher, doing the
    watcher's visible duties by hand: the theme's class, and the theme's colours as the
    stylesheet's variables, before its one parse.
    """
    theme = app.get_theme(name)
    if theme is not None and theme.dark == app.current_theme.dark:
        app.set_reactive(App.theme, name)
        app.add_class(f"-theme-{name}", update=False)
        app.stylesheet.set_variables(app.get_css_variables())
    else:
        app.theme = name


# -- wrapping a paragraph from near the edit ---------------------------------------------
#
# Textual's TextArea re-wraps the whole edited line on every keystroke, and a line is a
# paragraph: typing at the end of a 20,000-character paragraph re-wrapped all of it on
# each key (and cut the line into sections twice more). Word wrapping is greedy, so the
# breaks before an edit do not change: they are kept, and wrapping starts again only
# from the last break before the edit whose word ends before it. The result is the same
# as Textual's, break for break (a property test compares them); lines with tabs are left
# to Textual's own wrapping.

# Set just around one single-line re-wrap: (restart, the breaks kept up to it).
_reuse: tuple[int, list[int]] | None = None
# Characters Rich's Text drops from a string (Textual's sections go through Text).
_DROPPED_BY_TEXT = frozenset("\x07\x08\x0b\x0c\x0d")


def wrap_offsets_from(
    line: str, width: int, tab_size: int, restart: int, kept: list[int]
) -> list[int]:
    """The breaks of `line` at `width`: `kept` (those up to `restart`, a break where a
    word starts), then the breaks of the rest wrapped on its own from there."""
    rest = textual_wrap_offsets(line[restart:], width, tab_size)
    return [*kept, *(restart + offset for offset in rest)]


def _compute_wrap_offsets(
    text: str,
    width: int,
    tab_size: int,
    fold: bool = True,
    precomputed_tab_sections: list[tuple[str, int]] | None = None,
) -> list[int]:
    """Textual's wrap, reusing the kept breaks while a line is re-wrapped from near an edit."""
    if _reuse is not None and fold and "\t" not in text:
        restart, kept = _reuse
        if restart <= len(text):
            return wrap_offsets_from(text, width, tab_size, restart, kept)
    return textual_wrap_offsets(text, width, tab_size, fold, precomputed_tab_sections)


def _tab_widths(line: str, tab_size: int = 4) -> list[tuple[str, int]]:
    """Textual's get_tab_widths, without its regex pass over a line that has no tab."""
    if "\t" not in line:
        return [(line, 0)] if line else []
    return textual_tab_widths(line, tab_size)


def restart_point(line: str, old_breaks: list[int], column: int) -> tuple[int, list[int]]:
    """(where to wrap again from, the breaks kept up to it) for an edit at `column`.

    A break stays when the word that starts there ends before the edit: its place was
    decided by text the edit did not touch. The last such break is where wrapping
    starts again (0 if there is none).
    """
    for index in range(len(old_breaks) - 1, -1, -1):
        start = old_breaks[index]
        if start >= column or start == 0 or not line[start - 1].isspace():
            continue
        word = re_chunk.match(line, start)
        if word is not None and word.end() < column and not line[start].isspace():
            return start, old_breaks[: index + 1]
    return 0, []


class IncrementalWrappedDocument(WrappedDocument):
    """Textual's wrapped document, re-wrapping one edited line from near the edit."""

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        global _reuse
        line_index = start[0]
        single_line = line_index == old_end[0] == new_end[0]
        if not single_line or not self._width or line_index >= len(self._wrap_offsets):
            super().wrap_range(start, old_end, new_end)
            return
        line = self.document[line_index]
        column = min(start[1], old_end[1], new_end[1])
        _reuse = restart_point(line, self._wrap_offsets[line_index], column)
        try:
            super().wrap_range(start, old_end, new_end)
        finally:
            _reuse = None

    def get_sections(self, line_index: int) -> list[str]:
        """The line cut at its breaks, by slicing (Textual builds a Rich Text of it)."""
        line = self.document[line_index]
        if any(character in line for character in _DROPPED_BY_TEXT):
            return super().get_sections(line_index)
        bounds = [0, *self._wrap_offsets[line_index], len(line)]
        return [line[a:b] for a, b in pairwise(bounds)]


def wrap_incrementally(wrapped: WrappedDocument) -> None:
    """Make a TextArea's wrapped document re-wrap from near each edit (the same object
    stays: the TextArea's navigator holds it; only its wrapping changes)."""
    if type(wrapped) is WrappedDocument:
        wrapped.__class__ = IncrementalWrappedDocument


# WrappedDocument.wrap_range calls its module's compute_wrap_offsets and get_tab_widths by
# name; both give Textual's results (only faster), for every TextArea.
_wrapped_document.compute_wrap_offsets = _compute_wrap_offsets
_wrapped_document.get_tab_widths = _tab_widths
