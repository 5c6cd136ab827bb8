"""`tracker appreciate`, `appreciations`: small, specific thanks, given and received."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.commands import Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand
from tracker.practices.records import Appreciation, Person, member
from tracker.text import cut_to_cells, visible

BY_HELP = "me: what you appreciate in your partner (default); partner: what they told you"


def register(command: AddCommand) -> None:
    sub = command("appreciate", "keep one specific thing you appreciate", cmd_appreciate)
    sub.add_argument("text", help='what you appreciate: "You made dinner when I was tired"')
    sub.add_argument("--quality", "-q", default="", help="the quality it shows (patience)")
    sub.add_argument("--date", "-d", help="the day (default: today)")
    sub.add_argument("--by", default=Person.ME.value, help=BY_HELP)
    sub.add_argument("--json", action="store_true", help="print the new appreciation as JSON")

    sub = command("appreciations", "list appreciations, newest first", cmd_appreciations)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def parse_person(text: str) -> Person:
    return member(Person, text.strip().lower(), "someone who can do this (me or partner)")


def appreciation_json(item: Appreciation) -> dict[str, Any]:
    return {
        "id": item.id,
        "date": item.day.isoformat(),
        "by": item.by.value,
        "text": item.text,
        "quality": item.quality or None,
    }


def cmd_appreciate(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    item = Appreciation(
        text=args.text,
        day=tracker.day(args.date),
        by=parse_person(args.by),
        quality=args.quality,
    )
    change = tracker.appreciations.add(item)
    if ctx.json:
        print_json(appreciation_json(change.saved))
    else:
        say(change.message)
    return 0


def cmd_appreciations(ctx: Context, args: argparse.Namespace) -> int:
    items = ctx.tracker.appreciations.newest_first()
    if ctx.json:
        print_json([appreciation_json(item) for item in items])
        return 0
    if not items:
        say('No appreciations yet. Keep one: tracker appreciate "You listened without fixing"')
        return 0
    for item in items:
        who = "You" if item.by is Person.ME else "Partner"
        quality = f"  · {item.quality}" if item.quality else ""
        say(f"{item.id:>4}  {item.day}  {who:<7}  {one_line(item.text, 60)}{quality}")
    return 0


def one_line(text: str, width: int) -> str:
    """The first line of `text`, cut with an ellipsis at `width` terminal columns."""
    return cut_to_cells(visible((text.splitlines() or [""])[0]), width)
