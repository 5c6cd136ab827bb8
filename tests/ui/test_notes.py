"""Stories on Notes: write, let go, find by search and filters, delete with undo, the coach."""

from __future__ import annotations

from datetime import date

from app_support import TODAY, make_app
from textual.widgets import Input, Select, Static, TextArea
from ui_support import screen_text, settle, type_burst

from tracker.coach import find_accusations
from tracker.model import Note, NoteStatus, Trigger
from tracker.note_search import StatusFilter
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.note_editor import COACH_PAUSE, NoteEditor


async def open_notes(pilot) -> None:
    await pilot.press("4")
    await settle(pilot)


async def open_new_note(pilot) -> None:
    await open_notes(pilot)
    await pilot.press("n")
    await settle(pilot)


async def test_writing_a_note_letting_it_go_and_finding_it_by_search(store):
    store.add_note(Note(date(2026, 10, 2), "Forgot our anniversary dinner", Trigger.NEGLECT))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_notes(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one("#what", TextArea).text = "The phone stayed face down all evening, then"
        await pilot.press(*" the lake")
        editor.query_one("#feeling", TextArea).text = "I feel uneasy when the phone is hidden."
        editor.query_one("#trigger", Select).value = Trigger.DISHONESTY
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not editor
        written = next(note for note in store.notes() if note.trigger is Trigger.DISHONESTY)
        assert written.status is NoteStatus.STILL_HURTS
        assert "It stays private on this" in screen_text(app)

        await pilot.press("l")
        await settle(pilot)
        let_go = next(note for note in store.notes() if note.id == written.id)
        assert (let_go.status, let_go.let_go_on) == (NoteStatus.LET_GO, TODAY)
        assert "stays here, readable" in screen_text(app)

        await pilot.press("slash", *"lake")
        await settle(pilot)
        text = screen_text(app)
        assert "1 shown of 2 notes · 1 open · 1 let go" in text
        assert "The phone stayed face down" in text
        assert "anniversary" not in text
        assert "Let go on 25 Nov 2026" in text, "a let-go note stays readable, with its date"

        app.screen.query_one("#notes-search", Input).value = ""
        app.screen.query_one("#notes-status", Select).value = StatusFilter.OPEN
        await settle(pilot)
        text = screen_text(app)
        assert "anniversary" in text and "The phone stayed" not in text


async def test_filtering_by_trigger(store):
    store.add_note(Note(date(2026, 10, 2), "Forgot the appointment", Trigger.NEGLECT))
    store.add_note(Note(date(2026, 10, 3), "Raised my voice", Trigger.POOR_COMMUNICATION))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_notes(pilot)
        app.screen.query_one("#notes-trigger", Select).value = Trigger.POOR_COMMUNICATION
        await settle(pilot)
        text = screen_text(app)
        assert "Raised my voice" in text and "Forgot the appointment" not in text


async def test_deleting_a_note_asks_first_and_can_be_undone(store):
    note = store.add_note(Note(date(2026, 11, 1), "Came home late without a text", Trigger.NEGLECT))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_notes(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert [n.id for n in store.notes()] == [note.id]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.notes() == []
        assert "No notes yet" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        (restored,) = store.notes()
        assert (restored.id, restored.what_happened) == (note.id, note.what_happened)


async def coach_reads(pilot) -> None:
    """Let the coach read the note: it waits for typing to pause (a wait restarted by
    the last key may take up to two pauses)."""
    await settle(pilot)
    await pilot.pause(2 * COACH_PAUSE + 0.2)
    await settle(pilot)


async def test_the_coach_offers_an_i_statement_and_ctrl_r_replaces_the_sentence(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_notes(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "can be hard to hear" not in screen_text(app)
        what = app.screen.query_one("#what", TextArea)
        what.text = "We had plans. You never listen to me when I talk about work"
        await pilot.press("end", ".", *" It hurt.")
        await coach_reads(pilot)
        coach = str(app.screen.query_one("#coach-text", Static).render())
        assert coach == (
            "“You never listen to me when I talk about work” can be hard to hear. "
            "Try:\nI feel … when you don't listen to me when I talk about work."
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        # Exactly the sentence offered is replaced, in place; the rest stays as written.
        assert what.text == (
            "We had plans. I feel … when you don't listen to me when I talk about work. It hurt."
        )
        assert app.screen.query_one("#feeling", TextArea).text == ""
        assert what.has_focus and what.selected_text == "…", "the cursor waits on the …"
        assert not app.screen.query_one("#coach").display, "the offer is used: the hint goes"
        await pilot.press("ctrl+r")  # nothing more to rewrite: nothing is added again
        await settle(pilot)
        assert what.text.count("I feel") == 1
        await pilot.press(*"unheard")
        assert what.text.startswith("We had plans. I feel unheard when you don't listen")
        # ctrl+z in the field takes the typing and then the rewrite back.
        for _ in range(3):
            await pilot.press("ctrl+z")
        await settle(pilot)
        assert what.text == (
            "We had plans. You never listen to me when I talk about work. It hurt."
        )


async def test_the_rewrite_fits_the_sentence_around_it(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_note(pilot)
        feeling = app.screen.query_one("#feeling", TextArea)
        feeling.text = "You constantly interrupt me; it hurts"
        await coach_reads(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert feeling.text == "I feel … when you interrupt me; it hurts"


async def test_leaving_the_editor_with_unsaved_words_asks_first(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_notes(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        await pilot.press(*"Not lost", "escape")
        await settle(pilot)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one("#what", TextArea).text == "Not lost"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert store.notes() == []


async def test_a_note_dated_in_the_future_is_refused_in_place(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_notes(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Kept")
        app.screen.query_one("#day", Input).value = "2026-12-24"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        assert "2026-12-24 is in the future" in screen_text(app)
        assert app.screen.query_one("#what", TextArea).text == "Kept"


async def test_quitting_with_a_half_written_note_asks_first(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_note(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"Something painful")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one("#what", TextArea).text == "Something painful"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not app.is_running


async def test_quitting_from_an_untouched_form_does_not_ask(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_note(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_typing_a_long_note_reads_it_once_when_typing_pauses(store, monkeypatch):
    """Issue 9 point 6: each key cost a full read of the note by the coach, so typing
    slowed down as the note grew. Now a burst of keys costs the coach one read."""
    from tracker.ui.dialogs import note_editor

    read: list[int] = []

    def counting(text: str):
        read.append(len(text))
        return find_accusations(text)

    monkeypatch.setattr(note_editor, "find_accusations", counting)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_note(pilot)
        what = app.screen.query_one("#what", TextArea)
        what.text = "We walked by the lake and talked for a long time.\n" * 200  # 10,200
        what.move_cursor(what.document.end)
        await coach_reads(pilot)
        read.clear()
        keys = "and then you never called back " * 20  # 620 keys, one burst
        type_burst(app, *keys)
        await settle(pilot)
        assert what.text.endswith(keys), "every key landed, in order"
        assert read == [], "no read while the keys keep coming"
        await coach_reads(pilot)
        # One read of each field once typing paused: what it costs grows with the note,
        # not with the note times the keys typed (620 reads of 10,000+ characters before).
        assert 1 <= len(read) <= 2
        assert sum(read) <= len(what.text)
        assert app.screen.query_one("#coach").display
