"""Shared goals: a goal groups the promises that serve it and shows their combined figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.practices.records import Goal, refuse_future
from tracker.service.change import Change
from tracker.service.context import Context
from tracker.service.records import RecordArea
from tracker.store.kinds import GOALS

if TYPE_CHECKING:
    from tracker.practices.goals import GoalProgress


class Goals(RecordArea[Goal]):
    """Where we are going together, and the promises that take us there."""

    LIST_HINT = "`tracker goal list` lists them."

    def __init__(self, context: Context) -> None:
        super().__init__(context, GOALS)

    def progress(self, goals: list[Goal] | None = None) -> list[GoalProgress]:
        """Each goal (all by default) with its promises' combined figures as of today."""
        from tracker.practices.goals import goal_progress

        chosen = self.all() if goals is None else goals
        promises = self._store.promises(include_archived=True)
        known = {promise.id for promise in promises}
        wanted = {i for goal in chosen for i in goal.promise_ids if i in known}
        marks = self._store.all_marks(sorted(wanted))
        today = self._context.today()
        return [goal_progress(goal, promises, marks, today) for goal in chosen]

    def _check_promises(self, promise_ids: Iterable[int]) -> None:
        for promise_id in promise_ids:
            self._store.promise(promise_id)  # a number that names no promise is refused

    def add(self, goal: Goal) -> Change[Goal]:
        refuse_future(goal.set_on, self._context.today(), "The goal")
        self._check_promises(goal.promise_ids)
        return self._added(goal, lambda saved: f"Added goal {saved.id}: {saved.text}")

    def edit(self, original: Goal, edited: Goal) -> Change[Goal]:
        # Promises named before and gone since may stay (the goal says they are missing).
        self._check_promises(set(edited.promise_ids) - set(original.promise_ids))
        return self._edited(original, edited, lambda saved: f"Saved goal {saved.id}.")

    def set_reached(self, goal: Goal, reached: bool) -> Change[Goal]:
        """Say the goal is reached (today), or not reached after all."""
        reached_on = (goal.reached_on or self._context.today()) if reached else None
        return self._edited(
            goal,
            replace(goal, reached_on=reached_on),
            lambda saved: (
                f"Goal {saved.id} reached on {saved.reached_on}. Well done, both of you."
                if saved.reached_on
                else f"Goal {saved.id} is open again."
            ),
            "Undo that",
        )

    def delete(self, goal: Goal) -> Change[Goal]:
        return self._deleted(goal, lambda gone: f"Deleted goal {gone.id}. Its promises stay.")
