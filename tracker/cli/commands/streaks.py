"""`tracker streaks`: current and best streaks, consistency and strength, as of a day."""

from __future__ import annotations

import argparse

from tracker.cli.commands import Context
from tracker.cli.commands.marks import nothing_active
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand
from tracker.stats import StreakUnit


def register(command: AddCommand) -> None:
    sub = command("streaks", "current and best streaks, consistency and strength", cmd_streaks)
    sub.add_argument("--date", "-d", help="as they stood at the end of another day")
    sub.add_argument("--all", action="store_true", help="include archived promises")
    sub.add_argument("--json", action="store_true")


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _percent(value: float | None) -> str:
    return "  – " if value is None else f"{value * 100:3.0f}%"


def cmd_streaks(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    day = tracker.day(args.date)
    table = tracker.streaks.table(day, include_archived=args.all)
    if ctx.json:
        print_json(
            [
                {
                    "id": row.promise.id,
                    "title": row.promise.title,
                    "schedule": row.promise.schedule.spec,
                    "current_streak": row.stats.current_streak,
                    "best_streak": row.stats.best_streak,
                    "streak_unit": row.stats.streak_unit.value,
                    "consistency_7": _ratio(row.stats.consistency_7),
                    "consistency_30": _ratio(row.stats.consistency_30),
                    "consistency_90": _ratio(row.stats.consistency_90),
                    "strength": row.stats.strength,
                }
                for row in table
            ]
        )
        return 0
    if not table:
        say(nothing_active(ctx, day.isoformat()))
        return 0
    say(f"{'promise':<32} {'now':>6} {'best':>6}   7d  30d  90d  strength")
    for row in table:
        s, title = row.stats, row.promise.title
        unit = "w" if s.streak_unit is StreakUnit.WEEKS else "d"
        title = title if len(title) <= 32 else title[:31] + "…"
        say(
            f"{title:<32} {s.current_streak:>5}{unit} {s.best_streak:>5}{unit} "
            f"{_percent(s.consistency_7)} {_percent(s.consistency_30)} "
            f"{_percent(s.consistency_90)}  {round(s.strength):>8}"
        )
    return 0
