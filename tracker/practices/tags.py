"""Tags on promises and on time together: free words, with the five love languages offered.

A tag is kept normalised (`tracker.model.normalise_tag`: lower case, one space between
words), so "Quality  Time" and "quality time" are one tag, and filtering by either
finds the same things.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from tracker.model import Mark, Promise, QualityTime, normalise_tag
from tracker.parsing import format_count, format_duration
from tracker.practices.combined import CombinedFigures, combined_figures

LOVE_LANGUAGES = (
    "words of affirmation",
    "quality time",
    "receiving gifts",
    "acts of service",
    "physical touch",
)
RECENT_DAYS = 30


class Tagged(Protocol):
    @property
    def tags(self) -> tuple[str, ...]: ...


Item = TypeVar("Item", bound=Tagged)


def with_tag(items: Iterable[Item], tag: str) -> list[Item]:
    """The items carrying `tag` (typed any way: it is normalised first), in their order."""
    wanted = normalise_tag(tag)
    return [item for item in items if wanted in item.tags]


def tag_counts(*groups: Iterable[Tagged]) -> Counter[str]:
    """How many items carry each tag, over all `groups`."""
    return Counter(tag for group in groups for item in group for tag in item.tags)


def tag_suggestions(in_use: Counter[str], typed: str = "") -> list[str]:
    """Tags to offer as someone types: those in use (most used first), then the love
    languages not in use yet; only those starting with (or holding a word starting with)
    what was typed."""
    prefix = " ".join(typed.lower().split()).lstrip("#")
    used = sorted(in_use, key=lambda tag: (-in_use[tag], tag))
    offered = [*used, *(tag for tag in LOVE_LANGUAGES if tag not in in_use)]
    if not prefix:
        return offered
    return [tag for tag in offered if tag.startswith(prefix) or f" {prefix}" in f" {tag}"]


@dataclass(frozen=True)
class TagFigures:
    """A tag's combined figures: its promises together, and its recent time together."""

    tag: str
    figures: CombinedFigures
    quality_minutes: int  # in the last RECENT_DAYS days
    quality_entries: int


def tag_figures(
    tag: str,
    promises: Sequence[Promise],
    marks: Mapping[int, Mapping[date, Mark]],
    quality: Iterable[QualityTime],
    today: date,
) -> TagFigures:
    wanted = normalise_tag(tag)
    since = today - timedelta(days=RECENT_DAYS - 1)
    recent = [entry for entry in with_tag(quality, wanted) if since <= entry.day <= today]
    return TagFigures(
        tag=wanted,
        figures=combined_figures(with_tag(promises, wanted), marks, today, since=since),
        quality_minutes=sum(entry.minutes for entry in recent),
        quality_entries=len(recent),
    )


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def tag_summary(found: TagFigures) -> str:
    """A tag's promises taken together, and its recent time together, in one calm line."""
    combined = found.figures
    count = len(combined.promise_ids)
    time_together = (
        f"{format_duration(found.quality_minutes)} of time together with this tag "
        f"in the last {RECENT_DAYS} days"
    )
    if not count:
        said = time_together if found.quality_entries else "no promise carries it now"
        return f"Tagged '{found.tag}': {said}."
    said = f"Tagged '{found.tag}', {format_count(count, 'promises')} together: "
    if combined.consistency_30 is None:
        said += "nothing judged in the last 30 days yet"
    else:
        said += (
            f"kept {_percent(combined.consistency_30)} of the last 30 days "
            f"(7d {_percent(combined.consistency_7)}, 90d {_percent(combined.consistency_90)})"
        )
    if combined.strength is not None:
        said += f", strength {round(combined.strength)}"
    if found.quality_entries:
        said += f"; {time_together}"
    return said + "."
