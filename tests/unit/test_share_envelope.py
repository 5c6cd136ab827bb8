"""The sealed envelope, the pairing code and the keys: what a share file is, byte by byte."""

from __future__ import annotations

import os
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.share import codes, envelope, keys
from tracker.share.keys import Hello, InvitationKeys, PairKeys, Role
from tracker.share.problems import Problem, ShareRefused

KEY = bytes(range(32))
KEY_ID = PairKeys(KEY).key_id
WRITER = bytes(range(16))


def sealed(body: bytes = b"a share", sequence: int = 7, key: bytes = KEY) -> bytes:
    return envelope.seal(
        body, key=key, key_id=PairKeys(key).key_id, writer_id=WRITER, sequence=sequence
    )


def opened(data: bytes, key: bytes = KEY, writer: bytes = WRITER) -> envelope.Opened:
    return envelope.open_sealed(data, key=key, key_id=PairKeys(key).key_id, writer_id=writer)


# -- the envelope -----------------------------------------------------------------------------


@given(body=st.binary(max_size=2000), sequence=st.integers(0, 2**64 - 1))
def test_a_sealed_share_opens_to_what_was_sealed(body, sequence):
    result = opened(sealed(body, sequence))
    assert (result.body, result.sequence) == (body, sequence)


@given(body=st.binary(max_size=300), data=st.data())
def test_any_byte_changed_anywhere_is_refused(body, data):
    original = sealed(body)
    index = data.draw(st.integers(0, len(original) - 1), label="index")
    flip = data.draw(st.integers(1, 255), label="xor")
    changed = bytearray(original)
    changed[index] ^= flip
    with pytest.raises(ShareRefused):
        opened(bytes(changed))


@given(body=st.binary(max_size=300), data=st.data())
def test_any_truncation_is_refused(body, data):
    original = sealed(body)
    length = data.draw(st.integers(0, len(original) - 1), label="length")
    with pytest.raises(ShareRefused) as refused:
        opened(original[:length])
    # Cut short in the header or the body: it says so (a sync tool may still be copying).
    assert refused.value.kind is Problem.CUT_SHORT


def test_a_share_cut_short_says_it_may_still_be_arriving():
    data = sealed(b"x" * 500)
    with pytest.raises(ShareRefused) as refused:
        opened(data[:300])
    assert refused.value.kind is Problem.CUT_SHORT
    assert "300 of" in refused.value.detail
    with pytest.raises(ShareRefused) as empty:
        opened(b"")
    assert empty.value.kind is Problem.CUT_SHORT


def test_extra_bytes_after_a_share_are_refused():
    with pytest.raises(ShareRefused) as refused:
        opened(sealed() + b"\0")
    assert refused.value.kind is Problem.DAMAGED


def test_a_share_sealed_with_another_key_is_told_apart_from_damage():
    other = sealed(key=os.urandom(32))
    with pytest.raises(ShareRefused) as refused:
        opened(other)
    assert refused.value.kind is Problem.OTHER_KEY


def test_a_share_passed_off_as_the_other_writers_is_refused():
    with pytest.raises(ShareRefused) as refused:
        opened(sealed(), writer=bytes(16))
    assert refused.value.kind is Problem.DAMAGED


def test_a_share_from_a_newer_tracker_is_refused_calmly():
    data = bytearray(sealed())
    struct.pack_into(">H", data, len(envelope.MAGIC), envelope.FORMAT_VERSION + 1)
    with pytest.raises(ShareRefused) as refused:
        opened(bytes(data))
    assert refused.value.kind is Problem.NEWER_VERSION
    assert "newer tracker" in refused.value.problem("Sam").message
    assert "Update tracker" in refused.value.problem("Sam").message


def test_a_file_that_is_not_a_share_is_refused():
    with pytest.raises(ShareRefused) as refused:
        opened(b'{"promises": []}' + bytes(100))
    assert refused.value.kind is Problem.NOT_A_SHARE


def test_every_file_gets_its_own_nonce():
    first, second = sealed(b"same"), sealed(b"same")
    nonce = slice(envelope.HEADER_BYTES - envelope.NONCE_BYTES, envelope.HEADER_BYTES)
    assert first[nonce] != second[nonce]
    assert first[envelope.HEADER_BYTES :] != second[envelope.HEADER_BYTES :]


# -- the pairing code -------------------------------------------------------------------------


def test_a_code_carries_120_random_bits_in_seven_groups_of_four():
    assert codes.SECRET_BYTES * 8 >= 100
    code = codes.code_for(codes.new_secret())
    groups = code.split("-")
    assert [len(group) for group in groups] == [4] * 7
    assert len({codes.code_for(codes.new_secret()) for _ in range(200)}) == 200


