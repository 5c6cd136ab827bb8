"""The rules every file tracker owns follows, whatever kind of file it is.

Data file, marks, backups, the lock, and the files still to come (shares, import
staging) all go through these functions, so each rule holds for all of them:

- **Private**: files are created 0600 and folders 0700, whatever the umask;
  `tighten_mode` takes group and other bits off a file or folder that has them.
- **No link followed where none is expected**: files are opened with `O_NOFOLLOW`
  (a link is refused with a message that says so), a link is never replaced by a
  file, and a FIFO or device is refused instead of blocking or being read. A folder
  may be a link (backups kept on another disk), but a dangling one is named as such.
- **Owner kept**: a replacement keeps the owner and group of the file it replaces; a
  process that cannot keep them (another user's file) refuses to write and says why.
  Run as root in another user's folder, new files and folders take the folder's owner.
- **Locked alike**: in a locked data folder (`tracker.store.vault`) every file written
  here is sealed and every file read here is opened, whatever kind of file it is.
- **Atomic and durable**: a replacement is written to a temporary file, fsync-ed,
  renamed over the old file, and the folder is fsync-ed; a new folder is fsync-ed
  into its parent, and a removal is fsync-ed too.

Public API for other kinds of files (shares, import staging): use these, never `open`.

    write_atomically(path, data, *, mode=FILE_MODE, subject=None, durable=True)
        replace or create a file (refuses a link; keeps owner and group; `subject` is the
        file named in messages, such as the user's data file for its marks)
    read_bytes_nofollow(path, max_size=None) -> bytes | None   (None: no such file)
    read_stored_bytes(path, max_size=None) -> bytes | None     (as on disk, even if locked)
    content_of(path, data) -> bytes   bytes read by other means, opened if the lock sealed them
    lstat_or_none(path) -> os.stat_result | None               (never through a link)
    read_json(path, max_size=None) -> Any | None               (damage: DamagedFileError)
    dump_json(data) -> bytes
    ensure_private_dir(path)          create missing folders 0700, each fsync-ed in its parent
    tighten_mode(path) -> bool        take group/other bits off; True if there were some
    loose_mode(path) -> int | None    the mode, if others may read or write
    remove_file(path)                 unlink (never through a link) and fsync the folder
    create_temp_file(folder, purpose, mode=FILE_MODE) -> (fd, path)
                                      the one way tracker makes a temporary file anywhere
    create_temp_dir(folder, purpose) -> path     the same for a temporary folder
    remove_stray_temp_files(folder, purposes=None) -> int
                                      our own temporary files that a killed run left there
    adopt_folder_owner(fd, folder)    run as root: give a new file the folder owner's ids
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import msgspec

from tracker.errors import DamagedFileError, StoreError
from tracker.json_faults import JsonFault, decode_json
from tracker.store import vault

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_PREFIX = ".tmp-"
PRIVATE_BITS = 0o077

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


# -- folders -------------------------------------------------------------------------------


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and missing parents) readable by the owner only.

    Only folders created here are chmod-ed: a user's existing folder keeps its mode. Each
    new folder is fsync-ed into its parent, so it survives a power cut with what is
    written into it. An existing link to a folder is followed (the user's choice, such
    as backups on another disk); a dangling one is an error naming the folder.
    """
    missing: list[Path] = []
    current = path
    info = lstat_or_none(current)
    while info is None:
        if current.parent == current:
            raise StoreError(f"Cannot create the folder {path}.")
        missing.append(current)
        current = current.parent
        info = lstat_or_none(current)
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(current)
        except OSError as error:
            target = link_target(current)
            raise StoreError(
                f"The folder {current} is a link to {target}, which does not exist (a drive "
                "that is not mounted?). Nothing was saved: mount it, or remove the link."
            ) from error
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{current} is a file, not a folder: tracker cannot keep its data there.")
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise _folder_error(folder, error) from error
        try:
            fd = _open_nofollow(folder, os.O_RDONLY | _DIRECTORY)
            try:
                os.fchmod(fd, DIR_MODE)
                adopt_folder_owner(fd, folder.parent)
            finally:
                os.close(fd)
        except OSError as error:
            raise _folder_error(folder, error) from error
        _fsync_dir_quietly(folder.parent)


def _folder_error(folder: Path, error: OSError) -> StoreError:
    if error.errno == errno.ENOSPC:
        return StoreError(f"Nothing was saved: the disk is full (creating the folder {folder}).")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"Nothing was saved: there is no permission to write in {folder.parent} "
            f"(creating the folder {folder.name})."
        )
    return StoreError(f"Cannot create the folder {folder}: {error.strerror}.")


