"""Taking the data out (JSON, CSV, calendar), bringing it in from other apps, the report.

Every kind of record goes out and comes back: promises with their schedule history,
marks, time together, notes, settings, and every practice table of the store (check-ins,
appreciations, bids, ...), each under its own name in the JSON export's `extensions`:
a practice table added later travels without more code here.

Imports are read and planned outside the lock (a Loop database can take a moment),
then merged into the data and written under ONE hold of the lock, so nothing another
tracker saves meanwhile is lost or duplicated; the store writes the result all or
nothing, after a backup. A dry run merges the same way and writes nothing.

Every file written here follows the store's rules (see `tracker.service.outputs`):
atomic, 0600 (a CSV folder 0700), never through a link, and never over a file tracker
did not write.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import ForeignFileError, ValidationError
from tracker.model import Promise
from tracker.paths import expand_home
from tracker.service import outputs
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.store import kinds as store_kinds
from tracker.store.imports import ImportBatch
from tracker.store.kinds import RecordKind

if TYPE_CHECKING:
    from tracker.formats.data import ExportScope, TrackerData
    from tracker.formats.plan import ImportChanges, ImportPlan

# The JSON export's name for a table whose name is not the one its format reserved.
_EXTENSION_NAMES = {"checkins": "check_ins"}


def extension_name(kind: RecordKind[Any]) -> str:
    """The name of a practice table in the JSON export's `extensions`."""
    return _EXTENSION_NAMES.get(kind.table, kind.table)


