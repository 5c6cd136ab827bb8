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

from tracker.cli.parser import AddCommand
from tracker.clock import Clock
from tracker.service import Tracker


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


def register_all(command: AddCommand) -> None:
    """Every command, in the order `tracker --help` lists them."""
    from tracker.cli.commands import (
        ask,
        checkins,
        data,
        exchange,
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
    shell.register(command)
