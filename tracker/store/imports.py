"""An import, written all or nothing: the main file and every marks file it adds days to.

An import changes several files at once: the main file (new promises, a start moved
earlier, time together, notes, the practices' records, settings) and the marks file of
each promise it brings days to. They are written as a restore writes its files (see
`recovery`), with a journal:

1. every file the import changes, as it will be, goes into one journal file beside
   the data (`tracker.json.importing`), written atomically: the moment the journal is
   in place, the import has happened;
2. each marks file, then the main file, is replaced (each atomically);
3. the journal is removed (and the removal fsync-ed).

A crash or a kill before step 1 ends leaves nothing of the import (a temp file that
the next open removes). One after it leaves the journal, and whichever tracker next
takes the lock (any write, any backup, or opening the data file) writes the journal's
files again before anything else, and removes it: the import is finished. Writing a
file of the journal twice gives the same file, so a crash while finishing is finished
the same way. No write is ever made on a half-imported state.

The caller holds the lock and has taken a backup; what is written is exactly the
batch it was given, onto the files as they are on disk now.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from tracker.errors import DamagedFileError, StoreError
from tracker.model import (
    NOTE_STORED,
    QUALITY_STORED,
    Mark,
    Note,
    Promise,
    QualityTime,
    Settings,
    promise_document,
)
from tracker.store import codec, schema
from tracker.store.datafiles import DataFiles
from tracker.store.files import (
    dump_json,
    ensure_private_dir,
    read_json,
    remove_file,
    write_atomically,
)
from tracker.store.health import missing_history
from tracker.store.kinds import RecordKind
from tracker.store.schema import (
    HISTORIES,
    MAIN_KIND,
    MARKS,
    MARKS_KIND,
    META_TABLE,
    NOTES,
    PROMISES,
    QUALITY,
    SETTINGS,
    Tables,
    new_tables,
)

JOURNAL_KIND = "tracker-import"
SETTINGS_ID = "1"


@dataclass(frozen=True)
class ImportBatch:
    """Everything one import adds, each item with its final number.

    * `new_promises`: promises the data does not have yet (their numbers are free).
    * `changed_promises`: promises the data has, as they become (a start moved earlier).
    * `marks`: new marks by promise number, for new and existing promises; no day of
      them is marked yet.
    * `quality`, `notes`: new entries; `records`: new practice records, by kind.
    * `settings`: the settings to keep, or None to leave them.
    """

    new_promises: tuple[Promise, ...] = ()
    changed_promises: tuple[Promise, ...] = ()
    marks: Mapping[int, tuple[Mark, ...]] = field(default_factory=dict)
    quality: tuple[QualityTime, ...] = ()
    notes: tuple[Note, ...] = ()
    settings: Settings | None = None
    records: Mapping[RecordKind[Any], tuple[Any, ...]] = field(default_factory=dict)


class StaleImport(StoreError):
    """The batch does not fit the data on disk (it changed since the import was merged)."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"Nothing was imported: {problem} (the data changed while the import was being "
            "prepared). Run the import again."
        )


def write_import(files: DataFiles, batch: ImportBatch, now: datetime) -> None:
    """Write `batch` all or nothing (see the module's documentation); the caller holds
    the lock."""
    main = _main_tables(files, now)
    new_ids = {promise.id for promise in batch.new_promises}
    _add_to_main(main, batch, now)
    shards = {
        promise_id: _marks_tables(files, promise_id, marks, now, new=promise_id in new_ids)
        for promise_id, marks in batch.marks.items()
        if marks
    }
    histories = main[HISTORIES]
    for promise_id in new_ids:
        # A marks file left by a promise that no longer exists is never a new promise's
        # history: renamed aside (kept), as adding a promise does.
        histories.pop(str(promise_id), None)
        _set_aside_orphan(files, promise_id, now)
    for promise_id in shards:
        histories.setdefault(str(promise_id), {"since": now.isoformat()})
    journal = {
        META_TABLE: {"1": {"schema_version": schema.SCHEMA_VERSION, "kind": JOURNAL_KIND}},
        "main": main,
        "marks": {str(promise_id): tables for promise_id, tables in shards.items()},
    }
    write_atomically(files.import_journal, dump_json(journal), subject=files.path)
    _write_files(files, main, shards, now)