def practice_kinds() -> dict[str, RecordKind[Any]]:
    """Every practice table of the store (`tracker.store.kinds.PRACTICE_KINDS`, as it is
    now), by its name in the JSON export."""
    return {extension_name(kind): kind for kind in store_kinds.PRACTICE_KINDS}


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (or, for a dry run, would do).

    `before` is the data as it was merged into, `changes` what was (would be) added:
    `tracker.formats.plan.applied(before, changes)` is the data after. `backup` is the
    backup taken just before writing (None for a dry run, a data file that did not
    exist, or nothing new).
    """

    before: TrackerData
    changes: ImportChanges
    lines: tuple[str, ...]
    backup: Path | None = None


class Exchange(Area):
    """Export, import, report."""

    # -- what there is ---------------------------------------------------------------------

    def snapshot(self) -> TrackerData:
        """Everything kept: promises (archived too), marks, time, notes, settings, and each
        practice table as JSON documents (`TrackerData.extras`, by export name)."""
        from tracker.formats.data import TrackerData

        data = TrackerData.read(self._store)
        extras = {
            name: tuple(record_document(kind, record) for record in self._store.records(kind))
            for name, kind in practice_kinds().items()
        }
        return replace(data, extras=extras)

    def scope(
        self,
        promises: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> ExportScope:
        """What `--promise NAME... --since D --until D` asks for (names as typed)."""
        from tracker.formats.data import ExportScope

        if since is not None and until is not None and until < since:
            raise ValidationError(
                f"--until {until.isoformat()} is before --since {since.isoformat()}."
            )
        if not promises:
            return ExportScope(since=since, until=until)
        ids = frozenset(
            self._store.find_promise(name, include_archived=True).id for name in promises
        )
        return ExportScope(
            promise_ids=ids,
            since=since,
            until=until,
            include_quality=False,
            include_notes=False,
            include_practices=False,
        )

    # -- where files go -------------------------------------------------------------------

    def default_folder(self) -> Path:
        """Where the app offers to save exports and reports (a folder that exists)."""
        from tracker.paths import default_export_folder

        return default_export_folder()

    def suggested_path(self, kind: str, folder: Path, *, include_notes: bool = True) -> Path:
        """A dated name in `folder` for an export (`json`, `csv`, `ics`) or the report,
        saying "with-notes" when the file would hold private writing."""
        from tracker.formats.data import suggested_name

        if kind == "report":
            private = include_notes
        else:
            private = _export_format(kind) is not ExportFormat.ICS and self._holds_private_words()
        return folder / suggested_name(kind, self._context.today(), contains_notes=private)

    def _holds_private_words(self) -> bool:
        """Whether there are notes, letters or check-ins (without reading any marks)."""
        from tracker.formats.tracker_json import PRIVATE_EXTENSIONS

        kinds = practice_kinds()
        return bool(self._store.notes()) or any(
            self._store.records(kinds[name]) for name in PRIVATE_EXTENSIONS
        )

    # -- export ---------------------------------------------------------------------------

    def export(
        self,
        kind: ExportFormat | str,
        out: Path | None = None,
        *,
        scope: ExportScope | None = None,
        folder: Path | None = None,
        plain: bool = False,
    ) -> Change[Path]:
        """Write an export to `out` (a file; a folder for CSV), or under a suggested name
        in `folder` (default: the current folder); `saved` is where it went. An export of
        locked data is locked with the same key, unless `plain`."""
        from tracker.formats.data import ExportScope, suggested_name
        from tracker.formats.tracker_json import holds_private_writing

        chosen = _export_format(kind)
        scope = scope or ExportScope()
        everything = self.snapshot()
        data = scope.narrowed(everything)
        today = self._context.today()
        private = holds_private_writing(data) and chosen is not ExportFormat.ICS
        if out is None:
            name = suggested_name(chosen.value, today, contains_notes=private)
            out = (folder or Path.cwd()) / name
        out = outputs.absolute(out)
        seal = None if plain else self._store.sealer()
        match chosen:
            case ExportFormat.JSON:
                replaced = self._write_json(out, everything, scope, seal)
            case ExportFormat.CSV:
                replaced = self._write_csv(out, everything, scope, seal)
            case ExportFormat.ICS:
                replaced = self._write_ics(out, everything, scope, today, seal)
        what = _export_summary(chosen, data, today)
        verb = "Replaced the earlier export" if replaced else "Exported"
        message = f"{verb} {out}: {what}."
        if seal is not None:
            message += (
                " It is locked like your data (it opens only with your passphrase or "
                "recovery code; --plain writes it readable)."
            )
        elif private:
            message += " It holds private writing (notes, letters or check-ins): keep it safe."
        return Change(out, message)

    def _write_json(
        self, out: Path, data: TrackerData, scope: ExportScope, seal: outputs.Seal | None
    ) -> bool:
        from tracker.formats.tracker_json import export_json, looks_like_tracker_export

        blob = export_json(data, exported=self._context.clock.now(), scope=scope)
        return outputs.write_file(
            out, blob, what="tracker export", ours=looks_like_tracker_export, seal=seal
        )

    def _write_csv(
        self, out: Path, data: TrackerData, scope: ExportScope, seal: outputs.Seal | None
    ) -> bool:
        from tracker.formats.csv_export import export_csv, export_file_names

        names = export_file_names(practice_kinds())
        files = export_csv(data, scope=scope)
        return outputs.write_folder(out, files, ours=names.__contains__, seal=seal)

    def _write_ics(
        self,
        out: Path,
        data: TrackerData,
        scope: ExportScope,
        today: date,
        seal: outputs.Seal | None,
    ) -> bool:
        from tracker.formats.ics import export_ics, is_tracker_calendar
        from tracker.share.zones import zone_name_of

        blob = export_ics(
            data,
            today=today,
            time_zone=zone_name_of(self._context.clock.zone) or "UTC",
            stamp=self._context.clock.now(),
            scope=scope,
        )
        return outputs.write_file(
            out, blob, what="tracker calendar", ours=is_tracker_calendar, seal=seal
        )

    # -- import ---------------------------------------------------------------------------

    def read(self, path: Path, *, source: str | None = None) -> ImportPlan:
        """The plan for the file at `path` (nothing is written): its format recognised or
        `source` (tracker, loop, harsh, dijo); a file that cannot be read is refused in
        one line (`ForeignFileError`)."""
        from tracker.formats.detect import read_import

        path = expand_home(path)
        if _is_locked_file(path):
            return self._read_locked_export(path)
        plan = read_import(
            path,
            today=self._context.today(),
            force=source,
            known_extensions=practice_kinds(),
        )
        return replace(plan, extras=_checked_extensions(plan, path))

    def _read_locked_export(self, path: Path) -> ImportPlan:
        """A tracker export locked like the data (opened with the key of its time)."""
        from tracker.formats.limits import DEFAULT_LIMITS, read_bounded
        from tracker.formats.tracker_json import read_tracker_json

        data = self._store.opened(path, read_bounded(path, DEFAULT_LIMITS.max_file_bytes))
        plan = read_tracker_json(
            data,
            file_name=path.name,
            limits=DEFAULT_LIMITS,
            known_extensions=practice_kinds(),
            today=self._context.today(),
        )
        return replace(plan, extras=_checked_extensions(plan, path))

    def preview(self, path: Path, *, source: str | None = None) -> ImportOutcome:
        """What importing the file would add (`tracker import --dry-run`): nothing is written."""
        from tracker.formats.plan import describe_changes

        plan = self.read(path, source=source)
        before = self.snapshot()
        changes = self._prepared(plan, before)
        return ImportOutcome(before, changes, tuple(describe_changes(changes, dry_run=True)))

    def bring_in(self, path: Path, *, source: str | None = None) -> Change[ImportOutcome]:
        """Import the file: merged into the data without duplicates and written all or
        nothing under one hold of the lock, after a backup."""
        from tracker.formats.plan import describe_changes

        plan = self.read(path, source=source)
        store = self._store
        with store.holding_lock():
            before = self.snapshot()
            changes = self._prepared(plan, before)
            backup = None if changes.is_empty else store.apply_import(self._batch(changes))
        lines = describe_changes(changes, dry_run=False)
        undo = None
        if backup is not None:
            lines.append(f"The data as it was before is kept in {backup}.")
            undo = Undo("Go back to before the import", lambda: store.restore(backup))
        outcome = ImportOutcome(before, changes, tuple(lines), backup)
        return Change(outcome, "\n".join(lines), undo)

    def _prepared(self, plan: ImportPlan, before: TrackerData) -> ImportChanges:
        """The plan merged into `before`, every new item numbered and stamped, and any
        practice record a renumbering left unreadable set aside with the reason."""
        from tracker.formats.plan import Unmapped, merge_plan

        changes = merge_plan(plan, before)
        now = self._context.clock.now()
        kinds = practice_kinds()
        extras: dict[str, tuple[Mapping[str, Any], ...]] = {}
        unmapped = list(changes.unmapped)
        for name, docs in changes.extras.items():
            kept = []
            for doc in docs:
                try:
                    record_from_document(kinds[name], doc)
                except (ValueError, TypeError, ValidationError) as error:
                    words = name.replace("_", " ")
                    unmapped.append(Unmapped(f"one of the {words}", str(error)))
                    continue
                kept.append(doc)
            if kept:
                extras[name] = tuple(kept)
        return replace(
            changes,
            new_promises=tuple(
                replace(planned, promise=_imported_promise(planned.promise, now))
                for planned in changes.new_promises
            ),
            new_quality=tuple(_stamped(entry, now) for entry in changes.new_quality),
            new_notes=tuple(
                replace(note, created=note.created or now, updated=note.updated or now)
                for note in changes.new_notes
            ),
            extras=extras,
            unmapped=tuple(unmapped),
        )

    def _batch(self, changes: ImportChanges) -> ImportBatch:
        kinds = practice_kinds()
        marks = {planned.promise.id: planned.marks for planned in changes.new_promises}
        marks.update(changes.new_marks)
        return ImportBatch(
            new_promises=tuple(planned.promise for planned in changes.new_promises),
            changed_promises=tuple(after for _before, after in changes.moved_starts),
            marks=marks,
            quality=changes.new_quality,
            notes=changes.new_notes,
            settings=changes.settings,
            records={
                kinds[name]: tuple(record_from_document(kinds[name], doc) for doc in docs)
                for name, docs in changes.extras.items()
            },
        )

    # -- the report -----------------------------------------------------------------------

    def report(
        self,
        out: Path | None = None,
        *,
        weeks: int = 8,
        include_notes: bool = False,
        paper: str | None = None,
        folder: Path | None = None,
    ) -> Change[Path]:
        """Write the report for the last `weeks` weeks to `out` (or under a suggested
        name in `folder`); `saved` is where it went."""
        from tracker.formats.data import suggested_name
        from tracker.report import PAPER_SIZES, is_tracker_report, render_report
        from tracker.report.figures import MAX_WEEKS
        from tracker.report.practices import practice_sections

        if isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
            raise ValidationError(f"A report covers 1 to {MAX_WEEKS} weeks.")
        if paper is not None and paper.lower() not in PAPER_SIZES:
            raise ValidationError(f"The paper is {' or '.join(PAPER_SIZES)}, not '{paper[:20]}'.")
        today = self._context.today()
        if out is None:
            name = suggested_name("report", today, contains_notes=include_notes)
            out = (folder or Path.cwd()) / name
        out = outputs.absolute(out)
        data = self.snapshot()
        store = self._store
        sections = practice_sections(
            data,
            checkins=store.records(practice_kinds()["check_ins"]),
            appreciations=store.records(practice_kinds()["appreciations"]),
            bids=store.records(practice_kinds()["bids"]),
            today=today,
            weeks=weeks,
            include_answers=include_notes,
        )
        page = render_report(
            data,
            today=today,
            weeks=weeks,
            include_notes=include_notes,
            paper=paper,
            sections=sections,
        )
        replaced = outputs.write_file(
            out, page.encode("utf-8"), what="tracker report", ours=is_tracker_report
        )
        verb = "Replaced the earlier report" if replaced else "Wrote the report"
        private = (
            " It includes the words of your notes and check-ins: share it with care."
            if include_notes
            else ""
        )
        return Change(
            out,
            f"{verb} {out} ({weeks} weeks). Open it in a browser, and print it to PDF "
            f"from there.{private}",
        )


def _is_locked_file(path: Path) -> bool:
    """Whether `path` is a regular file locked by tracker (a FIFO never blocks here)."""
    from tracker.store.sealing import MAGIC, is_sealed

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False  # the reader says what is wrong with it
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and is_sealed(os.read(fd, len(MAGIC)))
    except OSError:
        return False
    finally:
        os.close(fd)


# -- practice records as export documents -------------------------------------------------------


def record_document(kind: RecordKind[Any], record: Any) -> dict[str, Any]:
    """A practice record as the JSON export holds it: its number, then its fields."""
    return {"id": record.id, **kind.to_doc(record)}


def record_from_document(kind: RecordKind[Any], doc: Mapping[str, Any]) -> Any:
    """The record a JSON export's document describes, validated; raises ValueError (or
    ValidationError) naming what does not fit."""
    number = doc.get("id", 0)
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError("its 'id' should be a whole number")
    body = {key: value for key, value in doc.items() if key != "id"}
    return kind.from_doc(number, body).validated()


def _checked_extensions(plan: ImportPlan, path: Path) -> dict[str, tuple[Mapping[str, Any], ...]]:
    """The plan's practice documents, each read and written back as tracker keeps it (so
    two files saying the same thing in other words are one record); a document that does
    not fit refuses the file, as anything else in tracker's own export does."""
    kinds = practice_kinds()
    checked: dict[str, tuple[Mapping[str, Any], ...]] = {}
    for name, docs in plan.extras.items():
        kind = kinds[name]
        found = []
        for index, doc in enumerate(docs):
            try:
                record = record_from_document(kind, doc)
            except (ValueError, TypeError, ValidationError) as error:
                raise ForeignFileError(
                    f"Cannot import {path}: extensions.{name}[{index}]: {error}".rstrip(".") + "."
                ) from None
            found.append(record_document(kind, record))
        checked[name] = tuple(found)
    return checked


