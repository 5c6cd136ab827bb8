"""A measured promise in the app (issue 22): space asks how much in place, + and - step
it, the row shows "11 of 10 min" where a yes/no promise shows its word, and a past day's
amount is fixed like a mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from app_support import TODAY, add_promise, make_app
from ui_support import screen_text, settle

from tracker.model import MarkStatus, Measure, TargetKind
from tracker.store import Store
from tracker.ui.screens.today import AmountEntry


def measured(store: Store, title: str = "Ten minutes of talk after dinner") -> int:
    promise = add_promise(store, title)
    return store.update_promise(replace(promise, measure=Measure("min", 10))).id


def row_of(app: object, title: str) -> str:
    return next(line for line in screen_text(app).splitlines() if title in line)


async def test_space_asks_the_amount_in_place_and_6_then_5_minutes_keep_the_day(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        entry = app.screen.query_one(AmountEntry)
        assert entry.display and entry.has_focus
        await pilot.press("6", "enter")
        await settle(pilot)
        assert store.marks_of(promise_id)[TODAY].amount == 6
        row = row_of(app, "Ten minutes")
        assert "◌ 6/10" in row and "6 of 10 min" in row  # open: the day is not over
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("5", "m", "enter")
        await settle(pilot)
        mark = store.marks_of(promise_id)[TODAY]
        assert (mark.amount, mark.status) == (11, MarkStatus.KEPT)
        row = row_of(app, "Ten minutes")
        assert "● 11/10" in row and "11 of 10 min" in row


async def test_a_mistyped_amount_is_said_and_the_entry_stays_open(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("-", "3", "enter")
        await settle(pilot)
        assert app.screen.query_one(AmountEntry).display
        assert "cannot be negative" in " ".join(n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query_one(AmountEntry).display
        assert TODAY not in store.marks_of(promise_id)


async def test_an_absurd_amount_is_said_and_the_entry_keeps_what_was_typed(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("space")
        await settle(pilot)
        await pilot.press(*"99999999", "enter")
        await settle(pilot)
        entry = app.screen.query_one(AmountEntry)
        assert entry.display and entry.value == "99999999"
        assert "at most 1,000,000" in " ".join(n.message for n in app._notifications)
        assert TODAY not in store.marks_of(promise_id)
        entry.value = "1500"
        await pilot.press("enter")
        await settle(pilot)
        assert entry.display and entry.value == "1500"
        assert "A day holds 24 hours" in " ".join(n.message for n in app._notifications)
        assert TODAY not in store.marks_of(promise_id)


async def test_plus_and_minus_step_the_day_and_a_past_day_is_fixed(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("left")
        await settle(pilot)
        await pilot.press("plus", "plus", "plus")
        await settle(pilot)
        yesterday = TODAY - timedelta(days=1)
        assert store.marks_of(promise_id)[yesterday].amount == 15
        assert "● 15/10" in row_of(app, "Ten minutes")
        await pilot.press("minus")
        await settle(pilot)
        mark = store.marks_of(promise_id)[yesterday]
        assert (mark.amount, mark.status) == (10, MarkStatus.KEPT)
        await pilot.press("minus")
        await settle(pilot)
        assert store.marks_of(promise_id)[yesterday].status is MarkStatus.MISSED
        assert "○ 5/10" in row_of(app, "Ten minutes")


async def test_at_most_with_nothing_entered_reads_as_kept_on_past_days(store):
    promise = add_promise(store, "Late nights")
    store.update_promise(replace(promise, measure=Measure("late night", 1, TargetKind.AT_MOST)))
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("left")
        await settle(pilot)
        assert "● 0/1" in row_of(app, "Late nights")


async def test_a_past_day_s_amount_is_fixed_from_the_streaks_calendar(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("3", "tab")
        await settle(pilot)
        await pilot.press("up")  # yesterday
        await settle(pilot)
        assert "○ missed · 0 of 10 min" in str(app.screen.query_one("#day-readout").render())
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("1", "2", "enter")  # in place of the 0 it had (selected)
        await settle(pilot)
        yesterday = TODAY - timedelta(days=1)
        mark = store.marks_of(promise_id)[yesterday]
        assert (mark.amount, mark.status) == (12, MarkStatus.KEPT)
        readout = str(app.screen.query_one("#day-readout").render())
        assert "● kept · 12 of 10 min" in readout
        assert "at least 10 min a day" in screen_text(app)


async def test_the_promise_form_makes_a_promise_measured_and_changes_its_target(store):
    from textual.widgets import Input

    from tracker.ui.dialogs.promise_editor import PromiseEditor

    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, PromiseEditor)
        await pilot.press(*"Ten minutes of talk after dinner")
        editor.query_one("#measure", Input).value = "at least lots"
        await settle(pilot)
        assert "is not an amount" in screen_text(app)
        editor.query_one("#measure", Input).value = "at least 10m"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        (promise,) = store.promises()
        assert promise.measure == Measure("min", 10)
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#measure", Input)
        assert field.value == "at least 10 min"
        field.value = "at most 2 late nights"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        (promise,) = store.promises()
        assert promise.measure == Measure("late nights", 2, TargetKind.AT_MOST)


async def test_going_through_what_is_open_asks_a_measured_promise_how_much(store):
    promise_id = measured(store)
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert "at least 10 min" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("l", "o", "t", "s", "enter")
        await settle(pilot)
        assert "is not an amount" in screen_text(app)
        assert TODAY not in store.marks_of(promise_id)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "1", "2", "enter")
        await settle(pilot)
        mark = store.marks_of(promise_id)[TODAY]
        assert (mark.amount, mark.status) == (12, MarkStatus.KEPT)


async def test_a_day_of_an_earlier_week_says_that_week_not_this_week(store):
    promise = add_promise(store, "Thank-yous", "3/week", start=TODAY - timedelta(days=14))
    store.update_promise(replace(promise, measure=Measure("thanks", 5)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "0 of 5 thanks this week" in row_of(app, "Thank-yous")
        for _ in range(TODAY.weekday() + 1):  # back to last week's Sunday
            await pilot.press("left")
            await settle(pilot)
        assert "that week" in row_of(app, "Thank-yous")
        assert "this week" not in row_of(app, "Thank-yous")


async def test_a_unit_that_looks_like_markup_is_shown_as_typed_when_fixing_a_day(store):
    promise = add_promise(store, "Talk")
    store.update_promise(replace(promise, measure=Measure("[b]pages[/b] [/]", 10)))
    app = make_app(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("3", "tab")
        await settle(pilot)
        await pilot.press("up")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert "At least 10 [b]pages[/b] [/]." in screen_text(app)
