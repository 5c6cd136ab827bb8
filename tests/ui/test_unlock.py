"""The unlock screen before the app (issue 23): right, wrong, cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tracker.errors import TrackerError
from tracker.service.locking import needs_passphrase, unlock
from tracker.store import Store, vault
from tracker.store.sealing import Cost
from tracker.ui.unlock import UnlockApp

PASSPHRASE = "our quiet walk home"


@pytest.fixture(autouse=True)
def no_keys_between_tests():
    vault.forget_all()
    yield
    vault.forget_all()


@pytest.fixture
def locked_data(tmp_path: Path):
    """A data file with one note, locked (cheap key derivation: only the work differs)."""
    from datetime import date

    from tracker.model import Note, Trigger

    path = tmp_path / "tracker.json"
    store = Store.open(path)
    store.add_note(Note(date(2026, 11, 25), "What hurt was the silence", next(iter(Trigger))))
    store.lock_on(PASSPHRASE, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", Cost(2**4, 1, 1))
    vault.forget_all()
    yield path
    vault.forget_all()


def _opener(path: Path, tried: list[str]):
    def open_with(secret: str) -> str | None:
        tried.append(secret)
        try:
            unlock(path, secret)
        except TrackerError as error:
            return str(error)
        return None

    return open_with


async def test_the_right_passphrase_opens_the_data(locked_data: Path):
    tried: list[str] = []
    app = UnlockApp(_opener(locked_data, tried), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        passphrase = app.query_one("#passphrase", Input)
        assert passphrase.password  # never echoed
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_value is True
    assert tried == [PASSPHRASE]
    assert not needs_passphrase(locked_data)
    assert [note.what_happened for note in Store.open(locked_data).notes()] == [
        "What hurt was the silence"
    ]


async def test_no_empty_warning_bar_shows_before_there_is_something_to_say(locked_data: Path):
    app = UnlockApp(_opener(locked_data, []), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        message = app.query_one("#unlock-message", Static)
        assert not message.display
        await pilot.press("enter")  # nothing typed yet
        await pilot.pause()
        assert message.display and "Type your passphrase" in str(message.render())


async def test_a_wrong_passphrase_says_so_changes_nothing_and_lets_you_try_again(
    locked_data: Path,
):
    before = {p: p.read_bytes() for p in locked_data.parent.rglob("*") if p.is_file()}
    tried: list[str] = []
    app = UnlockApp(_opener(locked_data, tried), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"not our words", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = app.query_one("#unlock-message", Static)
        assert "does not open this data" in str(message.render())
        passphrase = app.query_one("#passphrase", Input)
        assert passphrase.value == "" and not passphrase.disabled and passphrase.has_focus
        assert app.is_running
        assert needs_passphrase(locked_data)
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_value is True
    assert tried == ["not our words", PASSPHRASE]
    after = {p: p.read_bytes() for p in locked_data.parent.rglob("*") if p.is_file()}
    assert after == before


async def test_escape_quits_without_opening_anything(locked_data: Path):
    tried: list[str] = []
    app = UnlockApp(_opener(locked_data, tried), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"half typed")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is False
    assert tried == []
    assert needs_passphrase(locked_data)


# -- turning the lock on and off in the app -----------------------------------------------


async def test_locking_from_the_palette_shows_the_recovery_code_once_and_encrypts_everything(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    from app_support import add_promise, make_app
    from ui_support import screen_text, settle

    from tracker.service.locking import Lock
    from tracker.store.sealing import MAGIC
    from tracker.ui.dialogs.lock import LockDialog, RecoveryCodeScreen, open_lock_dialog

    monkeypatch.setattr(Lock, "cost", Cost(2**4, 1, 1))
    add_promise(store, "Quokka walk")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        open_lock_dialog(app)
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert "cannot be opened by anyone" in screen_text(app)
        await pilot.press(*PASSPHRASE, "tab", *"not the same words")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "differ" in screen_text(app)
        assert not store.is_locked()
        app.screen.query_one("#again", Input).value = PASSPHRASE
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodeScreen)
        code = app.screen.code
        assert code in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, RecoveryCodeScreen)
        assert "Quokka walk" in screen_text(app)  # the app goes on, with its data open
    assert store.is_locked()
    files = [
        p
        for p in store.path.parent.rglob("*.json")
        if p.name not in (vault.KEY_FILE_NAME, vault.KEY_COPY_NAME)
    ]
    assert files and all(p.read_bytes().startswith(MAGIC) for p in files)
    vault.forget_all()
    unlock(store.path, code)  # the code shown opens it


async def test_turning_the_lock_off_in_the_app(store: Store, monkeypatch: pytest.MonkeyPatch):
    from app_support import add_promise, make_app
    from ui_support import settle

    from tracker.store.sealing import MAGIC
    from tracker.ui.dialogs.lock import open_lock_dialog

    add_promise(store, "Quokka walk")
    store.lock_on(PASSPHRASE, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", Cost(2**4, 1, 1))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        open_lock_dialog(app)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert not store.is_locked()
    assert not store.path.read_bytes().startswith(MAGIC)


async def test_the_turn_off_dialog_has_the_cursor_on_cancel(store: Store):
    from app_support import make_app
    from ui_support import settle

    from tracker.ui.dialogs.lock import LockDialog, open_lock_dialog

    store.lock_on(PASSPHRASE, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", Cost(2**4, 1, 1))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        open_lock_dialog(app)
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        focused = app.screen.focused
        assert focused is not None and focused.id == "cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, LockDialog)
    assert store.is_locked()


async def test_the_settings_dialog_offers_the_lock(store: Store):
    from app_support import make_app
    from textual.widgets import Button
    from ui_support import settle

    from tracker.ui.dialogs.lock import LockDialog

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await settle(pilot)
        button = app.screen.query_one("#lock", Button)
        assert str(button.label) == "Lock…"
        button.press()
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)


async def test_data_locked_by_another_tracker_while_the_app_is_open_is_said_not_a_crash(
    store: Store,
):
    from app_support import add_promise, make_app
    from ui_support import settle

    add_promise(store, "Quokka walk")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # `tracker lock setup` in another terminal: this process never gets the key.
        Store(store.path).lock_on(
            PASSPHRASE, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", Cost(2**4, 1, 1)
        )
        vault.forget_all()
        app.poll_store()
        app.poll_store()  # said once, and no crash on the next poll either
        await settle(pilot)
        said = [n for n in app._notifications if n.title == "Cannot read the data"]
        assert len(said) == 1
        assert f"was not given the passphrase of {store.path.parent}" in said[0].message
        assert "open tracker on that data again" in said[0].message
        assert app.is_running
