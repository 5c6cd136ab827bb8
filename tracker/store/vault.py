"""Which data folders are locked, and the keys this process opened them with.

A data folder is locked when it holds the key file (`KEY_FILE_NAME`; a copy of it is kept
in its backups folder, `KEY_COPY_NAME`). The lock covers
every file tracker keeps in that folder and in its folders (marks, backups, the share's
own files): `tracker.store.files` seals what it writes there and opens what it reads,
through `for_writing` and `for_reading`. A folder without the key file is not touched:
its files stay byte for byte what they were before the lock existed.

The key is derived once per process (`remember`), never per file.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import DamagedFileError
from tracker.store.sealing import (
    DATA_KEY_BYTES,
    KEY_ID_BYTES,
    DataKey,
    PassphraseNeeded,
    is_sealed,
    key_id_of,
    seal,
    unseal,
)

KEY_FILE_NAME = "tracker-lock.json"
# A copy of the key file in the backups folder: without the key file nothing opens the
# data, not even the recovery code, so one lost or damaged file must not lose it all.
KEY_COPY_NAME = "tracker-lock.copy.json"

_keys: dict[str, DataKey] = {}


def key_file_path(folder: Path) -> Path:
    return folder / KEY_FILE_NAME


def key_copy_path(folder: Path) -> Path:
    return folder / "backups" / KEY_COPY_NAME


def is_locked(folder: Path) -> bool:
    return os.path.lexists(key_file_path(folder))


def remember(folder: Path, key: DataKey) -> None:
    """This process opened the locked `folder` with `key`."""
    _keys[_name(folder)] = key


def forget(folder: Path) -> None:
    _keys.pop(_name(folder), None)


def forget_all() -> None:
    """Forget every key (the process is done with its data; tests run many in one)."""
    _keys.clear()


def handed_over(folder: Path) -> bytes | None:
    """The key of `folder` as bytes, for a child process this one starts (over a pipe)."""
    key = known_key(folder)
    return None if key is None else key.key_id + key.secret


def take_over(folder: Path, data: bytes) -> None:
    """Remember the key a parent process handed over (`handed_over`)."""
    if len(data) != KEY_ID_BYTES + DATA_KEY_BYTES:
        raise PassphraseNeeded("The key handed over by tracker was cut short.")
    remember(folder, DataKey(data[:KEY_ID_BYTES], data[KEY_ID_BYTES:]))


def known_key(folder: Path) -> DataKey | None:
    return _keys.get(_name(folder))


def _name(folder: Path) -> str:
    return os.path.abspath(folder)


def _covering(path: Path) -> tuple[Path, Path]:
    """The folders whose lock would cover `path`: its own, and the one above (marks,
    backups and the share's files live one folder down)."""
    absolute = Path(os.path.abspath(path))
    return absolute.parent, absolute.parent.parent


def key_for(path: Path) -> DataKey | None:
    if not _keys:
        return None
    for folder in _covering(path):
        key = _keys.get(str(folder))
        if key is not None:
            return key
    return None


def for_writing(path: Path, content: bytes) -> bytes:
    """What to write to `path`: `content` sealed if a lock covers it, else as it is.

    Never plain text into a locked folder this process has not opened; never sealed
    into a folder whose lock another process turned off.
    """
    if path.name in (KEY_FILE_NAME, KEY_COPY_NAME):
        return content  # the key wrapped by the passphrase and the recovery code
    key = key_for(path)
    locked = any(is_locked(folder) for folder in _covering(path))
    if key is not None and locked:
        return seal(key, content)
    if locked:
        raise PassphraseNeeded(
            f"Nothing was saved: {path.parent} is locked, and this tracker was not given "
            "its passphrase."
        )
    return content


def for_reading(path: Path, data: bytes) -> bytes:
    """The content of the file `path` whose bytes are `data` (opened if it is sealed).

    A sealed file opens with the key of the lock covering it; one elsewhere (a backup
    copied away, a file given by its path) with whichever key this process holds that
    sealed it.
    """
    if not is_sealed(data):
        return data
    key = key_for(path) or _key_named_in(data)
    if key is None:
        locked = next((folder for folder in _covering(path) if is_locked(folder)), None)
        if locked is not None:  # locked after this tracker opened it (another terminal)
            raise PassphraseNeeded(
                f"{path} is locked, and this tracker was not given the passphrase of "
                f"{locked}: open tracker on that data again, and type it."
            )
        # The command line opens locked data before anything is read, so here the data is
        # plain and the file came from elsewhere: no passphrase given to this data helps.
        raise PassphraseNeeded(
            f"{path} is locked, and this tracker holds no key for it: it opens only in the "
            "locked data it came from, with the passphrase or recovery code of its time."
        )
    try:
        return unseal(key, data, str(path))
    except DamagedFileError as error:
        raise type(error)(str(error), path=path) from None


def _key_named_in(data: bytes) -> DataKey | None:
    named = key_id_of(data)
    keys = list(_keys.values())
    return next((key for key in keys if key.key_id == named), keys[0] if keys else None)
