"""Taking a backup: every data file as it is on disk, in one file, and old automatic ones pruned.

The caller holds the lock. A backup holds the files as they were written (not the
upgraded copies the store reads): a backup taken before an upgrade must be able to
undo a faulty migration. It declares the oldest format it holds, so the tracker that
wrote those files can restore it too.

Every file is read whole, so the daily backup is also the day's deep check: a marks
file that cannot be read (or has gone missing) is named inside the backup, which is
then incomplete and never offered as a way back, and the check record forgets it, so
every later start reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec

from tracker.errors import DamagedFileError
from tracker.store import schema
from tracker.store.backups import (
    AUTOMATIC,
    MISSING,
    UNREADABLE,
    automatic_backup_due,
    backup_name,
    backups_to_prune,
    last_holders,
    list_backups,
    local_stamp,
)
from tracker.store.datafiles import DataFiles, StatKey, stat_key
from tracker.store.files import dump_json, ensure_private_dir, remove_file, write_atomically
from tracker.store.record import CheckRecord
from tracker.store.schema import MAIN_KIND, MARKS_KIND, META_TABLE, PROMISES


@dataclass
class Snapshot:
    """What a backup holds, and which promises' marks files it could not hold."""

    data: dict[str, Any]
    damaged: set[int] = field(default_factory=set)


def take_snapshot(files: DataFiles, record: CheckRecord) -> Snapshot:
    """Every data file as it is on disk; a damaged main file raises `DamagedFileError`."""
    main = files.raw(files.path)
    if main is None:
        main = schema.new_tables(MAIN_KIND)
    versions = [files.version_on_disk(main, files.path, MAIN_KIND)]
    # Checked whole: a backup never holds a main file that a restore would refuse.
    checked = files.checked(files.path, MAIN_KIND)
    promise_ids = (
        [] if checked is None else [int(key) for key in checked.tables.get(PROMISES) or {}]
    )
    known = record.load()
    shards: dict[str, Any] = {}
    unreadable: list[str] = []
    missing: list[str] = []
    damaged: set[int] = set()
    sound: dict[Path, StatKey | None] = {}
    for promise_id in promise_ids:
        path = files.marks_path(promise_id)
        key = stat_key(path)
        try:
            raw = files.raw(path)
            if raw is None:
                if files.expects_history(promise_id):
                    missing.append(path.name)
                    damaged.add(promise_id)
                continue
            version = files.version_on_disk(raw, path, MARKS_KIND)
            versions.append(version)
            if not files.is_checked(path, key) and not record.holds(known, path, key):
                # A migration changes what it is given: the backup keeps the file as it is.
                current = (
                    raw if version == schema.SCHEMA_VERSION else msgspec.json.decode(dump_json(raw))
                )
                files.check(path, MARKS_KIND, files.upgraded(current, path, MARKS_KIND)[0])
                sound[path] = key
            shards[str(promise_id)] = raw
        except DamagedFileError:
            # One damaged promise must not stop the daily backups of all the others;
            # the backup names what it could not hold.
            unreadable.append(path.name)
            damaged.add(promise_id)
            if record.holds(known, path, key):
                sound[path] = None  # damaged in place since it was found sound
    record.update(sound)
    meta: dict[str, Any] = {"schema_version": min(versions), "kind": schema.BACKUP_KIND}
    if unreadable:
        meta[UNREADABLE] = unreadable
    if missing:
        meta[MISSING] = missing
    data = {META_TABLE: {"1": meta}, "main": {"1": main}, "marks": shards}
    return Snapshot(data, damaged)


def write_backup(
    files: DataFiles, record: CheckRecord, label: str, now: datetime, keep: int
) -> Path:
    """Take a backup now; then prune automatic ones beyond `keep`, never the last copy of a
    marks file that is damaged now."""
    snapshot = take_snapshot(files, record)
    ensure_private_dir(files.backup_dir)
    taken = local_stamp(now)
    target = files.backup_dir / backup_name(files.path, taken, label)
    while target.exists():
        # Two backups within one second (a restore undone at once): keep both.
        taken += timedelta(seconds=1)
        target = files.backup_dir / backup_name(files.path, taken, label)
    write_atomically(target, dump_json(snapshot.data), subject=files.path)
    backups = list_backups(files.path, now)
    protected = last_holders(backups, snapshot.damaged) if snapshot.damaged else frozenset()
    for old in backups_to_prune(backups, keep, protected):
        remove_file(old.path)
    return target


def backup_if_due(files: DataFiles, record: CheckRecord, now: datetime, keep: int) -> Path | None:
    """One automatic backup per calendar day, taken before that day's first change."""
    if stat_key(files.path) is None:
        return None
    today: date = now.astimezone().date()
    if not automatic_backup_due(list_backups(files.path, now), today):
        return None
    try:
        return write_backup(files, record, AUTOMATIC, now, keep)
    except DamagedFileError:
        # A damaged main file is reported by the write itself, with recovery advice.
        return None
