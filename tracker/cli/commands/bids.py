"""`tracker bid`, `bids`: moments of reaching out, how they were answered, the weeks calmly."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.commands.appreciations import parse_person
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, whole_number
from tracker.practices.records import Bid, BidResponse, Person, member
from tracker.service.bids import DEFAULT_WEEKS, MAX_WEEKS

# The figures' module loads when `tracker bids` runs, not for every command.
if TYPE_CHECKING:
    from tracker.practices.bids import BidCounts, BidSummary, Moments

BY_HELP = (
    "who reached out: partner (default: you log how you answered them) or me "
    "(how your partner answered you)"
)


def register(command: AddCommand) -> None:
    sub = command("bid", "log a bid for connection and how it was answered", cmd_bid)
    sub.add_argument("response", help="toward, away or against")
    sub.add_argument("--by", default=Person.PARTNER.value, help=BY_HELP)
    sub.add_argument("--note", "-n", default="", help="a few words (optional)")
    sub.add_argument("--date", "-d", help="the day (default: today)")

    sub = command("bids", "bids for connection over the last weeks, with the counts", cmd_bids)
    sub.add_argument(
        "--weeks",
        "-w",
        type=whole_number("--weeks", 1, MAX_WEEKS),
        default=DEFAULT_WEEKS,
        help=f"how many weeks, this one included (default {DEFAULT_WEEKS})",
    )
    sub.add_argument("--research", action="store_true", help="also what research found, as context")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def parse_response(text: str) -> BidResponse:
    return member(BidResponse, text.strip().lower(), "an answer to a bid")


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def counts_json(counts: BidCounts) -> dict[str, Any]:
    return {
        "toward": counts.toward,
        "away": counts.away,
        "against": counts.against,
        "total": counts.total,
        "share_toward": _ratio(counts.share_toward),
    }


def moments_json(moments: Moments) -> dict[str, Any]:
    return {
        "bids": counts_json(moments.bids),
        "appreciations": moments.appreciations,
        "positive": moments.positive,
        "negative": moments.negative,
        "ratio": _ratio(moments.ratio),
    }


def summary_json(summary: BidSummary) -> dict[str, Any]:
    from tracker.practices.bids import (
        POSITIVE_PER_NEGATIVE_IN_CONFLICT,
        TURNED_TOWARD_PARTED,
        TURNED_TOWARD_STAYED,
    )

    return {
        "since": summary.since.isoformat(),
        "through": summary.through.isoformat(),
        "weeks": len(summary.weeks),
        **moments_json(summary.moments),
        "answered_by_me": counts_json(summary.answered_by_me),
        "answered_by_partner": counts_json(summary.answered_by_partner),
        "per_week": [
            {"week_start": week.week_start.isoformat(), **moments_json(week.moments)}
            for week in summary.weeks
        ],
        "reference": {
            "turned_toward_stayed": TURNED_TOWARD_STAYED,
            "turned_toward_parted": TURNED_TOWARD_PARTED,
            "positive_per_negative_in_conflict": POSITIVE_PER_NEGATIVE_IN_CONFLICT,
        },
    }


def cmd_bid(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    bid = Bid(
        response=parse_response(args.response),
        day=tracker.day(args.date),
        by=parse_person(args.by),
        note=args.note,
    )
    say(tracker.bids.log(bid).message)
    return 0


def _share(counts: BidCounts) -> str:
    if not counts.total:
        return "none logged"
    return f"{counts.toward} of {counts.total} turned toward"


def cmd_bids(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.practices.bids import REFERENCE_LINES, summary_lines

    summary = ctx.tracker.bids.summary(args.weeks)
    if ctx.json:
        print_json(summary_json(summary))
        return 0
    for line in summary_lines(summary):
        say(line)
    if summary.moments.bids.total:
        say(
            f"Your partner's bids, as you answered them: {_share(summary.answered_by_me)}. "
            f"Yours, as they answered: {_share(summary.answered_by_partner)}."
        )
    say()
    say(f"{'week of':<12} {'toward':>6} {'away':>5} {'against':>8} {'thanks':>7}")
    for week in summary.weeks:
        bids = week.moments.bids
        say(
            f"{week.week_start:%a %-d %b}".ljust(12)
            + f" {bids.toward:>6} {bids.away:>5} {bids.against:>8} {week.moments.appreciations:>7}"
        )
    say()
    if not args.research:  # context on request: never pressed on every look
        say("What research found about bids, as context: tracker bids --research")
        return 0
    for line in REFERENCE_LINES:
        say(line)
    return 0
