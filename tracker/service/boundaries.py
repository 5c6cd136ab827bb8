"""Boundaries: what each of us needs to feel safe; edits keep the earlier wording, a retired
boundary keeps its dates and stays in the history."""

from __future__ import annotations

from tracker.practices.records import (
    Boundary,
    Whose,
    refuse_future,
    retired_boundary,
    revised_boundary,
)
from tracker.service.change import Change
from tracker.service.context import Context
from tracker.service.records import RecordArea
from tracker.store.kinds import BOUNDARIES


class Boundaries(RecordArea[Boundary]):
    """Agreed together, respected, changed only together."""

    LIST_HINT = "`tracker boundary list --all` lists them."

    def __init__(self, context: Context) -> None:
        super().__init__(context, BOUNDARIES)

    def listed(self, include_retired: bool = False) -> list[Boundary]:
        """The boundaries in force (and, asked, the retired ones after them)."""
        boundaries = self.all()
        current = [b for b in boundaries if not b.is_retired]
        if not include_retired:
            return current
        return current + [b for b in boundaries if b.is_retired]

    def add(self, boundary: Boundary) -> Change[Boundary]:
        refuse_future(boundary.agreed_on, self._context.today(), "The boundary")
        return self._added(
            boundary, lambda saved: f"Added boundary {saved.id} ({saved.whose.label.lower()})."
        )

    def edit(self, boundary: Boundary, text: str, whose: Whose) -> Change[Boundary]:
        """Reword it (or say it is someone else's) from today; the earlier wording is kept."""
        revised = revised_boundary(boundary, text, whose, self._context.today())
        if revised == boundary:
            return Change(boundary, f"Boundary {boundary.id} is unchanged.")
        return self._edited(
            boundary,
            revised,
            lambda saved: f"Saved boundary {saved.id}; its earlier wording stays in its history.",
        )

    def retire(self, boundary: Boundary) -> Change[Boundary]:
        """No longer in force from today; it stays in the history with its dates."""
        retired = retired_boundary(boundary, self._context.today())
        return self._edited(
            boundary,
            retired,
            lambda saved: (
                f"Retired boundary {saved.id} on {saved.retired_on}; it stays in the history."
            ),
            "Bring the boundary back",
        )

    def delete(self, boundary: Boundary) -> Change[Boundary]:
        return self._deleted(boundary, lambda gone: f"Deleted boundary {gone.id}.")
