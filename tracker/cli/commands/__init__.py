"""The commands, one module per area; each module's `register` adds its commands to the parser.

A handler is called as `handler(ctx, args)` and returns the exit status. `ctx.tracker`
is the service (the faces' one door to the data); the `access` a command registers
says how the data file is opened for it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from tracker.cli.parser import AddCommand

if TYPE_CHECKING:
    from tracker.clock import Clock
    from tracker.service import Tracker

# The module (here in tracker.cli.commands) that declares each command: running one
# imports that module alone (a test checks this table against every module's `register`).
COMMAND_MODULES = {
    **dict.fromkeys(("add", "edit", "archive", "restore", "list"), "promises"),
    **dict.fromkeys(("check", "excuse", "miss", "uncheck", "today"), "marks"),
    "ask": "ask",
    "streaks": "streaks",
    "log": "together",
    "note": "notes",
    "checkin": "checkins",
    **dict.fromkeys(("backup", "config", "move-data", "demo"), "data"),
    **dict.fromkeys(("export", "import", "report"), "exchange"),
    **dict.fromkeys(("remind", "notify-test", "doctor"), "reminders"),
    **dict.fromkeys(("appreciate", "appreciations"), "appreciations"),
    **dict.fromkeys(("bid", "bids"), "bids"),
    "boundary": "boundaries",
    "goal": "goals",
    "letter": "letters",
    "tags": "tags",
    "causes": "causes",
    "snooze": "snooze",
    **dict.fromkeys(("share", "partner"), "sharing"),
    "lock": "lock",
    **dict.fromkeys(("completions", "man"), "shell"),
}


class Access(Enum):
    """How a command opens the user's data file."""

    NONE = "none"  # never opens it (writing a demo elsewhere)
    CHECKED = "checked"  # opens it, refusing a damaged file (every everyday command)
    REPAIR = "repair"  # opens it even when damaged (the doctor, a restore from a backup)


AccessRule = Callable[[argparse.Namespace], Access]


def always(access: Access) -> AccessRule:
    return lambda _args: access


@dataclass
class Context:
    """What every command gets: the service (unless the command needs no data) and the clock."""

    clock: Clock
    opened: Tracker | None
    json: bool = False

    @property
    def tracker(self) -> Tracker:
        if self.opened is None:
            raise RuntimeError("this command was registered with Access.NONE")
        return self.opened


def module_of(command: str) -> ModuleType | None:
    """The module that declares `command` (None for a name no command has)."""
    module = COMMAND_MODULES.get(command)
    return None if module is None else import_module(f"{__name__}.{module}")


def register_all(command: AddCommand) -> None:
    """Every command, in the order `tracker --help` lists them."""
    from tracker.cli.commands import (
        ask,
        checkins,
        data,
        exchange,
        lock,
        marks,
        notes,
        practices_commands,
        promises,
        reminders,
        sharing,
        shell,
        streaks,
        together,
    )

    promises.register(command)
    marks.register(command)
    ask.register(command)
    streaks.register(command)
    together.register(command)
    notes.register(command)
    checkins.register(command)
    data.register(command)
    exchange.register(command)
    reminders.register(command)
    practices_commands.register(command)
    sharing.register(command)
    lock.register(command)
    shell.register(command)
