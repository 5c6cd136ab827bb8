"""`tracker log`: quality time together."""

from __future__ import annotations

import argparse

from tracker.cli.commands import Context
from tracker.cli.output import say
from tracker.cli.parser import AddCommand, text_arg
from tracker.errors import ValidationError
from tracker.model import LONG_TEXT_MAX, QualityKind, QualityTime, clean_tags
from tracker.parsing import parse_duration, parse_rating

KIND_ALIASES = {
    "talk": "conversation",
    "date": "date-night",
    "quiet": "quiet-moment",
    "hug": "closeness",
    "touch": "closeness",
    "physical": "closeness",
}


def register(command: AddCommand) -> None:
    sub = command("log", "log quality time together", cmd_log)
    sub.add_argument("duration", help="45m, 1h30, 1h30m or 1:30")
    sub.add_argument("kind", help=", ".join(k.value for k in QualityKind))
    sub.add_argument("--date", "-d", help="the day it happened (default: today)")
    sub.add_argument("--connection", "-c", help="how connected it felt, 1-5")
    sub.add_argument(
        "--note", "-n", type=text_arg("The note", LONG_TEXT_MAX), help="a few words (optional)"
    )
    sub.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="WORD",
        help="a tag such as 'quality time' (repeat for more)",
    )


def parse_kind(text: str) -> QualityKind:
    spec = "-".join(text.strip().lower().replace("_", "-").split())
    try:
        return QualityKind(KIND_ALIASES.get(spec, spec))
    except ValueError:
        kinds = ", ".join(kind.value for kind in QualityKind)
        raise ValidationError(
            f"'{text[:40]}' is not a kind of quality time. Kinds: {kinds}."
        ) from None


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    minutes = parse_duration(args.duration)
    kind = parse_kind(args.kind)
    connection = parse_rating(args.connection) if args.connection is not None else None
    entry = QualityTime(
        day=tracker.day(args.date),
        minutes=minutes,
        kind=kind,
        connection=connection,
        note=args.note or "",
        tags=clean_tags(args.tag),
    )
    say(tracker.together.log(entry).message)
    return 0
