"""The note editor's text box: a keystroke costs the same in a long paragraph as in a short one.

Textual's TextArea re-wraps the whole edited line on every keystroke, and a line is a
paragraph: typing at the end of a 20,000-character paragraph re-wrapped all 20,000
characters on each key (and cut the line into sections twice more), so typing slowed
down as the paragraph grew (issue 9 point 6). Word wrapping is greedy, so the breaks
before an edit do not change: `NoteArea` keeps them and wraps again only from the
last break before the edit whose word ends before it. Typing at the end of a paragraph
re-wraps a line or two; an edit in the middle re-wraps the rest of that paragraph.

The result is the same as Textual's, break for break (a property test compares them);
lines with tabs are left to Textual's own wrapping.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from textual.document import _wrapped_document
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from tracker.ui.textual_private import TEXTUAL_TAB_WIDTHS, TEXTUAL_WRAP_OFFSETS, re_chunk

# Set just around one single-line re-wrap: (restart, the breaks kept up to it).
_reuse: tuple[int, list[int]] | None = None
# Characters Rich's Text drops from a string (Textual's sections go through Text).
_DROPPED_BY_TEXT = frozenset("\x07\x08\x0b\x0c\x0d")


def wrap_offsets_from(
    line: str, width: int, tab_size: int, restart: int, kept: list[int]
) -> list[int]:
    """The breaks of `line` at `width`: `kept` (those up to `restart`, a break where a
    word starts), then the breaks of the rest wrapped on its own from there."""
    rest = TEXTUAL_WRAP_OFFSETS(line[restart:], width, tab_size)
    return [*kept, *(restart + offset for offset in rest)]


def _compute_wrap_offsets(
    text: str,
    width: int,
    tab_size: int,
    fold: bool = True,
    precomputed_tab_sections: list[tuple[str, int]] | None = None,
) -> list[int]:
    """Textual's wrap, reusing the kept breaks while a NoteArea re-wraps one line."""
    if _reuse is not None and fold and "\t" not in text:
        restart, kept = _reuse
        if restart <= len(text):
            return wrap_offsets_from(text, width, tab_size, restart, kept)
    return TEXTUAL_WRAP_OFFSETS(text, width, tab_size, fold, precomputed_tab_sections)


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


def _use_incremental_wrapping(area: TextArea) -> None:
    # The same object stays (the navigator holds it); only its wrapping changes.
    if type(area.wrapped_document) is WrappedDocument:
        area.wrapped_document.__class__ = IncrementalWrappedDocument


class NoteArea(TextArea):
    """A TextArea whose keystrokes cost what the edit touches, not the paragraph's length."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _use_incremental_wrapping(self)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        _use_incremental_wrapping(self)


def _tab_widths(line: str, tab_size: int = 4) -> list[tuple[str, int]]:
    """Textual's get_tab_widths, without its regex pass over a line that has no tab."""
    if "\t" not in line:
        return [(line, 0)] if line else []
    return TEXTUAL_TAB_WIDTHS(line, tab_size)


# Textual's wrapped document calls its module's compute_wrap_offsets and get_tab_widths
# by name.
_wrapped_document.compute_wrap_offsets = _compute_wrap_offsets
_wrapped_document.get_tab_widths = _tab_widths