def link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "a place that cannot be read"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir_quietly(path: Path) -> None:
    # What was written is in place; a folder that cannot be fsync-ed (some network file
    # systems) only weakens the guarantee on power loss.
    with contextlib.suppress(OSError):
        fsync_dir(path)


# -- writing -------------------------------------------------------------------------------


def write_atomically(
    path: Path,
    data: str | bytes,
    *,
    mode: int = FILE_MODE,
    subject: Path | None = None,
    durable: bool = True,
    as_stored: bool = False,
) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new one, never a mix.

    Writes a temporary file in the same folder (created with `mode`, never through a
    link), gives it the owner and group of the file it replaces, fsyncs it, renames it
    over `path` and fsyncs the folder, so the rename itself survives a power cut.
    Refuses to replace a symbolic link or anything that is not a regular file.

    `subject` is the file the user knows (the data file, for its marks and backups):
    messages name it. `durable=False` skips both fsyncs, for caches that may be lost.
    `as_stored`: `data` is a file's bytes as they were on disk (`read_stored_bytes`),
    copied as they are (a locked file stays sealed as it was, never sealed twice).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not as_stored:
        payload = vault.for_writing(path, payload)
    subject = subject or path
    existing = lstat_or_none(path)
    if existing is not None:
        _refuse_to_replace(path, existing, subject)
    try:
        fd, temp = create_temp_file(path.parent, path.name, mode)
    except OSError as error:
        raise _write_error(path, subject, error) from error
    try:
        try:
            if existing is not None:
                _keep_owner(fd, path, existing, subject)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        _remove_quietly(temp)
        raise _write_error(path, subject, error) from error
    except BaseException:
        _remove_quietly(temp)
        raise
    if durable:
        _fsync_dir_quietly(path.parent)


def lstat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(
            f"Nothing was saved: {path} cannot be looked at ({error.strerror})."
        ) from error


def _refuse_to_replace(path: Path, info: os.stat_result, subject: Path) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise StoreError(
            f"Nothing was saved: {path} is a symbolic link (to {link_target(path)}), and "
            f"tracker never replaces a link with a file. {_unchanged(path, subject)}"
        )
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise StoreError(f"Nothing was saved: {path} is {what}. {_unchanged(path, subject)}")


def _keep_owner(fd: int, path: Path, old: os.stat_result, subject: Path) -> None:
    """Give the temporary file `fd` the owner and group of the file it will replace."""
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        if new.st_uid == old.st_uid:
            return  # only the group differs, and it cannot read a 0600 file anyway
        raise StoreError(
            f"Nothing was saved: {path} belongs to {user_name(old.st_uid)}, and tracker is "
            f"running as {user_name(new.st_uid)}; saving would take the file from its owner. "
            f"Run tracker as {user_name(old.st_uid)}. {_unchanged(path, subject)}"
        ) from None


def adopt_folder_owner(fd: int, folder: Path) -> None:
    """Give a file or folder just created (`fd`) the owner of `folder`, when run as root.

    Run as root in another user's folder (sudo), a new file must be that user's, not
    root's: otherwise they could no longer open their own lock, marks or backups.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    try:
        owner = os.stat(folder)
    except OSError:
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (owner.st_uid, owner.st_gid):
        with contextlib.suppress(OSError):
            os.fchown(fd, owner.st_uid, owner.st_gid)


def user_name(uid: int) -> str:
    try:
        import pwd

        return f"user {pwd.getpwuid(uid).pw_name}"
    except (ImportError, KeyError):
        return f"user {uid}"


def _unchanged(path: Path, subject: Path) -> str:
    return (
        f"{subject} is unchanged." if subject == path else f"Your data in {subject} is unchanged."
    )


def _write_error(path: Path, subject: Path, error: OSError) -> StoreError:
    if error.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = f"there is no permission to write in {path.parent}"
    elif error.errno == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist (any more)"
    else:
        reason = f"{error.strerror or error} (writing {path})"
    return StoreError(f"Nothing was saved: {reason}. {_unchanged(path, subject)}")


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def remove_file(path: Path) -> None:
    """Delete `path` (never through a link: a link itself is what goes) and fsync its folder."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    _fsync_dir_quietly(path.parent)


# -- temporary files -----------------------------------------------------------------------
#
# Every temporary file tracker makes, wherever it makes it (the data folder, marks,
# backups, the share's own folder, the synced folder, an export's folder, a letter's
# draft), is named `.tmp-tracker-<purpose>.<pid>.<8 hex digits>`: `<purpose>` is the file
# it becomes (or what it is for), `<pid>` the process writing it. The `.tmp-` start is the
# one Syncthing users already ignore (`(?d).tmp-*`); the rest tells tracker's own apart, so
# the next run that touches the folder removes what a killed run left there, and nothing
# else. Before 2026-12 the names had no `tracker-`: those are still recognised where the
# caller names the files they could become (`purposes`), or in tracker's private folders.

