"""Remembering the lock's key on this computer, in the desktop keyring (Secret Service).

It needs a keyring service in the session (GNOME Keyring, KWallet); a headless session has none,
and then nothing is remembered and `tracker doctor` says so. What is kept is the data
key itself (so a remembered lock opens without the key derivation), under the data
folder's path; `forget` takes it out again.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from tracker.errors import StoreError
from tracker.store.sealing import DATA_KEY_BYTES, KEY_ID_BYTES, DataKey

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "trust-tracker lock"
NOT_INSTALLED = "the keyring package is missing from this installation of tracker"


class KeyringUnavailable(StoreError):
    """No desktop keyring to keep the key in."""


def _backend() -> KeyringBackend:
    try:
        import keyring
        import keyring.core
    except ImportError:
        raise KeyringUnavailable(f"Nothing was remembered: {NOT_INSTALLED}.") from None
    backend = keyring.core.load_env() or keyring.get_keyring()  # the environment, each time
    if _is_failing(keyring, backend):
        raise KeyringUnavailable(
            "Nothing was remembered: there is no desktop keyring (Secret Service, such as "
            "GNOME Keyring or KWallet) in this session."
        )
    return backend


def _is_failing(keyring: ModuleType, backend: KeyringBackend) -> bool:
    from keyring.backends import fail

    return isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0


def _name(folder: Path) -> str:
    return os.path.abspath(folder)


def problem() -> str | None:
    """Why the key cannot be remembered here; None if it can."""
    try:
        _backend()
    except KeyringUnavailable as error:
        return str(error).removeprefix("Nothing was remembered: ").removesuffix(".")
    return None


def remember(folder: Path, key: DataKey) -> None:
    backend = _backend()
    try:
        backend.set_password(SERVICE, _name(folder), (key.key_id + key.secret).hex())
    except Exception as error:  # any backend's failure: the key simply is not kept
        raise KeyringUnavailable(
            f"Nothing was remembered: the keyring refused ({error})."
        ) from None


def recall(folder: Path) -> DataKey | None:
    """The key remembered for `folder`, or None (none kept, or no keyring here)."""
    try:
        backend = _backend()
        text = backend.get_password(SERVICE, _name(folder))
    except Exception:  # no keyring, locked keyring, refused: ask for the passphrase instead
        return None
    try:
        data = bytes.fromhex(text) if isinstance(text, str) else b""
    except ValueError:
        return None
    if len(data) != KEY_ID_BYTES + DATA_KEY_BYTES:
        return None
    return DataKey(data[:KEY_ID_BYTES], data[KEY_ID_BYTES:])


def forget(folder: Path) -> bool:
    """Take the key out of the keyring; True if one was kept."""
    try:
        backend = _backend()
        if backend.get_password(SERVICE, _name(folder)) is None:
            return False
        backend.delete_password(SERVICE, _name(folder))
    except Exception:
        return False
    return True
