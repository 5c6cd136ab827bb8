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
)
from tracker.schedule import week_start
from tracker.stats import (
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
    schedule = promise.schedule
    if not schedule.is_weekly_target and not schedule.is_due(promise.start, day):
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
        kept = target = None
        if promise.schedule.is_weekly_target:
            kept, target = week_target(promise, week_start(day), marks)
        rows.append(
            DayRow(
                promise=promise,
                due=is_due_on(promise, marks, day),
                status=day_status(promise, marks, day, today),
                streak=current_streak(promise, marks, min(day, today)),
                streak_unit=streak_unit(promise),
                week_kept=kept,
                week_target=target,
                mark=marks.get(day),
            )
        )
    return sorted(rows, key=lambda row: (not row.due, row.promise.id))


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
