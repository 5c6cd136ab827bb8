"""Letters: longer writing ("what trust means to me"), private unless shared one by one."""

from __future__ import annotations

from dataclasses import replace

from tracker.practices.records import Letter, refuse_future
from tracker.service.change import Change
from tracker.service.context import Context
from tracker.service.records import RecordArea
from tracker.store.kinds import LETTERS


class Letters(RecordArea[Letter]):
    """A title and a body, no status; never shared unless shared on its own."""

    LIST_HINT = "`tracker letter list` lists them."

    def __init__(self, context: Context) -> None:
        super().__init__(context, LETTERS)

    def newest_first(self) -> list[Letter]:
        return sorted(self.all(), key=lambda letter: (letter.written_on, letter.id), reverse=True)

    def write(self, letter: Letter) -> Change[Letter]:
        refuse_future(letter.written_on, self._context.today(), "The letter")
        return self._added(
            letter, lambda saved: f"Saved letter {saved.id}. It stays private on this machine."
        )

    def edit(self, original: Letter, edited: Letter) -> Change[Letter]:
        refuse_future(edited.written_on, self._context.today(), "The letter")
        return self._edited(original, edited, lambda saved: f"Saved letter {saved.id}.")

    def set_shared(self, letter: Letter, shared: bool) -> Change[Letter]:
        """Offer this one letter to partner sharing (or take the offer back)."""
        return self._edited(
            letter,
            replace(letter, shared=shared),
            lambda saved: (
                f"Letter {saved.id} may now be shared with your partner; the others stay private."
                if saved.shared
                else f"Letter {saved.id} is private again."
            ),
            "Undo the sharing choice",
        )

    def delete(self, letter: Letter) -> Change[Letter]:
        return self._deleted(letter, lambda gone: f"Deleted letter {gone.id}.")
