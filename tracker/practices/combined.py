"""Several promises' figures taken together: for a shared goal, or for a tag.

Each promise's figures come from `tracker.stats`, exactly as the Streaks view shows
them; together they are the plain average over the promises that have a figure, so each
promise counts the same however often it is due ("its promises were kept, on average,
80% of the last 30 days"). Archived promises are left out: they ask nothing any more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.model import Mark, MarkStatus, Promise
from tracker.stats import PromiseStats, promise_stats


@dataclass(frozen=True)
class CombinedFigures:
    """The promises' figures together; None where none of them has one yet."""

    promise_ids: tuple[int, ...]
    consistency_7: float | None
    consistency_30: float | None
    consistency_90: float | None
    strength: float | None
    kept: int  # days kept (from `since`, when given)


def combined_figures(
    promises: Sequence[Promise],
    marks: Mapping[int, Mapping[date, Mark]],
    today: date,
    *,
    since: date | None = None,
) -> CombinedFigures:
    """The live `promises` taken together, as of `today`; `kept` counts from `since` on."""
    live = [promise for promise in promises if not promise.archived]
    figures = [promise_stats(p, marks.get(p.id, {}), today) for p in live]
    return CombinedFigures(
        promise_ids=tuple(promise.id for promise in live),
        consistency_7=_mean(stats.consistency_7 for stats in figures),
        consistency_30=_mean(stats.consistency_30 for stats in figures),
        consistency_90=_mean(stats.consistency_90 for stats in figures),
        strength=_mean(_scored(stats) for stats in figures),
        kept=sum(_kept_days(marks.get(p.id, {}), since, today) for p in live),
    )


def _scored(stats: PromiseStats) -> float | None:
    """A promise's strength, or None before anything was judged (nothing to average)."""
    judged = stats.consistency_90 is not None or stats.best_streak or stats.strength
    return stats.strength if judged else None


def _mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def _kept_days(marks: Mapping[date, Mark], since: date | None, today: date) -> int:
    return sum(
        1
        for day, mark in marks.items()
        if mark.status is MarkStatus.KEPT and day <= today and (since is None or day >= since)
    )
