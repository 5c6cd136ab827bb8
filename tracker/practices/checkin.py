"""The weekly check-in as a state machine: eight steps in order, each skippable, a draft
that can be saved after every step and resumed, and "finish" producing the kept record.

The rules, in one place:

* A draft sits at one step (`CheckIn.step`; None once past the last one). `answer`
  keeps the answer of the current step and moves on; `skip` drops it and moves on;
  `back` and `go_to` move without changing anything. An answer with nothing written
  in it counts as a skip.
* So each step holds the outcome of the last action taken on it: an answer, or none.
  A draft is saved and resumed as a document (`tracker.practices.documents`), which
  keeps everything: whatever the order of answers, skips, saves and resumes, finishing
  gives the record that the last action on each step describes.
* `finish` may come at any step: the steps left without an answer count as skipped.
  A finished check-in is kept and read back; its agreements can still be linked to
  the promises they became (`link_agreement`).
* Settling (step 1) asks how each of us arrives (hungry, angry, lonely, tired); any yes
  brings a gentle suggestion to pick another time (`settle_advice`), and the flow goes
  on all the same. A time box (30 minutes unless chosen otherwise) is shown quietly
  (`time_box_note`), measured from when this sitting began.
* The one issue (step 5) is read by the coach (`tracker.coach`), which notices "you
  always / you never" and offers an "I feel … when …" rewrite (`issue_accusations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from tracker.coach import FEELING_BLANK, Accusation, find_accusations
from tracker.errors import ValidationError
from tracker.model import (
    TITLE_MAX,
    WEEKDAY_NAMES,
    Promise,
    QualityKind,
    QualityTime,
    clean_text,
)
from tracker.parsing import parse_date
from tracker.practices.answers import (
    ANSWER_MAX,
    Aftermath,
    Agreement,
    CheckInAppreciation,
    Issue,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
    validated_agreements,
    validated_appreciations,
)
from tracker.practices.records import Record
from tracker.practices.week import WeekInFacts, week_looked_back_on
from tracker.schedule import parse_schedule, week_start
from tracker.settings_keys import MAX_CHECKIN_MINUTES

DEFAULT_TIME_BOX_MINUTES = 30
MAX_TIME_BOX_MINUTES = MAX_CHECKIN_MINUTES
RECONNECT_DEFAULT_MINUTES = 60


class Step(StrEnum):
    """The check-in's steps, in order."""

    SETTLE = "settle"
    FACTS = "facts"
    APPRECIATIONS = "appreciations"
    WENT_RIGHT = "went-right"
    ISSUE = "issue"
    LOVED = "loved"
    AGREEMENTS = "agreements"
    RECONNECT = "reconnect"

    @property
    def number(self) -> int:
        """1 to 8."""
        return STEPS.index(self) + 1

    @property
    def label(self) -> str:
        return STEP_TITLES[self]


STEPS: tuple[Step, ...] = tuple(Step)
STEP_TITLES = {
    Step.SETTLE: "Settle in",
    Step.FACTS: "The week in facts",
    Step.APPRECIATIONS: "Appreciations",
    Step.WENT_RIGHT: "What went right",
    Step.ISSUE: "One issue, at most",
    Step.LOVED: "Feeling loved",
    Step.AGREEMENTS: "Agreements",
    Step.RECONNECT: "Reconnect",
}
STEP_PROMPTS = {
    Step.SETTLE: "How does each of you arrive? Hungry, angry, lonely, tired?",
    Step.FACTS: "What the week looked like, from what you logged.",
    Step.APPRECIATIONS: "Up to five things you appreciate about your partner this week.",
    Step.WENT_RIGHT: "What went right this week?",
    Step.ISSUE: "One issue, if there is one: I feel … about … I need …",
    Step.LOVED: "What can I do this week to make you feel more loved?",
    Step.AGREEMENTS: "What do you agree on? Each agreement can become a promise.",
    Step.RECONNECT: "Plan some time together.",
}

