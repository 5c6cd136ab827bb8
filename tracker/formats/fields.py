"""Reading fields of a parsed JSON document; each refusal names its place (`promises[3].start`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

Choice = TypeVar("Choice", bound=StrEnum)


class FieldError(ValueError):
    """A field that is missing or of the wrong kind; `str()` says where and what."""


class Fields:
    """One JSON object, read field by field with checks; `where` is its place in the file."""

    def __init__(self, doc: Any, where: str) -> None:
        if not isinstance(doc, Mapping):
            raise FieldError(f"{where} should be an object")
        self.doc: Mapping[str, Any] = doc
        self.where = where

    def _problem(self, key: str, problem: str) -> FieldError:
        return FieldError(f"{self.where}.{key} {problem}")

    def has(self, key: str) -> bool:
        return self.doc.get(key) is not None

    def text(self, key: str, default: str | None = None) -> str:
        value = self.doc.get(key, default)
        if not isinstance(value, str):
            raise self._problem(key, "should be text")
        return value

    def whole(self, key: str, default: int | None = None, *, low: int = 0, high: int) -> int:
        value = self.doc.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self._problem(key, f"should be a whole number from {low} to {high}")
        return value

    def optional_whole(self, key: str, *, low: int, high: int) -> int | None:
        return self.whole(key, low=low, high=high) if self.has(key) else None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.doc.get(key, default)
        if not isinstance(value, bool):
            raise self._problem(key, "should be true or false")
        return value

    def day(self, key: str) -> date:
        try:
            return date.fromisoformat(self.text(key))
        except ValueError:
            raise self._problem(key, "should be a date (YYYY-MM-DD)") from None

    def optional_day(self, key: str) -> date | None:
        return self.day(key) if self.has(key) else None

    def moment(self, key: str) -> datetime | None:
        if not self.has(key):
            return None
        try:
            return datetime.fromisoformat(self.text(key))
        except ValueError:
            raise self._problem(key, "should be a date and time (ISO 8601)") from None

    def clock_time(self, key: str, default: str | None = None) -> time:
        return parse_clock_time(self.text(key, default), f"{self.where}.{key}")

    def choice(self, key: str, kind: type[Choice], default: str | None = None) -> Choice:
        raw = self.text(key, default)
        try:
            return kind(raw)
        except ValueError:
            known = ", ".join(member.value for member in kind)
            raise self._problem(key, f"should be one of: {known}") from None

    def array(self, key: str) -> list[Any]:
        value = self.doc.get(key, [])
        if not isinstance(value, list):
            raise self._problem(key, "should be a list")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text (absent: none)."""
        values = self.array(key)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self._problem(f"{key}[{index}]", "should be text")
        return tuple(values)

    def objects(self, key: str) -> list[Fields]:
        return [Fields(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(self.array(key))]

    def child(self, key: str) -> Fields:
        return Fields(self.doc.get(key) or {}, f"{self.where}.{key}")


def parse_clock_time(value: str, where: str) -> time:
    try:
        moment = time.fromisoformat(value)
    except (TypeError, ValueError):
        raise FieldError(f"{where} should be a time of day (HH:MM)") from None
    if moment.tzinfo is not None:
        raise FieldError(f"{where} should be a wall-clock time without a time zone")
    return moment
