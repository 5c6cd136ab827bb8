"""The check record: which versions of the data files were read whole and found sound.

Telling at every start that *any* file is damaged, an archived promise's included,
would mean reading years of marks each time. Instead, `tracker.json.checked` remembers,
for each file, the version (size and modification time) last read whole and found
sound; a start looks at each file's version (one `lstat`) and reads only the files
that changed since, then records them. A write does not touch the record (a check-off
must stay one file write): the next start reads that one file again, which it usually
reads anyway. The daily backup, which reads every file, drops what it found damaged.
A copy that keeps modification times (cp -p, rsync -t) keeps its record.

It is a cache, shared by every process on the data: written without fsync and
without the lock (two writers at once lose an entry, which is only read again); a
record that is missing or unreadable just makes the next start read everything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from tracker.errors import StoreError
from tracker.store.datafiles import StatKey
from tracker.store.files import dump_json, read_json, write_atomically

RECORD_KIND = "tracker-checked"
MAX_RECORD_BYTES = 4 * 1024 * 1024


Version = tuple[int, int]  # size, modification time in nanoseconds


def _version(key: StatKey) -> Version:
    return (key[1], key[2])


class CheckRecord:
    """The record file `path`, naming files relative to `folder` (the data file's folder)."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self.folder = folder

    def load(self) -> dict[str, Version]:
        try:
            data = read_json(self.path, MAX_RECORD_BYTES)
        except StoreError:
            return {}
        if not isinstance(data, dict) or data.get("kind") != RECORD_KIND:
            return {}
        files = data.get("files")
        if not isinstance(files, dict):
            return {}
        return {
            name: (version[0], version[1])
            for name, version in files.items()
            if isinstance(version, list)
            and len(version) == 2
            and all(type(n) is int for n in version)
        }

    def name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def holds(self, known: Mapping[str, Version], path: Path, key: StatKey | None) -> bool:
        """Whether `known` (a loaded record) says this version of `path` is sound."""
        return key is not None and known.get(self.name(path)) == _version(key)

    def update(self, changes: Mapping[Path, StatKey | None]) -> None:
        """Record each file's sound version (None: forget the file). Never fails a command."""
        if not changes:
            return
        record = self.load()
        for path, key in changes.items():
            if key is None:
                record.pop(self.name(path), None)
            else:
                record[self.name(path)] = _version(key)
        data = {"kind": RECORD_KIND, "files": {name: list(v) for name, v in record.items()}}
        with contextlib.suppress(StoreError, OSError):
            write_atomically(self.path, dump_json(data), durable=False)
