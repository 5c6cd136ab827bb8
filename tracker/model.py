"""The domain's values: promises, marks, quality time, forgiveness notes, settings."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise
from typing import Any

from tracker.daybreak import ONE_DAY
from tracker.errors import ValidationError
from tracker.records import WHEN_SET, Aware, Layout, Spoken, WallTime
from tracker.schedule import Schedule, parse_schedule

TITLE_MAX = 200
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
TAG_MAX = 40
TAGS_MAX = 20


class MarkStatus(StrEnum):
    KEPT = "kept"
    MISSED = "missed"
    EXCUSED = "excused"


class DayStatus(StrEnum):
    """How one calendar day stands for one promise."""

    KEPT = "kept"
    MISSED = "missed"
    EXCUSED = "excused"
    OPEN = "open"
    NOT_DUE = "not-due"
    FUTURE = "future"

    @property
    def label(self) -> str:
        """The state in a word or two, as both faces show it ('not due', 'later')."""
        return {DayStatus.NOT_DUE: "not due", DayStatus.FUTURE: "later"}.get(self, self.value)


class QualityKind(StrEnum):
    CONVERSATION = "conversation"
    DATE_NIGHT = "date-night"
    QUIET_MOMENT = "quiet-moment"
    CLOSENESS = "closeness"
    OTHER = "other"

    @property
    def label(self) -> str:
        return QUALITY_KIND_LABELS[self]


QUALITY_KIND_LABELS = {
    QualityKind.CONVERSATION: "Conversation without screens",
    QualityKind.DATE_NIGHT: "Date night",
    QualityKind.QUIET_MOMENT: "Quiet moment together",
    QualityKind.CLOSENESS: "Physical closeness",
    QualityKind.OTHER: "Other",
}


class Trigger(StrEnum):
    DISHONESTY = "dishonesty"
    BETRAYAL = "betrayal"
    POOR_COMMUNICATION = "poor-communication"
    NEGLECT = "neglect"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class NoteStatus(StrEnum):
    STILL_HURTS = "still-hurts"
    WORKING_THROUGH = "working-through"
    LET_GO = "let-go"

    @property
    def label(self) -> str:
        return {
            NoteStatus.STILL_HURTS: "Still hurts",
            NoteStatus.WORKING_THROUGH: "Working through it",
            NoteStatus.LET_GO: "Let go",
        }[self]


def clean_text(
    value: str, what: str, *, max_length: int, required: bool = False, multiline: bool = False
) -> str:
    """Trim `value` and refuse what cannot be stored faithfully.

    Emoji and right-to-left text are welcome; control characters are not, except
    newlines and tabs in multi-line fields (notes).
    """
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text.")
    text = value.strip()
    if multiline:
        # Text pasted from Windows or an old Mac ends its lines in \r: keep the lines.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if required and not text:
        raise ValidationError(f"{what} cannot be empty.")
    if len(text) > max_length:
        raise ValidationError(f"{what} is too long ({len(text)} characters; at most {max_length}).")
    allowed = {"\n", "\t"} if multiline else set()
    for char in text:
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category == "Cs":
            raise ValidationError(
                f"{what} is not valid UTF-8 text; check your terminal's encoding."
            )
        if category == "Cc" or char in "\u2028\u2029":
            raise ValidationError(
                f"{what} contains a control character ({char!r}); remove it and try again."
            )
    return text


def normalise_tag(value: str) -> str:
    """A tag as it is kept: one free word or a few ("Quality  Time" -> "quality time").

    Lower case, one space between words, a leading '#' dropped, Unicode in its composed
    form (so that "café" typed two ways is one tag). Refuses what `clean_text` refuses.
    """
    text = clean_text(value, "A tag", max_length=TAG_MAX * 4, required=True)
    words = unicodedata.normalize("NFC", text.lstrip("#")).lower().split()
    tag = " ".join(words)
    if not tag:
        raise ValidationError("A tag needs a word, not only '#'.")
    if len(tag) > TAG_MAX:
        raise ValidationError(f"A tag is at most {TAG_MAX} characters ({tag[:20]}… is longer).")
    return tag


def clean_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags normalised, each once, in the order first given."""
    tags = tuple(dict.fromkeys(normalise_tag(value) for value in values))
    if len(tags) > TAGS_MAX:
        raise ValidationError(f"At most {TAGS_MAX} tags; this has {len(tags)}.")
    return tags


