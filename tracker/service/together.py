"""Time together: log, edit and delete entries; the week's minutes against the target."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.model import QualityTime
from tracker.parsing import format_duration
from tracker.schedule import week_start
from tracker.service.change import Change, Undo
from tracker.service.context import Area


def minutes_in_week(entries: list[QualityTime], day: date) -> int:
    """Quality time logged in `day`'s Monday-to-Sunday week."""
    monday = week_start(day)
    sunday = monday + 6 * ONE_DAY
    return sum(entry.minutes for entry in entries if monday <= entry.day <= sunday)


def weekly_minutes(entries: list[QualityTime], today: date, weeks: int) -> list[int]:
    """Minutes per week for the last `weeks` weeks, oldest first, this week last."""
    this_monday = week_start(today)
    totals = [0] * weeks
    first = this_monday - 7 * (weeks - 1) * ONE_DAY
    for entry in entries:
        if first <= entry.day <= this_monday + 6 * ONE_DAY:
            totals[(entry.day - first).days // 7] += entry.minutes
    return totals


def _describe(entry: QualityTime) -> str:
    return f"{format_duration(entry.minutes)} of {entry.kind.label.lower()} on {entry.day}"


class Together(Area):
    """Quality time: undistracted time with the partner, counted against a weekly target."""

    def entries(self) -> list[QualityTime]:
        """Every entry, oldest first."""
        return self._store.quality_entries()

    def target_minutes(self) -> int:
        return self._context.settings().weekly_quality_minutes

    def this_week(self) -> int:
        """Minutes logged in the current Monday-to-Sunday week."""
        return minutes_in_week(self.entries(), self._context.today())

    def weekly_minutes(self, weeks: int) -> list[int]:
        """Minutes per week for the last `weeks` weeks, oldest first, this week last."""
        return weekly_minutes(self.entries(), self._context.today(), weeks)

    def _refuse_future(self, entry: QualityTime) -> None:
        if entry.day > self._context.today():
            raise ValidationError(
                f"{entry.day.isoformat()} is in the future: log time that has happened."
            )

    def log(self, entry: QualityTime) -> Change[QualityTime]:
        self._refuse_future(entry)
        saved = self._store.add_quality(entry)
        week, target = self.this_week(), self.target_minutes()
        store = self._store
        return Change(
            saved,
            f"Logged {_describe(saved)}. This week: "
            f"{format_duration(week) if week else '0m'} of {format_duration(target)}.",
            Undo("Remove the entry", lambda: store.delete_quality(saved.id)),
        )

    def edit(self, original: QualityTime, edited: QualityTime) -> Change[QualityTime]:
        """Save what the edit changed, onto the entry as it is stored now."""
        self._refuse_future(edited)
        saved = self._store.update_quality(replace(edited, id=original.id), base=original)
        store = self._store
        return Change(
            saved,
            f"Saved {_describe(saved)}.",
            Undo("Undo the edit", lambda: store.update_quality(original, base=saved)),
        )

    def delete(self, entry: QualityTime) -> Change[QualityTime]:
        """Delete an entry; the undo brings it back with the same number and everything."""
        removed = self._store.delete_quality(entry.id)
        store = self._store
        return Change(
            removed,
            f"Deleted {_describe(removed)}.",
            Undo("Put back the entry", lambda: store.add_quality(removed)),
        )
