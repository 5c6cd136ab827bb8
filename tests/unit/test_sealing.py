"""The lock's format: sealed files and the key file (tracker.store.sealing)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import DamagedFileError, StoreError
from tracker.store import sealing
from tracker.store.sealing import (
    Cost,
    OtherKeyError,
    WrongPassphrase,
    key_file,
    new_data_key,
    new_recovery_code,
    open_key_file,
    rewrapped,
    seal,
    unseal,
)

CHEAP = Cost(2**4, 1, 1)  # the format is the same; only the work differs
KEY = new_data_key()


@given(st.binary(max_size=4096))
@settings(max_examples=60)
def test_a_sealed_file_opens_to_what_was_sealed(content: bytes) -> None:
    sealed = seal(KEY, content)
    assert sealing.is_sealed(sealed)
    assert unseal(KEY, sealed, "the file") == content


def test_sealing_twice_never_gives_the_same_bytes() -> None:
    assert seal(KEY, b"forgive me") != seal(KEY, b"forgive me")


def test_the_words_are_not_in_the_sealed_bytes() -> None:
    assert b"forgive me" not in seal(KEY, b"forgive me")


@given(st.integers(min_value=0), st.integers(min_value=1, max_value=255))
@settings(max_examples=80)
def test_any_changed_byte_is_damage_never_other_content(where: int, flip: int) -> None:
    sealed = bytearray(seal(KEY, b'{"notes": "what hurt"}'))
    where %= len(sealed)
    if where == len(sealing.MAGIC):
        where += 1  # the format byte: a higher one is a newer tracker's (tested below)
    sealed[where] ^= flip
    with pytest.raises(DamagedFileError):  # OtherKeyError is damage too (a changed key id)
        unseal(KEY, bytes(sealed), "tracker.json")


@given(st.integers(min_value=0, max_value=60))
def test_a_file_cut_short_is_damage(length: int) -> None:
    sealed = seal(KEY, b'{"notes": "what hurt"}')
    with pytest.raises(DamagedFileError):
        unseal(KEY, sealed[: min(length, len(sealed) - 1)], "tracker.json")


def test_a_file_of_another_key_says_so_not_damage() -> None:
    other = new_data_key()
    with pytest.raises(OtherKeyError, match="another key"):
        unseal(KEY, seal(other, b"x"), "backup.json")


def test_a_newer_format_asks_for_a_newer_tracker() -> None:
    sealed = bytearray(seal(KEY, b"x"))
    sealed[len(sealing.MAGIC)] = sealing.FORMAT + 1
    with pytest.raises(StoreError, match="newer tracker"):
        unseal(KEY, bytes(sealed), "tracker.json")


def test_the_passphrase_and_the_recovery_code_both_open_the_key() -> None:
    code = new_recovery_code()
    data = key_file(KEY, "our quiet walk", code, CHEAP)
    assert open_key_file(data, "our quiet walk") == KEY
    assert open_key_file(data, code) == KEY
    assert open_key_file(data, code.lower().replace("-", " ")) == KEY


def test_a_wrong_passphrase_says_so() -> None:
    data = key_file(KEY, "our quiet walk", new_recovery_code(), CHEAP)
    with pytest.raises(WrongPassphrase, match="does not open"):
        open_key_file(data, "our quiet wal")


def test_a_new_passphrase_rewraps_the_same_key_and_keeps_the_recovery_code() -> None:
    code = new_recovery_code()
    data = rewrapped(key_file(KEY, "old words", code, CHEAP), KEY, "new words", CHEAP)
    assert open_key_file(data, "new words") == KEY
    assert open_key_file(data, code) == KEY
    with pytest.raises(WrongPassphrase):
        open_key_file(data, "old words")


def test_the_key_file_names_its_kdf_and_parameters_and_no_secret() -> None:
    data = key_file(KEY, "our quiet walk", new_recovery_code(), CHEAP)
    doc = json.loads(data)
    assert doc["passphrase"]["kdf"] == "scrypt"
    assert (doc["passphrase"]["n"], doc["passphrase"]["r"], doc["passphrase"]["p"]) == (16, 1, 1)
    assert KEY.secret.hex() not in data.decode()
    assert b"our quiet walk" not in data


@pytest.mark.parametrize(
    ("field", "value"),
    [("n", 2**40), ("n", 3), ("r", 10**6), ("p", 10**6), ("n", "16"), ("salt", "x" * 10**4)],
)
def test_a_hostile_key_file_is_refused_before_any_memory_is_taken(
    field: str, value: object
) -> None:
    doc = json.loads(key_file(KEY, "words", new_recovery_code(), CHEAP))
    doc["passphrase"][field] = value
    doc["recovery"][field] = value
    with pytest.raises(DamagedFileError, match="damaged"):
        open_key_file(json.dumps(doc).encode(), "words")


@pytest.mark.parametrize(
    "data", [b"", b"[]", b"{}", b'{"kind": "tracker-lock", "v": 1}', b"x" * 70000]
)
def test_a_damaged_key_file_is_damage(data: bytes) -> None:
    with pytest.raises(DamagedFileError):
        open_key_file(data, "words")


def test_a_recovery_code_has_160_bits_in_groups_of_four() -> None:
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    assert new_recovery_code() != code


def test_the_data_key_never_prints_its_secret() -> None:
    assert KEY.secret.hex() not in repr(KEY)
