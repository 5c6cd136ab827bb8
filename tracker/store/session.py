"""A write session: TinyDB over the tables read under the lock, committed as one write.

Only writing goes through TinyDB; reading parses the files directly. So this module,
and TinyDB with it, is imported by the first write, never by the app's start-up or a
read-only command.
"""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.storages import Storage

from tracker.store.schema import Tables


class MemoryStorage(Storage):
    """TinyDB storage over tables already read from disk; a write marks them changed.

    The store commits the result in one atomic file write at the end of a session,
    so a TinyDB operation that reads and writes several times still costs one write.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.changed = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.changed = True


def database(storage: MemoryStorage) -> TinyDB:
    return TinyDB(storage=lambda: storage)
