"""The demo's couple's practices: the last weeks of appreciations and bids, a few boundaries
(one reworded, one retired), two shared goals, two letters, the weekly check-ins of the
Sundays before last, and tags and triggers on the catalogue's promises. Pure: it makes
records from a seeded random source and `today`.

The same voice as the rest of the demo (tracker.demo): "I" keep the tracker, the partner
is "she".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from tracker.model import Promise, QualityKind, Trigger
from tracker.practices.answers import (
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import CheckIn
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    BoundaryRevision,
    Goal,
    Letter,
    Person,
    Record,
    Whose,
)

WEEKS = 10

TAGS = {
    "Phone away at dinner": ("quality time",),
    "Ask about her day and listen without fixing": ("quality time", "listening"),
    "Say thank you for specific things": ("words of affirmation",),
    "Plan a date night": ("quality time",),
    "Walk together after dinner": ("quality time", "physical touch"),
    "Do my share of the housework unasked": ("acts of service",),
    "Cook dinner together": ("acts of service", "quality time"),
    "Write a short note of appreciation": ("words of affirmation",),
    "Hug hello and goodbye": ("physical touch",),
    "Morning coffee together": ("quality time",),
    "Text when I'll be late": ("reliability",),
    "Be home by the time I said": ("reliability",),
    "Call back within the hour": ("reliability",),
}
# Poor communication is left unanswered on purpose: the notes keep touching it, and the
# "what needs care" panel says so, kindly.
TRIGGERS = {
    "Tell the truth about small things too": (Trigger.DISHONESTY,),
    "Share my calendar openly": (Trigger.DISHONESTY, Trigger.BETRAYAL),
    "Keep the money talk transparent": (Trigger.DISHONESTY,),
    "Phone away at dinner": (Trigger.NEGLECT,),
    "Hug hello and goodbye": (Trigger.NEGLECT,),
}

GIVEN = (
    ("You made dinner when I was exhausted", "kindness"),
    ("You told me straight away when the plans changed", "openness"),
    ("You laughed at my terrible joke at breakfast", "warmth"),
    ("You listened to the whole story about work without fixing it", "patience"),
    ("You asked how my mother is doing", "care"),
    ("You gave me the hour alone I asked for", "respect"),
    ("You held my hand on the walk home", "tenderness"),
    ("You said sorry first after the argument", "courage"),
)
RECEIVED = (
    ("She noticed I put my phone away at dinner", ""),
    ("She said she felt safe when I called back so quickly", "reliability"),
    ("She thanked me for doing the dishes without being asked", "thoughtfulness"),
    ("She liked that I told her about the bill before she saw it", "honesty"),
)
BID_NOTES = (
    "showed me a funny video",
    "asked if I wanted tea",
    "sighed about her day",
    "reached for my hand",
    "asked what I thought of the trip",
    "",
    "",
    "",
)

LETTER_TRUST = """Trust, for me, used to be something I assumed. Now I know it is something \
we make, a little every day, out of small things that match what we said.

It means you can ask me where I was and the answer is boring. It means my phone can \
lie face up on the table. It means that when I say I will be home at six, six o'clock \
is not a test I might fail but a promise I keep.

I broke it, and I can't unbreak it with words. So this is not a letter of words \
only: it is a list of things I do, and a place to remember why."""

LETTER_LEARNING = """What I am learning: that "I feel" starts a different conversation \
than "you always". That a hug at the door matters more than I thought. That being \
patient with you means being patient with myself too."""


def tagged_promises(promises: Sequence[Promise]) -> list[Promise]:
    """The catalogue's promises with the tags and triggers a user would give them."""
    return [
        replace(
            promise,
            tags=TAGS.get(promise.title, ()),
            triggers=TRIGGERS.get(promise.title, ()),
        )
        for promise in promises
    ]


def practice_records(rng: random.Random, today: date, promises: Sequence[Promise]) -> list[Record]:
    """The practices of the last weeks, as records to store (numbers 0: not stored yet)."""
    start = today - timedelta(weeks=WEEKS)
    records: list[Record] = []
    records += _appreciations(rng, start, today)
    records += _bids(rng, start, today)
    records += _boundaries(today)
    records += _goals(today, promises)
    records += [
        Letter(title="What trust means to me", body=LETTER_TRUST, written_on=today - timedelta(48)),
        Letter(title="What I am learning", body=LETTER_LEARNING, written_on=today - timedelta(9)),
    ]
    records += _checkins(today, promises)
    return records


def _days(start: date, today: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((today - start).days + 1)]


def _appreciations(rng: random.Random, start: date, today: date) -> list[Appreciation]:
    found = []
    for day in _days(start, today):
        if rng.random() < 0.3:
            text, quality = rng.choice(GIVEN)
            found.append(Appreciation(text=text, day=day, by=Person.ME, quality=quality))
        if rng.random() < 0.12:
            text, quality = rng.choice(RECEIVED)
            found.append(Appreciation(text=text, day=day, by=Person.PARTNER, quality=quality))
    return found


