"""Longer text on the command line: from standard input, or written in the user's editor.

`tracker letter write` reads the letter from standard input when something is piped in
(`tracker letter write < letter.txt`), and otherwise opens `$VISUAL` or `$EDITOR` on a
draft. Text that cannot be kept faithfully (not UTF-8, far too long) is refused in one
line before anything is saved.

Drafts are never in a shared temporary folder such as /tmp: they are in the data
folder's own drafts folder (`<data file's name>.drafts/`, 0700), one private temporary
folder per session, removed when the editor ends. SIGINT (ctrl+c) belongs to the editor
while it runs, as in git. SIGHUP (the terminal closed) and SIGTERM end the editor and the
session. A session cut short by a signal, or killed outright (SIGKILL, a power cut), may
hold words the user saved and has nowhere else: such a draft is never deleted silently.
It is kept as `letter-kept-<when>.txt` in the drafts folder, where the data's privacy
holds, and every `letter write` or `letter edit` says where it is and how to save it,
until the user deletes it. So is a draft refused (not UTF-8, far too long), with its
place in the refusal. An empty draft is removed.

In a locked data folder (`tracker.store.vault`) a kept draft is sealed as it is kept,
through the store's atomic writes, and the plain draft removed: only the draft the
editor has open is ever plain. The next `letter write` opens the newest kept draft in
the editor to finish it, and removes it once the letter is saved (`Composed.resumed`).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from tracker.errors import StoreError, TrackerError, ValidationError
from tracker.store.files import (
    content_of,
    create_temp_dir,
    ensure_private_dir,
    read_bytes_nofollow,
    read_stored_bytes,
    remove_file,
    stray_temp_paths,
    write_atomically,
)

# Generous: the store's own limit on a letter (50,000 characters) is checked after.
MAX_BYTES = 1_000_000
FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")
DRAFT_PURPOSE = "letter"
KEPT_PREFIX = "letter-kept-"

Say = Callable[[str], None]


@dataclass(frozen=True)
class Composed:
    """The text written, and the kept draft it finishes (remove it with `finish` once
    the text is saved)."""

    text: str
    resumed: Path | None = None

    def finish(self) -> None:
        """The text is saved: the kept draft it came from is no longer needed."""
        if self.resumed is not None:
            remove_file(self.resumed)


def compose(
    initial: str,
    file_name: str,
    drafts: Path,
    say: Say,
    *,
    locked: bool = False,
    resume: bool = False,
) -> Composed:
    """The text: standard input when it is not a terminal, else what the user writes in
    their editor on a file that starts as `initial` (a draft in the folder `drafts`).
    `locked`: the data folder is locked, so kept drafts are sealed; `resume`: then start
    from the newest kept draft instead of `initial`."""
    if locked:
        ensure_private_dir(drafts)
        keep_stranded_drafts(drafts, locked=True)  # sealed before anything else happens
    if not sys.stdin.isatty():
        return Composed(read_standard_input())
    return write_in_editor(initial, file_name, drafts, say, locked=locked, resume=resume)


def read_standard_input() -> str:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return _decoded(data, "The text on standard input")


def _decoded(data: bytes, what: str) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(f"{what} is too long (more than {MAX_BYTES:,} bytes).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{what} is not valid UTF-8; nothing was saved.") from None


def editor_command() -> list[str]:
    """The user's editor: $VISUAL, $EDITOR, else the system's usual ones."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "")
        if value.strip():
            try:
                words = shlex.split(value)
            except ValueError:
                raise ValidationError(f"${variable} cannot be read as a command.") from None
            if words:
                return words
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise TrackerError(
        "No text editor found. Set one (export EDITOR=nano), or pipe the text in: "
        "tracker letter write < letter.txt"
    )


def write_in_editor(
    initial: str,
    file_name: str,
    drafts: Path,
    say: Say,
    *,
    locked: bool = False,
    resume: bool = False,
) -> Composed:
    """Open the editor on a private draft holding `initial` (or, with `resume` in a locked
    folder, the newest kept draft); its text once the editor ends."""
    command = editor_command()
    ensure_private_dir(drafts)
    kept_drafts = keep_stranded_drafts(drafts, locked=locked)
    resumed = None
    if locked:
        resumed, initial = _resumed_draft(kept_drafts, initial, say, resume=resume)
    else:
        for kept in kept_drafts:
            say(
                f"A letter you were writing when tracker was stopped is kept in {kept}: "
                f"`tracker letter write < '{kept}'` saves it; delete the file once it is saved."
            )
    session = create_temp_dir(drafts, DRAFT_PURPOSE)
    path = session / file_name
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, 0o600), "w", encoding="utf-8") as file:
            file.write(initial)
            file.flush()
            started = os.fstat(file.fileno())
        try:
            with _signals_end_the_editor():
                finished = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise TrackerError(
                f"Could not start the editor {command[0]!r}: {error.strerror or error}."
            ) from None
        except _Stopped:
            _keep_draft(session, initial, locked=locked)
            raise
        if finished.returncode != 0:
            raise TrackerError(
                f"The editor ended with status {finished.returncode}; nothing was saved."
            )
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            raise TrackerError("The editor removed the file; nothing was saved.") from None
        with os.fdopen(fd, "rb") as file:
            data = file.read(MAX_BYTES + 1)
            ended = os.fstat(file.fileno())
        if resumed is not None and _untouched(started, ended, data, initial):
            raise TrackerError(
                "The editor was closed without saving; the letter you were writing stays "
                "kept, locked, and `tracker letter write` opens it again."
            )
        try:
            return Composed(_decoded(data, "The text"), resumed)
        except ValidationError as error:
            places = _keep_draft(session, initial, locked=locked)
            if places:  # what the user wrote is not thrown away for being unusable as it is
                raise ValidationError(f"{error} Your text is kept in {places[0]}.") from None
            raise
    finally:
        shutil.rmtree(session, ignore_errors=True)


