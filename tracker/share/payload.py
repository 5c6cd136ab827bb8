"""What a share says: the parts the sharer chose, as versioned sections, compressed before sealing.

The body of an envelope is zlib-compressed JSON:

    {"v": 1, "kind": "share" | "stopped",
     "writer": {"name", "zone", "day_starts_at", "today", "written_at"},
     "parts": {"promises": {"v": 1, "items": [...]}, "time": {...},
               "acknowledgements": {...}, "notes": {...},
               "appreciations": {...}, "bids": {...}, "boundaries": {...},
               "goals": {...}, "checkins": {...}, "letters": {...}}}

A reader takes the parts it knows, skips a part it does not know (a later tracker may
add more) and reports a known part written in a newer form, without losing the rest.
The records travel in the documents declared beside them (`tracker.records.Layout`):
the practices as the store keeps them, acknowledgements and notes in their shared
layouts; and only what may be shared at all: a check-in once finished, a letter shared
by hand. Only what the sharer chose is in `parts`; a part left out means "not shared",
not "nothing there".

Marks travel as one letter per day from a promise's first marked day ('k' kept, 'm'
missed, 'x' excused, '-' no mark): five years of a daily promise is 1,826 letters that
zlib folds to a few hundred bytes. A measured promise also carries its `measure`
({"unit", "target", "kind"}), `earlier_measures` (one per `earlier` schedule, null for
yes/no) when it had other measures, and `amounts` ([date, number] for each day with one).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import msgspec

from tracker.amounts import is_measured
from tracker.errors import ValidationError
from tracker.model import (
    ACKNOWLEDGEMENT_SHARED,
    MAX_QUALITY_MINUTES,
    NOTE_SHARED,
    Acknowledgement,
    Mark,
    MarkStatus,
    Measure,
    Note,
    Promise,
    QualityKind,
    QualityTime,
    SchedulePeriod,
    Settings,
    clean_amount,
    clean_text,
)
from tracker.practices.records import Person
from tracker.records import BadDocument, Codec, Layout, plain
from tracker.schedule import parse_schedule
from tracker.share.problems import Problem, ShareRefused

if TYPE_CHECKING:
    from tracker.practices.checkin import CheckIn
    from tracker.practices.records import Appreciation, Bid, Boundary, Goal, Letter

PAYLOAD_VERSION = 1
PART_VERSION = 1
MAX_PAYLOAD_BYTES = 32 * 1024 * 1024  # decompressed; a five-year share is about 1 MB
ACKNOWLEDGEMENTS_KEPT_DAYS = 400
COMPRESSION_LEVEL = 6  # level 9 saves 3% of a five-year share and takes 6 times as long
NAME_MAX = 40

PROMISES, TIME, ACKNOWLEDGEMENTS, NOTES = "promises", "time", "acknowledgements", "notes"
# The couple's practices: each part is named as its `share set` choice and its field.
APPRECIATIONS, BIDS, BOUNDARIES, GOALS = "appreciations", "bids", "boundaries", "goals"
CHECKINS, LETTERS = "checkins", "letters"
PRACTICE_PARTS = (APPRECIATIONS, BIDS, BOUNDARIES, GOALS, CHECKINS, LETTERS)
KNOWN_PARTS = (PROMISES, TIME, ACKNOWLEDGEMENTS, NOTES, *PRACTICE_PARTS)

# A measured promise's measure in a share (absent: yes/no).
MEASURE_SHARED = Layout(Measure)
_LETTER_OF = {MarkStatus.KEPT: "k", MarkStatus.MISSED: "m", MarkStatus.EXCUSED: "x"}
_STATUS_OF = {letter: status for status, letter in _LETTER_OF.items()}
NO_MARK = "-"


# -- the sharer's choices ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShareChoices:
    """What the partner may see. Forgiveness notes only one by one (`shared_notes`)."""

    promises: bool = True  # promises, their schedules and marks (streaks follow from them)
    reasons: bool = False  # each promise's "why it matters"
    time: bool = True  # quality time: date, duration, kind
    time_notes: bool = False  # the note text of quality time
    acknowledgements: bool = True  # "I noticed you kept ..."
    appreciations: bool = True  # what you appreciate in them
    bids: bool = False  # your log of bids for connection and how they were answered
    boundaries: bool = True  # the boundaries you agreed, with their history
    goals: bool = True  # your shared goals and the promises that serve them
    checkins: bool = True  # weekly check-ins once finished (a draft never)
    private_promises: frozenset[int] = frozenset()  # promises never shared
    shared_notes: frozenset[int] = frozenset()  # forgiveness notes shared by hand

    def with_choice(self, name: str, on: bool) -> ShareChoices:
        """The choices with one switched on or off, by the name `tracker share set` takes."""
        attribute = CHOICE_NAMES.get(name.strip().lower().replace("_", "-"))
        if attribute is None:
            names = ", ".join(CHOICE_NAMES)
            raise ValidationError(
                f"'{name[:40]}' is not something you can share. Choices: {names}."
            )
        changes: dict[str, Any] = {attribute: on}
        return replace(self, **changes)

    def with_promise(self, promise_id: int, shared: bool) -> ShareChoices:
        hidden = (
            self.private_promises - {promise_id} if shared else self.private_promises | {promise_id}
        )
        return replace(self, private_promises=frozenset(hidden))

    def with_note(self, note_id: int, shared: bool) -> ShareChoices:
        notes = self.shared_notes | {note_id} if shared else self.shared_notes - {note_id}
        return replace(self, shared_notes=frozenset(notes))

    def in_words(self, letters: int = 0) -> list[str]:
        """What the partner can see, one line each, for `share status` and the app
        (`letters`: how many letters you share, each chosen by hand)."""
        lines = []
        if self.promises:
            hidden = len(self.private_promises)
            kept_back = f" (except {hidden} you keep private)" if hidden else ""
            lines.append(f"your promises, their schedules, marks and streaks{kept_back}")
            if self.reasons:
                lines.append("why each promise matters to you")
        if self.time:
            notes = " and its notes" if self.time_notes else " (not its notes)"
            lines.append(f"your time together: dates, durations and kinds{notes}")
        if self.acknowledgements:
            lines.append("the kept promises of theirs you noticed, with your messages")
        lines += [words for flag, words in self._practice_words() if flag]
        if self.shared_notes:
            count = len(self.shared_notes)
            lines.append(f"{count} forgiveness note{'s' if count != 1 else ''} you chose to share")
        if letters:
            lines.append(f"{letters} letter{'s' if letters != 1 else ''} you chose to share")
        return lines or ["nothing but your name and that your tracker is running"]

    def _practice_words(self) -> list[tuple[bool, str]]:
        return [
            (self.appreciations, "the appreciations you wrote about them"),
            (self.bids, "your log of bids for connection and how each was answered"),
            (self.boundaries, "your boundaries, with their earlier wordings"),
            (self.goals, "your shared goals and the promises that serve them"),
            (self.checkins, "your weekly check-ins once finished (never a draft)"),
        ]

    def to_doc(self) -> dict[str, Any]:
        return {
            **{name: getattr(self, name) for name in _FLAGS},
            "private_promises": sorted(self.private_promises),
            "shared_notes": sorted(self.shared_notes),
        }

    @classmethod
    def from_doc(cls, doc: Any) -> ShareChoices:
        if not isinstance(doc, dict):
            raise ValueError("the choices are not a record")
        flags: dict[str, Any] = {}
        for name in _FLAGS:
            value = doc.get(name, getattr(cls(), name))
            if not isinstance(value, bool):
                raise ValueError(f"the choice {name!r} is not on or off")
            flags[name] = value
        ids: dict[str, Any] = {}
        for name in ("private_promises", "shared_notes"):
            values = doc.get(name, [])
            if not isinstance(values, list) or not all(_is_int(v) for v in values):
                raise ValueError(f"the choice {name!r} is not a list of numbers")
            ids[name] = frozenset(values)
        return cls(**flags, **ids)


# The on/off choices, by the names `tracker share set` takes.
CHOICE_NAMES = {
    "promises": "promises",
    "reasons": "reasons",
    "time": "time",
    "time-notes": "time_notes",
    "acknowledgements": "acknowledgements",
    "appreciations": "appreciations",
    "bids": "bids",
    "boundaries": "boundaries",
    "goals": "goals",
    "checkins": "checkins",
}
_FLAGS = tuple(CHOICE_NAMES.values())


# -- the values a share carries ---------------------------------------------------------------


@dataclass(frozen=True)
class ShareSource:
    """What the sharer's tracker hands over; the choices decide what of it is shared."""

    promises: Sequence[Promise]
    marks: Mapping[int, Mapping[date, Mark]]
    quality: Sequence[QualityTime]
    notes: Sequence[Note]
    settings: Settings
    zone: str | None  # IANA name (`zones.local_zone_name()`)
    today: date
    now: datetime  # aware
    acknowledgements: Sequence[Acknowledgement] = ()  # the ones you gave
    # The couple's practices (each part takes only what may be shared of them).
    appreciations: Sequence[Appreciation] = ()
    bids: Sequence[Bid] = ()
    boundaries: Sequence[Boundary] = ()
    goals: Sequence[Goal] = ()
    checkins: Sequence[CheckIn] = ()
    letters: Sequence[Letter] = ()

    def __post_init__(self) -> None:
        if self.now.tzinfo is None or self.now.utcoffset() is None:
            raise ValueError("a share is written at an aware moment (with its UTC offset)")


