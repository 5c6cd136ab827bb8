"""A check-in read back: its steps as headed sections of plain lines, and a one-line summary.

The app's reading view and `tracker checkin show` print the same words. The lines hold
the user's text as written (the faces make it literal); nothing here is a grade: a
step passed over is only named as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.parsing import format_count, format_duration
from tracker.practices.answers import (
    AFTERMATH_PROMPTS,
    Aftermath,
    Agreement,
    Arrival,
    IStatement,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import STEPS, CheckIn, Step
from tracker.practices.week import WeekInFacts, fact_lines, promise_week_line


@dataclass(frozen=True)
class Section:
    """One step read back: its title and its lines (user text as written)."""

    step: Step
    lines: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.step.label


def day_words(day: date, *, year: bool = False) -> str:
    """'Sun 22 Nov' (or 'Sun 22 Nov 2026')."""
    words = f"{day:%a} {day.day} {day:%b}"
    return f"{words} {day.year}" if year else words


def week_looked_at(checkin: CheckIn) -> str:
    """Which week the check-in looks back on, and why that one (held early in a week, the
    week just ended)."""
    sunday = checkin.week_of + timedelta(days=6)
    if sunday < checkin.held_on:
        return (
            f"It looks back on the week just ended, {day_words(checkin.week_of)} to "
            f"{day_words(sunday)}."
        )
    return f"It looks back on this week, from {day_words(checkin.week_of)}."


def heading(checkin: CheckIn) -> str:
    """'Check-in 3 · Sun 22 Nov 2026 · about the week of Mon 16 Nov'."""
    return (
        f"Check-in {checkin.id} · {day_words(checkin.held_on, year=True)} · "
        f"about the week of {day_words(checkin.week_of)}"
    )


def summary(checkin: CheckIn) -> str:
    """'3 appreciations · 2 agreements (1 made a promise) · 6 of 8 steps' (counts, no grade)."""
    parts = []
    if checkin.appreciations:
        parts.append(format_count(len(checkin.appreciations), "appreciations"))
    if checkin.issue is not None:
        parts.append(
            "an incident talked through" if isinstance(checkin.issue, Aftermath) else "an issue"
        )
    if checkin.agreements:
        agreements = format_count(len(checkin.agreements), "agreements")
        promised = sum(1 for agreement in checkin.agreements if agreement.promise_id)
        parts.append(f"{agreements} ({promised} made a promise)" if promised else agreements)
    if checkin.reconnect is not None:
        parts.append("time together planned")
    parts.append(f"{len(checkin.answered)} of {len(STEPS)} steps")
    return " · ".join(parts)


def finished_line(checkin: CheckIn) -> str:
    """'Finished at 21:14 · 7 of 8 steps' or, for a draft, where it stands."""
    answered = f"{len(checkin.answered)} of {len(STEPS)} steps answered"
    if checkin.finished is None:
        at = "ready to finish" if checkin.step is None else f"at step {checkin.step.number}"
        return f"Still being written ({at}) · {answered}"
    finished = checkin.finished
    when = f"{finished:%H:%M}"
    if finished.date() != checkin.held_on:
        when = f"{day_words(finished.date())} at {when}"
    return f"Finished {when} · {answered}"


def sections(checkin: CheckIn) -> list[Section]:
    """Every answered step, in order, as lines; the steps passed over in one last line."""
    found = []
    for step in STEPS:
        value = checkin.answer_of(step)
        if value is None:
            continue
        lines = _lines(step, checkin)
        if lines:
            found.append(Section(step, tuple(lines)))
    return found


def passed_over(checkin: CheckIn) -> str:
    """'Passed over: one issue, at most; agreements.' or '' when every step was answered."""
    skipped = [
        step.label.split(",")[0].lower() for step in STEPS if checkin.answer_of(step) is None
    ]
    if not skipped or checkin.is_draft:
        return ""
    return "Passed over: " + "; ".join(skipped) + "."


def _lines(step: Step, checkin: CheckIn) -> list[str]:
    match step:
        case Step.SETTLE:
            return settle_lines(checkin.settle) if checkin.settle else []
        case Step.FACTS:
            return facts_lines(checkin.facts) if checkin.facts else []
        case Step.APPRECIATIONS:
            return [
                f"{number}. {item.text}" + (f" ({item.quality})" if item.quality else "")
                for number, item in enumerate(checkin.appreciations or (), start=1)
            ]
        case Step.WENT_RIGHT:
            return [checkin.went_right] if checkin.went_right else []
        case Step.ISSUE:
            return issue_lines(checkin.issue)
        case Step.LOVED:
            loved = checkin.loved
            if loved is None:
                return []
            return [
                line
                for line in (
                    f"My ask: {loved.mine}" if loved.mine else "",
                    f"My partner asked: {loved.partners}" if loved.partners else "",
                )
                if line
            ]
        case Step.AGREEMENTS:
            return [
                agreement_line(number, agreement)
                for number, agreement in enumerate(checkin.agreements or (), start=1)
            ]
        case Step.RECONNECT:
            return [plan_line(checkin.reconnect)] if checkin.reconnect else []
    return []


def settle_lines(settle: Settle) -> list[str]:
    return [
        f"You: {_arrival(settle.me)}.",
        f"Your partner: {_arrival(settle.partner)}.",
    ]


def _arrival(arrival: Arrival) -> str:
    named = arrival.named
    return ", ".join(named) if named else "settled"


def facts_lines(facts: WeekInFacts) -> list[str]:
    """The week's facts, then each promise's week."""
    lines = fact_lines(facts)
    if facts.promises:
        lines.append("")
        lines.extend(f"{week.title} — {promise_week_line(week)}" for week in facts.promises)
    return lines


def issue_lines(issue: IStatement | Aftermath | None) -> list[str]:
    if issue is None:
        return []
    if isinstance(issue, IStatement):
        return [issue.sentence]
    return [
        f"{prompt}: {part}"
        for prompt, part in zip(AFTERMATH_PROMPTS, issue.parts, strict=True)
        if part
    ]


def agreement_line(number: int, agreement: Agreement) -> str:
    became = f" → promise {agreement.promise_id}" if agreement.promise_id else ""
    return f"{number}. {agreement.text}{became}"


def plan_line(plan: ReconnectPlan) -> str:
    """'A walk to the lake · Sat 28 Nov at 10:00 · 1h · Conversation without screens'."""
    parts = [plan.text] if plan.text else []
    if plan.day is not None:
        when = day_words(plan.day)
        parts.append(f"{when} at {plan.at:%H:%M}" if plan.at else when)
    elif plan.at is not None:
        parts.append(f"at {plan.at:%H:%M}")
    if plan.minutes:
        parts.append(format_duration(plan.minutes))
    if plan.kind is not None:
        parts.append(plan.kind.label)
    return " · ".join(parts)
