"""Promises: add, edit (the past keeps its schedules), archive and restore; find one by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import Promise, SchedulePeriod, rescheduled
from tracker.parsing import format_count, match_by_name
from tracker.schedule import ScheduleKind
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.stats import Marks


class Promises(Area):
    """The promises themselves; their marks are the `Marks` area's."""

    def all(self, include_archived: bool = False) -> list[Promise]:
        return self._store.promises(include_archived=include_archived)

    def get(self, promise_id: int) -> Promise:
        return self._store.promise(promise_id)

    def active_on(self, day: date) -> list[Promise]:
        return [promise for promise in self.all() if promise.is_active_on(day)]

    def find(self, name: str, include_archived: bool = False) -> Promise:
        """One promise by number, exact title, or a part of the title found in no other.

        Words found in several titles are refused with the candidates listed.
        """
        return match_by_name(
            self.all(include_archived=include_archived),
            name,
            lambda p: p.title,
            lambda p: p.id,
            "promise",
        )

    def find_archived(self, name: str) -> Promise:
        archived = [p for p in self.all(include_archived=True) if p.archived]
        return match_by_name(
            archived,
            name,
            lambda p: p.title,
            lambda p: p.id,
            "archived promise",
            hint="`tracker list --all` shows archived promises too.",
        )

    def add(self, promise: Promise) -> Change[Promise]:
        now = self._context.clock.now()
        stored = self._store.add_promise(replace(promise, created=promise.created or now))
        said = f"Added promise {stored.id}: {stored.title} ({_rhythm(stored)})."
        return Change(stored, said + _to_fill_in(stored, self._context.today()))

    def edit(self, original: Promise, edited: Promise) -> Change[Promise]:
        """Save the fields a user changed on `original`; the past keeps its schedules.

        A new schedule applies from today on, and days before keep being judged by the
        schedules they had (a promise that has not started yet simply takes the new one).
        The start cannot move past a day that carries a mark, and moving the start of an
        'every N days' promise keeps the days it was due. Only the fields that changed are
        written, onto the promise as it is stored now.
        """
        today = self._context.today()
        marks = self._store.marks_of(original.id) if edited.start > original.start else {}
        first_mark = min((day for day in marks if day < edited.start), default=None)
        if first_mark is not None:
            raise ValidationError(
                f"'{original.title}' has marks from {first_mark.isoformat()}; "
                "pick a start on or before it."
            )
        # The history is this method's to keep, whatever `edited` carries.
        new = replace(
            edited, schedule=original.schedule, measure=original.measure, earlier=original.earlier
        )
        if original.start > today:
            new = replace(new, schedule=edited.schedule, measure=edited.measure, earlier=())
        else:
            if edited.start != original.start:
                new = _moved_start(original, new, marks)
            if (edited.schedule, edited.measure) != (original.schedule, original.measure):
                new = rescheduled(new, edited.schedule, today, edited.measure)
        stored = self._store.update_promise(new, base=original)
        store = self._store
        said = f"Saved promise {stored.id}: {stored.title} ({_rhythm(stored)})."
        if stored.start < original.start:  # moved back: the days it gained are to fill in
            said += _to_fill_in(stored, today)
        return Change(
            stored,
            said,
            Undo("Undo the edit", lambda: store.update_promise(original, base=stored)),
        )

    def archive(self, promise: Promise) -> Change[Promise]:
        stored = self._store.set_archived(promise.id, True)
        store = self._store
        return Change(
            stored,
            f"Archived '{stored.title}'. Its history is kept.",
            Undo("Restore the archived promise", lambda: store.set_archived(stored.id, False)),
        )

    def restore(self, promise: Promise) -> Change[Promise]:
        """Bring an archived promise back, with its whole history."""
        stored = self._store.set_archived(promise.id, False)
        store = self._store
        return Change(
            stored,
            f"Restored '{stored.title}' with its whole history.",
            Undo("Archive it again", lambda: store.set_archived(stored.id, True)),
        )


def _moved_start(original: Promise, new: Promise, marks: Marks) -> Promise:
    """`new` (with a moved start) keeping the due days of an 'every N days' first schedule.

    'Every N days' counts from the start. Moved earlier, the old first days keep their
    rhythm: the new days before them get a period of their own, counted from the new
    start. Moved later, the rhythm would slide under the marks already made on it, so
    that is refused unless the move is a whole number of N days.
    """
    schedule, _ = original.schedule_on(original.start)
    if schedule.kind is not ScheduleKind.EVERY_N_DAYS:
        return new
    shift = (original.start - new.start).days
    if shift % schedule.count == 0:
        return new
    if shift > 0:
        before = SchedulePeriod(
            schedule, original.start - ONE_DAY, original.measure_on(original.start)
        )
        later = tuple(period for period in new.earlier if period.end >= original.start)
        return replace(new, earlier=(before, *later))
    first_period_end = original.earlier[0].end if original.earlier else None
    if any(first_period_end is None or day <= first_period_end for day in marks):
        steps = -(shift // schedule.count)  # whole periods of N days up to the new start
        rhythm_day = original.start + steps * schedule.count * ONE_DAY
        raise ValidationError(
            f"'{original.title}' is due {schedule.describe()} counted from its start "
            f"{original.start.isoformat()}; a start of {new.start.isoformat()} would move the "
            f"days its marks were made on. Pick a start on its rhythm, such as "
            f"{rhythm_day.isoformat()}."
        )
    return new


def _rhythm(promise: Promise) -> str:
    """'daily', or 'daily, at least 10 min' for a measured promise."""
    words = promise.schedule.describe()
    measure = promise.measure
    if measure is None:
        return words
    per = " a week" if promise.schedule.is_weekly_target else ""
    return f"{words}, {measure.describe()}{per}"


def _to_fill_in(promise: Promise, today: date) -> str:
    """With a start set back: the days before it was added are the user's to fill in."""
    last = min(promise.asked_from, today) - ONE_DAY
    if last < promise.start:
        return ""
    days = format_count((last - promise.start).days + 1, "days")
    return (
        f" The {days} from {promise.start:%-d %b} are yours to fill in, never missed "
        "(o on Today, or tracker ask)."
    )
