"""The couple's practices added to a data file (the demo has none), for the export, import and
report tests: every practice table gets records, and promises and time together get tags and
triggers. Written through the store, the way the practices' own commands write them."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from tracker.model import Acknowledgement, QualityKind, Trigger
from tracker.practices.answers import (
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import CheckIn, Step
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
from tracker.reminder_rules.kinds import ReminderKind, Snooze
from tracker.schedule import week_start
from tracker.store import Store
from tracker.store.kinds import (
    ACKNOWLEDGEMENTS,
    APPRECIATIONS,
    BIDS,
    BOUNDARIES,
    CHECKINS,
    GOALS,
    LETTERS,
    PRACTICE_KINDS,
    SNOOZES,
)

QUALITIES = ("patience", "kindness", "honesty", "humour", "care")
THANKS = (
    "You listened to the whole story about work without fixing it.",
    "Thank you for making coffee before my early call ☕",
    'You said "take your time" and meant it.',
    "<b>You</b> planned the walk, & it was lovely",
    "You noticed I was tired and took the kids to bed.",
)


def add_practices(path: Path, today: date, *, weeks: int = 10, seed: int = 13) -> dict[str, int]:
    """Appreciations, bids, boundaries, a goal, a letter, weekly check-ins (and a draft) and a
    snooze over the last `weeks` weeks; tags and triggers on promises and time together.
    Returns how many records each table holds."""
    rng = random.Random(seed)
    evening = datetime.combine(today, time(20, 0), tzinfo=UTC)
    store = Store.open(path, now=lambda: evening)
    promises = store.promises()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        moment = datetime.combine(day, time(21, 0), tzinfo=UTC)
        if rng.random() < 0.45:
            store.add_record(
                APPRECIATIONS,
                Appreciation(
                    text=rng.choice(THANKS),
                    day=day,
                    by=rng.choice(list(Person)),
                    quality=rng.choice(("", *QUALITIES)),
                    created=moment,
                ),
            )
        for n in range(rng.choice((0, 1, 1, 2))):
            response = rng.choices(list(BidResponse), weights=(8, 2, 1))[0]
            store.add_record(
                BIDS,
                Bid(
                    response=response,
                    day=day,
                    by=rng.choice(list(Person)),
                    note="over breakfast" if n else "",
                    created=moment + timedelta(minutes=n + 1),
                ),
            )
    store.add_record(
        BOUNDARIES,
        Boundary(
            "No phones in the bedroom",
            first,
            Whose.OURS,
            history=(BoundaryRevision("No phones after ten", Whose.MINE, first + timedelta(14)),),
            created=datetime.combine(first, time(19), tzinfo=UTC),
        ),
    )
    store.add_record(
        BOUNDARIES,
        Boundary(
            "Ask before inviting friends over",
            first,
            Whose.PARTNER,
            retired_on=first + timedelta(30),
            created=datetime.combine(first, time(19, 5), tzinfo=UTC),
        ),
    )
    store.add_record(
        GOALS,
        Goal(
            "Feel at ease at home again",
            first,
            today + timedelta(days=90),
            (promises[0].id, promises[2].id),
            created=datetime.combine(first, time(19, 10), tzinfo=UTC),
        ),
    )
    store.add_record(
        LETTERS,
        Letter(
            "What trust means to me",
            "Trust is the small things.\nThe text when I'm late.",
            first + timedelta(days=3),
            created=datetime.combine(first, time(22), tzinfo=UTC),
        ),
    )
    for week in range(weeks - 1):
        held = first + timedelta(weeks=week + 1, days=6)  # Sundays
        started = datetime.combine(held, time(19, 30), tzinfo=UTC)
        store.add_record(CHECKINS, _checkin(held, started, promises[1].id, rng))
    draft_day = today - timedelta(days=1)
    store.add_record(
        CHECKINS,
        CheckIn(
            held_on=draft_day,
            week_of=week_start(draft_day) - timedelta(weeks=1),
            started=datetime.combine(draft_day, time(19), tzinfo=UTC),
            step=Step.WENT_RIGHT,
            settle=Settle(),
            created=datetime.combine(draft_day, time(19), tzinfo=UTC),
        ),
    )
    store.add_record(
        SNOOZES,
        Snooze(
            ReminderKind.PROMISE,
            today,
            evening + timedelta(hours=1),
            evening,
            promise_id=promises[0].id,
        ),
    )
    # What we noticed of the partner's kept promises (their numbering, not ours).
    store.add_record(
        ACKNOWLEDGEMENTS,
        Acknowledgement(3, today - timedelta(days=1), "Their evening walk", evening, "Saw it"),
    )
    for promise, tags, triggers in (
        (promises[0], ("quality time", "home"), (Trigger.NEGLECT,)),
        (promises[1], ("honesty",), (Trigger.DISHONESTY, Trigger.POOR_COMMUNICATION)),
        (promises[3], ("#Acts of Service",), ()),
    ):
        store.update_promise(replace(promise, tags=tags, triggers=triggers), base=promise)
    for entry in store.quality_entries()[-12:]:
        if entry.kind in (QualityKind.DATE_NIGHT, QualityKind.CONVERSATION):
            store.update_quality(replace(entry, tags=("walk", "no phones")), base=entry)
    return {kind.table: len(store.records(kind)) for kind in PRACTICE_KINDS}


def _checkin(held: date, started: datetime, promise_id: int, rng: random.Random) -> CheckIn:
    linked = rng.random() < 0.5
    return CheckIn(
        held_on=held,
        week_of=week_start(held),
        started=started,
        finished=started + timedelta(minutes=rng.randint(18, 40)),
        step=None,
        settle=Settle(me=Arrival(tired=rng.random() < 0.3), partner=Arrival()),
        appreciations=(CheckInAppreciation("You kept the Sunday walk", "care"),),
        went_right="We laughed at dinner twice.",
        issue=IStatement("left out", "the weekend plans", "to be asked first"),
        loved=LovedAsk("A hug when I come home", "Ask me about my day"),
        agreements=(
            Agreement("Plan Saturdays together on Thursday", promise_id if linked else None),
            Agreement("Phones in the drawer at dinner"),
        ),
        reconnect=ReconnectPlan("Walk by the river", held + timedelta(days=3), time(18, 30), 60),
        created=started,
    ).validated()
