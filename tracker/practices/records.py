"""The small practices' records: appreciations, bids, boundaries, shared goals and letters.

Each is a frozen value with an `id` (0 until stored), `created`/`updated` stamps (set by
whoever stores it) and `validated()`, which trims text and refuses what cannot be kept
faithfully, like the promises and notes of `tracker.model`. `shareable` says whether
partner sharing may carry the record at all (the user still chooses what to share):
everything here may be shared except a letter, which is shared one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise
from typing import TypeVar

from tracker.errors import ValidationError
from tracker.model import SHORT_TEXT_MAX, TITLE_MAX, clean_text
from tracker.records import Layout

QUALITY_MAX = 80
LETTER_MAX = 50_000

Choice = TypeVar("Choice", bound=StrEnum)


def member(kind: type[Choice], value: object, what: str) -> Choice:
    """`value` as a member of the enum `kind` ("toward" -> BidResponse.TOWARD), or a
    ValidationError that lists the choices."""
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    choices = ", ".join(item.value for item in kind)
    shown = str(value)[:40]
    raise ValidationError(f"'{shown}' is not {what}; choose one of: {choices}.")


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every stored practice record carries: its number in its table (0 until stored)
    and when it was created and last changed (set by whoever stores it)."""

    id: int = 0
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def shareable(self) -> bool:
        """Whether partner sharing may carry it (the user still chooses what is shared)."""
        return True


class Person(StrEnum):
    """Who did something: the user of this tracker, or their partner."""

    ME = "me"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return "You" if self is Person.ME else "Your partner"


def refuse_future(day: date, today: date, what: str) -> None:
    """Practices record what happened: a day after `today` is refused."""
    if day > today:
        raise ValidationError(f"{what} is dated {day.isoformat()}, which is still to come.")


@dataclass(frozen=True)
class Appreciation(Record):
    """A small, specific thanks: `by` ME is what I appreciate in my partner, `by` PARTNER
    what my partner told me they appreciate in me. `quality` optionally names what it
    shows ("patience")."""

    text: str
    day: date
    by: Person = Person.ME
    quality: str = ""

    def validated(self) -> Appreciation:
        text = clean_text(self.text, "The appreciation", max_length=SHORT_TEXT_MAX, required=True)
        quality = clean_text(self.quality, "The quality", max_length=QUALITY_MAX)
        return replace(self, text=text, quality=quality, by=member(Person, self.by, "a person"))


class BidResponse(StrEnum):
    """How a bid for connection was answered."""

    TOWARD = "toward"
    AWAY = "away"
    AGAINST = "against"

    @property
    def label(self) -> str:
        return {
            BidResponse.TOWARD: "Turned toward",
            BidResponse.AWAY: "Turned away",
            BidResponse.AGAINST: "Turned against",
        }[self]


@dataclass(frozen=True)
class Bid(Record):
    """A moment one of us reached out (`by`) and how the other answered (`response`).

    By default the partner reached out and the user answered: the answers are what a
    person can change in themselves.
    """

    response: BidResponse
    day: date
    by: Person = Person.PARTNER
    note: str = ""

    def validated(self) -> Bid:
        note = clean_text(self.note, "The note", max_length=SHORT_TEXT_MAX)
        return replace(
            self,
            note=note,
            response=member(BidResponse, self.response, "an answer to a bid"),
            by=member(Person, self.by, "a person"),
        )


class Whose(StrEnum):
    """Whose need a boundary protects."""

    MINE = "mine"
    PARTNER = "partner"
    OURS = "ours"

    @property
    def label(self) -> str:
        return {Whose.MINE: "Mine", Whose.PARTNER: "My partner's", Whose.OURS: "Ours"}[self]


@dataclass(frozen=True)
class BoundaryRevision:
    """What a boundary said before it was changed on `changed_on`."""

    text: str
    whose: Whose
    changed_on: date


