"""The weekly check-in: one draft at a time, saved after every step; finished ones kept.

The steps and their rules are `tracker.practices.checkin`'s; this area keeps them in
the store (the CHECKINS table) so that closing the app at any step loses nothing: the
next `start` resumes the draft where it was left. Each operation writes the draft with
the version it began from as its base, so two windows on the same draft keep each
other's answers. Finishing keeps the check-in for reading back and adds its
appreciations to the appreciations list (by me, dated the day it was finished), in the
same write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from tracker.errors import NotFoundError, ValidationError
from tracker.service.change import Change, Undo
from tracker.service.context import Area
from tracker.store.kinds import APPRECIATIONS, CHECKINS

if TYPE_CHECKING:
    from tracker.model import Promise
    from tracker.practices.checkin import Answer, CheckIn, Step
    from tracker.practices.records import Appreciation
    from tracker.practices.week import ByWhom, WeekInFacts
    from tracker.reminder_rules.due import CheckInDays


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class CheckIns(Area):
    """Start or resume the draft, move through its steps, finish it, read finished ones."""

    # -- reading --------------------------------------------------------------------------

    def all(self) -> list[CheckIn]:
        """Every check-in, the draft included, oldest first."""
        return self._store.records(CHECKINS)

    def draft(self) -> CheckIn | None:
        """The check-in being written, if there is one (the latest, should two windows
        each have begun one at the same moment)."""
        drafts = [checkin for checkin in self.all() if checkin.is_draft]
        return drafts[-1] if drafts else None

    def finished(self) -> list[CheckIn]:
        """The finished check-ins, oldest first."""
        return [checkin for checkin in self.all() if not checkin.is_draft]

    def get(self, number: str | int) -> CheckIn:
        """The finished check-in with this number (as typed: '3')."""
        wanted = str(number).strip()
        for checkin in self.all():
            if str(checkin.id) == wanted:
                if checkin.is_draft:
                    raise ValidationError(
                        f"Check-in {checkin.id} is still being written: finish it in the app "
                        "(press c)."
                    )
                return checkin
        raise NotFoundError(
            f"There is no check-in number {wanted[:20]}. `tracker checkin list` shows them."
        )

    def week_in_facts(
        self,
        week_of: date,
        acknowledgements: Iterable[ByWhom] = (),
        their_appreciations: Iterable[Appreciation] = (),
    ) -> WeekInFacts:
        """The facts of `week_of`'s Monday-to-Sunday week as they stand today.

        `acknowledgements` and `their_appreciations` (what the partner wrote about me)
        come from partner sharing when it is set up (none otherwise).
        """
        from tracker.practices.received import with_theirs
        from tracker.practices.week import week_in_facts

        store = self._store
        promises = store.promises()
        return week_in_facts(
            promises,
            store.all_marks([promise.id for promise in promises]),
            store.quality_entries(),
            with_theirs(store.records(APPRECIATIONS), their_appreciations),
            acknowledgements,
            store.notes(),
            week_of,
            self._context.today(),
            weekly_goal_minutes=self._context.settings().weekly_quality_minutes,
        )

    def reminder_days(self) -> CheckInDays:
        """What the reminders need: the weeks already looked back on, the planned times."""
        from tracker.reminder_rules.due import CheckInDays

        held = self.finished()
        planned = set()
        for checkin in held:
            plan = checkin.reconnect
            if plan is not None and plan.day is not None and plan.at is not None:
                planned.add((plan.day, plan.at))
        return CheckInDays(
            weeks_held=frozenset(checkin.week_of for checkin in held),
            planned=tuple(sorted(planned)),
        )

    # -- the draft ------------------------------------------------------------------------

    def start(self) -> Change[CheckIn]:
        """Resume the draft, or begin a new one about the week `week_looked_back_on` today.

        A new draft is stored with its first answer (or move): opening the check-in and
        leaving at once leaves nothing behind.
        """
        from tracker.practices.checkin import MAX_TIME_BOX_MINUTES, start_checkin

        existing = self.draft()
        if existing is not None:
            where = (
                f"at step {existing.step.number}, {existing.step.label.lower()}"
                if existing.step is not None
                else "ready to finish"
            )
            return Change(
                existing,
                f"Picking up the check-in you began on {_day(existing.held_on)}, {where}.",
            )
        minutes = min(max(1, self._context.settings().checkin_minutes), MAX_TIME_BOX_MINUTES)
        begun = start_checkin(
            self._context.today(), self._context.clock.now(), time_box_minutes=minutes
        )
        said = f"A new check-in, about the week of {_day(begun.week_of)}."
        held = self.held_about(begun.week_of)
        if held is not None:
            said = (
                f"You held the check-in about the week of {_day(begun.week_of)} on "
                f"{_day(held.held_on)} already: this one would be a second (esc leaves it, "
                "keeping nothing)."
            )
        return Change(begun, said)

    def held_about(self, week_of: date) -> CheckIn | None:
        """The last finished check-in about the week of `week_of`, if one was held."""
        held = [checkin for checkin in self.finished() if checkin.week_of == week_of]
        return held[-1] if held else None

    def answer(self, checkin: CheckIn, value: Answer) -> Change[CheckIn]:
        """Keep the current step's answer and move on (an empty answer is a skip)."""
        from tracker.practices.checkin import answer

        return self._save(checkin, answer(checkin, value))

    def keep(self, checkin: CheckIn, value: Answer) -> Change[CheckIn]:
        """Keep what is written in the current step so far, staying on it (typing is saved
        as it goes; an empty answer leaves the step unanswered)."""
        return self._save(checkin, _kept(checkin, value))

    def skip(self, checkin: CheckIn) -> Change[CheckIn]:
        """Pass over the current step, dropping its answer."""
        from tracker.practices.checkin import skip

        return self._save(checkin, skip(checkin))

    def back(self, checkin: CheckIn, keeping: Answer | None = None) -> Change[CheckIn]:
        """One step back; `keeping` is what was typed in the current step, kept first."""
        from tracker.practices.checkin import back

        return self._save(checkin, back(_kept(checkin, keeping)))

    def go_to(
        self, checkin: CheckIn, step: Step | None, keeping: Answer | None = None
    ) -> Change[CheckIn]:
        """Move to `step` (None: past the last step, ready to finish), keeping first what
        was typed in the current step (`keeping`), changing no other answer."""
        from tracker.practices.checkin import go_to

        return self._save(checkin, go_to(_kept(checkin, keeping), step))

    def _save(self, before: CheckIn, after: CheckIn) -> Change[CheckIn]:
        if not before.id:  # a new check-in is stored with its first answer
            saved = self._store.add_record(CHECKINS, after)
        else:
            saved = self._store.update_record(CHECKINS, after, base=before)
        if saved.step is None:
            return Change(saved, "Every step is behind you: finish when you are ready.")
        return Change(saved, f"Saved. Step {saved.step.number}: {saved.step.label}.")

    def finish(self, checkin: CheckIn) -> Change[CheckIn]:
        """Keep the check-in for reading back; its appreciations join the appreciations
        list (by me, dated today), in the same write."""
        from tracker.practices.checkin import finish

        if not checkin.id:  # finished before any answer was kept: stored first
            checkin = self._store.add_record(CHECKINS, checkin)
        today = self._context.today()
        done = finish(checkin, self._context.clock.now())
        said = [_as_appreciation(a.text, a.quality, today) for a in done.appreciations or ()]
        store = self._store
        saved, added = store.write_records(
            update=(CHECKINS, done, checkin), add=[(APPRECIATIONS, item) for item in said]
        )
        assert saved is not None
        message = f"Your check-in of {_day(saved.held_on)} is kept; read it back any time."
        if added:
            count = "it is" if len(added) == 1 else "they are"
            message += f" {_appreciations(len(added))}: {count} in your appreciations too."
        ids = [item.id for item in added]

        def reopen() -> object:
            return store.write_records(
                update=(CHECKINS, checkin, saved), remove=[(APPRECIATIONS, i) for i in ids]
            )

        return Change(saved, message, Undo("Reopen the check-in", reopen))

    def discard(self, checkin: CheckIn) -> Change[CheckIn]:
        """Drop a draft (a finished check-in is kept); the undo brings it back as it was."""
        if not checkin.is_draft:
            raise ValidationError("A finished check-in is kept; only a draft can be dropped.")
        removed = self._store.delete_record(CHECKINS, checkin.id)
        store = self._store
        return Change(
            removed,
            f"The check-in you began on {_day(removed.held_on)} is dropped.",
            Undo("Bring back the check-in", lambda: store.add_record(CHECKINS, removed)),
        )

    def link_agreement(self, checkin: CheckIn, index: int, promise: Promise) -> Change[CheckIn]:
        """Agreement number `index` (from 0) became `promise`: say so in the check-in."""
        from tracker.practices.checkin import link_agreement

        linked = link_agreement(checkin, index, promise.id)
        saved = self._store.update_record(CHECKINS, linked, base=checkin)
        store = self._store
        return Change(
            saved,
            f"Agreement {index + 1} is now the promise '{promise.title}'.",
            Undo(
                "Unlink the agreement",
                lambda: store.update_record(CHECKINS, checkin, base=saved),
            ),
        )


def _kept(checkin: CheckIn, value: Answer | None) -> CheckIn:
    """`checkin` with `value` kept as the current step's answer, still at that step."""
    if value is None or checkin.step is None:
        return checkin
    from tracker.practices.checkin import answer, go_to

    return go_to(answer(checkin, value), checkin.step)


def _as_appreciation(text: str, quality: str, day: date) -> Appreciation:
    from tracker.practices.records import Appreciation, Person

    return Appreciation(text=text, day=day, by=Person.ME, quality=quality)


def _appreciations(count: int) -> str:
    return "One appreciation" if count == 1 else f"{count} appreciations"
