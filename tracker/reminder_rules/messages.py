"""The words of a notification: discreet by default, plain text always.

A lock screen is public, so a notification names no promise (nor a measured one's
progress, "3 of 10 min so far") unless the user turned `notifications.show_titles` on,
and never carries a note's text, a promise's "why", or anything else the user wrote.
User text that does appear is made plain: no markup (`<b>` would be bold on some
desktops and eaten by others), no line breaks, no control characters, never starting
with "-" (a command-line option to notify-send).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.parsing import format_count
from tracker.reminder_rules.due import Reminder
from tracker.reminder_rules.kinds import ReminderKind

SUMMARY_MAX = 80
BODY_MAX = 240
TITLES_SHOWN = 3
TITLE_SHOWN_MAX = 100
# The weekly check-in and the time together planned at one: our words only, never what
# was written in the check-in.
WEEKLY_CHECKIN_LINE = "Time for your weekly check-in."
RECONNECT_LINE = "Time for the time together you planned."

# Characters a notification server may read as markup, replaced by look-alikes so the
# text arrives as typed on screen.
_MARKUP_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


@dataclass(frozen=True)
class Notice:
    """One notification to show: what it says and which reminders it stands for."""

    summary: str
    body: str
    keys: tuple[str, ...] = ()


def plain_text(text: str, limit: int, *, whole: bool = True) -> str:
    """`text` as one line of plain text, at most `limit` characters.

    `whole` text (a summary or a body) never starts with "-"; a part of a sentence may.
    """
    pieces: list[str] = []
    for char in str(text):
        category = unicodedata.category(char)
        if char in "\n\r\t\u2028\u2029" or category in {"Cc", "Zl", "Zp"}:
            pieces.append(" ")
        elif category in {"Cs", "Cn"}:
            continue  # lone surrogates and unassigned code points cannot be shown faithfully
        else:
            pieces.append(char)
    line = " ".join("".join(pieces).split()).translate(_MARKUP_LOOKALIKES)
    if whole and line.startswith("-"):
        line = "\u2010" + line[1:]  # a hyphen that looks the same but is not an option
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def compose(due: Sequence[Reminder], missed: int, show_titles: bool) -> list[Notice]:
    """The notifications for reminders fired together, plus one notice for a missed backlog."""
    notices: list[Notice] = []
    if due:
        notices.append(_notice_for(due, show_titles))
    if missed:
        notices.append(
            Notice(
                summary="Missed reminders",
                body=(
                    f"{format_count(missed, 'reminders')} came due while tracker could not "
                    "show them. Open tracker to catch up."
                ),
            )
        )
    return notices


def _notice_for(due: Sequence[Reminder], show_titles: bool) -> Notice:
    keys = tuple(reminder.key for reminder in due)
    promises = [r for r in due if r.kind is ReminderKind.PROMISE]
    checkins = [r for r in due if r.kind is ReminderKind.CHECKIN]
    nudges = [r for r in due if r.kind is ReminderKind.QUALITY]
    weekly = [r for r in due if r.kind is ReminderKind.WEEKLY_CHECKIN]
    planned = [r for r in due if r.kind is ReminderKind.RECONNECT]
    lines: list[str] = []
    if promises:
        lines.append(_promise_line(promises, show_titles))
    if checkins:
        lines.append(_checkin_line(checkins[-1], show_titles))
    if nudges:
        days = nudges[-1].days_without_quality
        lines.append(f"No time together logged for {format_count(days, 'days')}.")
    if weekly:
        lines.append(WEEKLY_CHECKIN_LINE)
    if planned:
        lines.append(RECONNECT_LINE)
    if len(lines) > 1:
        summary = "Reminders"
    elif promises:
        summary = "A promise is due" if len(promises) == 1 else f"{len(promises)} promises are due"
    elif checkins:
        summary = "Evening check-in"
    elif weekly:
        summary = "Weekly check-in"
    elif planned:
        summary = "Time together"
    else:
        summary = "Time together"
    body = " ".join(lines)
    return Notice(plain_text(summary, SUMMARY_MAX), plain_text(body, BODY_MAX), keys)


def _promise_line(promises: Sequence[Reminder], show_titles: bool) -> str:
    if show_titles:
        # Starts with our words, never with the user's: see plain_text's "-" rule.
        return f"Due now: {_titles(_with_progress(r) for r in promises)}."
    if len(promises) == 1:
        return "One of your promises is due now. Open tracker when you have a moment."
    return "Some of your promises are due now. Open tracker when you have a moment."


def _with_progress(reminder: Reminder) -> str:
    """'Talk after dinner (3 of 10 min so far)': shown only with the titles."""
    if not reminder.progress:
        return reminder.promise_title
    return f"{reminder.promise_title} ({reminder.progress} so far)"


def _checkin_line(checkin: Reminder, show_titles: bool) -> str:
    count = checkin.open_count
    line = f"{format_count(count, 'promises')} still open today."
    if show_titles and checkin.open_titles:
        line += f" Open: {_titles(checkin.open_titles)}."
    return line


def _titles(titles: Iterable[str]) -> str:
    names = [plain_text(title, TITLE_SHOWN_MAX, whole=False) for title in titles]
    shown = ", ".join(names[:TITLES_SHOWN])
    if len(names) > TITLES_SHOWN:
        shown += f" and {len(names) - TITLES_SHOWN} more"
    return shown