@dataclass(frozen=True)
class Boundary(Record):
    """What one of us needs to feel safe, agreed together; changed only together.

    An edit keeps the earlier wording in `history` (oldest first); a retired boundary
    keeps its dates and stays readable.
    """

    text: str
    agreed_on: date
    whose: Whose = Whose.OURS
    retired_on: date | None = None
    history: tuple[BoundaryRevision, ...] = ()

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    def validated(self) -> Boundary:
        text = clean_text(self.text, "The boundary", max_length=SHORT_TEXT_MAX, required=True)
        if self.retired_on is not None and self.retired_on < self.agreed_on:
            raise ValidationError(
                f"A boundary agreed on {self.agreed_on.isoformat()} cannot be retired before, "
                f"on {self.retired_on.isoformat()}."
            )
        history = tuple(
            replace(
                revision,
                text=clean_text(revision.text, "An earlier wording", max_length=SHORT_TEXT_MAX),
                whose=member(Whose, revision.whose, "whose boundary"),
            )
            for revision in self.history
        )
        days = [self.agreed_on, *(revision.changed_on for revision in history)]
        if self.retired_on is not None:
            days.append(self.retired_on)
        if any(later < before for before, later in pairwise(days)):
            raise ValidationError("The boundary's history is out of date order.")
        whose = member(Whose, self.whose, "whose boundary")
        return replace(self, text=text, whose=whose, history=history)


def revised_boundary(boundary: Boundary, text: str, whose: Whose, on: date) -> Boundary:
    """`boundary` reworded (or now someone else's) from `on`; the earlier wording is kept.

    Changing nothing changes nothing; a retired boundary is history and is not edited.
    """
    if boundary.retired_on is not None:
        raise ValidationError(
            f"This boundary was retired on {boundary.retired_on.isoformat()}; "
            "add a new one instead of editing it."
        )
    changed = replace(boundary, text=text, whose=whose).validated()
    if (changed.text, changed.whose) == (boundary.text, boundary.whose):
        return boundary
    last_change = boundary.history[-1].changed_on if boundary.history else boundary.agreed_on
    if on < last_change:
        raise ValidationError(
            f"{on.isoformat()} is before the boundary's last change ({last_change.isoformat()})."
        )
    before = BoundaryRevision(boundary.text, boundary.whose, on)
    return replace(changed, history=(*boundary.history, before))


def retired_boundary(boundary: Boundary, on: date) -> Boundary:
    """`boundary` retired on `on`: it stays in the history with its dates."""
    if boundary.retired_on is not None:
        raise ValidationError(
            f"This boundary was already retired on {boundary.retired_on.isoformat()}."
        )
    return replace(boundary, retired_on=on).validated()


@dataclass(frozen=True)
class Goal(Record):
    """A shared goal that several promises serve, set on `set_on`, hoped for `by` a date."""

    text: str
    set_on: date
    by: date | None = None
    promise_ids: tuple[int, ...] = ()
    reached_on: date | None = None

    def validated(self) -> Goal:
        text = clean_text(self.text, "The goal", max_length=TITLE_MAX, required=True)
        if self.by is not None and self.by < self.set_on:
            raise ValidationError(
                f"The goal's date {self.by.isoformat()} is before the day it was set "
                f"({self.set_on.isoformat()})."
            )
        if self.reached_on is not None and self.reached_on < self.set_on:
            raise ValidationError("A goal cannot be reached before the day it was set.")
        if any(isinstance(i, bool) or not isinstance(i, int) or i < 1 for i in self.promise_ids):
            raise ValidationError("A goal's promises are given by their numbers.")
        return replace(self, text=text, promise_ids=tuple(dict.fromkeys(self.promise_ids)))


@dataclass(frozen=True)
class Letter(Record):
    """Longer writing ("what trust means to me"): a title and a body, no status.

    Never shared unless `shared` is set for this letter on its own.
    """

    title: str
    body: str
    written_on: date
    shared: bool = False

    @property
    def shareable(self) -> bool:
        return self.shared

    def validated(self) -> Letter:
        title = clean_text(self.title, "The title", max_length=TITLE_MAX, required=True)
        body = clean_text(self.body, "The letter", max_length=LETTER_MAX, multiline=True)
        return replace(self, title=title, body=body, shared=bool(self.shared))


# How each is kept in the data file's tables and carried in a share (the same documents).
APPRECIATION = Layout(Appreciation, {"day": "date"})
BID = Layout(Bid, {"day": "date"})
BOUNDARY = Layout(Boundary)
GOAL = Layout(Goal)
LETTER = Layout(Letter, {"written_on": "date"})
