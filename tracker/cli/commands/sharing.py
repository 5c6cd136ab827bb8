"""`tracker share ...` and `tracker partner ...`: pair with your partner, choose what you share,
and see their day, their streaks, and notice what they kept.

Everything goes through the service's sharing area (`tracker.service.sharing`); the share
edge (and `cryptography`) is imported only by these commands.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of
from tracker.cli.commands.marks import day_lines
from tracker.cli.commands.streaks import streak_lines
from tracker.cli.output import complain, print_json, say
from tracker.cli.parser import (
    AddCommand,
    UsageError,
    path_arg,
    text_arg,
)
from tracker.errors import TrackerError
from tracker.parsing import format_ago, parse_date

if TYPE_CHECKING:
    from tracker.service.sharing import Sharing
    from tracker.share.sharing import PartnerRead, ShareStatus

DATE_HELP = "YYYY-MM-DD, 'yesterday' or 'N days ago', in your partner's calendar"
NAME_HELP = "your name as your partner will read it"
ON_OFF = {"on": True, "off": False}
# What `share set` takes besides the on/off choices: one thing, shared or not by hand.
ONE_BY_ONE = ("promise", "note", "letter")


def register(command: AddCommand) -> None:
    share = command("share", "share with your partner through a synced folder", None)
    # The share commands publish themselves: no second publish after them.
    share.set_defaults(publish_after=False)
    action = _actions_of(share, "share_command")

    sub = action("setup", "start sharing: a one-time code for your partner", cmd_setup)
    sub.add_argument("folder", type=path_arg("The folder"), help="the folder your sync tool shares")
    sub.add_argument("--name", required=True, type=text_arg("Your name", 40), help=NAME_HELP)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")

    sub = action("join", "join your partner with the code they gave you", cmd_join)
    sub.add_argument("folder", type=path_arg("The folder"), help="your copy of the shared folder")
    sub.add_argument("code", help="the code your partner's `tracker share setup` showed")
    sub.add_argument("--name", required=True, type=text_arg("Your name", 40), help=NAME_HELP)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")

    sub = action("status", "folder, partner, what you share, what went wrong", cmd_status)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")

    choices = "promises, reasons, time, time-notes, acknowledgements, appreciations, bids, " + (
        "boundaries, goals, checkins; or promise NAME, note N, letter N"
    )
    sub = action("set", "choose what you share (on or off)", cmd_set)
    sub.add_argument("what", help=choices)
    sub.add_argument("rest", nargs="+", metavar="on|off", help="on or off (after NAME or N)")

    sub = action("publish", "write your share now (it also happens by itself)", cmd_publish)
    sub.add_argument("--after", help=argparse.SUPPRESS)  # a background publish's request

    action("stop", "stop sharing: your share says so, the key is forgotten", cmd_stop)

    partner = command("partner", "your partner's day and streaks, from their share", None)
    view = _actions_of(partner, "partner_command")

    sub = view("today", "their day: what is due and how it stands", cmd_partner_today)
    sub.add_argument("--date", "-d", help=DATE_HELP)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub = view("streaks", "their streaks, consistency and strength", cmd_partner_streaks)
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub = view("notice", "tell your partner you noticed a promise they kept", cmd_notice)
    sub.add_argument("name", help="their promise: a number, or a part of its title")
    sub.add_argument("--date", "-d", help=DATE_HELP + " (default: their today)")
    sub.add_argument(
        "--message",
        "-m",
        type=text_arg("The message"),
        default="",
        help="a few words for them, shown with it",
    )


AddAction = Callable[[str, str, Callable[..., int]], argparse.ArgumentParser]


def _actions_of(command: argparse.ArgumentParser, dest: str) -> AddAction:
    """How to add the actions of `command` (`share setup`, `partner today`, ...), each
    with its handler."""
    action = actions_of(command, dest)

    def add(name: str, help_text: str, handler: Callable[..., int]) -> argparse.ArgumentParser:
        sub = action(name, help_text)
        sub.set_defaults(handler=handler)
        return sub

    return add


# -- pairing ------------------------------------------------------------------------------


def cmd_setup(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    change = sharing.setup(Path(args.folder), args.name)
    invitation = change.saved
    synced = sharing.data_file_synced()
    if synced is not None:  # another synced folder than the one shared: still not safe
        complain(
            f"your data file is inside {synced.root}, which {synced.tool} keeps in step: two "
            "machines writing it lose each other's writes. Move it out (see `tracker doctor`)."
        )
    waiting = (
        "Waiting for your partner to join. The safety words appear in `tracker share status` "
        "once their answer arrives through the folder."
    )
    if ctx.json:
        print_json(
            {
                "code": invitation.code,
                "folder": str(invitation.folder),
                "name": invitation.name,
                "safety_words": None,
                "state": "waiting",
                "message": waiting,
            }
        )
        return 0
    say(change.message)
    say()
    say("The code (it works once; read it out or send it privately):")
    say()
    say(f"    {invitation.code}")
    say()
    say("Once your sync tool has brought the folder to their machine, your partner runs:")
    say(f"    tracker share join FOLDER {invitation.code} --name THEIR-NAME")
    say()
    say(waiting)
    _say_choices(invitation.choices.in_words())
    return 0


def cmd_join(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    change = sharing.join(Path(args.folder), args.code, args.name)
    joined = change.saved
    if ctx.json:
        print_json(
            {
                "partner": joined.partner,
                "folder": str(joined.folder),
                "safety_words": list(joined.safety_words),
                "state": "paired",
            }
        )
        return 0
    say(change.message)
    say()
    say(f"    {' '.join(joined.safety_words)}")
    say()
    say(
        "If the words differ, someone else answered: both run `tracker share stop`, then "
        "pair again."
    )
    _say_choices(joined.choices.in_words())
    _publish_now(sharing)
    return 0


def _say_choices(lines: list[str]) -> None:
    say()
    say("Your partner will see:")
    for line in lines:
        say(f"  - {line}")
    say("Change it with `tracker share set ... on|off`; `tracker share status` shows it.")


# -- status -------------------------------------------------------------------------------


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.share.sharing import PairingState

    sharing = ctx.tracker.sharing
    status = sharing.status()
    if ctx.json:
        print_json(status.to_json())
        return 0
    if status.state is PairingState.NOT_SET_UP:
        say(
            "Sharing is not set up. One of you runs `tracker share setup FOLDER --name NAME`, "
            "the other `tracker share join FOLDER CODE --name NAME` (see the README's "
            '"Share with your partner").'
        )
        return 0
    for line in status_lines(status, ctx.tracker.clock.now()):
        say(line)
    return 0


def status_lines(status: ShareStatus, now: datetime) -> list[str]:
    """`tracker share status` as text: where, with whom, what they see, what went wrong."""
    from tracker.share.problems import Problem
    from tracker.share.sharing import PairingState

    partner = status.partner or "your partner"
    lines = []
    problems = [p for p in status.problems if p.kind is not Problem.WAITING_FOR_PARTNER]
    if status.state is PairingState.WAITING:
        lines.append(
            f"Waiting for your partner to join in {status.folder}: their answer arrives "
            "through the folder, then the safety words show here."
        )
    else:
        lines.append(f"Sharing with {partner} in {status.folder}, as {status.name}.")
        if status.safety_words:
            lines.append(f"Safety words: {' '.join(status.safety_words)}")
    if status.partner_wrote_at is not None:
        came = "" if status.last_good_at is None else f"; it came {_at(status.last_good_at)}"
        lines.append(
            f"{partner}'s tracker wrote {format_ago(status.partner_wrote_at, now)} "
            f"({_at(status.partner_wrote_at)}, their clock){came}."
        )
    if status.written_at is not None:
        lines.append(
            f"Your share was written {format_ago(status.written_at, now)} "
            f"(number {status.written_sequence})."
        )
    lines.append(f"{partner[:1].upper() + partner[1:]} can see:")
    lines += [f"  - {line}" for line in status.partner_can_see]
    if problems:
        lines.append("Problems seen:")
        lines += [f"  - {problem.message}" for problem in problems]
    return lines


def _at(moment: datetime) -> str:
    return f"{moment:%a %-d %b %H:%M}"


# -- choices ------------------------------------------------------------------------------


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    sharing = tracker.sharing
    what = args.what.strip().lower()
    *item, switch = args.rest
    if not sharing.is_set_up():
        raise TrackerError(
            "Sharing is not set up: `tracker share setup FOLDER --name NAME` starts it."
        )
    on = ON_OFF.get(switch.strip().lower())
    if on is None:
        raise UsageError(f"End with on or off, not '{switch[:20]}'.")
    if what in ONE_BY_ONE:
        if len(item) != 1:
            raise UsageError(f"Name one {what}: tracker share set {what} NAME on|off")
        [name] = item
        if what == "promise":
            change: Any = sharing.share_promise(tracker.promises.find(name), on)
        elif what == "note":
            change = sharing.share_note(tracker.notes.get(name), on)
        else:
            change = sharing.share_letter(sharing.letter(_number(name, "letter")), on)
    else:
        if item:
            raise UsageError(f"tracker share set {what} on|off takes no name.")
        change = sharing.set_choice(what, on)
    say(change.message)
    _publish_now(sharing)
    return 0


def _number(text: str, what: str) -> int:
    if text.strip().isdigit() and len(text.strip()) <= 9:
        return int(text)
    raise UsageError(f"Give the {what}'s number, not '{text[:20]}'.")


# -- publishing ---------------------------------------------------------------------------


def cmd_publish(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    if args.after is not None:
        # A background publish after a change: wait for the burst to end; quiet.
        from tracker.share.pending import DEBOUNCE_SECONDS

        time.sleep(DEBOUNCE_SECONDS)
        sharing.publish_if_latest(args.after)
        return 0
    if not sharing.is_set_up():
        raise TrackerError(
            "Sharing is not set up: `tracker share setup FOLDER --name NAME` starts it."
        )
    return 0 if _publish_now(sharing) else 1


def _publish_now(sharing: Sharing) -> bool:
    """Write our share now and say what became of it; False if it could not be written."""
    from tracker.share.problems import Problem

    published = sharing.publish()
    if published.written:
        size = published.size / 1024
        say(f"Your share was written ({size:.1f} KB, number {published.sequence}).")
        return True
    if published.problem is None:
        return True
    say(published.problem.message)
    return published.problem.kind is Problem.WAITING_FOR_PARTNER


def cmd_stop(ctx: Context, args: argparse.Namespace) -> int:
    say(ctx.tracker.sharing.stop().message)
    return 0


# -- the partner's views ------------------------------------------------------------------


def cmd_partner_today(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    read = sharing.read()
    share = sharing.shared(read)
    day = None if args.date is None else parse_date(args.date, sharing.partner_today(share))
    view = sharing.day(day, read)
    _tell_problems(read)
    if ctx.json:
        print_json(view.to_json())
        return 0
    partner = view.partner
    if not view.rows:
        say(f"{partner} had no promise active on {view.day.isoformat()}.")
    else:
        when = "today" if view.day == view.today else f"{view.day:%A} {view.day.isoformat()}"
        heading = f"{partner}'s {when}"
        if view.day > view.known_until:
            heading += " (not judged yet: their share was written before it)"
        remarks = {promise_id: "you noticed" for promise_id in view.noticed}
        for line in day_lines(view.as_day_view(), heading, remarks):
            say(line)
    say(f"{partner}'s tracker wrote {format_ago(view.updated_at, ctx.tracker.clock.now())}.")
    return 0


def cmd_partner_streaks(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    read = sharing.read()
    streaks = sharing.streaks(read)
    _tell_problems(read)
    if ctx.json:
        print_json(streaks.to_json())
        return 0
    if not streaks.stats:
        say(f"{streaks.partner} shares no promise.")
    else:
        say(f"{streaks.partner}'s streaks, as of {streaks.as_of:%a %-d %b %Y}:")
        for line in streak_lines(streaks.stats):
            say(line)
    say(
        f"{streaks.partner}'s tracker wrote "
        f"{format_ago(streaks.updated_at, ctx.tracker.clock.now())}."
    )
    return 0


def cmd_notice(ctx: Context, args: argparse.Namespace) -> int:
    sharing = ctx.tracker.sharing
    share = sharing.shared()
    promise = sharing.find_promise(share, args.name)
    their_today = sharing.partner_today(share)
    day = their_today if args.date is None else parse_date(args.date, their_today)
    say(sharing.notice(share, promise, day, args.message).message)
    return 0


def _tell_problems(read: PartnerRead) -> None:
    """What went wrong with the partner's share, one calm line each on standard error;
    the last good share is still shown."""
    for problem in read.status.problems:
        complain(problem.message)