def clean_triggers(values: Iterable[Trigger]) -> tuple[Trigger, ...]:
    """Triggers each once, in the order the Trigger enum lists them."""
    chosen = set(values)
    for value in chosen:
        if not isinstance(value, Trigger):
            raise ValidationError(f"{value!r} is not a trigger.")
    return tuple(trigger for trigger in Trigger if trigger in chosen)


class TargetKind(StrEnum):
    """How a measured promise's target is met: reached, or not gone over."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


UNIT_MAX = 40
# The largest amount or target: a million of anything (minutes in two years) is absurd.
AMOUNT_MAX = 1_000_000
MINUTES = "min"


def clean_amount(value: float, what: str = "The amount") -> float:
    """`value` to the thousandth (as Loop keeps them); a negative or absurd one refused."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValidationError(f"{what} must be a number.")
    if value < 0:
        raise ValidationError(f"{what} cannot be negative ({number_words(value)}).")
    if value > AMOUNT_MAX:
        raise ValidationError(f"{what} is at most {AMOUNT_MAX:,} ({number_words(value)} is more).")
    return round(float(value), 3)


def clean_day_amount(total: float, unit: str) -> float:
    """A day's amount once entered: `clean_amount`, and no more minutes than a day holds."""
    total = clean_amount(total, "The day's amount")
    if unit == MINUTES and total > 24 * 60:
        raise ValidationError(
            f"A day holds 24 hours (1440 min); {number_words(total)} min is more than that."
        )
    return total


