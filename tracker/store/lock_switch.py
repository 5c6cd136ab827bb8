"""Turning the lock on and off, changing its passphrase, and opening it: crash-safe.

Turning the lock on (or off) rewrites every file of the data folder. So that a crash
or a kill at any point leaves the old files or the new ones, never a mix:

1. every new file (sealed, or opened) is written into a private temporary folder beside
   the data, with the key file (turning on) and last a plan naming where each goes;
   each is fsync-ed. A kill here leaves a temporary folder the next run removes: the
   old files are untouched.
2. that folder is renamed to `SWITCH_DIR` (and the data folder fsync-ed): the moment it
   is in place, the switch has happened.
3. each file is renamed over the one it replaces (the key file first when turning on,
   removed last when turning off); then the plan goes, then the folder.

Whichever tracker next opens the data finishes step 3 before reading anything (no key
is needed: it only renames), so no run ever reads a mix. Changing the passphrase
rewrites the key file alone (one atomic write): the files stay as they are.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from tracker.errors import DamagedFileError, StoreError
from tracker.store import sealing, vault
from tracker.store.datafiles import DataFiles
from tracker.store.files import (
    create_temp_dir,
    ensure_private_dir,
    fsync_dir,
    read_bytes_nofollow,
    remove_file,
    stray_temp_paths,
    write_atomically,
)
from tracker.store.sealing import Cost, DataKey

SWITCH_PURPOSE = "lock-switch"
SWITCH_DIR = ".tracker-lock-switch"
PLAN_FILE = "plan.json"
KEY_ENTRY = "key"
ON, OFF = "on", "off"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Switched:
    """What a switch did: how many files it rewrote, and those it could not open (sealed
    by the key of an earlier lock: kept as they are)."""

    files: int
    kept: tuple[Path, ...] = ()


# -- opening -------------------------------------------------------------------------------


def unlock(folder: Path, secret: str) -> DataKey:
    """Open the locked `folder` with a passphrase or its recovery code, for this process."""
    path = vault.key_file_path(folder)
    data = _key_file_bytes(folder)
    try:
        key = sealing.open_key_file(data, secret)
    except DamagedFileError as error:
        raise DamagedFileError(
            str(error).replace("The lock's key file", f"The lock's key file {path}", 1)
            + " Your data cannot be opened without it, not even with the recovery code: "
            + _way_back(folder)
            + " Nothing was changed.",
            path=path,
            advised=True,
        ) from None
    vault.remember(folder, key)
    # The copy is a way back, never a reason the data does not open: a copy that cannot be
    # kept now (a link planted there, a full disk) is kept by a later unlock.
    with contextlib.suppress(StoreError):
        keep_key_copy(folder, data)
    return key


def keep_key_copy(folder: Path, data: bytes | None = None) -> None:
    """Keep the copy of the key file in the backups folder the same as the key file (after
    setup, a passphrase change, or any unlock that finds it missing or behind)."""
    if data is None:
        data = read_bytes_nofollow(vault.key_file_path(folder), max_size=sealing.MAX_KEY_FILE_BYTES)
        if data is None:
            return  # a switch not finished yet: the open that finishes it keeps the copy
    copy = vault.key_copy_path(folder)
    try:
        if read_bytes_nofollow(copy, max_size=sealing.MAX_KEY_FILE_BYTES) == data:
            return
    except StoreError:
        pass  # damaged or not a file we wrote: write it anew (a link is refused there)
    ensure_private_dir(copy.parent)
    write_atomically(copy, data)


def _way_back(folder: Path) -> str:
    """How to put the key file back: from its copy in the backups folder if there is one."""
    copy, path = vault.key_copy_path(folder), vault.key_file_path(folder)
    if _is_regular(copy):
        return (
            f"a copy of it is kept in {copy}; `cp -p '{copy}' '{path}'` puts it back "
            "(it opens with the passphrase and recovery code of the time it was copied)."
        )
    return "put back a copy of this file if you have one (from a copy of the whole folder)."


def refuse_sealed_data_without_key_file(data_file: Path) -> None:
    """A locked data file in a folder that lost its key file: said, with the way back."""
    folder = data_file.parent
    if vault.is_locked(folder):
        return
    try:
        # Never blocks: a fifo planted there would hold the open (O_NONBLOCK).
        fd = os.open(data_file, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return  # no data file yet (or none readable): its own read says so
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return  # a folder or a device there: the store's own open says so
        head = os.read(fd, len(sealing.MAGIC))
    except OSError:
        return
    finally:
        os.close(fd)
    if sealing.is_sealed(head):
        way_back = _way_back(folder)
        raise StoreError(
            f"{data_file} is locked, but the lock's key file {vault.key_file_path(folder)} "
            "is missing: your data cannot be opened without it, not even with the recovery "
            f"code. {way_back[0].upper()}{way_back[1:]} Nothing was changed."
        )


def key_id(folder: Path) -> bytes | None:
    """The key id of the lock on `folder`; None if it has none (or its key file is damaged)."""
    try:
        return sealing.key_id_in(_key_file_bytes(folder))
    except StoreError:
        return None


def _key_file_bytes(folder: Path) -> bytes:
    data = read_bytes_nofollow(vault.key_file_path(folder), max_size=sealing.MAX_KEY_FILE_BYTES)
    if data is None:
        raise StoreError(f"{folder} is not locked.")
    return data


def change_passphrase(folder: Path, key: DataKey, passphrase: str, cost: Cost) -> None:
    """Wrap the data key with a new passphrase (the recovery code still opens it)."""
    new = sealing.rewrapped(_key_file_bytes(folder), key, passphrase, cost)
    write_atomically(vault.key_file_path(folder), new)
    keep_key_copy(folder, new)  # else the old passphrase would still open the copy


# -- switching -----------------------------------------------------------------------------


def owned_files(files: DataFiles, folders: tuple[Path, ...] = ()) -> list[Path]:
    """Every file the lock covers: the data file and what lives beside it (marks, backups,
    and `folders`, such as the share's own)."""
    found = [
        path
        for path in (files.path, files.check_record, files.import_journal, files.restore_marker)
        if _is_regular(path)
    ]
    for folder in (files.marks_dir, files.backup_dir, *folders):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".tmp-") or entry.name in ("lock", vault.KEY_COPY_NAME):
                continue  # a temp file (removed at the next run), the share's OS lock, the key
            if entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return found


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def switch_on(
    files: DataFiles, passphrase: str, recovery: str, cost: Cost, folders: tuple[Path, ...] = ()
) -> Switched:
    """Seal every file of the data folder under a new key (the caller holds the lock)."""
    folder = files.path.parent
    if vault.is_locked(folder):
        raise StoreError("The lock is already on.")
    key = sealing.new_data_key()
    staged: dict[str, bytes] = {KEY_ENTRY: sealing.key_file(key, passphrase, recovery, cost)}
    targets: list[tuple[str, str]] = []
    for number, path in enumerate(owned_files(files, folders)):
        content = read_bytes_nofollow(path)
        if content is None:
            continue
        staged[str(number)] = sealing.seal(key, content)
        targets.append((str(number), os.path.relpath(path, folder)))
    _commit(folder, ON, staged, targets)
    vault.remember(folder, key)
    finish_interrupted_switch(folder)
    keep_key_copy(folder)
    return Switched(len(targets))


