"""tracker's own export: everything, in a documented and versioned JSON format, and its reader.

The format (version 1)
======================

One UTF-8 JSON object::

    {
      "format": "tracker-export",          always this text: how the file is recognised
      "version": 1,                         the format's version (see "Versions" below)
      "exported": "2026-11-25T21:30:00+01:00",
      "generator": "tracker 0.1.0",
      "contains_notes": true,               private writing inside (see below)
      "scope": {"promises": null, "since": null, "until": null},
      "settings": {...},
      "promises": [...],
      "quality_time": [...],
      "notes": [...],
      "extensions": {}
    }

Dates are ``YYYY-MM-DD`` (local calendar days), times of day ``HH:MM`` (wall clock),
moments ISO 8601 with their UTC offset. Text is stored as written (markup is data).

``contains_notes`` is true when the file holds someone's private words: forgiveness
notes, letters or check-ins (a file name chosen by tracker then says ``with-notes``).

``scope`` says what was exported: ``promises`` is null (all) or the list of titles
exported (``--promise``), ``since``/``until`` null or the dates that narrowed marks,
quality time and notes. A narrowed export imports like any other.

``settings``: ``day_starts_at`` (HH:MM, before 12:00), ``weekly_quality_minutes``
(0-10080), ``journey_start`` (date or null), ``theme`` (text), ``notifications``:
``show_titles`` (bool), ``checkin_time`` (HH:MM), ``quality_nudge_days`` (1-60),
``quiet_start``, ``quiet_end`` (HH:MM), ``grace_minutes`` (0-240). A missing field
takes its default.

Each of ``promises``::

    {"id": 9, "title": "Walk together after dinner", "why": "...",
     "schedule": "every 2 days", "start": "2023-04-02", "end": null,
     "reminders": ["18:45"], "archived": false, "created": "2023-04-02T20:00:00+00:00",
     "tags": ["quality time"], "triggers": ["neglect"],
     "earlier": [{"schedule": "daily", "end": "2025-01-12"}],
     "marks": [{"date": "2023-04-02", "status": "kept"},
               {"date": "2023-04-05", "status": "excused", "reason": "flu"},
               {"date": "2023-04-07", "status": "kept", "note": "She smiled."}]}

A measured promise also has ``measure``, and each of its marks its ``amount`` (a number,
to the thousandth; minutes for a duration)::

     "measure": {"unit": "min", "target": 10, "kind": "at_least"},
     "marks": [{"date": "2026-11-20", "status": "kept", "amount": 11}]

``kind`` is ``at_least`` or ``at_most``; the target is per due day, or per week for an
N/week promise. An ``earlier`` period may carry the ``measure`` it had then (none: the
promise was yes/no then). A yes/no promise has neither.

``schedule`` is the current schedule in tracker's own words (``daily``, ``weekdays``,
``weekends``, ``mon,wed,fri``, ``3/week``, ``every 2 days``), in force since the day
after the last ``earlier`` period ended. ``earlier`` lists the schedules it had before,
oldest first, each in force up to and including its ``end``: rescheduling never
rewrote the past. ``marks`` are the promise's days: ``status`` is ``kept``, ``missed``
or ``excused``; ``reason`` and ``note`` are left out when empty. ``tags`` are free words
(lower case, at most 20); ``triggers`` the hurts the promise answers (the triggers of
``notes`` below). Both may be left out (none).

Each of ``quality_time``::

    {"id": 4, "date": "2026-11-20", "minutes": 45, "kind": "conversation",
     "connection": 4, "note": "...", "created": "...", "tags": ["walk"]}

``kind``: ``conversation``, ``date-night``, ``quiet-moment``, ``closeness``, ``other``;
``connection`` 1-5 or null.

Each of ``notes`` (forgiveness notes)::

    {"id": 2, "date": "2026-10-02", "what_happened": "...", "trigger": "neglect",
     "feeling": "I feel ... when ...", "status": "let-go", "let_go_on": "2026-11-01",
     "setback": false, "created": "...", "updated": "..."}

``trigger``: ``dishonesty``, ``betrayal``, ``poor-communication``, ``neglect``,
``other``; ``status``: ``still-hurts``, ``working-through``, ``let-go`` (which needs
``let_go_on``).

``id`` fields are the numbers tracker showed (``tracker list``); importing into an
empty data file keeps them, merging into one that has data numbers the new items anew.

Versions and what later work adds
---------------------------------

A change that only adds (a new optional field, a new extension) keeps version 1; a
change that alters the meaning of a field makes version 2, which this reader refuses
with a message to update tracker. A reader reports any field or extension it does not
keep as "not imported", never drops it silently.

``extensions`` holds the practices two people keep, each a list of JSON objects under
its own name: ``check_ins``, ``appreciations``, ``bids``, ``boundaries``, ``goals``,
``letters``, ``snoozes``, ``acknowledgements`` (and the tables later versions add,
under their own names). Each object is one record as tracker keeps it: its number
``id``, its day (``date``, ``held_on``, ``set_on`` or ``agreed_on``), ``created`` and
``updated`` moments, and its own fields, for example::

    "appreciations": [{"id": 1, "text": "...", "date": "2026-11-20", "by": "me",
                       "quality": "patience", "created": "...", "updated": "..."}],
    "bids": [{"id": 3, "response": "toward", "date": "2026-11-21", "by": "partner",
              "note": "", "created": "...", "updated": "..."}],
    "goals": [{"id": 1, "text": "...", "set_on": "2026-09-01", "by": null,
               "promise_ids": [4, 9], "reached_on": null, ...}],
    "check_ins": [{"id": 2, "held_on": "2026-11-22", "week_of": "2026-11-16",
                   "started": "...", "finished": "...", "agreements": [{"text": "...",
                   "promise_id": 9}], ...}]

A field named ``promise_id`` or ``promise_ids`` refers to promises by their ``id`` in
this file. An import identifies a record by its ``created`` moment (so importing a
file twice adds nothing, and a record you edited since is kept as you have it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, get_args, get_type_hints

import msgspec

from tracker import __version__
from tracker.errors import ValidationError
from tracker.formats.data import ExportScope, TrackerData
from tracker.formats.dates import days_refused, in_range, span_words
from tracker.formats.fields import FieldError, Fields
from tracker.formats.limits import DEFAULT_LIMITS, ImportLimits, load_json, refused
from tracker.formats.plan import ImportPlan, PlannedPromise, Unmapped, count_words
from tracker.model import (
    MARK_EXPORTED,
    MARK_STORED,
    MAX_QUALITY_MINUTES,
    NOTE_STORED,
    PROMISE_STORED,
    QUALITY_STORED,
    Mark,
    Note,
    NoteStatus,
    NotificationSettings,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
    clean_text,
    promise_document,
)
from tracker.parsing import FIRST_DAY, LAST_DAY
from tracker.records import BadDocument, Layout, plain

FORMAT_NAME = "tracker-export"
FORMAT_VERSION = 1
SOURCE = "tracker export"
EXTENSION_KINDS = (
    "check_ins",
    "appreciations",
    "bids",
    "boundaries",
    "goals",
    "letters",
    "acknowledgements",
)
_TOP_LEVEL = {
    "format",
    "version",
    "exported",
    "generator",
    "contains_notes",
    "scope",
    "settings",
    "promises",
    "quality_time",
    "notes",
    "extensions",
}
_PROMISE_FIELDS = {"id", "marks", *PROMISE_STORED.keys()}
_QUALITY_FIELDS = {"id", "date", "minutes", "kind", "connection", "note", "created", "tags"}
_NOTE_FIELDS = {
    "id",
    "date",
    "what_happened",
    "trigger",
    "feeling",
    "status",
    "let_go_on",
    "setback",
    "created",
    "updated",
}
_MAX_ID = 2**53


# --- writing -----------------------------------------------------------------------------------


def settings_doc(settings: Settings) -> dict[str, Any]:
    """Every setting, by its name in `tracker.model.Settings` (a setting added later is
    written too): times of day ``HH:MM``, dates ISO, choices by their value."""
    doc: dict[str, Any] = plain(settings)
    return doc


def promise_doc(promise: Promise, marks: Mapping[date, Mark]) -> dict[str, Any]:
    return {
        "id": promise.id,
        **promise_document(promise),
        "marks": [MARK_EXPORTED.to_doc(marks[day]) for day in sorted(marks)],
    }


# The later kinds whose records are someone's private words, like forgiveness notes.
PRIVATE_EXTENSIONS = ("letters", "check_ins")


def holds_private_writing(data: TrackerData) -> bool:
    """Whether `data` holds forgiveness notes, letters or check-ins."""
    return bool(data.notes) or any(data.extras.get(kind) for kind in PRIVATE_EXTENSIONS)


def export_document(
    data: TrackerData, *, exported: datetime, scope: ExportScope | None = None
) -> dict[str, Any]:
    """The export as a JSON-ready object (see the module's documentation)."""
    scope = scope or ExportScope()
    data = scope.narrowed(data)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": exported.isoformat(),
        "generator": f"tracker {__version__}",
        "contains_notes": holds_private_writing(data),
        "scope": {
            "promises": None if scope.promise_ids is None else [p.title for p in data.promises],
            "since": plain(scope.since),
            "until": plain(scope.until),
        },
        "settings": settings_doc(data.settings),
        "promises": [promise_doc(p, data.marks_of(p.id)) for p in data.promises],
        "quality_time": [QUALITY_STORED.document(entry) for entry in data.quality],
        "notes": [NOTE_STORED.document(note) for note in data.notes],
        "extensions": {kind: list(docs) for kind, docs in sorted(data.extras.items()) if docs},
    }


