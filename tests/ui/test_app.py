"""Stories across the app: midnight, other terminals, literal text, themes, keys, the palette."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

from app_support import BERLIN, TODAY, add_promise, frozen_clock, make_app, open_store
from ui_support import screen_text, settle

from tracker import cli
from tracker.model import Mark, MarkStatus, Note, QualityKind, QualityTime, Trigger
from tracker.reminders import FAILURE_TITLE, LazyInAppReminders, Toast
from tracker.service import Tracker
from tracker.ui.app import TrackerApp
from tracker.ui.screens.help import HelpScreen
from tracker.ui.stylesheets import STYLESHEETS, styles_dir
from tracker.ui.themes import DARK, LIGHT

MARKUP_TITLES = ("[bold]x[/]", "[/]", "$var", "[red]late[/red] again", "50% [link=x]y")


async def test_the_day_rolls_over_at_midnight_while_the_app_is_open(store):
    add_promise(store, "Phone away at dinner")
    clock = frozen_clock(datetime(2026, 11, 25, 23, 59, 30, tzinfo=BERLIN))
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        assert "Wednesday 25 November 2026" in screen_text(app)
        assert app.next_rollover == datetime(2026, 11, 26, 0, 0, tzinfo=BERLIN)
        clock.frozen = datetime(2026, 11, 26, 0, 0, 30, tzinfo=BERLIN)
        app.poll_store()
        await settle(pilot)
        text = screen_text(app)
        assert "Thursday 26 November 2026" in text and "0 of 1 kept · 1 still open" in text
        assert app.next_rollover == datetime(2026, 11, 27, 0, 0, tzinfo=BERLIN)


async def test_a_late_day_start_keeps_the_evening_open_after_midnight(store):
    store.save_settings(replace(store.settings(), day_starts_at=time(3, 0)))
    add_promise(store, "Phone away at dinner")
    clock = frozen_clock(datetime(2026, 11, 26, 0, 40, tzinfo=BERLIN))
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Wednesday 25 November 2026" in screen_text(app)
        assert app.next_rollover == datetime(2026, 11, 26, 3, 0, tzinfo=BERLIN)
        clock.frozen = datetime(2026, 11, 26, 3, 0, 5, tzinfo=BERLIN)
        app.poll_store()
        await settle(pilot)
        assert "Thursday 26 November 2026" in screen_text(app)


async def test_looking_back_at_yesterday_stays_there_across_midnight(store):
    add_promise(store, "Phone away at dinner")
    clock = frozen_clock(datetime(2026, 11, 25, 23, 59, tzinfo=BERLIN))
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left")
        await settle(pilot)
        clock.frozen = datetime(2026, 11, 26, 0, 1, tzinfo=BERLIN)
        app.poll_store()
        await settle(pilot)
        assert "Tuesday 24 November 2026  2 days ago" in screen_text(app)


async def test_a_check_off_from_another_terminal_appears_after_the_poll(store, tmp_path):
    promise = add_promise(store, "Text when I'll be late")
    app = make_app(store, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "◌ open" in screen_text(app)
        other_terminal = Tracker(open_store(store.path), frozen_clock())
        other_terminal.marks.check_off(other_terminal.promises.get(promise.id), TODAY)
        for _ in range(100):  # the poll runs every 0.05 s; give it up to a few seconds
            await pilot.pause(0.05)
            if "● kept" in screen_text(app):
                break
        assert "● kept" in screen_text(app)


async def test_markup_looking_text_is_shown_literally_everywhere(store):
    for title in MARKUP_TITLES:
        add_promise(store, title, kept_days=2)
    store.add_quality(QualityTime(TODAY, 45, QualityKind.OTHER, note="[bold]x[/] $var [/]"))
    store.add_note(
        Note(TODAY, "[bold]x[/] said $var", Trigger.OTHER, feeling="I feel [/] when [i]y[/i]")
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        today = screen_text(app)
        for title in MARKUP_TITLES:
            assert title in today, title
        await pilot.press("space")  # a toast quotes nothing here, but the palette does below
        await pilot.press("3")
        await settle(pilot)
        streaks = screen_text(app)
        for title in MARKUP_TITLES:
            assert title in streaks, title
        assert "[bold]x[/] · every day" in streaks, "the detail pane's title too"
        await pilot.press("2")
        await settle(pilot)
        assert "[bold]x[/] $var [/]" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        notes = screen_text(app)
        assert "[bold]x[/] said $var" in notes and "I feel [/] when [i]y[/i]" in notes
        app.check_off_today(store.find_promise("$var"))
        await settle(pilot)
        assert "Kept: $var (today)." in screen_text(app)


async def test_the_palette_offers_check_off_with_literal_titles(store):
    add_promise(store, "[bold]x[/] dinner")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"check off")
        await settle(pilot)
        assert "Check off [bold]x[/] dinner" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert TODAY in store.marks_of(store.promises()[0].id)


async def test_over_an_open_form_the_palette_offers_nothing_that_would_strand_it(store):
    add_promise(store, "Phone away at dinner")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Half typed")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"go to")
        await settle(pilot)
        assert "Go to Notes" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Half typed" in screen_text(app)


async def test_control_characters_from_a_hand_edited_file_cannot_drive_the_terminal():
    from tracker.ui.literal import literal, literal_cell

    assert literal("a\x1b[31mb").plain == "a␛[31mb"
    assert literal_cell("line one\nline two").plain == "line one line two"
    assert literal("x\ny", one_line=False).plain == "x\ny"


async def test_the_theme_switch_is_remembered_between_runs(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == DARK
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == LIGHT
    assert store.settings().theme == LIGHT
    again = make_app(store)
    async with again.run_test(size=(80, 24)):
        assert again.theme == LIGHT


async def test_an_unknown_saved_theme_falls_back_to_dark(store):
    store.save_settings(replace(store.settings(), theme="no-such-theme"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)):
        assert app.theme == DARK


async def test_the_stylesheet_is_parsed_once_at_start_and_once_per_new_view(store, monkeypatch):
    """Start-up speed: one CSS parse before the first frame; a view's own file is added
    (one reparse) when it is first shown; every view shows the theme's colours."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    from tracker.ui.themes import TRACKER_DARK

    reparses = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparses.append(1) or reparse(self))
    add_promise(store, "Call Sam")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert reparses == []
        foreground = Color.parse(TRACKER_DARK.foreground)
        for key in "12341234":
            await pilot.press(key)
            await settle(pilot)
            # Text that takes its colour from the theme (none of its own) is drawn in it.
            assert app.screen.query_one("#top-bar").visual_style.foreground == foreground
        assert len(reparses) == 3  # quality.tcss, streaks.tcss, notes.tcss; once each
        reparses.clear()
        await pilot.press("ctrl+t")  # a real theme change reparses, once
        await settle(pilot)
        assert len(reparses) == 1