def switch_off(files: DataFiles, folders: tuple[Path, ...] = ()) -> Switched:
    """Open every sealed file of the data folder for good (the caller holds the lock and
    this process has the key)."""
    folder = files.path.parent
    if not vault.is_locked(folder):
        raise StoreError("The lock is already off.")
    staged: dict[str, bytes] = {}
    targets: list[tuple[str, str]] = []
    kept: list[Path] = []
    for number, path in enumerate(owned_files(files, folders)):
        try:
            content = read_bytes_nofollow(path)
        except sealing.OtherKeyError:
            kept.append(path)  # sealed by an earlier lock: only its key opens it
            continue
        if content is None:
            continue
        staged[str(number)] = content
        targets.append((str(number), os.path.relpath(path, folder)))
    _commit(folder, OFF, staged, targets)
    finish_interrupted_switch(folder)
    vault.forget(folder)
    return Switched(len(targets), tuple(kept))


def _commit(
    folder: Path, action: str, staged: dict[str, bytes], targets: list[tuple[str, str]]
) -> None:
    """Steps 1 and 2: every new file in a temporary folder, then one rename."""
    staging = create_temp_dir(folder, SWITCH_PURPOSE)
    try:
        for name, content in staged.items():
            _write_new(staging / name, content)
        plan = {"kind": "tracker-lock-switch", "v": 1, "action": action, "files": targets}
        _write_new(staging / PLAN_FILE, msgspec.json.encode(plan))
        fsync_dir(staging)
        os.rename(staging, folder / SWITCH_DIR)
    except BaseException:
        _remove_tree(staging)
        raise
    fsync_dir(folder)