def number_words(value: float) -> str:
    """A number as people write it: 10, 2.5, 0.125 (never 10.0)."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else "?"


@dataclass(frozen=True)
class Measure:
    """What a measured promise counts (`unit`) and its `target`: at least or at most that
    much on each due day, or in each week for an N/week promise."""

    unit: str
    target: float
    kind: TargetKind = TargetKind.AT_LEAST

    def validated(self) -> Measure:
        unit = clean_text(self.unit, "The unit", max_length=UNIT_MAX, required=True)
        target = clean_amount(self.target, "The target")
        if target == 0 and self.kind is TargetKind.AT_LEAST:
            raise ValidationError("A target of at least 0 is always met; give a number above 0.")
        return Measure(unit, target, TargetKind(self.kind))

    def is_met(self, amount: float) -> bool:
        """The one rule: at least the target, or not more than it."""
        if self.kind is TargetKind.AT_LEAST:
            return amount >= self.target
        return amount <= self.target

    def progress(self, amount: float) -> str:
        """'6 of 10 min'."""
        return f"{number_words(amount)} of {self.said()}"

    def said(self, value: float | None = None) -> str:
        """'10 min', '1 late night': a number (the target's by default) with its unit."""
        return f"{number_words(self.target if value is None else value)} {self.unit}"

    def describe(self) -> str:
        """'at least 10 min', 'at most 1 late night'."""
        return f"{self.kind.value.replace('_', ' ')} {self.said()}"


@dataclass(frozen=True)
class SchedulePeriod:
    """A schedule a promise had before its current one, in force up to and including `end`.

    It began on the promise's start (the first period) or on the day after the period
    before it ended; there is no gap between periods. `measure` is the promise's measure
    in that period (None: yes/no then).
    """

    schedule: Schedule
    end: date
    measure: Measure | None = field(default=None, metadata=WHEN_SET)


@dataclass(frozen=True)
class Promise:
    """A small, concrete commitment with a schedule. `id` is 0 until stored.

    `schedule` is the current rhythm; `earlier` holds the rhythms it had before, oldest
    first, so that rescheduling never rewrites the past: each day is judged by the
    schedule in force that day (`schedule_on`). The current one applies from
    `schedule_since`.

    `tags` are free words (and the five love languages, offered as suggestions);
    `triggers` say which hurts the promise answers (the root causes it aims at).
    """

    title: str
    schedule: Schedule
    start: date
    id: int = 0
    why: str = ""
    end: date | None = None
    reminders: tuple[WallTime, ...] = ()
    archived: bool = False
    created: datetime | None = None
    earlier: tuple[SchedulePeriod, ...] = ()
    tags: tuple[str, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    measure: Measure | None = field(default=None, metadata=WHEN_SET)

    def validated(self) -> Promise:
        title = clean_text(self.title, "The title", max_length=TITLE_MAX, required=True)
        why = clean_text(self.why, "'Why it matters'", max_length=SHORT_TEXT_MAX, multiline=True)
        if self.end is not None and self.end < self.start:
            raise ValidationError(
                f"The end date {self.end.isoformat()} is before the start date "
                f"{self.start.isoformat()}."
            )
        ends = [period.end for period in self.earlier]
        if any(later <= before for before, later in pairwise(ends)):
            raise ValidationError("The schedule history is out of order.")
        reminders = tuple(sorted(set(self.reminders)))
        return replace(
            self,
            title=title,
            why=why,
            reminders=reminders,
            earlier=tuple(self.earlier),
            tags=clean_tags(self.tags),
            triggers=clean_triggers(self.triggers),
            measure=None if self.measure is None else self.measure.validated(),
        )

    def is_active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def asked_from(self) -> date:
        """The first day an unmarked due day counts as missed: the day the promise was added
        (its start, when that is later or not known).

        A start set back to the day someone really began ("I started on …") gives days
        they never had a chance to mark in tracker: left unmarked, those stay open (to
        fill in) and neither count nor break a streak, as today does before it is marked.
        """
        if self.created is None:
            return self.start
        return max(self.start, self.created.date())

    @property
    def schedule_since(self) -> date:
        """The first day the current schedule applies: the day after the last earlier one."""
        if not self.earlier:
            return self.start
        return max(self.start, self.earlier[-1].end + ONE_DAY)

    def measure_on(self, day: date) -> Measure | None:
        """The measure in force on `day` (None: judged yes/no that day)."""
        for period in self.earlier:
            if day <= period.end:
                return period.measure
        return self.measure

    def schedule_on(self, day: date) -> tuple[Schedule, date]:
        """(the schedule in force on `day`, its anchor): 'every N days' counts from the anchor.

        The anchor is the first day of that schedule's period inside the promise: the
        start for the first period, the day of the change for a later one.
        """
        first = self.start
        for period in self.earlier:
            if day <= period.end:
                return period.schedule, first
            first = max(first, period.end + ONE_DAY)
        return self.schedule, first

    def periods(self) -> tuple[Promise, ...]:
        """The promise cut at each schedule change: one promise per schedule, oldest first.

        Each has one schedule, no history, and the dates that schedule was in force
        (inside the promise's own dates), so anything that judges a promise with one
        schedule judges a period. A promise without history is its only period.
        """
        if not self.earlier:
            return (self,)
        cut: list[Promise] = []
        first = self.start
        for period in self.earlier:
            last = period.end if self.end is None else min(period.end, self.end)
            if first <= last:
                cut.append(
                    replace(
                        self,
                        schedule=period.schedule,
                        measure=period.measure,
                        start=first,
                        end=last,
                        earlier=(),
                    )
                )
            first = max(first, period.end + ONE_DAY)
        if self.end is None or first <= self.end:
            cut.append(replace(self, start=first, earlier=()))
        return tuple(cut)

    def as_of(self, day: date) -> Promise:
        """The promise as its schedule history stood on `day`: later changes undone.

        Figures computed as of a past day never see a change made after it.
        """
        if not self.earlier or day > self.earlier[-1].end:
            return self
        for index, period in enumerate(self.earlier):
            if day <= period.end:
                return replace(
                    self,
                    schedule=period.schedule,
                    measure=period.measure,
                    earlier=self.earlier[:index],
                )
        raise AssertionError("unreachable: the last period ends on or after day")


_KEEP: Any = object()


def rescheduled(
    promise: Promise, schedule: Schedule, effective: date, measure: Measure | None = _KEEP
) -> Promise:
    """`promise` with `schedule` (and `measure`, when given) from `effective` on; the days
    before keep the schedules and measures they had.

    A change on or before the start replaces them outright (no day was judged yet). A
    second change effective the same day replaces the first rather than leaving an empty
    period, and changing back to what the day before had simply continues it. Setting
    the current ones again changes nothing.
    """
    if measure is _KEEP:
        measure = promise.measure
    if effective <= promise.start:
        return replace(promise, schedule=schedule, measure=measure, earlier=())
    now = (schedule, measure)
    if now == (promise.schedule, promise.measure) and effective >= promise.schedule_since:
        return promise
    eve = effective - ONE_DAY
    in_force_on_eve, _ = promise.schedule_on(eve)
    # Periods wholly before the promise's start judge nothing: they are dropped here.
    kept = [p for p in promise.earlier if promise.start <= p.end < eve]
    kept.append(SchedulePeriod(in_force_on_eve, eve, promise.measure_on(eve)))
    if (kept[-1].schedule, kept[-1].measure) == now:
        kept.pop()  # the new schedule is the one of the day before: it simply goes on
    return replace(promise, schedule=schedule, measure=measure, earlier=tuple(kept))


def _schedule_from_words(words: str) -> Schedule:
    try:
        return parse_schedule(words)
    except ValidationError as error:
        raise ValueError(str(error)) from None


SCHEDULE_WORDS = Spoken(Schedule, lambda rhythm: rhythm.spec, _schedule_from_words, "a schedule")
# The data file's and the export's promise (without its number, the document's key): its
# schedules by their words; `earlier`, `tags` and `triggers` always written, even empty
# (an edit that undoes a change must be able to clear them); keys in release 0.1's order,
# then a measured promise's `measure` (a yes/no promise's document has none).
PROMISE_STORED = Layout(
    Promise,
    order=(
        *("title", "why", "schedule", "start", "end", "reminders", "archived", "created"),
        *("earlier", "tags", "triggers", "measure"),
    ),
    spoken=(SCHEDULE_WORDS,),
)


def promise_document(promise: Promise) -> dict[str, Any]:
    """The promise as the data file keeps it and the export writes it."""
    return PROMISE_STORED.to_doc(promise)


@dataclass(frozen=True)
class Mark:
    """What happened to one promise on one local calendar day."""

    promise_id: int
    day: date
    status: MarkStatus
    reason: str = ""
    note: str = ""
    # How much, on a measured promise's day (None: a yes/no mark).
    amount: float | None = field(default=None, metadata=WHEN_SET)

    def validated(self) -> Mark:
        reason = clean_text(self.reason, "The reason", max_length=SHORT_TEXT_MAX)
        note = clean_text(self.note, "The note", max_length=SHORT_TEXT_MAX, multiline=True)
        amount = None if self.amount is None else clean_amount(self.amount)
        return replace(self, reason=reason, note=note, amount=amount)


# The data file's and the export's mark: its promise is the table's (or the promise's, in
# the export), its day the document's key.
MARK_STORED = Layout(Mark, {"day": "date"}, leave_out=frozenset({"promise_id"}))
# The export's mark: a reason and a note only when there is one.
MARK_EXPORTED = Layout(
    Mark,
    {"day": "date"},
    leave_out=frozenset({"promise_id"}),
    when_given=frozenset({"reason", "note"}),
)


MAX_QUALITY_MINUTES = 24 * 60


@dataclass(frozen=True)
class QualityTime:
    """Undistracted time together; `tags` are free words, like a promise's."""

    day: date
    minutes: int
    kind: QualityKind
    id: int = 0
    connection: int | None = None
    note: str = ""
    created: datetime | None = None
    tags: tuple[str, ...] = ()

    def validated(self) -> QualityTime:
        if not 1 <= self.minutes <= MAX_QUALITY_MINUTES:
            raise ValidationError("The duration must be between 1 minute and 24 hours.")
        if self.connection is not None and not 1 <= self.connection <= 5:
            raise ValidationError("How connected it felt is a number from 1 to 5.")
        note = clean_text(self.note, "The note", max_length=LONG_TEXT_MAX, multiline=True)
        return replace(self, note=note, tags=clean_tags(self.tags))


@dataclass(frozen=True)
class Note:
    """A forgiveness note: a hurt, the trigger it touched, and where the writer stands."""

    day: date
    what_happened: str
    trigger: Trigger
    id: int = 0
    feeling: str = ""
    status: NoteStatus = NoteStatus.STILL_HURTS
    let_go_on: date | None = None
    setback: bool = False
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status is not NoteStatus.LET_GO

    def validated(self) -> Note:
        what = clean_text(
            self.what_happened,
            "What happened",
            max_length=LONG_TEXT_MAX,
            required=True,
            multiline=True,
        )
        feeling = clean_text(self.feeling, "The feeling", max_length=LONG_TEXT_MAX, multiline=True)
        let_go_on = self.let_go_on
        if self.status is NoteStatus.LET_GO and let_go_on is None:
            raise ValidationError("A note that is let go needs the date it was let go.")
        if self.status is not NoteStatus.LET_GO:
            let_go_on = None
        return replace(self, what_happened=what, feeling=feeling, let_go_on=let_go_on)


# How notes and quality time are kept in the data file, and how a note travels in a share
# (no stamps: when it was written on the partner's machine is theirs).
QUALITY_STORED = Layout(QualityTime, {"day": "date"})
NOTE_STORED = Layout(Note, {"day": "date"})
NOTE_SHARED = Layout(Note, leave_out=frozenset({"id", "created", "updated"}))
NOTE_LISTED = Layout(Note, {"day": "date"}, frozenset({"id", "created", "updated"}))  # --json


# The days of the week as settings name them (never the locale's names), Monday first.
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Acknowledgement:
    """'I noticed you kept this': one partner about a kept day of the other's promise.

    `promise_id` is the promise's number in the data of the one who kept it, `title` its
    title when it was noticed, `at` the noticer's clock (shown, never compared). One per
    promise and day: noticing again replaces the message. Kept in the noticer's data
    file (`id`, 0 until stored) and carried to the partner in their share.
    """

    promise_id: int
    day: date
    title: str
    at: Aware
    message: str = ""
    id: int = 0

    @property
    def key(self) -> tuple[int, date]:
        return (self.promise_id, self.day)

    def validated(self) -> Acknowledgement:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValidationError("An acknowledgement is dated with its time zone.")
        title = clean_text(self.title, "The promise's title", max_length=SHORT_TEXT_MAX)
        message = clean_text(self.message, "The message", max_length=SHORT_TEXT_MAX)
        return replace(self, title=title, message=message)


# In the data file, "their_promise_id": the number is the partner's, not one of ours, so
# an import (which renumbers every `promise_id`) leaves it as it is.
ACKNOWLEDGEMENT_STORED = Layout(Acknowledgement, {"promise_id": "their_promise_id", "day": "date"})
ACKNOWLEDGEMENT_SHARED = Layout(Acknowledgement, {"promise_id": "promise"})


@dataclass(frozen=True)
class NotificationSettings:
    show_titles: bool = False
    checkin_time: time = time(21, 0)
    quality_nudge_days: int = 4
    quiet_start: time = time(22, 30)
    quiet_end: time = time(8, 0)
    grace_minutes: int = 15
    # The weekly check-in reminder: a weekday (Monday 0 to Sunday 6), or None for off.
    weekly_checkin_day: int | None = None
    weekly_checkin_time: time = time(19, 0)

    def __post_init__(self) -> None:
        day = self.weekly_checkin_day
        if day is not None and (isinstance(day, bool) or day not in range(len(WEEKDAY_NAMES))):
            raise ValidationError("The weekly check-in's day is a day of the week, or off.")


@dataclass(frozen=True)
class Settings:
    """The user's choices; stored with the data so that every face agrees."""

    day_starts_at: time = time(0, 0)
    weekly_quality_minutes: int = 180
    journey_start: date | None = None
    theme: str = "tracker-dark"
    # The time set aside for the weekly check-in, shown quietly as it goes.
    checkin_minutes: int = 30
    notifications: NotificationSettings = field(default_factory=NotificationSettings)
