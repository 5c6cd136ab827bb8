"""Where the command line gets a passphrase: `--passphrase-file`, else the terminal.

A script (no terminal on standard input) is never prompted: it gets one clear line
saying how to give the passphrase. The terminal prompt never echoes (getpass).
"""

from __future__ import annotations

import argparse
import sys

from tracker.errors import TrackerError, ValidationError
from tracker.paths import expand_home

MAX_PASSPHRASE_FILE_BYTES = 64 * 1024
PASSPHRASE_OPTION = "--passphrase-file"


def no_terminal(option: str = PASSPHRASE_OPTION) -> str:
    """Why nothing was asked on a pipe, and which option gives the passphrase instead."""
    return (
        f"there is no terminal to ask on: pass {option} PATH (its first line is the "
        "passphrase). Nothing was changed."
    )


def from_file(path_text: str) -> str:
    """The first line of the file at `path_text` (its line ending aside)."""
    path = expand_home(path_text)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PASSPHRASE_FILE_BYTES)
    except OSError as error:
        raise TrackerError(
            f"The passphrase file {path} cannot be read ({error.strerror or error}). "
            "Nothing was changed."
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            f"The passphrase file {path} is not text (UTF-8). Nothing was changed."
        ) from None
    # A byte-order mark some editors put first is no part of the passphrase: kept, it would
    # be an invisible character that nothing typed on a terminal could ever match.
    line = text.removeprefix("\ufeff").split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise ValidationError(
            f"The passphrase file {path} has no passphrase on its first line. Nothing was changed."
        )
    return line


def on_a_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask(prompt: str, why: str) -> str:
    """Ask on the terminal without echo; on a pipe, a clear error (`why` it was needed)."""
    if not on_a_terminal():
        raise TrackerError(f"{why}, and {no_terminal()}")
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise TrackerError("No passphrase was given. Nothing was changed.") from None


def current_passphrase(args: argparse.Namespace) -> str:
    """The passphrase of locked data: the file given, else asked on the terminal."""
    given = getattr(args, "passphrase_file", None)
    if given:
        return from_file(given)
    return ask("Passphrase (or recovery code): ", "This data is locked")


def new_passphrase(
    given: str | None, warning: str | None = None, option: str = PASSPHRASE_OPTION
) -> str:
    """A new passphrase: the file given (by `option`), else asked twice on the terminal
    (after `warning`, said once)."""
    if given:
        return from_file(given)
    if not on_a_terminal():
        raise TrackerError(f"A new passphrase is needed, and {no_terminal(option)}")
    if warning:
        print(warning, file=sys.stderr, flush=True)
    first = ask("New passphrase: ", "A new passphrase is needed")
    second = ask("The same passphrase again: ", "A new passphrase is needed")
    if first != second:
        raise ValidationError("The two passphrases differ. Nothing was changed.")
    return first
