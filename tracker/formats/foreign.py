"""What the importers of other apps share: a habit read from the other app, turned into a plan.

Each reader (Loop, harsh, dijo) reads its file into `ForeignHabit`s with their days
(`ForeignDay`), and `plan_from_habits` makes the promises and marks, with the model's
own validation: a title or note tracker cannot keep becomes an "not imported" line
with the reason, never a half-imported promise. A measured habit (`ForeignHabit.measure`)
becomes a measured promise whose days keep their amounts exactly. Two habits of one title become one
promise: the later gives the first the days it lacks (tracker's own rule for a title
already there), and how many is said. Days tracker would not take typed in (not come
yet, or outside 1900 to 2100: `tracker.formats.dates`) are left out and named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from tracker.errors import ValidationError
from tracker.formats.dates import days_refused, in_range, span_words
from tracker.formats.plan import ImportPlan, PlannedPromise, Unmapped, count_words, title_key
from tracker.model import (
    SHORT_TEXT_MAX,
    TITLE_MAX,
    UNIT_MAX,
    Mark,
    MarkStatus,
    Measure,
    Promise,
    TargetKind,
    clean_amount,
)
from tracker.schedule import Schedule

ELLIPSIS = "…"


@dataclass(frozen=True)
class ForeignDay:
    """One day of a habit in the other app, already judged: kept, missed or excused."""

    day: date
    status: MarkStatus
    reason: str = ""
    note: str = ""
    amount: float | None = None  # a measured habit's amount that day, exact


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
    measure: Measure | None = None


def foreign_measure(
    unit: str, target: float, kind: TargetKind, approximations: list[str]
) -> Measure | None:
    """A measured habit's measure as tracker keeps it: a unit too long is cut, a target
    it cannot keep (nothing, or absurd) leaves the habit yes/no, and the dry run says so."""
    unit = " ".join(unit.split()) or "times"
    if len(unit) > UNIT_MAX:
        approximations.append(f"its unit was cut to {UNIT_MAX} characters")
        unit = shortened(unit, UNIT_MAX)
    try:
        measure = Measure(unit, target, kind).validated()
    except ValidationError as error:
        approximations.append(f"its target is not kept ({error}); a day with an amount counts")
        return None
    approximations.append(
        f"measured: {measure.describe()}, each day's amount kept as it was entered"
    )
    return measure


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
    for habit in _merged_by_title(habits):
        built = _planned(habit, today)
        if isinstance(built, list):
            left_out.extend(built)
        else:
            promise, days_left_out = built
            planned.append(promise)
            left_out.extend(days_left_out)
        left_out.extend(habit.left_out)
    return ImportPlan(
        source=source,
        file_name=file_name,
        promises=tuple(planned),
        unmapped=tuple(left_out),
        remarks=tuple(remarks),
    )


def _merged_by_title(habits: Iterable[ForeignHabit]) -> list[ForeignHabit]:
    """One habit per title: a later habit of a title already met gives the first the days
    it lacks (tracker's own rule for a title already there), and how many is said."""
    first_of: dict[str, ForeignHabit] = {}
    merged: list[ForeignHabit] = []
    for habit in habits:
        key = title_key(habit.name)
        first = first_of.get(key)
        if first is None:
            first_of[key] = habit
            merged.append(habit)
            continue
        held = {found.day: found for found in first.days}
        added = [found for found in habit.days if found.day not in held]
        differing = sum(
            1
            for found in habit.days
            if found.day in held
            and (held[found.day].status, held[found.day].note) != (found.status, found.note)
        )
        first.days.extend(added)
        words = (
            f"another habit of the same title ({count_words('days', len(habit.days))}) was "
            "merged into it: "
            + (
                f"{count_words('days', len(added))} it lacked "
                + ("was added" if len(added) == 1 else "were added")
                if added
                else "it held no day this one lacked"
            )
        )
        if differing:
            words += f"; on {count_words('days', differing)} both had, the first's mark was kept"
        if habit.schedule != first.schedule:
            words += f"; its rhythm ({habit.schedule.describe()}) was not kept"
        first.approximations.append(words)
        first.left_out.extend(habit.left_out)
    return merged


def _planned(
    habit: ForeignHabit, today: date
) -> tuple[PlannedPromise, list[Unmapped]] | list[Unmapped]:
    shown = shortened(habit.name, 60) or "(no name)"
    approximations = list(habit.approximations)
    title = habit.name.strip()
    if len(title) > TITLE_MAX:
        title = shortened(title, TITLE_MAX)
        approximations.append(f"the title was cut to {TITLE_MAX} characters")
    by_day: dict[date, ForeignDay] = {}
    for found in habit.days:
        by_day[found.day] = found  # the last word for a day wins, as in the other apps
    left_out = _left_out_days(by_day, shown, today)
    end = habit.end
    if end is not None and not in_range(end):
        approximations.append(f"its end {end.isoformat()} is not kept (not a year tracker keeps)")
        end = None
    start = min(by_day, default=min(today, end or today))
    end = end if end is None or end >= start else start
    promise = Promise(
        title=title,
        schedule=habit.schedule,
        start=start,
        end=end,
        why=shortened(habit.why, SHORT_TEXT_MAX),
        reminders=habit.reminders,
        archived=habit.archived,
        measure=habit.measure,
    )
    try:
        promise = promise.validated()
    except ValidationError as error:
        return [*left_out, Unmapped(f"'{shown}' and its {len(by_day):,} days", str(error))]
    marks: list[Mark] = []
    cut_notes = 0
    for day in sorted(by_day):
        kept_day = by_day[day]
        note = kept_day.note.strip()
        if len(note) > SHORT_TEXT_MAX:
            note, cut_notes = shortened(note, SHORT_TEXT_MAX), cut_notes + 1
        amount = _amount(kept_day, approximations)
        reason = shortened(kept_day.reason, SHORT_TEXT_MAX)
        mark = Mark(0, day, kept_day.status, reason, note, amount)
        try:
            marks.append(mark.validated())
        except ValidationError:
            # A note tracker cannot keep (a control character): the day itself is kept.
            marks.append(Mark(0, day, kept_day.status, amount=amount))
            approximations.append(f"the note of {day.isoformat()} was left out (not plain text)")
    if cut_notes:
        approximations.append(
            f"{cut_notes:,} day notes longer than {SHORT_TEXT_MAX} characters were cut"
        )
    planned = PlannedPromise(
        promise,
        tuple(marks),
        tuple(f"'{shortened(title, 60)}': {text}" for text in approximations),
    )
    return planned, left_out


def _amount(found: ForeignDay, approximations: list[str]) -> float | None:
    """The day's amount, when tracker can keep it (not negative, not absurd)."""
    if found.amount is None:
        return None
    try:
        return clean_amount(found.amount)
    except ValidationError as error:
        approximations.append(f"the amount of {found.day.isoformat()} was left out ({error})")
        return None


def _left_out_days(by_day: dict[date, ForeignDay], shown: str, today: date) -> list[Unmapped]:
    """Take out of `by_day` the days tracker would not take typed in, and name them."""
    refused = days_refused(((day, found.status) for day, found in by_day.items()), today)
    for days in refused.values():
        for day in days:
            del by_day[day]
    return [
        Unmapped(f"{count_words('days', len(days))} of '{shown}' ({span_words(days)})", reason)
        for reason, days in refused.items()
    ]
