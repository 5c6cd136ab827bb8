"""The one door to the data: model objects in and out, TinyDB and the files behind it.

Every change is one *write session*: take the lock, read the file fresh from disk
(never a cached copy, so another process's writes are never lost), apply the
change through TinyDB in memory, validate, and replace the file atomically. A
check-off therefore rewrites one promise's marks, not years of history.

Where the files are and how they are read: `datafiles`; the rules every file follows:
`files`; backups: `backups` and `snapshots`; restore and crash recovery: `recovery`;
damage, modes and the doctor's report: `health`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import (
    DamagedFileError,
    IncompleteBackupError,
    LockedError,
    NotFoundError,
    StoreError,
    ValidationError,
)
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
from tracker.parsing import match_by_name
from tracker.paths import expand_home
from tracker.store import codec, keychain, lock_switch, recovery, snapshots, vault
from tracker.store import health as soundness
from tracker.store.backups import BackupInfo, list_backups
from tracker.store.datafiles import DataFiles, stat_key
from tracker.store.files import (
    dump_json,
    ensure_private_dir,
    remove_stray_temp_files,
    write_atomically,
)
from tracker.store.kinds import R, RecordKind
from tracker.store.locking import LockTimeout, ProcessLock
from tracker.store.markbook import MarkBook
from tracker.store.record import CheckRecord
from tracker.store.schema import (
    FIRED,
    HISTORIES,
    MAIN_KIND,
    MARKS,
    MARKS_KIND,
    NOTES,
    PROMISES,
    QUALITY,
    SETTINGS,
    new_tables,
)
from tracker.store.sealing import Cost, DataKey, PassphraseNeeded, seal

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Document, Table

    from tracker.store.imports import ImportBatch

SETTINGS_ID = 1
BACKUPS_KEPT = 14
LOCK_TIMEOUT_SECONDS = 10.0


def _document(doc: dict[str, Any], doc_id: int) -> Document:
    """A TinyDB document with the id the store chose (a mark's day, the settings record);
    only write sessions build them, and those have loaded TinyDB already."""
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)


def changed_fields(
    current: dict[str, Any], base: dict[str, Any], edited: dict[str, Any]
) -> dict[str, Any]:
    """`current` with the fields that `edited` changed relative to `base` (a three-way merge)."""
    merged = dict(current)
    for key, value in edited.items():
        if base.get(key) != value:
            merged[key] = value
    for key in base.keys() - edited.keys():  # a field the edit cleared (a measure let go)
        merged.pop(key, None)
    return merged


def _replaced_by(new: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    """A TinyDB update that makes a document `new`: a key `new` lacks goes too."""

    def replace_document(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new)

    return replace_document


def _utc_now() -> datetime:
    return datetime.now(UTC)


def resolve_data_path(path: Path) -> Path:
    """The real file behind `path`, resolved once, here at the edge.

    A link (`--db links/mine.json`) is followed to the file it names, so its marks and
    backups are those beside the real file and a save replaces the real file, never
    the link. A link to nothing (a drive not mounted) is an error, not an empty store.
    """
    try:
        path = expand_home(path).absolute()
    except RuntimeError as error:  # ~name of a user who does not exist
        raise StoreError(f"{path} names a home folder that does not exist.") from error
    real = Path(os.path.realpath(path))
    if os.path.lexists(path) and not os.path.exists(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "nothing"
        raise StoreError(
            f"{path} is a link to {target}, which does not exist (a drive that is not "
            "mounted?). Nothing was read or changed: mount it, or give --db the real file."
        )
    return real


class Store:
    """Promises, marks, quality time, notes and settings in one durable, shared data file."""

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = _utc_now,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        backups_kept: int = BACKUPS_KEPT,
        automatic_backups: bool = True,
    ) -> None:
        self.path = resolve_data_path(path)
        self._files = DataFiles(self.path, now)
        self.marks_dir = self._files.marks_dir
        self.backup_dir = self._files.backup_dir
        self._record = CheckRecord(self._files.check_record, self.path.parent)
        self._now = now
        self._backups_kept = backups_kept
        self._automatic_backups = automatic_backups
        self._lock = ProcessLock(self._files.lock_path, timeout=lock_timeout, mode=0o600)
        self._lock_timeout = lock_timeout

    @classmethod
    def open(cls, path: Path, **options: Any) -> Store:
        """Open (or prepare to create) the data file at `path`, refusing a damaged one.

        Finishes a restore a crash cut short, makes every file tracker owns private
        again, and checks the main file (every document of it, unless it is unchanged
        since it was last found sound). Damaged or missing marks files: see `notices`.
        """
        store = cls(path, **options)
        if store.path.is_dir():
            raise DamagedFileError(
                f"{store.path} is a folder, not a data file. Pick a file path with --db."
            )
        ensure_private_dir(store.path.parent)
        store.finish_interrupted_lock_switch()
        recovery.finish_interrupted_restore(store._files, store._locked, store._now())
        if os.path.lexists(store._files.import_journal):
            with store._locked():  # finishes the import a crash cut short
                pass
        soundness.tighten_modes(store._files)
        soundness.check_main(store._files, store._record)
        remove_stray_temp_files(store.path.parent)
        remove_stray_temp_files(store.marks_dir)
        # A backup killed midway leaves its temp file there (a full copy of the data).
        remove_stray_temp_files(store.backup_dir)
        return store

    # -- reading -----------------------------------------------------------------

    def revision(self) -> tuple[object, ...]:
        """Changes whenever any process saved something (for the app to refresh)."""
        try:
            marks_mtime: int | None = os.stat(self.marks_dir).st_mtime_ns
        except OSError:
            marks_mtime = None
        return (stat_key(self.path), marks_mtime)

    def promises(self, include_archived: bool = False) -> list[Promise]:
        found = self._files.models(self.path, MAIN_KIND, PROMISES, codec.promise_from_doc)
        return [p for p in found if include_archived or not p.archived]

    def promise(self, promise_id: int) -> Promise:
        for promise in self.promises(include_archived=True):
            if promise.id == promise_id:
                return promise
        raise NotFoundError(f"There is no promise number {promise_id}.")

    def find_promise(self, query: str, include_archived: bool = False) -> Promise:
        """One promise by number, or by a unique prefix or part of its title."""
        candidates = self.promises(include_archived=include_archived)
        return match_by_name(candidates, query, lambda p: p.title, lambda p: p.id, "promise")

    def marks_of(self, promise_id: int) -> Mapping[date, Mark]:
        """The promise's marks by day: read-only, a snapshot of the file as it was read.

        A marks file the data file lists and the disk lacks is damage, never "no marks".
        """
        entry = self._files.parsed(self._files.marks_path(promise_id), MARKS_KIND)
        if entry is None:
            self._refuse_lost_history(promise_id)
            return MarkBook(promise_id, {})
        return self._files.book(promise_id, entry)

    def all_marks(self, promise_ids: Iterable[int] | None = None) -> dict[int, Mapping[date, Mark]]:
        if promise_ids is None:
            promise_ids = [p.id for p in self.promises(include_archived=True)]
        return {promise_id: self.marks_of(promise_id) for promise_id in promise_ids}

    def quality_entries(self) -> list[QualityTime]:
        entries = self._files.models(self.path, MAIN_KIND, QUALITY, QUALITY_STORED.from_doc)
        return sorted(entries, key=lambda entry: (entry.day, entry.id))

    def notes(self) -> list[Note]:
        notes = self._files.models(self.path, MAIN_KIND, NOTES, NOTE_STORED.from_doc)
        return sorted(notes, key=lambda note: (note.day, note.id))

    def settings(self) -> Settings:
        found = self._files.models(
            self.path, MAIN_KIND, SETTINGS, lambda _id, doc: codec.settings_from_doc(doc)
        )
        return found[0] if found else Settings()

    def fired_since(self, since: datetime) -> set[str]:
        """Keys of reminders fired at or after `since` (an aware datetime)."""
        fired = self._files.models(
            self.path, MAIN_KIND, FIRED, lambda _id, doc: codec.fired_from_doc(doc)
        )
        return {key for key, at in fired if at >= since}

    # -- what is wrong -----------------------------------------------------------

    def notices(self) -> list[str]:
        """Calm one-line notices for the user: each damaged or missing file (archived
        promises' included) with its way back, and a data folder others may write in.

        Cheap enough for every command: only files changed since they were last found
        sound, and not read or written by this process since, are read; a face may ask
        at the end of a command, when what it read and wrote is known. A damaged main
        file raises instead, as every read does.
        """
        damage = self._find_damage()
        return [found.notice() for found in damage] + soundness.folder_warnings(self._files)

    def health(self) -> list[soundness.Finding]:
        """Everything `tracker doctor` says about the data and its backups, each file read
        whole; never raises for damage (it is what the report is for)."""
        counts: dict[str, int] | None = None
        damage: list[soundness.Damage] = []
        error: str | None = None
        if stat_key(self.path) is None:
            findings = [
                soundness.Finding(
                    soundness.Level.NOTE,
                    soundness.DATA,
                    f"{self.path} (empty: created on your first save)",
                )
            ]
        else:
            try:
                counts, damage = self._check_everything()
            except StoreError as problem:
                error = str(problem)
            findings = soundness.data_findings(self._files, counts, damage, error)
        return findings + soundness.backup_findings(self._files, self._now())

    def check_all(self) -> dict[str, int]:
        """Read and validate every file; counts of what is stored. The first damaged or
        missing file raises `DamagedFileError`, with its way back."""
        counts, damage = self._check_everything()
        if damage:
            raise DamagedFileError(damage[0].message, path=damage[0].path, advised=True)
        return counts

    def _check_everything(self) -> tuple[dict[str, int], list[soundness.Damage]]:
        self._files.checked(self.path, MAIN_KIND)
        promises = self.promises(include_archived=True)
        damage: list[soundness.Damage] = []
        marks = 0
        for promise in promises:
            try:
                marks += len(self.marks_of(promise.id))
            except DamagedFileError as error:
                damage.append(
                    soundness.Damage(self._files.marks_path(promise.id), promise, str(error))
                )
        counts = {
            "promises": len(promises),
            "marks": marks,
            "quality_entries": len(self.quality_entries()),
            "notes": len(self.notes()),
        }
        return counts, damage

    def _find_damage(self) -> list[soundness.Damage]:
        if stat_key(self.path) is None:
            return []
        soundness.check_main(self._files, self._record)
        return soundness.find_damage(
            self._files, self._record, self.promises(include_archived=True)
        )

    def _refuse_lost_history(self, promise_id: int) -> None:
        if self._files.expects_history(promise_id):
            raise soundness.missing_history(self._files, promise_id)

    # -- writing -----------------------------------------------------------------

    def add_promise(self, promise: Promise) -> Promise:
        promise = promise.validated()
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(PROMISES)
            self._refuse_duplicate_title(table, promise)
            stored = replace(promise, created=promise.created or self._now())
            new_id = table.insert(promise_document(stored))
            self._set_aside_orphaned_marks(db, new_id)
        return replace(stored, id=new_id)

    def _set_aside_orphaned_marks(self, db: TinyDB, promise_id: int) -> None:
        """A marks file left by a promise that no longer exists must not become a new
        promise's history: it is renamed aside (kept, never deleted)."""
        histories = db.table(HISTORIES)
        if histories.contains(doc_id=promise_id):
            histories.remove(doc_ids=[promise_id])
        path = self._files.marks_path(promise_id)
        if os.path.lexists(path):
            taken = self._now().astimezone()
            path.rename(path.with_name(f"{path.name}.orphaned-{taken:%Y%m%d-%H%M%S}"))
            self._files.forget(path)

    def add_promises(self, promises: Iterable[Promise]) -> list[Promise]:
        """Add several promises in one write (the demo, imports); all or none are stored."""
        validated = [promise.validated() for promise in promises]
        stored: list[Promise] = []
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(PROMISES)
            for promise in validated:
                self._refuse_duplicate_title(table, promise)
                promise = replace(promise, created=promise.created or self._now())
                stored.append(replace(promise, id=table.insert(promise_document(promise))))
                self._set_aside_orphaned_marks(db, stored[-1].id)
        return stored

    def update_promise(self, promise: Promise, base: Promise | None = None) -> Promise:
        """Save an edited promise; its marks stay attached whatever changed.

        With `base` (the promise as it was when the edit began), only the fields the
        edit changed are written, onto the record as it is on disk now: another
        process's change to other fields (an archive from the shell) is kept.
        """
        promise = promise.validated()
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(PROMISES)
            existing = table.get(doc_id=promise.id)
            if existing is None:
                raise NotFoundError(f"There is no promise number {promise.id}.")
            wanted = promise_document(promise)
            if base is not None:
                wanted = changed_fields(existing, promise_document(base), wanted)
            wanted["created"] = existing.get("created")
            stored = codec.promise_from_doc(promise.id, wanted).validated()
            if not stored.archived:
                self._refuse_duplicate_title(table, stored)
            table.update(_replaced_by(promise_document(stored)), doc_ids=[promise.id])
        return stored

    def set_archived(self, promise_id: int, archived: bool) -> Promise:
        promise = self.promise(promise_id)
        return self.update_promise(replace(promise, archived=archived), base=promise)

    def put_mark(self, mark: Mark) -> Mark:
        """Record a mark; marking the same promise and day again replaces it."""
        return self.replace_mark(mark)[0]

    def replace_mark(self, mark: Mark) -> tuple[Mark, Mark | None]:
        """Record a mark; returns it and the mark it replaced on that day, if any (read in
        the same write session: a check-off reads its marks file once)."""
        mark = mark.validated()
        day = mark.day.toordinal()
        with self._locked():
            with self._writing(self._files.marks_path(mark.promise_id), MARKS_KIND) as db:
                # Checked under the lock: a restore cannot remove the promise in between.
                self.promise(mark.promise_id)
                table = db.table(MARKS)
                old = table.get(doc_id=day)
                replaced = None if old is None else codec.mark_from_doc(mark.promise_id, day, old)
                table.upsert(_document(codec.mark_to_doc(mark, self._now()), doc_id=day))
            self._list_histories([mark.promise_id])
        return mark, replaced

    def put_marks(self, marks: Iterable[Mark]) -> int:
        """Record many marks (an import or the demo history), one write per promise."""
        by_promise: dict[int, list[Mark]] = {}
        for mark in marks:
            by_promise.setdefault(mark.promise_id, []).append(mark.validated())
        recorded = self._now()
        with self._locked():
            for promise_id, group in by_promise.items():
                self.promise(promise_id)
                with self._writing(self._files.marks_path(promise_id), MARKS_KIND) as db:
                    table = db.table(MARKS)
                    wanted = {mark.day.toordinal(): mark for mark in group}
                    table.remove(doc_ids=[i for i in wanted if table.contains(doc_id=i)])
                    table.insert_multiple(
                        _document(codec.mark_to_doc(mark, recorded), doc_id=doc_id)
                        for doc_id, mark in wanted.items()
                    )
            self._list_histories(list(by_promise))
        return sum(len(group) for group in by_promise.values())

    def _list_histories(self, promise_ids: list[int]) -> None:
        """Record in the main file that these promises' marks files exist (the caller holds
        the lock and has just written them). Written once per promise, when its marks file
        is new, never on each mark; a crash before it leaves a file not yet listed, which
        is harmless and listed by the next mark."""
        listed = self._files.histories()
        new = [pid for pid in promise_ids if listed is None or pid not in listed]
        if not new:
            return
        since = self._now().isoformat()
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(HISTORIES)
            for promise_id in new:
                if os.path.lexists(self._files.marks_path(promise_id)):
                    table.upsert(_document({"since": since}, doc_id=promise_id))

    def add_many(self, entries: Iterable[QualityTime | Note]) -> int:
        """Store many new quality-time entries and notes in one write (imports, the demo)."""
        now = self._now()
        docs: dict[str, list[dict[str, Any]]] = {QUALITY: [], NOTES: []}
        for entry in entries:
            if isinstance(entry, QualityTime):
                entry = replace(entry.validated(), created=entry.created or now)
                docs[QUALITY].append(QUALITY_STORED.to_doc(entry))
            else:
                entry = entry.validated()
                entry = replace(entry, created=entry.created or now, updated=entry.updated or now)
                docs[NOTES].append(NOTE_STORED.to_doc(entry))
        with self._writing(self.path, MAIN_KIND) as db:
            for table_name, table_docs in docs.items():
                if table_docs:
                    db.table(table_name).insert_multiple(table_docs)
        return sum(len(table_docs) for table_docs in docs.values())

    def remove_mark(self, promise_id: int, day: date) -> Mark | None:
        """Delete a mark; returns what was removed (None if the day had no mark)."""
        path = self._files.marks_path(promise_id)
        if stat_key(path) is None:
            self._refuse_lost_history(promise_id)
            return None
        with self._writing(path, MARKS_KIND) as db:
            table = db.table(MARKS)
            doc = table.get(doc_id=day.toordinal())
            if doc is None:
                return None
            table.remove(doc_ids=[day.toordinal()])
        return codec.mark_from_doc(promise_id, day.toordinal(), doc)

    def add_quality(self, entry: QualityTime) -> QualityTime:
        """Store a quality-time entry; an entry with an id (an undone delete) gets it back."""
        entry = replace(entry.validated(), created=entry.created or self._now())
        return replace(entry, id=self._insert(QUALITY, QUALITY_STORED.to_doc(entry), entry.id))

    def update_quality(self, entry: QualityTime, base: QualityTime | None = None) -> QualityTime:
        """Save an edited entry; with `base`, only the fields the edit changed."""
        entry = entry.validated()
        base_doc = None if base is None else QUALITY_STORED.to_doc(base)
        doc = self._replace(
            QUALITY, entry.id, QUALITY_STORED.to_doc(entry), "quality-time entry", base_doc
        )
        return QUALITY_STORED.from_doc(entry.id, doc)

    def delete_quality(self, entry_id: int) -> QualityTime:
        doc = self._remove(QUALITY, entry_id, "quality-time entry")
        return QUALITY_STORED.from_doc(entry_id, doc)

    def add_note(self, note: Note) -> Note:
        now = self._now()
        note = replace(note.validated(), created=note.created or now, updated=note.updated or now)
        return replace(note, id=self._insert(NOTES, NOTE_STORED.to_doc(note), note.id))

    def update_note(self, note: Note, base: Note | None = None) -> Note:
        """Save an edited note; with `base`, only the fields the edit changed."""
        note = replace(note.validated(), updated=self._now())
        base_doc = None if base is None else NOTE_STORED.to_doc(replace(base, updated=note.updated))
        doc = self._replace(NOTES, note.id, NOTE_STORED.to_doc(note), "note", base_doc)
        return NOTE_STORED.from_doc(note.id, doc)

    def delete_note(self, note_id: int) -> Note:
        return NOTE_STORED.from_doc(note_id, self._remove(NOTES, note_id, "note"))

    # -- the couple's practices (see `kinds`) ------------------------------------------

    def records(self, kind: RecordKind[R]) -> list[R]:
        """Every record of `kind`, oldest first (by number)."""
        found = self._files.models(self.path, MAIN_KIND, kind.table, kind.from_doc)
        return sorted(found, key=lambda record: record.id)

    def record(self, kind: RecordKind[R], record_id: int) -> R:
        for record in self.records(kind):
            if record.id == record_id:
                return record
        raise NotFoundError(f"There is no {kind.what} number {record_id}.")

    def add_record(self, kind: RecordKind[R], record: R) -> R:
        """Store a new record (stamped now); one with a number (an undone delete) gets it
        back if it is free."""
        record = self._stamped(record.validated(), new=True)
        new_id = self._insert(kind.table, kind.to_doc(record), record.id)
        return replace(record, id=new_id)

    def add_records(self, kind: RecordKind[R], records: Iterable[R]) -> list[R]:
        """Store many new records of `kind` in one write (the demo); all of them or none."""
        stamped = [self._stamped(record.validated(), new=True) for record in records]
        if not stamped:
            return []
        with self._writing(self.path, MAIN_KIND) as db:
            ids = db.table(kind.table).insert_multiple(kind.to_doc(record) for record in stamped)
        return [replace(record, id=new_id) for record, new_id in zip(stamped, ids, strict=True)]

    def update_record(self, kind: RecordKind[R], record: R, base: R | None = None) -> R:
        """Save an edited record; with `base`, only the fields the edit changed."""
        record = self._stamped(record.validated(), new=False)
        base_doc = None
        if base is not None:
            base_doc = kind.to_doc(base)
        doc = self._replace(kind.table, record.id, kind.to_doc(record), kind.what, base_doc)
        return kind.from_doc(record.id, doc)

    def delete_record(self, kind: RecordKind[R], record_id: int) -> R:
        return kind.from_doc(record_id, self._remove(kind.table, record_id, kind.what))

    def write_records(
        self,
        *,
        update: tuple[RecordKind[R], R, R | None] | None = None,
        add: Sequence[tuple[RecordKind[Any], Any]] = (),
        remove: Sequence[tuple[RecordKind[Any], int]] = (),
    ) -> tuple[R | None, list[Any]]:
        """One record edited (with its `base`, like `update_record`), records added and
        records removed, in one write: all of it is saved, or none.

        A record to remove that is gone already is passed over, so a change taken back
        twice (a retried undo) does not fail. Returns the edited record as stored and
        the added ones with their numbers.
        """
        stamped = [(kind, self._stamped(record.validated(), new=True)) for kind, record in add]
        edited: R | None = None
        added: list[Any] = []
        with self._writing(self.path, MAIN_KIND) as db:
            if update is not None:
                kind, record, base = update
                record = self._stamped(record.validated(), new=False)
                table = db.table(kind.table)
                existing = table.get(doc_id=record.id)
                if existing is None:
                    raise NotFoundError(f"There is no {kind.what} number {record.id}.")
                doc = kind.to_doc(record)
                if base is not None:
                    doc = changed_fields(dict(existing), kind.to_doc(base), doc)
                table.upsert(_document(doc, doc_id=record.id))
                edited = kind.from_doc(record.id, doc)
            for added_kind, new in stamped:
                table = db.table(added_kind.table)
                doc = added_kind.to_doc(new)
                if new.id and not table.contains(doc_id=new.id):
                    new_id = table.insert(_document(doc, doc_id=new.id))
                else:
                    new_id = table.insert(doc)
                added.append(replace(new, id=new_id))
            for removed_kind, doc_id in remove:
                table = db.table(removed_kind.table)
                if table.contains(doc_id=doc_id):
                    table.remove(doc_ids=[doc_id])
        return edited, added

    def _stamped(self, record: R, *, new: bool) -> R:
        """`created` (if new and unset) and `updated` stamps, for the kinds that carry them."""
        from tracker.practices.records import Record  # not loaded for a check-off

        if not isinstance(record, Record):
            return record
        now = self._now()
        created = record.created or now if new else record.created
        return replace(record, created=created, updated=now)

    def save_settings(self, settings: Settings) -> Settings:
        """Replace all settings (a first run, the demo); edits use `change_settings`."""
        return self.change_settings(lambda _current: settings)

    def change_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Apply `change` to the settings as they are on disk now, under the lock.

        The app and `tracker config` in a terminal can both change settings without
        undoing each other's choices.
        """
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(SETTINGS)
            current = codec.settings_from_doc(table.get(doc_id=SETTINGS_ID))
            changed = change(current)
            table.upsert(_document(codec.settings_to_doc(changed), doc_id=SETTINGS_ID))
        return changed

    def claim_fired(self, keys: Iterable[str], at: datetime, keep_since: datetime) -> list[str]:
        """Record reminders as fired; returns the keys no process had recorded before.

        Claiming under the lock before notifying is what keeps the app and the
        reminder service from both showing one reminder. Records older than
        `keep_since` are dropped.
        """
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(FIRED)
            old_ids = [
                doc.doc_id for doc in table.all() if codec.fired_from_doc(doc)[1] < keep_since
            ]
            if old_ids:
                table.remove(doc_ids=old_ids)
            known = {doc["key"] for doc in table.all()}
            claimed = [key for key in dict.fromkeys(keys) if key not in known]
            if claimed:
                table.insert_multiple({"key": key, "at": at.isoformat()} for key in claimed)
        return claimed

    # -- imports -------------------------------------------------------------------

    @contextmanager
    def holding_lock(self) -> Iterator[None]:
        """Hold the write lock across reads and writes: an import reads the data, merges
        the file into it and writes the result, and no other process writes in between."""
        with self._locked():
            yield

    def apply_import(self, batch: ImportBatch) -> Path | None:
        """Write everything an import adds, all or nothing (see `tracker.store.imports`),
        after a backup of the data as it was; returns that backup (None for a data file
        that did not exist yet). Promises, time together and notes without a `created`
        stamp are stamped now; practice records are kept exactly as given."""
        with self._locked():
            backup = None
            if stat_key(self.path) is not None:
                backup = self._write_backup("before-import")
            from tracker.store.imports import write_import

            write_import(self._files, batch, self._now())
        return backup

    # -- the lock (encryption at rest: `lock_switch`, `vault`) ----------------------

    def finish_interrupted_lock_switch(self) -> None:
        """Finish turning the lock on or off, if a crash cut it short (before any read)."""
        folder = self.path.parent
        lock_switch.remove_abandoned_switches(folder)
        if lock_switch.switch_pending(folder):
            with self._locked():
                lock_switch.finish_interrupted_switch(folder)

    def refuse_locked_without_key_file(self) -> None:
        """Say so when the data file is locked but its folder lost the lock's key file."""
        lock_switch.refuse_sealed_data_without_key_file(self.path)

    def is_locked(self) -> bool:
        """Whether the lock is on for this data folder."""
        return vault.is_locked(self.path.parent)

    def is_unlocked(self) -> bool:
        """Whether this process holds the key of the locked data folder."""
        return vault.known_key(self.path.parent) is not None

    def unlock(self, secret: str) -> None:
        """Open the locked data folder for this process (the key is derived once)."""
        lock_switch.unlock(self.path.parent, secret)

    def sealer(self) -> Callable[[bytes], bytes] | None:
        """Seals bytes with the open lock's key (an export of locked data); None if the
        lock is off."""
        key = vault.known_key(self.path.parent) if self.is_locked() else None
        if key is None:
            return None
        return lambda content: seal(key, content)

    def opened(self, path: Path, data: bytes) -> bytes:
        """The content of a file read elsewhere (an export to import), opened if sealed."""
        return vault.for_reading(path, data)

    def remember_key(self) -> None:
        """Keep the open lock's key in the desktop keyring (`keychain`)."""
        key = vault.known_key(self.path.parent)
        if key is None:
            raise PassphraseNeeded("The lock is not open: give the passphrase first.")
        keychain.remember(self.path.parent, key)

    def forget_remembered_key(self) -> bool:
        return keychain.forget(self.path.parent)

    def is_key_remembered(self) -> bool:
        key = keychain.recall(self.path.parent)
        return key is not None and self._is_this_lock(key)

    def open_from_keyring(self) -> bool:
        """Open the lock with the key the desktop keyring keeps; False if it keeps none
        (or one of an earlier lock)."""
        key = keychain.recall(self.path.parent)
        if key is None or not self._is_this_lock(key):
            return False
        vault.remember(self.path.parent, key)
        return True

    def _is_this_lock(self, key: DataKey) -> bool:
        return lock_switch.key_id(self.path.parent) == key.key_id

    def key_to_hand_over(self) -> bytes | None:
        """The open lock's key, for a child process of this one (None if not locked)."""
        return vault.handed_over(self.path.parent) if self.is_locked() else None

    def take_over_key(self, data: bytes) -> None:
        """Open the lock with the key a parent process handed over."""
        vault.take_over(self.path.parent, data)

    def change_passphrase(self, passphrase: str, cost: Cost) -> None:
        """Wrap the data key with a new passphrase; no data file is rewritten."""
        key = vault.known_key(self.path.parent)
        if key is None:
            raise PassphraseNeeded("The lock is not open: give the current passphrase first.")
        with self._locked():
            lock_switch.change_passphrase(self.path.parent, key, passphrase, cost)

    def lock_on(
        self, passphrase: str, recovery_code: str, cost: Cost, also: tuple[Path, ...] = ()
    ) -> lock_switch.Switched:
        """Seal every file of the data folder (and of the folders `also`), after a backup."""
        with self._locked():
            if stat_key(self.path) is not None:
                self._write_backup("before-lock")
            return lock_switch.switch_on(self._files, passphrase, recovery_code, cost, also)

    def lock_off(self, also: tuple[Path, ...] = ()) -> lock_switch.Switched:
        """Open every sealed file of the data folder for good, after a backup."""
        with self._locked():
            if stat_key(self.path) is not None:
                self._write_backup("before-unlock")
            return lock_switch.switch_off(self._files, also)

    # -- backups and restore -----------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        """Newest first; those dated in the future (a wrong clock) last, flagged."""
        return list_backups(self.path, self._now())

    def backup(self, label: str = "manual") -> Path:
        with self._locked():
            return self._write_backup(label)

    def backup_if_due(self) -> Path | None:
        """Take today's automatic backup now if it is not taken yet; returns its path.

        Writes take it themselves before the day's first change; the app calls this in a
        worker at start and at the day's rollover, so that first change need not wait.
        """
        with self._locked():
            return snapshots.backup_if_due(
                self._files, self._record, self._now(), self._backups_kept
            )

    def _write_backup(self, label: str) -> Path:
        return snapshots.write_backup(
            self._files, self._record, label, self._now(), self._backups_kept
        )

    def restore(self, backup_path: Path, *, force: bool = False) -> Path:
        """Replace all data with a backup's; returns the safety copy taken just before.

        A backup that lacks the history of a promise whose history the data has (it
        could not read that file when it was taken) is refused with
        `IncompleteBackupError`; with `force`, it is restored and that history stays
        as it is. A restore cut short is finished by the next open (see `recovery`).
        """
        # The user's own path to a backup: a link there is their choice, followed here.
        backup_path = Path(os.path.realpath(expand_home(backup_path)))
        plan = recovery.read_backup(self._files, backup_path)
        with self._locked():
            at_risk = recovery.histories_at_risk(self._files, plan)
            if at_risk and not force:
                raise self._incomplete_backup(backup_path, plan, at_risk)
            if self._readable():
                safety: Path | None = self._write_backup("before-restore")
            else:
                # Damaged, or from a newer tracker: kept byte for byte, never overwritten.
                safety = recovery.keep_unreadable_files(self._files, self._now())
            write_atomically(self._files.restore_marker, str(backup_path))
            recovery.apply(self._files, plan, self._now())
        return safety if safety is not None else backup_path

    def _incomplete_backup(
        self, backup_path: Path, plan: recovery.RestorePlan, at_risk: list[int]
    ) -> IncompleteBackupError:
        titles = {
            int(key): str(doc.get("title", key)) if isinstance(doc, dict) else key
            for key, doc in (plan.main.get(PROMISES) or {}).items()
        }
        named = ", ".join(f"'{titles.get(pid, pid)}' ({pid}.json)" for pid in at_risk)
        return IncompleteBackupError(
            f"{backup_path} does not hold the history of {named}: that file could not be "
            "read when the backup was taken, so restoring it would leave the promise "
            "without its history. Nothing was changed. "
            f"{self._files.way_back(self._files.marks_path(at_risk[0]))}",
            lacking=[f"{pid}.json" for pid in at_risk],
        )

    def _readable(self) -> bool:
        try:
            self.check_all()
        except StoreError:
            return False
        return True

    # -- internals ---------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except LockTimeout as error:
            raise LockedError(
                f"Another tracker has been saving to {self.path} for over "
                f"{self._lock_timeout:g} seconds, so nothing was saved. Try again; if it "
                "keeps happening, close other tracker windows or services."
            ) from error
        except PermissionError as error:
            raise StoreError(
                f"Nothing was saved: there is no permission to write in {self.path.parent}."
            ) from error
        except OSError as error:
            raise self._lock_error(error) from error
        try:
            if self._lock.depth == 1 and os.path.lexists(self._files.import_journal):
                # Nothing is read or written on a half-written import (see `imports`).
                from tracker.store.imports import finish_interrupted_import

                finish_interrupted_import(self._files, self._now())
            yield
        finally:
            self._lock.release()

    def _lock_error(self, error: OSError) -> StoreError:
        lock = self._files.lock_path
        if error.errno == errno.ELOOP:
            return StoreError(
                f"Nothing was saved: {lock} is a symbolic link, which tracker never follows "
                f"(another user may have planted it). Remove it (rm '{lock}') and try again."
            )
        if error.errno == errno.ENOSPC:
            return StoreError(f"Nothing was saved: the disk is full. {self.path} is unchanged.")
        return StoreError(f"Nothing was saved: {lock} cannot be opened ({error.strerror}).")

    @contextmanager
    def _writing(self, path: Path, kind: str) -> Iterator[TinyDB]:
        """One write session on one file: fresh read under the lock, one atomic write."""
        from tracker.store import session  # TinyDB: loaded by the first write only

        with self._locked():
            if kind == MARKS_KIND and stat_key(path) is None:
                # Never a new, empty history over one that went missing (nor a backup).
                self._refuse_lost_history(int(path.stem))
            if self._automatic_backups:
                snapshots.backup_if_due(self._files, self._record, self._now(), self._backups_kept)
            key_before = stat_key(path)
            raw = self._files.raw(path)
            if raw is None:
                if kind == MARKS_KIND:
                    self._refuse_lost_history(int(path.stem))
                tables, migrated = new_tables(kind), False
            else:
                tables, migrated = self._files.upgraded(raw, path, kind)
                known_good = self._files.is_checked(path, key_before)
                if migrated or not known_good or stat_key(path) != key_before:
                    self._files.check(path, kind, tables)
                if migrated:
                    self._write_backup("before-upgrade")
            listing = kind == MAIN_KIND and HISTORIES not in tables
            if listing:
                # Upgraded from format 1: which marks files exist is read from the disk,
                # under the lock, and written with this change.
                tables[HISTORIES] = self._files.histories_on_disk(tables, self._now())
            storage = session.MemoryStorage(tables)
            yield session.database(storage)
            if storage.changed or migrated or listing:
                # What was there is valid (checked above) and what was added came
                # from validated model objects, so the result reads back.
                if path.parent == self.marks_dir:
                    ensure_private_dir(self.marks_dir)
                    if raw is None:
                        self._files.retire_set_aside(int(path.stem), self._now())
                write_atomically(path, dump_json(storage.tables), subject=self.path)
                # Known sound here; other processes read it once (see `record`).
                self._files.remember(path, storage.tables, through_tinydb=storage.changed)

    def _insert(self, table_name: str, doc: dict[str, Any], wanted_id: int) -> int:
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(table_name)
            if wanted_id and not table.contains(doc_id=wanted_id):
                return table.insert(_document(doc, doc_id=wanted_id))
            return table.insert(doc)

    def _replace(
        self,
        table_name: str,
        doc_id: int,
        doc: dict[str, Any],
        what: str,
        base_doc: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write a whole document, or (with `base_doc`) only the fields that differ from it."""
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(table_name)
            existing = table.get(doc_id=doc_id)
            if existing is None:
                raise NotFoundError(f"There is no {what} number {doc_id}.")
            if base_doc is not None:
                doc = changed_fields(existing, base_doc, doc)
            table.upsert(_document(doc, doc_id=doc_id))
        return doc

    def _remove(self, table_name: str, doc_id: int, what: str) -> dict[str, Any]:
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(table_name)
            doc = table.get(doc_id=doc_id)
            if doc is None:
                raise NotFoundError(f"There is no {what} number {doc_id}.")
            table.remove(doc_ids=[doc_id])
        return dict(doc)

    @staticmethod
    def _refuse_duplicate_title(table: Table, promise: Promise) -> None:
        wanted = " ".join(promise.title.split()).casefold()
        for doc in table.all():
            same = " ".join(str(doc.get("title", "")).split()).casefold() == wanted
            if same and doc.doc_id != promise.id and not doc.get("archived", False):
                raise ValidationError(
                    f"You already have a promise called '{doc['title']}'. "
                    "Pick another title, or edit that one."
                )