Answer = (
    Settle
    | WeekInFacts
    | tuple[CheckInAppreciation, ...]
    | str
    | IStatement
    | Aftermath
    | LovedAsk
    | tuple[Agreement, ...]
    | ReconnectPlan
)

_FIELD_OF = {
    Step.SETTLE: "settle",
    Step.FACTS: "facts",
    Step.APPRECIATIONS: "appreciations",
    Step.WENT_RIGHT: "went_right",
    Step.ISSUE: "issue",
    Step.LOVED: "loved",
    Step.AGREEMENTS: "agreements",
    Step.RECONNECT: "reconnect",
}


@dataclass(frozen=True)
class CheckIn(Record):
    """One weekly check-in, a draft until `finished` is set.

    `held_on` is the day it began, `week_of` the Monday of the week it looks back on.
    Each step's answer is None until answered; `skipped` lists the steps passed over.
    """

    held_on: date
    week_of: date
    started: datetime
    time_box_minutes: int = DEFAULT_TIME_BOX_MINUTES
    step: Step | None = Step.SETTLE
    skipped: tuple[Step, ...] = ()
    settle: Settle | None = None
    facts: WeekInFacts | None = None
    appreciations: tuple[CheckInAppreciation, ...] | None = None
    went_right: str | None = None
    issue: Issue | None = None
    loved: LovedAsk | None = None
    agreements: tuple[Agreement, ...] | None = None
    reconnect: ReconnectPlan | None = None
    finished: datetime | None = None

    @property
    def is_draft(self) -> bool:
        return self.finished is None

    @property
    def shareable(self) -> bool:
        """Answers are private while written; a finished check-in may be shared."""
        return self.finished is not None

    def answer_of(self, step: Step) -> Answer | None:
        value: Answer | None = getattr(self, _FIELD_OF[step])
        return value

    @property
    def answered(self) -> tuple[Step, ...]:
        return tuple(step for step in STEPS if self.answer_of(step) is not None)

    def validated(self) -> CheckIn:
        """Every answer checked as `answer` checks it; the steps in a consistent state."""
        if not 1 <= self.time_box_minutes <= MAX_TIME_BOX_MINUTES:
            raise ValidationError(
                f"The time box is between 1 minute and {MAX_TIME_BOX_MINUTES // 60} hours."
            )
        checked = self
        for step in STEPS:
            value = self.answer_of(step)
            if value is not None:
                checked = _with_answer(checked, step, _validated_answer(step, value))
        answered = set(checked.answered)
        skipped = tuple(step for step in STEPS if step in set(self.skipped) - answered)
        if self.finished is not None:
            skipped = tuple(step for step in STEPS if step not in answered)
        return replace(checked, skipped=skipped, step=None if self.finished else self.step)


# --- moving through the steps ----------------------------------------------------------------


def start_checkin(
    held_on: date,
    started: datetime,
    *,
    time_box_minutes: int = DEFAULT_TIME_BOX_MINUTES,
    week_of: date | None = None,
) -> CheckIn:
    """A new draft at the first step, looking back on `week_of`'s week (by default the
    week `week_looked_back_on(held_on)`)."""
    monday = week_looked_back_on(held_on) if week_of is None else week_start(week_of)
    return CheckIn(
        held_on=held_on, week_of=monday, started=started, time_box_minutes=time_box_minutes
    ).validated()


def answer(checkin: CheckIn, value: Answer) -> CheckIn:
    """Keep `value` as the current step's answer and move to the next step.

    An answer with nothing in it is a skip. Refuses a value of the wrong kind for the step.
    """
    step = _current(checkin)
    checked = _validated_answer(step, value)
    if _is_empty(checked):
        return skip(checkin)
    kept = _with_answer(checkin, step, checked)
    skipped = tuple(s for s in checkin.skipped if s != step)
    return replace(kept, skipped=skipped, step=_after(step))


def skip(checkin: CheckIn) -> CheckIn:
    """Pass over the current step (dropping any answer it had) and move to the next."""
    step = _current(checkin)
    cleared = _with_answer(checkin, step, None)
    skipped = tuple(s for s in STEPS if s in checkin.skipped or s == step)
    return replace(cleared, skipped=skipped, step=_after(step))


