"""What an operation returns: what was saved, the sentence that says so, and how to take it back.

Both faces show the same sentence (the command line prints it, the app shows it as a
message) and the app keeps the undo for ctrl+z. An undo writes through the store like
any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

# Covariant: a Change[Mark] is a Change[object] to code that only shows it.
Saved = TypeVar("Saved", covariant=True)


@dataclass(frozen=True)
class Undo:
    """How to take one change back: `label` says it in words ("Put the mark back")."""

    label: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Change(Generic[Saved]):
    """One operation's outcome: `saved` is what the store holds now (or what was removed)."""

    saved: Saved
    message: str
    undo: Undo | None = None