def _resumed_draft(
    kept_drafts: list[Path], initial: str, say: Say, *, resume: bool
) -> tuple[Path | None, str]:
    """In a locked folder: the newest kept draft and its text, to start the editor from
    (with `resume`), else None and `initial`. Says which, kindly."""
    if not kept_drafts:
        return None, initial
    newest = kept_drafts[-1]
    others = len(kept_drafts) - 1
    more = (
        f" {others} more {'is' if others == 1 else 'are'} kept; each `tracker letter write` "
        "opens the next."
        if others
        else ""
    )
    if not resume:
        say(
            "A letter you were writing when tracker was stopped is kept, locked, in "
            f"{newest}: `tracker letter write` opens it so you can finish it.{more}"
        )
        return None, initial
    try:
        text = _decoded(read_bytes_nofollow(newest) or b"", "The kept letter")
    except (StoreError, ValidationError) as error:
        say(f"A letter kept in {newest} cannot be opened ({error}); it is left as it is.")
        return None, initial
    say(
        "A letter you were writing when tracker was stopped was kept, locked. It opens "
        f"now so you can finish it; once it is saved, the kept copy goes.{more}"
    )
    return newest, text


def _untouched(started: os.stat_result, ended: os.stat_result, data: bytes, initial: str) -> bool:
    """The editor ended without writing the draft (quit without saving)."""
    return started.st_mtime_ns == ended.st_mtime_ns and data == initial.encode("utf-8")


class _Stopped(SystemExit):
    """SIGHUP or SIGTERM while the editor ran: end as a process killed by it would."""


@contextlib.contextmanager
def _signals_end_the_editor() -> Iterator[None]:
    """While the editor runs: SIGINT is the editor's (ctrl+c); SIGHUP and SIGTERM raise
    `_Stopped`, so the draft is dealt with before tracker ends."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise _Stopped(128 + signum)

    wanted: dict[int, Callable[[int, FrameType | None], None] | int] = {
        signal.SIGINT: signal.SIG_IGN,
        signal.SIGTERM: stop,
    }
    if hasattr(signal, "SIGHUP"):
        wanted[signal.SIGHUP] = stop
    previous = {signum: signal.signal(signum, handler) for signum, handler in wanted.items()}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def keep_stranded_drafts(drafts: Path, *, locked: bool = False) -> list[Path]:
    """Drafts of sessions that ended without cleaning up (killed), kept under a plain name
    (sealed in a locked folder, as is a plain one kept before the lock), and every draft
    kept so far: their paths, oldest first."""
    for session in stray_temp_paths(drafts, {DRAFT_PURPOSE}, kind=stat.S_IFDIR):
        _keep_draft(session, "", locked=locked)
        shutil.rmtree(session, ignore_errors=True)
    kept = sorted(drafts.glob(f"{KEPT_PREFIX}*.txt"))
    if locked:
        for path in kept:
            _seal_in_place(path)
    return kept


def _seal_in_place(path: Path) -> None:
    """Seal a plain kept draft in a locked folder (left plain if it cannot be sealed)."""
    with contextlib.suppress(TrackerError, OSError):
        stored = read_stored_bytes(path)
        if stored is not None and content_of(path, stored) == stored:  # plain on disk
            write_atomically(path, stored)


def _keep_draft(session: Path, initial: str, *, locked: bool) -> list[Path]:
    """Move the drafts of `session` out to kept names if they hold words not in `initial`;
    where they are now."""
    kept_paths = []
    for draft in session.iterdir():
        try:
            info = os.lstat(draft)
            if not stat.S_ISREG(info.st_mode):
                continue
            text = draft.read_bytes()
        except OSError:
            continue
        if not text.strip() or text == initial.encode("utf-8"):
            continue
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(info.st_mtime))
        kept = session.parent / f"{KEPT_PREFIX}{stamp}.txt"
        number = 1
        while kept.exists():
            number += 1
            kept = session.parent / f"{KEPT_PREFIX}{stamp}-{number}.txt"
        if locked and _sealed_copy(kept, text):
            remove_file(draft)
            kept_paths.append(kept)
            continue
        with contextlib.suppress(OSError):  # unlocked (or it cannot be sealed): kept plain
            os.rename(draft, kept)
            kept_paths.append(kept)
    return kept_paths


def _sealed_copy(kept: Path, text: bytes) -> bool:
    """Write `text` sealed to `kept` (atomic, 0600); False if it could not be written."""
    try:
        write_atomically(kept, text)
    except (TrackerError, OSError):
        return False
    return True


def title_and_body(text: str) -> tuple[str, str]:
    """The first line as the title, what follows (after blank lines) as the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n", 1)
    title = lines[0].strip()
    body = lines[1].strip("\n") if len(lines) > 1 else ""
    return title, body