async def test_question_mark_lists_every_key(store):
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(line.render()) for line in app.screen.query(".help-line"))
        for words in ("Excuse", "Day", "Let go", "Weekly goal", "Light/dark", "Undo"):
            assert words in text, words
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_every_view_is_one_key_away(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, mode in (("2", "together"), ("3", "streaks"), ("4", "notes"), ("1", "today")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode


async def test_the_reminders_hook_shows_what_it_returns_as_toasts(store):
    seen: list[datetime] = []

    def tick(now: datetime) -> list[Toast]:
        seen.append(now)
        return [Toast("Reminder", "Time for: [bold]x[/]")]

    app = make_app(store, reminder_tick=tick)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.tick_reminders()
        await settle(pilot)
        assert seen == [app.clock.now()]
        assert "Time for: [bold]x[/]" in screen_text(app)


async def test_a_reminder_the_desktop_could_not_show_rings_the_terminal_bell(store):
    def tick(now: datetime) -> list[Toast]:
        return [Toast(FAILURE_TITLE, "notify-send is not installed.")]

    app = make_app(store, reminder_tick=tick)
    rings: list[bool] = []
    app.bell = lambda: rings.append(True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.tick_reminders()
        await settle(pilot)
        assert rings == [True]
        assert "notify-send is not installed." in screen_text(app)


def test_opening_the_app_from_the_shell_wires_in_app_reminders(tmp_path, monkeypatch):
    import tracker.ui.app as ui_app

    started: list[object] = []
    monkeypatch.setattr(
        ui_app,
        "run_app",
        lambda tracker, reminder_tick=None: started.append(reminder_tick) or 0,
    )
    assert cli.main(["--db", str(tmp_path / "tracker.json")]) == 0
    assert len(started) == 1 and isinstance(started[0], LazyInAppReminders)


def test_the_in_app_reminders_are_built_at_the_first_tick(store, monkeypatch):
    import tracker.reminders.inapp as inapp

    built: list[tuple[object, ...]] = []

    class Recording:
        def __init__(self, *args: object) -> None:
            built.append(args)

        def __call__(self, now: datetime) -> list[tuple[str, str]]:
            return [("A promise is due", now.isoformat())]

    monkeypatch.setattr(inapp, "InAppReminders", Recording)
    tracker = Tracker(store, frozen_clock())
    tick = LazyInAppReminders(tracker)
    assert built == []
    now = tracker.clock.now()
    assert tick(now) == [("A promise is due", now.isoformat())]
    assert tick(now) and built == [(tracker,)]


def test_the_styles_are_found_beside_the_package_or_inside_it():
    from tracker.ui.dialogs.confirm import ConfirmDialog
    from tracker.ui.dialogs.form import FormDialog
    from tracker.ui.screens.checkin import CheckInScreen
    from tracker.ui.screens.help import HelpScreen
    from tracker.ui.screens.notes import NotesScreen
    from tracker.ui.screens.partner import PartnerScreen
    from tracker.ui.screens.quality import QualityScreen
    from tracker.ui.screens.streaks import StreaksScreen
    from tracker.ui.screens.us import UsScreen

    folder = styles_dir()
    for name in STYLESHEETS:
        assert (folder / name).is_file(), name
    # The app loads what Today needs; each other screen brings its own file.
    owners = (
        TrackerApp,
        QualityScreen,
        StreaksScreen,
        NotesScreen,
        HelpScreen,
        UsScreen,
        PartnerScreen,
        CheckInScreen,
    )
    paths = [Path(path) for owner in owners for path in _as_list(owner.CSS_PATH)]
    paths += [Path(FormDialog.CSS_PATH), Path(ConfirmDialog.CSS_PATH)]
    assert {path.name for path in paths} == set(STYLESHEETS)
    assert all(path.is_absolute() and path.is_file() for path in paths)
    assert [path.name for path in _as_list(TrackerApp.CSS_PATH)] == ["app.tcss", "today.tcss"]


def _as_list(css_path: object) -> list:
    return list(css_path) if isinstance(css_path, list | tuple) else [css_path]


async def test_a_new_user_can_start_from_an_empty_file(tmp_path):
    store = open_store(tmp_path / "fresh" / "tracker.json")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "No streaks yet" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        assert "No notes yet" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert "No time together logged yet" in screen_text(app)
    assert not store.path.exists()


async def test_a_file_damaged_while_the_app_is_open_is_reported_not_crashed_on(store):
    promise = add_promise(store, "Phone away at dinner")
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        marks_file = store.marks_dir / f"{promise.id}.json"
        store.put_mark(Mark(promise.id, TODAY, MarkStatus.KEPT))
        marks_file.write_text("{ this is not json", encoding="utf-8")
        app.poll_store()
        await settle(pilot)
        text = screen_text(app)
        assert "Cannot read the data" in text
        assert "Phone away at dinner" in text, "the last good view stays on screen"
        assert app.is_running
