"""What a user does, as functions the command line and the app share, so they never disagree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from tracker.errors import ValidationError
from tracker.model import (
    DayStatus,
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    SchedulePeriod,
    rescheduled,
)
from tracker.schedule import ScheduleKind, week_start
from tracker.stats import (
    Marks,
    PromiseStats,
    current_streak,
    day_status,
    is_due_on,
    promise_stats,
    streak_unit,
    week_target,
)
from tracker.store import Store


def refuse_unmarkable(promise: Promise, day: date, today: date) -> None:
    """Raise a plain-words error if `day` cannot carry a mark for `promise`."""
    if day > today:
        raise ValidationError(
            f"{day.isoformat()} is in the future: you can only mark today or earlier days."
        )
    if promise.archived:
        raise ValidationError(f"'{promise.title}' is archived. Restore it first to mark it.")
    if day < promise.start:
        raise ValidationError(
            f"'{promise.title}' starts on {promise.start.isoformat()}, after {day.isoformat()}."
        )
    if promise.end is not None and day > promise.end:
        raise ValidationError(
            f"'{promise.title}' ended on {promise.end.isoformat()}, before {day.isoformat()}."
        )
    schedule, anchor = promise.schedule_on(day)  # the schedule of that day, not today's
    if not schedule.is_weekly_target and not schedule.is_due(anchor, day):
        raise ValidationError(
            f"'{promise.title}' is not due on {day:%A} {day.isoformat()} "
            f"(it is due {schedule.describe()})."
        )


def set_mark(
    store: Store,
    promise: Promise,
    day: date,
    today: date,
    status: MarkStatus,
    reason: str = "",
    note: str = "",
) -> Mark:
    refuse_unmarkable(promise, day, today)
    return store.put_mark(Mark(promise.id, day, status, reason=reason, note=note))


def check_off(store: Store, promise: Promise, day: date, today: date, note: str = "") -> Mark:
    return set_mark(store, promise, day, today, MarkStatus.KEPT, note=note)


def excuse(store: Store, promise: Promise, day: date, today: date, reason: str = "") -> Mark:
    return set_mark(store, promise, day, today, MarkStatus.EXCUSED, reason=reason)


def uncheck(store: Store, promise: Promise, day: date, today: date) -> Mark | None:
    """Remove the day's mark; returns it so the caller can offer to put it back."""
    if day > today:
        raise ValidationError(f"{day.isoformat()} is in the future: it has no mark to undo.")
    return store.remove_mark(promise.id, day)


@dataclass(frozen=True)
class DayRow:
    """One promise as it stands on one day: what the Today view and `tracker today` show."""

    promise: Promise
    due: bool
    status: DayStatus
    streak: int
    streak_unit: str
    week_kept: int | None = None
    week_target: int | None = None
    mark: Mark | None = None


def day_rows(store: Store, day: date, today: date) -> list[DayRow]:
    """Every active promise on `day`, due ones first, as of `today`."""
    rows = []
    for promise in store.promises():
        if not promise.is_active_on(day):
            continue
        marks = store.marks_of(promise.id)
        # As of the day shown: looking back at a past day does not count later marks.
        as_of = min(day, today)
        kept = target = None
        if promise.schedule_on(day)[0].is_weekly_target:
            kept, target = week_target(promise, day, marks, as_of)
        rows.append(
            DayRow(
                promise=promise,
                due=is_due_on(promise, marks, day, today),
                status=day_status(promise, marks, day, today),
                streak=current_streak(promise, marks, as_of),
                streak_unit=streak_unit(promise, as_of),
                week_kept=kept,
                week_target=target,
                mark=marks.get(day),
            )
        )
    return sorted(rows, key=lambda row: (not row.due, row.promise.id))


