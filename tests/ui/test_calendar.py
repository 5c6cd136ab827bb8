"""Fix any day from the calendar (issue 11 points 15 and 18): the heatmap of one promise
in Streaks carries a cursor, moved by the arrows or a click, with Today's keys."""

from __future__ import annotations

from datetime import timedelta

from app_support import TODAY, add_promise, make_app
from ui_support import screen_text, settle

from tracker.model import Mark, MarkStatus
from tracker.ui.dialogs.excuse import ExcuseDialog
from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap

SMALL = (80, 24)


def readout(app) -> str:
    return str(app.screen.query_one("#day-readout").render())


async def test_a_past_day_is_marked_from_the_heatmap_with_today_s_keys(store):
    walk = add_promise(store, "Walk the dog", start=TODAY - timedelta(days=30))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "tab")
        await settle(pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.has_focus and heatmap.cursor == TODAY
        assert readout(app) == "Wed 25 Nov 2026 · ◌ open"
        assert "Kept" in screen_text(app).splitlines()[-1], "the footer names the keys"
        await pilot.press("left", "up")  # a week back, a day before: Tue 17 Nov
        await settle(pilot)
        day = TODAY - timedelta(days=8)
        assert heatmap.cursor == day
        assert readout(app) == "Tue 17 Nov 2026 · ○ missed"
        await pilot.press("space")
        await settle(pilot)
        assert store.marks_of(walk.id)[day].status is MarkStatus.KEPT
        assert readout(app) == "Tue 17 Nov 2026 · ● kept"
        assert heatmap.cursor == day, "the cursor stays on the day after the redraw"
        await pilot.press("n", *"rain, we went anyway", "enter")
        await settle(pilot)
        assert store.marks_of(walk.id)[day].note == "rain, we went anyway"
        assert readout(app) == "Tue 17 Nov 2026 · ● kept · rain, we went anyway"
        await pilot.press("u")
        await settle(pilot)
        assert day not in store.marks_of(walk.id)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExcuseDialog)
        await pilot.press(*"ill", "enter")
        await settle(pilot)
        assert store.marks_of(walk.id)[day].status is MarkStatus.EXCUSED
        assert readout(app) == "Tue 17 Nov 2026 · – excused · ill"


async def test_a_click_on_a_day_puts_the_cursor_there(store):
    add_promise(store, "Walk the dog", start=TODAY - timedelta(days=30))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
        await settle(pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        cell_width, weeks, first_monday = heatmap.geometry()
        # The Monday of this week: last column, first weekday row.
        x = 4 + (weeks - 1) * cell_width
        await pilot.click(CalendarHeatmap, offset=(x, 1))
        await settle(pilot)
        assert heatmap.has_focus
        assert heatmap.cursor == TODAY - timedelta(days=2)
        assert readout(app).startswith("Mon 23 Nov 2026 · ")
        assert heatmap.day_at(x, 0) is None and heatmap.day_at(0, 3) is None
        assert first_monday.weekday() == 0


async def test_the_strength_of_a_new_promise_starts_at_its_start_and_5_looks_like_5(store):
    """Issue 11 point 4: no solid full-height block across the year before it existed."""
    from tracker.ui.widgets.strength_chart import StrengthChart

    add_promise(store, "Walk the dog", start=TODAY - timedelta(days=5), kept_days=1)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
        await settle(pilot)
        chart = app.screen.query_one(StrengthChart)
        columns = chart.column_values(chart.size.width)
        drawn = [value for value in columns if value is not None]
        assert columns[0] is None and len(drawn) <= 2, "nothing before the promise began"
        assert max(drawn) < 20
        text = screen_text(app)
        assert "█" not in "\n".join(
            line for line in text.splitlines() if "Strength" not in line and "▁" in line
        )
        assert "Strength since 20 Nov:" in text and "of 100" in text


def test_best_runs_say_what_they_count():
    from tracker.model import Promise
    from tracker.schedule import parse_schedule
    from tracker.stats import StreakUnit
    from tracker.ui.screens.streaks import RUN_UNITS, run_unit

    class Stats:
        streak_unit = StreakUnit.DAYS

    def unit(schedule: str) -> str:
        return run_unit(Promise("x", parse_schedule(schedule), TODAY), Stats())  # type: ignore[arg-type]

    assert (unit("daily"), unit("mon,wed,fri"), unit("every 2 days")) == ("days", "times", "times")
    assert RUN_UNITS["times"] == "due days kept in a row"


async def test_an_excuse_planned_ahead_shows_in_the_heatmap_and_is_taken_back_there(store):
    """Point 17: a trip next week is drawn ahead of today in the promise's heatmap, read
    out with its reason, and u on it takes it back; the cursor still starts on today."""
    walk = add_promise(store, "Walk the dog", start=TODAY - timedelta(days=30))
    trip = [TODAY + timedelta(days=offset) for offset in (7, 8, 9)]  # Wed 2 - Fri 4 Dec
    for day in trip:
        store.put_mark(Mark(walk.id, day, MarkStatus.EXCUSED, reason="trip"))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "tab")
        await settle(pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.cursor == TODAY, "the cursor starts on today, not on the trip"
        assert heatmap.end == trip[-1]
        assert [heatmap.cells[day][0] for day in trip] == ["–", "–", "–"]
        assert "–" in str(heatmap.render()).splitlines()[3], "Wednesday's row shows the trip"
        await pilot.press("end")
        await settle(pilot)
        assert heatmap.cursor == trip[-1]
        assert readout(app) == "Fri 4 Dec 2026 · – excused ahead (u takes it back) · trip"
        await pilot.press("u")
        await settle(pilot)
        assert trip[-1] not in store.marks_of(walk.id)
        assert heatmap.end == trip[1] and heatmap.cursor == trip[1]
        await pilot.press("up", "u")  # Wed 2 Dec, then taken back too
        await settle(pilot)
        assert sorted(store.marks_of(walk.id)) == [trip[1]]
        assert readout(app) == "Wed 2 Dec 2026 · ahead: x excuses it"
        await pilot.press("space")  # a day ahead cannot be kept
        await settle(pilot)
        assert trip[0] not in store.marks_of(walk.id)
