"""Tracker: the one object both faces (the app, the command line) and the reminders call.

It owns the current day and its boundary, the rule for which day a figure is "as of"
(see `tracker.service.context`), and every operation a user performs. Operations live
in areas, one module each, reached as attributes: `tracker.marks.check_off(promise, day)`,
`tracker.notes.let_go(note)`. Each validates, writes through the store and returns a
`Change`: what was saved, the sentence that says so, and how to undo it.

A new area is a new module with an `Area` subclass, plus one property on `Tracker` (an
area's module is imported when the area is first used, so a command imports only its own).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.clock import Clock
from tracker.daybreak import next_day_start
from tracker.parsing import parse_date
from tracker.service.context import Context
from tracker.store import Finding, Store

if TYPE_CHECKING:
    from tracker.service.appreciations import Appreciations
    from tracker.service.asking import Asking
    from tracker.service.backups import Backups
    from tracker.service.bids import Bids
    from tracker.service.boundaries import Boundaries
    from tracker.service.causes import Causes
    from tracker.service.checkins import CheckIns
    from tracker.service.exchange import Exchange
    from tracker.service.goals import Goals
    from tracker.service.history import History
    from tracker.service.letters import Letters
    from tracker.service.locking import Lock
    from tracker.service.marks import Marks
    from tracker.service.notes import Notes
    from tracker.service.plans import Plans
    from tracker.service.promises import Promises
    from tracker.service.reminders import Reminders
    from tracker.service.settings import Preferences
    from tracker.service.sharing import Sharing
    from tracker.service.snoozes import Snoozes
    from tracker.service.streaks import Streaks
    from tracker.service.tags import Tags
    from tracker.service.together import Together


class Tracker:
    """Everything a user does with their data, in one place."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._context = Context(store, clock)
        self.clock = clock

    # The areas, each made (and its module imported) when first used: a check-off
    # imports neither the practices nor sharing.

    @cached_property
    def promises(self) -> Promises:
        from tracker.service.promises import Promises

        return Promises(self._context)

    @cached_property
    def marks(self) -> Marks:
        from tracker.service.marks import Marks

        return Marks(self._context)

    @cached_property
    def streaks(self) -> Streaks:
        from tracker.service.streaks import Streaks

        return Streaks(self._context)

    @cached_property
    def together(self) -> Together:
        from tracker.service.together import Together

        return Together(self._context)

    @cached_property
    def notes(self) -> Notes:
        from tracker.service.notes import Notes

        return Notes(self._context)

    @cached_property
    def settings(self) -> Preferences:
        from tracker.service.settings import Preferences

        return Preferences(self._context)

    @cached_property
    def backups(self) -> Backups:
        from tracker.service.backups import Backups

        return Backups(self._context)

    @cached_property
    def reminders(self) -> Reminders:
        from tracker.service.reminders import Reminders

        return Reminders(self._context)

    @cached_property
    def history(self) -> History:
        from tracker.service.history import History

        return History(self._context)

    @cached_property
    def exchange(self) -> Exchange:
        from tracker.service.exchange import Exchange

        return Exchange(self._context)

    @cached_property
    def appreciations(self) -> Appreciations:
        from tracker.service.appreciations import Appreciations

        return Appreciations(self._context)

    @cached_property
    def bids(self) -> Bids:
        from tracker.service.bids import Bids

        return Bids(self._context)

    @cached_property
    def boundaries(self) -> Boundaries:
        from tracker.service.boundaries import Boundaries

        return Boundaries(self._context)

    @cached_property
    def goals(self) -> Goals:
        from tracker.service.goals import Goals

        return Goals(self._context)

    @cached_property
    def letters(self) -> Letters:
        from tracker.service.letters import Letters

        return Letters(self._context)

    @cached_property
    def tags(self) -> Tags:
        from tracker.service.tags import Tags

        return Tags(self._context)

    @cached_property
    def causes(self) -> Causes:
        from tracker.service.causes import Causes

        return Causes(self._context)

    @cached_property
    def snoozes(self) -> Snoozes:
        from tracker.service.snoozes import Snoozes

        return Snoozes(self._context)

    @cached_property
    def sharing(self) -> Sharing:
        from tracker.service.sharing import Sharing

        return Sharing(self._context)

    @cached_property
    def checkins(self) -> CheckIns:
        from tracker.service.checkins import CheckIns

        return CheckIns(self._context)

    @cached_property
    def plans(self) -> Plans:
        from tracker.service.plans import Plans

        return Plans(self._context)

    @cached_property
    def lock(self) -> Lock:
        from tracker.service.locking import Lock

        return Lock(self._context)

    @cached_property
    def asking(self) -> Asking:
        from tracker.service.asking import Asking

        return Asking(self._context)

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Clock,
        *,
        lock_timeout: float | None = None,
        automatic_backups: bool = True,
    ) -> Tracker:
        """Open (or prepare to create) the data file at `path`, refusing a damaged one.

        `lock_timeout`: how long a write waits for another tracker's save before it is
        refused with a LockedError (the app waits briefly, then retries on its own).
        """
        options: dict[str, object] = {"now": clock.now, "automatic_backups": automatic_backups}
        if lock_timeout is not None:
            options["lock_timeout"] = lock_timeout
        return cls(Store.open(path, **options), clock)

    @classmethod
    def open_for_repair(cls, path: Path, clock: Clock) -> Tracker:
        """The data file at `path` even when it is damaged: for `tracker doctor` and for a
        restore from a backup, which are what a damaged file needs."""
        return cls(Store(path, now=clock.now), clock)

    @property
    def data_path(self) -> Path:
        """The data file (its marks and backups live beside it)."""
        return self._context.store.path

    def check_data(self) -> dict[str, int]:
        """Read and validate every file; counts of what is stored (for `tracker doctor`)."""
        return self._context.store.check_all()

    def notices(self) -> list[str]:
        """Calm one-line notices about the data's files: damage (archived promises'
        included), a folder others may write in; and a $TZ that names no zone. Cheap:
        files are re-read only if changed."""
        clock_notice = self._context.clock.notice
        return self._context.store.notices() + ([clock_notice] if clock_notice else [])

    def health(self) -> list[Finding]:
        """What `tracker doctor` says about the data, its files and its backups."""
        return self._context.store.health()

    def today(self) -> date:
        """The user's current day: it may start after midnight (`day_starts_at`)."""
        return self._context.today()

    def as_of(self, day: date) -> date:
        """The day figures about `day` are computed as of: `day`, never past today."""
        return self._context.as_of(day)

    def day(self, text: str | None) -> date:
        """The date the user typed ('yesterday', '3 days ago', '2026-11-20'); None is today."""
        today = self.today()
        return today if text is None else parse_date(text, today)

    def next_day_start(self) -> datetime:
        """The first moment of the user's next day (the app's rollover)."""
        return next_day_start(self.clock.now(), self._context.settings().day_starts_at)

    def revision(self) -> tuple[object, ...]:
        """Changes whenever any process saved something (for the app to refresh)."""
        return self._context.store.revision()