def back(checkin: CheckIn) -> CheckIn:
    """One step back (from past the end, to the last step); the first step stays put."""
    _refuse_finished(checkin)
    if checkin.step is None:
        return replace(checkin, step=STEPS[-1])
    index = STEPS.index(checkin.step)
    return replace(checkin, step=STEPS[max(0, index - 1)])


def go_to(checkin: CheckIn, step: Step | None) -> CheckIn:
    """Move to `step` (None: past the last step), changing no answer."""
    _refuse_finished(checkin)
    return replace(checkin, step=step)


def finish(checkin: CheckIn, now: datetime) -> CheckIn:
    """The finished check-in: every step without an answer counts as skipped."""
    _refuse_finished(checkin)
    return replace(checkin, finished=now, updated=now).validated()


def link_agreement(checkin: CheckIn, index: int, promise_id: int) -> CheckIn:
    """Record that agreement number `index` (from 0) became the promise `promise_id`."""
    agreements = checkin.agreements or ()
    if not 0 <= index < len(agreements):
        raise ValidationError(f"This check-in has no agreement number {index + 1}.")
    linked = replace(agreements[index], promise_id=promise_id).validated()
    return replace(checkin, agreements=(*agreements[:index], linked, *agreements[index + 1 :]))


def _current(checkin: CheckIn) -> Step:
    _refuse_finished(checkin)
    if checkin.step is None:
        raise ValidationError("Every step is done: finish the check-in, or go back to a step.")
    return checkin.step


def _refuse_finished(checkin: CheckIn) -> None:
    if checkin.finished is not None:
        raise ValidationError("This check-in is finished; it can be read, not changed.")


