"""Every parser a user reaches, fed anything: a valid value, or a TrackerError that says why.

Beyond "no other exception", each test checks what comes back is usable (a duration in
range, a schedule that reads back equal, settings that survive the store's encoding)
and that a refusal is one line a terminal can show as is: the user's own text is quoted
in many messages, so a newline or an escape sequence they typed must not reach the
screen raw (the CLI prints these messages; see `visible` below).
"""

from __future__ import annotations

import unicodedata
from datetime import date, time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.model import Settings, clean_text
from tracker.parsing import (
    MAX_DURATION_MINUTES,
    match_by_name,
    parse_date,
    parse_duration,
    parse_rating,
    parse_time,
    parse_times,
)
from tracker.schedule import parse_schedule
from tracker.settings_keys import SETTING_KEYS, read_setting, write_setting
from tracker.store import codec
from tracker.text import visible as shown_as_text

# Pieces of what people type, so the search spends its time near the accepted forms
# (where the off-by-one and overflow bugs live) and not only on random noise.
# fmt: off
TOKENS = [
    *"0123456789 :.,;/-+&x",
    "00", "12", "24", "59", "60", "99", "365", "366", "1000", "9999", "99999999999999999999",
    "h", "m", "min", "mins", "hour", "hours", "hrs", "am", "pm", "AM",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "Tuesdays", "th", "s",
    "daily", "weekdays", "weekends", "weekly", "every", "other", "day", "days", "week",
    "once", "twice", "times", "per", "a", "and", "in a", "wk",
    "today", "yesterday", "tomorrow", "ago", "days ago", "2026-02-29", "2024-02-29",
    "1899-12-31", "1900-01-01", "9999-12-31", "0000-00-00",
    "\t", "\n", "\r", "\r\n", "\x00", "\x1b[31m", "\x7f", "\u2028", "\u202e", "\u200b",
    "\ufeff", "\udcff", "🫶", "٣", "１", "²", "Ⅻ", "ß", "İ", "[bold]", "[/]", "$(rm -rf ~)", "; ls",
]
# fmt: on
near_miss = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)
anything = st.text(st.characters(exclude_categories=()), max_size=60)
# Ten thousand characters of one piece: a paste gone wrong.
very_long = st.builds(
    lambda piece, n: (piece or "7") * (n // len(piece or "7")),
    near_miss,
    st.integers(9_990, 10_050),
)
typed = st.one_of(near_miss, anything, very_long)

INPUTS = {"count": 0}
# More than the suite's default: these are the inputs users reach first. The
# "thorough" profile (HYPOTHESIS_PROFILE=thorough) still raises it further.
FUZZ = settings(max_examples=max(250, settings.default.max_examples))


@pytest.fixture(scope="module", autouse=True)
def _report_inputs():
    yield
    print(f"\nparsers: {INPUTS['count']} inputs tried")


def visible(message: str) -> str:
    """What a terminal shows for `message`, as the CLI prints it."""
    return shown_as_text(message)


def _refusal_is_clear(error: TrackerError) -> None:
    message = visible(str(error))
    assert message.strip(), "a refusal always says why"
    assert "\n" not in message and "\r" not in message
    assert not any(unicodedata.category(c) in {"Cc", "Cs"} for c in message), repr(message)


def _value_or_refusal(parse, text):
    INPUTS["count"] += 1
    try:
        return parse(text)
    except TrackerError as error:
        _refusal_is_clear(error)
        return None


@FUZZ
@given(typed)
@example("1h30")
@example("99999999999999999999h")
@example("24h1m")
def test_a_duration_is_in_range_or_refused(text):
    minutes = _value_or_refusal(parse_duration, text)
    assert minutes is None or (type(minutes) is int and 1 <= minutes <= MAX_DURATION_MINUTES)


@FUZZ
@given(typed, st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 31)))
@example("tomorrow", date(9998, 12, 31))
@example("9999 days ago", date(1900, 1, 2))
@example("2024-02-29", date(2026, 3, 1))
@example("2026-02-29", date(2026, 3, 1))
def test_a_date_is_a_real_date_or_refused(text, today):
    day = _value_or_refusal(lambda t: parse_date(t, today), text)
    assert day is None or type(day) is date