def _imported_promise(promise: Promise, now: datetime) -> Promise:
    """A promise brought from another app: its history was judged there, so its unmarked
    due days are missed from its start on (it counts as added on its start)."""
    if promise.created is not None:
        return promise
    return replace(promise, created=datetime.combine(promise.start, time(), now.tzinfo))


def _stamped(item: Any, now: Any) -> Any:
    return item if item.created is not None else replace(item, created=now)


def _export_format(kind: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(str(kind).strip().lower())
    except ValueError:
        names = ", ".join(item.value for item in ExportFormat)
        raise ValidationError(f"'{str(kind)[:20]}' is not an export format; use {names}.") from None


def _export_summary(kind: ExportFormat, data: TrackerData, today: date) -> str:
    from tracker.formats.ics import active_promises
    from tracker.formats.plan import count_words

    if kind is ExportFormat.ICS:
        return f"{count_words('promises', len(active_promises(data, today)))} as calendar events"
    parts = [
        count_words("promises", len(data.promises)),
        count_words("marks", sum(len(marks) for marks in data.marks.values())),
        count_words("quality_time", len(data.quality)),
        count_words("notes", len(data.notes)),
    ]
    records = sum(len(docs) for docs in data.extras.values())
    if records:
        parts.append(f"{records:,} practice record{'' if records == 1 else 's'}")
    return ", ".join(parts)
