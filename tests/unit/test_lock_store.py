"""The lock at the store's file layer (tracker.store.vault, lock_switch)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tracker.model import Note, Trigger
from tracker.store import Store, vault
from tracker.store.files import read_json, write_atomically
from tracker.store.sealing import MAGIC, Cost, PassphraseNeeded

CHEAP = Cost(2**4, 1, 1)
PASSPHRASE = "our quiet walk home"
CODE = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


@pytest.fixture(autouse=True)
def no_keys_between_tests():
    vault.forget_all()
    yield
    vault.forget_all()


def _store_with_a_note(path: Path) -> Store:
    store = Store.open(path)
    store.add_note(Note(date(2026, 11, 25), "What hurt was the silence", Trigger.NEGLECT))
    return store


def test_an_unlocked_folder_gets_plain_json_as_before(tmp_path: Path):
    _store_with_a_note(tmp_path / "tracker.json")
    assert "What hurt" in json.dumps(json.loads((tmp_path / "tracker.json").read_bytes()))


def test_every_write_in_a_locked_folder_is_sealed_and_reads_back(tmp_path: Path):
    store = _store_with_a_note(tmp_path / "tracker.json")
    store.lock_on(PASSPHRASE, CODE, CHEAP)
    store.add_note(Note(date(2026, 11, 26), "A second hurt", Trigger.NEGLECT))
    for path in tmp_path.rglob("*.json"):
        if path.name not in (vault.KEY_FILE_NAME, vault.KEY_COPY_NAME):
            assert path.read_bytes().startswith(MAGIC), path
    assert [n.what_happened for n in Store.open(tmp_path / "tracker.json").notes()] == [
        "What hurt was the silence",
        "A second hurt",
    ]


def test_a_process_without_the_key_never_writes_plain_text_into_a_locked_folder(tmp_path: Path):
    store = _store_with_a_note(tmp_path / "tracker.json")
    store.lock_on(PASSPHRASE, CODE, CHEAP)
    vault.forget_all()  # another process: it was not given the passphrase
    with pytest.raises(PassphraseNeeded, match="Nothing was saved"):
        write_atomically(tmp_path / "tracker.marks" / "9.json", b'{"words": "plain"}')
    with pytest.raises(PassphraseNeeded, match="was not given the passphrase"):
        read_json(tmp_path / "tracker.json")
    assert not (tmp_path / "tracker.marks" / "9.json").exists()


def test_a_process_whose_lock_was_turned_off_elsewhere_writes_plain_again(tmp_path: Path):
    store = _store_with_a_note(tmp_path / "tracker.json")
    store.lock_on(PASSPHRASE, CODE, CHEAP)
    key = vault.known_key(tmp_path)
    assert key is not None
    store.lock_off()
    vault.remember(tmp_path, key)  # a long-running app that opened it before
    write_atomically(tmp_path / "other.json", b'{"words": "plain"}')
    assert (tmp_path / "other.json").read_bytes() == b'{"words": "plain"}'


def test_a_killed_switch_is_finished_by_the_next_open_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from tracker.store import lock_switch

    store = _store_with_a_note(tmp_path / "tracker.json")
    with monkeypatch.context() as patch:  # killed just after the commit's rename
        patch.setattr(lock_switch, "finish_interrupted_switch", lambda folder: False)
        store.lock_on(PASSPHRASE, CODE, CHEAP)
    assert (tmp_path / lock_switch.SWITCH_DIR).is_dir()
    assert not (tmp_path / "tracker.json").read_bytes().startswith(MAGIC)  # not yet placed
    reopened = Store.open(tmp_path / "tracker.json")
    assert not (tmp_path / lock_switch.SWITCH_DIR).exists()
    assert (tmp_path / "tracker.json").read_bytes().startswith(MAGIC)
    assert [n.what_happened for n in reopened.notes()] == ["What hurt was the silence"]


def test_a_restore_over_a_damaged_locked_file_keeps_its_bytes_as_they_were(tmp_path: Path):
    store = _store_with_a_note(tmp_path / "tracker.json")
    store.lock_on(PASSPHRASE, CODE, CHEAP)
    backup = store.backup()
    damaged = bytearray((tmp_path / "tracker.json").read_bytes())
    damaged[-1] ^= 0xFF  # one changed byte: damage, not another key
    (tmp_path / "tracker.json").write_bytes(bytes(damaged))
    Store(tmp_path / "tracker.json").restore(backup)
    (kept,) = (tmp_path / "backups").glob("*-unreadable")
    assert (kept / "tracker.json").read_bytes() == bytes(damaged)
    assert [n.what_happened for n in Store.open(tmp_path / "tracker.json").notes()] == [
        "What hurt was the silence"
    ]


def test_moving_locked_data_moves_it_still_locked_with_its_key_file(tmp_path: Path):
    from tracker.store.relocation import move_data

    old = tmp_path / "old" / "tracker.json"
    _store_with_a_note(old).lock_on(PASSPHRASE, CODE, CHEAP)
    vault.forget_all()  # `tracker move-data` opens nothing
    new = tmp_path / "new" / "tracker.json"
    moved = move_data(old, new)
    assert vault.KEY_FILE_NAME in moved
    assert new.read_bytes().startswith(MAGIC)
    Store(new).unlock(PASSPHRASE)
    assert [n.what_happened for n in Store.open(new).notes()] == ["What hurt was the silence"]


def test_a_recovery_code_copied_off_paper_with_digits_for_look_alike_letters_opens(
    tmp_path: Path,
):
    from tracker.store.sealing import WrongPassphrase, open_key_file

    store = _store_with_a_note(tmp_path / "tracker.json")
    store.lock_on(PASSPHRASE, CODE, CHEAP)
    key_file = vault.key_file_path(tmp_path).read_bytes()
    by_code = open_key_file(key_file, CODE)
    # 8 for B, 1 for I, 0 for O: a code never holds these digits.
    assert open_key_file(key_file, "a8cd efgh 1jkl mn0p qrst uvwx yz23 4567") == by_code
    with pytest.raises(WrongPassphrase):
        open_key_file(key_file, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4566")
