"""The command line's grammar: the global options (declared once), each command's arguments.

Opening the app (`tracker`, `tracker --db FILE`, `tracker --demo`) parses only the global
options: building every command's parser takes about 3 ms of the app's start-up, and the
command modules (with what they import) are not needed to open the app.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, Protocol

from tracker import __version__
from tracker.errors import TrackerError, ValidationError
from tracker.model import SHORT_TEXT_MAX, clean_text


class UsageError(TrackerError):
    """A mistake in how the command was called (exit status 2)."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as one line, like every other tracker error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class AddCommand(Protocol):
    """What a command module's `register` is handed: adds one command, returns its parser."""

    def __call__(
        self, name: str, help_text: str, handler: Callable[..., int] | None, **options: Any
    ) -> argparse.ArgumentParser: ...


def path_arg(what: str) -> Callable[[str], str]:
    """A path argument: refused in one line when the system could never open it."""

    def convert(value: str) -> str:
        if "\x00" in value:
            raise ValidationError(f"{what} cannot hold a NUL character; give a file path.")
        if not value.strip():
            raise ValidationError(f"{what} needs a file path.")
        return value

    return convert


def text_arg(what: str, max_length: int = SHORT_TEXT_MAX) -> Callable[[str], str]:
    """A text argument, refused in one line if it cannot be stored faithfully."""

    def convert(value: str) -> str:
        return clean_text(value, what, max_length=max_length)

    return convert


def whole_number(flag: str, low: int, high: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        spec = value.strip()
        if len(spec) <= 6 and spec.isascii() and spec.isdigit() and low <= int(spec) <= high:
            return int(value)
        raise ValidationError(f"{flag} takes a whole number from {low} to {high}.")

    return convert


def add_global_options(parser: argparse.ArgumentParser, *, on_a_command: bool) -> None:
    """The options every command takes too, declared once.

    On a command they default to "not given" (argparse.SUPPRESS), so `--db` before the
    command is not overwritten by its absence after it.
    """
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if on_a_command else {}
    parser.add_argument(
        "--db", metavar="PATH", type=path_arg("--db"), help="the data file to use", **default
    )


def global_parser() -> Parser:
    parser = Parser(
        prog="tracker",
        description="Rebuild trust one kept promise at a time. With no command, opens the app.",
        epilog="Data file: --db PATH, or $TRACKER_DB, else your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    add_global_options(parser, on_a_command=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a throwaway five-year demo history (your data is untouched)",
    )
    # What a command may leave unset: no command (the app), no --json, the usual access.
    parser.set_defaults(command=None, json=False, access=None)
    return parser


def build_parser() -> Parser:
    """The whole command line: the global options and every command."""
    from tracker.cli.commands import register_all

    parser = global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, help_text: str, handler: Callable[..., int] | None, **options: Any
    ) -> argparse.ArgumentParser:
        # A command with `add_help=False` gives its own -h/--help (one that reads the data).
        add_help = options.pop("add_help", True)
        sub = commands.add_parser(name, help=help_text, description=help_text, add_help=add_help)
        add_global_options(sub, on_a_command=True)
        sub.set_defaults(handler=handler, **options)
        return sub

    register_all(command)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed; opening the app does without the commands' parsers."""
    if opens_the_app(argv):
        return global_parser().parse_args(argv)
    return build_parser().parse_args(argv)


def opens_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only `--db PATH` and `--demo`: no command, no help."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest:
            rest.pop(0)
        elif arg != "--demo" and not arg.startswith("--db="):
            return False
    return True
