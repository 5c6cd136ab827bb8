"""The one door to the data: model objects in and out, TinyDB and the files behind it.

Layout on disk, for a data file `tracker.json`:

    tracker.json          promises, quality time, notes, settings, fired reminders
    tracker.marks/7.json  the marks of promise 7 (one small file per promise)
    tracker.json.lock     the cross-process lock (an OS lock: it dies with its process)
    backups/tracker-20261125-201500-auto.json   whole-store snapshots

Every change is one *write session*: take the lock, read the file fresh from disk
(never a cached copy, so another process's writes are never lost), apply the
change through TinyDB in memory, validate, and replace the file atomically. A
check-off therefore rewrites one promise's marks, not years of history.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.errors import (
    DamagedFileError,
    LockedError,
    NotFoundError,
    StoreError,
    ValidationError,
)
from tracker.model import Mark, Note, Promise, QualityTime, Settings
from tracker.parsing import match_by_name
from tracker.store import codec
from tracker.store.backups import (
    AUTOMATIC,
    BackupInfo,
    backup_dir_for,
    backup_name,
    backups_to_prune,
    list_backups,
    newest_good_backup,
)
from tracker.store.files import (
    dump_json,
    ensure_private_dir,
    read_json,
    remove_stray_temp_files,
    write_atomically,
)
from tracker.store.locking import LockTimeout, ProcessLock
from tracker.store.markbook import MarkBook
from tracker.store.schema import (
    BACKUP_KIND,
    MAIN_KIND,
    MARKS_KIND,
    META_TABLE,
    SCHEMA_VERSION,
    Tables,
    new_tables,
    readable_version,
    upgraded,
)

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Document, Table

PROMISES = "promises"
QUALITY = "quality"
NOTES = "notes"
SETTINGS = "settings"
FIRED = "fired"
MARKS = "marks"
SETTINGS_ID = 1
BACKUPS_KEPT = 14
LOCK_TIMEOUT_SECONDS = 10.0

Model = TypeVar("Model")
StatKey = tuple[int, int, int]


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
    return merged


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _stat_key(path: Path) -> StatKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


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
        self.path = Path(path).expanduser().absolute()
        self.marks_dir = self.path.with_name(self.path.stem + ".marks")
        self.backup_dir = backup_dir_for(self.path)
        self._now = now
        self._backups_kept = backups_kept
        self._automatic_backups = automatic_backups
        self._lock = ProcessLock(Path(f"{self.path}.lock"), timeout=lock_timeout, mode=0o600)
        self._lock_timeout = lock_timeout
        self._parsed: dict[Path, tuple[StatKey, Tables]] = {}
        self._decoded: dict[tuple[Path, str], tuple[StatKey, list[Any]]] = {}
        self._books: dict[Path, tuple[StatKey, MarkBook]] = {}
        self._valid: dict[Path, StatKey] = {}

    @classmethod
    def open(cls, path: Path, **options: Any) -> Store:
        """Open (or prepare to create) the data file at `path`, refusing a damaged one."""
        store = cls(path, **options)
        if store.path.is_dir():
            raise DamagedFileError(
                f"{store.path} is a folder, not a data file. Pick a file path with --db."
            )
        ensure_private_dir(store.path.parent)
        store._finish_interrupted_restore()
        store.promises(include_archived=True)
        remove_stray_temp_files(store.path.parent)
        remove_stray_temp_files(store.marks_dir)
        # A backup killed midway leaves its temp file there (a full copy of the data).
        remove_stray_temp_files(store.backup_dir)
        return store

    # -- reading -----------------------------------------------------------------

    def revision(self) -> tuple[object, ...]:
        """Changes whenever any process saved something (for the app to refresh)."""
        marks_key = _stat_key(self.marks_dir)
        return (_stat_key(self.path), marks_key[1] if marks_key else None)

    def promises(self, include_archived: bool = False) -> list[Promise]:
        found = self._read_models(self.path, MAIN_KIND, PROMISES, codec.promise_from_doc)
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
        """The promise's marks by day: read-only, a snapshot of the file as it was read."""
        path = self._marks_path(promise_id)
        tables = self._read_tables(path, MARKS_KIND)
        if tables is None:
            return MarkBook(promise_id, {})
        key = self._parsed[path][0]
        cached = self._books.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        docs = self._checked_marks(path, promise_id, tables)
        book = MarkBook(promise_id, docs)
        self._books[path] = (key, book)
        return book

    def all_marks(self, promise_ids: Iterable[int] | None = None) -> dict[int, Mapping[date, Mark]]:
        if promise_ids is None:
            promise_ids = [p.id for p in self.promises(include_archived=True)]
        return {promise_id: self.marks_of(promise_id) for promise_id in promise_ids}

    def quality_entries(self) -> list[QualityTime]:
        entries = self._read_models(self.path, MAIN_KIND, QUALITY, codec.quality_from_doc)
        return sorted(entries, key=lambda entry: (entry.day, entry.id))

    def notes(self) -> list[Note]:
        notes = self._read_models(self.path, MAIN_KIND, NOTES, codec.note_from_doc)
        return sorted(notes, key=lambda note: (note.day, note.id))

    def settings(self) -> Settings:
        found = self._read_models(
            self.path, MAIN_KIND, SETTINGS, lambda _id, doc: codec.settings_from_doc(doc)
        )
        return found[0] if found else Settings()

    def fired_since(self, since: datetime) -> set[str]:
        """Keys of reminders fired at or after `since` (an aware datetime)."""
        fired = self._read_models(
            self.path, MAIN_KIND, FIRED, lambda _id, doc: codec.fired_from_doc(doc)
        )
        return {key for key, at in fired if at >= since}

    # -- writing -----------------------------------------------------------------

    def add_promise(self, promise: Promise) -> Promise:
        promise = promise.validated()
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(PROMISES)
            self._refuse_duplicate_title(table, promise)
            stored = replace(promise, created=promise.created or self._now())
            new_id = table.insert(codec.promise_to_doc(stored))
            self._set_aside_orphaned_marks(new_id)
        return replace(stored, id=new_id)

    def _set_aside_orphaned_marks(self, promise_id: int) -> None:
        """A marks file left by a promise that no longer exists must not become a new
        promise's history: it is renamed aside (kept, never deleted)."""
        path = self._marks_path(promise_id)
        if path.exists():
            taken = self._now().astimezone()
            path.rename(path.with_name(f"{path.name}.orphaned-{taken:%Y%m%d-%H%M%S}"))
            self._forget(path)

    def add_promises(self, promises: Iterable[Promise]) -> list[Promise]:
        """Add several promises in one write (the demo, imports); all or none are stored."""
        validated = [promise.validated() for promise in promises]
        stored: list[Promise] = []
        with self._writing(self.path, MAIN_KIND) as db:
            table = db.table(PROMISES)
            for promise in validated:
                self._refuse_duplicate_title(table, promise)
                promise = replace(promise, created=promise.created or self._now())
                stored.append(replace(promise, id=table.insert(codec.promise_to_doc(promise))))
                self._set_aside_orphaned_marks(stored[-1].id)
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
            wanted = codec.promise_to_doc(promise)
            if base is not None:
                wanted = changed_fields(existing, codec.promise_to_doc(base), wanted)
            wanted["created"] = existing.get("created")
            stored = codec.promise_from_doc(promise.id, wanted).validated()
            if not stored.archived:
                self._refuse_duplicate_title(table, stored)
            table.update(codec.promise_to_doc(stored), doc_ids=[promise.id])
        return stored

    def set_archived(self, promise_id: int, archived: bool) -> Promise:
        promise = self.promise(promise_id)
        return self.update_promise(replace(promise, archived=archived), base=promise)

    def put_mark(self, mark: Mark) -> Mark:
        """Record a mark; marking the same promise and day again replaces it."""
        mark = mark.validated()
        with self._writing(self._marks_path(mark.promise_id), MARKS_KIND) as db:
            # Checked under the lock: a restore cannot remove the promise in between.
            self.promise(mark.promise_id)
            doc = _document(codec.mark_to_doc(mark, self._now()), doc_id=mark.day.toordinal())
            db.table(MARKS).upsert(doc)
        return mark

    def put_marks(self, marks: Iterable[Mark]) -> int:
        """Record many marks (an import or the demo history), one write per promise."""
        by_promise: dict[int, list[Mark]] = {}
        for mark in marks:
            by_promise.setdefault(mark.promise_id, []).append(mark.validated())
        recorded = self._now()
        for promise_id, group in by_promise.items():
            self.promise(promise_id)
            with self._writing(self._marks_path(promise_id), MARKS_KIND) as db:
                table = db.table(MARKS)
                wanted = {mark.day.toordinal(): mark for mark in group}
                table.remove(doc_ids=[i for i in wanted if table.contains(doc_id=i)])
                table.insert_multiple(
                    _document(codec.mark_to_doc(mark, recorded), doc_id=doc_id)
                    for doc_id, mark in wanted.items()
                )
        return sum(len(group) for group in by_promise.values())

    def add_many(self, entries: Iterable[QualityTime | Note]) -> int:
        """Store many new quality-time entries and notes in one write (imports, the demo)."""
        now = self._now()
        docs: dict[str, list[dict[str, Any]]] = {QUALITY: [], NOTES: []}
        for entry in entries:
            if isinstance(entry, QualityTime):
                entry = replace(entry.validated(), created=entry.created or now)
                docs[QUALITY].append(codec.quality_to_doc(entry))
            else:
                entry = entry.validated()
                entry = replace(entry, created=entry.created or now, updated=entry.updated or now)
                docs[NOTES].append(codec.note_to_doc(entry))
        with self._writing(self.path, MAIN_KIND) as db:
            for table_name, table_docs in docs.items():
                if table_docs:
                    db.table(table_name).insert_multiple(table_docs)
        return sum(len(table_docs) for table_docs in docs.values())

    def remove_mark(self, promise_id: int, day: date) -> Mark | None:
        """Delete a mark; returns what was removed (None if the day had no mark)."""
        path = self._marks_path(promise_id)
        if not path.exists():
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
        return replace(entry, id=self._insert(QUALITY, codec.quality_to_doc(entry), entry.id))

    def update_quality(self, entry: QualityTime, base: QualityTime | None = None) -> QualityTime:
        """Save an edited entry; with `base`, only the fields the edit changed."""
        entry = entry.validated()
        base_doc = None if base is None else codec.quality_to_doc(base)
        doc = self._replace(
            QUALITY, entry.id, codec.quality_to_doc(entry), "quality-time entry", base_doc
        )
        return codec.quality_from_doc(entry.id, doc)

    def delete_quality(self, entry_id: int) -> QualityTime:
        doc = self._remove(QUALITY, entry_id, "quality-time entry")
        return codec.quality_from_doc(entry_id, doc)

    def add_note(self, note: Note) -> Note:
        now = self._now()
        note = replace(note.validated(), created=note.created or now, updated=note.updated or now)
        return replace(note, id=self._insert(NOTES, codec.note_to_doc(note), note.id))

    def update_note(self, note: Note, base: Note | None = None) -> Note:
        """Save an edited note; with `base`, only the fields the edit changed."""
        note = replace(note.validated(), updated=self._now())
        base_doc = None if base is None else codec.note_to_doc(replace(base, updated=note.updated))
        doc = self._replace(NOTES, note.id, codec.note_to_doc(note), "note", base_doc)
        return codec.note_from_doc(note.id, doc)

    def delete_note(self, note_id: int) -> Note:
        return codec.note_from_doc(note_id, self._remove(NOTES, note_id, "note"))

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

    # -- backups -----------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.path)

    def backup(self, label: str = "manual") -> Path:
        with self._locked():
            return self._write_backup(label)

    def restore(self, backup_path: Path) -> Path:
        """Replace all data with a backup's; returns the safety backup taken just before.

        A restore rewrites several files. A marker file names the backup while it
        runs, so a restore cut short (a crash, a kill) is finished by the next open.
        """
        backup_path = Path(backup_path).expanduser().absolute()
        snapshot = read_json(backup_path)
        if snapshot is None:
            raise NotFoundError(f"There is no backup at {backup_path}.")
        main, shards = self._validated_snapshot(snapshot, backup_path)
        with self._locked():
            if self._readable():
                safety: Path | None = self._write_backup("before-restore")
            else:
                # Damaged, or from a newer tracker: kept byte for byte, never overwritten.
                safety = self._keep_unreadable_files()
            write_atomically(self._restore_marker, str(backup_path))
            self._apply_snapshot(main, shards)
        return safety if safety is not None else backup_path

    @property
    def _restore_marker(self) -> Path:
        return self.path.with_name(self.path.name + ".restoring")

    def _apply_snapshot(self, main: Tables, shards: dict[int, Tables]) -> None:
        """Write a validated snapshot's files; the main file last, then drop the marker."""
        ensure_private_dir(self.marks_dir)
        for promise_id, tables in shards.items():
            write_atomically(self._marks_path(promise_id), dump_json(tables))
        for stray in self.marks_dir.glob("*.json"):
            if stray.stem.isdigit() and int(stray.stem) not in shards:
                stray.unlink()
        write_atomically(self.path, dump_json(main))
        self._restore_marker.unlink(missing_ok=True)
        self._parsed.clear()
        self._decoded.clear()
        self._books.clear()
        self._valid.clear()

    def _finish_interrupted_restore(self) -> None:
        """Complete a restore that a crash cut short (see `restore`)."""
        try:
            backup_path = Path(self._restore_marker.read_text(encoding="utf-8").strip())
        except FileNotFoundError:
            return
        except OSError as error:
            raise StoreError(f"Cannot read {self._restore_marker}: {error.strerror}.") from error
        snapshot = read_json(backup_path)
        if snapshot is None:
            raise StoreError(
                f"A restore from {backup_path} was interrupted and that backup is gone. "
                f"Run `tracker restore` with another backup, or delete {self._restore_marker}."
            )
        main, shards = self._validated_snapshot(snapshot, backup_path)
        with self._locked():
            if self._restore_marker.exists():
                self._apply_snapshot(main, shards)

    def _keep_unreadable_files(self) -> Path | None:
        """Copy the data files as they are into a folder beside the backups; None if none exist."""
        files = [self.path] if self.path.is_file() else []
        if self.marks_dir.is_dir():
            files += sorted(self.marks_dir.glob("*.json"))
        if not files:
            return None
        taken = self._now().astimezone().replace(tzinfo=None)
        folder = self.backup_dir / f"{self.path.stem}-{taken:%Y%m%d-%H%M%S}-unreadable"
        for source in files:
            relative = source.relative_to(self.path.parent)
            ensure_private_dir(folder / relative.parent)
            write_atomically(folder / relative, source.read_bytes())
        return folder

    def check_all(self) -> dict[str, int]:
        """Read and validate every file; counts of what is stored (for `tracker doctor`)."""
        promises = self.promises(include_archived=True)
        marks = sum(len(m) for m in self.all_marks([p.id for p in promises]).values())
        self.settings()
        self.fired_since(datetime.min.replace(tzinfo=UTC))
        return {
            "promises": len(promises),
            "marks": marks,
            "quality_entries": len(self.quality_entries()),
            "notes": len(self.notes()),
        }

    # -- internals ---------------------------------------------------------------

    def _marks_path(self, promise_id: int) -> Path:
        return self.marks_dir / f"{promise_id}.json"

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
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def _writing(self, path: Path, kind: str) -> Iterator[TinyDB]:
        """One write session on one file: fresh read under the lock, one atomic write."""
        from tracker.store import session  # TinyDB: loaded by the first write only

        with self._locked():
            if self._automatic_backups:
                self._take_backup_if_due()
            key_before = _stat_key(path)
            raw = self._fresh(path)
            if raw is None:
                tables, migrated = new_tables(kind), False
            else:
                try:
                    tables, migrated = upgraded(raw, path, kind)
                except DamagedFileError as error:
                    raise self._damaged(error) from error
                known_good = key_before is not None and self._valid.get(path) == key_before
                if migrated or not known_good or _stat_key(path) != key_before:
                    self._validate(path, kind, tables)
                if migrated:
                    self._write_backup("before-upgrade")
            storage = session.MemoryStorage(tables)
            yield session.database(storage)
            if storage.changed or migrated:
                # What was there is valid (checked above) and what was added came
                # from validated model objects, so the result reads back.
                if path.parent == self.marks_dir:
                    ensure_private_dir(self.marks_dir)
                write_atomically(path, dump_json(storage.tables))
                self._forget(path)
                written = _stat_key(path)
                if written is not None:
                    self._valid[path] = written
                    # What was just written is what a read would parse: keep it.
                    self._parsed[path] = (written, storage.tables)

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

    def _fresh(self, path: Path) -> Any | None:
        try:
            return read_json(path)
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def _read_tables(self, path: Path, kind: str) -> Tables | None:
        """The file's tables in the current format, parsed once per version on disk."""
        key = _stat_key(path)
        if key is None:
            self._forget(path)
            return None
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        raw = self._fresh(path)
        if raw is None:
            return None
        try:
            tables, _migrated = upgraded(raw, path, kind)
        except DamagedFileError as error:
            raise self._damaged(error) from error
        self._parsed[path] = (key, tables)
        return tables

    def _read_models(
        self, path: Path, kind: str, table_name: str, decode: Callable[[int, Any], Model]
    ) -> list[Model]:
        tables = self._read_tables(path, kind)
        if tables is None:
            return []
        key = self._parsed[path][0]
        cached = self._decoded.get((path, table_name))
        if cached is not None and cached[0] == key:
            return list(cached[1])
        models = self._decode_table(path, tables, table_name, decode)
        self._decoded[(path, table_name)] = (key, models)
        return list(models)

    def _decode_table(
        self, path: Path, tables: Tables, table_name: str, decode: Callable[[int, Any], Model]
    ) -> list[Model]:
        # The raw documents, as TinyDB stores them ({"<id>": {...}}), read directly: faster
        # than building TinyDB Documents, and a bad id or a non-object is reported as
        # damage here instead of escaping from inside TinyDB.
        models: list[Model] = []
        for key, doc in (tables.get(table_name) or {}).items():
            try:
                if not isinstance(doc, dict):
                    raise TypeError("it is not an object")
                models.append(decode(int(key), doc))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise self._damaged(
                    DamagedFileError(
                        f"{path}: entry {key[:20]} in '{table_name}' is damaged ({error})."
                    )
                ) from error
        return models

    def _validate(self, path: Path, kind: str, tables: Tables) -> None:
        """Refuse to rewrite a file holding a document the app could not read back."""
        if kind == MARKS_KIND:
            self._checked_marks(path, int(path.stem), tables)
            return
        self._decode_table(path, tables, PROMISES, codec.promise_from_doc)
        self._decode_table(path, tables, QUALITY, codec.quality_from_doc)
        self._decode_table(path, tables, NOTES, codec.note_from_doc)
        self._decode_table(path, tables, SETTINGS, lambda _i, d: codec.settings_from_doc(d))
        self._decode_table(path, tables, FIRED, lambda _i, d: codec.fired_from_doc(d))

    def _checked_marks(self, path: Path, promise_id: int, tables: Tables) -> dict[str, Any]:
        """A marks table whose every document decodes, keyed by day ordinal; else damage.

        Checked without building a Mark per document (the MarkBook builds them when
        asked); a document the quick check doubts is decoded carefully, which refuses
        the file with the same message as a full decode.
        """
        docs = tables.get(MARKS) or {}
        doubtful = codec.unsound_mark_keys(docs)
        if not doubtful:
            return docs
        self._decode_table(
            path,
            {MARKS: {key: docs[key] for key in doubtful}},
            MARKS,
            lambda i, d: codec.mark_from_doc(promise_id, i, d),
        )
        # Every doubtful document decoded: the table is readable.
        # Keys written another way ("0738120"): index them as the MarkBook looks them up.
        return {str(int(key)): doc for key, doc in docs.items()}

    def _forget(self, path: Path) -> None:
        self._parsed.pop(path, None)
        self._books.pop(path, None)
        for cache_key in [k for k in self._decoded if k[0] == path]:
            del self._decoded[cache_key]

    def _damaged(self, error: DamagedFileError) -> DamagedFileError:
        message = str(error)
        if "left untouched" in message:
            return error
        good = newest_good_backup(self.path)
        if good is None:
            advice = (
                "There is no backup yet. Move the file aside (for example "
                f"mv '{self.path}' '{self.path}.damaged') to start afresh, or repair it by hand."
            )
        else:
            advice = (
                f"The newest good backup is from {good.taken:%Y-%m-%d %H:%M}; to go back to it, "
                f"run: tracker --db '{self.path}' restore '{good.path}'"
            )
        return DamagedFileError(f"{message} It was left untouched. {advice}")

    def _readable(self) -> bool:
        try:
            self.check_all()
        except StoreError:
            return False
        return True

    def _snapshot(self) -> dict[str, Any]:
        """Every data file as it is on disk, in the format it was written in.

        Not the upgraded copies the store reads: a backup taken before an upgrade must
        hold the files as they were, so that a faulty migration can be undone. The
        snapshot declares the oldest format it holds, so the tracker that wrote those
        files can restore it too; a restore upgrades each part.
        """
        main = self._fresh(self.path)
        if main is None:
            main = new_tables(MAIN_KIND)
        versions = [self._version_on_disk(main, self.path, MAIN_KIND)]
        shards: dict[str, Tables] = {}
        unreadable: list[str] = []
        for promise in self.promises(include_archived=True):
            path = self._marks_path(promise.id)
            try:
                tables = self._fresh(path)
                if tables is not None:
                    versions.append(self._version_on_disk(tables, path, MARKS_KIND))
                    shards[str(promise.id)] = tables
            except DamagedFileError:
                # One damaged promise must not stop the daily backups of all the others;
                # the backup names what it could not hold.
                unreadable.append(path.name)
        meta: dict[str, Any] = {
            "schema_version": min(versions, default=SCHEMA_VERSION),
            "kind": BACKUP_KIND,
        }
        if unreadable:
            meta["unreadable_marks_files"] = unreadable
        return {META_TABLE: {"1": meta}, "main": {"1": main}, "marks": shards}

    def _version_on_disk(self, data: Any, path: Path, kind: str) -> int:
        try:
            return readable_version(data, path, kind)
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def _validated_snapshot(self, snapshot: Any, path: Path) -> tuple[Tables, dict[int, Tables]]:
        try:
            # The container only declares a version; its parts are upgraded one by one.
            readable_version(snapshot, path, BACKUP_KIND)
            main, _ = upgraded(snapshot["main"]["1"], path, MAIN_KIND)
            self._validate(path, MAIN_KIND, main)
            shards: dict[int, Tables] = {}
            for key, tables in snapshot["marks"].items():
                shard, _ = upgraded(tables, path, MARKS_KIND)
                self._validate(self.marks_dir / f"{int(key)}.json", MARKS_KIND, shard)
                shards[int(key)] = shard
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise DamagedFileError(f"{path} is not a complete tracker backup.") from error
        return main, shards

    def _write_backup(self, label: str) -> Path:
        snapshot = self._snapshot()
        ensure_private_dir(self.backup_dir)
        taken = self._now().astimezone().replace(tzinfo=None, microsecond=0)
        target = self.backup_dir / backup_name(self.path, taken, label)
        while target.exists():
            # Two backups within one second (a restore undone at once): keep both.
            taken += timedelta(seconds=1)
            target = self.backup_dir / backup_name(self.path, taken, label)
        write_atomically(target, dump_json(snapshot))
        for old in backups_to_prune(list_backups(self.path), self._backups_kept):
            old.path.unlink(missing_ok=True)
        return target

    def backup_if_due(self) -> Path | None:
        """Take today's automatic backup now if it is not taken yet; returns its path.

        Writes take it themselves before the day's first change; the app calls this in a
        worker at start and at the day's rollover, so that first change need not wait.
        """
        with self._locked():
            return self._take_backup_if_due()

    def _take_backup_if_due(self) -> Path | None:
        """One automatic backup per calendar day, taken before that day's first change."""
        if not self.path.exists():
            return None
        today = self._now().astimezone().date()
        newest = next((b for b in self.backups() if b.label == AUTOMATIC), None)
        if newest is None or newest.taken.date() < today:
            # A damaged file is reported by the write itself, with recovery advice.
            with suppress(DamagedFileError):
                return self._write_backup(AUTOMATIC)
        return None
