"""`tracker snooze NAME 30m`, `snooze --list`: a reminder again later, once."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, UsageError
from tracker.errors import NotFoundError

if TYPE_CHECKING:
    from tracker.reminder_rules.snooze import PendingSnooze
    from tracker.service import Tracker

DEFAULT_DELAY = "30m"


def register(command: AddCommand) -> None:
    sub = command(
        "snooze",
        "remind me about a promise again later (default in 30 minutes); --list: what is pending",
        cmd_snooze,
    )
    sub.add_argument("name", nargs="?", help="a promise: a number or a part of the title")
    sub.add_argument("delay", nargs="?", help="how long: 30m (default), 1h, 1h30")
    sub.add_argument("--list", action="store_true", help="list the snoozes still to come back")
    sub.add_argument("--json", action="store_true", help="with --list: as JSON")


def _subject(tracker: Tracker, item: PendingSnooze) -> tuple[str, str | None]:
    """(what it is about in words, the promise's title or None)."""
    snooze = item.snooze
    if snooze.promise_id is not None:
        try:
            title = tracker.promises.get(snooze.promise_id).title
        except NotFoundError:
            return f"promise {snooze.promise_id}", None
        return title, title
    kind = snooze.kind.value
    if kind == "checkin":
        return "the evening check-in", None
    return "the time-together nudge", None


def pending_json(tracker: Tracker, item: PendingSnooze) -> dict[str, Any]:
    snooze = item.snooze
    now = tracker.clock.now()
    return {
        "id": snooze.id,
        "kind": snooze.kind.value,
        "promise_id": snooze.promise_id,
        "title": _subject(tracker, item)[1],
        "day": snooze.day.isoformat(),
        "until": snooze.until.isoformat(),
        "comes_back_at": item.comes_back_at.astimezone(now.tzinfo).isoformat(),
    }


def cmd_snooze(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    if args.list:
        if args.name is not None:
            raise UsageError("--list takes no promise.")
        return _list(ctx)
    if args.json:
        raise UsageError("--json goes with --list.")
    if args.name is None:
        raise UsageError("Say which promise: tracker snooze NAME 30m (or --list).")
    promise = tracker.promises.find(args.name)
    say(tracker.snoozes.snooze_promise(promise, args.delay or DEFAULT_DELAY).message)
    return 0


def _list(ctx: Context) -> int:
    tracker = ctx.tracker
    pending = tracker.snoozes.pending()
    if ctx.json:
        print_json([pending_json(tracker, item) for item in pending])
        return 0
    if not pending:
        say("Nothing is snoozed.")
        return 0
    now = tracker.clock.now()
    for item in pending:
        subject, _title = _subject(tracker, item)
        say(f"{subject}: comes back {tracker.snoozes.when(item.snooze, now)}")
    return 0
