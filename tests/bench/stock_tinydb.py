"""Plain TinyDB with its stock JSONStorage: the store benchmark's point of comparison."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB


def write_stock_copy(target: Path, tables: Mapping[str, Iterable[dict[str, Any]]]) -> None:
    """Write all `tables` into one TinyDB file, the way a plain TinyDB app would keep them."""
    with TinyDB(target) as db:
        for name, docs in tables.items():
            db.table(name).insert_multiple(docs)


@contextmanager
def stock_inserter(target: Path, table_name: str) -> Iterator[Callable[[dict[str, Any]], int]]:
    """`TinyDB(target).table(table_name).insert`, on a database kept open meanwhile."""
    with TinyDB(target) as db:
        yield db.table(table_name).insert
