"""Parsers for what people type: durations, dates, times of day, ratings, promise names."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from tracker.daybreak import ONE_DAY
from tracker.errors import AmbiguousNameError, NotFoundError, ValidationError
from tracker.text import quoted

MAX_DURATION_MINUTES = 24 * 60

# The days tracker takes, typed or imported: from 1900 (as far back as anyone's records
# go) to the end of 2100 (a plan for a life, not for centuries; far from 9999-12-31, the
# last day Python's dates hold, where a week's or a calendar's arithmetic would overflow).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
# How far ahead a day can be excused (a trip, a hospital stay planned ahead).
PLAN_AHEAD_DAYS = 366

_DURATION_UNITS = re.compile(
    r"^(?:(?P<h>\d{1,6}(?:\.\d{1,2})?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d{1,6})\s*m?(?:in(?:ute)?s?)?)?$"
)
_DURATION_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_DAYS_AGO = re.compile(r"^(?P<n>\d{1,4})\s*(?:d|days?)\s+ago$")
_CLOCK_TIME = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$")


def parse_duration(text: str) -> int:
    """Minutes from '45m', '1h30', '1h30m', '1:30', '1.5h' or a bare number of minutes."""
    spec = "".join(str(text).lower().split())
    minutes: int | None = None
    if match := _DURATION_CLOCK.match(spec):
        minutes = int(match["h"]) * 60 + int(match["m"]) if int(match["m"]) < 60 else None
    elif spec and (match := _DURATION_UNITS.match(spec)) and (match["h"] or match["m"]):
        hours = float(match["h"]) if match["h"] else 0.0
        minutes = round(hours * 60) + (int(match["m"]) if match["m"] else 0)
        # '1h75' or '1.5h30' are more likely typos than meant: refuse them like '1:75'.
        if match["h"] and match["m"] and (int(match["m"]) >= 60 or "." in match["h"]):
            minutes = None
    if minutes is None:
        shown = str(text).strip()[:40] or "(empty)"
        raise ValidationError(
            f"'{shown}' is not a duration. Write it like 45m, 1h30, 1h30m or 1:30."
        )
    if not 1 <= minutes <= MAX_DURATION_MINUTES:
        raise ValidationError("A duration is between 1 minute and 24 hours.")
    return minutes


_PLAIN_NUMBER = re.compile(r"^[-+]?\d{1,9}(?:[.,]\d{1,9})?$")
_LONG_NUMBER = re.compile(r"^\+?\d{10,}(?:[.,]\d*)?$")


def parse_amount(text: str) -> tuple[float, bool]:
    """(the number, whether it was a duration) from '3', '2.5', '15m', '1h30' or '1:30'
    (a duration in minutes). A negative or unreadable amount is refused in words."""
    spec = "".join(str(text).lower().split())
    if _PLAIN_NUMBER.match(spec):
        value = float(spec.replace(",", "."))
        if value < 0:
            raise ValidationError(f"An amount cannot be negative ({spec}).")
        return value, False
    if spec.startswith("-"):
        raise ValidationError(f"An amount cannot be negative ({spec[:40]}).")
    if _LONG_NUMBER.match(spec):
        raise ValidationError(f"{spec[:40]} is far more than an amount can be.")
    try:
        return float(parse_duration(spec)), True
    except ValidationError:
        shown = str(text).strip()[:40] or "(empty)"
        raise ValidationError(
            f"'{shown}' is not an amount. Write a number (3, 2.5) or a duration (15m, 1h30)."
        ) from None


def format_duration(minutes: int) -> str:
    """'1h 30m', '45m', '3h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h {rest:02d}m" if rest else f"{hours}h"


def parse_date(text: str, today: date) -> date:
    """A calendar date: YYYY-MM-DD, 'today', 'yesterday', or 'N days ago'."""
    spec = " ".join(str(text).strip().lower().split())
    if spec == "today":
        return today
    if spec == "yesterday":
        return today - ONE_DAY
    if spec == "tomorrow":
        return today + ONE_DAY
    if match := _DAYS_AGO.match(spec):
        return today - timedelta(days=int(match["n"]))
    if match := _ISO_DATE.match(spec):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        if not 1 <= month <= 12:
            raise ValidationError(f"'{text}' is not a real date: there is no month {month}.")
        if year < FIRST_DAY.year:
            raise ValidationError(
                f"'{text}' is too long ago; give a year from {FIRST_DAY.year} on."
            )
        if year > LAST_DAY.year:
            raise ValidationError(f"'{text}' is too far ahead; give a year up to {LAST_DAY.year}.")
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            month_name = calendar.month_name[month]
            raise ValidationError(
                f"'{text}' is not a real date: {month_name} {year} has {last} days."
            )
        return date(year, month, day)
    shown = str(text).strip()[:40] or "(empty)"
    raise ValidationError(
        f"'{shown}' is not a date. Write it as YYYY-MM-DD, 'today', 'yesterday' or '3 days ago'."
    )


