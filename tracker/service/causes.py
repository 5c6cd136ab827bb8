"""Root causes: which triggers the notes touched lately, which promises answer each, and
where a promise is still missing (said kindly)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.service.context import Area

if TYPE_CHECKING:
    from tracker.practices.causes import CareReport, TriggerCare

# As tracker.practices.causes.CARE_WINDOW_DAYS, which loads when the report is first asked for.
CARE_WINDOW_DAYS = 90


class Causes(Area):
    """Where the hurt is, and whether some promise is aimed there."""

    def report(self, days: int = CARE_WINDOW_DAYS) -> CareReport:
        """The last `days` days (90 by default) of notes, and the live promises' triggers."""
        from tracker.practices.causes import what_needs_care

        promises = self._store.promises()
        answering = [promise.id for promise in promises if promise.triggers]
        marks = self._store.all_marks(answering)
        return what_needs_care(
            self._store.notes(), promises, marks, self._context.today(), days=days
        )

    @staticmethod
    def suggestion(care: TriggerCare, days: int = CARE_WINDOW_DAYS) -> str:
        """The kind word for a trigger the notes keep touching with no promise answering it."""
        from tracker.practices.causes import care_suggestion

        return care_suggestion(care, days)
