"""Going back to a backup, and finishing a restore that a crash cut short.

A restore rewrites several files. Before the first one, a marker file
(`tracker.json.restoring`) names the backup; it is removed, and the removal fsync-ed,
after the last. A restore cut short (a crash, a kill) is finished by the next open.

A restore never leaves a promise without its history: a backup that could not hold
some promise's marks file (damaged or missing when it was taken) is refused while the
data still has that file, unless the caller forces it, and then that file stays as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import DamagedFileError, NotFoundError, StoreError
from tracker.store.backups import contents_from, local_stamp
from tracker.store.datafiles import DataFiles, stat_key
from tracker.store.files import (
    dump_json,
    ensure_private_dir,
    read_bytes_nofollow,
    read_json,
    read_stored_bytes,
    remove_file,
    write_atomically,
)
from tracker.store.schema import (
    BACKUP_KIND,
    HISTORIES,
    MAIN_KIND,
    MARKS_KIND,
    PROMISES,
    Tables,
    readable_version,
    upgraded,
)


@dataclass(frozen=True)
class RestorePlan:
    """A backup read and checked whole, in the current format, ready to be written."""

    source: Path
    main: Tables
    shards: dict[int, Tables]
    # Promises of the backup whose marks file it should hold and does not.
    lacking: frozenset[int]

    def promise_ids(self) -> set[int]:
        return {int(key) for key in self.main.get(PROMISES) or {}}


def read_backup(files: DataFiles, backup_path: Path) -> RestorePlan:
    """The backup at `backup_path`, checked whole; refuses anything that is not one."""
    snapshot = read_json(backup_path)
    if snapshot is None:
        raise NotFoundError(f"There is no backup at {backup_path}.")
    try:
        # The container only declares a version; its parts are upgraded one by one.
        readable_version(snapshot, backup_path, BACKUP_KIND)
        main, _ = upgraded(snapshot["main"]["1"], backup_path, MAIN_KIND)
        files.check(backup_path, MAIN_KIND, main)
        shards: dict[int, Tables] = {}
        for key, tables in snapshot["marks"].items():
            shard, _ = upgraded(tables, backup_path, MARKS_KIND)
            files.check(files.marks_path(int(key)), MARKS_KIND, shard)
            shards[int(key)] = shard
        contents = contents_from(snapshot)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise DamagedFileError(
            f"{backup_path} is not a complete tracker backup.", path=backup_path, advised=True
        ) from error
    lacking = {int(name.split(".")[0]) for name in contents.lacking if name[:-5].isdigit()}
    promises = {int(key) for key in main.get(PROMISES) or {}}
    return RestorePlan(backup_path, main, shards, frozenset(lacking & promises))


def histories_at_risk(files: DataFiles, plan: RestorePlan) -> list[int]:
    """Promises whose marks file the data has and the backup lacks: restoring would lose them."""
    return sorted(pid for pid in plan.lacking if stat_key(files.marks_path(pid)) is not None)


def apply(files: DataFiles, plan: RestorePlan, now: datetime) -> None:
    """Write a checked backup's files (the caller holds the lock and wrote the marker).

    Marks files first, the main file last, then the marker goes. A marks file the backup
    lacks stays as it is (it is the only copy of that history); the marks files of
    promises the backup does not know go (the safety backup holds them).
    """
    ensure_private_dir(files.marks_dir)
    kept = {pid for pid in plan.lacking if stat_key(files.marks_path(pid)) is not None}
    for promise_id, tables in plan.shards.items():
        write_atomically(files.marks_path(promise_id), dump_json(tables), subject=files.path)
    for promise_id in files.marks_files_on_disk() - set(plan.shards) - kept:
        remove_file(files.marks_path(promise_id))
    main = _with_histories(plan.main, set(plan.shards) | plan.lacking, now)
    write_atomically(files.path, dump_json(main))
    remove_file(files.restore_marker)
    files.forget_all()


def _with_histories(main: Tables, promise_ids: set[int], now: datetime) -> Tables:
    """`main` listing exactly the marks files the restored data has (or should have)."""
    known: dict[str, Any] = main.get(HISTORIES) or {}
    since = {"since": now.isoformat()}
    listed = {str(pid): known.get(str(pid), since) for pid in sorted(promise_ids)}
    return {**main, HISTORIES: listed}


def finish_interrupted_restore(
    files: DataFiles, locked: Callable[[], AbstractContextManager[None]], now: datetime
) -> None:
    """Complete a restore that a crash cut short (see the module docstring)."""
    marker = files.restore_marker
    try:
        raw = read_bytes_nofollow(marker)
    except DamagedFileError as error:
        raise StoreError(
            f"{marker} is not a file tracker wrote ({error}); remove it and open tracker again."
        ) from error
    if raw is None:
        return
    backup_path = Path(raw.decode("utf-8", "replace").strip())
    try:
        plan = read_backup(files, backup_path)
    except NotFoundError:
        raise StoreError(
            f"A restore from {backup_path} was interrupted and that backup is gone. "
            f"Run `tracker restore` with another backup, or delete {marker}."
        ) from None
    with locked():
        if stat_key(marker) is not None:
            apply(files, plan, now)


def keep_unreadable_files(files: DataFiles, now: datetime) -> Path | None:
    """Copy the data files byte for byte into a folder beside the backups; None if none exist.

    For a restore over files that cannot be read whole (damaged, or from a newer tracker):
    they are never overwritten without a copy.
    """
    sources = [files.path, *(files.marks_path(pid) for pid in sorted(files.marks_files_on_disk()))]
    found: list[tuple[Path, bytes]] = []
    for source in sources:
        try:
            content = read_stored_bytes(source)  # as on disk: a damaged locked file too
        except DamagedFileError:
            continue  # a link or a folder: nothing tracker wrote, left where it is
        if content is not None:
            found.append((source, content))
    if not found:
        return None
    folder = files.backup_dir / f"{files.path.stem}-{local_stamp(now):%Y%m%d-%H%M%S}-unreadable"
    for source, content in found:
        relative = source.relative_to(files.path.parent)
        ensure_private_dir(folder / relative.parent)
        write_atomically(folder / relative, content, subject=files.path, as_stored=True)
    return folder
