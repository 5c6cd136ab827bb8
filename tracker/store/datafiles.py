"""The files behind one data file: where each lives, reading each once per version, checking it.

Layout on disk, for a data file `tracker.json`:

    tracker.json            promises, quality time, notes, settings, fired reminders, and
                            which promises have a marks file (the `histories` table)
    tracker.marks/7.json    the marks of promise 7 (one small file per promise)
    tracker.json.lock       the cross-process lock (an OS lock: it dies with its process)
    tracker.json.checked    which versions of these files were read whole and found sound
                            (a cache: deleting it only makes the next start check them all)
    tracker.json.restoring  only while a restore runs: the backup being restored
    tracker.json.importing  only while an import is written: every file it changes
    backups/tracker-20261125-201500-auto.json   whole-store snapshots

`DataFiles` keeps ONE cache: for each file, the version on disk it parsed (inode, size,
modification and change times), its tables, whether every document was checked, and
what was decoded from it (model lists, a promise's MarkBook). Any change on disk gives
a new version, and the whole entry is dropped at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tracker.errors import DamagedFileError
from tracker.model import NOTE_STORED, QUALITY_STORED
from tracker.store import codec, schema
from tracker.store.backups import (
    backup_dir_for,
    list_backups,
    local_stamp,
    newest_complete_backup,
)
from tracker.store.files import read_json
from tracker.store.kinds import PRACTICE_KINDS
from tracker.store.markbook import MarkBook
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
    Tables,
)

Model = TypeVar("Model")
StatKey = tuple[int, int, int, int]


def stat_key(path: Path) -> StatKey | None:
    """The version of the file at `path` (never through a link); None if there is none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _history_from_doc(doc_id: int, doc: Any) -> int:
    return doc_id


# How each table of the main file is decoded; the codec is looked up when called.
MAIN_TABLES: dict[str, Callable[[int, Any], Any]] = {
    PROMISES: lambda i, d: codec.promise_from_doc(i, d),
    QUALITY: QUALITY_STORED.from_doc,
    NOTES: NOTE_STORED.from_doc,
    SETTINGS: lambda _i, d: codec.settings_from_doc(d),
    FIRED: lambda _i, d: codec.fired_from_doc(d),
    HISTORIES: _history_from_doc,
    **{kind.table: kind.from_doc for kind in PRACTICE_KINDS},
}


@dataclass
class Parsed:
    """One version of one file, as read: the only thing the store caches."""

    key: StatKey
    tables: Tables
    checked: bool = False  # every document decodes
    models: dict[str, list[Any]] = field(default_factory=dict)
    book: MarkBook | None = None


