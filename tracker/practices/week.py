"""The week in facts: what the data says about one Monday-to-Sunday week, without judgement.

The check-in's second step shows it and keeps a snapshot of it, so that a check-in read
back a year later shows what was on the table that evening. Counts only, never a grade:

* Promises: for each live promise active that week, how many times it was kept and how
  many times the week asked (its due days so far, or an N/week promise's target). A week
  is judged by `tracker.stats` as the Streaks view judges it; today still open counts as
  asked, days after today do not count.
* Time together against the weekly hope (`Settings.weekly_quality_minutes`).
* Appreciations and acknowledgements given (by me) and received (by my partner).
* Forgiveness notes let go that week (a count: a note's text never appears here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from tracker.amounts import week_amount
from tracker.model import Mark, MarkStatus, Note, Promise, QualityTime, number_words
from tracker.parsing import format_count, format_duration
from tracker.practices.records import Person
from tracker.records import WHEN_SET, Layout
from tracker.schedule import week_start
from tracker.stats import Outcome, units, week_target

WEEK = timedelta(days=7)


class ByWhom(Protocol):
    """Anything dated and done by one of the two (appreciations, acknowledgements)."""

    @property
    def day(self) -> date: ...

    @property
    def by(self) -> Person: ...


@dataclass(frozen=True)
class Acknowledgement:
    """One "I noticed you kept this", given by me or received from my partner.

    Partner sharing keeps the acknowledgements themselves; the week in facts only needs
    when and by whom.
    """

    day: date
    by: Person


@dataclass(frozen=True)
class PromiseWeek:
    """One promise's week: kept `kept` times of the `asked` times it asked something."""

    promise_id: int
    title: str
    kept: int
    asked: int
    excused: int = 0
    weekly_target: bool = False
    # A measured promise's week: its amounts added up against the week's target.
    amount: float | None = field(default=None, metadata=WHEN_SET)
    target: float | None = field(default=None, metadata=WHEN_SET)
    unit: str | None = field(default=None, metadata=WHEN_SET)


@dataclass(frozen=True)
class WeekInFacts:
    """One week in numbers; `through` is its last day counted (today, in the current week)."""

    week_start: date
    through: date
    promises: tuple[PromiseWeek, ...] = ()
    quality_minutes: int = 0
    quality_entries: int = 0
    quality_goal_minutes: int = 0
    appreciations_given: int = 0
    appreciations_received: int = 0
    acknowledgements_given: int = 0
    acknowledgements_received: int = 0
    notes_let_go: int = 0

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def kept(self) -> int:
        return sum(week.kept for week in self.promises)

    @property
    def asked(self) -> int:
        return sum(week.asked for week in self.promises)


# The week in facts as a check-in keeps it (and a share carries it), field by field.
WEEK_IN_FACTS = Layout(WeekInFacts, leave_out=frozenset())


# A check-in held from Monday to this day of the week looks back on the week just ended:
# the new week has hardly begun (Monday 0 ... Wednesday 2).
LAST_DAY_FOR_THE_WEEK_BEFORE = 2


def week_looked_back_on(held_on: date) -> date:
    """The Monday of the week a check-in held on `held_on` looks back on.

    From Thursday to Sunday, the current week; from Monday to Wednesday, the week just
    ended: the new one has hardly begun, and the last one is still fresh.
    """
    monday = week_start(held_on)
    return monday - WEEK if held_on.weekday() <= LAST_DAY_FOR_THE_WEEK_BEFORE else monday


def week_in_facts(
    promises: Sequence[Promise],
    marks: Mapping[int, Mapping[date, Mark]],
    quality: Iterable[QualityTime],
    appreciations: Iterable[ByWhom],
    acknowledgements: Iterable[ByWhom],
    notes: Iterable[Note],
    week_of: date,
    today: date,
    *,
    weekly_goal_minutes: int = 0,
) -> WeekInFacts:
    """The facts of the Monday-to-Sunday week holding `week_of`, as they stand `today`."""
    monday = week_start(week_of)
    sunday = monday + timedelta(days=6)
    through = min(sunday, today)
    times = [entry for entry in quality if monday <= entry.day <= sunday]
    given, received = _by_whom(appreciations, monday, through)
    acknowledged, acknowledged_me = _by_whom(acknowledgements, monday, through)
    return WeekInFacts(
        week_start=monday,
        through=through,
        promises=tuple(
            _promise_week(promise, marks.get(promise.id, {}), monday, through, today)
            for promise in promises
            if _judged_in(promise, monday, through)
        ),
        quality_minutes=sum(entry.minutes for entry in times),
        quality_entries=len(times),
        quality_goal_minutes=max(0, weekly_goal_minutes),
        appreciations_given=given,
        appreciations_received=received,
        acknowledgements_given=acknowledged,
        acknowledgements_received=acknowledged_me,
        notes_let_go=sum(
            1
            for note in notes
            if note.let_go_on is not None and monday <= note.let_go_on <= through
        ),
    )


