"""`tracker causes`: where care is needed: the triggers your notes touched, and the promises
that answer them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.commands import Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand
from tracker.parsing import streak_words

if TYPE_CHECKING:
    from tracker.practices.causes import CareReport, PromiseCare


def register(command: AddCommand) -> None:
    sub = command(
        "causes",
        "what needs care: the triggers your notes touched in 90 days and the promises that "
        "answer them",
        cmd_causes,
    )
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _promise_json(care: PromiseCare) -> dict[str, Any]:
    return {
        "id": care.promise_id,
        "title": care.title,
        "consistency_30": _ratio(care.consistency_30),
        "strength": care.strength,
        "current_streak": care.current_streak,
        "streak_unit": care.streak_unit,
    }


def report_json(report: CareReport, suggestions: dict[str, str]) -> dict[str, Any]:
    return {
        "since": report.since.isoformat(),
        "through": report.through.isoformat(),
        "triggers": [
            {
                "trigger": care.trigger.value,
                "notes": care.notes,
                "open_notes": care.open_notes,
                "needs_a_promise": care.needs_a_promise,
                "suggestion": suggestions.get(care.trigger.value),
                "promises": [_promise_json(promise) for promise in care.promises],
            }
            for care in report.triggers
        ],
    }


def _kept(care: PromiseCare) -> str:
    figure = "–" if care.consistency_30 is None else f"{round(care.consistency_30 * 100)}%"
    streak = streak_words(care.current_streak, care.streak_unit)
    return f"{figure} of the last 30 days, streak: {streak}"


def cmd_causes(ctx: Context, args: argparse.Namespace) -> int:
    causes = ctx.tracker.causes
    report = causes.report()
    suggestions = {
        care.trigger.value: causes.suggestion(care)
        for care in report.triggers
        if care.needs_a_promise
    }
    if ctx.json:
        print_json(report_json(report, suggestions))
        return 0
    if not report.triggers:
        say(
            "Your notes of the last 90 days touched no trigger, and no promise says which "
            "one it answers. `tracker add NAME --trigger neglect` links a promise to one."
        )
        return 0
    say(f"What needs care, {report.since} to {report.through}:")
    for care in report.triggers:
        notes = f"{care.notes} note{'' if care.notes == 1 else 's'}"
        still = f", {care.open_notes} still open" if care.open_notes else ""
        say()
        say(f"{care.trigger.label}: {notes}{still}")
        for promise in care.promises:
            say(f"  answered by {promise.title} ({promise.promise_id}): {_kept(promise)}")
        if care.trigger.value in suggestions:
            say(f"  {suggestions[care.trigger.value]}")
        elif not care.promises:
            say("  No promise answers it yet.")
    return 0
