"""The partner's views, computed from their share: their day, streaks, week, acknowledgements.

Pure: values in, values out, the clock handed in. Every day is judged in the
partner's own time zone and day start, and only as far as their share speaks: a
share written on Monday says nothing about Tuesday, so Tuesday reads as not judged
yet (never as missed) until their next share arrives. The rules are those of your
own views (`tracker.stats`); the JSON has the fields of `tracker today --json` and
`tracker streaks --json`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tracker.day_view import DayRow, DayView, day_row_json, judge_day, public_status
from tracker.daybreak import local_day
from tracker.errors import ValidationError
from tracker.model import DayStatus, MarkStatus, Promise, QualityTime
from tracker.parsing import match_by_name
from tracker.schedule import week_start
from tracker.share.payload import Acknowledgement, SharedData
from tracker.share.zones import zone_of
from tracker.stats import PromiseStats, day_states, day_status, promise_stats, stats_json

# -- the partner's calendar -------------------------------------------------------------------


def partner_now(share: SharedData, now: datetime) -> datetime:
    """This moment on the partner's wall clock."""
    return now.astimezone(zone_of(share.writer.zone, share.writer.written_at))


def partner_today(share: SharedData, now: datetime) -> date:
    """The partner's current day, by their zone and their day start."""
    return local_day(partner_now(share, now), share.writer.day_starts_at)


def known_until(share: SharedData, now: datetime) -> date:
    """The last day the share speaks for: the day it was written for, or today if earlier.

    (Earlier only when the partner's clock runs ahead of ours: their shares then claim a
    day that has not come yet where they live.)
    """
    return min(partner_today(share, now), share.writer.today)


# -- acknowledgements -------------------------------------------------------------------------


@dataclass(frozen=True)
class Noticed:
    """Someone noticed a kept promise: who, when (their clock), and what they said."""

    by: str
    at: datetime
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "at": self.at.isoformat(), "message": self.message}


def noticed_by(
    acknowledgements: Iterable[Acknowledgement], who: str
) -> dict[tuple[int, date], Noticed]:
    """Acknowledgements by (promise id, day): for your rows (the partner's, `who` is them) or
    for theirs (yours, `who` is you)."""
    return {
        (item.promise_id, item.day): Noticed(who, item.at, item.message)
        for item in acknowledgements
    }


def noticed_by_partner(share: SharedData | None) -> dict[tuple[int, date], Noticed]:
    """What the partner noticed of your kept promises: the `noticed` field of your own rows."""
    if share is None or share.stopped:
        return {}
    return noticed_by(share.acknowledgements, share.writer.name)


@dataclass(frozen=True)
class AcknowledgementLine:
    """One acknowledgement for the Partner view's list, either way."""

    by_you: bool
    who: str
    promise_id: int
    title: str
    day: date
    at: datetime
    message: str


def acknowledgements_both_ways(
    share: SharedData, given: Sequence[Acknowledgement], me: str
) -> list[AcknowledgementLine]:
    """What each of you noticed of the other, newest first."""
    theirs = [
        AcknowledgementLine(False, share.writer.name, a.promise_id, a.title, a.day, a.at, a.message)
        for a in share.acknowledgements
    ]
    mine = [
        AcknowledgementLine(True, me, a.promise_id, a.title, a.day, a.at, a.message) for a in given
    ]
    return sorted(theirs + mine, key=lambda line: (line.day, line.at), reverse=True)


def acknowledge(
    share: SharedData,
    promise: Promise,
    day: date,
    now: datetime,
    message: str = "",
) -> Acknowledgement:
    """Your acknowledgement of the partner's `promise` kept on `day` (refused if it was not)."""
    marks = share.marks_of(promise.id)
    mark = marks.get(day)
    if mark is None or mark.status is not MarkStatus.KEPT:
        state = day_status(promise, marks, day, known_until(share, now))
        said = "not judged yet" if state is DayStatus.FUTURE else public_status(state)
        raise ValidationError(
            f"{share.writer.name}'s '{promise.title}' is not kept on {day.isoformat()} "
            f"({said} in their latest share): only a kept promise can be noticed."
        )
    return Acknowledgement(promise.id, day, promise.title, now, message).validated()


