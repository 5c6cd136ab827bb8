"""The settings a user can read and change by name (`tracker config`, the app's settings)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.errors import ValidationError
from tracker.model import WEEKDAY_NAMES, Settings, clean_text
from tracker.parsing import format_duration, format_time, parse_date, parse_duration, parse_time

# Each setting and what it means, in the words `tracker config --help` shows.
SETTING_MEANINGS = {
    "day_starts_at": "when your day begins (00:00-11:59): a late evening counts as the day before",
    "weekly_quality_target": "the time together you aim for each week (such as 3h or 2h30)",
    "journey_start": "the day your journey began (a date, or none)",
    "theme": "the app's colours: tracker-dark or tracker-light",
    "checkin_time_box": "the time set aside for the weekly check-in (at most 4h)",
    "notifications.show_titles": "whether reminders name your promises (true) or stay vague",
    "notifications.checkin_time": "the time of the evening reminder of promises still open",
    "notifications.quality_nudge_days": "days without time together before a gentle nudge",
    "notifications.quiet_start": "when quiet hours begin: no reminder fires inside them",
    "notifications.quiet_end": "when quiet hours end (equal times mean no quiet hours)",
    "notifications.grace_minutes": "minutes a late reminder may still fire (after a sleep)",
    "notifications.weekly_checkin_day": "the day of the weekly check-in reminder, or off",
    "notifications.weekly_checkin_time": "the time of the weekly check-in reminder",
}
SETTING_KEYS = tuple(SETTING_MEANINGS)

_TRUE = {"true", "yes", "on", "1"}
_OFF = {"off", "none", "no", ""}
# The longest time box a check-in may set aside (tracker.practices.checkin agrees).
MAX_CHECKIN_MINUTES = 4 * 60
_FALSE = {"false", "no", "off", "0"}


def _refuse_unknown(key: str) -> None:
    if key not in SETTING_KEYS:
        raise ValidationError(
            f"There is no setting '{key[:60]}'. Settings: {', '.join(SETTING_KEYS)}."
        )


def read_setting(settings: Settings, key: str) -> str:
    _refuse_unknown(key)
    alerts = settings.notifications
    values = {
        "day_starts_at": format_time(settings.day_starts_at),
        "weekly_quality_target": format_duration(settings.weekly_quality_minutes),
        "journey_start": settings.journey_start.isoformat() if settings.journey_start else "none",
        "theme": settings.theme,
        "checkin_time_box": format_duration(settings.checkin_minutes),
        "notifications.show_titles": "true" if alerts.show_titles else "false",
        "notifications.checkin_time": format_time(alerts.checkin_time),
        "notifications.quality_nudge_days": str(alerts.quality_nudge_days),
        "notifications.quiet_start": format_time(alerts.quiet_start),
        "notifications.quiet_end": format_time(alerts.quiet_end),
        "notifications.grace_minutes": str(alerts.grace_minutes),
        "notifications.weekly_checkin_day": "off"
        if alerts.weekly_checkin_day is None
        else WEEKDAY_NAMES[alerts.weekly_checkin_day],
        "notifications.weekly_checkin_time": format_time(alerts.weekly_checkin_time),
    }
    return values[key]


def _bool(value: str, key: str) -> bool:
    spec = value.strip().lower()
    if spec in _TRUE:
        return True
    if spec in _FALSE:
        return False
    raise ValidationError(f"{key} is true or false, not '{value[:40]}'.")


def parse_weekday(value: str, key: str) -> int | None:
    """'sunday', 'Sun' or 'su' -> 6; 'off' or 'none' -> None."""
    spec = value.strip().lower()
    if spec in _OFF:
        return None
    found = [index for index, name in enumerate(WEEKDAY_NAMES) if name.startswith(spec)]
    if len(spec) >= 2 and len(found) == 1:
        return found[0]
    raise ValidationError(
        f"{key} is a day of the week (such as sunday) or off, not '{value[:40]}'."
    )


def _whole(value: str, key: str, low: int, high: int) -> int:
    spec = value.strip()
    # A length cap first: int() refuses strings of thousands of digits with a ValueError.
    if len(spec) <= 6 and spec.isascii() and spec.isdigit() and low <= int(spec) <= high:
        return int(spec)
    raise ValidationError(f"{key} is a whole number from {low} to {high}.")


def write_setting(settings: Settings, key: str, value: str, today: date) -> Settings:
    """A copy of `settings` with `key` set from the text `value`, or a clear refusal."""
    _refuse_unknown(key)
    alerts = settings.notifications
    match key:
        case "day_starts_at":
            moment = parse_time(value)
            if moment.hour >= 12:
                raise ValidationError("Your day can start between 00:00 and 11:59.")
            return replace(settings, day_starts_at=moment)
        case "weekly_quality_target":
            minutes = parse_duration(value)
            return replace(settings, weekly_quality_minutes=minutes)
        case "journey_start":
            if value.strip().lower() in {"", "none"}:
                return replace(settings, journey_start=None)
            start = parse_date(value, today)
            if start > today:
                raise ValidationError("The start of your journey cannot be in the future.")
            return replace(settings, journey_start=start)
        case "checkin_time_box":
            minutes = parse_duration(value)
            if minutes > MAX_CHECKIN_MINUTES:
                raise ValidationError(
                    f"A check-in's time box is at most {MAX_CHECKIN_MINUTES // 60} hours."
                )
            return replace(settings, checkin_minutes=minutes)
        case "theme":
            return replace(
                settings, theme=clean_text(value, "The theme", max_length=40, required=True)
            )
        case "notifications.show_titles":
            alerts = replace(alerts, show_titles=_bool(value, key))
        case "notifications.checkin_time":
            alerts = replace(alerts, checkin_time=parse_time(value))
        case "notifications.quality_nudge_days":
            alerts = replace(alerts, quality_nudge_days=_whole(value, key, 1, 60))
        case "notifications.quiet_start":
            alerts = replace(alerts, quiet_start=parse_time(value))
        case "notifications.quiet_end":
            alerts = replace(alerts, quiet_end=parse_time(value))
        case "notifications.grace_minutes":
            alerts = replace(alerts, grace_minutes=_whole(value, key, 0, 240))
        case "notifications.weekly_checkin_day":
            alerts = replace(alerts, weekly_checkin_day=parse_weekday(value, key))
        case "notifications.weekly_checkin_time":
            alerts = replace(alerts, weekly_checkin_time=parse_time(value))
    return replace(settings, notifications=alerts)
