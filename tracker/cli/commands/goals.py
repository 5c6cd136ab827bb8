"""`tracker goal add|list|edit|delete`: shared goals and the promises that serve them."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of, add_delete_action
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, UsageError
from tracker.practices.records import Goal

if TYPE_CHECKING:
    from tracker.model import Promise
    from tracker.practices.goals import GoalProgress
    from tracker.service import Tracker

PROMISE_HELP = "a promise that serves it (a number or a part of the title; repeat for more)"


def register(command: AddCommand) -> None:
    goal = command("goal", "shared goals: add, list, edit, delete", None)
    action = actions_of(goal, "goal_command")
    sub = action("add", "add a shared goal")
    sub.add_argument("text", help='where you are going together: "Feel safe with each other"')
    sub.add_argument("--by", help="a date you hope to reach it by (optional)")
    sub.add_argument("--promise", "-p", action="append", default=[], help=PROMISE_HELP)
    sub.set_defaults(handler=cmd_goal_add)
    sub = action("list", "list goals with their promises' combined figures")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_goal_list)
    sub = action("edit", "change a goal, its date or its promises")
    sub.add_argument("id")
    sub.add_argument("--text", "-t", help="new words for the goal")
    sub.add_argument("--by", help="a date, or 'none'")
    sub.add_argument("--promise", "-p", action="append", help="replace its promises (repeat)")
    sub.add_argument("--no-promises", action="store_true", help="no promise serves it")
    reached = sub.add_mutually_exclusive_group()
    reached.add_argument("--reached", action="store_true", help="you reached it (today)")
    reached.add_argument("--open", action="store_true", help="not reached after all")
    sub.set_defaults(handler=cmd_goal_edit)
    add_delete_action(action, "goal", lambda tracker: tracker.goals)


def _promise_ids(tracker: Tracker, names: list[str]) -> tuple[int, ...]:
    return tuple(tracker.promises.find(name, include_archived=True).id for name in names)


def _optional_day(tracker: Tracker, text: str | None) -> date | None:
    if text is None or text.strip().lower() in {"", "none"}:
        return None
    return tracker.day(text)


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def goal_json(progress: GoalProgress, titles: dict[int, Promise]) -> dict[str, Any]:
    from tracker.practices.goals import goal_line

    goal, figures = progress.goal, progress.figures
    return {
        "id": goal.id,
        "text": goal.text,
        "set_on": goal.set_on.isoformat(),
        "by": goal.by.isoformat() if goal.by else None,
        "reached_on": goal.reached_on.isoformat() if goal.reached_on else None,
        "promises": [
            {"id": i, "title": titles[i].title, "archived": titles[i].archived}
            for i in goal.promise_ids
            if i in titles
        ],
        "missing_promise_ids": list(progress.missing_promise_ids),
        "consistency_7": _ratio(figures.consistency_7),
        "consistency_30": _ratio(figures.consistency_30),
        "consistency_90": _ratio(figures.consistency_90),
        "strength": _ratio(figures.strength),
        "kept_since_set": figures.kept,
        "days_left": progress.days_left,
        "time_share": _ratio(progress.time_share),
        "summary": goal_line(progress),
    }


def cmd_goal_add(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    today = tracker.today()
    goal = Goal(
        text=args.text,
        set_on=today,
        by=_optional_day(tracker, args.by),
        promise_ids=_promise_ids(tracker, args.promise),
    )
    say(tracker.goals.add(goal).message)
    return 0


def cmd_goal_list(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.practices.goals import goal_line

    tracker = ctx.tracker
    progress = tracker.goals.progress()
    titles = {p.id: p for p in tracker.promises.all(include_archived=True)}
    if ctx.json:
        print_json([goal_json(item, titles) for item in progress])
        return 0
    if not progress:
        say(
            'No shared goals yet. Add one: tracker goal add "Feel safe with each other again" '
            '--promise "phone away"'
        )
        return 0
    for item in progress:
        goal = item.goal
        by = f"  · by {goal.by}" if goal.by else ""
        say(f"{goal.id:>4}  {goal.text}{by}")
        names = [f"{titles[i].title} ({i})" for i in goal.promise_ids if i in titles]
        if names:
            say(f"      Promises: {', '.join(names)}")
        say(f"      {goal_line(item)}")
    return 0


def cmd_goal_edit(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    goal = tracker.goals.get(args.id)
    changes: dict[str, Any] = {}
    if args.text is not None:
        changes["text"] = args.text
    if args.by is not None:
        changes["by"] = _optional_day(tracker, args.by)
    if args.promise is not None:
        changes["promise_ids"] = _promise_ids(tracker, args.promise)
    if args.no_promises:
        changes["promise_ids"] = ()
    if args.reached or args.open:
        if changes:
            raise UsageError("--reached and --open go on their own.")
        say(tracker.goals.set_reached(goal, args.reached).message)
        return 0
    if not changes:
        raise UsageError(
            "Say what to change: --text, --by, --promise, --no-promises, --reached, --open."
        )
    say(tracker.goals.edit(goal, replace(goal, **changes)).message)
    return 0
