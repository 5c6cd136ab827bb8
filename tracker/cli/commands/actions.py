"""Commands with actions (`tracker boundary add`, `goal list`): one helper to declare them."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tracker.cli.parser import Parser, add_global_options

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