TEMP_STALE_SECONDS = 15 * 60.0
_TEMP_TAG = "tracker-"
_PURPOSE_CHARS = 100
_OUR_TEMP_NAME = re.compile(
    r"^\.tmp-(?P<tag>tracker-)?(?P<purpose>.+)\.(?P<pid>\d{1,10})\.[0-9a-f]{8}$", re.DOTALL
)


def temp_name(purpose: str) -> str:
    """A fresh temporary name for `purpose` (the name of the file it becomes, or a word)."""
    return f"{TEMP_PREFIX}{_TEMP_TAG}{purpose[:_PURPOSE_CHARS]}.{os.getpid()}.{os.urandom(4).hex()}"


def create_temp_file(folder: Path, purpose: str, mode: int = FILE_MODE) -> tuple[int, Path]:
    """Create a new private temporary file in `folder`: its open descriptor and its path.

    Never through a link (`O_EXCL | O_NOFOLLOW`), `mode` whatever the umask, and run as
    root in another user's folder, owned by that user. Raises `OSError`.
    """
    path = folder / temp_name(purpose)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        os.fchmod(fd, mode)
        adopt_folder_owner(fd, folder)
    except BaseException:
        os.close(fd)
        _remove_quietly(path)
        raise
    return fd, path


def create_temp_dir(folder: Path, purpose: str) -> Path:
    """Create a new private (0700) temporary folder in `folder`, named as a temporary file."""
    path = folder / temp_name(purpose)
    path.mkdir(mode=DIR_MODE)
    fd = _open_nofollow(path, os.O_RDONLY | _DIRECTORY)
    try:
        os.fchmod(fd, DIR_MODE)
        adopt_folder_owner(fd, folder)
    finally:
        os.close(fd)
    return path


def is_own_temp_name(name: str, purposes: Collection[str] | None = None) -> bool:
    """Whether `name` is a temporary file tracker made (for one of `purposes`, if given)."""
    match = _OUR_TEMP_NAME.match(name)
    if match is None:
        return False
    return purposes is None or match["purpose"] in _as_named(purposes)


def remove_stray_temp_files(
    folder: Path, purposes: Collection[str] | None = None, *, now: float | None = None
) -> int:
    """Delete the temporary files a killed tracker left in `folder`; how many went.

    Only tracker's own (named by `temp_name`, or before that by `write_atomically`; with
    `purposes`, only those for these names, as in a folder others write to), only regular
    files this user owns, and only those whose writer is gone or that are older than
    `TEMP_STALE_SECONDS` (a write takes milliseconds; a process id can be reused).
    A temporary file is never the only copy of anything: it is the new version, not yet
    in place, of a file that still holds the old one.
    """
    removed = 0
    for path in stray_temp_paths(folder, purposes, now=now, kind=stat.S_IFREG):
        try:
            os.unlink(path)
        except OSError:
            continue
        removed += 1
    if removed:
        _fsync_dir_quietly(folder)
    return removed


def stray_temp_paths(
    folder: Path,
    purposes: Collection[str] | None = None,
    *,
    now: float | None = None,
    kind: int = stat.S_IFREG,
) -> list[Path]:
    """Tracker's own temporary files (or, with `kind=stat.S_IFDIR`, folders) in `folder`
    that a killed run left: see `remove_stray_temp_files`. A folder is a session's (a
    letter's draft, the demo), which may last hours: only its process's end makes it stray."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    moment = time.time() if now is None else now
    named = None if purposes is None else _as_named(purposes)
    found = []
    for entry in entries:
        match = _OUR_TEMP_NAME.match(entry.name)
        if match is None or (named is not None and match["purpose"] not in named):
            continue
        if purposes is None and match["tag"] is None and not _private(folder):
            continue  # an old-style name in a folder others may write to: not provably ours
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_IFMT(info.st_mode) != kind or not _mine(info):
            continue
        stale = kind == stat.S_IFREG and moment - info.st_mtime > TEMP_STALE_SECONDS
        if stale or not _process_alive(int(match["pid"])):
            found.append(Path(entry.path))
    return found


def _as_named(purposes: Collection[str]) -> set[str]:
    """The purposes as temporary names hold them (a long file name is cut short there)."""
    return {purpose[:_PURPOSE_CHARS] for purpose in purposes}


def _mine(info: os.stat_result) -> bool:
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    return euid is None or euid in (0, info.st_uid)


def _private(folder: Path) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return not info.st_mode & PRIVATE_BITS and _mine(info)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- modes ---------------------------------------------------------------------------------


def tighten_mode(path: Path) -> bool:
    """Take group and other permissions off a file or folder tracker owns; True if it had some.

    Never through a link; a file of another kind (a FIFO, a device) is left alone.
    """
    if loose_mode(path) is None:
        return False
    try:
        fd = _open_nofollow(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        kind = stat.S_IFMT(info.st_mode)
        if kind not in (stat.S_IFREG, stat.S_IFDIR) or not info.st_mode & PRIVATE_BITS:
            return False
        os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~PRIVATE_BITS)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def loose_mode(path: Path) -> int | None:
    """The mode of `path` if others may read or write it (never through a link), else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & PRIVATE_BITS:
        return None
    return stat.S_IMODE(info.st_mode)