def parse_time(text: str) -> time:
    """A time of day: '20:30', '8:30', '9pm', '8:30am'."""
    spec = "".join(str(text).lower().split())
    match = _CLOCK_TIME.match(spec)
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        ampm = match["ampm"]
        if ampm:
            if not 1 <= hour <= 12:
                match = None
            else:
                hour = hour % 12 + (12 if ampm == "pm" else 0)
        elif match["m"] is None:
            match = None
        if match and 0 <= hour <= 23 and 0 <= minute <= 59:
            return time(hour, minute)
    shown = str(text).strip()[:40] or "(empty)"
    raise ValidationError(f"'{shown}' is not a time of day. Write it as HH:MM, such as 20:30.")


def format_count(count: int, plural: str) -> str:
    """'1 day', '3 days', '1 week': a count with its unit ('days', 'weeks') agreeing."""
    return f"{count} {plural[:-1] if count == 1 and plural.endswith('s') else plural}"


NO_STREAK = "not yet"


def streak_words(count: int, unit: str) -> str:
    """A streak as both faces say it: '3 days', '1 week', or 'not yet' (never '0', '–')."""
    return format_count(count, unit) if count else NO_STREAK


def format_time(moment: time) -> str:
    return moment.strftime("%H:%M")


def format_ago(then: datetime, now: datetime) -> str:
    """How long ago `then` was, calmly: 'just now', '5 minutes ago', '2 hours ago',
    'yesterday', '3 days ago', 'on 4 Nov 2026'. A moment ahead of `now` (another
    machine's clock running fast) is 'just now', never a time to come."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{format_count(minutes, 'minutes')} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{format_count(hours, 'hours')} ago"
    days = hours // 24
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return f"on {then:%-d %b %Y}"


def parse_times(text: str) -> tuple[time, ...]:
    """A list of times ('08:00, 20:30', '8 pm, 9am', '08:00 20:30'); empty text means none."""
    times: set[time] = set()
    for part in re.split(r"[,;]+", str(text)):
        if not part.strip():
            continue
        try:
            times.add(parse_time(part))
        except ValidationError:
            # Times separated by spaces only: '08:00 20:30'.
            words = part.split()
            if len(words) < 2:
                raise
            times.update(parse_time(word) for word in words)
    return tuple(sorted(times))


def parse_rating(text: str | int) -> int:
    """How connected it felt: a whole number from 1 to 5."""
    spec = str(text).strip()
    # A length cap first: int() refuses strings of thousands of digits with a ValueError.
    if len(spec) <= 3 and spec.isascii() and spec.isdigit() and 1 <= int(spec) <= 5:
        return int(spec)
    shown = spec[:20] or "(empty)"
    raise ValidationError(f"'{shown}' is not a rating. Give a whole number from 1 to 5.")


Named = TypeVar("Named")


def match_by_name(
    items: Sequence[Named],
    query: str,
    title_of: Callable[[Named], str],
    id_of: Callable[[Named], int],
    what: str,
    hint: str = "`tracker list` shows them all.",
) -> Named:
    """Find one item by number, exact title, or a part of its title (case-insensitive).

    A number or an exact title always wins. Otherwise the words must be part of exactly
    one title: when several titles contain them, nothing is picked and the candidates
    are listed ("walk" in "Morning walk together" and "Walk the dog").
    """
    spec = " ".join(str(query).split()).casefold()
    if not spec:
        raise ValidationError(f"Give the {what}'s name (a part of its title is enough).")
    if spec.isascii() and spec.isdigit():
        for item in items:
            if str(id_of(item)) == spec:
                return item

    def title(item: Named) -> str:
        return " ".join(title_of(item).split()).casefold()

    starts_a_word = re.compile(r"(?<!\w)" + re.escape(spec))
    for fits in (lambda text: text == spec, lambda text: bool(starts_a_word.search(text))):
        found = [item for item in items if fits(title(item))]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousNameError(
                quoted(query), [f"{id_of(item)}: {quoted(title_of(item))}" for item in found]
            )
    close = closest_title([title_of(item) for item in items], spec)
    maybe = f" Did you mean '{quoted(close)}'?" if close else ""
    raise NotFoundError(f"No {what} matches '{quoted(query)}'.{maybe} {hint}")


def closest_title(titles: Sequence[str], typed: str) -> str | None:
    """The title `typed` was most likely meant for ('phnoe' for 'Phone away at dinner'): the
    one with a run of as many words that reads nearly the same, if any does."""
    from difflib import SequenceMatcher

    size = len(typed.split())
    best, best_ratio = None, 0.0
    for title in titles:
        words = title.casefold().split()
        for first in range(max(1, len(words) - size + 1)):
            part = " ".join(words[first : first + size])
            ratio = SequenceMatcher(None, typed, part).ratio()
            if ratio > best_ratio:
                best, best_ratio = title, ratio
    return best if best_ratio >= 0.75 else None
