"""The note editor's text box wraps an edited paragraph from near the edit (issue 9
point 6), break for break as Textual wraps the whole paragraph."""

from __future__ import annotations

from app_support import make_app
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.widgets.text_area import Selection
from ui_support import screen_text, settle, type_burst

from tracker.model import LONG_TEXT_MAX
from tracker.ui.textual_private import IncrementalWrappedDocument
from tracker.ui.widgets.note_area import NoteArea, full_message, paste_too_long_message

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


async def test_keys_typed_in_a_long_paragraph_rewrap_only_its_end(store, monkeypatch):
    """Counted, not timed: what each key re-wraps stays the same as the paragraph grows."""
    from tracker.ui import textual_private

    wrapped: list[int] = []
    textual_wrap = textual_private.textual_wrap_offsets

    def counting(text: str, *args, **kwargs):
        wrapped.append(len(text))
        return textual_wrap(text, *args, **kwargs)

    monkeypatch.setattr(textual_private, "textual_wrap_offsets", counting)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        area = app.screen.query_one("#what")
        for size in (2_000, 19_000):
            area.text = "We walked by the lake and talked. " * (size // 34)  # one paragraph
            area.move_cursor(area.document.end)
            await settle(pilot)
            wrapped.clear()
            type_burst(app, *"and then we went home " * 5)
            await settle(pilot)
            keys = len("and then we went home ") * 5
            assert len(wrapped) >= keys, "every key re-wraps"
            # Per key, a couple of screen lines at most (the paragraph is 2,000 or
            # 19,000 characters; Textual re-wrapped all of it on every key).
            assert max(wrapped) <= 3 * area.wrapped_document._width, (size, max(wrapped))


def _paste(app, text: str) -> None:
    """A bracketed paste, as the terminal delivers it."""
    from textual import events

    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


async def _note_nearly_full(store, pilot, room: int):
    await pilot.press("4", "n")
    await settle(pilot)
    area = pilot.app.screen.query_one("#what", NoteArea)
    area.text = ("We walked by the lake and talked. " * LONG_TEXT_MAX)[: LONG_TEXT_MAX - room]
    area.move_cursor(area.document.end)
    await settle(pilot)
    return area


async def test_typing_past_a_notes_limit_is_refused_in_place_with_a_kind_message(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        told: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: told.append(message) or notify(message, **kw)
        area = await _note_nearly_full(store, pilot, room=3)
        before = area.text
        type_burst(app, *"and then we went home")
        await settle(pilot)
        assert area.text == before + "and"
        assert area.cursor_location == area.document.end
        assert told == [full_message(LONG_TEXT_MAX)], "said once, not once per key"
        assert "This note is full" in screen_text(app)
        assert "20,000 characters" in told[0]

        await pilot.press("ctrl+s")  # saving answers at once, with every character kept
        await settle(pilot)
        (note,) = store.notes()
        assert note.what_happened == before + "and"


async def test_a_full_note_takes_keys_again_once_there_is_room(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        told: list[str] = []
        app.notify = lambda message, **kw: told.append(message)
        area = await _note_nearly_full(store, pilot, room=0)
        type_burst(app, "x", "y")
        await settle(pilot)
        assert not area.text.endswith(("x", "y")) and len(told) == 1
        # Typing over a selection replaces it: the note does not grow.
        area.selection = Selection((0, 0), (0, 2))
        type_burst(app, *"Wa")
        await settle(pilot)
        assert len(area.text) == LONG_TEXT_MAX and area.text.startswith("Wa")
        type_burst(app, "backspace", "!", "?")
        await settle(pilot)
        assert area.text.startswith("W!") and len(area.text) == LONG_TEXT_MAX
        assert len(told) == 2, "full again after there was room: said again"


async def test_a_paste_that_does_not_fit_is_refused_whole_and_one_that_fits_goes_in(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        told: list[str] = []
        app.notify = lambda message, **kw: told.append(message)
        area = await _note_nearly_full(store, pilot, room=5)
        before = area.text
        _paste(app, "and then we went home")
        await settle(pilot)
        assert area.text == before
        assert told == [paste_too_long_message(LONG_TEXT_MAX, 21)]
        _paste(app, "home.")
        await settle(pilot)
        assert area.text == before + "home."
