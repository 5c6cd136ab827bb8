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
    assert ("← [", "Previous day") in found["Today"]
    assert ("→ ]", "Next day") in found["Today"]
    assert ("space", "Kept") in found["Streaks: the calendar (tab to it)"]
    assert any(words == "What's open" for _keys, words in found["Today"])


async def test_the_excuse_form_s_button_says_what_its_footer_says(store):
    add_promise(store, "Walk the dog")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        text = screen_text(app)
        assert "Save" in text.splitlines()[-1] and "Save" in text
        assert app.screen.query_one("Button#save").label.plain == "Save"
