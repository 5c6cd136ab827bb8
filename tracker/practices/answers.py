"""The answers a weekly check-in collects, one value type per step, each validated.

`validated()` trims and checks the text like the rest of the model; `is_empty` says that
nothing was written, which the check-in counts as a skipped step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time
from typing import TypeVar

from tracker.errors import ValidationError
from tracker.model import (
    MAX_QUALITY_MINUTES,
    SHORT_TEXT_MAX,
    QualityKind,
    clean_text,
)
from tracker.practices.records import QUALITY_MAX, member

ANSWER_MAX = 2_000
MAX_APPRECIATIONS = 5
MAX_AGREEMENTS = 10
HALT_WORDS = ("hungry", "angry", "lonely", "tired")


def _answer_text(value: str, what: str, max_length: int = ANSWER_MAX) -> str:
    return clean_text(value, what, max_length=max_length, multiline=True)


@dataclass(frozen=True)
class Arrival:
    """How one of us arrives at the check-in: hungry, angry, lonely, tired (HALT)."""

    hungry: bool = False
    angry: bool = False
    lonely: bool = False
    tired: bool = False

    @property
    def named(self) -> tuple[str, ...]:
        """The HALT words answered yes, in HALT order."""
        answers = (self.hungry, self.angry, self.lonely, self.tired)
        return tuple(word for word, yes in zip(HALT_WORDS, answers, strict=True) if yes)


@dataclass(frozen=True)
class Settle:
    """Step 1: how each of us arrives. Answering "no" to everything is an answer too."""

    me: Arrival = Arrival()
    partner: Arrival = Arrival()

    @property
    def any_yes(self) -> bool:
        return bool(self.me.named or self.partner.named)

    @property
    def is_empty(self) -> bool:
        return False

    def validated(self) -> Settle:
        for arrival in (self.me, self.partner):
            if not isinstance(arrival, Arrival):
                raise ValidationError("Say how each of you arrives (hungry, angry, lonely, tired).")
            answers = (arrival.hungry, arrival.angry, arrival.lonely, arrival.tired)
            if not all(isinstance(answer, bool) for answer in answers):
                raise ValidationError("Each of hungry, angry, lonely and tired is a yes or a no.")
        return self


@dataclass(frozen=True)
class CheckInAppreciation:
    """One thing I appreciate in my partner this week, and the quality it shows."""

    text: str
    quality: str = ""

    def validated(self) -> CheckInAppreciation:
        text = clean_text(self.text, "An appreciation", max_length=SHORT_TEXT_MAX, required=True)
        quality = clean_text(self.quality, "The quality", max_length=QUALITY_MAX)
        return replace(self, text=text, quality=quality)


def validated_appreciations(
    items: tuple[CheckInAppreciation, ...],
) -> tuple[CheckInAppreciation, ...]:
    """Up to five appreciations; blank ones (nothing written) are left out."""
    return _kept(
        items,
        CheckInAppreciation,
        lambda item: bool(item.text.strip() or item.quality.strip()),
        MAX_APPRECIATIONS,
        "appreciations",
    )


@dataclass(frozen=True)
class IStatement:
    """Step 5, the usual way: "I feel … about … I need …"."""

    feel: str = ""
    about: str = ""
    need: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.feel.strip() or self.about.strip() or self.need.strip())

    @property
    def sentence(self) -> str:
        """ "I feel hurt about the party. I need time." (a part left blank is left out)."""
        first = f"I feel {self.feel}" if self.feel else ""
        if self.about:
            first = f"{first} about {self.about}" if first else f"It is about {self.about}"
        said = [_full_stop(part) for part in (first, f"I need {self.need}" if self.need else "")]
        return " ".join(part for part in said if part)

    def validated(self) -> IStatement:
        return IStatement(
            feel=_answer_text(self.feel, "What you feel"),
            about=_answer_text(self.about, "What it is about"),
            need=_answer_text(self.need, "What you need"),
        )


@dataclass(frozen=True)
class Aftermath:
    """Step 5, for a regrettable incident: the aftermath steps, in order."""

    felt: str = ""
    saw: str = ""
    touched: str = ""
    my_part: str = ""
    differently: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(part.strip() for part in self.parts)

    @property
    def parts(self) -> tuple[str, str, str, str, str]:
        return (self.felt, self.saw, self.touched, self.my_part, self.differently)

    def validated(self) -> Aftermath:
        return Aftermath(
            felt=_answer_text(self.felt, "What you felt"),
            saw=_answer_text(self.saw, "How you saw it"),
            touched=_answer_text(self.touched, "What it touched"),
            my_part=_answer_text(self.my_part, "Your part in it"),
            differently=_answer_text(self.differently, "What you will do differently"),
        )


AFTERMATH_PROMPTS = (
    "What I felt",
    "How I saw it",
    "What it touched in me",
    "My part in it",
    "One thing I will do differently",
)

Issue = IStatement | Aftermath


def _full_stop(sentence: str) -> str:
    return sentence if not sentence or sentence.endswith((".", "!", "?", "…")) else sentence + "."


@dataclass(frozen=True)
class LovedAsk:
    """Step 6: "What can I do this week to make you feel more loved?", both ways."""

    mine: str = ""
    partners: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.mine.strip() or self.partners.strip())

    def validated(self) -> LovedAsk:
        return LovedAsk(
            mine=_answer_text(self.mine, "Your ask"),
            partners=_answer_text(self.partners, "What your partner asked"),
        )


@dataclass(frozen=True)
class Agreement:
    """Step 7: something we agreed; `promise_id` once it became a promise."""

    text: str
    promise_id: int | None = None

    def validated(self) -> Agreement:
        text = clean_text(self.text, "An agreement", max_length=SHORT_TEXT_MAX, required=True)
        promise_id = self.promise_id
        if promise_id is not None and (
            isinstance(promise_id, bool) or not isinstance(promise_id, int) or promise_id < 1
        ):
            raise ValidationError("An agreement's promise is given by its number.")
        return replace(self, text=text)


def validated_agreements(items: tuple[Agreement, ...]) -> tuple[Agreement, ...]:
    """Up to ten agreements; blank ones (no text, no promise) are left out."""
    return _kept(
        items,
        Agreement,
        lambda item: bool(item.text.strip() or item.promise_id is not None),
        MAX_AGREEMENTS,
        "agreements",
    )


Item = TypeVar("Item", CheckInAppreciation, Agreement)


def _kept(
    items: tuple[Item, ...], kind: type[Item], written: Callable[[Item], bool], most: int, what: str
) -> tuple[Item, ...]:
    """The items with something written in them, validated; at most `most` of them."""
    kept = []
    for item in items:
        if not isinstance(item, kind):
            raise ValidationError(f"That is not a list of {what}.")
        if written(item):
            kept.append(item.validated())
    if len(kept) > most:
        raise ValidationError(f"Up to {most} {what}; this has {len(kept)}.")
    return tuple(kept)


@dataclass(frozen=True)
class ReconnectPlan:
    """Step 8: time together we plan; any part may be left open."""

    text: str = ""
    day: date | None = None
    at: time | None = None
    minutes: int | None = None
    kind: QualityKind | None = None

    @property
    def is_empty(self) -> bool:
        fields = (self.day, self.at, self.minutes, self.kind)
        return not self.text.strip() and all(value is None for value in fields)

    def validated(self) -> ReconnectPlan:
        text = clean_text(self.text, "The plan", max_length=SHORT_TEXT_MAX, multiline=True)
        if self.minutes is not None and (
            isinstance(self.minutes, bool)
            or not isinstance(self.minutes, int)
            or not 1 <= self.minutes <= MAX_QUALITY_MINUTES
        ):
            raise ValidationError("The planned time is between 1 minute and 24 hours.")
        kind = None if self.kind is None else member(QualityKind, self.kind, "a kind of time")
        at = None if self.at is None else self.at.replace(tzinfo=None, second=0, microsecond=0)
        return replace(self, text=text, kind=kind, at=at)
