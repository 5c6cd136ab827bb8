"""Each record's documents, declared once beside the record.

A record is a frozen dataclass: its fields, types, defaults and limits are the
declaration. A `Layout` says how one kind of document shows it (the store's table, the
share): which keys differ from the field names and which fields it leaves out. Writing
gives plain JSON values (dates ISO, times of day ``HH:MM``, choices by their value);
reading is msgspec's `convert` against the dataclass, so a document that does not fit
raises `BadDocument` naming its field (``field 'history[1].whose'``). Fields added later
take their defaults, so older documents keep reading; keys a layout does not know are
passed over. The id is the document's key in its table, never a field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Annotated, Any, Generic, Protocol, TypeVar

import msgspec
import msgspec.inspect

R = TypeVar("R")
Doc = dict[str, Any]

# A moment that must say its offset from UTC (a partner's clock, a snooze's end).
Aware = Annotated[datetime, msgspec.Meta(tz=True)]


class BadDocument(ValueError):
    """A stored or shared document with a missing or wrongly-typed field."""


class Codec(Protocol[R]):
    """A kind of record's documents: a `Layout`, or the check-in's own (its issue is one
    of two shapes)."""

    def to_doc(self, record: R) -> Doc: ...

    def from_doc(self, doc_id: int, doc: Mapping[str, Any]) -> R: ...


def plain(value: Any) -> Any:
    """`value` as plain JSON values: a dataclass as an object of its fields (in their
    order), dates and moments ISO, times of day ``HH:MM``, choices by their value."""
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, time):
        exact = value.second or value.microsecond
        return value.isoformat() if exact else value.strftime("%H:%M")
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True)
class Layout(Generic[R]):
    """One kind of document of the record `record`: `names` maps a field to its key where
    they differ, `leave_out` lists the fields the document does not carry."""

    record: type[R]
    names: Mapping[str, str] = field(default_factory=dict)
    leave_out: frozenset[str] = frozenset({"id"})

    def to_doc(self, record: R) -> Doc:
        return {
            self.names.get(name, name): value
            for name, value in plain(record).items()
            if name not in self.leave_out
        }

    def document(self, record: R) -> Doc:
        """The document with the record's number first (exports list records, not tables)."""
        return {"id": getattr(record, "id"), **self.to_doc(record)}  # noqa: B009

    def from_doc(self, doc_id: int, doc: Mapping[str, Any], where: str = "") -> R:
        """The record in `doc`; `where` names the document inside another in messages."""
        if not isinstance(doc, Mapping):
            raise BadDocument(
                f"field '{where}' should be an object"
                if where
                else "the document should be an object"
            )
        values = {"id": doc_id} if "id" in self._fields else {}
        for name in self._fields:
            key = self.names.get(name, name)
            if name not in self.leave_out and key in doc:
                values[name] = doc[key]
        try:
            return msgspec.convert(values, self.record)
        except msgspec.ValidationError as error:
            raise BadDocument(self._said(str(error), where)) from None

    @property
    def _fields(self) -> tuple[str, ...]:
        return tuple(item.name for item in fields(self.record))  # type: ignore[arg-type]

    def _said(self, message: str, inside: str = "") -> str:
        """msgspec's message in the document's own words: "field 'date' should be a date"."""
        found = re.fullmatch(r"(.*?)(?: - at `\$(.*)`)?", message)
        reason, path = (found.group(1), found.group(2) or "") if found else (message, "")
        steps = re.findall(r"\.(\w+)|\[(\d+)\]", path)
        missing = re.fullmatch(r"Object missing required field `(\w+)`", reason)
        if missing:
            steps.append((missing.group(1), ""))
        where = "".join(
            (f".{self.names.get(name, name) if n == 0 else name}" if name else f"[{index}]")
            for n, (name, index) in enumerate(steps)
        ).lstrip(".")
        where = f"{inside}.{where}".strip(".") if inside else where
        if missing:
            return f"field '{where}' is missing"
        expected = _expected(msgspec.inspect.type_info(self.record), steps)
        return f"field '{where}' should be {expected}" if where else f"the document {reason}"


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
