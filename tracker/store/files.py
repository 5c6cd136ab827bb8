"""Durable file primitives: private folders, atomic replacement, JSON checked on read."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path
from typing import Any

import orjson

from tracker.errors import DamagedFileError, StoreError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_PREFIX = ".tmp-"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and missing parents) readable by the owner only.

    Only directories created here are chmod-ed: a user's existing folder keeps its mode.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    if current.exists() and not current.is_dir():
        raise StoreError(f"{current} is a file, not a folder: tracker cannot keep its data there.")
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise StoreError(f"Cannot create the folder {folder}: {error.strerror}.") from error
        os.chmod(folder, DIR_MODE)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one, never a mix.

    Writes a temporary file in the same folder, fsyncs it, renames it over `path`
    and fsyncs the folder, so the rename itself survives a power cut.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except OSError as error:
        raise _write_error(path, error) from error
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        _remove_quietly(temp)
        raise _write_error(path, error) from error
    except BaseException:
        _remove_quietly(temp)
        raise
    # The data is in place; a folder that cannot be fsync-ed (some network file
    # systems) only weakens the guarantee on power loss.
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


def _write_error(path: Path, error: OSError) -> StoreError:
    if error.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = f"there is no permission to write in {path.parent}"
    else:
        reason = error.strerror or str(error)
    return StoreError(f"Nothing was saved: {reason}. {path.name} is unchanged.")


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def remove_stray_temp_files(folder: Path) -> None:
    """Delete temporary files a killed writer left behind (they never hold the only copy)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _OUR_TEMP_NAME.match(entry.name)
        ours = match is not None and entry.is_file(follow_symlinks=False)
        if ours and not _process_alive(int(match["pid"])):
            _remove_quietly(Path(entry.path))


# Exactly the names write_atomically makes: another program's ".tmp-..." file in the
# same folder is none of our business and is never touched.
_OUR_TEMP_NAME = re.compile(r"^\.tmp-.+\.(?P<pid>\d{1,10})\.[0-9a-f]{8}$")


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


def read_json(path: Path) -> Any | None:
    """The parsed content of `path`, or None if it does not exist.

    Anything that is not the JSON tracker writes raises `DamagedFileError`.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise DamagedFileError(f"{path} is a folder, not a data file.") from error
    except PermissionError as error:
        raise StoreError(
            f"{path} cannot be read: permission denied. "
            f"Give your user read access (chmod u+rw '{path}')."
        ) from error
    except OSError as error:
        raise StoreError(f"{path} cannot be read: {error.strerror}.") from error
    if not raw.strip():
        raise DamagedFileError(f"{path} is empty.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DamagedFileError(f"{path} is not text (byte {error.start} is not UTF-8).") from error
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()):
            raise DamagedFileError(
                f"{path} is not valid JSON ({error.msg}, {where}); it may have been cut short."
            ) from error
        # Mid-file: a hand edit, or what tracker never writes (orjson refuses numbers
        # beyond a double, nesting over 1,024 deep and lone surrogates).
        raise DamagedFileError(
            f"{path} is not valid JSON ({error.msg}, {where}); it may have been edited by hand."
        ) from error


def dump_json(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson: parses about twice and writes ten times as fast as json)."""
    return orjson.dumps(data)
