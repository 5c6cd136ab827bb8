"""Bids for connection: counts, the share turned toward and the positive:negative ratio,
per week and over the last weeks, with the research figures as context only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.practices.bids import (
    REFERENCE_LINES,
    BidCounts,
    Moments,
    bid_summary,
    summary_lines,
)
from tracker.practices.records import Appreciation, Bid, BidResponse, Person

TODAY = date(2026, 3, 12)  # a Thursday
THIS_MONDAY = date(2026, 3, 9)
TOWARD, AWAY, AGAINST = BidResponse.TOWARD, BidResponse.AWAY, BidResponse.AGAINST


def bid(response: BidResponse, days_ago: int = 0, by: Person = Person.PARTNER) -> Bid:
    return Bid(response, TODAY - timedelta(days=days_ago), by)


def test_counts_share_and_ratio_over_the_last_weeks():
    bids = [bid(TOWARD), bid(TOWARD, 1), bid(TOWARD, 8, Person.ME), bid(AWAY, 2), bid(AGAINST, 9)]
    thanks = [Appreciation("dinner", TODAY), Appreciation("patience", TODAY, Person.PARTNER)]
    summary = bid_summary(bids, thanks, TODAY, weeks=2)
    assert summary.since == THIS_MONDAY - timedelta(days=7)
    counts = summary.moments.bids
    assert (counts.toward, counts.away, counts.against, counts.total) == (3, 1, 1, 5)
    assert counts.share_toward == pytest.approx(0.6)
    assert (summary.moments.positive, summary.moments.negative) == (5, 2)
    assert summary.moments.ratio == pytest.approx(2.5)
    # My answers to my partner's bids, and theirs to mine.
    assert summary.answered_by_me == BidCounts(2, 1, 1)
    assert summary.answered_by_partner == BidCounts(1, 0, 0)


def test_each_week_has_its_own_moments_for_a_calm_chart():
    bids = [bid(TOWARD), bid(AWAY, 8), bid(TOWARD, 8), bid(TOWARD, 30)]
    summary = bid_summary(bids, [Appreciation("x", TODAY - timedelta(days=7))], TODAY, weeks=3)
    assert [week.week_start for week in summary.weeks] == [
        THIS_MONDAY - timedelta(days=14),
        THIS_MONDAY - timedelta(days=7),
        THIS_MONDAY,
    ]
    assert [week.moments.bids.total for week in summary.weeks] == [0, 2, 1]
    assert [week.moments.appreciations for week in summary.weeks] == [0, 1, 0]
    assert summary.weeks[1].moments.ratio == pytest.approx(2.0)


def test_future_and_old_bids_are_left_out():
    summary = bid_summary([bid(TOWARD, -1), bid(TOWARD, 70)], [], TODAY, weeks=8)
    assert summary.moments.bids.total == 0


def test_without_bids_or_negatives_nothing_is_divided_by_zero():
    empty = bid_summary([], [], TODAY)
    assert empty.moments.bids.share_toward is None
    assert empty.moments.ratio is None
    assert summary_lines(empty) == [
        "No bids logged in the last 8 weeks.",
        "0 positive moments (appreciations and turning toward), none negative.",
    ]


def test_the_lines_are_facts_and_the_research_is_context_not_a_grade():
    summary = bid_summary([bid(TOWARD), bid(TOWARD, 1), bid(AWAY, 2)], [], TODAY, weeks=1)
    assert summary_lines(summary) == [
        "This week: 3 bids; 2 turned toward (67%), 1 away, 0 against.",
        "2 positive moments and 1 negative one: about 2 for each negative one.",
    ]
    context = " ".join(REFERENCE_LINES)
    assert "86%" in context and "five positive moments" in context
    assert "not as a target" in context


@pytest.mark.parametrize("weeks", [0, -1, 521, True])
def test_the_number_of_weeks_is_checked(weeks):
    with pytest.raises(ValidationError, match="number of weeks"):
        bid_summary([], [], TODAY, weeks=weeks)


answers = st.sampled_from(BidResponse)
people = st.sampled_from(Person)


@given(
    bids=st.lists(st.tuples(answers, st.integers(-3, 120), people), max_size=40),
    thanks=st.lists(st.integers(-3, 120), max_size=20),
    weeks=st.integers(1, 16),
)
def test_the_weeks_add_up_to_the_whole_and_the_figures_stay_in_range(bids, thanks, weeks):
    summary = bid_summary(
        [bid(response, ago, by) for response, ago, by in bids],
        [Appreciation("thanks", TODAY - timedelta(days=ago)) for ago in thanks],
        TODAY,
        weeks,
    )
    total = summary.moments
    assert len(summary.weeks) == weeks
    assert sum(w.moments.bids.total for w in summary.weeks) == total.bids.total
    assert sum(w.moments.appreciations for w in summary.weeks) == total.appreciations
    assert summary.answered_by_me.total + summary.answered_by_partner.total == total.bids.total
    in_window = [ago for _, ago, _ in bids if ago >= 0 and TODAY - timedelta(ago) >= summary.since]
    assert total.bids.total == len(in_window)
    if total.bids.share_toward is not None:
        assert 0 <= total.bids.share_toward <= 1
    if total.negative:
        assert total.ratio == total.positive / total.negative
    else:
        assert total.ratio is None


def test_moments_count_appreciations_and_turning_toward_as_positive():
    moments = Moments(BidCounts(toward=4, away=1, against=1), appreciations=6)
    assert (moments.positive, moments.negative, moments.ratio) == (10, 2, 5.0)