def edit_promise(store: Store, original: Promise, edited: Promise, today: date) -> Promise:
    """Save `edited` (the fields a user changed on `original`); the past keeps its schedules.

    A new schedule applies from `today` on, and days before keep being judged by the
    schedules they had (a promise that has not started yet simply takes the new one).
    The start cannot move past a day that carries a mark, and moving the start of an
    'every N days' promise keeps the days it was due. Only the fields that changed are
    written, onto the promise as it is stored now.
    """
    title = original.title
    marks = store.marks_of(original.id) if edited.start > original.start else {}
    first_mark = min((day for day in marks if day < edited.start), default=None)
    if first_mark is not None:
        raise ValidationError(
            f"'{title}' has marks from {first_mark.isoformat()}; pick a start on or before it."
        )
    # The history is this function's to keep, whatever `edited` carries.
    new = replace(edited, schedule=original.schedule, earlier=original.earlier)
    if original.start > today:
        new = replace(new, schedule=edited.schedule, earlier=())
    else:
        if edited.start != original.start:
            new = _moved_start(original, new, marks)
        if edited.schedule != original.schedule:
            new = rescheduled(new, edited.schedule, today)
    return store.update_promise(new, base=original)


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
        before = SchedulePeriod(schedule, original.start - timedelta(days=1))
        later = tuple(period for period in new.earlier if period.end >= original.start)
        return replace(new, earlier=(before, *later))
    first_period_end = original.earlier[0].end if original.earlier else None
    if any(first_period_end is None or day <= first_period_end for day in marks):
        steps = -(shift // schedule.count)  # whole periods of N days up to the new start
        rhythm_day = original.start + timedelta(days=steps * schedule.count)
        raise ValidationError(
            f"'{original.title}' is due {schedule.describe()} counted from its start "
            f"{original.start.isoformat()}; a start of {new.start.isoformat()} would move the "
            f"days its marks were made on. Pick a start on its rhythm, such as "
            f"{rhythm_day.isoformat()}."
        )
    return new


def all_stats(
    store: Store, today: date, include_archived: bool = False
) -> list[tuple[Promise, PromiseStats]]:
    return [
        (promise, promise_stats(promise, store.marks_of(promise.id), today))
        for promise in store.promises(include_archived=include_archived)
        if promise.start <= today
    ]


def log_quality_time(
    store: Store,
    today: date,
    minutes: int,
    kind: QualityKind,
    day: date | None = None,
    connection: int | None = None,
    note: str = "",
) -> QualityTime:
    day = today if day is None else day
    if day > today:
        raise ValidationError(f"{day.isoformat()} is in the future: log time that has happened.")
    entry = QualityTime(day=day, minutes=minutes, kind=kind, connection=connection, note=note)
    return store.add_quality(entry)


def minutes_in_week(entries: list[QualityTime], day: date) -> int:
    """Quality time logged in `day`'s Monday-to-Sunday week."""
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    return sum(entry.minutes for entry in entries if monday <= entry.day <= sunday)


def weekly_minutes(entries: list[QualityTime], today: date, weeks: int) -> list[int]:
    """Minutes per week for the last `weeks` weeks, oldest first, this week last."""
    this_monday = week_start(today)
    totals = [0] * weeks
    first = this_monday - timedelta(days=7 * (weeks - 1))
    for entry in entries:
        if first <= entry.day <= this_monday + timedelta(days=6):
            totals[(entry.day - first).days // 7] += entry.minutes
    return totals


def set_note_status(store: Store, note: Note, status: NoteStatus, today: date) -> Note:
    """Move a note along; letting it go records the day (and it stays readable)."""
    let_go_on = (note.let_go_on or today) if status is NoteStatus.LET_GO else None
    return store.update_note(replace(note, status=status, let_go_on=let_go_on), base=note)


def write_note(store: Store, note: Note, today: date, base: Note | None = None) -> Note:
    """Save a new or edited note, dating a let-go status if it has no date yet.

    `base` is the note as it was when editing began: only what the edit changed is
    written, so a change made meanwhile in another terminal is kept.
    """
    if note.day > today:
        raise ValidationError(f"{note.day.isoformat()} is in the future.")
    if note.status is NoteStatus.LET_GO and note.let_go_on is None:
        note = replace(note, let_go_on=today)
    return store.update_note(note, base=base) if note.id else store.add_note(note)