def find_partner_promise(share: SharedData, query: str) -> Promise:
    """One of the partner's promises by number or by part of its title."""
    return match_by_name(
        list(share.promises),
        query,
        lambda p: p.title,
        lambda p: p.id,
        "promise",
        hint="`tracker partner today` shows them.",
    )


# -- their day --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerDay:
    partner: str
    day: date
    today: date  # the partner's current day
    known_until: date  # the last day their share speaks for
    updated_at: datetime  # when their tracker wrote it, on their clock
    rows: tuple[DayRow, ...]
    noticed: Mapping[int, Noticed]  # your acknowledgements of this day, by promise id

    @property
    def is_behind(self) -> bool:
        """Whether their share was written before their current day began."""
        return self.known_until < self.today

    def as_day_view(self) -> DayView:
        """Their day as your own Today's values (its summary counts the same way)."""
        return DayView(self.day, self.known_until, self.rows)

    def to_json(self) -> list[dict[str, Any]]:
        """The fields of `tracker today --json`, plus "partner", "updated_at" and "noticed"."""
        extra = {"partner": self.partner, "updated_at": self.updated_at.isoformat()}
        return [
            {
                **day_row_json(row, self.day),
                **extra,
                "noticed": _noticed_json(self.noticed.get(row.promise.id)),
            }
            for row in self.rows
        ]


def _noticed_json(noticed: Noticed | None) -> dict[str, Any] | None:
    return None if noticed is None else noticed.to_json()


def partner_day(
    share: SharedData,
    now: datetime,
    day: date | None = None,
    given: Sequence[Acknowledgement] = (),
    me: str = "You",
) -> PartnerDay:
    """The partner's `day` (their today by default), due promises first, as your Today shows.

    The rule of your own day (`tracker.day_view`), with the last day their share speaks
    for as "today": a past day as it stands on that day, a later one not judged yet.
    """
    today = partner_today(share, now)
    known = min(today, share.writer.today)
    shown = today if day is None else day
    view = judge_day(share.promises, share.marks_of, shown, known)
    yours = {
        promise_id: noticed
        for (promise_id, noticed_day), noticed in noticed_by(given, me).items()
        if noticed_day == shown
    }
    return PartnerDay(
        share.writer.name, shown, today, known, share.writer.written_at, view.rows, yours
    )


# -- their streaks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerStreaks:
    partner: str
    as_of: date
    updated_at: datetime
    stats: tuple[tuple[Promise, PromiseStats], ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The fields of `tracker streaks --json`."""
        return [stats_json(promise, stats) for promise, stats in self.stats]


def partner_streaks(share: SharedData, now: datetime, day: date | None = None) -> PartnerStreaks:
    """Every shared promise's streaks and consistency, as of the last day the share speaks for
    (or an earlier `day`)."""
    known = known_until(share, now)
    as_of = known if day is None else min(day, known)
    stats = tuple(
        (promise, promise_stats(promise, share.marks_of(promise.id), as_of))
        for promise in share.promises
        if promise.start <= as_of
    )
    return PartnerStreaks(share.writer.name, as_of, share.writer.written_at, stats)


def partner_heatmap(
    share: SharedData, promise: Promise, start: date, end: date, now: datetime
) -> Mapping[date, DayStatus]:
    """One of their promises, day by day (days after the share's last read as future)."""
    return day_states(promise, share.marks_of(promise.id), start, end, known_until(share, now))


# -- their time together ----------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerWeek:
    """The time together the partner logged in their current Monday-to-Sunday week."""

    monday: date
    minutes: int
    target: int | None
    entries: tuple[QualityTime, ...]


def partner_week(share: SharedData, now: datetime) -> PartnerWeek:
    monday = week_start(partner_today(share, now))
    sunday = monday + timedelta(days=6)
    entries = tuple(entry for entry in share.quality if monday <= entry.day <= sunday)
    return PartnerWeek(
        monday, sum(entry.minutes for entry in entries), share.weekly_quality_minutes, entries
    )
