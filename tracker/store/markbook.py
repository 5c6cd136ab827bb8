"""MarkBook: one promise's marks as a read-only mapping of day to Mark, decoded when looked at.

Years of marks are read on every start, yet the Today view looks at a few weeks of
them. The store checks every document of a marks file when it reads it (so a damaged
file is still refused at once); a Mark object is only built for a day someone asks for.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from datetime import date
from typing import Any

from tracker.model import Mark, MarkStatus
from tracker.store.codec import MARK_STATUSES, mark_from_doc


class MarkBook(Mapping[date, Mark]):
    """The marks of one promise, from documents already checked by the store.

    `docs` is the marks table as stored (`{"<day ordinal>": {...}}`, canonical keys);
    it is never changed, so a book is a snapshot of the file as it was read.
    """

    __slots__ = ("_complete", "_docs", "_marks", "_promise_id")

    def __init__(self, promise_id: int, docs: Mapping[str, Any]) -> None:
        self._promise_id = promise_id
        self._docs = docs
        self._marks: dict[date, Mark] = {}
        self._complete = False  # every document decoded, in `_marks` in file order

    def __getitem__(self, day: date) -> Mark:
        mark = self.get(day)
        if mark is None:
            raise KeyError(day)
        return mark

    def get(self, day: date, default: Any = None) -> Any:
        # The hot path of every stats walk: no exception for the many days without a mark.
        mark = self._marks.get(day)
        if mark is not None:
            return mark
        # A datetime is a date too, but as a dict key it never equals one.
        if self._complete or type(day) is not date:
            return default
        ordinal = day.toordinal()
        doc = self._docs.get(str(ordinal))
        if doc is None:
            return default
        mark = self._marks[day] = mark_from_doc(self._promise_id, ordinal, doc)
        return mark

    def _all(self) -> dict[date, Mark]:
        """Every mark, decoded once (the Streaks view walks whole histories)."""
        if not self._complete:
            from_ordinal, seen, promise_id = date.fromordinal, self._marks, self._promise_id
            marks: dict[date, Mark] = {}
            for key, doc in self._docs.items():
                ordinal = int(key)
                day = from_ordinal(ordinal)
                marks[day] = seen.get(day) or mark_from_doc(promise_id, ordinal, doc)
            self._marks, self._complete = marks, True
        return self._marks

    def statuses_by_ordinal(self) -> dict[int, MarkStatus]:
        """Each marked day's status by day ordinal, without building the marks (whole-history
        stats need no more; the documents were checked when the file was read)."""
        status_of = MARK_STATUSES
        return {int(key): status_of[doc["status"]] for key, doc in self._docs.items()}

    def __contains__(self, day: object) -> bool:
        return type(day) is date and str(day.toordinal()) in self._docs

    def __iter__(self) -> Iterator[date]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._docs)

    def keys(self) -> KeysView[date]:
        return self._all().keys()

    def items(self) -> ItemsView[date, Mark]:
        return self._all().items()

    def values(self) -> ValuesView[Mark]:
        return self._all().values()

    def __repr__(self) -> str:
        return f"MarkBook({self._all()!r})"
