"""The demo's partner: a second, made-up tracker paired with the demo's through a folder, so
that `tracker --demo` shows what sharing gives before anyone sets it up.

Sam (demo) keeps three promises of their own, appreciates a few things in you and noticed
one of your kept promises. Everything lives in the demo's throwaway folder; the names
say "demo" so that nobody takes it for a real person's words.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from tracker.clock import Clock
from tracker.model import Mark, MarkStatus, Promise, QualityKind, QualityTime
from tracker.practices.records import Appreciation
from tracker.schedule import parse_schedule
from tracker.service import Tracker

PARTNER_NAME = "Sam (demo)"
YOUR_NAME = "You (demo)"
DAYS = 42
NOTICED_MESSAGE = "It made my morning. Thank you. (a demo message)"

# (title, schedule, every how many due days a slip falls: never 0)
PROMISES = (
    ("Ask about your day and listen without fixing", "daily", 6),
    ("Put the phone away at dinner", "daily", 9),
    ("Plan a date night", "1/week", 5),
)
APPRECIATIONS_OF_YOU = (
    (2, "You texted that you'd be late, before I had to wonder.", "reliability"),
    (5, "You asked how the appointment went, and listened.", "care"),
    (11, "You kept your phone in the drawer all evening.", "presence"),
)


def add_demo_partner(my_data: Path, today: date) -> None:
    """Pair the demo at `my_data` with a demo partner beside it, who has shared a share."""
    folder = my_data.parent
    clock = Clock(zone=UTC, frozen=datetime.combine(today, time(19, 0), UTC))
    partner = Tracker.open(folder / "partner" / "tracker.json", clock, automatic_backups=False)
    me = Tracker.open(my_data, clock, automatic_backups=False)
    shared = folder / "shared"
    code = partner.sharing.setup(shared, PARTNER_NAME).saved.code
    me.sharing.join(shared, code, YOUR_NAME)
    _partners_history(partner, today)
    me.sharing.publish()
    partner.sharing.publish()
    _notice_one_of_yours(partner, today)
    partner.sharing.publish()


def _partners_history(partner: Tracker, today: date) -> None:
    first = today - timedelta(days=DAYS)
    added = datetime.combine(first, time(20, 0), UTC)
    history = partner.history
    stored = history.add_promises(
        Promise(title, parse_schedule(spec), first, created=added) for title, spec, _ in PROMISES
    )
    marks: list[Mark] = []
    for promise, (_title, spec, slip_every) in zip(stored, PROMISES, strict=True):
        days = range(1, DAYS + 1) if spec == "daily" else range(2, DAYS + 1, 7)
        for number, back in enumerate(days, 1):
            status = MarkStatus.MISSED if number % slip_every == 0 else MarkStatus.KEPT
            marks.append(Mark(promise.id, today - timedelta(days=back), status))
    marks.append(Mark(stored[0].id, today, MarkStatus.KEPT))
    history.add_marks(marks)
    history.add_entries(
        QualityTime(today - timedelta(days=back), 60, QualityKind.CONVERSATION, connection=4)
        for back in (1, 4, 8)
    )
    history.add_practices(
        Appreciation(text, today - timedelta(days=back), quality=quality)
        for back, text, quality in APPRECIATIONS_OF_YOU
    )


def _notice_one_of_yours(partner: Tracker, today: date) -> None:
    """The partner notices one of your promises kept today (else the latest kept day)."""
    share = partner.sharing.shared()
    kept = [
        (day, promise)
        for promise in share.promises
        for day, mark in share.marks_of(promise.id).items()
        if mark.status is MarkStatus.KEPT and day <= today
    ]
    if kept:
        day, promise = max(kept, key=lambda found: (found[0], -found[1].id))
        partner.sharing.notice(share, promise, day, NOTICED_MESSAGE)
