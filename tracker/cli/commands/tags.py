"""`tracker tags`: the tags in use, each with its promises' figures taken together."""

from __future__ import annotations

import argparse

from tracker.cli.commands import Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand


def register(command: AddCommand) -> None:
    sub = command("tags", "the tags in use, each with its promises' figures together", cmd_tags)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def cmd_tags(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.practices.tags import tag_summary

    tags = ctx.tracker.tags
    in_use = tags.in_use()
    names = sorted(in_use, key=lambda tag: (-in_use[tag], tag))
    figures = [tags.figures(name) for name in names]
    if ctx.json:
        print_json(
            [
                {
                    "tag": found.tag,
                    "promise_ids": list(found.figures.promise_ids),
                    "consistency_7": _ratio(found.figures.consistency_7),
                    "consistency_30": _ratio(found.figures.consistency_30),
                    "consistency_90": _ratio(found.figures.consistency_90),
                    "strength": _ratio(found.figures.strength),
                    "kept_30_days": found.figures.kept,
                    "quality_minutes_30_days": found.quality_minutes,
                    "quality_entries_30_days": found.quality_entries,
                }
                for found in figures
            ]
        )
        return 0
    if not figures:
        say(
            "No tags yet. Tag a promise: tracker edit NAME --tag 'quality time' "
            "(or any word of your own)."
        )
    for found in figures:
        say(tag_summary(found))
    unused = [tag for tag in tags.suggestions() if tag not in in_use]
    if unused:
        say()
        say(f"Love languages you could tag with too: {', '.join(unused)}.")
    return 0