def export_json(
    data: TrackerData, *, exported: datetime, scope: ExportScope | None = None
) -> bytes:
    """The export file's bytes: indented UTF-8 JSON ending in a newline."""
    document = export_document(data, exported=exported, scope=scope)
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"


# --- reading -----------------------------------------------------------------------------------


def looks_like_tracker_export(head: bytes) -> bool:
    """Whether the start of a file is a tracker export (for recognising formats)."""
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and f'"{FORMAT_NAME}"' in text


def read_tracker_json(
    data: bytes,
    *,
    file_name: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    known_extensions: Iterable[str] = (),
    today: date | None = None,
) -> ImportPlan:
    """An `ImportPlan` from the bytes of a tracker export (with `today`: without the
    marks tracker would not take typed in on that day, named among what is not imported).

    The file is tracker's own: anything that does not fit (a wrong type, an impossible
    date, a title with a control character) refuses the whole file with one line saying
    where, rather than importing part of a backup. Extensions in `known_extensions`
    become the plan's `extras`; others are listed as not imported.
    """
    document = load_json(data, file_name, limits)
    try:
        plan = _plan_from_document(document, file_name, limits, frozenset(known_extensions))
    except (FieldError, ValidationError) as error:
        raise refused(file_name, f"{error}".rstrip(".") + ".") from None
    return plan if today is None else _without_days_to_come(plan, today)