def _after(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def _with_answer(checkin: CheckIn, step: Step, value: Answer | None) -> CheckIn:
    change: dict[str, Any] = {_FIELD_OF[step]: value}
    return replace(checkin, **change)


def _is_empty(value: Answer) -> bool:
    if isinstance(value, str | tuple):
        return not value
    if isinstance(value, WeekInFacts):
        return False
    return value.is_empty


def _validated_answer(step: Step, value: object) -> Answer:
    """`value` checked as an answer to `step`; a ValidationError names what was expected."""
    if step is Step.SETTLE and isinstance(value, Settle):
        return value.validated()
    if step is Step.FACTS and isinstance(value, WeekInFacts):
        return value
    if step is Step.APPRECIATIONS and isinstance(value, tuple | list):
        return validated_appreciations(tuple(value))
    if step is Step.WENT_RIGHT and isinstance(value, str):
        return _clean_answer(value, "What went right")
    if step is Step.ISSUE and isinstance(value, IStatement | Aftermath):
        return value.validated()
    if step is Step.LOVED and isinstance(value, LovedAsk):
        return value.validated()
    if step is Step.AGREEMENTS and isinstance(value, tuple | list):
        return validated_agreements(tuple(value))
    if step is Step.RECONNECT and isinstance(value, ReconnectPlan):
        return value.validated()
    raise ValidationError(f"That is not an answer to the step '{step.label}'.")


def _clean_answer(value: str, what: str) -> str:
    return clean_text(value, what, max_length=ANSWER_MAX, multiline=True)


# --- settling and the time box ---------------------------------------------------------------


def settle_advice(settle: Settle) -> str | None:
    """A gentle word when either of us arrives hungry, angry, lonely or tired; else None."""
    said = []
    if settle.me.named:
        said.append(f"You feel {_and(settle.me.named)}.")
    if settle.partner.named:
        said.append(f"Your partner feels {_and(settle.partner.named)}.")
    if not said:
        return None
    return (
        " ".join(said) + " A check-in goes best when you both arrive settled: you could eat, "
        "rest or hold each other first, and pick another time. Or go on, if it feels right."
    )


def _and(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def time_box_note(minutes: int, since: datetime, now: datetime) -> str:
    """The time box, said quietly: how much of the time set aside is left.

    `since` is when this sitting began (a draft resumed on another evening starts a new
    sitting); both are aware moments.
    """
    used = (now.astimezone(UTC) - since.astimezone(UTC)).total_seconds() / 60
    left = minutes - used
    if used < 1:
        return f"You set aside {minutes} minutes; there is no hurry."
    if left >= 1:
        return f"About {round(left)} of the {minutes} minutes you set aside are left."
    return (
        f"The {minutes} minutes you set aside are up. Finish when you are ready; what is "
        "left can wait for next week."
    )


# --- what the steps lead to ------------------------------------------------------------------


def issue_accusations(issue: Issue) -> list[Accusation]:
    """Every "you always / you never" in the issue's words, each with an offered rewrite."""
    texts = (issue.feel, issue.about, issue.need) if isinstance(issue, IStatement) else issue.parts
    return [found for text in texts for found in find_accusations(text)]


_REWRITE_WHEN = re.compile(r"^I feel … when (?P<when>.+)\.$")


def rewritten_issue(issue: Issue) -> tuple[Issue, str] | None:
    """The issue with its first "you always / you never" rewritten, and the field it was
    in ("feel", "about", "need", or an aftermath part's name); None if there is none.

    In "about" it becomes "the times you don't …" ("I feel … about the times you don't
    listen"), in "feel" "… when you don't …", elsewhere the coach's whole sentence. The
    user's other words stay as they are; the "…" is theirs to fill.
    """
    fields = _ISSUE_FIELDS[type(issue)]
    for name in fields:
        text: str = getattr(issue, name)
        found = find_accusations(text)
        if not found:
            continue
        first = found[0]
        match = _REWRITE_WHEN.match(first.rewrite)
        when = match["when"] if match else "this happens"
        if name == "about":
            words = f"the times {when}"
        elif name == "feel":
            words = f"{FEELING_BLANK} when {when}"
        else:
            words = first.rewrite
        changed = text[: first.start] + words + text[first.end :]
        change: dict[str, Any] = {name: changed}
        return replace(issue, **change), name
    return None


_ISSUE_FIELDS: dict[type, tuple[str, ...]] = {
    IStatement: ("feel", "about", "need"),
    Aftermath: ("felt", "saw", "touched", "my_part", "differently"),
}


def agreement_as_promise(agreement: Agreement, start: date) -> Promise:
    """The promise form's starting point for an agreement: its words, every day, from `start`.

    The user adjusts it in the form; nothing is stored until they save it.
    """
    title = " ".join(agreement.text.split())
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    why = "We agreed on it at our weekly check-in."
    return Promise(title=title, schedule=parse_schedule("daily"), start=start, why=why)


def parse_plan_day(text: str, today: date) -> date:
    """The day of planned time together: 'saturday' or 'sat' (the next one, today
    included), 'today', 'tomorrow' or YYYY-MM-DD; a day already past is refused."""
    spec = " ".join(str(text).strip().lower().split())
    named = [i for i, name in enumerate(WEEKDAY_NAMES) if len(spec) >= 2 and name.startswith(spec)]
    if len(named) == 1:
        return today + timedelta(days=(named[0] - today.weekday()) % 7)
    try:
        day = parse_date(spec, today)
    except ValidationError:
        if any(char.isdigit() for char in spec):
            raise  # a date written wrongly: parse_date says what is wrong with it
        shown = str(text).strip()[:40] or "(empty)"
        raise ValidationError(
            f"'{shown}' is not a day. Write saturday, tomorrow or YYYY-MM-DD."
        ) from None
    if day < today:
        raise ValidationError(f"{day.isoformat()} has passed: plan for today or later.")
    return day


def reconnect_as_quality(plan: ReconnectPlan, today: date) -> QualityTime:
    """The quality-time form's starting point for the planned time together."""
    return QualityTime(
        day=plan.day if plan.day is not None and plan.day <= today else today,
        minutes=plan.minutes or RECONNECT_DEFAULT_MINUTES,
        kind=plan.kind or QualityKind.OTHER,
        note=plan.text,
    )
