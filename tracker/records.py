"""Each record's documents, declared once beside the record.

A record is a frozen dataclass: its fields, types, defaults and limits are the
declaration. A `Layout` says how one kind of document shows it (the store's table, the
share): which keys differ from the field names and which fields it leaves out. Writing
gives plain JSON values (dates ISO, times of day ``HH:MM``, choices by their value);
reading is msgspec's `convert` against the dataclass, so a document that does not fit
raises `BadDocument` naming its field (``field 'history[1].whose'``). Fields added later
take their defaults, so older documents keep reading; keys a layout does not know are
passed over. The id is the document's key in its table, never a field. A value a
document keeps as its words (a schedule as ``3/week``) is `Spoken`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Generic, Protocol, TypeVar

import msgspec
import msgspec.inspect

R = TypeVar("R")
V = TypeVar("V")
Doc = dict[str, Any]

# A moment that must say its offset from UTC (a partner's clock, a snooze's end).
Aware = Annotated[datetime, msgspec.Meta(tz=True)]
# A time of day on the wall clock, wherever one is (a reminder): never with an offset.
WallTime = Annotated[time, msgspec.Meta(tz=False)]


# The metadata of a field a document carries only when it is set (not None): a measured
# promise's `measure`, a mark's `amount`, so that a yes/no promise's files stay as they were.
WHEN_SET: Mapping[str, str] = {"written": "when set"}


class BadDocument(ValueError):
    """A stored or shared document with a missing or wrongly-typed field."""


class Codec(Protocol[R]):
    """A kind of record's documents: a `Layout`, or the check-in's own (its issue is one
    of two shapes)."""

    def to_doc(self, record: R) -> Doc: ...

    def from_doc(self, doc_id: int, doc: Mapping[str, Any]) -> R: ...


@dataclass(frozen=True)
class Spoken(Generic[V]):
    """A kind of value its documents keep as words (a schedule as ``3/week``): how to say
    it, how to read it back (raising `ValueError` when the words are not one), and what it
    is, for the message that refuses other words ("a schedule")."""

    kind: type[V]
    say: Callable[[V], str]
    read: Callable[[str], V]
    what: str


def plain(value: Any, spoken: Mapping[type, Spoken[Any]] | None = None) -> Any:
    """`value` as plain JSON values: a dataclass as an object of its fields (in their
    order), dates and moments ISO, times of day ``HH:MM``, choices by their value, a
    `spoken` kind by its words."""
    words = spoken and spoken.get(type(value))
    if words:
        return words.say(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: plain(getattr(value, item.name), spoken)
            for item in fields(value)
            if getattr(value, item.name) is not None or item.metadata != WHEN_SET
        }
    if isinstance(value, time):
        exact = value.second or value.microsecond
        return value.isoformat() if exact else value.strftime("%H:%M")
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)  # an amount of 10 is written 10, as it was given
    if isinstance(value, tuple | list):
        return [plain(item, spoken) for item in value]
    return value


@dataclass(frozen=True)
class Layout(Generic[R]):
    """One kind of document of the record `record`: `names` maps a field to its key where
    they differ, `leave_out` lists the fields the document does not carry, `order` the
    fields in the order its keys are written where that is not the record's, `spoken`
    the kinds of value it keeps as words, and `when_given` the fields it writes only when
    they hold something (not empty text)."""

    record: type[R]
    names: Mapping[str, str] = field(default_factory=dict)
    leave_out: frozenset[str] = frozenset({"id"})
    order: tuple[str, ...] = ()
    spoken: tuple[Spoken[Any], ...] = ()
    when_given: frozenset[str] = frozenset()

    def to_doc(self, record: R) -> Doc:
        values = plain(record, self._spoken)
        return {
            self.names.get(name, name): values[name]
            for name in self.order or values
            if name in values
            and name not in self.leave_out
            and not (name in self.when_given and values[name] == "")
        }

    def keys(self) -> frozenset[str]:
        """Every key its documents may carry."""
        return frozenset(self.names.get(n, n) for n in self._fields if n not in self.leave_out)

    def document(self, record: R) -> Doc:
        """The document with the record's number first (exports list records, not tables)."""
        return {"id": getattr(record, "id"), **self.to_doc(record)}  # noqa: B009

    def from_doc(
        self, doc_id: int, doc: Mapping[str, Any], where: str = "", given: Doc | None = None
    ) -> R:
        """The record in `doc`; `where` names the document inside another in messages, and
        `given` holds fields it leaves out that the record needs (a mark's promise)."""
        if not isinstance(doc, Mapping):
            raise BadDocument(
                f"field '{where}' should be an object"
                if where
                else "the document should be an object"
            )
        values = {"id": doc_id} if "id" in self._fields else {}
        values.update(given or {})
        for name in self._fields:
            key = self.names.get(name, name)
            if name not in self.leave_out and key in doc:
                values[name] = doc[key]
        try:
            return msgspec.convert(self._readied(values, where), self.record)
        except msgspec.ValidationError as error:
            raise BadDocument(self._said(str(error), where)) from None

    @cached_property
    def _fields(self) -> tuple[str, ...]:
        return tuple(item.name for item in fields(self.record))  # type: ignore[arg-type]

    def _readied(self, values: Doc, inside: str) -> Doc:
        """`values` with the words of each `spoken` kind read, and each time of day written
        ``HH:MM`` given its seconds (msgspec reads ``HH:MM:SS``), for `convert`."""
        if self._plan is None:
            return values
        readied: Doc = _readied(self._plan, values, [], lambda steps: self._place(steps, inside))
        return readied

    @cached_property
    def _spoken(self) -> dict[type, Spoken[Any]]:
        return {words.kind: words for words in self.spoken}

    @cached_property
    def _plan(self) -> Plan:
        return _plan(msgspec.inspect.type_info(self.record), self._spoken, frozenset())

    def _place(self, steps: list[tuple[str, str]], inside: str = "") -> str:
        """The place of a value in the document: ``earlier[1].schedule``."""
        where = "".join(
            (f".{self.names.get(name, name) if n == 0 else name}" if name else f"[{index}]")
            for n, (name, index) in enumerate(steps)
        ).lstrip(".")
        return f"{inside}.{where}".strip(".") if inside else where

    def _said(self, message: str, inside: str = "") -> str:
        """msgspec's message in the document's own words: "field 'date' should be a date"."""
        found = re.fullmatch(r"(.*?)(?: - at `\$(.*)`)?", message)
        reason, path = (found.group(1), found.group(2) or "") if found else (message, "")
        steps = re.findall(r"\.(\w+)|\[(\d+)\]", path)
        missing = re.fullmatch(r"Object missing required field `(\w+)`", reason)
        if missing:
            steps.append((missing.group(1), ""))
        where = self._place(steps, inside)
        if missing:
            return f"field '{where}' is missing"
        expected = _expected(msgspec.inspect.type_info(self.record), steps)
        return f"field '{where}' should be {expected}" if where else f"the document {reason}"


