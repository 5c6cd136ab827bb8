"""The lock's format: files sealed with a data key, and that key wrapped by a passphrase.

A sealed file (every file tracker keeps, once the lock is on):

    magic (8) | format (1) | key id (8) | nonce (12) | ChaCha20-Poly1305(content) + tag (16)

The first 29 bytes are the header; they are the associated data, so a header changed by
hand is damage like any other byte. The key id says which data key sealed the file: a
file sealed by another key (a backup of an earlier lock) is told from a damaged one.

The key file (`KEY_FILE_NAME`, JSON) holds the data key twice, each wrapped
(ChaCha20-Poly1305) by a key derived with scrypt: once from the passphrase, once from
the recovery code. Each wrapping names its KDF and parameters, so they can grow; the
wrapping's associated data is the key id and those parameters. Changing the passphrase
rewrites the key file only: the files stay as they are.

Pure: bytes in, bytes out; no file is read or written here.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

import msgspec

from tracker.errors import DamagedFileError, StoreError

MAGIC = b"TRKLOCK\x00"
FORMAT = 1
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + KEY_ID_BYTES + NONCE_BYTES
TAG_BYTES = 16
DATA_KEY_BYTES = 32
SALT_BYTES = 16

KEY_FILE_KIND = "tracker-lock"
KEY_FILE_VERSION = 1
KDF_NAME = "scrypt"
# About 0.1 s and 32 MiB on a laptop; a key file asking more than the limits is refused
# before any memory is taken (a hostile or damaged file must not exhaust the machine).
DEFAULT_COST = (2**15, 8, 1)
MAX_LOG2_N = 20
MAX_R = 16
MAX_P = 4
MAX_KEY_FILE_BYTES = 64 * 1024
RECOVERY_BYTES = 20  # 160 bits: 32 letters of base32, written in groups of four


class PassphraseNeeded(StoreError):
    """Locked data, and no key to open it in this process."""


class WrongPassphrase(StoreError):
    """The passphrase (or recovery code) does not open the key file."""


class OtherKeyError(DamagedFileError):
    """A sealed file whose key is not the one of this lock (a backup of an earlier lock)."""


@dataclass(frozen=True)
class DataKey:
    """The key every file of one locked data folder is sealed with."""

    key_id: bytes
    secret: bytes = b""

    def __repr__(self) -> str:  # never print the secret
        return f"DataKey({self.key_id.hex()})"


def new_data_key() -> DataKey:
    return DataKey(os.urandom(KEY_ID_BYTES), os.urandom(DATA_KEY_BYTES))


def is_sealed(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def seal(key: DataKey, content: bytes) -> bytes:
    """`content` sealed with `key`, under a fresh random nonce."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    header = MAGIC + bytes([FORMAT]) + key.key_id + os.urandom(NONCE_BYTES)
    return header + ChaCha20Poly1305(key.secret).encrypt(header[-NONCE_BYTES:], content, header)


def key_id_of(data: bytes) -> bytes | None:
    """The key id a sealed file names; None if it is not a sealed file of a known format."""
    if not is_sealed(data) or len(data) < HEADER_BYTES + TAG_BYTES or data[len(MAGIC)] != FORMAT:
        return None
    return data[len(MAGIC) + 1 : len(MAGIC) + 1 + KEY_ID_BYTES]


def unseal(key: DataKey, data: bytes, what: str) -> bytes:
    """The content of the sealed file `data` (named `what` in messages).

    Raises `OtherKeyError` for a file sealed by another key, `DamagedFileError` for a
    file whose bytes were changed or cut short.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    if is_sealed(data) and len(data) > len(MAGIC) and data[len(MAGIC)] > FORMAT:
        raise StoreError(f"{what} was locked by a newer tracker. Update tracker to open it.")
    key_id = key_id_of(data)
    if key_id is None:
        raise DamagedFileError(f"{what} is damaged (its lock header is cut short).")
    if key_id != key.key_id:
        raise OtherKeyError(
            f"{what} was locked with another key (an earlier lock of this data, or other "
            "data): it opens only with the passphrase or recovery code of its time."
        )
    header = data[:HEADER_BYTES]
    try:
        return ChaCha20Poly1305(key.secret).decrypt(
            header[-NONCE_BYTES:], data[HEADER_BYTES:], header
        )
    except InvalidTag:
        raise DamagedFileError(
            f"{what} is damaged: its bytes are not the ones tracker locked."
        ) from None


# -- the key file --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    """scrypt's parameters: n (a power of two), r, p."""

    n: int
    r: int
    p: int


DEFAULT = Cost(*DEFAULT_COST)


def _derive(secret: str, salt: bytes, cost: Cost) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p).derive(secret.encode("utf-8"))


def _wrap_aad(key_id: bytes, cost: Cost, salt: bytes) -> bytes:
    params = f"{KDF_NAME}:{cost.n}:{cost.r}:{cost.p}".encode()
    return b"|".join([b"tracker-lock-wrap", key_id, params, salt])


def _wrap(key: DataKey, secret: str, cost: Cost) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = ChaCha20Poly1305(_derive(secret, salt, cost)).encrypt(
        nonce, key.secret, _wrap_aad(key.key_id, cost, salt)
    )
    return {
        "kdf": KDF_NAME,
        "n": cost.n,
        "r": cost.r,
        "p": cost.p,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "key": _b64(wrapped),
    }