def _by_whom(items: Iterable[ByWhom], first: date, last: date) -> tuple[int, int]:
    """(by me, by my partner) among `items` dated from `first` to `last`."""
    mine = theirs = 0
    for item in items:
        if first <= item.day <= last:
            if item.by is Person.ME:
                mine += 1
            else:
                theirs += 1
    return mine, theirs


def _judged_in(promise: Promise, monday: date, through: date) -> bool:
    if promise.archived or through < monday:
        return False
    return promise.start <= through and (promise.end is None or promise.end >= monday)


def _promise_week(
    promise: Promise, marks: Mapping[date, Mark], monday: date, through: date, today: date
) -> PromiseWeek:
    """Judged by the schedule in force on the week's last counted day; a measured
    promise's amounts added up against the week's target."""
    week = _kept_week(promise, marks, monday, through, today)
    found = week_amount(promise.as_of(today), marks, monday, through)
    if found is None:
        return week
    return replace(week, amount=found.total, target=found.target, unit=found.unit)


def _kept_week(
    promise: Promise, marks: Mapping[date, Mark], monday: date, through: date, today: date
) -> PromiseWeek:
    schedule, _anchor = promise.as_of(today).schedule_on(through)
    excused = sum(
        1
        for day, mark in marks.items()
        if monday <= day <= through and mark.status is MarkStatus.EXCUSED
    )
    if schedule.is_weekly_target:
        kept, target = week_target(promise, through, marks, today)
        # An excused day lowers the target, but a day kept anyway was still asked: never
        # "kept 1 time of 0".
        asked = max(target, min(kept, schedule.count))
        return PromiseWeek(promise.id, promise.title, kept, asked, excused, weekly_target=True)
    judged = [unit for unit in units(promise, marks, today, since=monday) if unit.start <= through]
    kept = sum(1 for unit in judged if unit.outcome is Outcome.KEPT)
    asked = sum(1 for unit in judged if unit.outcome is not Outcome.EXCUSED)
    return PromiseWeek(promise.id, promise.title, kept, asked, excused)


# --- the words -------------------------------------------------------------------------------


def promise_week_line(week: PromiseWeek) -> str:
    """'kept 5 of 6 days', 'kept 2 times of 3 this week', 'nothing asked this week'; a
    measured promise's amounts after it ('kept 5 of 7 days · 52 of 70 min'; an N/week
    one's week is met or not as a whole: 'not reached this week · 3 of 5 thanks')."""
    line = _kept_line(week)
    if week.amount is None or week.target is None:
        return line
    return f"{line} · {number_words(week.amount)} of {number_words(week.target)} {week.unit}"


def _kept_line(week: PromiseWeek) -> str:
    if week.asked == 0 and week.kept == 0:
        return "nothing asked this week" if not week.excused else "excused this week"
    if week.weekly_target and week.amount is not None:  # the week's amounts, met or not
        return "kept this week" if week.kept else "not reached this week"
    if week.weekly_target:
        return f"kept {format_count(week.kept, 'times')} of {week.asked} this week"
    return f"kept {week.kept} of {format_count(week.asked, 'days')}"


def fact_lines(facts: WeekInFacts) -> list[str]:
    """The week in a few calm sentences (the promises one by one are the face's to list)."""
    lines = []
    if facts.promises:
        lines.append(
            f"Promises: kept {facts.kept} of the {format_count(facts.asked, 'times')} "
            "they asked something of you."
            if facts.asked
            else "Promises: nothing was asked of them this week."
        )
    lines.append(_time_line(facts))
    lines.append(
        "Appreciations: "
        f"{facts.appreciations_given} given, {facts.appreciations_received} received."
    )
    if facts.acknowledgements_given or facts.acknowledgements_received:
        lines.append(
            "Acknowledgements: "
            f"{facts.acknowledgements_given} given, {facts.acknowledgements_received} received."
        )
    if facts.notes_let_go:
        lines.append(f"Let go: {format_count(facts.notes_let_go, 'notes')}.")
    return lines


def _time_line(facts: WeekInFacts) -> str:
    spent, goal = facts.quality_minutes, facts.quality_goal_minutes
    together = f"Time together: {format_duration(spent) if spent else 'none logged'}"
    if goal <= 0:
        return together + "."
    if 0 < spent < goal:
        return together + f" of the {format_duration(goal)} you hoped for."
    return together + f"; you hoped for {format_duration(goal)}."
