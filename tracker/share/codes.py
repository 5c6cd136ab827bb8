"""The one-time pairing code: 120 random bits people can read out or paste, with a typo check.

Spelled in Crockford's base32 (digits and capitals without I, L, O, U), in groups of
four: 24 characters of secret and 4 of check, 28 in all. Reading it back forgives what
people do with codes: lower case, spaces or no dashes, O for 0, I or L for 1.
"""

from __future__ import annotations

import hashlib
import os

from tracker.errors import ValidationError

SECRET_BYTES = 15  # 120 bits
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: index for index, char in enumerate(_ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
_SECRET_CHARS = SECRET_BYTES * 8 // 5  # 24
_CHECK_CHARS = 4  # 20 bits: a mistyped code is caught, not taken for another pairing
CODE_CHARS = _SECRET_CHARS + _CHECK_CHARS
GROUP = 4


def new_secret() -> bytes:
    return os.urandom(SECRET_BYTES)


def _spell(value: int, chars: int) -> str:
    return "".join(_ALPHABET[(value >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def _check(secret: bytes) -> int:
    digest = hashlib.sha256(b"tracker pairing code check\x00" + secret).digest()
    return int.from_bytes(digest[:3], "big") >> 4  # 20 bits


def code_for(secret: bytes) -> str:
    """The code people read out: 'K7QM-3XPA-…', seven groups of four."""
    if len(secret) != SECRET_BYTES:
        raise ValueError("a pairing secret is 15 bytes")
    plain = _spell(int.from_bytes(secret, "big"), _SECRET_CHARS) + _spell(
        _check(secret), _CHECK_CHARS
    )
    return "-".join(plain[i : i + GROUP] for i in range(0, CODE_CHARS, GROUP))


def secret_from_code(code: str) -> bytes:
    """The secret a code carries; a code with a typo is refused, saying so."""
    if not isinstance(code, str):
        raise ValidationError("The pairing code is text: seven groups of four letters and digits.")
    letters = [char for char in code.upper() if char not in " -\t\n"]
    unknown = sorted({char for char in letters if char not in _VALUE})
    if unknown:
        shown = "".join(unknown)[:10]
        raise ValidationError(
            f"The pairing code holds characters a code never has ({shown!r}). "
            "Copy it again from your partner's screen."
        )
    if len(letters) != CODE_CHARS:
        raise ValidationError(
            f"The pairing code has {len(letters)} letters and digits; a code has {CODE_CHARS} "
            "(seven groups of four). Copy it again from your partner's screen."
        )
    value = 0
    for char in letters[:_SECRET_CHARS]:
        value = (value << 5) | _VALUE[char]
    check = 0
    for char in letters[_SECRET_CHARS:]:
        check = (check << 5) | _VALUE[char]
    secret = value.to_bytes(SECRET_BYTES, "big")
    if check != _check(secret):
        raise ValidationError(
            "The pairing code has a typo (its last four characters do not match the rest). "
            "Read it again, group by group."
        )
    return secret
