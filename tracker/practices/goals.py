"""A shared goal's progress: its promises' combined figures, and the road to its date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.model import Mark, Promise
from tracker.parsing import format_count
from tracker.practices.combined import CombinedFigures, combined_figures
from tracker.practices.records import Goal


@dataclass(frozen=True)
class GoalProgress:
    """Where a goal stands `today`.

    `figures` combine the promises that serve it (`kept`: days kept since it was set);
    `missing_promise_ids` are promises it names that no longer exist. `days_left` is
    None without a date (negative once the date has passed), `time_share` how much of
    the time from setting it to its date has gone by (0 to 1).
    """

    goal: Goal
    figures: CombinedFigures
    missing_promise_ids: tuple[int, ...]
    days_left: int | None
    time_share: float | None


def goal_progress(
    goal: Goal,
    promises: Sequence[Promise],
    marks: Mapping[int, Mapping[date, Mark]],
    today: date,
) -> GoalProgress:
    by_id = {promise.id: promise for promise in promises}
    serving = [by_id[i] for i in goal.promise_ids if i in by_id]
    missing = tuple(i for i in goal.promise_ids if i not in by_id)
    days_left = time_share = None
    if goal.by is not None:
        days_left = (goal.by - today).days
        span = (goal.by - goal.set_on).days
        gone = (min(today, goal.by) - goal.set_on).days
        time_share = 1.0 if span <= 0 else min(1.0, max(0.0, gone / span))
    return GoalProgress(
        goal=goal,
        figures=combined_figures(serving, marks, today, since=goal.set_on),
        missing_promise_ids=missing,
        days_left=days_left,
        time_share=time_share,
    )


def goal_line(progress: GoalProgress) -> str:
    """One calm line: what was kept since the goal was set, the last 30 days, the date."""
    figures = progress.figures
    parts = []
    if not figures.promise_ids:
        parts.append("no promise serves it yet")
    else:
        parts.append(f"{format_count(figures.kept, 'days')} kept since you set it")
        if figures.consistency_30 is not None:
            parts.append(
                f"its promises kept {round(figures.consistency_30 * 100)}% of the last 30 days"
            )
    goal, days_left = progress.goal, progress.days_left
    if goal.reached_on is not None:
        parts.append(f"reached on {goal.reached_on.isoformat()}")
    elif goal.by is not None and days_left is not None:
        if days_left > 0:
            parts.append(f"{format_count(days_left, 'days')} to {goal.by.isoformat()}")
        elif days_left == 0:
            parts.append("its day is today")
        else:
            parts.append(f"its day was {goal.by.isoformat()}; a new date can be set any time")
    said = "; ".join(parts)
    return said[0].upper() + said[1:] + "."