def _words(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not words")
    return value


# What reading a value needs before msgspec's `convert`: nothing (None), a time of day's
# seconds ("time"), a `Spoken` kind's words read ("words", it), an object's fields ("object",
# {name: plan}) or a list's items ("list", plan). Made once per layout.
Plan = tuple[str, Any] | None


def _plan(info: Any, spoken: Mapping[type, Spoken[Any]], seen: frozenset[type]) -> Plan:
    inspect = msgspec.inspect
    match info:
        case inspect.TimeType():
            return ("time", None)
        case inspect.DataclassType() if info.cls in spoken:
            return ("words", spoken[info.cls])
        case inspect.DataclassType() if info.cls not in seen:
            inner = {f.name: _plan(f.type, spoken, seen | {info.cls}) for f in info.fields}
            needed = {name: plan for name, plan in inner.items() if plan}
            return ("object", needed) if needed else None
        case inspect.UnionType():
            kinds = [t for t in info.types if not isinstance(t, inspect.NoneType)]
            return _plan(kinds[0], spoken, seen) if len(kinds) == 1 else None
        case inspect.VarTupleType() | inspect.ListType():
            item = _plan(info.item_type, spoken, seen)
            return ("list", item) if item else None
    return None


_CLOCK = re.compile(r"\d\d:\d\d")


def _readied(
    plan: Plan, value: Any, steps: list[tuple[str, str]], place: Callable[..., str]
) -> Any:
    """`value` ready for msgspec's `convert` as `plan` says; `place` names a value by its
    `steps` when its words are refused."""
    match plan:
        case ("time", _) if isinstance(value, str) and _CLOCK.fullmatch(value):
            return f"{value}:00"
        case ("words", words):
            try:
                return words.read(_words(value))
            except ValueError:
                raise BadDocument(f"field '{place(steps)}' should be {words.what}") from None
        case ("object", inner) if isinstance(value, Mapping):
            readied = dict(value)
            for name, item in inner.items():
                if name in value:
                    readied[name] = _readied(item, value[name], [*steps, (name, "")], place)
            return readied
        case ("list", item) if isinstance(value, list):
            return [
                _readied(item, each, [*steps, ("", str(n))], place) for n, each in enumerate(value)
            ]
    return value


def _expected(info: Any, steps: list[tuple[str, str]]) -> str:
    """What the value at `steps` (field names and list indexes) in a record should be."""
    for name, _ in steps:
        while isinstance(info, msgspec.inspect.UnionType):
            info = next(t for t in info.types if not isinstance(t, msgspec.inspect.NoneType))
        if name:
            info = next(field.type for field in info.fields if field.name == name)
        else:
            info = info.item_type
    return _described(info)


def _described(info: Any) -> str:
    inspect = msgspec.inspect
    match info:
        case inspect.UnionType():
            kinds = [_described(t) for t in info.types if not isinstance(t, inspect.NoneType)]
            return " or ".join(kinds) + (" or null" if len(kinds) < len(info.types) else "")
        case inspect.EnumType():
            return "one of: " + ", ".join(str(member.value) for member in info.cls)
        case inspect.DateTimeType():
            return "a date and time" + (" with its time zone" if info.tz else "")
        case inspect.VarTupleType() | inspect.ListType():
            return f"a list of {_described(info.item_type)}"
    words: dict[type, str] = {
        inspect.StrType: "text",
        inspect.IntType: "a whole number",
        inspect.BoolType: "true or false",
        inspect.DateType: "a date",
        inspect.TimeType: "a time of day",
        inspect.DataclassType: "an object",
    }
    return words.get(type(info), "something else")
