"""The check-in as a JSON document and back, for the store and for partner sharing.

Every other record's documents are declared beside it with a `tracker.records.Layout`;
the check-in keeps its own pair (`checkin_to_doc` / `checkin_from_doc`) because its
issue is one of two shapes, told apart by `kind`. Reading raises `BadDocument` naming
the field that does not fit ("settle.me.hungry"); fields added later get defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from tracker.model import QualityKind
from tracker.practices.answers import (
    Aftermath,
    Agreement,
    Arrival,
    CheckInAppreciation,
    Issue,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import CheckIn, Step
from tracker.practices.records import Record
from tracker.practices.week import WEEK_IN_FACTS
from tracker.records import BadDocument, Doc, plain

Choice = TypeVar("Choice", bound=StrEnum)


class Fields:
    """Typed reads from one document; `where` names it in messages ("settle.me")."""

    def __init__(self, doc: Mapping[str, Any], where: str = "") -> None:
        if not isinstance(doc, Mapping):
            raise BadDocument(f"field '{where}' should be an object")
        self.doc, self.where = doc, where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _bad(self, key: str, should: str) -> BadDocument:
        return BadDocument(f"field '{self._name(key)}' should be {should}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.doc.get(key, default)
        if not isinstance(value, str):
            raise self._bad(key, "text")
        return value

    def number(self, key: str, default: int | None = None) -> int:
        value = self.doc.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, "a whole number")
        return value

    def optional_number(self, key: str) -> int | None:
        return None if self.doc.get(key) is None else self.number(key)

    def flag(self, key: str, default: bool) -> bool:
        value = self.doc.get(key, default)
        if not isinstance(value, bool):
            raise self._bad(key, "true or false")
        return value

    def day(self, key: str) -> date:
        try:
            return date.fromisoformat(self.text(key))
        except ValueError as error:
            raise self._bad(key, "a date") from error

    def optional_day(self, key: str) -> date | None:
        return None if self.doc.get(key) is None else self.day(key)

    def moment(self, key: str) -> datetime | None:
        if self.doc.get(key) is None:
            return None
        try:
            return datetime.fromisoformat(self.text(key))
        except ValueError as error:
            raise self._bad(key, "a date and time") from error

    def clock_time(self, key: str) -> time | None:
        if self.doc.get(key) is None:
            return None
        try:
            return time.fromisoformat(self.text(key))
        except ValueError as error:
            raise self._bad(key, "a time of day") from error

    def choice(self, kind: type[Choice], key: str, default: Choice | None = None) -> Choice:
        raw = self.doc.get(key, None if default is None else default.value)
        try:
            return kind(raw)
        except ValueError as error:
            raise self._bad(key, f"one of: {', '.join(item.value for item in kind)}") from error

    def optional_choice(self, kind: type[Choice], key: str) -> Choice | None:
        return None if self.doc.get(key) is None else self.choice(kind, key)

    def objects(self, key: str) -> list[Fields]:
        """The objects of a list field (absent: none)."""
        values = self.doc.get(key, [])
        if not isinstance(values, list):
            raise self._bad(key, "a list")
        return [Fields(value, f"{self._name(key)}[{index}]") for index, value in enumerate(values)]

    def optional_objects(self, key: str) -> list[Fields] | None:
        return None if self.doc.get(key) is None else self.objects(key)

    def child(self, key: str) -> Fields | None:
        value = self.doc.get(key)
        return None if value is None else Fields(value, self._name(key))

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.doc.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self._bad(key, "a list of text")
        return tuple(values)


def _stamps(record: Record) -> Doc:
    return {"created": plain(record.created), "updated": plain(record.updated)}


# --- the check-in ----------------------------------------------------------------------------

_HALT = ("hungry", "angry", "lonely", "tired")


def checkin_to_doc(checkin: CheckIn) -> Doc:
    return {
        "held_on": checkin.held_on.isoformat(),
        "week_of": checkin.week_of.isoformat(),
        "started": checkin.started.isoformat(),
        "finished": plain(checkin.finished),
        "time_box_minutes": checkin.time_box_minutes,
        "step": None if checkin.step is None else checkin.step.value,
        "skipped": [step.value for step in checkin.skipped],
        "settle": None if checkin.settle is None else _settle_doc(checkin.settle),
        "facts": plain(checkin.facts),
        "appreciations": None
        if checkin.appreciations is None
        else [{"text": a.text, "quality": a.quality} for a in checkin.appreciations],
        "went_right": checkin.went_right,
        "issue": None if checkin.issue is None else _issue_doc(checkin.issue),
        "loved": None
        if checkin.loved is None
        else {"mine": checkin.loved.mine, "partners": checkin.loved.partners},
        "agreements": None
        if checkin.agreements is None
        else [{"text": a.text, "promise_id": a.promise_id} for a in checkin.agreements],
        "reconnect": None if checkin.reconnect is None else _plan_doc(checkin.reconnect),
        **_stamps(checkin),
    }


def checkin_from_doc(doc_id: int, doc: Mapping[str, Any]) -> CheckIn:
    fields = Fields(doc)
    settle = fields.child("settle")
    facts = fields.child("facts")
    appreciations = fields.optional_objects("appreciations")
    issue = fields.child("issue")
    loved = fields.child("loved")
    agreements = fields.optional_objects("agreements")
    plan = fields.child("reconnect")
    went_right = None if doc.get("went_right") is None else fields.text("went_right")
    skipped = fields.texts("skipped")
    try:
        skipped_steps = tuple(Step(value) for value in skipped)
    except ValueError as error:
        raise BadDocument("field 'skipped' holds an unknown step") from error
    return CheckIn(
        id=doc_id,
        held_on=fields.day("held_on"),
        week_of=fields.day("week_of"),
        started=_required_moment(fields, "started"),
        finished=fields.moment("finished"),
        time_box_minutes=fields.number("time_box_minutes", 30),
        step=fields.optional_choice(Step, "step"),
        skipped=skipped_steps,
        settle=None if settle is None else _settle_from(settle),
        facts=None if facts is None else WEEK_IN_FACTS.from_doc(0, facts.doc, where="facts"),
        appreciations=None
        if appreciations is None
        else tuple(
            CheckInAppreciation(a.text("text"), a.text("quality", "")) for a in appreciations
        ),
        went_right=went_right,
        issue=None if issue is None else _issue_from(issue),
        loved=None
        if loved is None
        else LovedAsk(loved.text("mine", ""), loved.text("partners", "")),
        agreements=None
        if agreements is None
        else tuple(Agreement(a.text("text"), a.optional_number("promise_id")) for a in agreements),
        reconnect=None if plan is None else _plan_from(plan),
        created=fields.moment("created"),
        updated=fields.moment("updated"),
    )


def _required_moment(fields: Fields, key: str) -> datetime:
    value = fields.moment(key)
    if value is None:
        raise BadDocument(f"field '{key}' should be a date and time")
    return value


def _settle_doc(settle: Settle) -> Doc:
    return {
        who: {word: getattr(arrival, word) for word in _HALT}
        for who, arrival in (("me", settle.me), ("partner", settle.partner))
    }


def _settle_from(fields: Fields) -> Settle:
    def arrival(who: str) -> Arrival:
        found = fields.child(who)
        if found is None:
            return Arrival()
        return Arrival(*(found.flag(word, False) for word in _HALT))

    return Settle(me=arrival("me"), partner=arrival("partner"))


def _issue_doc(issue: Issue) -> Doc:
    if isinstance(issue, IStatement):
        return {"kind": "i-feel", "feel": issue.feel, "about": issue.about, "need": issue.need}
    return {
        "kind": "aftermath",
        "felt": issue.felt,
        "saw": issue.saw,
        "touched": issue.touched,
        "my_part": issue.my_part,
        "differently": issue.differently,
    }


def _issue_from(fields: Fields) -> Issue:
    kind = fields.text("kind")
    if kind == "i-feel":
        return IStatement(
            fields.text("feel", ""), fields.text("about", ""), fields.text("need", "")
        )
    if kind == "aftermath":
        parts = ("felt", "saw", "touched", "my_part", "differently")
        return Aftermath(*(fields.text(part, "") for part in parts))
    raise BadDocument("field 'issue.kind' should be 'i-feel' or 'aftermath'")


def _plan_doc(plan: ReconnectPlan) -> Doc:
    return {
        "text": plan.text,
        "date": plain(plan.day),
        "time": plain(plan.at),
        "minutes": plan.minutes,
        "kind": None if plan.kind is None else plan.kind.value,
    }


def _plan_from(fields: Fields) -> ReconnectPlan:
    return ReconnectPlan(
        text=fields.text("text", ""),
        day=fields.optional_day("date"),
        at=fields.clock_time("time"),
        minutes=fields.optional_number("minutes"),
        kind=fields.optional_choice(QualityKind, "kind"),
    )


class CheckInDocuments:
    """The check-in's documents as a `tracker.records.Codec`."""

    @staticmethod
    def to_doc(record: CheckIn) -> Doc:
        return checkin_to_doc(record)

    @staticmethod
    def from_doc(doc_id: int, doc: Mapping[str, Any]) -> CheckIn:
        return checkin_from_doc(doc_id, doc)


CHECKIN = CheckInDocuments()
