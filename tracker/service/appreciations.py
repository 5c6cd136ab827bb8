"""Appreciations: small, specific thanks, given and received; the check-in gathers the week's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.practices.received import with_theirs
from tracker.practices.records import Appreciation, Person, refuse_future
from tracker.schedule import week_start
from tracker.service.change import Change
from tracker.service.context import Context
from tracker.service.records import RecordArea
from tracker.store.kinds import APPRECIATIONS


@dataclass(frozen=True)
class AppreciationWeek:
    """This Monday-to-Sunday week's appreciations: given (by me) and received."""

    given: int
    received: int


def _saved(item: Appreciation) -> str:
    if item.by is Person.PARTNER:
        return f"Kept what your partner appreciates in you (appreciation {item.id})."
    return f"Saved appreciation {item.id}. Telling them too is the best part."


class Appreciations(RecordArea[Appreciation]):
    """What we appreciate in each other, one specific thing at a time."""

    LIST_HINT = "`tracker appreciations` lists them."

    def __init__(self, context: Context) -> None:
        super().__init__(context, APPRECIATIONS)

    def newest_first(self, theirs: Iterable[Appreciation] = ()) -> list[Appreciation]:
        """Mine and, given the partner's shared ones (`theirs`), those received from them."""
        both = with_theirs(self.all(), theirs)
        return sorted(both, key=lambda item: (item.day, abs(item.id)), reverse=True)

    def of_week(self, day: date) -> list[Appreciation]:
        """The appreciations kept in the Monday-to-Sunday week holding `day`, oldest first
        (the check-in gathers them)."""
        monday = week_start(day)
        sunday = monday + timedelta(days=6)
        week = [item for item in self.all() if monday <= item.day <= sunday]
        return sorted(week, key=lambda item: (item.day, item.id))

    def this_week(self, theirs: Iterable[Appreciation] = ()) -> AppreciationWeek:
        """This week's given and received (those in the partner's share, `theirs`, too)."""
        today = self._context.today()
        monday = week_start(today)
        both = with_theirs(self.all(), theirs)
        week = [item for item in both if monday <= item.day <= today]
        given = sum(1 for item in week if item.by is Person.ME)
        return AppreciationWeek(given=given, received=len(week) - given)

    def add(self, item: Appreciation) -> Change[Appreciation]:
        refuse_future(item.day, self._context.today(), "The appreciation")
        return self._added(item, _saved)

    def edit(self, original: Appreciation, edited: Appreciation) -> Change[Appreciation]:
        refuse_future(edited.day, self._context.today(), "The appreciation")
        return self._edited(original, edited, lambda item: f"Saved appreciation {item.id}.")

    def delete(self, item: Appreciation) -> Change[Appreciation]:
        return self._deleted(item, lambda gone: f"Deleted appreciation {gone.id}.")
