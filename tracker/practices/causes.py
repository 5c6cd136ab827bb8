"""Root causes: where the hurt really is, and whether some promise is aimed there.

The rules, in one place:

* A forgiveness note carries the trigger it touched (dishonesty, betrayal, poor
  communication, neglect, other); a promise may say which triggers it answers.
* Over the last 90 days (the care window), each trigger's notes are counted, and the
  ones still open (not let go).
* A trigger is shown when notes touched it in the window or a live promise answers it,
  most-touched first. Each answering promise comes with how it is kept (`tracker.stats`).
* A trigger that the notes keep touching (two notes or more in the window, or one still
  open) with no live promise answering it *needs a promise*: the app points it out
  kindly, with a suggestion (`care_suggestion`), never as a fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.errors import ValidationError
from tracker.model import Mark, Note, Promise, Trigger
from tracker.stats import promise_stats

CARE_WINDOW_DAYS = 90
KEEPS_TOUCHING = 2

# How a sentence names what the notes touched ("touched neglect", "touched other hurts").
TOUCHED = {
    Trigger.DISHONESTY: "dishonesty",
    Trigger.BETRAYAL: "betrayal",
    Trigger.POOR_COMMUNICATION: "poor communication",
    Trigger.NEGLECT: "neglect",
    Trigger.OTHER: "other hurts",
}
SUGGESTIONS = {
    Trigger.DISHONESTY: "a promise about openness, such as “Tell the whole story the first time”",
    Trigger.BETRAYAL: "a promise about reliability, such as “Say where I am when plans change”",
    Trigger.POOR_COMMUNICATION: (
        "a promise about how you talk, such as “Ask about their day and listen without fixing”"
    ),
    Trigger.NEGLECT: "a promise about attention, such as “Phone away at dinner”",
    Trigger.OTHER: "one small, concrete promise aimed at what these notes are about",
}


TRIGGER_ALIASES = {"communication": Trigger.POOR_COMMUNICATION}


def trigger_named(text: str) -> Trigger:
    """The trigger a person typed ('Poor communication', 'poor-communication',
    'communication'), or a ValidationError that lists them."""
    spec = "-".join(str(text).strip().lower().replace("_", "-").split())
    if spec in TRIGGER_ALIASES:
        return TRIGGER_ALIASES[spec]
    try:
        return Trigger(spec)
    except ValueError:
        options = ", ".join(t.value for t in Trigger)
        raise ValidationError(
            f"'{str(text)[:40]}' is not a trigger. Triggers: {options}."
        ) from None


def triggers_named(text: str) -> tuple[Trigger, ...]:
    """Triggers typed in one field, separated by commas ('neglect, dishonesty')."""
    return tuple(trigger_named(part) for part in str(text).split(",") if part.strip())


@dataclass(frozen=True)
class PromiseCare:
    """A promise that answers a trigger, and how it is kept (as the Streaks view says)."""

    promise_id: int
    title: str
    consistency_30: float | None
    strength: float
    current_streak: int
    streak_unit: str


@dataclass(frozen=True)
class TriggerCare:
    trigger: Trigger
    notes: int  # touched it in the care window
    open_notes: int  # of those, not let go
    promises: tuple[PromiseCare, ...]

    @property
    def needs_a_promise(self) -> bool:
        keeps_touching = self.notes >= KEEPS_TOUCHING or self.open_notes > 0
        return keeps_touching and not self.promises


@dataclass(frozen=True)
class CareReport:
    since: date
    through: date
    triggers: tuple[TriggerCare, ...]

    @property
    def needing_a_promise(self) -> tuple[Trigger, ...]:
        return tuple(care.trigger for care in self.triggers if care.needs_a_promise)


def what_needs_care(
    notes: Iterable[Note],
    promises: Sequence[Promise],
    marks: Mapping[int, Mapping[date, Mark]],
    today: date,
    *,
    days: int = CARE_WINDOW_DAYS,
) -> CareReport:
    since = today - timedelta(days=days - 1)
    recent = [note for note in notes if since <= note.day <= today]
    live = [promise for promise in promises if not promise.archived]
    found = []
    for trigger in Trigger:
        touched = [note for note in recent if note.trigger is trigger]
        answering = [promise for promise in live if trigger in promise.triggers]
        if not touched and not answering:
            continue
        found.append(
            TriggerCare(
                trigger=trigger,
                notes=len(touched),
                open_notes=sum(1 for note in touched if note.is_open),
                promises=tuple(_care(p, marks.get(p.id, {}), today) for p in answering),
            )
        )
    order = list(Trigger)
    found.sort(key=lambda care: (-care.notes, -care.open_notes, order.index(care.trigger)))
    return CareReport(since=since, through=today, triggers=tuple(found))


def _care(promise: Promise, marks: Mapping[date, Mark], today: date) -> PromiseCare:
    stats = promise_stats(promise, marks, today)
    return PromiseCare(
        promise_id=promise.id,
        title=promise.title,
        consistency_30=stats.consistency_30,
        strength=stats.strength,
        current_streak=stats.current_streak,
        streak_unit=stats.streak_unit,
    )


def care_suggestion(care: TriggerCare, days: int = CARE_WINDOW_DAYS) -> str:
    """A kind word for a trigger that needs a promise (`days`: the care window)."""
    label = TOUCHED[care.trigger]
    touched = "a note" if care.notes == 1 else f"{care.notes} notes"
    return (
        f"{touched.capitalize()} in the last {days} days touched {label}, and no "
        f"promise answers it yet. When you are ready, you could add {SUGGESTIONS[care.trigger]}."
    )
