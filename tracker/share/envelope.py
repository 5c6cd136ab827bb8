"""The envelope of every file tracker puts in the shared folder: a header, then ChaCha20-Poly1305.

    offset  size  field
         0     8  magic  b"trkshare"
         8     2  format version (big-endian; this tracker writes and reads 1)
        10     8  key id: which pairing's key sealed it (says nothing without the key)
        18     8  sequence number (big-endian; only ever grows for one writer)
        26     4  length of what follows
        30    12  nonce (random for every file)
        42     …  the sealed body: the ciphertext and its 16-byte tag

The whole header and the writer's id are the associated data: the tag covers every byte
of the file, and a file cannot be passed off as the other writer's or given another
number. The nonce is random (96 bits from the OS) rather than counted from the
sequence: a counter restarts when a machine is restored from a backup or tracker is
reinstalled, and a repeated nonce under one key would give the key away, while a
random one repeats with odds of about 2**-96 per pair of files, and a tracker writes
thousands, not billions. Each writer also has its own key (`PairKeys.writer_key`).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tracker.share.problems import Problem, ShareRefused

MAGIC = b"trkshare"
FORMAT_VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_SEQUENCE = 2**64 - 1
_HEADER = struct.Struct(">8sH8sQI12s")
HEADER_BYTES = _HEADER.size


@dataclass(frozen=True)
class Header:
    version: int
    key_id: bytes
    sequence: int
    length: int
    nonce: bytes


def read_header(data: bytes) -> Header:
    """The header of a file, refusing what is not an envelope this tracker can open."""
    if not data.startswith(MAGIC[: len(data)]):
        raise ShareRefused(Problem.NOT_A_SHARE, "it does not start like one")
    if len(data) < HEADER_BYTES:
        raise ShareRefused(Problem.CUT_SHORT, f"{len(data)} bytes so far")
    _magic, version, key_id, sequence, length, nonce = _HEADER.unpack_from(data)
    if version > FORMAT_VERSION:
        raise ShareRefused(Problem.NEWER_VERSION, f"share format {version}")
    if version < 1:
        raise ShareRefused(Problem.DAMAGED, "its format number is 0")
    return Header(version, key_id, sequence, length, nonce)


def seal(body: bytes, *, key: bytes, key_id: bytes, writer_id: bytes, sequence: int) -> bytes:
    """`body` encrypted and authenticated, with the header in front."""
    if not 0 <= sequence <= MAX_SEQUENCE:
        raise ValueError("the sequence number is out of range")
    nonce = os.urandom(NONCE_BYTES)
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, key_id, sequence, len(body) + TAG_BYTES, nonce)
    return header + ChaCha20Poly1305(key).encrypt(nonce, body, header + writer_id)


@dataclass(frozen=True)
class Opened:
    sequence: int
    body: bytes


def open_sealed(data: bytes, *, key: bytes, key_id: bytes, writer_id: bytes) -> Opened:
    """The body and sequence of a file sealed by `writer_id` with `key`; anything else refused."""
    header = read_header(data)
    if header.key_id != key_id:
        raise ShareRefused(Problem.OTHER_KEY)
    sealed = memoryview(data)[HEADER_BYTES:]
    if len(sealed) < header.length:
        raise ShareRefused(
            Problem.CUT_SHORT, f"{len(data)} of {HEADER_BYTES + header.length} bytes"
        )
    if len(sealed) > header.length or header.length < TAG_BYTES:
        raise ShareRefused(Problem.DAMAGED, "its length does not match its header")
    try:
        body = ChaCha20Poly1305(key).decrypt(
            header.nonce, bytes(sealed), bytes(data[:HEADER_BYTES]) + writer_id
        )
    except InvalidTag:
        raise ShareRefused(Problem.DAMAGED, "its seal does not match its content") from None
    return Opened(header.sequence, body)
