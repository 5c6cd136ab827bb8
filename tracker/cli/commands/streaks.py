"""`tracker streaks`: current and best streaks, consistency and strength, as of a day."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from tracker.cli.commands import Context
from tracker.cli.commands.marks import nothing_active
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand
from tracker.model import Promise
from tracker.stats import PromiseStats, StreakUnit, stats_json
from tracker.text import pad_to_cells, visible


def register(command: AddCommand) -> None:
    sub = command("streaks", "current and best streaks, consistency and strength", cmd_streaks)
    sub.add_argument("--date", "-d", help="as they stood at the end of another day")
    sub.add_argument("--all", action="store_true", help="include archived promises")
    sub.add_argument(
        "--tag", metavar="WORD", help="only the promises with this tag, and their figures together"
    )
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def _percent(value: float | None) -> str:
    return "  – " if value is None else f"{value * 100:3.0f}%"


def cmd_streaks(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    day = tracker.day(args.date)
    table = tracker.streaks.table(day, include_archived=args.all)
    tag = None if args.tag is None else tracker.tags.normalise(args.tag)
    if tag is not None:
        table = tracker.tags.standings(table, tag)
    if ctx.json:
        print_json([stats_json(row.promise, row.stats) for row in table])
        return 0
    if not table:
        if tag is not None:
            say(f"No promise tagged '{tag}' was active on {day.isoformat()}.")
        else:
            say(nothing_active(ctx, day.isoformat()))
        return 0
    for line in streak_lines((row.promise, row.stats) for row in table):
        say(line)
    if tag is not None:
        from tracker.practices.tags import tag_summary

        say()
        say(tag_summary(tracker.tags.figures(tag, day)))
    return 0


def streak_lines(rows: Iterable[tuple[Promise, PromiseStats]]) -> list[str]:
    """The streaks as a text table: one line per promise under a header."""
    lines = [f"{'promise':<32} {'now':>6} {'best':>6}   7d  30d  90d  strength"]
    for promise, s in rows:
        unit = "w" if s.streak_unit is StreakUnit.WEEKS else "d"
        # Padded by the columns it takes, not its characters: CJK and emoji titles align.
        title = pad_to_cells(visible(promise.title), 32)
        lines.append(
            f"{title} {s.current_streak:>5}{unit} {s.best_streak:>5}{unit} "
            f"{_percent(s.consistency_7)} {_percent(s.consistency_30)} "
            f"{_percent(s.consistency_90)}  {round(s.strength):>8}"
        )
    return lines
