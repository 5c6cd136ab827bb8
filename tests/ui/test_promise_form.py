"""Stories on the promise form: live schedule help, refusals in place, editing, archiving."""

from __future__ import annotations

from app_support import TODAY, add_promise, make_app
from textual.widgets import Input, Static
from ui_support import screen_text, settle

from tracker.ui.dialogs.promise_editor import PromiseEditor, schedule_preview


async def test_a_bad_schedule_is_explained_in_the_form_which_keeps_its_text(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, PromiseEditor)
        await pilot.press(*"Call back within the hour")
        editor.query_one("#schedule", Input).value = "sometimes"
        await settle(pilot)
        assert "'sometimes' is not a schedule" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor, "a refused save keeps the form open"
        error = editor.query_one("#dialog-error", Static)
        assert error.display and "is not a schedule" in str(error.render())
        assert editor.query_one("#title", Input).value == "Call back within the hour"
        assert store.promises() == []
        editor.query_one("#schedule", Input).value = "mon,wed,fri"
        await settle(pilot)
        assert "Mon, Wed, Fri · next: Wed 25 Nov, Fri 27 Nov, Mon 30 Nov" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not editor
        (promise,) = store.promises()
        assert promise.title == "Call back within the hour"
        assert promise.schedule.spec == "mon,wed,fri"
        assert "Call back within the hour" in screen_text(app)


async def test_editing_a_promise_keeps_its_history(store):
    promise = add_promise(store, "Phone away at dinner", kept_days=4)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        title = app.screen.query_one("#title", Input)
        title.value = "Phones in the drawer at dinner"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.promise(promise.id).title == "Phones in the drawer at dinner"
        assert len(store.marks_of(promise.id)) == 4
        row = next(line for line in screen_text(app).splitlines() if "drawer" in line)
        assert "4 days" in row


async def test_archiving_a_promise_hides_it_and_ctrl_z_restores_it(store):
    promise = add_promise(store, "Share my calendar openly")
    add_promise(store, "Another promise")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        await pilot.click("#archive")
        await settle(pilot)
        assert store.promise(promise.id).archived
        assert "Share my calendar" not in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not store.promise(promise.id).archived
        assert "Share my calendar" in screen_text(app)


async def test_escape_closes_the_form_without_saving(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"Half typed", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, PromiseEditor)
        assert store.promises() == []


def test_the_schedule_preview_explains_weekly_targets_and_mistakes():
    assert schedule_preview("3/week", "", TODAY) == (
        True,
        "3 days a week: any days of each Monday-to-Sunday week.",
    )
    ok, words = schedule_preview("every 9 weeks", "", TODAY)
    assert not ok and "Accepted schedules" in words
    assert schedule_preview("every 2 days", "2026-11-24", TODAY) == (
        True,
        "Every other day · next: Thu 26 Nov, Sat 28 Nov, Mon 30 Nov",
    )


async def test_dates_and_times_are_checked_as_they_are_typed(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#end", Input).value = "2026-02-30"
        await settle(pilot)
        assert "February 2026 has 28 days" in screen_text(app)
        editor.query_one("#end", Input).value = "2026-11-01"
        await settle(pilot)
        assert "It ends (2026-11-01) before it starts." in screen_text(app)
        editor.query_one("#end", Input).value = ""
        editor.query_one("#reminders", Input).value = "25:00"
        await settle(pilot)
        assert "'25:00' is not a time of day" in screen_text(app)
        editor.query_one("#reminders", Input).value = "20:30"
        await settle(pilot)
        assert not editor.query_one("#dialog-error").display
