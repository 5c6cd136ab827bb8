"""The data file's promises, marks, settings and fired reminders, read through their
`Layout`s; a document that does not fit raises `BadDocument`. By hand only what speed or
the file asks: the marks' fast reader, the weekly check-in's day by its name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from tracker.model import (
    MARK_STORED,
    PROMISE_STORED,
    WEEKDAY_NAMES,
    Mark,
    MarkStatus,
    Promise,
    Settings,
)
from tracker.records import Aware, BadDocument, Layout


@dataclass(frozen=True)
class Fired:
    """A reminder that was shown: its key and the moment, with its offset."""

    key: str
    at: Aware


FIRED_STORED = Layout(Fired)


def promise_from_doc(doc_id: int, doc: Mapping[str, Any]) -> Promise:
    promise = PROMISE_STORED.from_doc(doc_id, doc)
    if any(later.end <= before.end for before, later in pairwise(promise.earlier)):
        raise BadDocument("field 'earlier' is not in date order")
    return promise


def mark_to_doc(mark: Mark, recorded: datetime) -> dict[str, Any]:
    """The mark as its declaration writes it, and when it was recorded."""
    return {**MARK_STORED.to_doc(mark), "recorded": recorded.isoformat()}


MARK_STATUSES = {status.value: status for status in MarkStatus}


def mark_from_doc(promise_id: int, doc_id: int, doc: Mapping[str, Any]) -> Mark:
    """A stored mark; the common, well-formed case is checked inline (years of marks are
    decoded on every `tracker check`), anything else takes the careful path below."""
    raw_day, raw_status = doc.get("date"), doc.get("status")
    reason, note, amount = doc.get("reason", ""), doc.get("note", ""), doc.get("amount")
    if type(raw_day) is str and type(raw_status) is str and type(reason) is str:
        status = MARK_STATUSES.get(raw_status)
        if status is not None and type(note) is str and _plain_amount(amount):
            try:
                day = date.fromisoformat(raw_day)
            except ValueError:
                day = None
            if day is not None and day.toordinal() == doc_id:
                if amount is None:
                    return Mark(promise_id, day, status, reason, note)
                return Mark(promise_id, day, status, reason, note, float(amount))
    return _checked_mark_from_doc(promise_id, doc_id, doc)


def _plain_amount(amount: Any) -> bool:
    """A mark's amount as its writer leaves it: none (a yes/no mark) or a number."""
    return amount is None or type(amount) is int or type(amount) is float


def unsound_mark_keys(docs: Mapping[str, Any]) -> list[str]:
    """The keys of a marks table whose documents are not plainly well formed.

    The check `mark_from_doc` makes, without building anything (years of marks are
    checked on every start): a canonical day-ordinal key, the date it names, a known
    status, text reason and note. A key listed here may still decode (a date written
    another way): the caller decodes those carefully, which says what is wrong if not.
    """
    statuses, from_iso = MARK_STATUSES, date.fromisoformat
    unsound = []
    for key, doc in docs.items():
        try:
            if type(doc) is dict:
                raw_day, status = doc.get("date"), doc.get("status")
                if (
                    type(raw_day) is str
                    and type(status) is str
                    and status in statuses
                    and type(doc.get("reason", "")) is str
                    and type(doc.get("note", "")) is str
                    and _plain_amount(doc.get("amount"))
                    and str(from_iso(raw_day).toordinal()) == key
                ):
                    continue
        except ValueError:
            pass
        unsound.append(key)
    return unsound


def _checked_mark_from_doc(promise_id: int, doc_id: int, doc: Mapping[str, Any]) -> Mark:
    mark = MARK_STORED.from_doc(doc_id, doc, given={"promise_id": promise_id})
    if mark.day.toordinal() != doc_id:
        raise BadDocument("its id does not match its date")
    return mark


def fired_from_doc(doc: Mapping[str, Any]) -> tuple[str, datetime]:
    """A fired reminder's key and the aware moment it fired."""
    fired = FIRED_STORED.from_doc(0, doc)
    return fired.key, fired.at


SETTINGS_STORED = Layout(Settings, leave_out=frozenset())


def settings_to_doc(settings: Settings) -> dict[str, Any]:
    """Every setting by its name, as plain values; the weekly check-in's day by its name."""
    doc = SETTINGS_STORED.to_doc(settings)
    day = settings.notifications.weekly_checkin_day
    doc["notifications"]["weekly_checkin_day"] = None if day is None else WEEKDAY_NAMES[day]
    return doc


def settings_from_doc(doc: Mapping[str, Any] | None) -> Settings:
    """Settings from a stored document; a missing field takes its default."""
    if doc is None:
        return Settings()
    alerts = doc.get("notifications") or {}
    day = alerts.get("weekly_checkin_day") if isinstance(alerts, Mapping) else None
    if day is not None:
        if day not in WEEKDAY_NAMES:
            raise BadDocument(
                "field 'weekly_checkin_day' should be a day of the week, such as sunday"
            )
        alerts = {**alerts, "weekly_checkin_day": WEEKDAY_NAMES.index(day)}
    return SETTINGS_STORED.from_doc(0, {**doc, "notifications": alerts})