# -- reading -------------------------------------------------------------------------------


def _open_nofollow(path: Path, flags: int) -> int:
    return os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC)


def read_bytes_nofollow(path: Path, max_size: int | None = None) -> bytes | None:
    """The content of the regular file `path` (opened if the lock sealed it), or None if
    there is none. See `read_stored_bytes` for what is refused."""
    data = read_stored_bytes(path, max_size)
    return None if data is None else vault.for_reading(path, data)


def read_stored_bytes(path: Path, max_size: int | None = None) -> bytes | None:
    """The bytes of the regular file `path` as they are on disk, or None if there is none.

    A symbolic link is refused, never followed, and so is a folder, a FIFO or a device
    (a FIFO would block forever); each raises `DamagedFileError` naming the file. A file
    larger than `max_size` bytes is refused before it is read.
    """
    try:
        fd = _open_nofollow(path, os.O_RDONLY)
    except (FileNotFoundError, NotADirectoryError):
        return None  # not there (a folder on the way being a file means the same)
    except PermissionError as error:
        raise StoreError(
            f"{path} cannot be read: permission denied. "
            f"Give your user read access (chmod u+rw '{path}')."
        ) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DamagedFileError(
                f"{path} is a symbolic link (to {link_target(path)}), which tracker never "
                "follows among its own files.",
                path=path,
            ) from error
        raise StoreError(f"{path} cannot be read: {error.strerror}.") from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DamagedFileError(f"{path} is a folder, not a data file.", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise DamagedFileError(f"{path} is not a regular file.", path=path)
        if max_size is not None and info.st_size > max_size:
            raise DamagedFileError(
                f"{path} is {info.st_size:,} bytes, more than the {max_size:,} allowed.", path=path
            )
        chunks = []
        while chunk := os.read(fd, max(info.st_size + 1, 65536)):
            chunks.append(chunk)
            if max_size is not None and sum(map(len, chunks)) > max_size:
                raise DamagedFileError(f"{path} grew past {max_size:,} bytes.", path=path)
        return b"".join(chunks)
    except OSError as error:
        raise StoreError(f"{path} cannot be read: {error.strerror}.") from error
    finally:
        os.close(fd)


def content_of(path: Path, data: bytes) -> bytes:
    """The content of the file `path` whose bytes, read by other means, are `data`: opened
    if the lock sealed it (see `tracker.store.vault`)."""
    return vault.for_reading(path, data)


def read_json(path: Path, max_size: int | None = None) -> Any | None:
    """The parsed content of `path`, or None if it does not exist.

    Anything that is not the JSON tracker writes raises `DamagedFileError`.
    """
    raw = read_bytes_nofollow(path, max_size)
    if raw is None:
        return None
    if not raw.strip():
        raise DamagedFileError(f"{path} is empty.", path=path)
    try:
        raw.decode("utf-8")  # to say which byte is not text (the parser says less)
    except UnicodeDecodeError as error:
        raise DamagedFileError(
            f"{path} is not text (byte {error.start} is not UTF-8).", path=path
        ) from error
    try:
        return decode_json(raw)
    except JsonFault as fault:
        # Mid-file: a hand edit, or what tracker never writes (a number beyond a double,
        # nesting deeper than Python's recursion allows).
        how = "it may have been cut short" if fault.cut_short else "it may have been edited by hand"
        raise DamagedFileError(
            f"{path} is not valid JSON ({fault.reason}, {fault.where}); {how}.", path=path
        ) from None


def dump_json(data: Any) -> bytes:
    """Compact UTF-8 JSON (msgspec: parses about twice and writes ten times as fast as json)."""
    return msgspec.json.encode(data)
