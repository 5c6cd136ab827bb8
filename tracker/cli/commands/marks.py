"""`tracker check`, `excuse`, `miss`, `uncheck`, `today`: marking days and seeing one."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.commands.promises import NO_PROMISES
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, text_arg
from tracker.day_view import day_row_json
from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, Promise
from tracker.parsing import parse_amount, streak_words
from tracker.service import DayView
from tracker.text import quoted

if TYPE_CHECKING:
    from tracker.service import Tracker
    from tracker.service.change import Change
    from tracker.share.views import Noticed

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
        if status is MarkStatus.KEPT:
            sub.add_argument(
                "amount",
                nargs="?",
                help="for a measured promise: how much, a number or a duration (15m, 1h30)",
            )
            sub.add_argument(
                "--amount", "-a", dest="amount_option", metavar="AMOUNT", help="the same"
            )
            sub.add_argument(
                "--set",
                action="store_true",
                help="replace the day's amount instead of adding to it",
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
    sub.add_argument("--tag", metavar="WORD", help="only the promises with this tag")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


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
        day = tracker.day(args.date)
        typed = getattr(args, "amount_option", None) or getattr(args, "amount", None)
        if status is MarkStatus.KEPT and (typed is not None or promise.measure_on(day)):
            say(_enter(tracker, promise, day, typed, args).message)
            return 0
        change = tracker.marks.set(
            promise, day, status, reason=args.reason or "", note=args.note or ""
        )
        say(change.message)
        return 0

    return run


def _enter(
    tracker: Tracker, promise: Promise, day: date, typed: str | None, args: argparse.Namespace
) -> Change[Mark]:
    """`tracker check NAME 15m`: the amount added to the day's (or in its place, --set)."""
    if typed is None:  # the service says how much to say
        return tracker.marks.check_off(promise, day)
    try:
        amount, _ = parse_amount(typed)
    except ValidationError:
        if promise.measure_on(day) is not None or args.amount_option is not None:
            raise
        # `tracker check walk dog`: most likely a name of two words, not an amount.
        raise ValidationError(
            f"'{quoted(typed)}' is not an amount; a name of several words goes in "
            f'quotes: tracker check "{quoted(args.name)} {quoted(typed)}"'
        ) from None
    return tracker.marks.enter(promise, day, amount, add=not args.set)


def cmd_uncheck(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    promise = tracker.promises.find(args.name)
    if args.until:
        first = tracker.day(args.date)
        say(tracker.plans.remove(promise, first, tracker.day(args.until)).message)
        return 0
    say(tracker.marks.unmark(promise, tracker.day(args.date)).message)
    return 0


def day_json(
    view: DayView, noticed: Mapping[tuple[int, date], Noticed] | None = None
) -> list[dict[str, Any]]:
    """`today --json`: each row, with `noticed` (who noticed it kept, when, what they said)."""
    found = noticed or {}
    rows = []
    for row in view.rows:
        seen = found.get((row.promise.id, view.day))
        rows.append(
            {**day_row_json(row, view.day), "noticed": None if seen is None else seen.to_json()}
        )
    return rows


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    """A day as it stands now: a past due day without a mark is missed."""
    tracker = ctx.tracker
    view = tracker.marks.day(tracker.day(args.date))
    tag = None if args.tag is None else tracker.tags.normalise(args.tag)
    if tag is not None:
        view = tracker.tags.day(view, tag)
    noticed = tracker.sharing.noticed_by_partner()
    if ctx.json:
        print_json(day_json(view, noticed))
        return 0
    if not view.rows:
        if tag is not None:
            say(f"No promise tagged '{tag}' is active on {view.day.isoformat()}.")
        else:
            say(nothing_active(ctx, view.day.isoformat()))
        return 0
    heading = "Today" if view.day == view.today else f"{view.day:%A} {view.day.isoformat()}"
    if tag is not None:
        heading += f", tagged '{tag}'"
    for line in day_lines(view, heading, _noticed_words(noticed, view.day)):
        say(line)
    return 0


def _noticed_words(noticed: Mapping[tuple[int, date], Noticed], day: date) -> dict[int, str]:
    return {
        promise_id: f"{seen.by} noticed" + (f": “{seen.message}”" if seen.message.strip() else "")
        for (promise_id, on), seen in noticed.items()
        if on == day
    }


def day_lines(view: DayView, heading: str, remarks: Mapping[int, str]) -> list[str]:
    """A day as text: the heading with how it stands, then each due promise, with a
    short remark where there is one ("Sam noticed")."""
    summary = f"{view.kept} of {view.judged} kept" if view.due else "nothing due"
    lines = [f"{heading}: {summary}"]
    for row in view.due:
        week = ""
        if row.progress:
            when = f" {view.week_words}" if row.week_target is not None else ""
            week = f"  ({row.progress}{when})"
        elif row.week_target is not None:
            week = f"  ({row.week_kept} of {row.week_target} {view.week_words})"
        remark = remarks.get(row.promise.id)
        lines.append(
            f"  {row.status.label:<8} {row.promise.title}  ·  streak: "
            f"{streak_words(row.streak, row.streak_unit)}{week}"
            + (f"  ·  {remark}" if remark else "")
        )
    return lines


def nothing_active(ctx: Context, day: str) -> str:
    if ctx.tracker.promises.all():
        return f"No promise was active on {day}."
    return NO_PROMISES
