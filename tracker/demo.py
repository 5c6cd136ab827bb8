"""A realistic, reproducible demo history: years of promises, slips, time together and notes.

The same seed and `today` always give the same file, so the demo (and the benchmark
built on it) can be compared run to run. The story it tells follows the method in
DOMAIN.md: a shaky start, a few slumps and setbacks, steady improvement, excused
days for travel and illness, and old hurts gradually let go.

It is one person's tracker, told in one voice: "I" keeps the promises and writes the
notes, and the partner is always "she". Each partner keeps their own tracker, so the
notes are the hurts this person felt, not the partner's.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from tracker.clock import Clock
from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import (
    MINUTES,
    Mark,
    MarkStatus,
    Measure,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
    rescheduled,
)
from tracker.paths import expand_home
from tracker.practices.checkin import CheckIn
from tracker.practices.demo_story import practice_records, tagged_promises
from tracker.schedule import parse_schedule, week_start
from tracker.service import Tracker


@dataclass(frozen=True)
class _Idea:
    """One promise of the catalogue: what it says, how often, and why it matters."""

    title: str
    schedule: str
    why: str = ""
    reminders: tuple[str, ...] = ()
    ease: float = 0.0  # how much easier (+) or harder (-) than average it is to keep
    measure: Measure | None = None  # a measured promise: at least so much a day


_CATALOGUE: tuple[_Idea, ...] = (
    _Idea(
        "Phone away at dinner",
        "daily",
        "Dinner is our time; she notices when I'm half there.",
        ("18:45",),
        0.05,
    ),
    _Idea("Text when I'll be late", "daily", "No more evenings wondering where I am.", (), 0.1),
    _Idea(
        "Ask about her day and listen without fixing",
        "mon,wed,fri",
        "Listening is how she knows I care, not solving.",
        ("19:30",),
    ),
    _Idea("Share my calendar openly", "weekdays", "Nothing hidden, nothing to guess.", (), 0.08),
    _Idea(
        "Weekly check-in: three honest questions",
        "1/week",
        "Our counsellor's ritual: what went well, what hurt, what we need.",
        ("20:00",),
    ),
    _Idea(
        "No raised voices: take a break instead",
        "daily",
        "I want her to feel safe bringing anything up.",
        (),
        -0.05,
    ),
    _Idea(
        "Say thank you for specific things",
        "daily",
        "Small things seen are small things kept.",
        measure=Measure("thank-yous", 3),
    ),
    _Idea("Plan a date night", "1/week", "We used to laugh a lot. I want that back.", ("17:00",)),
    _Idea("Walk together after dinner", "every 2 days", "Side by side is easier to talk."),
    _Idea(
        "Tell the truth about small things too",
        "daily",
        "Trust broke on small lies before the big one.",
        (),
        0.02,
    ),
    _Idea("Call back within the hour", "weekdays", "", (), -0.02),
    _Idea("Cook dinner together", "weekends", "Our best talks happen over a chopping board."),
    _Idea("Write a short note of appreciation", "2/week", "Words she can keep and reread."),
    _Idea(
        "Do my share of the housework unasked", "3/week", "Fairness is part of trust.", (), -0.03
    ),
    _Idea("Counsellor homework", "every 3 days", "The exercises only work if we do them."),
    _Idea("Hug hello and goodbye", "daily", "", (), 0.12),
    _Idea(
        "Say how I feel with an 'I' statement", "3/week", "'I feel ... when ...', not 'you never'."
    ),
    _Idea("Respect her quiet hour", "tue,thu", "Space is something she asked for.", (), 0.05),
    _Idea("Be home by the time I said", "weekdays", "", ("17:30",), -0.04),
    _Idea("Morning coffee together", "weekends", "", (), 0.1, Measure(MINUTES, 20)),
    _Idea("Read a chapter of our couples book", "every 3 days", "", (), -0.06),
    _Idea("Bedtime without screens", "daily", "", ("22:30",), -0.08),
    _Idea("Ask before making plans for both of us", "mon,thu", "Her time is hers too."),
    _Idea("Share one worry honestly", "1/week", "Openness goes both ways."),
    _Idea("Keep the money talk transparent", "sat", "No surprises on the bank statement."),
)

# Promises whose story changes part-way (by catalogue position).
_ARCHIVED = (12, 17)  # put away after a while; their history stays
_ENDS = 14  # the counsellor's programme ends
_RESCHEDULED = 8  # was a daily walk; now every other day, under a new name
_RESCHEDULED_FROM = "Daily walk"

_EXCUSE_REASONS = (
    "travelling for work",
    "flu",
    "visiting my parents",
    "her sister's wedding abroad",
    "conference",
    "back injury",
    "she was away with friends",
    "family emergency",
)

_KEPT_NOTES = (
    "She smiled about it.",
    "Hard today, did it anyway.",
    "She noticed without me saying.",
    "Talked about her sister.",
    "Felt natural for once.",
    "",
)

_QUALITY_MINUTES = {
    QualityKind.CONVERSATION: (20, 90),
    QualityKind.DATE_NIGHT: (120, 240),
    QualityKind.QUIET_MOMENT: (15, 45),
    QualityKind.CLOSENESS: (10, 60),
    QualityKind.OTHER: (30, 120),
}
_QUALITY_WEIGHTS = {
    QualityKind.CONVERSATION: 5,
    QualityKind.DATE_NIGHT: 1,
    QualityKind.QUIET_MOMENT: 3,
    QualityKind.CLOSENESS: 3,
    QualityKind.OTHER: 1,
}
_QUALITY_NOTES = {
    QualityKind.CONVERSATION: (
        "Talked about the trip without phones on the table.",
        "She told me about her week at work; I only asked questions.",
        "Long talk on the balcony about where we want to be in five years.",
        "We talked about her mother. I listened.",
    ),
    QualityKind.DATE_NIGHT: (
        "Dinner at the little Italian place again.",
        "Cinema and a late walk home.",
        "Cooked her favourite recipe together, candles and all.",
        "Concert in the park 🎶",
    ),
    QualityKind.QUIET_MOMENT: (
        "Coffee on the steps in the sun.",
        "Read side by side on the sofa.",
        "Watched the rain together.",
    ),
    QualityKind.CLOSENESS: (
        "Walked to the lake holding hands.",
        "Long hug in the kitchen.",
        "Fell asleep on the sofa together.",
    ),
    QualityKind.OTHER: (
        "Gardening together.",
        "Helped her move the bookshelves; laughed a lot.",
        "Board games with friends, as a team.",
    ),
}

_HURTS = {
    Trigger.DISHONESTY: (
        "She said everything was fine; I heard otherwise from her sister.",
        "Found out she had cancelled our counselling session from the counsellor, not from her.",
        "A 'quick drink' that lasted until midnight.",
    ),
    Trigger.BETRAYAL: (
        "She told her friends what happened before we had agreed what to share.",
        "She shared something I told her in confidence.",
    ),
    Trigger.POOR_COMMUNICATION: (
        "We argued about the trip; plans changed without me.",
        "She went silent for the whole evening instead of talking.",
        "Dinner plans cancelled by a one-word text.",
        "Raised voices about the dishes, again.",
    ),
    Trigger.NEGLECT: (
        "Forgot the appointment I had mentioned three times.",
        "Phone out all through dinner on my birthday.",
        "No call the whole weekend she was away.",
    ),
    Trigger.OTHER: (
        "Her mother's comment at lunch, and she said nothing.",
        "Felt alone at the party.",
    ),
}
_TRIGGER_WEIGHTS = {
    Trigger.DISHONESTY: 3,
    Trigger.BETRAYAL: 1,
    Trigger.POOR_COMMUNICATION: 5,
    Trigger.NEGLECT: 4,
    Trigger.OTHER: 2,
}
_FEELINGS = (
    "I feel invisible when plans change without me.",
    "I feel anxious when I don't know where you are.",
    "I feel hurt when what I share ends up with others.",
    "I feel lonely when the phone gets your attention at dinner.",
    "I feel scared when voices get loud.",
    "I feel unimportant when what I said is forgotten.",
    "I feel tired of guessing when things are left unsaid.",
)


def write_demo(
    path: Path, *, years: int, promises: int, today: date, seed: int, practices: bool = False
) -> str:
    """Write a demo history ending on `today` to a new data file; returns a one-line summary.

    Refuses to touch an existing file: the demo must never overwrite someone's data.
    `practices` adds the couple's practices (tags and triggers on the promises, the last
    weeks' appreciations and bids, boundaries, goals, letters and held check-ins): what
    `tracker --demo` shows. Off by default while the export formats do not carry them yet.
    """
    if years < 1 or promises < 1:
        raise ValidationError("A demo needs at least one year and one promise.")
    target = expand_home(path)
    marks_dir = target.with_name(target.stem + ".marks")
    if target.exists() or marks_dir.exists():
        raise ValidationError(
            f"{target} already exists; the demo never overwrites a file. Pick another --out."
        )
    story = _Story(random.Random(seed), today, _journey_start(today, years))
    evening = _moment(today, time(21, 30))
    # A fixed clock makes the file reproducible; nothing to back up in a new file.
    clock = Clock(zone=UTC, frozen=evening)
    tracker = Tracker.open(target, clock, automatic_backups=False)
    history = tracker.history
    history.replace_settings(
        Settings(weekly_quality_minutes=180, journey_start=story.journey_start)
    )
    made = story.promises(promises)
    stored = history.add_promises(tagged_promises(made) if practices else made)
    marks = [mark for index, promise in enumerate(stored) for mark in story.marks(promise, index)]
    history.add_marks(marks)
    entries = list(story.quality_time())
    notes = list(story.notes())
    history.add_entries([*entries, *notes])
    if practices:
        # Their own random source: the rest of the story stays as it is without them.
        records = practice_records(random.Random(seed + 1), today, stored)
        history.add_practices(r for r in records if not isinstance(r, CheckIn))
        # A held check-in keeps the facts of its week, as the flow does at step 2.
        history.add_practices(
            replace(r, facts=tracker.checkins.week_in_facts(r.week_of))
            for r in records
            if isinstance(r, CheckIn)
        )
    archived = sum(1 for promise in stored if promise.archived)
    return (
        f"{_count(len(stored), 'promise', 'promises')} ({archived} archived), "
        f"{_count(len(marks), 'mark', 'marks')}, "
        f"{_count(len(entries), 'quality-time entry', 'quality-time entries')}, "
        f"{_count(len(notes), 'note', 'notes')}"
    )


def _with_amount(promise: Promise, mark: Mark) -> Mark:
    """A measured promise's mark with an amount that meets its target when kept and falls
    short when missed (from its own random source: the rest of the story stays as it is)."""
    measure = promise.measure
    if measure is None:
        return mark
    rng = random.Random(f"{promise.title} {mark.day.isoformat()}")
    target = measure.target
    if mark.status is MarkStatus.KEPT:
        amount = target + rng.randint(0, int(target))
    else:
        amount = rng.randint(0, max(0, int(target) - 1))
    return replace(mark, amount=float(amount))


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _journey_start(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _moment(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=UTC)


class _Story:
    """The random but reproducible choices behind one demo history."""

    def __init__(self, rng: random.Random, today: date, journey_start: date) -> None:
        self.rng = rng
        self.today = today
        self.journey_start = journey_start
        self.span = max(1, (today - journey_start).days)
        self.excused = self._excused_days()
        self.slumps = self._slumps()

    # -- how the journey goes -------------------------------------------------------

    def progress(self, day: date) -> float:
        """0 at the start of the journey, 1 today."""
        return min(1.0, max(0.0, (day - self.journey_start).days / self.span))

    def chance_kept(self, day: date, ease: float) -> float:
        """Better over time (a shaky 55% to a steady 88%), worse in a slump."""
        chance = 0.55 + 0.33 * self.progress(day) ** 0.7 + ease
        if any(first <= day <= last for first, last in self.slumps):
            chance -= 0.3
        return min(0.97, max(0.1, chance))

    def _excused_days(self) -> dict[date, str]:
        """Runs of travel and illness, about three a year, two to nine days each."""
        days: dict[date, str] = {}
        for _ in range(max(1, round(3 * self.span / 365))):
            first = self.journey_start + timedelta(days=self.rng.randrange(self.span))
            reason = self.rng.choice(_EXCUSE_REASONS)
            for offset in range(self.rng.randint(2, 9)):
                day = first + timedelta(days=offset)
                if day < self.today:
                    days[day] = reason
        return days

    def _slumps(self) -> list[tuple[date, date]]:
        """A few hard stretches of three to six weeks, more of them early on."""
        slumps = []
        for _ in range(max(1, self.span // 500)):
            offset = int(self.span * self.rng.random() ** 1.6)
            first = self.journey_start + timedelta(days=offset)
            slumps.append((first, first + timedelta(weeks=self.rng.randint(3, 6))))
        return slumps

    # -- promises and marks ---------------------------------------------------------

    def promises(self, count: int) -> list[Promise]:
        chosen: list[Promise] = []
        for index in range(count):
            idea = _CATALOGUE[index % len(_CATALOGUE)]
            title = idea.title
            if index >= len(_CATALOGUE):
                title = f"{title} (round {index // len(_CATALOGUE) + 1})"
            # The first few start with the journey; the rest join over its first 80%.
            if index < 4:
                start = self.journey_start
            else:
                start = self.journey_start + timedelta(
                    days=int(self.span * 0.8 * self.rng.random())
                )
            end = None
            if index == _ENDS:
                end = min(self.today - ONE_DAY, start + timedelta(days=min(365, self.span // 2)))
                end = max(start, end)
            elif index in _ARCHIVED:
                # Put away after two thirds of its time: it ran until then.
                end = max(start, start + (self.today - start) * 2 // 3)
            why = idea.why
            if index == _RESCHEDULED:
                why += f" It was '{_RESCHEDULED_FROM}', every day, until we found our pace."
            promise = Promise(
                title=title,
                schedule=parse_schedule("daily" if index == _RESCHEDULED else idea.schedule),
                start=start,
                end=end,
                why=why,
                reminders=tuple(time.fromisoformat(r) for r in idea.reminders),
                archived=index in _ARCHIVED,
                created=_moment(start, time(20, 0)),
                measure=idea.measure,
            )
            if index == _RESCHEDULED:
                # Rescheduled half-way: the daily days before the change keep counting.
                change = start + (self.today - start) // 2
                promise = rescheduled(promise, parse_schedule(idea.schedule), change)
            chosen.append(promise)
        return chosen

    def _last_day(self, promise: Promise) -> date:
        return self.today if promise.end is None else min(self.today, promise.end)

    def marks(self, promise: Promise, index: int) -> list[Mark]:
        """The marks of the `index`-th promise of the catalogue."""
        ease = _CATALOGUE[index % len(_CATALOGUE)].ease
        if promise.schedule.is_weekly_target:
            return list(self._weekly_marks(promise, ease))
        return list(self._day_marks(promise, ease))

    def _due_days(self, promise: Promise) -> Iterator[date]:
        """Due days, each by the schedule in force that day."""
        day, last = promise.start, self._last_day(promise)
        while day <= last:
            schedule, anchor = promise.schedule_on(day)
            if schedule.is_due(anchor, day):
                yield day
            day += ONE_DAY

    def _day_marks(self, promise: Promise, ease: float) -> Iterator[Mark]:
        rng = self.rng
        slipping = False
        for day in self._due_days(promise):
            if day == self.today and rng.random() < 0.5:
                continue  # still open tonight
            if day in self.excused and rng.random() < 0.9:
                yield Mark(promise.id, day, MarkStatus.EXCUSED, reason=self.excused[day])
                continue
            chance = self.chance_kept(day, ease)
            if slipping:
                chance -= 0.35  # one slip makes the next more likely: runs of slips
            if rng.random() < chance:
                slipping = False
                note = rng.choice(_KEPT_NOTES) if rng.random() < 0.04 else ""
                kept = Mark(promise.id, day, MarkStatus.KEPT, note=note)
                yield _with_amount(promise, kept)
            else:
                slipping = True
                # Most slips are simply not checked; some are recorded honestly.
                if rng.random() < 0.35:
                    yield _with_amount(promise, Mark(promise.id, day, MarkStatus.MISSED))

    def _weekly_marks(self, promise: Promise, ease: float) -> Iterator[Mark]:
        rng = self.rng
        target = promise.schedule.count
        last = self._last_day(promise)
        monday = week_start(promise.start)
        while monday <= last:
            days = [
                monday + timedelta(days=offset)
                for offset in range(7)
                if promise.start <= monday + timedelta(days=offset) <= last
            ]
            excused = [day for day in days if day in self.excused]
            chance = self.chance_kept(monday, ease)
            kept = sum(1 for _ in range(target) if rng.random() < chance)
            if rng.random() < 0.15:
                kept += 1  # a good week: more than promised
            free = [day for day in days if day not in excused]
            for day in sorted(rng.sample(free, min(kept, len(free)))):
                yield Mark(promise.id, day, MarkStatus.KEPT)
            for day in excused[:1]:
                yield Mark(promise.id, day, MarkStatus.EXCUSED, reason=self.excused[day])
            monday += timedelta(weeks=1)

    # -- time together and notes ----------------------------------------------------

    def quality_time(self) -> Iterator[QualityTime]:
        """About three entries a week, more and warmer as the journey goes on."""
        rng = self.rng
        kinds = list(_QUALITY_WEIGHTS)
        weights = list(_QUALITY_WEIGHTS.values())
        monday = week_start(self.journey_start)
        while monday <= self.today:
            progress = self.progress(monday)
            count = sum(1 for _ in range(5) if rng.random() < 0.47 + 0.3 * progress)
            for _ in range(count):
                day = monday + timedelta(days=rng.randrange(7))
                if not self.journey_start <= day <= self.today or day in self.excused:
                    continue
                kind = rng.choices(kinds, weights)[0]
                low, high = _QUALITY_MINUTES[kind]
                connection = None
                if rng.random() < 0.85:
                    mood = 2 + 2.5 * progress + rng.uniform(-1.2, 1.2)
                    connection = min(5, max(1, round(mood)))
                note = rng.choice(_QUALITY_NOTES[kind]) if rng.random() < 0.6 else ""
                yield QualityTime(
                    day=day,
                    minutes=rng.randrange(low, high + 1, 5),
                    kind=kind,
                    connection=connection,
                    note=note,
                    created=_moment(day, time(22, 0)),
                )
            monday += timedelta(weeks=1)

    def notes(self) -> Iterator[Note]:
        """About sixty notes a year; older hurts are more often let go."""
        rng = self.rng
        triggers = list(_TRIGGER_WEIGHTS)
        weights = list(_TRIGGER_WEIGHTS.values())
        count = round(60 * self.span / 365)
        days = sorted(
            self.journey_start + timedelta(days=int(self.span * rng.random() ** 1.3))
            for _ in range(count)
        )
        for day in days:
            trigger = rng.choices(triggers, weights)[0]
            what = rng.choice(_HURTS[trigger])
            age = (self.today - day).days
            setback = rng.random() < 0.04
            if setback:
                what = "Setback: " + what + "\nWhat I learned: say it the same day, calmly."
            status = NoteStatus.STILL_HURTS
            let_go_on = None
            roll = rng.random()
            if roll < min(0.9, age / 400):
                status = NoteStatus.LET_GO
                let_go_on = min(self.today, day + timedelta(days=rng.randint(7, 150)))
            elif roll < min(0.95, age / 120):
                status = NoteStatus.WORKING_THROUGH
            created = _moment(day, time(23, 0))
            yield Note(
                day=day,
                what_happened=what,
                trigger=trigger,
                feeling=rng.choice(_FEELINGS),
                status=status,
                let_go_on=let_go_on,
                setback=setback,
                created=created,
                updated=_moment(let_go_on, time(21, 0)) if let_go_on else created,
            )
