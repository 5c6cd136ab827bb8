"""The couple's practices as tables of the main data file: one `RecordKind` per kind.

Each kind names its table, the word for one record in messages, and its document codec
(`<codec>_to_doc` / `<codec>_from_doc` in `tracker.practices.documents`, or in the
module the kind names). The store reads,
adds, edits and deletes any of them the same way (`Store.records`, `add_record`,
`update_record`, `delete_record`), so a new kind of record is one line here plus its
codec. The codecs are imported when a record is first read or written: a data file with
no practices opens without loading them (the app's start-up stays lean).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from dataclasses import Field

    from tracker.model import Acknowledgement
    from tracker.practices.checkin import CheckIn
    from tracker.practices.records import Appreciation, Bid, Boundary, Goal, Letter
    from tracker.reminders.snooze import Snooze


class Storable(Protocol):
    """What every practice record offers the store: a dataclass with a number."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def id(self) -> int: ...

    def validated(self) -> Any: ...


R = TypeVar("R", bound=Storable)


PRACTICE_DOCUMENTS = "tracker.practices.documents"


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    table: str
    what: str  # one record, in messages: "There is no bid number 4."
    codec: str  # its functions in `module`: `<codec>_to_doc`, `<codec>_from_doc`
    module: str = PRACTICE_DOCUMENTS

    def _codec(self) -> ModuleType:
        return importlib.import_module(self.module)

    def to_doc(self, record: R) -> dict[str, Any]:
        doc: dict[str, Any] = getattr(self._codec(), f"{self.codec}_to_doc")(record)
        return doc

    def from_doc(self, doc_id: int, doc: Mapping[str, Any]) -> R:
        record: R = getattr(self._codec(), f"{self.codec}_from_doc")(doc_id, doc)
        return record


APPRECIATIONS: RecordKind[Appreciation] = RecordKind(
    "appreciations", "appreciation", "appreciation"
)
BIDS: RecordKind[Bid] = RecordKind("bids", "bid", "bid")
BOUNDARIES: RecordKind[Boundary] = RecordKind("boundaries", "boundary", "boundary")
GOALS: RecordKind[Goal] = RecordKind("goals", "goal", "goal")
LETTERS: RecordKind[Letter] = RecordKind("letters", "letter", "letter")
CHECKINS: RecordKind[CheckIn] = RecordKind("checkins", "check-in", "checkin")
SNOOZES: RecordKind[Snooze] = RecordKind("snoozes", "snooze", "snooze")
# "I noticed you kept this": what you told your partner you saw (sharing carries them).
ACKNOWLEDGEMENTS: RecordKind[Acknowledgement] = RecordKind(
    "acknowledgements", "acknowledgement", "acknowledgement", "tracker.store.codec"
)

PRACTICE_KINDS: tuple[RecordKind[Any], ...] = (
    APPRECIATIONS,
    BIDS,
    BOUNDARIES,
    GOALS,
    LETTERS,
    CHECKINS,
    SNOOZES,
    ACKNOWLEDGEMENTS,
)
