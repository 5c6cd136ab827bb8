"""`tracker add`, `edit`, `archive`, `restore`, `list`: the promises themselves."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from tracker.amounts import measure_fields, refuse_duration_in_unit, unit_words
from tracker.cli.commands import Access, Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, UsageError
from tracker.errors import IncompleteBackupError
from tracker.model import MINUTES, Measure, Promise, TargetKind, Trigger, clean_tags
from tracker.parsing import format_time, parse_amount, parse_times
from tracker.paths import expand_home
from tracker.schedule import ACCEPTED_FORMS, parse_schedule

NO_PROMISES = 'No promises yet. Add one: tracker add "Phone away at dinner" --schedule daily'
TAG_HELP = (
    "a tag: a free word, or a love language such as 'quality time' or 'acts of service' "
    "(repeat for more)"
)
TRIGGER_HELP = (
    "a hurt it answers: dishonesty, betrayal, poor-communication, neglect, other (repeat for more)"
)


def register(command: AddCommand) -> None:
    sub = command("add", "add a promise", cmd_add)
    sub.add_argument("title", help="what you promise, in a few words")
    sub.add_argument("--schedule", "-s", default="daily", help=f"when it is due: {ACCEPTED_FORMS}")
    sub.add_argument("--start", help="first day (default: today)")
    sub.add_argument("--end", help="last day (default: none)")
    sub.add_argument("--why", help="why it matters to you")
    sub.add_argument(
        "--remind",
        action="append",
        metavar="HH:MM",
        help="a reminder time on due days (repeat for more)",
    )
    sub.add_argument("--tag", action="append", default=[], metavar="WORD", help=TAG_HELP)
    sub.add_argument("--trigger", action="append", default=[], help=TRIGGER_HELP)
    _measure_options(sub)
    sub.add_argument("--json", action="store_true", help="print the new promise as JSON")

    sub = command("edit", "rename, reschedule or change a promise (its history stays)", cmd_edit)
    sub.add_argument("name", help="a number or a part of the title")
    sub.add_argument("--title", help="a new title")
    sub.add_argument("--schedule", "-s", help=ACCEPTED_FORMS)
    sub.add_argument("--start", help="a new first day (YYYY-MM-DD)")
    sub.add_argument("--end", help="a date, or 'none'")
    sub.add_argument("--why", help="why it matters to you (empty to clear)")
    sub.add_argument(
        "--remind",
        action="append",
        metavar="HH:MM",
        help="replace the reminder times (repeat for more)",
    )
    sub.add_argument("--no-remind", action="store_true", help="remove all reminder times")
    sub.add_argument("--tag", action="append", metavar="WORD", help="replace its tags (repeat)")
    sub.add_argument("--no-tags", action="store_true", help="remove all its tags")
    sub.add_argument("--trigger", action="append", help="replace the hurts it answers (repeat)")
    sub.add_argument("--no-triggers", action="store_true", help="it answers no trigger")
    _measure_options(sub)
    sub.add_argument(
        "--yes-no", action="store_true", help="no longer measured (its amounts stay in its history)"
    )

    sub = command("archive", "put a promise away; its history is kept", cmd_archive)
    sub.add_argument("name")
    sub = command(
        "restore",
        "bring back an archived promise, or everything from a backup file",
        cmd_restore,
        # A restore from a backup is what a damaged data file needs: open it anyway.
        access=lambda args: Access.REPAIR if names_a_backup_file(args.target) else Access.CHECKED,
    )
    sub.add_argument("target", help="an archived promise's name, or a backup file path")
    sub.add_argument(
        "--force",
        action="store_true",
        help="restore a backup that lacks some promises' history (that history is kept)",
    )

    sub = command("list", "list promises", cmd_list)
    sub.add_argument("--all", action="store_true", help="include archived promises")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def _measure_options(sub: argparse.ArgumentParser) -> None:
    target = sub.add_mutually_exclusive_group()
    target.add_argument(
        "--at-least",
        metavar="N",
        help="measured: at least N on each due day (a week, for N/week); a duration "
        "such as 10m counts minutes",
    )
    target.add_argument("--at-most", metavar="N", help="measured: at most N (see --at-least)")
    sub.add_argument("--unit", help="what a measured promise counts: times, pages, late night")


def measure_given(args: argparse.Namespace, current: Measure | None) -> Measure | None:
    """The measure --at-least/--at-most/--unit say (`current` when they say nothing)."""
    typed = args.at_least if args.at_least is not None else args.at_most
    if typed is None:
        if args.unit is None:
            return current
        if current is None:
            raise UsageError("Give a target with the unit: --at-least N or --at-most N.")
        return replace(current, unit=unit_words(args.unit) or args.unit).validated()
    value, is_duration = parse_amount(typed)
    refuse_duration_in_unit(typed, is_duration, args.unit)
    unit = unit_words(args.unit) or (
        MINUTES if is_duration else current.unit if current else "times"
    )
    kind = TargetKind.AT_LEAST if args.at_least is not None else TargetKind.AT_MOST
    return Measure(unit, value, kind).validated()


def promise_json(promise: Promise) -> dict[str, Any]:
    return {
        "id": promise.id,
        "title": promise.title,
        "schedule": promise.schedule.spec,
        "start": promise.start.isoformat(),
        "end": promise.end.isoformat() if promise.end else None,
        "why": promise.why,
        "reminders": [format_time(moment) for moment in promise.reminders],
        "archived": promise.archived,
        "tags": list(promise.tags),
        "triggers": [trigger.value for trigger in promise.triggers],
        **measure_fields(promise.measure),
    }


def parse_triggers(names: list[str]) -> tuple[Trigger, ...]:
    from tracker.practices.causes import trigger_named

    return tuple(trigger_named(name) for name in names)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    promise = Promise(
        title=args.title,
        schedule=parse_schedule(args.schedule),
        start=tracker.day(args.start),
        end=tracker.day(args.end) if args.end else None,
        why=args.why or "",
        reminders=parse_times(",".join(args.remind or [])),
        tags=clean_tags(args.tag),
        triggers=parse_triggers(args.trigger),
        measure=measure_given(args, None),
    )
    change = tracker.promises.add(promise)
    if ctx.json:
        print_json(promise_json(change.saved))
    else:
        say(change.message)
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    promise = tracker.promises.find(args.name, include_archived=True)
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.schedule is not None:
        changes["schedule"] = parse_schedule(args.schedule)
    if args.start is not None:
        changes["start"] = tracker.day(args.start)
    if args.end is not None:
        no_end = args.end.strip().lower() in {"", "none"}
        changes["end"] = None if no_end else tracker.day(args.end)
    if args.why is not None:
        changes["why"] = args.why
    if args.remind is not None:
        changes["reminders"] = parse_times(",".join(args.remind))
    if args.no_remind:
        changes["reminders"] = ()
    if args.tag is not None:
        changes["tags"] = clean_tags(args.tag)
    if args.no_tags:
        changes["tags"] = ()
    if args.trigger is not None:
        changes["triggers"] = parse_triggers(args.trigger)
    if args.no_triggers:
        changes["triggers"] = ()
    measure = None if args.yes_no else measure_given(args, promise.measure)
    if measure != promise.measure:
        changes["measure"] = measure
    if not changes:
        raise UsageError(
            "Say what to change: --title, --schedule, --start, --end, --why, --remind, "
            "--tag, --trigger, --at-least, --at-most, --unit, --yes-no."
        )
    say(tracker.promises.edit(promise, replace(promise, **changes)).message)
    return 0


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    change = ctx.tracker.promises.archive(ctx.tracker.promises.find(args.name))
    say(f"{change.message} `tracker restore` brings it back.")
    return 0


def names_a_backup_file(target: str) -> bool:
    return target.endswith(".json") or expand_home(target).is_file()


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Bring back an archived promise, or all data from a backup file."""
    tracker = ctx.tracker
    if names_a_backup_file(args.target):
        try:
            change = tracker.backups.restore(Path(args.target), force=args.force)
        except IncompleteBackupError as error:
            raise IncompleteBackupError(
                f"{error} To restore it anyway and keep that history as it is now, add --force.",
                error.lacking,
            ) from error
        say(change.message)
        return 0
    say(tracker.promises.restore(tracker.promises.find_archived(args.target)).message)
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    promises = ctx.tracker.promises.all(include_archived=args.all)
    if ctx.json:
        print_json([promise_json(p) for p in promises])
        return 0
    if not promises:
        say(NO_PROMISES)
        return 0
    for p in promises:
        extra = " (archived)" if p.archived else ""
        per = " a week" if p.schedule.is_weekly_target else ""
        measured = f", {p.measure.describe()}{per}" if p.measure else ""
        say(f"{p.id:>3}  {p.title}  ·  {p.schedule.describe()}{measured}, since {p.start}{extra}")
    return 0
