"""Stories on Time together: log an evening, see the week add up, fix and undo entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_support import TODAY, make_app
from textual.widgets import Input, Static
from ui_support import screen_text, settle

from tracker.model import QualityKind, QualityTime
from tracker.store import Store
from tracker.store.locking import ProcessLock


async def open_together(pilot) -> None:
    await pilot.press("2")
    await settle(pilot)


async def test_logging_time_together_shows_the_weekly_total(store):
    store.add_quality(QualityTime(date(2026, 11, 23), 30, QualityKind.DATE_NIGHT))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_together(pilot)
        assert "This week: 30m of your 3h goal · 2h 30m to go" in screen_text(app)
        await pilot.press("n", *"1h30")
        await pilot.press("enter")
        await settle(pilot)
        (_monday, logged) = store.quality_entries()
        assert (logged.day, logged.minutes, logged.kind) == (TODAY, 90, QualityKind.CONVERSATION)
        text = screen_text(app)
        assert "This week: 2h of your 3h goal · 1h to go" in text
        assert "Wed 25 Nov" in text and "1h 30m" in text
        assert app.screen.query_one("#q-duration", Input).value == ""


async def test_reaching_the_weekly_goal_is_said_plainly(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_together(pilot)
        await pilot.press("n", *"3:15", "enter")
        await settle(pilot)
        assert "This week: 3h 15m. Your 3h goal is met." in screen_text(app)


async def test_a_bad_duration_is_explained_and_the_form_keeps_its_text(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_together(pilot)
        await pilot.press("n", *"an hour or so")
        app.screen.query_one("#q-note", Input).value = "walk by the lake"
        await pilot.press("enter")
        await settle(pilot)
        assert "'an hour or so' is not a duration" in screen_text(app)
        assert app.screen.query_one("#q-duration", Input).value == "an hour or so"
        assert app.screen.query_one("#q-note", Input).value == "walk by the lake"
        assert store.quality_entries() == []


async def test_a_locked_data_file_is_reported_and_nothing_typed_is_lost(tmp_path):
    path = tmp_path / "tracker.json"
    store = Store.open(path, lock_timeout=0.2, automatic_backups=False)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_together(pilot)
        await pilot.press("n", *"45m")
        with ProcessLock(Path(f"{path}.lock"), timeout=10):
            await pilot.press("enter")
            await settle(pilot)
        error = app.screen.query_one("#quality-error", Static)
        assert error.display
        assert app.screen.query_one("#q-duration", Input).value == "45m"
        await pilot.press("enter")
        await settle(pilot)
        assert [entry.minutes for entry in store.quality_entries()] == [45]


async def test_editing_and_deleting_an_entry_with_undo(store):
    entry = store.add_quality(QualityTime(date(2026, 11, 24), 40, QualityKind.QUIET_MOMENT))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_together(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#duration", Input).value = "50m"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.quality_entries()[0].minutes == 50
        await pilot.press("d")
        await settle(pilot)
        assert store.quality_entries() == []
        assert "ctrl+z undoes it" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        (restored,) = store.quality_entries()
        assert (restored.id, restored.minutes) == (entry.id, 50)


async def test_the_weekly_goal_is_set_from_the_view(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_together(pilot)
        await pilot.press("g")
        await settle(pilot)
        app.screen.query_one("#weekly_quality_target", Input).value = "4h"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.settings().weekly_quality_minutes == 240
        assert "of your 4h goal" in screen_text(app)


async def test_after_choosing_the_kind_ctrl_s_logs_it_as_the_empty_state_says(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_together(pilot)
        assert "pick the kind, and press enter" not in screen_text(app)
        await pilot.press("n", *"45m", "tab")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "q-kind"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = store.quality_entries()
        assert (entry.minutes, entry.day) == (45, TODAY)