@given(secret=st.binary(min_size=15, max_size=15))
def test_a_code_reads_back_as_people_type_it(secret):
    code = codes.code_for(secret)
    assert codes.secret_from_code(code) == secret
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert codes.secret_from_code(f"  {typed}\n") == secret


@given(secret=st.binary(min_size=15, max_size=15), data=st.data())
def test_a_code_with_one_character_wrong_is_caught_as_a_typo(secret, data):
    code = codes.code_for(secret).replace("-", "")
    index = data.draw(st.integers(0, len(code) - 1), label="index")
    replacement = data.draw(
        st.sampled_from([c for c in "0123456789ABCDEFGHJKMNPQRSTVWXYZ" if c != code[index]])
    )
    typo = code[:index] + replacement + code[index + 1 :]
    with pytest.raises(ValidationError, match="typo"):
        codes.secret_from_code(typo)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("ABCD-EFGH", "28"),
        ("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567-89AB", "28"),
        ("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-45U7", "characters a code never has"),
        ("🙂" * 28, "characters a code never has"),
    ],
)
def test_a_code_of_the_wrong_shape_is_refused_saying_how_it_should_look(code, words):
    with pytest.raises(ValidationError, match=words):
        codes.secret_from_code(code)


# -- the keys ---------------------------------------------------------------------------------


def _pair_key(secret: bytes, setup: tuple[bytes, Hello], joiner: tuple[bytes, Hello]) -> bytes:
    shared = keys.exchange(setup[0], joiner[1].public_key)
    return keys.pair_key(secret, setup[1], joiner[1], shared)


def _party(role: Role, name: str) -> tuple[bytes, Hello]:
    private, public = keys.new_exchange_key()
    return private, Hello(role, keys.new_writer_id(), name, public)


def test_both_sides_of_an_exchange_derive_the_same_pair_key():
    secret = codes.new_secret()
    alex, sam = _party(Role.SETUP, "Alex"), _party(Role.JOIN, "Sam")
    from_alex = keys.pair_key(secret, alex[1], sam[1], keys.exchange(alex[0], sam[1].public_key))
    from_sam = keys.pair_key(secret, alex[1], sam[1], keys.exchange(sam[0], alex[1].public_key))
    assert from_alex == from_sam
    assert PairKeys(from_alex).safety_words == PairKeys(from_sam).safety_words
    assert len(PairKeys(from_alex).safety_words) == keys.SAFETY_WORD_COUNT


def test_someone_in_the_middle_shows_each_side_other_safety_words():
    """Eve has the code and the folder: she answers Alex as Sam and invites Sam as Alex.
    Each side pairs with her, and the words the two read aloud differ."""
    secret = codes.new_secret()
    alex, sam = _party(Role.SETUP, "Alex"), _party(Role.JOIN, "Sam")
    eve_as_sam, eve_as_alex = _party(Role.JOIN, "Sam"), _party(Role.SETUP, "Alex")
    alex_words = PairKeys(_pair_key(secret, alex, eve_as_sam)).safety_words
    sam_shared = keys.exchange(sam[0], eve_as_alex[1].public_key)
    sam_words = PairKeys(keys.pair_key(secret, eve_as_alex[1], sam[1], sam_shared)).safety_words
    assert alex_words != sam_words


def test_the_pair_key_needs_the_exchange_not_only_the_code():
    """Someone who learns the code later, with every hello the folder held, still lacks the
    key: it mixes in the X25519 secret of the two machines."""
    secret = codes.new_secret()
    alex, sam = _party(Role.SETUP, "Alex"), _party(Role.JOIN, "Sam")
    real = _pair_key(secret, alex, sam)
    guesses = {
        keys.pair_key(secret, alex[1], sam[1], bytes(32)),
        keys.pair_key(secret, alex[1], sam[1], alex[1].public_key),
        keys.derive(secret, b"pair key"),
    }
    assert real not in guesses


def test_each_writer_has_its_own_key_and_a_name_that_says_nothing():
    pair = PairKeys(os.urandom(32))
    alex, sam = keys.new_writer_id(), keys.new_writer_id()
    assert pair.writer_key(alex) != pair.writer_key(sam)
    assert pair.file_name(alex) != pair.file_name(sam)
    assert pair.file_name(alex).endswith(".tracker-share")
    assert alex.hex() not in pair.file_name(alex)
    invite = InvitationKeys(codes.new_secret())
    assert invite.hello_name(Role.SETUP) != invite.hello_name(Role.JOIN)
    assert invite.hello_key(Role.SETUP) != invite.hello_key(Role.JOIN)