def _without_days_to_come(plan: ImportPlan, today: date) -> ImportPlan:
    promises: list[PlannedPromise] = []
    left_out: list[Unmapped] = []
    for planned in plan.promises:
        refused = days_refused(((m.day, m.status) for m in planned.marks), today)
        if not refused:
            promises.append(planned)
            continue
        title = planned.promise.title[:60]
        left_out.extend(
            Unmapped(f"{count_words('marks', len(days))} of '{title}' ({span_words(days)})", why)
            for why, days in refused.items()
        )
        gone = {day for days in refused.values() for day in days}
        kept = tuple(mark for mark in planned.marks if mark.day not in gone)
        promises.append(replace(planned, marks=kept))
    return replace(plan, promises=tuple(promises), unmapped=(*plan.unmapped, *left_out))


def _plan_from_document(
    document: Any, file_name: str, limits: ImportLimits, known: frozenset[str]
) -> ImportPlan:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FieldError('it is not a tracker export (no "format": "tracker-export")')
    top = Fields(document, "the file")
    version = top.doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FieldError("its format version is missing or not a number")
    if version > FORMAT_VERSION:
        raise FieldError(
            f"it was written by a newer tracker (format version {version}; this one reads "
            f"version {FORMAT_VERSION}); update tracker to import it"
        )
    unmapped = [
        Unmapped(f"field '{key[:40]}'", "this version of tracker does not know it")
        for key in top.doc
        if key not in _TOP_LEVEL
    ]
    promise_docs = top.objects("promises")
    if len(promise_docs) > limits.max_habits:
        raise FieldError(
            f"holds {len(promise_docs):,} promises, more than the {limits.max_habits:,} "
            "an import brings"
        )
    for promise_doc in promise_docs:
        days = len(promise_doc.array("marks"))
        if days > limits.max_rows:
            raise FieldError(
                f"{promise_doc.where} holds {days:,} marks, more than the "
                f"{limits.max_rows:,} days (a hundred years) of one promise"
            )
    rows = sum(len(p.array("marks")) for p in promise_docs)
    rows += len(top.array("quality_time")) + len(top.array("notes"))
    if rows > limits.max_total_rows:
        raise FieldError(f"holds {rows:,} items, more than the {limits.max_total_rows:,} read")
    promises = tuple(_planned_promise(p) for p in promise_docs)
    numbers = Counter(planned.promise.id for planned in promises if planned.promise.id)
    twice = sorted(number for number, times in numbers.items() if times > 1)
    if twice:
        raise FieldError(f"two promises have the id {twice[0]}")
    unmapped.extend(_unknown_fields(promise_docs, _PROMISE_FIELDS, "promise"))
    quality_docs = top.objects("quality_time")
    note_docs = top.objects("notes")
    unmapped.extend(_unknown_fields(quality_docs, _QUALITY_FIELDS, "quality-time entry"))
    unmapped.extend(_unknown_fields(note_docs, _NOTE_FIELDS, "note"))
    extras, extra_unmapped = _extensions(top.child("extensions"), known)
    return ImportPlan(
        source=SOURCE,
        file_name=file_name,
        promises=promises,
        quality=tuple(_quality(q) for q in quality_docs),
        notes=tuple(_note(n) for n in note_docs),
        settings=_settings(top.child("settings")) if top.has("settings") else None,
        extras=extras,
        unmapped=(*unmapped, *extra_unmapped),
    )