class DataFiles:
    """Where the files of one data file live, and reading them (see the module docstring)."""

    def __init__(self, path: Path, now: Callable[[], datetime]) -> None:
        self.path = path
        self.marks_dir = path.with_name(path.stem + ".marks")
        self.backup_dir = backup_dir_for(path)
        self.lock_path = Path(f"{path}.lock")
        self.restore_marker = path.with_name(path.name + ".restoring")
        self.import_journal = path.with_name(path.name + ".importing")
        self.check_record = path.with_name(path.name + ".checked")
        self._now = now
        self._cache: dict[Path, Parsed] = {}

    def marks_path(self, promise_id: int) -> Path:
        return self.marks_dir / f"{promise_id}.json"

    def marks_files_on_disk(self) -> set[int]:
        """The promise ids of the marks files in the marks folder (links and strays aside)."""
        try:
            entries = list(os.scandir(self.marks_dir))
        except OSError:
            return set()
        return {
            int(entry.name[:-5])
            for entry in entries
            if entry.name.endswith(".json") and entry.name[:-5].isdigit()
        }

    def histories_on_disk(self, tables: Tables, now: datetime) -> dict[str, Any]:
        """The `histories` table of a main file that has none yet (format 1): the marks
        files found on disk for its promises (the caller holds the lock)."""
        since = now.isoformat()
        on_disk = self.marks_files_on_disk()
        return {
            key: {"since": since}
            for key in tables.get(PROMISES) or {}
            if key.isdigit() and int(key) in on_disk
        }

    # -- reading -----------------------------------------------------------------------

    def raw(self, path: Path) -> Any | None:
        """The file as it is on disk, parsed, never from the cache; None if there is none."""
        try:
            return read_json(path)
        except DamagedFileError as error:
            raise self.damaged(error) from error

    def upgraded(self, raw: Any, path: Path, kind: str) -> tuple[Tables, bool]:
        try:
            return schema.upgraded(raw, path, kind)
        except DamagedFileError as error:
            raise self.damaged(error) from error

    def version_on_disk(self, raw: Any, path: Path, kind: str) -> int:
        try:
            return schema.readable_version(raw, path, kind)
        except DamagedFileError as error:
            raise self.damaged(error) from error

    def parsed(self, path: Path, kind: str) -> Parsed | None:
        """The file's current version, parsed and upgraded once; None if there is none."""
        key = stat_key(path)
        if key is None:
            self._cache.pop(path, None)
            return None
        entry = self._cache.get(path)
        if entry is not None and entry.key == key:
            return entry
        raw = self.raw(path)
        if raw is None:
            return None
        tables, _migrated = self.upgraded(raw, path, kind)
        entry = self._cache[path] = Parsed(key, tables)
        return entry

    def checked(self, path: Path, kind: str) -> Parsed | None:
        """Like `parsed`, with every document checked (damage raises `DamagedFileError`);
        what checking decodes is kept for the reads that follow."""
        entry = self.parsed(path, kind)
        if entry is None or entry.checked:
            return entry
        if kind == MARKS_KIND:
            self.book(int(path.stem), entry)
        else:
            for table, decode in MAIN_TABLES.items():
                if table not in entry.models:
                    entry.models[table] = self._decode(path, entry.tables, table, decode)
        entry.checked = True
        return entry

    def models(
        self, path: Path, kind: str, table: str, decode: Callable[[int, Any], Model]
    ) -> list[Model]:
        entry = self.parsed(path, kind)
        if entry is None:
            return []
        if table not in entry.models:
            entry.models[table] = self._decode(path, entry.tables, table, decode)
        return list(entry.models[table])

    def book(self, promise_id: int, entry: Parsed) -> MarkBook:
        """The promise's marks from its parsed marks file, checked once per version."""
        if entry.book is None:
            path = self.marks_path(promise_id)
            entry.book = MarkBook(promise_id, self._checked_marks(path, promise_id, entry.tables))
            entry.checked = True
        return entry.book

    def histories(self) -> set[int] | None:
        """The promises the main file says have a marks file; None for a file that does not
        say yet (format 1, until its first write in format 2)."""
        entry = self.parsed(self.path, MAIN_KIND)
        if entry is None:
            return set()
        table = entry.tables.get(HISTORIES)
        if table is None:
            return None
        return set(self.models(self.path, MAIN_KIND, HISTORIES, _history_from_doc))

    # -- checking ----------------------------------------------------------------------

    def check(self, path: Path, kind: str, tables: Tables) -> None:
        """Refuse a file holding a document the app could not read back."""
        if kind == MARKS_KIND:
            self._checked_marks(path, int(path.stem), tables)
            return
        for table, decode in MAIN_TABLES.items():
            self._decode(path, tables, table, decode)

    def _decode(
        self, path: Path, tables: Tables, table: str, decode: Callable[[int, Any], Model]
    ) -> list[Model]:
        # The raw documents, as TinyDB stores them ({"<id>": {...}}), read directly: faster
        # than building TinyDB Documents, and a bad id or a non-object is reported as
        # damage here instead of escaping from inside TinyDB.
        models: list[Model] = []
        for key, doc in (tables.get(table) or {}).items():
            try:
                if not isinstance(doc, dict):
                    raise TypeError("it is not an object")
                models.append(decode(int(key), doc))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise self.damaged(
                    DamagedFileError(
                        f"{path}: entry {key[:20]} in '{table}' is damaged ({error}).", path=path
                    )
                ) from error
        return models

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
        self._decode(
            path,
            {MARKS: {key: docs[key] for key in doubtful}},
            MARKS,
            lambda i, d: codec.mark_from_doc(promise_id, i, d),
        )
        # Every doubtful document decoded: the table is readable.
        # Keys written another way ("0738120"): index them as the MarkBook looks them up.
        return {str(int(key)): doc for key, doc in docs.items()}

    # -- the cache ---------------------------------------------------------------------

    def remember(self, path: Path, tables: Tables, *, through_tinydb: bool) -> None:
        """What a write session just wrote is what a read would parse, and it is sound.

        A marks file TinyDB wrote has every key in the canonical form (`str(day ordinal)`)
        and only documents that were checked or built from checked marks: its MarkBook
        is made at once, without checking every document again (the check-off's redraw).
        """
        key = stat_key(path)
        self._cache.pop(path, None)
        if key is None:
            return
        entry = self._cache[path] = Parsed(key, tables, checked=True)
        promise_id = self.promise_of(path)
        if promise_id is not None and through_tinydb:
            entry.book = MarkBook(promise_id, tables.get(MARKS) or {})

    def is_checked(self, path: Path, key: StatKey | None) -> bool:
        entry = self._cache.get(path)
        return key is not None and entry is not None and entry.key == key and entry.checked

    def forget(self, path: Path) -> None:
        self._cache.pop(path, None)

    def forget_all(self) -> None:
        self._cache.clear()

    # -- damage ------------------------------------------------------------------------

    def damaged(self, error: DamagedFileError) -> DamagedFileError:
        """`error` with the way back added (once): the restore to run, or how to start afresh."""
        if error.advised:
            return error
        return DamagedFileError(
            f"{error} It was left untouched. {self.way_back(error.path)}",
            path=error.path,
            advised=True,
        )

    def way_back(self, damaged: Path | None = None) -> str:
        """What to do about the damaged file `damaged` (the main file if None or unknown)."""
        promise_id = self.promise_of(damaged)
        now = self._now()
        good = newest_complete_backup(self.path, now, holding=promise_id)
        if good is not None:
            which = "backup" if promise_id is None else "backup that holds it"
            return (
                f"The newest complete {which} is from {good.taken:%Y-%m-%d %H:%M}; to go back "
                f"to it, run: tracker --db '{self.path}' restore '{good.path}'"
            )
        if damaged is not None and promise_id is not None:
            aside = self.set_aside(promise_id)
            if os.path.lexists(damaged):
                fix = f"set the file aside: mv '{damaged}' '{aside}'"
            else:
                fix = f"say so: touch '{aside}'"
            return f"No backup holds it. To start this promise's history afresh, {fix}"
        which = (
            "No backup holds every file"
            if list_backups(self.path, now)
            else "There is no backup yet"
        )
        return (
            f"{which}. Move the file aside (for example "
            f"mv '{self.path}' '{self.path}.damaged') to start afresh, or repair it by hand."
        )

    def promise_of(self, path: Path | None) -> int | None:
        """The promise whose marks file `path` is, if it is one."""
        if path is None or path.parent != self.marks_dir or path.suffix != ".json":
            return None
        return int(path.stem) if path.stem.isdigit() else None

    def set_aside(self, promise_id: int) -> Path:
        """Where the user sets a damaged marks file aside to start that history afresh."""
        path = self.marks_path(promise_id)
        return path.with_name(path.name + ".damaged")

    def retire_set_aside(self, promise_id: int, now: datetime) -> None:
        """A new history starts: the file the user set aside gets a dated name (kept), so
        that this new file going missing is damage again."""
        aside = self.set_aside(promise_id)
        if os.path.lexists(aside):
            aside.rename(aside.with_name(f"{aside.name}-{local_stamp(now):%Y%m%d-%H%M%S}"))

    def expects_history(self, promise_id: int) -> bool:
        """Whether the promise's marks file must exist: the main file lists it, and the user
        has not set it aside (`set_aside`) to start afresh."""
        listed = self.histories()
        return (
            listed is not None
            and promise_id in listed
            and not os.path.lexists(self.set_aside(promise_id))
        )
