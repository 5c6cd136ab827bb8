"""Commands with actions (`tracker boundary add`, `goal list`): one helper to declare them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from tracker.cli.output import say
from tracker.cli.parser import Parser, UsageError, add_global_options

if TYPE_CHECKING:
    from tracker.cli.commands import Context
    from tracker.service import Change, Tracker

AddAction = Callable[[str, str], argparse.ArgumentParser]


def actions_of(command: argparse.ArgumentParser, dest: str) -> AddAction:
    """A function that adds one action (its name, its help) to `command`; each action
    takes the global options too, and sets its own handler."""
    actions = command.add_subparsers(
        dest=dest, metavar="ACTION", required=True, parser_class=Parser
    )

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        add_global_options(sub, on_a_command=True)
        return sub

    return action


class Deletable(Protocol):
    """An area of the service whose records are found by number and deleted."""

    def get(self, number: str | int) -> Any: ...

    def delete(self, record: Any) -> Change[object]: ...


def add_delete_action(
    action: AddAction, what: str, area: Callable[[Tracker], Deletable], hint: str = ""
) -> None:
    """`tracker WHAT delete N --yes`: without --yes, one line says why nothing happened."""
    sub = action("delete", f"delete a {what}")
    sub.add_argument("id")
    sub.add_argument("--yes", action="store_true", help="really delete it")

    def run(ctx: Context, args: argparse.Namespace) -> int:
        records = area(ctx.tracker)
        record = records.get(args.id)
        if not args.yes:
            raise UsageError(
                f"Deleting {what} {record.id} cannot be undone from the shell; add --yes.{hint}"
            )
        say(records.delete(record).message)
        return 0

    sub.set_defaults(handler=run)
