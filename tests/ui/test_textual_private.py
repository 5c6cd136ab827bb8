"""The private Textual APIs tracker.ui.textual_private relies on: this fails loudly when a
Textual upgrade renames or drops one of them (then change that module, and only it)."""

from __future__ import annotations

import inspect
from contextvars import ContextVar

import textual
from textual import _context
from textual.app import App
from textual.document import _wrapped_document
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.message import Message
from textual.screen import Screen
from textual.widgets import TextArea

from tracker.ui import textual_private
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


def test_textual_still_wraps_through_the_names_tracker_replaces():
    """WrappedDocument calls its module's compute_wrap_offsets and get_tab_widths by
    name, keeps each line's breaks in `_wrap_offsets` and its width in `_width`."""
    source = inspect.getsource(WrappedDocument.wrap_range)
    assert "compute_wrap_offsets(" in source and "get_tab_widths(" in source
    assert _wrapped_document.compute_wrap_offsets.__module__ == textual_private.__name__
    assert _wrapped_document.get_tab_widths.__module__ == textual_private.__name__
    wrapped = WrappedDocument(Document("one two three four"), width=8)
    assert wrapped._width == 8
    assert wrapped._wrap_offsets == [[8, 14]]
    assert wrapped.get_sections(0) == ["one two ", "three ", "four"]


def test_a_text_areas_edits_still_go_through_its_wrapped_document():
    area = TextArea("one two three", soft_wrap=True)
    assert type(area.wrapped_document) is WrappedDocument
    textual_private.wrap_incrementally(area.wrapped_document)
    assert type(area.wrapped_document) is textual_private.IncrementalWrappedDocument
    assert "self.wrapped_document.wrap_range(" in inspect.getsource(TextArea.edit)


def test_the_theme_watcher_still_does_only_what_start_in_theme_does_by_hand():
    """The watcher's duties before the app runs: the theme's class, dark/light classes
    (unchanged when the theme is as dark as the default), the colours as variables; the
    rest (reparse, signal) is for an app already styled."""
    source = inspect.getsource(App._watch_theme)
    for duty in (
        'f"-theme-{self.current_theme.name}"',
        'classes["-dark-mode"] = dark',
        "self._refresh_truecolor_filter(self.ansi_theme)",
        "self._invalidate_css()",
        "self.call_next(partial(self.refresh_css, animate=False))",
        "self.call_next(self.theme_changed_signal.publish, theme)",
    ):
        assert duty in source, duty
    assert source.count("self.") == 11, "the watcher does something new: check start_in_theme"


async def test_an_app_started_in_a_theme_looks_as_if_the_theme_was_set():
    class Probe(App[None]):
        pass

    by_hand, watched = Probe(), Probe()
    textual_private.start_in_theme(by_hand, "nord")
    watched.theme = "nord"
    async with by_hand.run_test(), watched.run_test():
        assert by_hand.theme == watched.theme == "nord"
        assert by_hand.get_css_variables() == watched.get_css_variables()
        assert by_hand.stylesheet._variables == watched.stylesheet._variables
        assert set(by_hand.classes) == set(watched.classes)


def test_the_app_still_hands_a_key_to_the_focused_widget_as_typeahead_expects():
    """tracker.ui.typeahead.KeysInOrder overrides only public methods (on_event,
    push_screen, switch_mode) but holds keys back on the strength of this: the app hands
    a key it has not seen before straight to the focused widget's queue (or the screen's)
    and moves on, and a key coming back up is marked as forwarded."""
    source = inspect.getsource(App.on_event)
    assert "isinstance(event, events.InputEvent) and not event.is_forwarded" in source
    assert "forward_target = self.focused or self.screen" in source
    assert "forward_target._forward_event(event)" in source
    assert "isinstance(event, events.Paste) and not event.is_forwarded" in source
    assert "self.focused._forward_event(event)" in source
    assert isinstance(inspect.getattr_static(Message, "is_forwarded"), property)
    assert isinstance(inspect.getattr_static(App, "message_queue_size"), property)


def test_the_app_still_hands_each_drawn_frame_to_display():
    """TrackerApp overrides `App._display` to save a check-off right after its frame."""
    assert list(inspect.signature(App._display).parameters) == ["self", "screen", "renderable"]
    source = inspect.getsource(App._display)
    assert "renderable" in source
