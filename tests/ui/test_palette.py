"""The command palette (issue 11 points 5 and 12): every key of the view by name, acting
on the highlighted promise or note, and a screenshot saved where it can be."""

from __future__ import annotations

from app_support import TODAY, add_promise, make_app
from ui_support import screen_text, settle

from tracker.model import MarkStatus


async def test_the_palette_s_screenshot_goes_to_a_folder_that_exists_and_says_where(
    store, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.delenv("XDG_PICTURES_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        await settle(pilot)
        await pilot.pause(0.3)
        saved = list(home.glob("*.svg"))
        assert len(saved) == 1, "saved in the home folder, Downloads being absent"
        messages = [str(n.message) for n in app._notifications]
        assert any(str(saved[0]) in message for message in messages), messages
        assert not (home / "Downloads").exists()


async def palette_run(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_excuses_and_unmarks_the_highlighted_promise(store):
    add_promise(store, "Walk the dog")
    phone = add_promise(store, "Phone away at dinner")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        await settle(pilot)
        await palette_run(pilot, "Excuse")
        await pilot.press(*"away", "enter")
        await settle(pilot)
        assert store.marks_of(phone.id)[TODAY].status is MarkStatus.EXCUSED
        await palette_run(pilot, "Unmark")
        assert store.marks_of(phone.id) == {}
        await palette_run(pilot, "Previous day")
        assert app.screen.shown_day is not None and app.screen.shown_day < TODAY


async def test_help_says_what_the_palette_does(store):
    from tracker.ui.screens.help import INTRO

    assert "highlighted" in INTRO


def test_help_names_each_key_in_words_and_lists_the_calendar():
    from tracker.ui.screens.help import sections

    found = dict(sections())
    today = found["Check off a promise, or fix a day (Today, 1)"]
    assert ("← [", "Previous day") in today
    assert ("→ ]", "Next day") in today
    assert ("space", "Kept") in found["Mark days on the calendar (tab to it in Streaks)"]
    assert any(words == "What's open" for _keys, words in today)


async def test_the_excuse_form_s_button_says_what_its_footer_says(store):
    add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        text = screen_text(app)
        assert "Save" in text.splitlines()[-1] and "Save" in text
        assert app.screen.query_one("Button#save").label.plain == "Save"


async def palette_names(app) -> set[str]:
    """Every command the palette offers over the current screen, before typing."""
    from tracker.ui.commands import TrackerCommands

    provider = TrackerCommands(app.screen, None)
    names = [str(hit.text) async for hit in provider.discover()]
    assert len(names) == len(set(names)), "two commands of one name cannot be told apart"
    return set(names)


def words_of(*classes) -> set[str]:
    """What each key of these classes does, in words, as help and the palette say it."""
    from textual.binding import Binding

    from tracker.ui.keys import binding_words

    return {
        binding_words(binding)
        for cls in classes
        for binding in Binding.make_bindings(cls.BINDINGS)
        if not binding.action.startswith("app.")
    }


async def test_the_palette_offers_every_key_of_each_view_and_of_the_check_in(store):
    """Point 5 on the merged app: the views 5 Partner and 6 Us, the tag filter Today and
    Streaks inherit, the calendar when it has the focus, and the check-in's own keys."""
    from tracker.ui.screens.checkin import CheckInScreen
    from tracker.ui.screens.notes import NotesScreen
    from tracker.ui.screens.partner import PartnerScreen
    from tracker.ui.screens.quality import QualityScreen
    from tracker.ui.screens.streaks import StreaksScreen
    from tracker.ui.screens.tag_filter import TagFiltered
    from tracker.ui.screens.today import TodayScreen
    from tracker.ui.screens.us import UsScreen
    from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap

    add_promise(store, "Walk the dog")
    app = make_app(store)
    views = {
        "1": (TodayScreen, TagFiltered),
        "2": (QualityScreen,),
        "3": (StreaksScreen, TagFiltered),
        "4": (NotesScreen,),
        "5": (PartnerScreen,),
        "6": (UsScreen,),
    }
    async with app.run_test(size=(80, 24)) as pilot:
        for key, classes in views.items():
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, classes[0])
            missing = words_of(*classes) - await palette_names(app)
            assert not missing, (key, missing)
        await pilot.press("3", "tab")
        await settle(pilot)
        assert isinstance(app.screen.focused, CalendarHeatmap)
        missing = words_of(CalendarHeatmap) - await palette_names(app)
        assert not missing, missing
        await pilot.press("escape", "c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        offered = await palette_names(app)
        assert not words_of(CheckInScreen) - offered, words_of(CheckInScreen) - offered
        assert "Go to Notes" not in offered, "nothing that would strand the check-in"
        await palette_run(pilot, "Skip this step")
        assert app.screen.page is not None and app.screen.page.STEP.value != "settle"


def test_help_lists_every_key_the_app_declares():
    """Every class in tracker.ui that binds a key (views, dialogs, widgets, the check-in
    and its steps, going through what's open) has each key's words in help."""
    import importlib
    import pkgutil
    import sys

    import tracker.ui
    from tracker.ui.screens.help import sections

    for module in pkgutil.walk_packages(tracker.ui.__path__, "tracker.ui."):
        importlib.import_module(module.name)
    described = {what for _title, lines in sections() for _keys, what in lines}
    missing = {}
    skipped = ("HelpScreen", "FittedTable", "TagPicker")  # help's esc; a list's home/end
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("tracker.ui"):
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module_name
                and "BINDINGS" in value.__dict__
                and value.__name__ not in skipped
                and (words := words_of(value) - described)
            ):
                missing[value.__name__] = words
    assert not missing, missing


def test_help_is_grouped_by_task_the_first_evening_first():
    """Issue 20 point 7: check off, add and the check-in first; the rest when wanted."""
    from tracker.ui.screens.help import FIRST, INTRO, MORE, sections

    titles = [title for title, _lines in sections()]
    assert titles[0] == FIRST
    first_evening = titles[: titles.index(MORE)]
    assert any(title.startswith("Check off a promise") for title in first_evening)
    assert any(title.startswith("Add or change a promise") for title in first_evening)
    assert any(title.startswith("Hold the weekly check-in") for title in first_evening)
    assert not any("Notes" in title or "Us," in title for title in first_evening)
    assert "space checks off" in INTRO and "a adds one" in INTRO and "c opens" in INTRO


async def test_the_palette_offers_the_views_own_keys_first_in_the_apps_voice(store):
    from tracker.ui.commands import TrackerCommands

    add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hits = [hit async for hit in TrackerCommands(app.screen, None).discover()]
        assert str(hits[0].text) == "Kept"
        helps = {str(hit.text): str(hit.help) for hit in hits}
        assert helps["Kept"] == "key space · on the highlighted promise, on the day shown"
        assert helps["Previous day"] == "key ←" and helps["Next day"] == "key →"
        system = [command.title for command in app.get_system_commands(app.screen)]
        assert system == ["Quit tracker"]
        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
        for developer_words in ("Quit the application", "focused widget", "Maximize"):
            assert developer_words not in text
