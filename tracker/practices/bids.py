"""Bids for connection: how often we turned toward each other, week by week, calmly.

The rules, in one place:

* A bid is a moment one of us reached out; the other turned toward, away or against.
* Over the last N Monday-to-Sunday weeks (this one included, up to today): the count of
  each answer, the share turned toward (None without bids), and per week the same, for
  a calm chart.
* Positive moments are appreciations (given and received) and bids turned toward;
  negative ones are bids turned away or against. The ratio is positive per negative
  (None when nothing negative was logged: "no turned-away moments" is said in words).
* John Gottman's figures are shown beside them as context, never as a target or grade:
  couples who stayed together turned toward about 86% of bids (those who parted, about
  33%); during conflict, stable couples had about five positive moments per negative one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.errors import ValidationError
from tracker.parsing import format_count
from tracker.practices.records import Bid, BidResponse, Person
from tracker.practices.week import ByWhom
from tracker.schedule import week_start

DEFAULT_WEEKS = 8
MAX_WEEKS = 520
TURNED_TOWARD_STAYED = 0.86
TURNED_TOWARD_PARTED = 0.33
POSITIVE_PER_NEGATIVE_IN_CONFLICT = 5

REFERENCE_LINES = (
    "In John Gottman's research, couples who stayed together turned toward about 86% of "
    "each other's bids; couples who parted, about 33%.",
    "During conflict, stable couples had about five positive moments for each negative one.",
    "These are figures from research, shown as context, not as a target to meet.",
)


@dataclass(frozen=True)
class BidCounts:
    toward: int = 0
    away: int = 0
    against: int = 0

    @property
    def total(self) -> int:
        return self.toward + self.away + self.against

    @property
    def share_toward(self) -> float | None:
        return self.toward / self.total if self.total else None

    def adding(self, response: BidResponse) -> BidCounts:
        return BidCounts(
            self.toward + (response is BidResponse.TOWARD),
            self.away + (response is BidResponse.AWAY),
            self.against + (response is BidResponse.AGAINST),
        )


@dataclass(frozen=True)
class Moments:
    """Bids and appreciations over some days; positive and negative moments."""

    bids: BidCounts = field(default_factory=BidCounts)
    appreciations: int = 0

    @property
    def positive(self) -> int:
        return self.appreciations + self.bids.toward

    @property
    def negative(self) -> int:
        return self.bids.away + self.bids.against

    @property
    def ratio(self) -> float | None:
        """Positive moments per negative one; None when none was negative."""
        return self.positive / self.negative if self.negative else None


@dataclass(frozen=True)
class BidWeek:
    week_start: date
    moments: Moments


@dataclass(frozen=True)
class BidSummary:
    """The last `len(weeks)` weeks: `since` (a Monday) to `through` (today).

    `answered_by_me` counts the bids my partner made (how I answered them);
    `answered_by_partner` the bids I made.
    """

    since: date
    through: date
    moments: Moments
    answered_by_me: BidCounts
    answered_by_partner: BidCounts
    weeks: tuple[BidWeek, ...]


def bid_summary(
    bids: Iterable[Bid],
    appreciations: Iterable[ByWhom],
    today: date,
    weeks: int = DEFAULT_WEEKS,
) -> BidSummary:
    if isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(f"Give a number of weeks from 1 to {MAX_WEEKS}.")
    since = week_start(today) - timedelta(days=7 * (weeks - 1))
    per_week = [BidCounts() for _ in range(weeks)]
    thanks = [0] * weeks
    by_me, by_partner = BidCounts(), BidCounts()
    for bid in bids:
        if since <= bid.day <= today:
            index = (bid.day - since).days // 7
            per_week[index] = per_week[index].adding(bid.response)
            if bid.by is Person.PARTNER:
                by_me = by_me.adding(bid.response)
            else:
                by_partner = by_partner.adding(bid.response)
    for item in appreciations:
        if since <= item.day <= today:
            thanks[(item.day - since).days // 7] += 1
    week_list = tuple(
        BidWeek(since + timedelta(days=7 * index), Moments(per_week[index], thanks[index]))
        for index in range(weeks)
    )
    total = BidCounts(
        sum(c.toward for c in per_week),
        sum(c.away for c in per_week),
        sum(c.against for c in per_week),
    )
    return BidSummary(
        since=since,
        through=today,
        moments=Moments(total, sum(thanks)),
        answered_by_me=by_me,
        answered_by_partner=by_partner,
        weeks=week_list,
    )


def summary_lines(summary: BidSummary) -> list[str]:
    """The figures in words: counts first, the share and the ratio as plain facts."""
    moments = summary.moments
    bids = moments.bids
    span = "this week" if len(summary.weeks) == 1 else f"in the last {len(summary.weeks)} weeks"
    if not bids.total:
        lines = [f"No bids logged {span}."]
    else:
        lines = [
            f"{span[0].upper()}{span[1:]}: {format_count(bids.total, 'bids')}; "
            f"{bids.toward} turned toward ({round((bids.share_toward or 0) * 100)}%), "
            f"{bids.away} away, {bids.against} against."
        ]
    lines.append(_ratio_line(moments))
    return lines


def _ratio_line(moments: Moments) -> str:
    positive = format_count(moments.positive, "positive moments")
    if moments.ratio is None:
        return f"{positive.capitalize()} (appreciations and turning toward), none negative."
    per = moments.ratio
    shown = f"{per:.1f}".rstrip("0").rstrip(".")
    return (
        f"{positive.capitalize()} and {format_count(moments.negative, 'negative ones')}: "
        f"about {shown} for each negative one."
    )
