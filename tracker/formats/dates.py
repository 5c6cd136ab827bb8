"""The days an import may bring: the same rules as a day typed into tracker.

* A kept or missed day is one that has come: today (by the day start) or earlier, as
  `tracker check` takes. A day ahead can only be excused, up to a year ahead (a planned
  trip), as `tracker excuse` takes.
* Every day lies from 1900 to the end of 2100 (`tracker.parsing.FIRST_DAY`, `LAST_DAY`).

Days outside these are not imported and are named, with how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.model import MarkStatus
from tracker.parsing import FIRST_DAY, LAST_DAY, PLAN_AHEAD_DAYS

NOT_YET = (
    "they have not come yet (tracker records today and earlier days; a day ahead only "
    f"as excused, up to {PLAN_AHEAD_DAYS} days ahead)"
)
OUT_OF_RANGE = f"they lie outside {FIRST_DAY.year} to {LAST_DAY.year}, the years tracker keeps"


def day_refusal(day: date, status: MarkStatus, today: date) -> str | None:
    """Why a day marked `status` cannot be imported (`NOT_YET`, `OUT_OF_RANGE`), or None."""
    if not FIRST_DAY <= day <= LAST_DAY:
        return OUT_OF_RANGE
    if day <= today:
        return None
    if status is MarkStatus.EXCUSED and (day - today).days <= PLAN_AHEAD_DAYS:
        return None
    return NOT_YET


def in_range(day: date) -> bool:
    """Whether a promise's start or end lies in the years tracker keeps."""
    return FIRST_DAY <= day <= LAST_DAY


def days_refused(days: Iterable[tuple[date, MarkStatus]], today: date) -> dict[str, list[date]]:
    """The days among `days` an import leaves out, by the reason (see `day_refusal`)."""
    refused: dict[str, list[date]] = {}
    for day, status in days:
        reason = day_refusal(day, status, today)
        if reason is not None:
            refused.setdefault(reason, []).append(day)
    return refused


def span_words(days: Iterable[date]) -> str:
    """'2088-01-01' or '2088-01-01 to 2088-03-04': the first and last of `days`."""
    ordered = sorted(days)
    first, last = ordered[0].isoformat(), ordered[-1].isoformat()
    return first if first == last else f"{first} to {last}"
