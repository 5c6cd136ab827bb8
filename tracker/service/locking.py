"""The lock (encryption at rest): turn it on or off, change its passphrase, open it.

Opening happens before the data is read (`needs_passphrase`, `unlock`), so these two
work on a path; the rest is the `Lock` area of an open tracker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.errors import ValidationError
from tracker.service.change import Change
from tracker.service.context import Area
from tracker.store import Store
from tracker.store.sealing import DEFAULT, Cost, new_recovery_code

MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024
LOSS_WARNING = (
    "If you lose both your passphrase and the recovery code, your data cannot be opened "
    "by anyone, tracker included: there is no other way back."
)


def needs_passphrase(path: Path) -> bool:
    """Whether the data at `path` is locked and this process has not opened it yet (a
    switch of the lock a crash cut short is finished first)."""
    store = Store(path)
    store.finish_interrupted_lock_switch()
    store.refuse_locked_without_key_file()
    return store.is_locked() and not store.is_unlocked()


def lock_status(path: Path) -> LockStatus:
    """The lock's state for the data at `path`, told without opening it."""
    store = Store(path)
    store.finish_interrupted_lock_switch()
    return LockStatus(store.is_locked(), store.is_unlocked())


def unlock(path: Path, secret: str) -> None:
    """Open the locked data at `path` with its passphrase or recovery code (a wrong one
    raises `WrongPassphrase`, and nothing changes)."""
    Store(path).unlock(secret)


def open_from_keyring(path: Path) -> bool:
    """Open the locked data at `path` with the key remembered on this computer, if any."""
    return Store(path).open_from_keyring()


def take_over_key(path: Path, data: bytes) -> None:
    """Open the locked data at `path` with the key its parent process handed over."""
    Store(path).take_over_key(data)


def checked_passphrase(text: str) -> str:
    """A new passphrase, refused in one line if it cannot serve."""
    if len(text) < MIN_PASSPHRASE:
        raise ValidationError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters (a short sentence "
            "you will remember works well). Nothing was changed."
        )
    if len(text) > MAX_PASSPHRASE or "\n" in text or "\x00" in text:
        raise ValidationError(
            f"A passphrase is one line of at most {MAX_PASSPHRASE} characters. Nothing was changed."
        )
    return text


@dataclass(frozen=True)
class LockStatus:
    on: bool
    unlocked: bool

    def describe(self) -> str:
        if not self.on:
            return "The lock is off: your data is kept in plain files readable by your user."
        return "The lock is on: every file tracker keeps for this data is encrypted."


def _files(count: int) -> str:
    """ "1 file is", "3 files are"."""
    return "1 file is" if count == 1 else f"{count} files are"


class Lock(Area):
    """Encryption at rest of every file of the data folder."""

    cost: Cost = DEFAULT

    def status(self) -> LockStatus:
        return LockStatus(self._store.is_locked(), self._store.is_unlocked())

    def turn_on(self, passphrase: str) -> Change[str]:
        """Encrypt everything (after a backup); `saved` is the recovery code, shown once."""
        checked_passphrase(passphrase)
        code = new_recovery_code()
        switched = self._store.lock_on(passphrase, code, self.cost, also=self._also_locked())
        if switched.files == 0:  # nothing written yet: an empty data folder
            return Change(code, "The lock is on: every file tracker writes here is encrypted.")
        return Change(
            code,
            f"The lock is on: {_files(switched.files)} encrypted, backups included.",
        )

    def turn_off(self) -> Change[int]:
        """Decrypt everything for good (after a backup)."""
        switched = self._store.lock_off(also=self._also_locked())
        self._store.forget_remembered_key()  # a key kept for a lock that is no more
        message = f"The lock is off: {_files(switched.files)} plain again."
        if switched.files == 0:
            message = "The lock is off: tracker writes plain files here again."
        if len(switched.kept) == 1:
            message += (
                " 1 backup from an earlier lock stays encrypted: it opens only with the "
                "passphrase of its time."
            )
        elif switched.kept:
            message += (
                f" {len(switched.kept)} backups from an earlier lock stay encrypted: they "
                "open only with the passphrase of their time."
            )
        return Change(switched.files, message)

    def remember(self) -> Change[None]:
        """Keep the key in the desktop keyring: no passphrase asked on this computer, and
        the reminder service can read the data with the app closed."""
        self._store.remember_key()
        return Change(
            None,
            "Remembered on this computer (in your desktop keyring): tracker opens without "
            "asking, and reminders come with the app closed. `tracker lock forget` undoes it.",
        )

    def forget(self) -> Change[bool]:
        forgotten = self._store.forget_remembered_key()
        message = (
            "Forgotten: tracker asks for your passphrase again on this computer."
            if forgotten
            else "Nothing was remembered on this computer."
        )
        return Change(forgotten, message)

    def remembered(self) -> bool:
        return self._store.is_key_remembered()

    def keyring_problem(self) -> str | None:
        """Why the key cannot be remembered on this computer; None if it can."""
        from tracker.store.keychain import problem

        return problem()

    def key_to_hand_over(self) -> bytes | None:
        """The key a child process needs to open the data (None when it is not locked)."""
        return self._store.key_to_hand_over()

    def change_passphrase(self, passphrase: str) -> Change[None]:
        checked_passphrase(passphrase)
        self._store.change_passphrase(passphrase, self.cost)
        return Change(None, "The passphrase is changed; your recovery code still works.")

    def _also_locked(self) -> tuple[Path, ...]:
        """The folders beside the data that the lock covers too: the share's own files,
        and the letters kept from an editor tracker was stopped in."""
        from tracker.paths import drafts_dir
        from tracker.share.pending import share_dir

        return share_dir(self._store.path), drafts_dir(self._store.path)
