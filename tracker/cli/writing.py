"""Longer text on the command line: from standard input, or written in the user's editor.

`tracker letter write` reads the letter from standard input when something is piped in
(`tracker letter write < letter.txt`), and otherwise opens `$VISUAL` or `$EDITOR` on a
private temporary file (a folder only the user can open; removed afterwards, whatever
happens). Text that cannot be kept faithfully (not UTF-8, far too long) is refused in
one line before anything is saved.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tracker.errors import TrackerError, ValidationError

# Generous: the store's own limit on a letter (50,000 characters) is checked after.
MAX_BYTES = 1_000_000
FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")


def compose(initial: str, file_name: str) -> str:
    """The text: standard input when it is not a terminal, else what the user writes in
    their editor on a file that starts as `initial`."""
    if not sys.stdin.isatty():
        return read_standard_input()
    return write_in_editor(initial, file_name)


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


def write_in_editor(initial: str, file_name: str) -> str:
    """Open the editor on a private file holding `initial`; its text once the editor ends."""
    command = editor_command()
    folder = Path(tempfile.mkdtemp(prefix="tracker-"))  # mode 0700: only the user enters
    path = folder / file_name
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, 0o600), "w", encoding="utf-8") as file:
            file.write(initial)
        try:
            finished = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise TrackerError(
                f"Could not start the editor {command[0]!r}: {error.strerror or error}."
            ) from None
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
        return _decoded(data, "The text")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def title_and_body(text: str) -> tuple[str, str]:
    """The first line as the title, what follows (after blank lines) as the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n", 1)
    title = lines[0].strip()
    body = lines[1].strip("\n") if len(lines) > 1 else ""
    return title, body
