"""`tracker completions SHELL` and `tracker man`: the shell completions and the manual page.

Both are files generated from the parser (tools/shell_files.py) and shipped in the package;
an install by pip puts them where the shells and man look, but pipx does not link them, so
these commands print them, to be saved where the shell looks or read with `man -l -`.
"""

from __future__ import annotations

import argparse
import sys
from importlib.resources import files

from tracker.cli.commands import Access, Context, always
from tracker.cli.parser import AddCommand

# Each shell's completions, by the name of the file shipped in tracker/cli/shell/.
COMPLETIONS = {"bash": "tracker.bash", "zsh": "tracker.zsh", "fish": "tracker.fish"}
MAN_PAGE = "tracker.1"


def register(command: AddCommand) -> None:
    sub = command(
        "completions",
        "print the shell's completions for tracker (bash, zsh or fish)",
        cmd_completions,
        access=always(Access.NONE),
    )
    sub.add_argument("shell", choices=list(COMPLETIONS), help="the shell to complete in")
    command(
        "man",
        "print this manual page (read it with `tracker man | man -l -`)",
        cmd_man,
        access=always(Access.NONE),
    )


def shipped(name: str) -> str:
    """One of the generated files shipped with the app."""
    return (files("tracker.cli") / "shell" / name).read_text(encoding="utf-8")


def cmd_completions(_ctx: Context, args: argparse.Namespace) -> int:
    sys.stdout.write(shipped(COMPLETIONS[args.shell]))
    return 0


def cmd_man(_ctx: Context, _args: argparse.Namespace) -> int:
    sys.stdout.write(shipped(MAN_PAGE))
    return 0
