"""The report's parts for the practices: only once used, words only when asked, never a grade."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from html import unescape

from tracker.formats.data import TrackerData
from tracker.model import Promise
from tracker.practices.answers import Agreement, IStatement, LovedAsk, ReconnectPlan
from tracker.practices.bids import REFERENCE_LINES
from tracker.practices.checkin import CheckIn, Step
from tracker.practices.records import Appreciation, Bid, BidResponse, Person
from tracker.report import render_report
from tracker.report.practices import practice_sections
from tracker.schedule import parse_schedule

TODAY = date(2026, 3, 18)  # a Wednesday
MONDAY = date(2026, 3, 16)
HOSTILE = '<script>alert("x")</script> & [bold]🌙'
DATA = TrackerData(promises=(Promise("Walk together", parse_schedule("daily"), MONDAY, id=4),))


def checkin(held: date, **answers: object) -> CheckIn:
    started = datetime.combine(held, time(19), tzinfo=UTC)
    return CheckIn(
        held_on=held,
        week_of=held - timedelta(days=held.weekday() + 7),
        started=started,
        **answers,  # type: ignore[arg-type]
    ).validated()


def finished(held: date) -> CheckIn:
    started = datetime.combine(held, time(19), tzinfo=UTC)
    return checkin(
        held,
        finished=started + timedelta(minutes=25),
        step=None,
        went_right=HOSTILE,
        issue=IStatement("unheard", "the plans", "to be asked"),
        loved=LovedAsk("a hug", ""),
        agreements=(Agreement("Plan Saturdays together", 4), Agreement(HOSTILE)),
        reconnect=ReconnectPlan("A walk", held + timedelta(days=2), time(18, 30), 45),
    )


def page(include: bool, **records: list) -> str:
    sections = practice_sections(
        DATA,
        checkins=records.get("checkins", []),
        appreciations=records.get("appreciations", []),
        bids=records.get("bids", []),
        today=TODAY,
        weeks=4,
        include_answers=include,
    )
    return render_report(DATA, today=TODAY, weeks=4, sections=sections)


def test_a_practice_never_used_gets_no_part():
    assert (
        practice_sections(DATA, checkins=[], appreciations=[], bids=[], today=TODAY, weeks=4) == []
    )


def test_check_ins_show_dates_and_agreements_and_their_answers_only_on_request():
    old = finished(TODAY - timedelta(weeks=9))  # before the report's weeks
    draft = checkin(TODAY, step=Step.ISSUE)
    records = {"checkins": [finished(MONDAY - timedelta(days=1)), old, draft]}
    private = page(False, **records)
    assert "<h2>Weekly check-ins</h2>" in private
    assert "1 weekly check-in held in these weeks" in private
    assert "1 check-in was begun and not finished." in private
    assert "Plan Saturdays together" in private and "→ promise: Walk together" in private
    assert "their answers stay private" in private
    assert "unheard" not in private and "A walk" not in private
    assert "&lt;script&gt;" in private and "<script>" not in private  # an agreement, escaped
    shown = page(True, **records)
    assert "I feel unheard about the plans. I need to be asked." in shown
    assert "What would make me feel loved" in shown and "A walk · 17 Mar 18:30 (45 min)" in shown
    assert "<script>" not in shown


def test_appreciations_are_counted_by_who_and_their_words_shown_only_on_request():
    thanks = [
        Appreciation(HOSTILE, MONDAY, Person.ME, quality="Patience", id=1),
        Appreciation("You cooked", MONDAY - timedelta(days=8), Person.PARTNER, "patience", id=2),
        Appreciation("Long ago", date(2025, 1, 1), Person.ME, id=3),
    ]
    private = page(False, appreciations=thanks)
    assert "<h2>Appreciations</h2>" in private and "their words stay private" in private
    assert "patience ×2" in private and "You cooked" not in private
    shown = page(True, appreciations=thanks)
    assert "You cooked" in shown and "&lt;script&gt;" in shown and "Long ago" not in shown


def test_bids_are_counted_calmly_with_research_as_context_never_a_grade():
    bids = [
        Bid(BidResponse.TOWARD, MONDAY, Person.PARTNER, id=1),
        Bid(BidResponse.TOWARD, MONDAY - timedelta(days=2), Person.ME, id=2),
        Bid(BidResponse.AWAY, MONDAY - timedelta(days=9), Person.PARTNER, id=3),
    ]
    html = page(False, bids=bids)
    assert "In the last 4 weeks: 3 bids; 2 turned toward (67%), 1 away, 0 against." in html
    assert "For context" in html
    assert all(line in unescape(html) for line in REFERENCE_LINES)
    part = unescape(html.split("<h2>Bids for connection</h2>")[1]).casefold()
    assert not any(word in part for word in ("grade", "score", "fail", "poor", "bad", "should"))
