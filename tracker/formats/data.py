"""A snapshot of everything a user keeps, as model values: what exports read, imports merge into.

The faces never build it by hand: `TrackerData.read(store)` takes it from anything that
answers like `tracker.store.Store` (this module imports no store, so the codecs stay pure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from tracker.model import Mark, Note, Promise, QualityTime, Settings

Marks = Mapping[date, Mark]
ExtraDocs = Mapping[str, Sequence[Mapping[str, Any]]]


class DataSource(Protocol):
    """What `TrackerData.read` needs: the reading half of `tracker.store.Store`."""

    def promises(self, include_archived: bool = False) -> list[Promise]: ...

    def all_marks(self, promise_ids: Any = None) -> Mapping[int, Marks]: ...

    def quality_entries(self) -> list[QualityTime]: ...

    def notes(self) -> list[Note]: ...

    def settings(self) -> Settings: ...


@dataclass(frozen=True)
class TrackerData:
    """Promises (archived ones too), their marks by promise id, quality time, notes, settings.

    `extras` carries the kinds later work adds (check-ins, appreciations, ...), each a
    list of JSON-ready documents, so that an export written by a newer tracker is never
    silently emptied by an older reader.
    """

    promises: tuple[Promise, ...] = ()
    marks: Mapping[int, Marks] = field(default_factory=dict)
    quality: tuple[QualityTime, ...] = ()
    notes: tuple[Note, ...] = ()
    settings: Settings = field(default_factory=Settings)
    extras: ExtraDocs = field(default_factory=dict)

    @classmethod
    def read(cls, source: DataSource) -> TrackerData:
        promises = tuple(source.promises(include_archived=True))
        return cls(
            promises=promises,
            marks=source.all_marks([p.id for p in promises]),
            quality=tuple(source.quality_entries()),
            notes=tuple(source.notes()),
            settings=source.settings(),
        )

    def marks_of(self, promise_id: int) -> Marks:
        return self.marks.get(promise_id, {})

    @property
    def holds_nothing(self) -> bool:
        """True for a new, empty data file (settings aside)."""
        return not (
            self.promises or self.quality or self.notes or any(self.extras.values())
        ) and not any(self.marks.values())


@dataclass(frozen=True)
class ExportScope:
    """What an export covers: `tracker export --promise NAME --since D --until D`.

    Dates narrow marks, quality time, notes and the practices' records (by their day:
    see `record_day`) to the days from `since` to `until` (both included); promises
    themselves are always whole (their schedule history says how the kept days were
    judged). Naming promises narrows to them and their marks; quality time, notes and
    practices belong to no promise, so the faces leave them out then
    (`include_quality`, `include_notes`, `include_practices`).
    """

    promise_ids: frozenset[int] | None = None
    since: date | None = None
    until: date | None = None
    include_quality: bool = True
    include_notes: bool = True
    include_practices: bool = True

    def covers(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    @property
    def is_everything(self) -> bool:
        return self == ExportScope()

    def narrowed(self, data: TrackerData) -> TrackerData:
        """`data` cut to this scope."""
        if self.is_everything:
            return data
        promises = tuple(
            p for p in data.promises if self.promise_ids is None or p.id in self.promise_ids
        )
        marks = {
            p.id: {day: mark for day, mark in data.marks_of(p.id).items() if self.covers(day)}
            for p in promises
        }
        quality = (
            tuple(e for e in data.quality if self.covers(e.day)) if self.include_quality else ()
        )
        notes = tuple(n for n in data.notes if self.covers(n.day)) if self.include_notes else ()
        extras = {
            kind: tuple(doc for doc in docs if self._covers_record(doc))
            for kind, docs in data.extras.items()
            if self.include_practices
        }
        return replace(
            data, promises=promises, marks=marks, quality=quality, notes=notes, extras=extras
        )

    def _covers_record(self, doc: Mapping[str, Any]) -> bool:
        day = record_day(doc)
        return day is None or self.covers(day)


# The fields that date a practice record, in the order they are looked for.
RECORD_DAY_FIELDS = ("date", "held_on", "set_on", "agreed_on")


def record_day(doc: Mapping[str, Any]) -> date | None:
    """The day a practice record's document is about (None if it names none)."""
    for key in RECORD_DAY_FIELDS:
        value = doc.get(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    return None


_EXTENSIONS = {"json": ".json", "csv": "", "ics": ".ics", "report": ".html"}


def suggested_name(kind: str, today: date, *, contains_notes: bool) -> str:
    """The file (or, for CSV, folder) name an export gets when none is given.

    A file holding forgiveness notes says so in its name: ``tracker-export-with-notes-...``.
    """
    if kind not in _EXTENSIONS:
        raise ValueError(f"no export kind {kind!r}")
    stem = {"ics": "tracker-promises", "report": "tracker-report"}.get(kind, "tracker-export")
    notes = "-with-notes" if contains_notes else ""
    return f"{stem}{notes}-{today.isoformat()}{_EXTENSIONS[kind]}"
