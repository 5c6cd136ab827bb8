"""Every view laid out for 80x24 first (issue 11 points 7, 6 and 11): nothing a user
needs is cut, every row reachable, then the same views on a larger terminal."""

from __future__ import annotations

import pytest
from app_support import make_app
from ui_support import screen_text, settle

from tracker.ui.widgets import top_bar
from tracker.ui.widgets.top_bar import TopBar
from tracker.ui.widgets.week_bars import WeekBars, hours_label

SMALL = (80, 24)
LARGE = (200, 60)
SIX_VIEWS = (*top_bar.VIEWS, ("partner", "5", "Partner"), ("us", "6", "Us"))


def top_line(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_the_header_fits_six_views_and_the_date_at_80_columns(store, monkeypatch):
    monkeypatch.setattr(top_bar, "VIEWS", SIX_VIEWS)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        line = top_line(app)
        assert len(line) <= 80
        assert "1 Today" in line and "Wed 25 Nov" in line
        for key in "23456":
            assert f" {key} " in line, f"view {key} is still named by its key"
        bar = app.screen.query_one(TopBar)
        assert bar._width_of(True, True, "Wed 25 Nov 2026") > 80, "six full names do not fit"
    async with make_app(store).run_test(size=LARGE) as pilot:
        await settle(pilot)
        line = top_line(pilot.app)
        assert "tracker" in line and "5 Partner" in line and "6 Us" in line
        assert "Wed 25 Nov 2026" in line


async def test_a_click_on_a_view_in_the_header_goes_there(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        column = top_line(app).index("3 Streaks")
        await pilot.click(TopBar, offset=(column + 1, 0))
        await settle(pilot)
        assert app.current_mode == "streaks"


async def test_today_keeps_the_week_count_of_a_long_title_and_reaches_the_last_row(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Weekly check-in" in line)
        assert "1 of 1 this week" in row, "the count stays, the title gives way"
        assert "Morning coffee together" not in text, "the 17th row starts below the fold"
        await pilot.press("end")
        await settle(pilot)
        last = next(line for line in screen_text(app).splitlines() if "Morning coffee" in line)
        assert "not due" in last


async def test_streaks_shows_the_whole_heatmap_and_pages_its_lower_pane(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        for weekday in ("Mon", "Wed", "Fri", "Sun"):
            assert any(line.strip().startswith(weekday) for line in text.splitlines()), weekday
        assert "PgDn" in text.splitlines()[-1], "the footer names the key"
        detail = app.screen.query_one("#streaks-detail")
        assert detail.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert detail.scroll_y > 0
        assert "Best runs" in screen_text(app)


async def test_notes_show_more_of_what_happened_at_80_columns(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("4")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "quick drink" in line)
        assert "A 'quick drink' that lasted until midnig" in row
    async with make_app(demo_store).run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "Poor communication" in text, "the trigger reads as everywhere else"
        assert "Communication " not in text.replace("Poor communication", "")


async def test_the_empty_together_view_fits_its_welcome(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "No time together logged yet" in text
        assert "╰" in text, "the box is drawn whole"
        assert app.screen.max_scroll_y == 0


async def test_together_bars_say_hours_alike_and_mark_a_met_week_with_a_tick(demo_store):
    assert [hours_label(m) for m in (0, 20, 60, 126, 240, 750)] == [
        "0",
        "0.3",
        "1",
        "2.1",
        "4",
        "12",
    ]
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        title = next(i for i, line in enumerate(lines) if "Last 12 weeks" in line)
        assert "✓ the 3h goal met" in lines[title]
        assert "✓" in lines[title + 1], "met weeks carry a tick, not only a colour"
        # The bars' own lines: the bids panel stands beside them since the merge.
        bars = str(app.screen.query_one(WeekBars).render()).splitlines()
        labels = next(line for line in bars if line.strip().startswith("2.8"))
        assert "h" not in labels and "m" not in labels
        assert any(labels in line for line in lines[title:]), "the labels are in sight"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_streaks_journey_line_is_never_cut_mid_sentence(demo_store, size):
    """Point 7 on the merged code: at 80 and 120 columns the journey line said '· pa…'
    and '· past the time frames people are told to ex…'; it now drops a whole part."""
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await settle(pilot)
        line = next(
            line for line in screen_text(app).splitlines() if "Rebuilding since" in line
        ).strip()
        assert "…" not in line, line
        assert line.endswith(("expect", "2 years", "days")), line
        if size[0] >= 120:
            assert line.endswith("past the time frames people are told to expect")