def _unknown_fields(docs: list[Fields], known: set[str], what: str) -> list[Unmapped]:
    counted = Counter(key for doc in docs for key in doc.doc if key not in known)
    return [
        Unmapped(
            f"'{key[:40]}' on {count:,} {what if count == 1 else what + 's'}",
            "this version of tracker does not keep it",
        )
        for key, count in sorted(counted.items())
    ]


def _extensions(
    doc: Fields, known: frozenset[str]
) -> tuple[dict[str, tuple[Mapping[str, Any], ...]], list[Unmapped]]:
    extras: dict[str, tuple[Mapping[str, Any], ...]] = {}
    unmapped: list[Unmapped] = []
    for kind in doc.doc:
        items = tuple(item.doc for item in doc.objects(kind))
        if kind in known:
            extras[kind] = items
        elif items:
            words = kind.replace("_", " ")[:40]
            unmapped.append(
                Unmapped(f"{len(items):,} {words}", "this version of tracker does not keep them")
            )
    return extras, unmapped


def _identifier(doc: Fields) -> int:
    return doc.whole("id", 0, high=_MAX_ID)


def _declared(layout: Layout[Any], doc: Fields, identifier: int, given: Any = None) -> Any:
    """The record `layout` reads from `doc`, or the refusal naming its place in the file."""
    try:
        record = layout.from_doc(identifier, doc.doc, doc.where.removeprefix("the file."), given)
    except BadDocument as error:
        raise FieldError(str(error)) from None
    return _validated(record, doc.where)


def _planned_promise(doc: Fields) -> PlannedPromise:
    identifier = _identifier(doc)
    promise: Promise = _declared(PROMISE_STORED, doc, identifier)
    for moment, key in ((promise.start, "start"), (promise.end, "end")):
        if moment is not None and not in_range(moment):
            raise FieldError(
                f"{doc.where}.{key} {moment.isoformat()} lies outside {FIRST_DAY.year} to "
                f"{LAST_DAY.year}, the years tracker keeps"
            )
    marks: dict[date, Mark] = {}
    for mark_doc in doc.objects("marks"):
        mark: Mark = _declared(MARK_STORED, mark_doc, 0, {"promise_id": identifier})
        marks[mark.day] = mark
    return PlannedPromise(promise, tuple(marks[day] for day in sorted(marks)))


def _validated(item: Any, where: str) -> Any:
    try:
        return item.validated()
    except ValidationError as error:
        raise FieldError(f"{where}: {error}".rstrip(".")) from None