def _bids(rng: random.Random, start: date, today: date) -> list[Bid]:
    found = []
    for day in _days(start, today):
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            # Better over the weeks: turning toward grows from about 70% to about 90%.
            toward = 0.7 + 0.2 * (day - start).days / max(1, (today - start).days)
            roll = rng.random()
            response = (
                BidResponse.TOWARD
                if roll < toward
                else BidResponse.AWAY
                if roll < 0.97
                else BidResponse.AGAINST
            )
            by = Person.PARTNER if rng.random() < 0.7 else Person.ME
            found.append(Bid(response=response, day=day, by=by, note=rng.choice(BID_NOTES)))
    return found


def _boundaries(today: date) -> list[Boundary]:
    return [
        Boundary(
            text="No checking each other's phone without asking",
            agreed_on=today - timedelta(days=300),
            whose=Whose.OURS,
        ),
        Boundary(
            text="An hour to myself after work before we talk about the day",
            agreed_on=today - timedelta(days=210),
            whose=Whose.PARTNER,
            history=(
                BoundaryRevision(
                    "Half an hour to myself after work", Whose.PARTNER, today - timedelta(120)
                ),
            ),
        ),
        Boundary(
            text="Hard conversations before nine, never in bed",
            agreed_on=today - timedelta(days=150),
            whose=Whose.OURS,
        ),
        Boundary(
            text="Text at lunch to say where I am",
            agreed_on=today - timedelta(days=400),
            whose=Whose.MINE,
            retired_on=today - timedelta(days=90),
        ),
    ]


def _goals(today: date, promises: Sequence[Promise]) -> list[Goal]:
    by_title = {promise.title: promise.id for promise in promises if promise.id}

    def ids(*titles: str) -> tuple[int, ...]:
        return tuple(by_title[title] for title in titles if title in by_title)

    return [
        Goal(
            text="Feel safe with each other again",
            set_on=today - timedelta(days=200),
            by=today + timedelta(days=165),
            promise_ids=ids(
                "Tell the truth about small things too",
                "Share my calendar openly",
                "Text when I'll be late",
                "Be home by the time I said",
            ),
        ),
        Goal(
            text="Have fun together again",
            set_on=today - timedelta(days=90),
            promise_ids=ids(
                "Plan a date night", "Walk together after dinner", "Cook dinner together"
            ),
        ),
    ]


# One held check-in per week, oldest first: (what went right, the issue or None, the ask
# both ways, an agreement). The voice of the rest of the demo: "I" keep it, she is "she".
CHECKIN_WEEKS = (
    (
        "We got through the dinner with her parents without a single sharp word.",
        IStatement("anxious", "the late evenings at work", "a text when I'm running late"),
        LovedAsk("Sit with me for coffee before the day starts", "Tell me one thing you liked"),
        "Text before seven when I'll be late",
    ),
    (
        "Saturday morning at the market, phones at home.",
        None,
        LovedAsk("Hold my hand when we walk", "Ask me how the week really was"),
        "Saturdays planned together on Thursday",
    ),
    (
        "She said she felt safe when I called back within the hour.",
        IStatement("left out", "the weekend plans", "to be asked before they are made"),
        LovedAsk("Plan the next date night yourself", "A hug when I come home"),
        "Ask before making weekend plans",
    ),
    (
        "Three evenings of walking after dinner, even in the rain.",
        None,
        LovedAsk("Cook together on Sunday", "Leave me a note now and then"),
        "",
    ),
)


def _checkins(today: date, promises: Sequence[Promise]) -> list[CheckIn]:
    """The check-ins held on the Sundays before last (last week's is still to hold: `c`
    on the demo begins it), each about the week it closed."""
    last_sunday = today - timedelta(days=today.weekday() + 1)
    walk = next((p.id for p in promises if p.title == "Walk together after dinner"), None)
    held: list[CheckIn] = []
    for age, (went_right, issue, loved, agreement) in enumerate(reversed(CHECKIN_WEEKS), 1):
        sunday = last_sunday - timedelta(weeks=age)
        started = datetime.combine(sunday, time(19, 30), tzinfo=UTC)
        if agreement:
            agreements = (Agreement(agreement),)
        else:  # the week an agreement became a promise
            agreements = (Agreement("Walk together after dinner, three times a week", walk),)
        held.append(
            CheckIn(
                held_on=sunday,
                week_of=sunday - timedelta(days=6),
                started=started,
                finished=started + timedelta(minutes=25 + 5 * age),
                step=None,
                settle=Settle(me=Arrival(tired=age == 3), partner=Arrival()),
                appreciations=(CheckInAppreciation(*GIVEN[age]),),
                went_right=went_right,
                issue=issue,
                loved=loved,
                agreements=agreements,
                reconnect=ReconnectPlan(
                    "A walk by the river",
                    sunday + timedelta(days=3),
                    time(18, 30),
                    60,
                    QualityKind.QUIET_MOMENT,
                ),
                created=started,
            ).validated()
        )
    return sorted(held, key=lambda checkin: checkin.held_on)
