"""Stats never depend on the order in which marks reached the data file, nor on corrections."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_stats_properties import histories

from tracker.model import Mark, MarkStatus
from tracker.stats import day_states, promise_stats
from tracker.store import Store

OTHER_STATUS = {
    MarkStatus.KEPT: MarkStatus.MISSED,
    MarkStatus.MISSED: MarkStatus.EXCUSED,
    MarkStatus.EXCUSED: MarkStatus.KEPT,
}


@given(histories(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_marks_written_in_any_order_with_corrections_give_the_same_figures(
    history, rng: random.Random, batches: int
):
    promise, marks, today = history
    written: list[Mark] = list(marks.values())
    # Some days are first marked wrongly, then corrected in a later write, as a user does.
    corrected = [mark for mark in written if rng.random() < 0.3]
    rng.shuffle(written)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(
            Path(folder) / "tracker.json",
            now=lambda: datetime(2026, 1, 1, tzinfo=UTC),
            automatic_backups=False,
        )
        added_on_its_start = datetime.combine(promise.start, datetime.min.time(), UTC)
        stored = store.add_promise(
            replace(promise, id=0, title="Promise", created=promise.created or added_on_its_start)
        )
        assert stored.id == promise.id
        store.put_marks(replace(mark, status=OTHER_STATUS[mark.status]) for mark in corrected)
        size = max(1, len(written) // batches)
        for first in range(0, len(written), size):
            store.put_marks(written[first : first + size])
        read_back = Store(store.path).marks_of(promise.id)

    assert dict(read_back.items()) == marks
    assert promise_stats(stored, read_back, today) == promise_stats(promise, marks, today)
    window = (promise.start, today)
    assert day_states(stored, read_back, *window, today) == day_states(
        promise, marks, *window, today
    )
