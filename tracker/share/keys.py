"""Every key of a pairing: from the code, an X25519 exchange between the two trackers, and HKDF.

* The code's 120-bit secret alone keys the two *hello* files that carry each tracker's
  id, name and X25519 public key while pairing.
* The pair key mixes the X25519 shared secret with the code's secret, salted with a
  hash of what both hellos said (ids, names, public keys). Someone who learns the code
  later, even with every file the folder ever held, cannot compute it: the exchange's
  private keys never leave the two machines and are forgotten once paired.
* From the pair key, by HKDF with distinct labels: one encryption key per writer (so the
  two trackers never encrypt under one key), the key that names files, a short key id
  (to tell "another pairing's file" from "a damaged file"), and the safety words.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tracker.share.words import PGP_LIST, words_for

ID_BYTES = 16
KEY_BYTES = 32
KEY_ID_BYTES = 8
SAFETY_WORD_COUNT = 6  # 48 bits: see `PairKeys.safety_words`
FILE_SUFFIX = ".tracker-share"
_LABEL = b"tracker share v1/"


class Role(StrEnum):
    """Who made the code (setup) and who typed it in (join)."""

    SETUP = "setup"
    JOIN = "join"


def derive(
    ikm: bytes, label: bytes, *, salt: bytes | None = None, length: int = KEY_BYTES
) -> bytes:
    """HKDF-SHA256 of `ikm`, separated from every other use by `label`."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=_LABEL + label).derive(
        ikm
    )


def new_writer_id() -> bytes:
    return os.urandom(ID_BYTES)


def new_exchange_key() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair: (private, public), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def exchange(private: bytes, peer_public: bytes) -> bytes:
    """The X25519 shared secret; ValueError for a public key no honest tracker sends."""
    if len(peer_public) != KEY_BYTES:
        raise ValueError("an X25519 public key is 32 bytes")
    peer = X25519PublicKey.from_public_bytes(peer_public)
    return X25519PrivateKey.from_private_bytes(private).exchange(peer)


def _file_name(naming_key: bytes, what: bytes) -> str:
    """A name that says nothing: 32 hex digits of an HMAC, and the suffix."""
    return hmac.new(naming_key, what, hashlib.sha256).hexdigest()[:32] + FILE_SUFFIX


@dataclass(frozen=True)
class Hello:
    """What a tracker says about itself while pairing."""

    role: Role
    writer_id: bytes
    name: str
    public_key: bytes
    # The pairing version its tracker speaks (1: from before versions were said). Not
    # part of the transcript, so the pair key is the same whichever versions pair.
    version: int = 1

    def transcript(self) -> bytes:
        name = self.name.encode("utf-8")
        parts = (self.role.value.encode(), self.writer_id, len(name).to_bytes(2, "big"), name)
        return b"".join(parts) + self.public_key


@dataclass(frozen=True)
class InvitationKeys:
    """The keys that come from the code alone; they only guard the hello files."""

    secret: bytes

    def hello_key(self, role: Role) -> bytes:
        return derive(self.secret, b"hello key/" + role.value.encode())

    def hello_name(self, role: Role) -> str:
        return _file_name(derive(self.secret, b"hello names"), role.value.encode())

    @property
    def key_id(self) -> bytes:
        return derive(self.secret, b"hello key id", length=KEY_ID_BYTES)


def pair_key(secret: bytes, setup: Hello, joiner: Hello, shared: bytes) -> bytes:
    """The pair's key: the exchange and the code together, bound to both hellos."""
    salt = hashlib.sha256(setup.transcript() + joiner.transcript()).digest()
    return derive(shared + secret, b"pair key", salt=salt)


@dataclass(frozen=True)
class PairKeys:
    """The keys of a completed pairing, all from one 32-byte pair key."""

    master: bytes
    word_list: int = PGP_LIST  # the list its safety words are spelled with

    def writer_key(self, writer_id: bytes) -> bytes:
        return derive(self.master, b"writer key/" + writer_id)

    def file_name(self, writer_id: bytes) -> str:
        return _file_name(derive(self.master, b"file names"), writer_id)

    @property
    def key_id(self) -> bytes:
        return derive(self.master, b"key id", length=KEY_ID_BYTES)

    @property
    def safety_words(self) -> tuple[str, ...]:
        """Six words both partners read aloud to each other once.

        They come from the pair key, which only the two trackers that exchanged keys
        hold: someone who got the code and stood between the two in the folder would
        hold two different keys, one with each, and each side would show other words.
        To make them match, such a person would have to find, in the minutes before the
        two compare, one key exchange among about 2**48 that happens to: a search of
        years, each try costing an X25519 exchange.
        """
        digest = derive(self.master, b"safety words", length=SAFETY_WORD_COUNT)
        return words_for(digest, self.word_list)