def finish_interrupted_import(files: DataFiles, now: datetime) -> bool:
    """Write the files of an import a crash cut short (the caller holds the lock); True
    if there was one."""
    journal = files.import_journal
    try:
        raw = read_json(journal)
    except DamagedFileError as error:
        raise _unreadable_journal(files, str(error)) from error
    if raw is None:
        return False
    try:
        meta = raw[META_TABLE]["1"]
        version = meta["schema_version"]
        if meta["kind"] != JOURNAL_KIND or not 1 <= version <= schema.SCHEMA_VERSION:
            raise ValueError(f"a {meta['kind']} file of format {version}")
        main, _ = schema.upgraded(raw["main"], journal, MAIN_KIND)
        files.check(files.path, MAIN_KIND, main)
        shards: dict[int, Tables] = {}
        for key, tables in raw["marks"].items():
            shard, _ = schema.upgraded(tables, journal, MARKS_KIND)
            files.check(files.marks_path(int(key)), MARKS_KIND, shard)
            shards[int(key)] = shard
    except (DamagedFileError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise _unreadable_journal(files, f"it is not a complete import ({error})") from error
    _write_files(files, main, shards, now)
    return True


def _unreadable_journal(files: DataFiles, problem: str) -> StoreError:
    return StoreError(
        f"An import into {files.path} was interrupted, and its journal "
        f"{files.import_journal} cannot be read: {problem}. The import may be partly "
        f"written. To go back to before it, run: tracker --db '{files.path}' restore "
        "with the backup labelled before-import (tracker backup --list), then delete "
        f"{files.import_journal}."
    )


def _write_files(
    files: DataFiles, main: Tables, shards: Mapping[int, Tables], now: datetime
) -> None:
    """The journal's files, marks files first, the main file last; then the journal goes."""
    if shards:
        ensure_private_dir(files.marks_dir)
    for promise_id, tables in shards.items():
        # This file starts (or goes on with) the promise's history: a damaged file the
        # user set aside gets a dated name, as a first check-off does.
        files.retire_set_aside(promise_id, now)
        write_atomically(files.marks_path(promise_id), dump_json(tables), subject=files.path)
    write_atomically(files.path, dump_json(main))
    remove_file(files.import_journal)
    files.forget_all()


# -- the files as they will be ---------------------------------------------------------------


def _main_tables(files: DataFiles, now: datetime) -> Tables:
    """The main file as it is on disk now, checked, in the current format."""
    raw = files.raw(files.path)
    if raw is None:
        return new_tables(MAIN_KIND)
    tables, _migrated = files.upgraded(raw, files.path, MAIN_KIND)
    files.check(files.path, MAIN_KIND, tables)
    if HISTORIES not in tables:
        tables[HISTORIES] = files.histories_on_disk(tables, now)
    return tables


def _add_to_main(main: Tables, batch: ImportBatch, now: datetime) -> None:
    promises = main.setdefault(PROMISES, {})
    for promise in batch.new_promises:
        promise = promise.validated()
        _insert(promises, promise.id, promise_document(_created(promise, now)), "promise")
    for promise in batch.changed_promises:
        promise = promise.validated()
        if str(promise.id) not in promises:
            raise StaleImport(f"promise number {promise.id} is not there any more")
        promises[str(promise.id)] = promise_document(promise)
    quality = main.setdefault(QUALITY, {})
    for entry in batch.quality:
        entry = entry.validated()
        _insert(quality, entry.id, QUALITY_STORED.to_doc(_created(entry, now)), "entry")
    notes = main.setdefault(NOTES, {})
    for note in batch.notes:
        note = note.validated()
        stamped = replace(_created(note, now), updated=note.updated or note.created or now)
        _insert(notes, note.id, NOTE_STORED.to_doc(stamped), "note")
    if batch.settings is not None:
        main[SETTINGS] = {SETTINGS_ID: codec.settings_to_doc(batch.settings)}
    for kind, records in batch.records.items():
        table = main.setdefault(kind.table, {})
        for record in records:
            # Kept as given, `created` included: it is how a record is known again when
            # the same file is imported twice (`tracker.formats.plan`).
            record = record.validated()
            _insert(table, record.id, kind.to_doc(record), kind.what)


def _created(item: Any, now: datetime) -> Any:
    return item if item.created is not None else replace(item, created=now)


def _insert(table: dict[str, Any], number: int, doc: dict[str, Any], what: str) -> None:
    if number < 1:
        raise StaleImport(f"a new {what} has no number")
    if str(number) in table:
        raise StaleImport(f"{what} number {number} is taken")
    table[str(number)] = doc


def _marks_tables(
    files: DataFiles, promise_id: int, marks: tuple[Mark, ...], now: datetime, *, new: bool
) -> Tables:
    """The promise's marks file as it will be: as it is on disk (none for a new promise),
    with `marks` added."""
    path = files.marks_path(promise_id)
    raw = None if new else files.raw(path)
    if raw is None:
        if not new and files.expects_history(promise_id):
            raise missing_history(files, promise_id)
        tables = new_tables(MARKS_KIND)
    else:
        tables, _migrated = files.upgraded(raw, path, MARKS_KIND)
        files.check(path, MARKS_KIND, tables)
    docs = tables.setdefault(MARKS, {})
    for mark in marks:
        mark = mark.validated()
        key = str(mark.day.toordinal())
        if key in docs:
            raise StaleImport(f"{mark.day.isoformat()} is marked already")
        docs[key] = codec.mark_to_doc(mark, now)
    return tables


def _set_aside_orphan(files: DataFiles, promise_id: int, now: datetime) -> None:
    path = files.marks_path(promise_id)
    if os.path.lexists(path):
        taken = now.astimezone()
        path.rename(path.with_name(f"{path.name}.orphaned-{taken:%Y%m%d-%H%M%S}"))
        files.forget(path)
