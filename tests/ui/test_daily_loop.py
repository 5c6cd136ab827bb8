"""What users of Loop, dijo and harsh expect in the daily loop, on Today (issue 11 points
16, 17 and 18): a note on a check-off, excuses planned ahead, going through what's open."""

from __future__ import annotations

from datetime import date, timedelta

from app_support import TODAY, add_promise, make_app
from ui_support import screen_text, settle

from tracker.model import MarkStatus
from tracker.ui.dialogs.ask import AskDialog
from tracker.ui.dialogs.day_note import DayNoteDialog

SMALL = (80, 24)


async def test_a_check_off_with_a_note_and_the_note_shown_for_the_day(store):
    walk = add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, DayNoteDialog)
        await pilot.press(*"to the lake, no phones", "enter")
        await settle(pilot)
        mark = store.marks_of(walk.id)[TODAY]
        assert (mark.status, mark.note) == (MarkStatus.KEPT, "to the lake, no phones")
        assert "Kept: to the lake, no phones" in screen_text(app)
        await pilot.press("n")  # again: the note is there to change
        await settle(pilot)
        assert app.screen.query_one("#day-note").value == "to the lake, no phones"


async def test_a_trip_ahead_is_excused_from_today_and_shown_until_it_is_taken_back(store):
    walk = add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(3):
            await pilot.press("right")
        await settle(pilot)
        assert "Looking ahead: x excuses a day planned away" in screen_text(app)
        await pilot.press("x", *"travelling", "tab", *"2026-11-30", "enter")
        await settle(pilot)
        first = TODAY + timedelta(days=3)
        excused = store.marks_of(walk.id)
        assert sorted(excused) == [first + timedelta(days=i) for i in range(3)]
        assert all(mark.reason == "travelling" for mark in excused.values())
        row = next(line for line in screen_text(app).splitlines() if "Walk the dog" in line)
        assert "excused" in row
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "Planned: Walk the dog: excused Sat 28 – Mon 30 Nov (travelling)" in text
        await pilot.press("right", "right", "right", "u")  # take one day back
        await settle(pilot)
        assert first not in store.marks_of(walk.id)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert first in store.marks_of(walk.id)


async def test_going_through_what_is_open_asks_one_promise_at_a_time(store):
    walk = add_promise(store, "Walk the dog")
    phone = add_promise(store, "Phone away at dinner")
    call = add_promise(store, "Call back within the hour")
    tell = add_promise(store, "Tell the truth")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        text = screen_text(app)
        assert "What's open · 1 of 4" in text and "Walk the dog" in text
        await pilot.press("y")
        await settle(pilot)
        assert "2 of 4" in screen_text(app) and "Phone away at dinner" in screen_text(app)
        await pilot.press("s", *"sick", "enter")
        await settle(pilot)
        await pilot.press("enter")  # skip the call
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(app.screen, AskDialog)
        assert store.marks_of(walk.id)[TODAY].status is MarkStatus.KEPT
        excused = store.marks_of(phone.id)[TODAY]
        assert (excused.status, excused.reason) == (MarkStatus.EXCUSED, "sick")
        assert store.marks_of(call.id) == {} and store.marks_of(tell.id) == {}
        await pilot.press("ctrl+z")  # the answers are ordinary changes
        await settle(pilot)
        assert store.marks_of(phone.id) == {}


async def test_with_nothing_open_going_through_says_so(store):
    walk = add_promise(store, "Walk the dog", start=date(2026, 11, 25))
    app = make_app(store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("space", "o")
        await settle(pilot)
        assert not isinstance(app.screen, AskDialog)
        assert store.marks_of(walk.id)[TODAY].status is MarkStatus.KEPT


async def test_escape_asks_before_dropping_a_reason_typed_while_going_through(store):
    """Point 8 in the walk-through: a reason typed after s is not dropped by escape
    without asking; n keeps it, y drops it and the question stays."""
    from tracker.ui.dialogs.confirm import ConfirmDialog

    walk = add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o", "s", *"away for", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        await pilot.press(*" work", "enter")
        await settle(pilot)
        assert store.marks_of(walk.id)[TODAY].reason == "away for work"
        await pilot.press("ctrl+z", "o", "s", *"ill", "escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog) and "Walk the dog" in screen_text(app)
        assert not app.screen.query_one("#ask-reason").display
        await pilot.press("escape")  # nothing typed: escape stops at once
        await settle(pilot)
        assert not isinstance(app.screen, AskDialog)
        assert store.marks_of(walk.id) == {}


async def test_going_through_what_is_open_uses_todays_keys_and_n_is_never_missed(store):
    """n on Today is "kept, with a note": inside o it must not mean "missed"."""
    walk = add_promise(store, "Walk the dog")
    phone = add_promise(store, "Phone away at dinner")
    call = add_promise(store, "Call back within the hour")
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert "space kept · m missed · x excused" in screen_text(app)
        await pilot.press("n")  # not an answer here
        await settle(pilot)
        assert store.marks_of(walk.id) == {}
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("x", "enter")
        await settle(pilot)
    assert store.marks_of(walk.id)[TODAY].status is MarkStatus.KEPT
    assert store.marks_of(phone.id)[TODAY].status is MarkStatus.MISSED
    assert store.marks_of(call.id)[TODAY].status is MarkStatus.EXCUSED
