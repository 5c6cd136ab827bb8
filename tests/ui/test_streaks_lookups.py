"""What the Streaks view looks up to draw a promise's map: only the days it shows ahead."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping
from datetime import date

from tracker.model import Mark, MarkStatus
from tracker.ui.screens.streaks import planned_days

TODAY = date(2026, 11, 25)


class DaysOnly(Mapping[date, Mark]):
    """A promise's marks that may be looked up by day, never walked whole (years of them)."""

    def __init__(self, marks: dict[date, Mark]) -> None:
        self.marks = marks

    def __getitem__(self, day: date) -> Mark:
        return self.marks[day]

    def __iter__(self) -> Iterator[date]:
        raise AssertionError("the whole history was walked")

    def __len__(self) -> int:
        return len(self.marks)

    def items(self) -> ItemsView[date, Mark]:
        raise AssertionError("the whole history was walked")


def test_planned_days_look_up_only_the_days_ahead():
    def mark(day: date, status: MarkStatus) -> Mark:
        return Mark(promise_id=1, day=day, status=status)

    marks = {
        date(2000, 1, 1): mark(date(2000, 1, 1), MarkStatus.EXCUSED),
        TODAY: mark(TODAY, MarkStatus.EXCUSED),
        date(2026, 12, 1): mark(date(2026, 12, 1), MarkStatus.EXCUSED),
        date(2026, 12, 2): mark(date(2026, 12, 2), MarkStatus.KEPT),
        date(2027, 6, 1): mark(date(2027, 6, 1), MarkStatus.EXCUSED),
    }
    assert planned_days(DaysOnly(marks), TODAY) == [date(2026, 12, 1)]
