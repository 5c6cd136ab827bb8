"""`tracker ask`: answer everything still open, one question at a time (as harsh's `ask`).

Each promise still open today (and, with `--since DATE`, each due day before today
that has no mark) is asked once: y kept, n missed, s excused (with an optional
reason), Enter skips it, q stops; a measured promise asks how much (3, 15m). Every
answer is written as it is given: stopping, Ctrl-C or the end of the input keep the
answers already given.
"""

from __future__ import annotations

import argparse

from tracker.cli.commands import Context
from tracker.cli.output import say
from tracker.cli.parser import AddCommand
from tracker.errors import TrackerError
from tracker.model import SHORT_TEXT_MAX, MarkStatus, clean_text
from tracker.parsing import format_count, parse_amount
from tracker.service import OpenDay, Tracker
from tracker.text import visible

KEYS = "y kept · n missed · s excused · Enter skip · q stop"
# The letters, and the words they stand for; anything else is asked again (a line
# such as "ysrain", keys typed ahead, is not taken for a y).
ANSWERS = {
    "y": MarkStatus.KEPT,
    "yes": MarkStatus.KEPT,
    "kept": MarkStatus.KEPT,
    "n": MarkStatus.MISSED,
    "no": MarkStatus.MISSED,
    "missed": MarkStatus.MISSED,
    "s": MarkStatus.EXCUSED,
    "excused": MarkStatus.EXCUSED,
}


def register(command: AddCommand) -> None:
    sub = command("ask", "answer every promise still open, one at a time", cmd_ask)
    sub.add_argument(
        "--since",
        metavar="DATE",
        help="also ask about the unmarked due days from DATE on (YYYY-MM-DD, 'yesterday', "
        "'7 days ago'); without it, only today",
    )


MEASURED_KEYS = "a number or a duration (3, 15m) adds it · s excused · Enter skip · q stop"


def question(open_day: OpenDay, today_is: bool) -> str:
    when = "today" if today_is else f"{open_day.day:%a %-d %b}"
    measure = open_day.promise.measure_on(open_day.day)
    if measure is not None:
        return visible(
            f"{when} · {open_day.promise.title}: how much? [{measure.said()}/s/Enter/q] "
        )
    return visible(f"{when} · {open_day.promise.title}? [y/n/s/Enter/q] ")


def cmd_ask(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    since = tracker.day(args.since) if args.since else None
    questions = tracker.asking.open_days(since)
    if not questions:
        say("Nothing is open: every promise due is answered.")
        return 0
    say(f"{format_count(len(questions), 'questions')}. {KEYS}.")
    answered = 0
    try:
        for open_day in questions:
            outcome = ask_one(tracker, open_day)
            if outcome is None:
                break
            answered += outcome
    except KeyboardInterrupt:
        say("")
        say(f"Stopped. {format_count(answered, 'answers')} kept.")
        return 130
    except EOFError:
        say("")
    say(f"{format_count(answered, 'answers')} saved." if answered else "Nothing changed.")
    return 0


def ask_one(tracker: Tracker, open_day: OpenDay) -> int | None:
    """Ask until the answer is understood: 1 if a mark was written, 0 if skipped, None
    to stop."""
    today_is = open_day.day == tracker.today()
    while True:
        answer = input(question(open_day, today_is)).strip().lower()
        if answer == "":
            return 0
        if answer in {"q", "quit"}:
            return None
        measured = open_day.promise.measure_on(open_day.day) is not None
        status = ANSWERS.get(answer)
        if measured and status is not MarkStatus.EXCUSED:
            try:
                amount, _ = parse_amount(answer)
                change = tracker.marks.enter(open_day.promise, open_day.day, amount)
            except TrackerError as error:
                say(f"  {error} ({MEASURED_KEYS})")
                continue
            say(f"  {change.message}")
            return 1
        if status is None:
            say(f"  {KEYS}.")
            continue
        reason = ""
        if status is MarkStatus.EXCUSED:
            reason = input("  why (optional, Enter for none): ")
        try:
            if reason:
                reason = clean_text(reason, "The reason", max_length=SHORT_TEXT_MAX)
            change = tracker.marks.set(open_day.promise, open_day.day, status, reason=reason)
        except TrackerError as error:
            say(f"  {error}")
            continue
        say(f"  {change.message}")
        return 1
