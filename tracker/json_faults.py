"""Where a JSON document is broken, in a person's words (never the parser's own text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec


@dataclass(frozen=True)
class JsonFault(Exception):
    """`raw` is not JSON: what is wrong, where, and whether the document just stops."""

    reason: str
    line: int
    column: int
    cut_short: bool
    not_text: bool = False

    @property
    def where(self) -> str:
        return f"line {self.line:,}, column {self.column:,}"


def decode_json(raw: bytes) -> object:
    """The document in `raw`; `JsonFault` if it is not JSON."""
    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, RecursionError) as error:
        raise _fault(str(error), raw) from None


# A \uD800-\uDBFF escape with no \uDC00-\uDFFF after it, or a low one alone: text that no
# UTF-8 can hold (msgspec calls the first "truncated").
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _fault(message: str, raw: bytes) -> JsonFault:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _at("text that is not UTF-8", raw, error.start, not_text=True)
    lone = _LONE_SURROGATE.search(raw)
    if lone is not None:
        return _at("text that is not UTF-8", raw, lone.start(), not_text=True)
    found = re.fullmatch(
        r"(?:JSON is malformed: )?(.*?)(?: - at `.*`)?(?: \(byte (\d+)\))?", message
    )
    reason, byte = (found.group(1), found.group(2)) if found else (message, None)
    if byte is not None:
        at: int | None = int(byte)
    else:
        reason = reason.lower()
        at = None if "truncated" in reason else 0
    return _at(reason, raw, at)


def _at(reason: str, raw: bytes, at: int | None, *, not_text: bool = False) -> JsonFault:
    before = raw[: len(raw) if at is None else at].decode("utf-8", errors="replace")
    return JsonFault(
        reason=reason,
        line=before.count("\n") + 1,
        column=len(before) - before.rfind("\n"),
        cut_short=not not_text and (at is None or at >= len(raw.rstrip())),
        not_text=not_text,
    )
