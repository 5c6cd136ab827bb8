"""Notices "you always / you never" in a note and offers an "I feel ... when ..." rewrite.

Pure functions over text: the note editor calls them as the user types. The rewrite
is an offer, never an automatic change: the user's words stay theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FEELING_BLANK = "…"

# "you always", "you never", "you're always", "you are never", "you always just", with the
# rest of the sentence (up to . ! ? ; or a line end) as what the accusation is about.
_ACCUSATION = re.compile(
    r"\byou(?P<be>'re|’re| are)?\s+(?P<word>always|never|constantly|keep)\b"
    r"(?:\s+(?:even|just|ever))*"
    r"(?P<rest>[^.!?;\n]*)",
    re.IGNORECASE,
)

# First person of the speaker stays as it is ("my texts"); only the trailing
# punctuation and filler words are trimmed from what the accusation is about.
_TRAILING = re.compile(r"[\s,:–—-]+$")


@dataclass(frozen=True)
class Accusation:
    """One "you always/never ..." found in a text, with where it sits."""

    start: int
    end: int
    phrase: str
    rewrite: str


def find_accusations(text: str) -> list[Accusation]:
    """Every "you always / you never ..." in `text`, in order, each with a suggested rewrite."""
    found = []
    for match in _ACCUSATION.finditer(text):
        about = _TRAILING.sub("", match["rest"]).strip()
        found.append(
            Accusation(
                start=match.start(),
                end=match.end(),
                phrase=match.group(0).strip(),
                rewrite=_i_statement(match["word"].lower(), bool(match["be"]), about),
            )
        )
    return found


def suggest_rewrite(text: str) -> str | None:
    """An "I feel ... when ..." sentence for the first accusation in `text`, or None."""
    found = find_accusations(text)
    return found[0].rewrite if found else None


def _i_statement(word: str, with_be: bool, about: str) -> str:
    """'never' + 'listen to me' -> 'I feel … when you don't listen to me.'"""
    if not about:
        return f"I feel {FEELING_BLANK} when this happens, and I would like {FEELING_BLANK}."
    if word == "never":
        when = f"you aren't {about}" if with_be else f"you don't {about}"
    elif word == "keep" and not with_be:
        when = f"you keep {about}"
    else:
        when = f"you're {about}" if with_be else f"you {about}"
    return f"I feel {FEELING_BLANK} when {when}."
