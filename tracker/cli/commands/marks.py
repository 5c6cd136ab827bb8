"""`tracker check`, `excuse`, `miss`, `uncheck`, `today`: marking days and seeing one."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from tracker.cli.commands import Context
from tracker.cli.commands.promises import NO_PROMISES
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, text_arg
from tracker.model import DayStatus, MarkStatus
from tracker.parsing import format_count
from tracker.service import DayView

DATE_HELP = "YYYY-MM-DD, 'yesterday' or 'N days ago' (default: today)"


def register(command: AddCommand) -> None:
    for name, status, help_text in (
        ("check", MarkStatus.KEPT, "mark a promise kept (today unless --date)"),
        ("excuse", MarkStatus.EXCUSED, "mark a day as not applicable (travel, illness)"),
        ("miss", MarkStatus.MISSED, "record honestly that a promise was missed"),
    ):
        sub = command(name, help_text, _mark_command(status))
        sub.set_defaults(reason="", note="")
        sub.add_argument("name", help="a number, or a part of the title no other title has")
        sub.add_argument("--date", "-d", help=DATE_HELP)
        if status is MarkStatus.EXCUSED:
            sub.add_argument("--reason", type=text_arg("The reason"), help="why (optional)")
            sub.add_argument(
                "--until",
                metavar="DATE",
                help="excuse every due day from --date to this day (a trip ahead: "
                "days can be excused up to a year ahead)",
            )
        if status in (MarkStatus.KEPT, MarkStatus.EXCUSED):
            sub.add_argument(
                "--note",
                type=text_arg("The note"),
                help="a few words to keep with the day (optional)",
            )

    sub = command("uncheck", "undo a day's mark (today unless --date)", cmd_uncheck)
    sub.add_argument("name", help="a number, or a part of the title no other title has")
    sub.add_argument("--date", "-d", help=DATE_HELP + "; a planned excuse's day ahead too")
    sub.add_argument(
        "--until", metavar="DATE", help="take back the excuses from --date to this day"
    )

    sub = command("today", "what is due today and how it stands", cmd_today)
    sub.add_argument("--date", "-d", help="see another day, as it stands now")
    sub.add_argument("--json", action="store_true")


def _mark_command(status: MarkStatus) -> Callable[[Context, argparse.Namespace], int]:
    def run(ctx: Context, args: argparse.Namespace) -> int:
        tracker = ctx.tracker
        promise = tracker.promises.find(args.name)
        if getattr(args, "until", None):
            first = tracker.day(args.date)
            planned = tracker.plans.excuse(
                promise, first, tracker.day(args.until), reason=args.reason or ""
            )
            say(planned.message)
            return 0
        change = tracker.marks.set(
            promise,
            tracker.day(args.date),
            status,
            reason=args.reason or "",
            note=args.note or "",
        )
        say(change.message)
        return 0

    return run


def cmd_uncheck(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    promise = tracker.promises.find(args.name)
    if args.until:
        first = tracker.day(args.date)
        say(tracker.plans.remove(promise, first, tracker.day(args.until)).message)
        return 0
    say(tracker.marks.unmark(promise, tracker.day(args.date)).message)
    return 0


def public_status(status: DayStatus) -> str:
    """The four statuses of the JSON interface; a day that asks nothing reads as open."""
    return status.value if status.value in {"kept", "missed", "excused"} else "open"


def day_json(view: DayView) -> list[dict[str, Any]]:
    return [
        {
            "id": row.promise.id,
            "title": row.promise.title,
            "schedule": row.promise.schedule.spec,
            "date": view.day.isoformat(),
            "due": row.due,
            "status": public_status(row.status),
            "state": row.status.value,
            "streak": row.streak,
            "streak_unit": row.streak_unit.value,
        }
        for row in view.rows
    ]


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    """A day as it stands now: a past due day without a mark is missed."""
    tracker = ctx.tracker
    view = tracker.marks.day(tracker.day(args.date))
    if ctx.json:
        print_json(day_json(view))
        return 0
    if not view.rows:
        say(nothing_active(ctx, view.day.isoformat()))
        return 0
    heading = "Today" if view.day == view.today else f"{view.day:%A} {view.day.isoformat()}"
    say(f"{heading}: {view.kept} of {view.judged} kept" if view.due else f"{heading}: nothing due")
    for row in view.due:
        week = ""
        if row.week_target is not None:
            week = f"  ({row.week_kept} of {row.week_target} this week)"
        say(
            f"  {row.status.label:<8} {row.promise.title}  ·  streak "
            f"{format_count(row.streak, row.streak_unit)}{week}"
        )
    return 0


def nothing_active(ctx: Context, day: str) -> str:
    if ctx.tracker.promises.all():
        return f"No promise was active on {day}."
    return NO_PROMISES
