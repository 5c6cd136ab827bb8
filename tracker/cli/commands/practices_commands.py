"""The couple's practices on the command line: one `register` for their commands."""

from __future__ import annotations

from tracker.cli.parser import AddCommand


def register(command: AddCommand) -> None:
    from tracker.cli.commands import (
        appreciations,
        bids,
        boundaries,
        causes,
        goals,
        letters,
        snooze,
        tags,
    )

    for module in (appreciations, bids, boundaries, goals, letters, tags, causes, snooze):
        module.register(command)
