"""What an import would add, and the pure merge of that plan into the data already kept.

Every importer turns a file into an `ImportPlan`: promises with their schedule history
and marks, quality time, notes, settings, documents of later kinds (`extras`), and the
items it could not map, each with the reason. `merge_plan(plan, existing)` keeps only
what is new (`ImportChanges`); the faces show `describe_changes(...)` for `--dry-run`
and otherwise hand the changes to the store, in one locked write session.

Identity (what "already there" means, so that importing one file twice changes nothing):

* a promise: its title, trimmed, with runs of spaces made one and case folded (the
  rule the store uses to refuse a second active promise of the same name). Among your
  promises of that title, the one already holding most of its days is taken first,
  then one archived alike (an active one finds your active one; then the same start),
  then any left. Each existing promise matches at most one.
* a mark: (promise, day). A day the existing promise already marked keeps your mark,
  even if the file says otherwise (counted as a conflict, never overwritten).
* a quality-time entry: (day, minutes, kind, note).
* a note: (day, what happened).
* a document of a later kind (a practice record: a check-in, an appreciation, ...):
  the moment it was created (``created``), which no two records share; a document
  without one is identified by all its fields but its number and ``updated``. A record
  already here that the file holds edited keeps your version (counted as a conflict).

Entries and notes are counted as multisets: two identical entries in a file (two
half-hour talks on one evening) are two entries, and each matches one already kept.

A matched promise keeps its own title, schedule and settings; it only gains the marks it
did not have, and its start moves earlier when imported marks come before it (so that
those days count). Settings are taken only into a data file that holds nothing yet.

Numbers: `merge_plan` gives every new item its final number, so that what the store
writes is exactly `applied(existing, changes)`. Into a kind that holds nothing yet, the
file's numbers are kept (a restore keeps `tracker list`'s numbers) when they are all
positive and distinct; otherwise new items are numbered after the highest number of
their kind, in the file's order. In documents of later kinds, a field named
``promise_id`` (a number or null) or ``promise_ids`` (a list of numbers), at any depth,
refers to a promise by its number in the file: it is renumbered with the promise (a
reference to a promise the import does not bring becomes null, or leaves the list).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

import msgspec

from tracker.formats.data import TrackerData
from tracker.model import Mark, Note, Promise, QualityTime, Settings, number_words

# How many names `describe_changes` lists before saying "and N more".
NAMES_SHOWN = 12


@dataclass(frozen=True)
class Unmapped:
    """Something in the file that is not imported, and why (one line for people)."""

    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@dataclass(frozen=True)
class PlannedPromise:
    """A promise to import with its marks (their `promise_id` is the promise's `id`).

    `promise.id` is the id it had in the file (a tracker export) or 0. `approximations`
    say, in plain words, where the other app's rule was mapped to a close one of ours.
    """

    promise: Promise
    marks: tuple[Mark, ...] = ()
    approximations: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """Everything a file would add, before it is compared with what is already kept."""

    source: str
    file_name: str
    promises: tuple[PlannedPromise, ...] = ()
    quality: tuple[QualityTime, ...] = ()
    notes: tuple[Note, ...] = ()
    settings: Settings | None = None
    extras: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    unmapped: tuple[Unmapped, ...] = ()
    remarks: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "promises": len(self.promises),
            "marks": sum(len(p.marks) for p in self.promises),
            "quality_time": len(self.quality),
            "notes": len(self.notes),
            **{kind: len(docs) for kind, docs in sorted(self.extras.items())},
        }


@dataclass(frozen=True)
class ImportChanges:
    """What applying a plan adds: the new part only. Empty when the file was imported before.

    * `new_promises`: promises to add, each with its marks, numbered (see the module's
      documentation: the file's numbers into a data file without promises).
    * `moved_starts`: existing promises whose start moves earlier, as (before, after).
    * `new_marks`: marks for existing promises, by promise id (ids set).
    * `new_quality`, `new_notes`: new entries, numbered as promises are.
    * `settings`: to save, or None to leave the settings alone.
    * `extras`: new documents of later kinds, by kind; those with an ``id`` numbered, and
      their references to promises renumbered.
    * `promise_numbers`: for each promise of the file with a number, the number it has
      here (the promise it matched, or its new number).
    """

    plan: ImportPlan
    new_promises: tuple[PlannedPromise, ...] = ()
    moved_starts: tuple[tuple[Promise, Promise], ...] = ()
    new_marks: Mapping[int, tuple[Mark, ...]] = field(default_factory=dict)
    new_quality: tuple[QualityTime, ...] = ()
    new_notes: tuple[Note, ...] = ()
    settings: Settings | None = None
    extras: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    already_there: Mapping[str, int] = field(default_factory=dict)
    conflicts: tuple[str, ...] = ()
    unmapped: tuple[Unmapped, ...] = ()
    promise_numbers: Mapping[int, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """New items per kind, as `--dry-run` shows them."""
        marks = sum(len(p.marks) for p in self.new_promises)
        marks += sum(len(found) for found in self.new_marks.values())
        return {
            "promises": len(self.new_promises),
            "marks": marks,
            "quality_time": len(self.new_quality),
            "notes": len(self.new_notes),
            **{kind: len(docs) for kind, docs in sorted(self.extras.items())},
        }

    @property
    def is_empty(self) -> bool:
        return not any(self.counts().values()) and not self.moved_starts and self.settings is None


def title_key(title: str) -> str:
    """The identity of a promise title: spaces collapsed, case folded."""
    return " ".join(title.split()).casefold()


def quality_key(entry: QualityTime) -> tuple[date, int, str, str]:
    return (entry.day, entry.minutes, entry.kind.value, entry.note)


def note_key(note: Note) -> tuple[date, str]:
    return (note.day, note.what_happened)


# Fields of a later kind's document that do not make it another record.
_NOT_IDENTITY = frozenset({"id", "updated"})


def extra_key(doc: Mapping[str, Any]) -> str:
    """The identity of a document of a later kind (see the module's documentation)."""
    created = doc.get("created")
    if isinstance(created, str) and created:
        return f"created {created}"
    content = {key: value for key, value in doc.items() if key not in _NOT_IDENTITY}
    return msgspec.json.encode(content, order="sorted").decode()


def _content(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key not in _NOT_IDENTITY}


def merge_plan(plan: ImportPlan, existing: TrackerData) -> ImportChanges:
    """The part of `plan` that `existing` does not hold yet (pure: nothing is written)."""
    already: Counter[str] = Counter()
    conflicts: list[str] = []
    unmapped = list(plan.unmapped)
    usable: list[PlannedPromise] = []
    seen_active: set[str] = set()
    for planned in plan.promises:
        key = title_key(planned.promise.title)
        if not planned.promise.archived and key in seen_active:
            unmapped.append(
                Unmapped(
                    f"promise '{planned.promise.title}'",
                    "the file has two active promises of this title; only the first is imported",
                )
            )
            continue
        if not planned.promise.archived:
            seen_active.add(key)
        usable.append(planned)
    matches = _match_promises(usable, existing.promises, existing.marks_of)
    new_promises: list[PlannedPromise] = []
    new_marks: dict[int, tuple[Mark, ...]] = {}
    moved: list[tuple[Promise, Promise]] = []
    numbers: dict[int, int] = {}
    active_titles = {title_key(p.title) for p in existing.promises if not p.archived}
    for planned, match in zip(usable, matches, strict=True):
        if match is None:
            if not planned.promise.archived and title_key(planned.promise.title) in active_titles:
                unmapped.append(
                    Unmapped(
                        f"promise '{planned.promise.title}'",
                        "you already have an active promise of this title",
                    )
                )
                continue
            new_promises.append(planned)
            continue
        if planned.promise.id:
            numbers[planned.promise.id] = match.id
        already["promises"] += 1
        fresh, same, clashing = _new_marks(planned.marks, existing.marks_of(match.id))
        already["marks"] += same
        conflicts.extend(
            f"'{match.title}' on {day.isoformat()}: you have '{mine}', the file says "
            f"'{theirs}'; yours was kept"
            for day, mine, theirs in clashing
        )
        if fresh:
            new_marks[match.id] = tuple(replace(mark, promise_id=match.id) for mark in fresh)
            first = min(mark.day for mark in fresh)
            if first < match.start:
                moved.append((match, replace(match, start=first)))
    promise_ids = _numbered_ids(
        [planned.promise.id for planned in new_promises], [p.id for p in existing.promises]
    )
    for planned, number in zip(new_promises, promise_ids, strict=True):
        if planned.promise.id:
            numbers[planned.promise.id] = number
    new_promises = [
        _renumbered(planned, number)
        for planned, number in zip(new_promises, promise_ids, strict=True)
    ]
    new_quality, same_quality = _new_items(plan.quality, existing.quality, quality_key)
    new_notes, same_notes = _new_items(plan.notes, existing.notes, note_key)
    already["quality_time"] += same_quality
    already["notes"] += same_notes
    extras: dict[str, tuple[Mapping[str, Any], ...]] = {}
    renumber = any(source != here for source, here in numbers.items())
    for kind, docs in plan.extras.items():
        if renumber:
            docs = tuple(_with_promise_numbers(doc, numbers) for doc in docs)
        held = existing.extras.get(kind, ())
        fresh_docs, same_docs, edited = _new_docs(docs, held)
        already[kind] += same_docs
        if edited:
            words = kind.replace("_", " ")
            conflicts.append(
                f"{edited:,} of the file's {words} you have too, edited since; yours were kept"
            )
        if fresh_docs:
            extras[kind] = _numbered_docs(fresh_docs, held)
    settings = plan.settings if existing.holds_nothing else None
    return ImportChanges(
        plan=plan,
        new_promises=tuple(new_promises),
        moved_starts=tuple(moved),
        new_marks=new_marks,
        new_quality=new_quality,
        new_notes=new_notes,
        settings=settings,
        extras=extras,
        already_there={kind: count for kind, count in already.items() if count},
        conflicts=tuple(conflicts),
        unmapped=tuple(unmapped),
        promise_numbers=numbers,
    )


def _numbered_ids(wanted: Sequence[int], taken: Iterable[int]) -> list[int]:
    """The final numbers of new items: `wanted` (the file's) into a kind with nothing yet
    when they are all positive and distinct, else one after another past the highest."""
    taken = list(taken)
    if not taken and all(number > 0 for number in wanted) and len(set(wanted)) == len(wanted):
        return list(wanted)
    first = max(taken, default=0) + 1
    return list(range(first, first + len(wanted)))


def _with_promise_numbers(doc: Any, numbers: Mapping[int, int]) -> Any:
    """`doc` with its references to promises (`promise_id`, `promise_ids`, at any depth)
    renumbered by `numbers`; a reference to a promise not in `numbers` is dropped."""
    if isinstance(doc, list):
        return [_with_promise_numbers(item, numbers) for item in doc]
    if not isinstance(doc, Mapping):
        return doc
    changed: dict[str, Any] = {}
    for key, value in doc.items():
        if key == "promise_id" and _is_number(value):
            changed[key] = numbers.get(value)
        elif key == "promise_ids" and isinstance(value, list):
            changed[key] = [numbers[v] for v in value if _is_number(v) and v in numbers]
        else:
            changed[key] = _with_promise_numbers(value, numbers)
    return changed


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _numbered_docs(
    fresh: Sequence[Mapping[str, Any]], held: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any], ...]:
    """Documents with an ``id`` numbered like other items (see `_numbered_ids`)."""
    numbered = [doc for doc in fresh if _is_number(doc.get("id"))]
    if not numbered:
        return tuple(fresh)
    held_ids = [doc["id"] for doc in held if _is_number(doc.get("id"))]
    final = iter(_numbered_ids([doc["id"] for doc in numbered], held_ids))
    return tuple({**doc, "id": next(final)} if _is_number(doc.get("id")) else doc for doc in fresh)


def _match_promises(
    planned: Sequence[PlannedPromise], existing: Sequence[Promise], existing_marks: Any
) -> list[Promise | None]:
    """For each planned promise, the existing promise it is (or None: a new one).

    Three rounds: first the promise already holding some of its days (most first), then
    one archived alike (an active one finds your active one), then any left. Within a
    round, planned promises with more marks choose first, preferring more days held, then
    the same start: a file imported twice finds the same promises again.
    """
    by_key: dict[str, list[Promise]] = {}
    for promise in existing:
        by_key.setdefault(title_key(promise.title), []).append(promise)
    taken: set[int] = set()
    found: list[Promise | None] = [None] * len(planned)
    order = sorted(range(len(planned)), key=lambda i: -len(planned[i].marks))
    for rule in ("holding its days", "archived alike", "any"):
        for index in order:
            if found[index] is not None:
                continue
            item = planned[index]
            candidates = [
                p
                for p in by_key.get(title_key(item.promise.title), [])
                if p.id not in taken
                and (rule != "archived alike" or p.archived == item.promise.archived)
            ]
            overlaps = {p.id: _overlap(item, existing_marks(p.id)) for p in candidates}
            if rule == "holding its days":
                candidates = [p for p in candidates if overlaps[p.id]]
            if not candidates:
                continue
            wanted = item.promise

            def preference(
                p: Promise, wanted: Promise = wanted, overlaps: dict[int, int] = overlaps
            ) -> tuple[Any, ...]:
                return (
                    overlaps[p.id],
                    p.start == wanted.start,
                    p.title == wanted.title,
                    not p.archived,
                    p.start,
                    -p.id,
                )

            best = max(candidates, key=preference)
            taken.add(best.id)
            found[index] = best
    return found


def _overlap(item: PlannedPromise, held: Mapping[date, Mark]) -> int:
    return sum(1 for mark in item.marks if mark.day in held)


def _new_marks(
    planned: Iterable[Mark], existing: Mapping[date, Mark]
) -> tuple[list[Mark], int, list[tuple[date, str, str]]]:
    """(marks whose day is free, how many were already there, days marked differently)."""
    fresh: list[Mark] = []
    same = 0
    clashing: list[tuple[date, str, str]] = []
    for mark in planned:
        mine = existing.get(mark.day)
        if mine is None:
            fresh.append(mark)
        elif mine.status is mark.status and mine.amount == mark.amount:
            same += 1  # the same day, status and amount: at most the words differ; yours stay
        else:
            clashing.append((mark.day, _as_marked(mine), _as_marked(mark)))
    return fresh, same, clashing


def _as_marked(mark: Mark) -> str:
    """'kept', or 'missed, 6' for a day with an amount (an amount is told, never dropped)."""
    return (
        mark.status.value
        if mark.amount is None
        else f"{mark.status.value}, {number_words(mark.amount)}"
    )


def _renumbered(planned: PlannedPromise, number: int) -> PlannedPromise:
    if planned.promise.id == number and all(m.promise_id == number for m in planned.marks):
        return planned
    return replace(
        planned,
        promise=replace(planned.promise, id=number),
        marks=tuple(replace(mark, promise_id=number) for mark in planned.marks),
    )


Item = TypeVar("Item", QualityTime, Note)


def _new_items(
    planned: Sequence[Item], existing: Sequence[Item], key: Any
) -> tuple[tuple[Item, ...], int]:
    """(the planned items not already there, numbered; how many were). Counted as
    multisets: two identical entries in a file are two entries, and each matches one
    existing entry."""
    known = Counter(key(item) for item in existing)
    fresh: list[Item] = []
    same = 0
    for item in planned:
        item_key = key(item)
        if known[item_key] > 0:
            known[item_key] -= 1
            same += 1
            continue
        fresh.append(item)
    numbers = _numbered_ids([item.id for item in fresh], [item.id for item in existing])
    numbered = tuple(replace(item, id=number) for item, number in zip(fresh, numbers, strict=True))
    return numbered, same


def _new_docs(
    planned: Sequence[Mapping[str, Any]], existing: Sequence[Mapping[str, Any]]
) -> tuple[tuple[Mapping[str, Any], ...], int, int]:
    """(documents not already here, how many were, how many of those differ from yours)."""
    known: dict[str, list[Mapping[str, Any]]] = {}
    for doc in existing:
        known.setdefault(extra_key(doc), []).append(doc)
    fresh: list[Mapping[str, Any]] = []
    edited = 0
    for doc in planned:
        held = known.get(extra_key(doc))
        if held:
            mine = held.pop()
            edited += _content(mine) != _content(doc)
        else:
            fresh.append(doc)
    return tuple(fresh), len(planned) - len(fresh), edited


_KIND_WORDS = {
    "promises": ("promise", "promises"),
    "marks": ("mark", "marks"),
    "quality_time": ("quality-time entry", "quality-time entries"),
    "notes": ("note", "notes"),
    "appreciations": ("appreciation", "appreciations"),
    "bids": ("bid", "bids"),
    "boundaries": ("boundary", "boundaries"),
    "check_ins": ("check-in", "check-ins"),
    "goals": ("goal", "goals"),
    "letters": ("letter", "letters"),
    "snoozes": ("snoozed reminder", "snoozed reminders"),
    "acknowledgements": ("acknowledgement", "acknowledgements"),
}


def count_words(kind: str, number: int) -> str:
    """'1 note', '3 check-ins': a count of a kind (a kind added later: its own name)."""
    many = kind.replace("_", " ")
    one, many = _KIND_WORDS.get(kind, (many.removesuffix("s"), many))
    return f"{number:,} {one if number == 1 else many}"


def describe_changes(changes: ImportChanges, *, dry_run: bool) -> list[str]:
    """The lines `tracker import` prints: counts per kind, names, what was not mapped and why.

    User text in these lines is plain text; faces render it literally.
    """
    plan = changes.plan
    verb = "Would add" if dry_run else "Added"
    counts = changes.counts()
    lines: list[str] = []
    if changes.is_empty:
        lines.append(f"Nothing new in {plan.file_name}: everything in it is already here.")
    else:
        parts = [count_words(kind, number) for kind, number in counts.items() if number]
        if parts:
            lines.append(f"{verb} from {plan.file_name} ({plan.source}): {', '.join(parts)}.")
        if changes.settings is not None:
            lines.append(f"{'Would take' if dry_run else 'Took'} the settings from the file.")
    if changes.new_promises:
        lines.append("New promises:")
        for planned in changes.new_promises[:NAMES_SHOWN]:
            p = planned.promise
            extra = " (archived)" if p.archived else ""
            per = " a week" if p.schedule.is_weekly_target else ""
            measured = f", {p.measure.describe()}{per}" if p.measure else ""
            lines.append(
                f"  {p.title} · {p.schedule.describe()}{measured}, since {p.start.isoformat()}, "
                f"{count_words('marks', len(planned.marks))}{extra}"
            )
        lines.extend(_more(len(changes.new_promises)))
    for before, after in changes.moved_starts:
        lines.append(
            f"'{before.title}' would start on {after.start.isoformat()} instead of "
            f"{before.start.isoformat()}, so the imported days count."
            if dry_run
            else f"'{before.title}' now starts on {after.start.isoformat()} "
            f"(was {before.start.isoformat()}), so the imported days count."
        )
    already = {kind: n for kind, n in changes.already_there.items() if n}
    if already:
        listed = ", ".join(count_words(kind, n) for kind, n in already.items())
        lines.append(f"Already here (left as they are): {listed}.")
    approximations = [
        f"  {text}" for planned in plan.promises for text in planned.approximations
    ] + [f"  {text}" for text in plan.remarks]
    if approximations:
        lines.append("Mapped approximately:")
        lines.extend(approximations[:NAMES_SHOWN])
        lines.extend(_more(len(approximations)))
    if changes.conflicts:
        lines.append(f"Days you had marked differently ({len(changes.conflicts)}; yours kept):")
        lines.extend(f"  {text}" for text in changes.conflicts[:NAMES_SHOWN])
        lines.extend(_more(len(changes.conflicts)))
    if changes.unmapped:
        lines.append(f"Not imported ({len(changes.unmapped)}):")
        lines.extend(f"  {item}" for item in changes.unmapped[:NAMES_SHOWN])
        lines.extend(_more(len(changes.unmapped)))
    if dry_run:
        lines.append("Nothing was changed (dry run).")
    return lines


def _more(total: int) -> list[str]:
    return [f"  ... and {total - NAMES_SHOWN:,} more"] if total > NAMES_SHOWN else []


def applied(existing: TrackerData, changes: ImportChanges) -> TrackerData:
    """`existing` with `changes` applied, in memory: the reference for what a store must do.

    New items without an id are numbered after the highest id of their kind (as the
    store numbers them); items with an id keep it.
    """
    moved = {before.id: after for before, after in changes.moved_starts}
    promises = [moved.get(p.id, p) for p in existing.promises]
    marks: dict[int, dict[date, Mark]] = {pid: dict(days) for pid, days in existing.marks.items()}
    for promise_id, fresh in changes.new_marks.items():
        marks.setdefault(promise_id, {}).update((mark.day, mark) for mark in fresh)
    next_id = max((p.id for p in promises), default=0) + 1
    for planned in changes.new_promises:
        promise_id = planned.promise.id or next_id
        next_id = max(next_id, promise_id) + 1
        promises.append(replace(planned.promise, id=promise_id))
        marks[promise_id] = {m.day: replace(m, promise_id=promise_id) for m in planned.marks}
    extras = {kind: tuple(docs) for kind, docs in existing.extras.items()}
    for kind, docs in changes.extras.items():
        extras[kind] = _by_number((*extras.get(kind, ()), *docs))
    return replace(
        existing,
        promises=tuple(promises),
        marks=marks,
        quality=_numbered(existing.quality, changes.new_quality),
        notes=_numbered(existing.notes, changes.new_notes),
        settings=changes.settings or existing.settings,
        extras=extras,
    )


def _by_number(docs: Sequence[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    """Documents in the order of their numbers, as the store lists records."""
    if all(_is_number(doc.get("id")) for doc in docs):
        return tuple(sorted(docs, key=lambda doc: int(doc["id"])))
    return tuple(docs)


def _numbered(existing: Sequence[Item], fresh: Sequence[Item]) -> tuple[Item, ...]:
    next_id = max((item.id for item in existing), default=0) + 1
    items = list(existing)
    for item in fresh:
        item_id = item.id or next_id
        next_id = max(next_id, item_id) + 1
        items.append(replace(item, id=item_id))
    return tuple(sorted(items, key=lambda item: (item.day, item.id)))
