"""Streaks: every promise's streaks, consistency and strength, and one promise's history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar, cast

from tracker.errors import ValidationError
from tracker.model import DayStatus, Mark, Promise
from tracker.service.context import Area, Context
from tracker.stats import (
    PromiseStats,
    Run,
    best_runs,
    day_states,
    promise_stats,
    share_kept,
    strength_multiplier,
    strength_series,
    units,
)


@dataclass(frozen=True)
class PromiseStanding:
    """One promise and its figures, as of one day."""

    promise: Promise
    stats: PromiseStats


T = TypeVar("T")


@dataclass(frozen=True)
class _Figured:
    """Something worked out for a promise, and what it was worked out from."""

    marks: Mapping[date, Mark]  # the store's snapshot of its marks file, as read
    promise: Promise
    days: tuple[date, ...]
    value: object


class Streaks(Area):
    """Figures over time: as of today, or as they stood at the end of an earlier day."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self._figured: dict[tuple[str, int], _Figured] = {}

    def table(
        self, day: date | None = None, *, include_archived: bool = False
    ) -> list[PromiseStanding]:
        """Every promise started by `day` (default today) with its figures as of that day."""
        today = self._context.today()
        as_of = today if day is None else day
        if as_of > today:
            raise ValidationError(
                f"{as_of.isoformat()} is in the future: streaks are counted up to today."
            )
        return [
            PromiseStanding(promise, self._stats(promise, as_of))
            for promise in self._store.promises(include_archived=include_archived)
            if promise.start <= as_of
        ]

    def _stats(self, promise: Promise, as_of: date) -> PromiseStats:
        return self._worked_out(
            "stats", promise, (as_of,), lambda marks: promise_stats(promise, marks, as_of)
        )

    def _states(self, promise: Promise, start: date, today: date) -> dict[date, DayStatus]:
        return self._worked_out(
            "states",
            promise,
            (start, today),
            lambda marks: day_states(promise, marks, start, today, today),
        )

    def _worked_out(
        self,
        what: str,
        promise: Promise,
        days: tuple[date, ...],
        work: Callable[[Mapping[date, Mark]], T],
    ) -> T:
        """`work` done on the promise's marks, done again only when its marks file was read
        anew (each read is a new snapshot: a check-off recounts its own promise, not
        every promise), the promise changed or the days are others."""
        marks = self._store.marks_of(promise.id)
        known = self._figured.get((what, promise.id))
        if (
            known is not None
            and known.marks is marks
            and known.days == days
            and known.promise == promise
        ):
            return cast(T, known.value)
        value = work(marks)
        self._figured[(what, promise.id)] = _Figured(marks, promise, days, value)
        return value

    def strength_over_time(self, promise: Promise) -> list[tuple[date, float]]:
        """The strength after each judged day or week, up to today."""
        marks = self._store.marks_of(promise.id)
        judged = units(promise, marks, self._context.today())
        return strength_series(judged, strength_multiplier(promise))

    def best_runs(self, promise: Promise, count: int = 3) -> list[Run]:
        marks = self._store.marks_of(promise.id)
        return best_runs(promise, marks, self._context.today(), count)

    def share_kept_by_day(
        self, promises: Sequence[Promise], start: date
    ) -> dict[date, float | None]:
        """For each day from `start` to today, the share of judged promises that were kept."""
        today = self._context.today()
        return share_kept(
            [self._states(promise, start, today) for promise in promises], start, today
        )

    def journey_start(self, promises: Iterable[Promise]) -> date | None:
        """When the user began rebuilding: their setting, else the first of `promises`' starts."""
        chosen = self._context.settings().journey_start
        if chosen is not None:
            return chosen
        return min((promise.start for promise in promises), default=None)
