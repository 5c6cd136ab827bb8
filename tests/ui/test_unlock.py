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
