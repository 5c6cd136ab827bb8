"""The note editor's text box wraps an edited paragraph from near the edit (issue 9
point 6), break for break as Textual wraps the whole paragraph."""

from __future__ import annotations

import inspect

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.document import _wrapped_document
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument

from tracker.ui.widgets.note_area import IncrementalWrappedDocument

WORDS = st.text(alphabet="ab cd  efghij\u4e2d\u00e9", min_size=0, max_size=14)
LINE = st.lists(WORDS, max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(
    line=LINE,
    width=st.integers(min_value=3, max_value=40),
    where=st.floats(min_value=0, max_value=1),
    removed=st.integers(min_value=0, max_value=6),
    typed=WORDS,
)
def test_an_edit_rewraps_as_textual_would_from_scratch(line, width, where, removed, typed):
    document = Document(line)
    wrapped = WrappedDocument(document, width=width)
    wrapped.__class__ = IncrementalWrappedDocument
    column = round(where * len(line))
    end = min(len(line), column + removed)
    result = document.replace_range((0, column), (0, end), typed)
    wrapped.wrap_range((0, column), (0, end), result.end_location)
    fresh = WrappedDocument(document, width=width)
    assert wrapped._wrap_offsets == fresh._wrap_offsets
    assert wrapped._offset_to_line_info == fresh._offset_to_line_info
    assert wrapped.get_sections(0) == fresh.get_sections(0)


@settings(max_examples=200, deadline=None)
@given(line=LINE, width=st.integers(min_value=3, max_value=40), typed=WORDS)
def test_typing_at_the_end_rewraps_as_textual_would(line, width, typed):
    document = Document(line)
    wrapped = WrappedDocument(document, width=width)
    wrapped.__class__ = IncrementalWrappedDocument
    for character in typed:
        at = (0, len(document.lines[0]))
        result = document.replace_range(at, at, character)
        wrapped.wrap_range(at, at, result.end_location)
    assert wrapped._wrap_offsets == WrappedDocument(document, width=width)._wrap_offsets


def test_textual_still_wraps_through_the_names_note_area_replaces():
    source = inspect.getsource(WrappedDocument.wrap_range)
    assert "compute_wrap_offsets(" in source and "get_tab_widths(" in source
    assert _wrapped_document.compute_wrap_offsets.__module__ == "tracker.ui.widgets.note_area"


async def test_keys_typed_in_a_long_paragraph_rewrap_only_its_end(store, monkeypatch):
    """Counted, not timed: what each key re-wraps stays the same as the paragraph grows."""
    from app_support import make_app
    from ui_support import settle, type_burst

    from tracker.ui.textual_private import TEXTUAL_WRAP_OFFSETS
    from tracker.ui.widgets import note_area

    wrapped: list[int] = []

    def counting(text: str, *args, **kwargs):
        wrapped.append(len(text))
        return TEXTUAL_WRAP_OFFSETS(text, *args, **kwargs)

    monkeypatch.setattr(note_area, "TEXTUAL_WRAP_OFFSETS", counting)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        area = app.screen.query_one("#what")
        for size in (2_000, 20_000):
            area.text = "We walked by the lake and talked. " * (size // 34)  # one paragraph
            area.move_cursor(area.document.end)
            await settle(pilot)
            wrapped.clear()
            type_burst(app, *"and then we went home " * 5)
            await settle(pilot)
            keys = len("and then we went home ") * 5
            assert len(wrapped) >= keys, "every key re-wraps"
            # Per key, a couple of screen lines at most (the paragraph is 2,000 or
            # 20,000 characters; Textual re-wrapped all of it on every key).
            assert max(wrapped) <= 3 * area.wrapped_document._width, (size, max(wrapped))
