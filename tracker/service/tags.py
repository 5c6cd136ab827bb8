"""Tags: free words on promises and time together (the love languages offered); filtering a
day or the streaks by one, and a tag's combined figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.model import normalise_tag
from tracker.service.context import Area
from tracker.service.marks import DayView
from tracker.service.streaks import PromiseStanding

if TYPE_CHECKING:
    from tracker.practices.tags import TagFigures


class Tags(Area):
    """What the user tagged, and views narrowed to one tag."""

    def normalise(self, tag: str) -> str:
        """The tag as it is kept ('Quality  Time' -> 'quality time'); refuses bad text."""
        return normalise_tag(tag)

    def in_use(self) -> Counter[str]:
        """How many live promises and time-together entries carry each tag."""
        from tracker.practices.tags import tag_counts

        return tag_counts(self._store.promises(), self._store.quality_entries())

    def suggestions(self, typed: str = "") -> list[str]:
        """Tags to offer: those in use (most used first), then the five love languages."""
        from tracker.practices.tags import tag_suggestions

        return tag_suggestions(self.in_use(), typed)

    def day(self, view: DayView, tag: str) -> DayView:
        """`view` with only the promises carrying `tag` (its summary counts only them)."""
        wanted = normalise_tag(tag)
        rows = tuple(row for row in view.rows if wanted in row.promise.tags)
        return DayView(view.day, view.today, rows)

    def standings(self, rows: Sequence[PromiseStanding], tag: str) -> list[PromiseStanding]:
        wanted = normalise_tag(tag)
        return [row for row in rows if wanted in row.promise.tags]

    def figures(self, tag: str, day: date | None = None) -> TagFigures:
        """The tag's promises taken together, and its time together in the last 30 days,
        as of `day` (default today)."""
        from tracker.practices.tags import tag_figures

        as_of = self._context.today() if day is None else self._context.as_of(day)
        promises = self._store.promises()
        wanted = normalise_tag(tag)
        marks = self._store.all_marks([p.id for p in promises if wanted in p.tags])
        return tag_figures(wanted, promises, marks, self._store.quality_entries(), as_of)