def _quality(doc: Fields) -> QualityTime:
    entry = QualityTime(
        id=_identifier(doc),
        day=doc.day("date"),
        minutes=doc.whole("minutes", low=1, high=MAX_QUALITY_MINUTES),
        kind=doc.choice("kind", QualityKind),
        connection=doc.optional_whole("connection", low=1, high=5),
        note=doc.text("note", ""),
        created=doc.moment("created"),
        tags=doc.texts("tags"),
    )
    return _validated(entry, doc.where)


def _note(doc: Fields) -> Note:
    note = Note(
        id=_identifier(doc),
        day=doc.day("date"),
        what_happened=doc.text("what_happened"),
        trigger=doc.choice("trigger", Trigger),
        feeling=doc.text("feeling", ""),
        status=doc.choice("status", NoteStatus, NoteStatus.STILL_HURTS.value),
        let_go_on=doc.optional_day("let_go_on"),
        setback=doc.flag("setback"),
        created=doc.moment("created"),
        updated=doc.moment("updated"),
    )
    return _validated(note, doc.where)


def _settings(doc: Fields) -> Settings:
    defaults = settings_doc(Settings())
    alerts = doc.child("notifications")
    default_alerts = defaults["notifications"]
    day_starts_at = doc.clock_time("day_starts_at", defaults["day_starts_at"])
    if day_starts_at.hour >= 12:
        raise FieldError(f"{doc.where}.day_starts_at should be before 12:00")
    theme = doc.text("theme", defaults["theme"])
    try:
        theme = clean_text(theme, "The theme", max_length=40, required=True)
    except ValidationError as error:
        raise FieldError(f"{doc.where}.theme: {error}".rstrip(".")) from None
    notifications = NotificationSettings(
        show_titles=alerts.flag("show_titles", default_alerts["show_titles"]),
        checkin_time=alerts.clock_time("checkin_time", default_alerts["checkin_time"]),
        quality_nudge_days=alerts.whole(
            "quality_nudge_days", default_alerts["quality_nudge_days"], low=1, high=60
        ),
        quiet_start=alerts.clock_time("quiet_start", default_alerts["quiet_start"]),
        quiet_end=alerts.clock_time("quiet_end", default_alerts["quiet_end"]),
        grace_minutes=alerts.whole("grace_minutes", default_alerts["grace_minutes"], high=240),
    )
    settings = Settings(
        day_starts_at=day_starts_at,
        weekly_quality_minutes=doc.whole(
            "weekly_quality_minutes", defaults["weekly_quality_minutes"], high=7 * 24 * 60
        ),
        journey_start=doc.optional_day("journey_start"),
        theme=theme,
        notifications=replace(notifications, **_later_settings(notifications, alerts)),
    )
    return replace(settings, **_later_settings(settings, doc))


# The settings read one by one above, with their own checks; any other field of the
# model's settings (one added later) is read by its type.
_READ_BY_HAND = frozenset(
    {
        "day_starts_at",
        "weekly_quality_minutes",
        "journey_start",
        "theme",
        "notifications",
        "show_titles",
        "checkin_time",
        "quality_nudge_days",
        "quiet_start",
        "quiet_end",
        "grace_minutes",
    }
)


def _later_settings(model: Any, doc: Fields) -> dict[str, Any]:
    hints = get_type_hints(type(model))
    return {
        item.name: _typed(doc, item.name, hints[item.name])
        for item in fields(model)
        if item.name not in _READ_BY_HAND and item.name in doc.doc
    }


def _typed(doc: Fields, key: str, kind: Any) -> Any:
    """A setting's value read by its type in the model."""
    choices = [arg for arg in get_args(kind) if arg is not type(None)] or [kind]
    if doc.doc.get(key) is None and len(choices) < len(get_args(kind)):
        return None  # an optional setting left unset
    base = choices[0]
    if base is bool:
        return doc.flag(key)
    if base is int:
        return doc.whole(key, high=10**9)
    if base is str:
        return doc.text(key)
    if base is time:
        return doc.clock_time(key)
    if base is date:
        return doc.day(key)
    if isinstance(base, type) and issubclass(base, StrEnum):
        return doc.choice(key, base)
    raise FieldError(f"{doc.where}.{key} cannot be read by this version of tracker")
