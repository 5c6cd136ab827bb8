"""The couple's practices as tables of the main data file: one `RecordKind` per kind.

Each kind names its table, the word for one record in messages, and its document codec
(in `tracker.practices.documents`). The store reads, adds, edits and deletes any of
them the same way (`Store.records`, `add_record`, `update_record`, `delete_record`), so
a new kind of record is one line here plus its codec.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from tracker.practices import documents
from tracker.practices.checkin import CheckIn
from tracker.practices.records import Appreciation, Bid, Boundary, Goal, Letter
from tracker.reminders.snooze import Snooze

if TYPE_CHECKING:
    from dataclasses import Field


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
    to_doc: Callable[[R], dict[str, Any]]
    from_doc: Callable[[int, Mapping[str, Any]], R]


APPRECIATIONS = RecordKind[Appreciation](
    "appreciations", "appreciation", documents.appreciation_to_doc, documents.appreciation_from_doc
)
BIDS = RecordKind[Bid]("bids", "bid", documents.bid_to_doc, documents.bid_from_doc)
BOUNDARIES = RecordKind[Boundary](
    "boundaries", "boundary", documents.boundary_to_doc, documents.boundary_from_doc
)
GOALS = RecordKind[Goal]("goals", "goal", documents.goal_to_doc, documents.goal_from_doc)
LETTERS = RecordKind[Letter](
    "letters", "letter", documents.letter_to_doc, documents.letter_from_doc
)
CHECKINS = RecordKind[CheckIn](
    "checkins", "check-in", documents.checkin_to_doc, documents.checkin_from_doc
)
SNOOZES = RecordKind[Snooze](
    "snoozes", "snooze", documents.snooze_to_doc, documents.snooze_from_doc
)

PRACTICE_KINDS: tuple[RecordKind[Any], ...] = (
    APPRECIATIONS,
    BIDS,
    BOUNDARIES,
    GOALS,
    LETTERS,
    CHECKINS,
    SNOOZES,
)