@FUZZ
@given(typed)
@example("12am")
@example("24:00")
@example("0pm")
def test_a_time_of_day_is_a_time_or_refused(text):
    moment = _value_or_refusal(parse_time, text)
    assert moment is None or (type(moment) is time and moment.second == 0)


@FUZZ
@given(typed)
def test_a_list_of_times_is_sorted_unique_times_or_refused(text):
    times = _value_or_refusal(parse_times, text)
    assert times is None or list(times) == sorted(set(times))


@FUZZ
@given(st.one_of(typed, st.integers()))
def test_a_rating_is_one_to_five_or_refused(text):
    rating = _value_or_refusal(parse_rating, text)
    assert rating is None or (type(rating) is int and 1 <= rating <= 5)


@FUZZ
@given(typed)
@example("every 366 days")
@example("8/week")
@example("0 times a week")
@example("mon and and fri")
def test_a_schedule_reads_back_equal_from_its_spec_or_is_refused(text):
    schedule = _value_or_refusal(parse_schedule, text)
    if schedule is not None:
        assert parse_schedule(schedule.spec) == schedule
        assert schedule.describe()
        assert schedule.weekdays and schedule.weekdays <= set(range(7))


titles = st.lists(st.one_of(near_miss, anything).filter(str.strip), max_size=6)


@FUZZ
@given(titles, typed)
@example(["Walk", "Walk the dog"], "walk")
@example(["1", "2"], "2")
def test_a_name_finds_exactly_one_promise_or_is_refused(names, query):
    items = [(number, name) for number, name in enumerate(names, start=1)]
    found = _value_or_refusal(
        lambda q: match_by_name(items, q, lambda i: i[1], lambda i: i[0], "promise"), query
    )
    if found is not None:
        assert found in items
        spec = " ".join(query.split()).casefold()
        assert str(found[0]) == spec or spec in " ".join(found[1].split()).casefold()


@FUZZ
@given(st.sampled_from([*SETTING_KEYS, "theme ", "Theme", "notifications", ""]), typed)
@example("day_starts_at", "12:00")
@example("weekly_quality_target", "0m")
@example("journey_start", "tomorrow")
@example("notifications.grace_minutes", "241")
def test_a_setting_is_stored_as_something_the_store_reads_back_or_refused(key, value):
    today = date(2026, 11, 25)
    settings = _value_or_refusal(lambda v: write_setting(Settings(), key, v, today), value)
    if settings is not None:
        assert codec.settings_from_doc(codec.settings_to_doc(settings)) == settings
        assert read_setting(settings, key)
        assert settings.journey_start is None or settings.journey_start <= today
        assert settings.day_starts_at.hour < 12


@FUZZ
@given(typed, st.integers(0, 300), st.booleans(), st.booleans())
def test_clean_text_keeps_text_exactly_or_refuses_it(text, max_length, required, multiline):
    INPUTS["count"] += 1
    try:
        cleaned = clean_text(
            text, "The title", max_length=max_length, required=required, multiline=multiline
        )
    except TrackerError as error:
        _refusal_is_clear(error)
        return
    # Nothing changes but the surrounding blanks (and, in notes, \r line ends become \n).
    expected = text.strip()
    if multiline:
        expected = expected.replace("\r\n", "\n").replace("\r", "\n")
    assert cleaned == expected
    assert len(cleaned) <= max_length and (cleaned or not required)
    allowed = {"\n", "\t"} if multiline else set()
    for char in cleaned:
        assert char in allowed or unicodedata.category(char) not in {"Cc", "Cs"}
    cleaned.encode("utf-8")  # storable as UTF-8
