"""Appreciations received: what my partner told me and I kept, and what they wrote about me
in their share, once each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from tracker.practices.records import Appreciation, Person


def is_from_their_share(item: Appreciation) -> bool:
    """An appreciation read from the partner's share: theirs to change, not stored here
    (numbered below zero, so that it never takes the number of one of mine)."""
    return item.id < 0


def with_theirs(mine: Sequence[Appreciation], theirs: Iterable[Appreciation]) -> list[Appreciation]:
    """Mine, then what the partner wrote about me in their share, as received (`by`
    PARTNER), unless I kept the same words on the same day already."""
    kept = {(item.day, _words(item.text)) for item in mine if item.by is Person.PARTNER}
    received = [
        item
        for item in theirs
        if item.by is Person.ME and (item.day, _words(item.text)) not in kept
    ]
    return [
        *mine,
        *(replace(item, id=-number, by=Person.PARTNER) for number, item in enumerate(received, 1)),
    ]


def _words(text: str) -> str:
    return " ".join(text.casefold().split())