def _write_new(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_abandoned_switches(folder: Path) -> None:
    """The temporary folders of switches killed before their step 2 (nothing of them
    happened)."""
    for stray in stray_temp_paths(folder, {SWITCH_PURPOSE}, kind=stat.S_IFDIR):
        _remove_tree(stray)


def switch_pending(folder: Path) -> bool:
    return os.path.lexists(folder / SWITCH_DIR)


def finish_interrupted_switch(folder: Path) -> bool:
    """Step 3, for a switch in place (a crash cut short, or this run's); True if there
    was one. The caller holds the data's lock."""
    switch = folder / SWITCH_DIR
    if not os.path.lexists(switch):
        return False
    plan = _read_plan(switch)
    if plan is not None:
        action = plan["action"]
        if action == ON:
            _place(switch / KEY_ENTRY, vault.key_file_path(folder))
        for name, relative in plan["files"]:
            target = folder / relative
            with contextlib.suppress(FileNotFoundError):  # an owner's folder gone meanwhile
                _place(switch / name, target)
        if action == OFF:
            remove_file(vault.key_copy_path(folder))
            remove_file(vault.key_file_path(folder))
            vault.forget(folder)
        remove_file(switch / PLAN_FILE)
    _remove_tree(switch)
    fsync_dir(folder)
    return True


def _read_plan(switch: Path) -> dict[str, Any] | None:
    try:
        with open(switch / PLAN_FILE, "rb") as handle:
            plan = msgspec.json.decode(handle.read(16 * 1024 * 1024))
    except FileNotFoundError:
        return None  # removed: every file was placed
    except (OSError, msgspec.DecodeError) as error:
        raise StoreError(
            f"A switch of the lock was cut short and its plan ({switch / PLAN_FILE}) cannot "
            f"be read ({error}); nothing was changed. Move that folder aside to go on."
        ) from None
    if (
        not isinstance(plan, dict)
        or plan.get("action") not in (ON, OFF)
        or not isinstance(plan.get("files"), list)
        or not all(
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(part, str) for part in item)
            and not os.path.isabs(item[1])
            and ".." not in Path(item[1]).parts
            for item in plan["files"]
        )
    ):
        raise StoreError(
            f"A switch of the lock was cut short and its plan ({switch / PLAN_FILE}) is "
            "damaged; nothing was changed. Move that folder aside to go on."
        )
    return plan


def _place(source: Path, target: Path) -> None:
    """Rename `source` over `target` (durably); nothing if it was placed already."""
    try:
        os.replace(source, target)
    except FileNotFoundError:
        if os.path.lexists(source):
            raise
        return
    fsync_dir(target.parent)


def _remove_tree(path: Path) -> None:
    with contextlib.suppress(OSError):
        for entry in os.scandir(path):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.rmdir(path)
