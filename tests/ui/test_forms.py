"""Every form, as a new user meets it at 80x24 (issue 11 points 1, 6, 8, 9 and 10).

It opens at its first field, keeps Save and Cancel in sight, asks before escape drops
typed words, shows the field being typed in by a bar (not by colour alone), and takes
keys typed in one burst into the fields they were typed for.
"""

from __future__ import annotations

import pytest
from app_support import add_promise, make_app
from textual.containers import ScrollableContainer
from textual.widgets import Input, TextArea
from ui_support import screen_text, settle, type_burst

from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.note_editor import NoteEditor
from tracker.ui.dialogs.promise_editor import PromiseEditor
from tracker.ui.widgets.tick_box import TICKED, TickBox

SMALL = (80, 24)


async def test_the_note_editor_opens_at_its_date_and_trigger_at_80x24(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        lines = screen_text(app).splitlines()
        date_line = next(i for i, line in enumerate(lines) if "Date" in line)
        assert "Trigger" in lines[date_line] and "Other" in lines[date_line]
        assert "A new note" in "\n".join(lines[:date_line]), "the title shows above it"
        assert any("What happened" in line for line in lines[date_line:])
        assert any("Save" in line and "Cancel" in line for line in lines)
        assert app.screen.query_one("#what", TextArea).has_focus


async def test_a_schedule_error_keeps_save_and_cancel_in_sight_at_80x24(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#schedule", Input).value = "sometimes, when I remember"
        editor.query_one("#end", Input).value = "2020-01-01"
        await settle(pilot)
        text = screen_text(app)
        assert "is not a schedule" in text and "before it starts" in text
        assert any("Save" in line and "Cancel" in line for line in text.splitlines())
        assert "Promise" in text, "the first field is still at the top"


async def test_escape_in_the_promise_form_asks_before_dropping_what_was_typed(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a", *"Walk after dinner", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Leave without saving" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, PromiseEditor)
        assert editor.query_one("#title", Input).value == "Walk after dinner"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, PromiseEditor | ConfirmDialog)
        assert store.promises() == []
        # An untouched form closes at once.
        await pilot.press("a", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, PromiseEditor | ConfirmDialog)


async def test_escape_in_the_excuse_and_settings_forms_asks_too(store):
    add_promise(store, "Phone away at dinner")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("x", *"travel", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("comma", "backspace", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


async def test_keys_typed_in_one_burst_land_in_the_fields_they_were_typed_for(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        type_burst(app, "a", *"Listen first", "tab", *"weekdays")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, PromiseEditor)
        assert editor.query_one("#title", Input).value == "Listen first"
        assert editor.query_one("#schedule", Input).value == "weekdays"
        type_burst(app, "tab", "tab", "tab", *"21:00", "enter", "3")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        (promise,) = store.promises()
        assert (promise.title, promise.schedule.spec) == ("Listen first", "weekdays")
        assert [t.strftime("%H:%M") for t in promise.reminders] == ["21:00"]
        assert app.current_mode == "streaks", "the key after enter reached the view"


async def test_the_field_being_typed_in_shows_a_bar_not_only_a_colour(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        await settle(pilot)
        title = app.screen.query_one("#title", Input)
        schedule = app.screen.query_one("#schedule", Input)
        assert title.styles.border_left[0] == "outer"
        assert schedule.styles.border_left[0] == "blank"
        assert screen_text(app).count("▌") == 1
        await pilot.press("tab")
        await settle(pilot)
        assert title.styles.border_left[0] == "blank"
        assert schedule.styles.border_left[0] == "outer"


async def test_the_setback_box_shows_a_tick_only_when_ticked(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        box = app.screen.query_one("#setback", TickBox)
        line = next(line for line in screen_text(app).splitlines() if "A setback" in line)
        assert TICKED not in line and "X" not in line
        box.value = True
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "A setback" in line)
        assert TICKED in line


async def test_after_logging_time_the_keys_go_back_to_the_view(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "n")
        await settle(pilot)
        duration = app.screen.query_one("#q-duration", Input)
        assert duration.styles.border_left[0] == "outer", "the time form marks its field too"
        await pilot.press(*"45m", "enter")
        await settle(pilot)
        assert len(store.quality_entries()) == 1
        await pilot.press("3")
        await settle(pilot)
        assert app.current_mode == "streaks"
        assert store.quality_entries()[0].note == ""


FORMS = [
    # (keys that open it, its class's name, whether it has Save/Cancel and typed text asks)
    (("a",), "PromiseEditor", True),
    (("e",), "PromiseEditor", True),
    (("x",), "ExcuseDialog", True),
    (("n",), "DayNoteDialog", True),
    (("comma",), "SettingsDialog", True),
    (("2", "e"), "QualityEntryEditor", True),
    (("4", "n"), "NoteEditor", True),
    (("4", "e"), "NoteEditor", True),
    (("o",), "AskDialog", False),
]


def in_sight(app, widget) -> bool:
    """Whether `widget` is drawn where the user sees it (not scrolled away nor covered)."""
    region = widget.region
    if not region or region.bottom > app.size.height:
        return False
    seen, _ = app.screen.get_widget_at(region.x, region.y)
    return seen is widget or widget in seen.ancestors


@pytest.mark.parametrize(("keys", "name", "a_form"), FORMS)
async def test_every_form_opens_at_its_top_with_save_and_cancel_in_sight_at_80x24(
    demo_store, keys, name, a_form
):
    """Points 1 and 8 on the merged app, for every form a view opens (the demo's data):
    it opens at its top with its first field in sight, Save and Cancel in sight, and
    escape asks before dropping a letter typed into its first field."""
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == name
        for scroller in form.query(ScrollableContainer):
            assert scroller.scroll_y == 0, "it opens at its top"
        if not a_form:
            assert in_sight(app, form.query_one("#ask-question"))
            return
        first = next(iter(form.query("Input, TextArea, Select")))
        assert in_sight(app, first), "its first field is in sight"
        assert in_sight(app, form.query_one("#save")) and in_sight(app, form.query_one("#cancel"))
        field = form.query("Input, TextArea").first()
        field.focus()
        await pilot.press("z", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "escape asks before dropping 'z'"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is form


async def test_enter_in_a_form_that_handles_it_itself_is_not_taken_twice(store):
    """The merge's break: FormDialog's enter-saves ran after a form's own handler too, so
    enter in a letter's title saved it without its body (the letter's words then fell
    on the Us view's keys) and enter in an appreciation saved it twice."""
    from tracker.store import kinds
    from tracker.ui.dialogs.letter_editor import LetterEditor

    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        app.action_command_palette()
        await settle(pilot)
        await pilot.press(*"Write a letter", "enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, LetterEditor)
        await pilot.press(*"Trust", "enter")
        await settle(pilot)
        assert app.screen is editor and store.records(kinds.LETTERS) == []
        assert editor.query_one("#letter-body", TextArea).has_focus
        await pilot.press(*"Dear you", "ctrl+s")
        await settle(pilot)
        [letter] = store.records(kinds.LETTERS)
        assert (letter.title, letter.body) == ("Trust", "Dear you")
        app.action_command_palette()
        await settle(pilot)
        await pilot.press(*"Keep an appreciation", "enter")
        await settle(pilot)
        await pilot.press(*"You called back at once", "enter")
        await settle(pilot)
        assert [a.text for a in store.records(kinds.APPRECIATIONS)] == ["You called back at once"]
