"""What the importers of other apps share: a habit read from the other app, turned into a plan.

Each reader (Loop, harsh, dijo) reads its file into `ForeignHabit`s with their days
(`ForeignDay`), and `plan_from_habits` makes the promises and marks, with the model's
own validation: a title or note tracker cannot keep becomes an "not imported" line
with the reason, never a half-imported promise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from tracker.errors import ValidationError
from tracker.formats.plan import ImportPlan, PlannedPromise, Unmapped
from tracker.model import SHORT_TEXT_MAX, TITLE_MAX, Mark, MarkStatus, Promise
from tracker.schedule import Schedule

ELLIPSIS = "…"


@dataclass(frozen=True)
class ForeignDay:
    """One day of a habit in the other app, already judged: kept, missed or excused."""

    day: date
    status: MarkStatus
    reason: str = ""
    note: str = ""


@dataclass
class ForeignHabit:
    """A habit as another app had it, in tracker's terms, with what was approximated."""

    name: str
    schedule: Schedule
    days: list[ForeignDay] = field(default_factory=list)
    why: str = ""
    end: date | None = None
    reminders: tuple[time, ...] = ()
    archived: bool = False
    approximations: list[str] = field(default_factory=list)
    left_out: list[Unmapped] = field(default_factory=list)


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when it was cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def plan_from_habits(
    habits: Iterable[ForeignHabit],
    *,
    source: str,
    file_name: str,
    today: date,
    unmapped: Sequence[Unmapped] = (),
    remarks: Sequence[str] = (),
) -> ImportPlan:
    """The plan for `habits`: one promise each, starting on its first day (or today)."""
    planned: list[PlannedPromise] = []
    left_out = list(unmapped)
    for habit in habits:
        built = _planned(habit, today)
        if isinstance(built, Unmapped):
            left_out.append(built)
        else:
            planned.append(built)
        left_out.extend(habit.left_out)
    return ImportPlan(
        source=source,
        file_name=file_name,
        promises=tuple(planned),
        unmapped=tuple(left_out),
        remarks=tuple(remarks),
    )


def _planned(habit: ForeignHabit, today: date) -> PlannedPromise | Unmapped:
    shown = shortened(habit.name, 60) or "(no name)"
    approximations = list(habit.approximations)
    title = habit.name.strip()
    if len(title) > TITLE_MAX:
        title = shortened(title, TITLE_MAX)
        approximations.append(f"the title was cut to {TITLE_MAX} characters")
    by_day: dict[date, ForeignDay] = {}
    for found in habit.days:
        by_day[found.day] = found  # the last word for a day wins, as in the other apps
    start = min(by_day, default=min(today, habit.end or today))
    end = habit.end if habit.end is None or habit.end >= start else start
    promise = Promise(
        title=title,
        schedule=habit.schedule,
        start=start,
        end=end,
        why=shortened(habit.why, SHORT_TEXT_MAX),
        reminders=habit.reminders,
        archived=habit.archived,
    )
    try:
        promise = promise.validated()
    except ValidationError as error:
        return Unmapped(f"'{shown}' and its {len(by_day):,} days", str(error))
    marks: list[Mark] = []
    cut_notes = 0
    for day in sorted(by_day):
        kept_day = by_day[day]
        note = kept_day.note.strip()
        if len(note) > SHORT_TEXT_MAX:
            note, cut_notes = shortened(note, SHORT_TEXT_MAX), cut_notes + 1
        mark = Mark(0, day, kept_day.status, shortened(kept_day.reason, SHORT_TEXT_MAX), note)
        try:
            marks.append(mark.validated())
        except ValidationError:
            # A note tracker cannot keep (a control character): the day itself is kept.
            marks.append(Mark(0, day, kept_day.status))
            approximations.append(f"the note of {day.isoformat()} was left out (not plain text)")
    if cut_notes:
        approximations.append(
            f"{cut_notes:,} day notes longer than {SHORT_TEXT_MAX} characters were cut"
        )
    return PlannedPromise(
        promise,
        tuple(marks),
        tuple(f"'{shortened(title, 60)}': {text}" for text in approximations),
    )