def key_file(key: DataKey, passphrase: str, recovery: str, cost: Cost = DEFAULT) -> bytes:
    """The key file's bytes: `key` wrapped by the passphrase and by the recovery code."""
    return msgspec.json.format(
        msgspec.json.encode(
            {
                "kind": KEY_FILE_KIND,
                "v": KEY_FILE_VERSION,
                "key_id": key.key_id.hex(),
                "passphrase": _wrap(key, passphrase, cost),
                "recovery": _wrap(key, normal_recovery_code(recovery), cost),
            }
        ),
        indent=2,
    )


def rewrapped(data: bytes, key: DataKey, passphrase: str, cost: Cost = DEFAULT) -> bytes:
    """The key file `data` with `key` wrapped by a new passphrase (the recovery code kept)."""
    doc = _key_doc(data)
    doc["passphrase"] = _wrap(key, passphrase, cost)
    return msgspec.json.format(msgspec.json.encode(doc), indent=2)


def key_id_in(data: bytes) -> bytes:
    """The key id the key file `data` names (damage raises `DamagedFileError`)."""
    return _key_id(_key_doc(data))


def open_key_file(data: bytes, secret: str) -> DataKey:
    """The data key from the key file `data`, opened by a passphrase or a recovery code.

    Raises `WrongPassphrase` when neither wrapping opens with `secret`, and
    `DamagedFileError` for a key file that is not one.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    doc = _key_doc(data)
    key_id = _key_id(doc)
    attempts = [("passphrase", secret)]
    code = normal_recovery_code(secret)
    if len(code) == RECOVERY_CHARS:
        attempts.insert(0, ("recovery", code))
    for slot, candidate in attempts:
        cost, salt, nonce, wrapped = _wrapping(doc.get(slot))
        kek = _derive(candidate, salt, cost)
        try:
            secret_key = ChaCha20Poly1305(kek).decrypt(
                nonce, wrapped, _wrap_aad(key_id, cost, salt)
            )
        except InvalidTag:
            continue
        return DataKey(key_id, secret_key)
    raise WrongPassphrase("That passphrase does not open this data; nothing was changed.")


def _key_doc(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_KEY_FILE_BYTES:
        raise DamagedFileError("The lock's key file is damaged (far too large).")
    try:
        doc = msgspec.json.decode(data)
    except (msgspec.DecodeError, RecursionError):
        raise DamagedFileError("The lock's key file is damaged (not JSON).") from None
    if not isinstance(doc, dict) or doc.get("kind") != KEY_FILE_KIND:
        raise DamagedFileError("The lock's key file is damaged (not a key file).")
    version = doc.get("v")
    if isinstance(version, int) and version > KEY_FILE_VERSION:
        raise StoreError("The lock's key file was written by a newer tracker. Update tracker.")
    if version != KEY_FILE_VERSION:
        raise DamagedFileError("The lock's key file is damaged (no version).")
    return doc


def _key_id(doc: dict[str, Any]) -> bytes:
    try:
        key_id = bytes.fromhex(doc.get("key_id") or "")
    except (TypeError, ValueError):
        key_id = b""
    if len(key_id) != KEY_ID_BYTES:
        raise DamagedFileError("The lock's key file is damaged (no key id).")
    return key_id


def _wrapping(slot: Any) -> tuple[Cost, bytes, bytes, bytes]:
    """A wrapping's parameters, refused before any work if they ask too much."""
    if not isinstance(slot, dict):
        raise DamagedFileError("The lock's key file is damaged (a wrapping is missing).")
    if slot.get("kdf") != KDF_NAME:
        raise StoreError(
            f"The lock's key file uses a key derivation this tracker does not know "
            f"({str(slot.get('kdf'))[:20]}). Update tracker."
        )
    n, r, p = slot.get("n"), slot.get("r"), slot.get("p")
    if not all(type(v) is int for v in (n, r, p)):
        raise DamagedFileError("The lock's key file is damaged (bad parameters).")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (2 <= n <= 2**MAX_LOG2_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise DamagedFileError(
            "The lock's key file is damaged (its parameters ask more than tracker allows)."
        )
    try:
        salt, nonce, wrapped = (_unb64(slot.get(name)) for name in ("salt", "nonce", "key"))
    except ValueError:
        raise DamagedFileError("The lock's key file is damaged (bad encoding).") from None
    if (
        not 8 <= len(salt) <= 64
        or len(nonce) != NONCE_BYTES
        or len(wrapped) != DATA_KEY_BYTES + TAG_BYTES
    ):
        raise DamagedFileError("The lock's key file is damaged (bad sizes).")
    return Cost(n, r, p), salt, nonce, wrapped


# -- the recovery code ---------------------------------------------------------------------

RECOVERY_CHARS = RECOVERY_BYTES * 8 // 5


def new_recovery_code() -> str:
    """A fresh recovery code, as shown to be written on paper: `ABCD-EFGH-...`."""
    import secrets

    letters = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


# Digits a code never holds (base32 has none of them), read off paper for the letters
# they look like: 0 for O, 1 for I, 8 for B.
MISREAD_DIGITS = str.maketrans("018", "OIB")


def normal_recovery_code(text: str) -> str:
    """A recovery code as typed (any case, spaces or dashes, 0/1/8 for O/I/B) in its one
    written form."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(MISREAD_DIGITS)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str) or len(value) > 256:
        raise ValueError("not a short base64 string")
    return base64.b64decode(value, validate=True)
