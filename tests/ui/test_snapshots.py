"""Every view (and the main dialogs) on the fixed demo with a frozen clock, at 80x24 and 120x40.

Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`,
then look at the SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest
from app_support import make_app
from ui_support import settle

from tracker.ui.dialogs.note_editor import COACH_PAUSE
from tracker.ui.themes import LIGHT

SIZES = [(80, 24), (120, 40)]
VIEWS = [
    ("today", "1"),
    ("together", "2"),
    ("streaks", "3"),
    ("notes", "4"),
    ("us", "6"),
    ("checkin", "c"),  # the weekly check-in's first step
]


def press(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(("view", "key"), VIEWS, ids=[view for view, _key in VIEWS])
def test_each_view_on_the_demo(snap_compare, demo_store, view, key, size):
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=press(key))


def test_today_in_the_light_theme(snap_compare, demo_store):
    app = make_app(demo_store)
    app.theme = LIGHT
    assert snap_compare(app, terminal_size=(80, 24), run_before=press())


def test_the_promise_form(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=press("e"))


def test_the_note_editor_offering_an_i_statement(snap_compare, demo_store):
    async def run_before(pilot) -> None:
        await press("4", "e")(pilot)
        area = pilot.app.screen.query_one("#what")
        area.text = "You never tell me when plans change."
        await settle(pilot)
        await pilot.pause(2 * COACH_PAUSE + 0.2)  # the coach reads once typing pauses
        await settle(pilot)

    assert snap_compare(make_app(demo_store), terminal_size=(100, 30), run_before=run_before)


def test_the_help_screen(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=press("?"))


def test_a_first_run_on_an_empty_file(snap_compare, store):
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=press())
