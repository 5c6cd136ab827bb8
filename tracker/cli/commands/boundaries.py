"""`tracker boundary add|list|edit|retire|delete`: what each of us needs, agreed together."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of, add_delete_action
from tracker.cli.commands.appreciations import one_line
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, UsageError
from tracker.practices.records import Boundary, Whose, member

WHOSE_HELP = "mine, partner or ours (default ours)"


def register(command: AddCommand) -> None:
    boundary = command("boundary", "boundaries: add, list, edit, retire, delete", None)
    action = actions_of(boundary, "boundary_command")
    sub = action("add", "add a boundary you agreed on")
    sub.add_argument("text", help='what is needed: "No phone checks without asking"')
    sub.add_argument("--whose", "-w", default=Whose.OURS.value, help=WHOSE_HELP)
    sub.add_argument("--date", "-d", help="the day it was agreed (default: today)")
    sub.set_defaults(handler=cmd_boundary_add)
    sub = action("list", "list the boundaries in force (--all: the retired ones too)")
    sub.add_argument("--all", action="store_true", help="include retired boundaries")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_boundary_list)
    sub = action("edit", "reword a boundary; its earlier wording stays in its history")
    sub.add_argument("id")
    sub.add_argument("--text", "-t", help="its new wording (the earlier one stays in its history)")
    sub.add_argument("--whose", "-w", help=WHOSE_HELP)
    sub.set_defaults(handler=cmd_boundary_edit)
    sub = action("retire", "retire a boundary; it stays in the history with its dates")
    sub.add_argument("id")
    sub.set_defaults(handler=cmd_boundary_retire)
    add_delete_action(
        action,
        "boundary",
        lambda tracker: tracker.boundaries,
        " (To keep it in the history, retire it instead.)",
    )


def parse_whose(text: str) -> Whose:
    spec = text.strip().lower()
    spec = {"my": "mine", "partners": "partner", "partner's": "partner", "our": "ours"}.get(
        spec, spec
    )
    return member(Whose, spec, "whose boundary it is")


def boundary_json(boundary: Boundary) -> dict[str, Any]:
    return {
        "id": boundary.id,
        "text": boundary.text,
        "whose": boundary.whose.value,
        "agreed_on": boundary.agreed_on.isoformat(),
        "retired_on": boundary.retired_on.isoformat() if boundary.retired_on else None,
        "history": [
            {
                "text": revision.text,
                "whose": revision.whose.value,
                "changed_on": revision.changed_on.isoformat(),
            }
            for revision in boundary.history
        ],
    }


def cmd_boundary_add(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    boundary = Boundary(
        text=args.text, agreed_on=tracker.day(args.date), whose=parse_whose(args.whose)
    )
    say(tracker.boundaries.add(boundary).message)
    return 0


def cmd_boundary_list(ctx: Context, args: argparse.Namespace) -> int:
    boundaries = ctx.tracker.boundaries.listed(include_retired=args.all)
    if ctx.json:
        print_json([boundary_json(b) for b in boundaries])
        return 0
    if not boundaries:
        say(
            "No boundaries yet. Add one you agreed on together: "
            'tracker boundary add "Time alone after work" --whose mine'
        )
        return 0
    for b in boundaries:
        when = f"since {b.agreed_on}"
        if b.retired_on:
            when = f"{b.agreed_on} to {b.retired_on}, retired"
        changed = f" · reworded {len(b.history)}×" if b.history else ""
        say(f"{b.id:>4}  {b.whose.label:<12}  {one_line(b.text, 50)}  ({when}{changed})")
    return 0


def cmd_boundary_edit(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    boundary = tracker.boundaries.get(args.id)
    if args.text is None and args.whose is None:
        raise UsageError("Say what to change: --text, --whose.")
    text = boundary.text if args.text is None else args.text
    whose = boundary.whose if args.whose is None else parse_whose(args.whose)
    say(tracker.boundaries.edit(boundary, text, whose).message)
    return 0


def cmd_boundary_retire(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    say(tracker.boundaries.retire(tracker.boundaries.get(args.id)).message)
    return 0
