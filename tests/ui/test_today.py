"""Stories on the Today view: check off, fix yesterday, excuse, undo, look ahead."""

from __future__ import annotations

from datetime import timedelta

from app_support import TODAY, add_promise, make_app
from ui_support import screen_text, settle

from tracker.model import DayStatus, MarkStatus
from tracker.ui.widgets.fitted_table import FittedTable


async def test_checking_off_a_promise_grows_its_streak_on_streaks(store):
    promise = add_promise(store, "Phone away at dinner", kept_days=5)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "0 of 1 kept · 1 still open" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert store.marks_of(promise.id)[TODAY].status is MarkStatus.KEPT
        assert "All 1 kept" in screen_text(app) or "Kept" in screen_text(app)
        await pilot.press("3")
        await settle(pilot)
        streaks = screen_text(app)
        row = next(line for line in streaks.splitlines() if "Phone away at dinner" in line)
        assert "6 days" in row


async def test_the_highlight_stays_on_the_same_promise_when_the_day_changes(store):
    """Yesterday lists its promises in another order (a mon,wed,fri promise is not due on a
    Tuesday): the highlight follows the promise, so space marks the one the user chose."""
    fridays = add_promise(store, "Ask about her day", "mon,wed,fri")
    daily = add_promise(store, "Text when I'll be late")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        await settle(pilot)
        table = app.screen.query_one(FittedTable)
        assert table.current_key == daily.id
        await pilot.press("left")
        await settle(pilot)
        assert table.current_key == daily.id
        await pilot.press("space")
        await settle(pilot)
        yesterday = TODAY - timedelta(days=1)
        assert store.marks_of(daily.id)[yesterday].status is MarkStatus.KEPT
        assert yesterday not in store.marks_of(fridays.id)


async def test_fixing_yesterdays_forgotten_mark(store):
    promise = add_promise(store, "Text when I'll be late", kept_days=0)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left")
        await settle(pilot)
        text = screen_text(app)
        assert "Tuesday 24 November 2026" in text and "yesterday" in text
        assert "○ missed" in text
        await pilot.press("space")
        await settle(pilot)
        assert store.marks_of(promise.id)[TODAY - timedelta(days=1)].status is MarkStatus.KEPT
        assert TODAY not in store.marks_of(promise.id)
        assert "● kept" in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert "Sunday 22 November 2026" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert "Wednesday 25 November 2026" in screen_text(app)


async def test_future_days_can_be_seen_but_not_marked(store):
    promise = add_promise(store, "Hug hello and goodbye")
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("right")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert "Thursday 26 November 2026" in screen_text(app)
        assert "in the future" in screen_text(app)
        assert store.marks_of(promise.id) == {}


async def test_excusing_a_day_asks_for_a_reason_and_keeps_the_streak(store):
    promise = add_promise(store, "Walk together after dinner", kept_days=3)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await pilot.press(*"travel", "enter")
        await settle(pilot)
        mark = store.marks_of(promise.id)[TODAY]
        assert (mark.status, mark.reason) == (MarkStatus.EXCUSED, "travel")
        row = next(line for line in screen_text(app).splitlines() if "Walk together" in line)
        assert "– excused" in row and "3 days" in row


async def test_unchecking_by_mistake_can_be_undone(store):
    promise = add_promise(store, "Say thank you for one thing")
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "u")
        await settle(pilot)
        assert TODAY not in store.marks_of(promise.id)
        assert "ctrl+z undoes it" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.marks_of(promise.id)[TODAY].status is MarkStatus.KEPT


async def test_a_first_run_teaches_how_to_add_a_promise(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Press  a  to add your first promise" in text
        assert not app.screen.query_one(FittedTable).display


async def test_the_cursor_stays_on_the_promise_after_a_check_off(store):
    add_promise(store, "First promise")
    second = add_promise(store, "Second promise")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "space")
        await settle(pilot)
        assert app.screen.query_one(FittedTable).current_key == second.id
        assert TODAY in store.marks_of(second.id)


async def test_the_table_is_built_once_at_start_and_fitted_to_the_screen(store, monkeypatch):
    """The first frame shows the titles at their full width, not a narrow column that a
    rebuild widens a moment later (start-up pays for one build of the rows)."""
    add_promise(store, "Ask about her day and listen without fixing it")
    builds: list[FittedTable] = []
    rebuild = FittedTable._rebuild

    def counting(self, *args) -> None:
        rebuild(self, *args)
        builds.append(self)

    monkeypatch.setattr(FittedTable, "_rebuild", counting)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FittedTable)
        assert len(builds) == 1
        assert table.columns["promise"].width == table._flex_width(100) > 40
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert len(builds) == 2 and table.columns["promise"].width == table._flex_width(120)


async def test_a_past_day_counts_only_what_it_asked_and_shows_it_as_it_stands_now(store):
    """Mon 16 Nov: the daily promise has no mark (missed); the 2/week one was met later that
    week, so Monday asked nothing of it and the summary does not count it."""
    from datetime import date

    from tracker.model import Mark

    start = date(2026, 11, 9)
    add_promise(store, "Phone away at dinner", start=start)
    date_night = add_promise(store, "Plan a date night", "2/week", start=start)
    store.put_marks(Mark(date_night.id, date(2026, 11, day), MarkStatus.KEPT) for day in (19, 20))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["left"] * 9)
        await settle(pilot)
        text = screen_text(app)
        assert "Monday 16 November 2026" in text
        assert "0 of 1 kept · 1 missed" in text
        phone = next(line for line in text.splitlines() if "Phone away at dinner" in line)
        assert "○ missed" in phone
        row = next(line for line in text.splitlines() if "Plan a date night" in line)
        assert "missed" not in row and "open" not in row


async def test_a_check_off_is_drawn_before_it_is_written(store, monkeypatch):
    """The key's frame does not wait on the disk: the first frame after space already shows
    the promise kept; the mark is saved right after that frame, and then it is on disk."""
    promise = add_promise(store, "Phone away at dinner")
    app = make_app(store)
    events: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        today = app.screen
        drawn = app._display

        def display(screen: object, renderable: object) -> None:
            row = today._current()
            if renderable is not None and row is not None and row.status is DayStatus.KEPT:
                events.append("drawn kept")
            drawn(screen, renderable)

        check_off = app.service.marks.check_off

        def writing(*args: object) -> object:
            events.append("written")
            return check_off(*args)

        monkeypatch.setattr(app, "_display", display)
        monkeypatch.setattr(app.service.marks, "check_off", writing)
        await pilot.press("space")
        await settle(pilot)
        assert events[:2] == ["drawn kept", "written"]
        assert store.marks_of(promise.id)[TODAY].status is MarkStatus.KEPT


async def test_quitting_right_after_a_check_off_still_saves_it(store):
    promise = add_promise(store, "Phone away at dinner")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.action_check_off()  # no frame drawn yet when the quit comes
        await app.action_quit()
    assert store.marks_of(promise.id)[TODAY].status is MarkStatus.KEPT
