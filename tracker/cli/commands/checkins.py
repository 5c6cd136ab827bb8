"""`tracker checkin list|show`: the weekly check-ins read back (the flow lives in the app)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand

if TYPE_CHECKING:
    from tracker.practices.checkin import CheckIn


def register(command: AddCommand) -> None:
    checkin = command("checkin", "weekly check-ins, read back: list, show", None)
    action = actions_of(checkin, "checkin_command")
    sub = action("list", "the finished check-ins, with their dates")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_checkin_list)
    sub = action("show", "read one finished check-in back")
    sub.add_argument("id", help="its number, as `tracker checkin list` shows it")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_checkin_show)


def checkin_json(checkin: CheckIn) -> dict[str, Any]:
    """The check-in as its stored document (see README), with its number."""
    from tracker.practices.documents import checkin_to_doc

    doc = checkin_to_doc(checkin)
    doc.pop("step", None)  # where a draft stands: a finished check-in has none
    return {"id": checkin.id, **doc}


def cmd_checkin_list(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.practices.readback import day_words, summary

    checkins = ctx.tracker.checkins
    finished = checkins.finished()
    if ctx.json:
        print_json([checkin_json(checkin) for checkin in finished])
        return 0
    draft = checkins.draft()
    if not finished:
        say("No check-ins kept yet. Press c in the app to hold your first.")
    for checkin in reversed(finished):
        held = day_words(checkin.held_on, year=True)
        say(f"{checkin.id:>4}  {held}  week of {day_words(checkin.week_of)}  {summary(checkin)}")
    if draft is not None:
        say(
            f"The check-in you began on {day_words(draft.held_on)} is waiting in the app: "
            "press c to go on."
        )
    return 0


def cmd_checkin_show(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.practices.readback import finished_line, heading, passed_over, sections

    checkin = ctx.tracker.checkins.get(args.id)
    if ctx.json:
        print_json(checkin_json(checkin))
        return 0
    say(heading(checkin))
    say(finished_line(checkin))
    for section in sections(checkin):
        say()
        say(section.title)
        for line in section.lines:
            say("\n".join(f"  {part}" if part else "" for part in line.split("\n")))
    skipped = passed_over(checkin)
    if skipped:
        say()
        say(skipped)
    return 0