@dataclass(frozen=True)
class Writer:
    """Who wrote a share, where they live and what day it was for them."""

    name: str
    zone: str | None
    day_starts_at: time
    today: date
    written_at: datetime


@dataclass(frozen=True)
class SharedData:
    """A partner's share, decoded: model values and what they chose to show."""

    writer: Writer
    stopped: bool = False
    parts: frozenset[str] = frozenset()
    promises: tuple[Promise, ...] = ()
    marks: Mapping[int, Mapping[date, Mark]] = field(default_factory=dict)
    quality: tuple[QualityTime, ...] = ()
    weekly_quality_minutes: int | None = None
    acknowledgements: tuple[Acknowledgement, ...] = ()
    notes: tuple[Note, ...] = ()
    appreciations: tuple[Appreciation, ...] = ()
    bids: tuple[Bid, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    goals: tuple[Goal, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    letters: tuple[Letter, ...] = ()
    newer_parts: tuple[str, ...] = ()

    def marks_of(self, promise_id: int) -> Mapping[date, Mark]:
        return self.marks.get(promise_id, {})


class DayMarks(Mapping[date, Mark]):
    """One promise's shared marks: a letter per day from `first`; a Mark is made when asked."""

    __slots__ = ("_amounts", "_days", "_first", "_promise_id")

    def __init__(
        self, promise_id: int, first: date, days: str, amounts: Mapping[date, float] | None = None
    ) -> None:
        self._promise_id = promise_id
        self._first = first.toordinal()
        self._days = days
        self._amounts = amounts or {}

    def get(self, day: date, default: Any = None) -> Any:
        if type(day) is not date:
            return default
        index = day.toordinal() - self._first
        if not 0 <= index < len(self._days):
            return default
        status = _STATUS_OF.get(self._days[index])
        if status is None:
            return default
        return Mark(self._promise_id, day, status, amount=self._amounts.get(day))

    def __getitem__(self, day: date) -> Mark:
        mark = self.get(day)
        if mark is None:
            raise KeyError(day)
        return mark

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.get(day) is not None

    def statuses_by_ordinal(self) -> dict[int, MarkStatus]:
        """Each marked day's status by ordinal (what whole-history stats need; see stats.py)."""
        first, status_of = self._first, _STATUS_OF
        return {
            first + index: status_of[letter]
            for index, letter in enumerate(self._days)
            if letter != NO_MARK
        }

    def __iter__(self) -> Iterator[date]:
        from_ordinal = date.fromordinal
        return (from_ordinal(ordinal) for ordinal in self.statuses_by_ordinal())

    def __len__(self) -> int:
        return len(self._days) - self._days.count(NO_MARK)


# -- building a share -------------------------------------------------------------------------


def build_share(
    source: ShareSource,
    choices: ShareChoices,
    *,
    name: str,
) -> dict[str, Any]:
    """The document of a share: only the parts `choices` allow, nothing else of `source`."""
    parts: dict[str, Any] = {}
    if choices.promises:
        shared = [
            promise
            for promise in source.promises
            if not promise.archived and promise.id not in choices.private_promises
        ]
        parts[PROMISES] = _part(
            [_promise_item(p, source.marks.get(p.id, {}), choices.reasons) for p in shared]
        )
    if choices.time:
        parts[TIME] = _part(
            [_quality_item(entry, choices.time_notes) for entry in source.quality],
            weekly_minutes=source.settings.weekly_quality_minutes,
        )
    if choices.acknowledgements:
        since = source.today - timedelta(days=ACKNOWLEDGEMENTS_KEPT_DAYS)
        parts[ACKNOWLEDGEMENTS] = _part(
            [ACKNOWLEDGEMENT_SHARED.to_doc(a) for a in source.acknowledgements if a.day >= since]
        )
    if choices.shared_notes:
        parts[NOTES] = _part(
            [NOTE_SHARED.to_doc(note) for note in source.notes if note.id in choices.shared_notes]
        )
    parts.update(_practice_parts(source, choices))
    writer = Writer(name, source.zone, source.settings.day_starts_at, source.today, source.now)
    return _document("share", writer, parts)


def stopped_share(*, name: str, now: datetime) -> dict[str, Any]:
    """The last share of one who stops sharing: their name, when, and that they stopped."""
    writer = Writer(name, None, time(0, 0), now.date(), now)
    return _document("stopped", writer, {})


def _document(kind: str, writer: Writer, parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "v": PAYLOAD_VERSION,
        "kind": kind,
        "writer": {
            "name": writer.name,
            "zone": writer.zone,
            "day_starts_at": writer.day_starts_at.strftime("%H:%M"),
            "today": writer.today.isoformat(),
            "written_at": writer.written_at.isoformat(),
        },
        "parts": parts,
    }


def _part(items: list[Any], **extra: Any) -> dict[str, Any]:
    return {"v": PART_VERSION, **extra, "items": items}


def _promise_item(
    promise: Promise, marks: Mapping[date, Mark], with_reason: bool
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": promise.id,
        "title": promise.title,
        "schedule": promise.schedule.spec,
        "start": promise.start.isoformat(),
        "end": None if promise.end is None else promise.end.isoformat(),
        "earlier": [[period.schedule.spec, period.end.isoformat()] for period in promise.earlier],
    }
    if with_reason and promise.why:
        item["why"] = promise.why
    if promise.asked_from > promise.start:
        # Optional (older readers skip it): the days before it are to fill in, not missed,
        # on the partner's side too.
        item["asked_from"] = promise.asked_from.isoformat()
    first, days = _mark_letters(marks)
    if days:
        item["marks"] = {"from": first.isoformat(), "days": days}
    if is_measured(promise):
        # Optional (older readers skip them): a measured promise's measures and amounts.
        item["measure"] = _measure_doc(promise.measure)
        if any(period.measure for period in promise.earlier):
            item["earlier_measures"] = [_measure_doc(p.measure) for p in promise.earlier]
        item["amounts"] = [
            [day.isoformat(), plain(mark.amount)]
            for day, mark in sorted(marks.items())
            if mark.amount is not None
        ]
    return item


def _measure_doc(measure: Measure | None) -> dict[str, Any] | None:
    return None if measure is None else MEASURE_SHARED.to_doc(measure)


def _mark_letters(marks: Mapping[date, Mark]) -> tuple[date, str]:
    """(first marked day, a letter per day from it to the last marked day)."""
    fast = getattr(marks, "statuses_by_ordinal", None)
    statuses = fast() if fast is not None else {d.toordinal(): m.status for d, m in marks.items()}
    if not statuses:
        return date.min, ""
    first, last = min(statuses), max(statuses)
    letters = [NO_MARK] * (last - first + 1)
    for ordinal, status in statuses.items():
        letters[ordinal - first] = _LETTER_OF[status]
    return date.fromordinal(first), "".join(letters)


def _quality_item(entry: QualityTime, with_note: bool) -> list[Any]:
    item: list[Any] = [entry.day.isoformat(), entry.minutes, entry.kind.value]
    if with_note and entry.note:
        item.append(entry.note)
    return item


def _practice_parts(source: ShareSource, choices: ShareChoices) -> dict[str, Any]:
    """The practices the choices allow, each record only if it may be shared at all: a
    check-in once finished, a letter when shared by hand, an appreciation of yours."""
    parts = {}
    for name in PRACTICE_PARTS:
        # Letters have no switch: each is shared by hand (`Letter.shared`).
        if name != LETTERS and not getattr(choices, name):
            continue
        to_doc = _practice_documents()[name].to_doc
        records = [record for record in getattr(source, name) if record.shareable]
        if name == APPRECIATIONS:
            records = [record for record in records if record.by is Person.ME]
        if name == LETTERS and not records:
            continue
        parts[name] = _part([to_doc(record) for record in records])
    return parts


def _practice_documents() -> dict[str, Codec[Any]]:
    """Each practice part's documents: the store's own (loaded when a practice is shared)."""
    from tracker.practices.documents import CHECKIN
    from tracker.practices.records import APPRECIATION, BID, BOUNDARY, GOAL, LETTER

    return {
        APPRECIATIONS: APPRECIATION,
        BIDS: BID,
        BOUNDARIES: BOUNDARY,
        GOALS: GOAL,
        CHECKINS: CHECKIN,
        LETTERS: LETTER,
    }


def encode(document: dict[str, Any]) -> bytes:
    """Compact JSON, compressed: compression before encryption (after, it would find nothing)."""
    return zlib.compress(msgspec.json.encode(document), COMPRESSION_LEVEL)


def same_content(body: bytes, document: dict[str, Any]) -> bool:
    """Whether the share `body` says what `document` says, but for when it was written:
    a share need not be written again to tell the partner nothing new."""
    try:
        before = msgspec.json.decode(zlib.decompress(body))
    except (zlib.error, msgspec.DecodeError, RecursionError):
        return False

    def undated(doc: Any) -> Any:
        if not isinstance(doc, dict) or not isinstance(doc.get("writer"), dict):
            return doc
        return {**doc, "writer": {**doc["writer"], "written_at": None}}

    return bool(undated(before) == undated(msgspec.json.decode(msgspec.json.encode(document))))


# -- reading a share --------------------------------------------------------------------------


class _Doc:
    """Typed reads from one JSON object of a share; anything else is `UNREADABLE`."""

    def __init__(self, raw: Any, what: str) -> None:
        if not isinstance(raw, dict):
            raise _unreadable(f"{what} is not a record")
        self.raw, self.what = raw, what

    def _get(self, key: str, kinds: tuple[type, ...], default: Any = ..., label: str = "") -> Any:
        value = self.raw.get(key, default)
        if value is ...:
            raise _unreadable(f"{self.what} has no {key!r}")
        if value is default and default is not ...:
            return value
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise _unreadable(f"{key!r} of {self.what} is not {label}")
        return value

    def text(self, key: str, default: Any = ...) -> Any:
        return self._get(key, (str,), default, "text")

    def whole(self, key: str, default: Any = ...) -> Any:
        return self._get(key, (int,), default, "a whole number")

    def flag(self, key: str, default: Any = ...) -> Any:
        return self._get(key, (bool,), default, "true or false")

    def items(self, key: str) -> list[Any]:
        return self._get(key, (list,), [], "a list")

    def day(self, key: str, default: Any = ...) -> Any:
        text = self.text(key, default)
        return text if text is None else _parsed(date.fromisoformat, text, key, self.what)

    def moment(self, key: str) -> datetime:
        moment = _parsed(datetime.fromisoformat, self.text(key), key, self.what)
        if moment.tzinfo is None:
            raise _unreadable(f"{key!r} of {self.what} has no time zone")
        return moment


def _parsed(parse: Any, text: str, key: str, what: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        raise _unreadable(f"{key!r} of {what} is not a date or time") from None


def _unreadable(detail: str) -> ShareRefused:
    return ShareRefused(Problem.UNREADABLE, detail)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def decode(body: bytes) -> SharedData:
    """A share's body back to values; `ShareRefused(UNREADABLE)` for what does not fit."""
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(body, MAX_PAYLOAD_BYTES)
    except zlib.error:
        raise _unreadable("it does not decompress") from None
    if inflater.unconsumed_tail:
        raise ShareRefused(Problem.TOO_LARGE, "over 32 MB once unpacked")
    try:
        document = _Doc(msgspec.json.decode(raw), "the share")
    except (msgspec.DecodeError, RecursionError):
        raise _unreadable("it is not JSON") from None
    version = document.whole("v")
    if version > PAYLOAD_VERSION:
        raise ShareRefused(Problem.NEWER_VERSION, f"share content version {version}")
    kind = document.text("kind")
    if kind not in ("share", "stopped"):
        raise _unreadable(f"it is of an unknown kind {kind[:20]!r}")
    try:
        return _shared_data(document, stopped=kind == "stopped")
    except (ValidationError, ValueError) as error:
        raise _unreadable(str(error)[:200]) from None


def _shared_data(document: _Doc, *, stopped: bool) -> SharedData:
    writer = _writer(_Doc(document.raw.get("writer"), "the writer"))
    parts = _Doc(document.raw.get("parts", {}), "the parts")
    data = SharedData(writer=writer, stopped=stopped)
    present, newer = set(), []
    for name, raw in parts.raw.items():
        if name not in KNOWN_PARTS:
            continue  # a part a later tracker added: not ours to read
        part = _Doc(raw, f"the part {name!r}")
        if part.whole("v") > PART_VERSION:
            newer.append(name)
            continue
        present.add(name)
        data = _READERS[name](data, part)
    return replace(data, parts=frozenset(present), newer_parts=tuple(sorted(newer)))


def _writer(doc: _Doc) -> Writer:
    name = clean_text(doc.text("name"), "The partner's name", max_length=NAME_MAX, required=True)
    return Writer(
        name=name,
        zone=doc.text("zone", None),
        day_starts_at=_parsed(
            time.fromisoformat, doc.text("day_starts_at"), "day_starts_at", "the writer"
        ),
        today=doc.day("today"),
        written_at=doc.moment("written_at"),
    )


def _read_promises(data: SharedData, part: _Doc) -> SharedData:
    promises, marks = [], {}
    seen: set[int] = set()
    for raw in part.items("items"):
        doc = _Doc(raw, "a promise")
        promise = _promise(doc)
        if promise.id in seen:
            raise _unreadable(f"promise {promise.id} appears twice")
        seen.add(promise.id)
        promises.append(promise)
        marks_doc = doc.raw.get("marks")
        if marks_doc is not None:
            amounts = _amounts(doc.raw.get("amounts"))
            marks[promise.id] = _day_marks(promise.id, _Doc(marks_doc, "the marks"), amounts)
    return replace(data, promises=tuple(promises), marks=marks)


def _promise(doc: _Doc) -> Promise:
    earlier = []
    for raw in doc.items("earlier"):
        if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, str) for v in raw)):
            raise _unreadable("a promise's earlier schedule is not [schedule, end]")
        earlier.append(SchedulePeriod(parse_schedule(raw[0]), date.fromisoformat(raw[1])))
    measures = [_measure(raw) for raw in doc.raw.get("earlier_measures") or []]
    if measures:
        if len(measures) != len(earlier):
            raise _unreadable("a promise's earlier measures do not match its earlier schedules")
        earlier = [replace(p, measure=m) for p, m in zip(earlier, measures, strict=True)]
    promise = Promise(
        id=doc.whole("id"),
        title=doc.text("title"),
        why=doc.text("why", ""),
        schedule=parse_schedule(doc.text("schedule")),
        start=doc.day("start"),
        end=doc.day("end", None),
        earlier=tuple(earlier),
        created=_added_on(doc.day("asked_from", None)),
        measure=_measure(doc.raw.get("measure")),
    )
    return promise.validated()


