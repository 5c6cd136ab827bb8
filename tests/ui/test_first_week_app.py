"""Stories of a couple's first week in the app: a beginning, never a record of failure."""

from __future__ import annotations

from datetime import timedelta

from app_support import TODAY, make_app
from rich.cells import cell_len
from ui_support import screen_text, settle

from tracker.model import MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.ui.dialogs.ask import AskDialog

SMALL = (80, 24)


async def test_a_start_set_back_leaves_days_to_fill_in_not_a_wall_of_misses(store):
    """Added today, started a week ago: the earlier days are open, and o fills them in."""
    start = TODAY - timedelta(days=7)
    promise = store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), start))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        text = screen_text(app)
        assert "○" not in text
        assert "7 earlier days to fill in, never missed: o goes through them." in text
        await pilot.press("left")
        await settle(pilot)
        assert "○ missed" not in screen_text(app) and "0 of 0 kept" not in screen_text(app)
        assert "still open" in screen_text(app)
        await pilot.press("t", "o")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        assert "1 of 8" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert store.marks_of(promise.id)[start].status is MarkStatus.KEPT


async def test_a_day_before_any_start_says_how_to_record_it(store):
    store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), TODAY))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left")
        await settle(pilot)
        text = screen_text(app)
        assert "No promise had started on this day" in text
        assert "move a promise's start back" in text


async def test_the_form_says_earlier_days_are_to_fill_in(store):
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        start = app.screen.query_one("#start")
        start.value = (TODAY - timedelta(days=3)).isoformat()
        await settle(pilot)
        assert "22 Nov–24 Nov: yours to fill in, never counted as missed." in screen_text(app)


async def test_a_three_a_week_promise_just_kept_says_one_of_three_this_week(store):
    store.add_promise(Promise("Date night", parse_schedule("3/week"), TODAY))
    app = make_app(store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        row = next(line for line in screen_text(app).splitlines() if "Date night" in line)
        assert "not yet" in row and "–" not in row
        await pilot.press("space")
        await settle(pilot)
        assert "1 of 3 this week" in screen_text(app)
        assert "0 weeks" not in screen_text(app)


async def test_the_demo_holds_a_demo_partners_share_to_try_the_partner_view(tmp_path):
    """`tracker --demo` pairs the demo with Sam (demo): the Partner view shows their day,
    and your Today shows what they noticed, in their words."""
    from app_support import open_store

    from tracker.demo import write_demo
    from tracker.demo_partner import add_demo_partner

    path = tmp_path / "demo" / "demo.json"
    path.parent.mkdir()
    write_demo(path, years=1, promises=6, today=TODAY, seed=2026, practices=True)
    add_demo_partner(path, TODAY)
    app = make_app(open_store(path))
    async with app.run_test(size=SMALL) as pilot:
        app.partner.poll(force=True)
        await settle(pilot)
        assert "Sam (demo) noticed: “It made my morning. Thank you. (a demo message)”" in (
            screen_text(app)
        )
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert "Sam (demo)" in text and "Ask about your day and listen without fi" in text
        # At 80 columns, how their day stands is said whole, with when it was written.
        assert "1 of 2 kept · 1 still open  ·  Sam (demo)'s tracker wrote" in text


async def test_one_note_is_one_note(store):
    from tracker.model import Note, Trigger

    store.add_note(Note(TODAY, "Forgot to call", Trigger.NEGLECT))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "1 note · 1 open" in text and "1 notes" not in text


async def test_the_next_form_is_not_covered_by_the_last_saves_toast(store):
    app = make_app(store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("a", *"Walk", "ctrl+s")
        await settle(pilot)
        assert "Added promise 1" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "Added promise 1" not in text
        assert "Save" in text and "Cancel" in text
        tags = app.screen.query_one("#tags")
        assert cell_len(str(tags.placeholder)) <= tags.content_region.width  # whole at 80x24


async def test_the_strength_line_is_never_cut_and_a_new_promise_reads_as_a_beginning(
    store, demo_store
):
    store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), TODAY))
    for data in (store, demo_store):
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("3")
            await settle(pilot)
            line = str(app.screen.query_one("#strength-title").render())
            assert "…" not in line
            if data is store:
                assert line.startswith("Strength grows from the first kept day on")
                row = next(r for r in screen_text(app).splitlines() if "Phone away" in r)
                assert row.rstrip().endswith("not yet") and " 0" not in row
            else:
                assert line.startswith("Strength over the last year: ") and "of 100" in line


async def test_the_tags_placeholder_is_whole_in_the_narrow_field_of_together(store):
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        tags = app.screen.query_one("#q-tags")
        assert cell_len(str(tags.placeholder)) <= tags.content_region.width
