"""Progress since the user's chosen start date, against the time frames in DOMAIN.md.

Rebuilding trust after a major breach is commonly said to take one to two years, with a
first noticeable change after about six months; the Streaks view shows where the user
stands on that road.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Milestone:
    months: int
    label: str
    reached: bool
    on: date | None = None  # the calendar day it is (or was) reached


@dataclass(frozen=True)
class JourneyProgress:
    """How far along the user is against the time frames people are told to expect."""

    start: date
    days: int
    months: float
    milestones: tuple[Milestone, ...]

    @property
    def next_milestone(self) -> Milestone | None:
        return next((m for m in self.milestones if not m.reached), None)


JOURNEY_MILESTONES = (
    (6, "the first noticeable change"),
    (12, "a year of rebuilding"),
    (24, "the far end of what a major breach takes (one to two years)"),
)


def journey_progress(start: date, today: date) -> JourneyProgress:
    """Time since `start`, and which milestones are behind.

    A milestone is reached on its calendar day (six months after 31 August is the last
    day of February), so "a year" is reached on the anniversary, leap year or not.
    """
    days = max(0, (today - start).days)
    milestones = []
    for months, label in JOURNEY_MILESTONES:
        on = start + relativedelta(months=months)
        milestones.append(Milestone(months, label, today >= on, on))
    return JourneyProgress(start, days, _months_between(start, today), tuple(milestones))


def _months_between(start: date, today: date) -> float:
    """Calendar months from `start` to `today`, rounded down to a tenth (never ahead of
    the milestones: 364 days is 11.9 months, the anniversary 12.0)."""
    if today <= start:
        return 0.0
    elapsed = relativedelta(today, start)
    whole = elapsed.years * 12 + elapsed.months
    began = start + relativedelta(months=whole)
    month_length = (start + relativedelta(months=whole + 1) - began).days
    return math.floor((whole + (today - began).days / month_length) * 10) / 10
