"""Bids for connection: log how a moment of reaching out was answered; the weeks, calmly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.practices.records import Bid, Person, refuse_future
from tracker.service.change import Change
from tracker.service.context import Context
from tracker.service.records import RecordArea
from tracker.store.kinds import APPRECIATIONS, BIDS

if TYPE_CHECKING:
    from tracker.practices.bids import BidSummary

# As tracker.practices.bids (which loads when the figures are first asked for) has them.
DEFAULT_WEEKS = 8
MAX_WEEKS = 520


def describe_bid(bid: Bid) -> str:
    """'turned toward (your partner reached out)', in our words only."""
    who = "your partner reached out" if bid.by is Person.PARTNER else "you reached out"
    return f"{bid.response.label.lower()} ({who})"


class Bids(RecordArea[Bid]):
    """Moments one of us reached out, and how the other answered."""

    LIST_HINT = "The Us view (key 6) lists them."

    def __init__(self, context: Context) -> None:
        super().__init__(context, BIDS)

    def newest_first(self) -> list[Bid]:
        return sorted(self.all(), key=lambda bid: (bid.day, bid.id), reverse=True)

    def summary(self, weeks: int = DEFAULT_WEEKS) -> BidSummary:
        """The last `weeks` weeks (this one included): counts, share, ratio, per week."""
        from tracker.practices.bids import bid_summary

        appreciations = self._store.records(APPRECIATIONS)
        return bid_summary(self.all(), appreciations, self._context.today(), weeks)

    def log(self, bid: Bid) -> Change[Bid]:
        refuse_future(bid.day, self._context.today(), "The bid")
        return self._added(bid, lambda saved: f"Logged a bid: {describe_bid(saved)}.")

    def edit(self, original: Bid, edited: Bid) -> Change[Bid]:
        refuse_future(edited.day, self._context.today(), "The bid")
        return self._edited(original, edited, lambda saved: f"Saved bid {saved.id}.")

    def delete(self, bid: Bid) -> Change[Bid]:
        return self._deleted(bid, lambda gone: f"Deleted bid {gone.id}.")
