"""The couple's practices as tables of the main data file: one `RecordKind` per kind.

Each kind names its table, the word for one record in messages, and its documents (the
`Layout` declared beside the record, or the check-in's own). The store reads, adds,
edits and deletes any of them the same way (`Store.records`, `add_record`,
`update_record`, `delete_record`), so a new kind of record is one line here. The
check-in's and the snooze's rules load when such a record is first read or written: a
data file with no practices opens without them (the app's start-up stays lean).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from tracker.model import ACKNOWLEDGEMENT_STORED, Acknowledgement
from tracker.records import Codec

if TYPE_CHECKING:
    from dataclasses import Field

    from tracker.practices.checkin import CheckIn
    from tracker.practices.records import Appreciation, Bid, Boundary, Goal, Letter
    from tracker.reminder_rules.kinds import Snooze


class Storable(Protocol):
    """What every practice record offers the store: a dataclass with a number."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def id(self) -> int: ...

    def validated(self) -> Any: ...


R = TypeVar("R", bound=Storable)


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    table: str
    what: str  # one record, in messages: "There is no bid number 4."
    documents: Callable[[], Codec[R]]

    def to_doc(self, record: R) -> dict[str, Any]:
        return self.documents().to_doc(record)

    def from_doc(self, doc_id: int, doc: Mapping[str, Any]) -> R:
        return self.documents().from_doc(doc_id, doc)


def _practices() -> ModuleType:
    """The practices' declarations: imported when such a record is first read or written
    (a check-off needs none of them)."""
    from tracker.practices import records

    return records


def _checkin_documents() -> Codec[CheckIn]:
    from tracker.practices.documents import CHECKIN

    return CHECKIN


def _snooze_documents() -> Codec[Snooze]:
    from tracker.reminder_rules.kinds import SNOOZE

    return SNOOZE


APPRECIATIONS: RecordKind[Appreciation] = RecordKind(
    "appreciations", "appreciation", lambda: _practices().APPRECIATION
)
BIDS: RecordKind[Bid] = RecordKind("bids", "bid", lambda: _practices().BID)
BOUNDARIES: RecordKind[Boundary] = RecordKind(
    "boundaries", "boundary", lambda: _practices().BOUNDARY
)
GOALS: RecordKind[Goal] = RecordKind("goals", "goal", lambda: _practices().GOAL)
LETTERS: RecordKind[Letter] = RecordKind("letters", "letter", lambda: _practices().LETTER)
CHECKINS: RecordKind[CheckIn] = RecordKind("checkins", "check-in", _checkin_documents)
SNOOZES: RecordKind[Snooze] = RecordKind("snoozes", "snooze", _snooze_documents)
# "I noticed you kept this": what you told your partner you saw (sharing carries them).
ACKNOWLEDGEMENTS: RecordKind[Acknowledgement] = RecordKind(
    "acknowledgements", "acknowledgement", lambda: ACKNOWLEDGEMENT_STORED
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
