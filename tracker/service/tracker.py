"""Tracker: the one object both faces (the app, the command line) and the reminders call.

It owns the current day and its boundary, the rule for which day a figure is "as of"
(see `tracker.service.context`), and every operation a user performs. Operations live
in areas, one module each, reached as attributes: `tracker.marks.check_off(promise, day)`,
`tracker.notes.let_go(note)`. Each validates, writes through the store and returns a
`Change`: what was saved, the sentence that says so, and how to undo it.

A new area is a new module with an `Area` subclass, plus one line in `Tracker.__init__`.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tracker.clock import Clock
from tracker.daybreak import next_day_start
from tracker.parsing import parse_date
from tracker.service.appreciations import Appreciations
from tracker.service.asking import Asking
from tracker.service.backups import Backups
from tracker.service.bids import Bids
from tracker.service.boundaries import Boundaries
from tracker.service.causes import Causes
from tracker.service.checkins import CheckIns
from tracker.service.context import Context
from tracker.service.exchange import Exchange
from tracker.service.goals import Goals
from tracker.service.history import History
from tracker.service.letters import Letters
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
from tracker.store import Finding, Store


class Tracker:
    """Everything a user does with their data, in one place."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._context = context = Context(store, clock)
        self.clock = clock
        self.promises = Promises(context)
        self.marks = Marks(context)
        self.streaks = Streaks(context)
        self.together = Together(context)
        self.notes = Notes(context)
        self.settings = Preferences(context)
        self.backups = Backups(context)
        self.reminders = Reminders(context)
        self.history = History(context)
        self.exchange = Exchange(context)
        # The couple's practices (issue 14).
        self.appreciations = Appreciations(context)
        self.bids = Bids(context)
        self.boundaries = Boundaries(context)
        self.goals = Goals(context)
        self.letters = Letters(context)
        self.tags = Tags(context)
        self.causes = Causes(context)
        self.snoozes = Snoozes(context)
        self.sharing = Sharing(context)
        self.checkins = CheckIns(context)
        self.plans = Plans(context)
        self.asking = Asking(context)

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
