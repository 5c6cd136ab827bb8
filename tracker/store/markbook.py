"""MarkBook: one promise's marks as a read-only mapping of day to Mark, decoded when looked at.

Years of marks are read on every start, yet the Today view looks at a few weeks of
them. The store checks every document of a marks file when it reads it (so a damaged
file is still refused at once); a Mark object is only built for a day someone asks for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from tracker.model import Mark
from tracker.store.codec import mark_from_doc


class MarkBook(Mapping[date, Mark]):
    """The marks of one promise, from documents already checked by the store.

    `docs` is the marks table as stored (`{"<day ordinal>": {...}}`, canonical keys);
    it is never changed, so a book is a snapshot of the file as it was read.
    """

    __slots__ = ("_docs", "_marks", "_promise_id")

    def __init__(self, promise_id: int, docs: Mapping[str, Any]) -> None:
        self._promise_id = promise_id
        self._docs = docs
        self._marks: dict[date, Mark] = {}

    def __getitem__(self, day: date) -> Mark:
        mark = self._marks.get(day)
        if mark is not None:
            return mark
        # A datetime is a date too, but as a dict key it never equals one.
        if type(day) is not date:
            raise KeyError(day)
        ordinal = day.toordinal()
        doc = self._docs.get(str(ordinal))
        if doc is None:
            raise KeyError(day)
        mark = self._marks[day] = mark_from_doc(self._promise_id, ordinal, doc)
        return mark

    def get(self, day: date, default: Any = None) -> Any:
        # The hot path of every stats walk: one dict lookup when the day was seen before.
        mark = self._marks.get(day)
        if mark is not None:
            return mark
        try:
            return self[day]
        except KeyError:
            return default

    def __contains__(self, day: object) -> bool:
        return type(day) is date and str(day.toordinal()) in self._docs

    def __iter__(self) -> Iterator[date]:
        from_ordinal = date.fromordinal
        return (from_ordinal(int(key)) for key in self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __repr__(self) -> str:
        return f"MarkBook({dict(self.items())!r})"
