"""Hypothesis strategies for the practices' records and the check-in's answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import strategies as st

from tracker.model import MAX_QUALITY_MINUTES, QualityKind
from tracker.practices.answers import (
    Aftermath,
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import Step
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    BoundaryRevision,
    Goal,
    Letter,
    Person,
    Whose,
)
from tracker.practices.week import PromiseWeek, WeekInFacts
from tracker.reminder_rules.kinds import ReminderKind, Snooze

# Text a person may type: letters, marks, symbols, emoji, spaces; no control characters.
_TYPED = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
)


def words(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Clean text as validation keeps it: no leading or trailing space."""
    return (
        st.text(_TYPED, min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda text: len(text) >= min_size)
    )


days = st.dates(date(2000, 1, 1), date(2040, 12, 31))
ids = st.integers(1, 10_000)
moments = st.datetimes(datetime(2020, 1, 1), datetime(2040, 1, 1), timezones=st.just(UTC))
stamps = st.none() | moments

appreciations = st.builds(
    Appreciation,
    text=words(),
    day=days,
    by=st.sampled_from(Person),
    quality=words(0, 20),
    id=ids,
    created=stamps,
    updated=stamps,
)
bids = st.builds(
    Bid,
    response=st.sampled_from(BidResponse),
    day=days,
    by=st.sampled_from(Person),
    note=words(0),
    id=ids,
    created=stamps,
    updated=stamps,
)


@st.composite
def boundaries(draw: st.DrawFn) -> Boundary:
    agreed = draw(days)
    changes = sorted(draw(st.lists(st.integers(0, 400), max_size=3)))
    history = tuple(
        BoundaryRevision(draw(words()), draw(st.sampled_from(Whose)), agreed + timedelta(n))
        for n in changes
    )
    last = history[-1].changed_on if history else agreed
    retired = draw(st.none() | st.integers(0, 400).map(lambda n: last + timedelta(n)))
    return Boundary(
        draw(words()),
        agreed,
        draw(st.sampled_from(Whose)),
        retired,
        history,
        id=draw(ids),
        created=draw(stamps),
        updated=draw(stamps),
    )


@st.composite
def goals(draw: st.DrawFn) -> Goal:
    set_on = draw(days)
    later = st.integers(0, 1000).map(lambda n: set_on + timedelta(n))
    return Goal(
        draw(words()),
        set_on,
        draw(st.none() | later),
        tuple(draw(st.lists(ids, unique=True, max_size=5))),
        draw(st.none() | later),
        id=draw(ids),
        created=draw(stamps),
        updated=draw(stamps),
    )


letters = st.builds(
    Letter,
    title=words(),
    body=words(0, 200),
    written_on=days,
    shared=st.booleans(),
    id=ids,
    created=stamps,
    updated=stamps,
)


@st.composite
def snoozes(draw: st.DrawFn) -> Snooze:
    kind = draw(st.sampled_from(ReminderKind))
    created = draw(moments)
    return Snooze(
        kind=kind,
        day=draw(days),
        until=created + timedelta(minutes=draw(st.integers(1, 24 * 60))),
        created=created,
        promise_id=draw(ids) if kind is ReminderKind.PROMISE else None,
        reminder_key=draw(
            st.sampled_from(["", "checkin:2026-03-10", "promise:7:2026-03-10:20:30"])
        ),
        id=draw(ids),
    )


# --- the check-in's answers ------------------------------------------------------------------

arrivals = st.builds(Arrival, st.booleans(), st.booleans(), st.booleans(), st.booleans())
settles = st.builds(Settle, arrivals, arrivals)
promise_weeks = st.builds(
    PromiseWeek,
    promise_id=ids,
    title=words(),
    kept=st.integers(0, 7),
    asked=st.integers(0, 7),
    excused=st.integers(0, 7),
    weekly_target=st.booleans(),
)
counts = st.integers(0, 10_000)


@st.composite
def week_facts(draw: st.DrawFn) -> WeekInFacts:
    monday = draw(days.map(lambda day: day - timedelta(days=day.weekday())))
    return WeekInFacts(
        monday,
        monday + timedelta(days=draw(st.integers(0, 6))),
        tuple(draw(st.lists(promise_weeks, max_size=4))),
        *(draw(counts) for _ in range(8)),
    )


checkin_appreciations = st.lists(
    st.builds(CheckInAppreciation, words(), words(0, 20)), max_size=5
).map(tuple)
issues = st.builds(IStatement, words(0), words(0), words(0)) | st.builds(
    Aftermath, words(0), words(0), words(0), words(0), words(0)
)
loved = st.builds(LovedAsk, words(0), words(0))
agreements = st.lists(st.builds(Agreement, words(), st.none() | ids), max_size=4).map(tuple)
plans = st.builds(
    ReconnectPlan,
    text=words(0),
    day=st.none() | days,
    at=st.none() | st.times().map(lambda t: time(t.hour, t.minute)),
    minutes=st.none() | st.integers(1, MAX_QUALITY_MINUTES),
    kind=st.none() | st.sampled_from(QualityKind),
)

ANSWERS = {
    Step.SETTLE: settles,
    Step.FACTS: week_facts(),
    Step.APPRECIATIONS: checkin_appreciations,
    Step.WENT_RIGHT: words(0, 100),
    Step.ISSUE: issues,
    Step.LOVED: loved,
    Step.AGREEMENTS: agreements,
    Step.RECONNECT: plans,
}
