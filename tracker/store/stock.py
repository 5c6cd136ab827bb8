"""Plain TinyDB with its stock JSONStorage: the benchmark's point of comparison, never user data."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB


def write_stock_copy(target: Path, tables: Mapping[str, Iterable[dict[str, Any]]]) -> None:
    """Write all `tables` into one TinyDB file, the way a plain TinyDB app would keep them."""
    with TinyDB(target) as db:
        for name, docs in tables.items():
            db.table(name).insert_multiple(docs)


def time_stock_inserts(
    target: Path, table_name: str, docs: Iterable[dict[str, Any]]
) -> list[float]:
    """Seconds taken by each `TinyDB(target).table(table_name).insert(doc)` on an open database."""
    samples = []
    with TinyDB(target) as db:
        table = db.table(table_name)
        for doc in docs:
            started = time.perf_counter()
            table.insert(doc)
            samples.append(time.perf_counter() - started)
    return samples
