"""The command line's grammar: the global options (declared once), each command's arguments.

Opening the app (`tracker`, `tracker --db FILE`, `tracker --demo`) parses only the global
options, and a command builds only its own parser and imports only its own module
(`tracker check` needs neither the practices nor sharing): building every command's
parser, with what the modules import, took longer than the check-off itself.
`build_full_parser` builds them all, for the manual page and the shell completions.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, Protocol, cast

from tracker import __version__
from tracker.errors import TrackerError, ValidationError
from tracker.model import SHORT_TEXT_MAX, clean_text


class UsageError(TrackerError):
    """A mistake in how the command was called (exit status 2)."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as one line, like every other tracker error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes one for every argument it adds (to check its metavar) and asks
        # shutil for the width: importing shutil cost a check-off more than its parsing.
        formatter = cast(type[argparse.HelpFormatter], self.formatter_class)
        return formatter(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it ($COLUMNS, else standard
    output's terminal, else 80), without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


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


# The global options that take a value (the words that follow them are not commands).
VALUED_GLOBALS = ("--db", "--passphrase-file")


def add_global_options(parser: argparse.ArgumentParser, *, on_a_command: bool) -> None:
    """The options every command takes too, declared once.

    On a command they default to "not given" (argparse.SUPPRESS), so `--db` before the
    command is not overwritten by its absence after it.
    """
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if on_a_command else {}
    parser.add_argument(
        "--db", metavar="PATH", type=path_arg("--db"), help="the data file to use", **default
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="PATH",
        type=path_arg("--passphrase-file"),
        help="for locked data: a file whose first line is the passphrase (for scripts)",
        **default,
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


def build_full_parser() -> Parser:
    """The whole command line: the global options and every command with all its arguments
    (the manual page and the shell completions are made from it)."""
    from tracker.cli.commands import register_all

    parser = global_parser()
    register_all(_adder(parser))
    return parser


def build_parser_for(argv: Sequence[str]) -> Parser:
    """The command line `argv` needs: the global options and the one command it names,
    with its arguments. Without a known command (`--help`, a mistyped name) every command
    is listed by its name and help, and none is built further."""
    from tracker.cli.commands import module_of, register_all

    parser = global_parser()
    add = _adder(parser)
    name = command_name(argv)
    module = None if name is None else module_of(name)
    if name is None or module is None:
        register_all(_listing(add))
    else:
        module.register(_only(name, add))
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed; opening the app does without the commands' parsers."""
    if opens_the_app(argv):
        return global_parser().parse_args(argv)
    return build_parser_for(argv).parse_args(argv)


def command_name(argv: Sequence[str]) -> str | None:
    """The command `argv` runs: its first word that is not a global option or its value."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in VALUED_GLOBALS and rest:
            rest.pop(0)
        elif not arg.startswith("-"):
            return arg
    return None


def _adder(parser: Parser) -> AddCommand:
    """The `command` a command module's `register` is handed: adds a command to `parser`."""
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

    return command


def _only(wanted: str, add: AddCommand) -> AddCommand:
    """`add` for the command `wanted`; the other commands of its module are declared into
    a sink, never built."""

    def command(
        name: str, help_text: str, handler: Callable[..., int] | None, **options: Any
    ) -> argparse.ArgumentParser:
        if name == wanted:
            return add(name, help_text, handler, **options)
        return cast(argparse.ArgumentParser, _Unbuilt())

    return command


def _listing(add: AddCommand) -> AddCommand:
    """`add` for the list of commands: each by its name and help, without its arguments."""

    def command(
        name: str, help_text: str, handler: Callable[..., int] | None, **options: Any
    ) -> argparse.ArgumentParser:
        add(name, help_text, None)
        return cast(argparse.ArgumentParser, _Unbuilt())

    return command


class _Unbuilt:
    """What a command not being run is declared into: every call is accepted and dropped."""

    def __getattr__(self, _name: str) -> Callable[..., _Unbuilt]:
        return lambda *_args, **_options: self


def opens_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only global options (`--db PATH`, `--passphrase-file PATH`,
    `--demo`): no command, no help."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in VALUED_GLOBALS and rest:
            rest.pop(0)
        elif arg != "--demo" and not arg.startswith(tuple(f"{name}=" for name in VALUED_GLOBALS)):
            return False
    return True