def _measure(raw: Any) -> Measure | None:
    """A shared measure (None: yes/no); one that does not fit makes the share unreadable."""
    if raw is None:
        return None
    try:
        return MEASURE_SHARED.from_doc(0, raw).validated()
    except (BadDocument, ValidationError) as error:
        raise _unreadable(f"a promise's measure: {error}") from None


def _amounts(raw: Any) -> dict[date, float]:
    """A measured promise's amounts, [date, number] each."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise _unreadable("a promise's amounts are not a list")
    amounts = {}
    for pair in raw:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and type(pair[1]) in (int, float)
        ):
            raise _unreadable("an amount is not [date, number]")
        try:
            amounts[date.fromisoformat(pair[0])] = clean_amount(pair[1])
        except (ValueError, ValidationError):
            raise _unreadable("an amount holds a bad date or number") from None
    return amounts


def _added_on(day: date | None) -> datetime | None:
    """The moment a shared promise counts as added (only its day matters: `asked_from`)."""
    return None if day is None else datetime.combine(day, time(12, 0), UTC)


def _day_marks(promise_id: int, doc: _Doc, amounts: Mapping[date, float] | None = None) -> DayMarks:
    days = doc.text("days")
    if not set(days) <= {*_STATUS_OF, NO_MARK}:
        raise _unreadable("marks hold an unknown letter")
    first = doc.day("from")
    if days and first.toordinal() + len(days) - 1 > date.max.toordinal():
        raise _unreadable("marks run past the last date")
    return DayMarks(promise_id, first, days, amounts)


def _read_time(data: SharedData, part: _Doc) -> SharedData:
    """Time together: [date, minutes, kind] or [date, minutes, kind, note] each. Read without
    a record per entry (years of entries are read each time a share changes)."""
    entries = []
    for index, raw in enumerate(part.items("items"), start=1):
        if type(raw) is not list or not 3 <= len(raw) <= 4:
            raise _unreadable("a time-together entry is not [date, minutes, kind(, note)]")
        day, minutes, kind = raw[0], raw[1], _KINDS.get(raw[2]) if type(raw[2]) is str else None
        note = raw[3] if len(raw) == 4 else ""
        if (
            type(day) is not str
            or type(minutes) is not int
            or kind is None
            or type(note) is not str
        ):
            raise _unreadable("a time-together entry holds a value of the wrong kind")
        entry = QualityTime(date.fromisoformat(day), minutes, kind, id=index, note=note)
        if note or not 1 <= minutes <= MAX_QUALITY_MINUTES:
            entry = entry.validated()  # refuses what the sharer's tracker never writes
        entries.append(entry)
    weekly = part.whole("weekly_minutes", None)
    return replace(data, quality=tuple(entries), weekly_quality_minutes=weekly)


_KINDS = {kind.value: kind for kind in QualityKind}


def _read_acknowledgements(data: SharedData, part: _Doc) -> SharedData:
    found = tuple(
        ACKNOWLEDGEMENT_SHARED.from_doc(0, raw).validated() for raw in part.items("items")
    )
    return replace(data, acknowledgements=found)


def _read_notes(data: SharedData, part: _Doc) -> SharedData:
    notes = tuple(
        NOTE_SHARED.from_doc(index, raw).validated()
        for index, raw in enumerate(part.items("items"), start=1)
    )
    return replace(data, notes=notes)


def _practice_reader(name: str) -> Callable[[SharedData, _Doc], SharedData]:
    def read(data: SharedData, part: _Doc) -> SharedData:
        from_doc = _practice_documents()[name].from_doc
        try:
            records = tuple(
                from_doc(index, raw).validated()
                for index, raw in enumerate(part.items("items"), start=1)
            )
        except (TypeError, KeyError, AttributeError, IndexError) as error:
            raise _unreadable(f"{name}: {type(error).__name__}") from None
        if any(not record.shareable for record in records):
            raise _unreadable(f"{name} holds a record that is never shared")
        changes: dict[str, Any] = {name: records}
        return replace(data, **changes)

    return read


_READERS: dict[str, Callable[[SharedData, _Doc], SharedData]] = {
    PROMISES: _read_promises,
    TIME: _read_time,
    ACKNOWLEDGEMENTS: _read_acknowledgements,
    NOTES: _read_notes,
    **{name: _practice_reader(name) for name in PRACTICE_PARTS},
}
