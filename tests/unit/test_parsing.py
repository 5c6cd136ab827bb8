"""What people type: durations, dates, times, ratings and promise names, read or refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import AmbiguousNameError, NotFoundError, TrackerError, ValidationError
from tracker.parsing import (
    MAX_DURATION_MINUTES,
    format_count,
    format_duration,
    format_time,
    match_by_name,
    parse_date,
    parse_duration,
    parse_rating,
    parse_time,
    parse_times,
)
from tracker.schedule import parse_schedule

TODAY = date(2026, 11, 25)

# Anything a shell or a paste can hand us: control characters, NUL, lone surrogates
# (invalid UTF-8 decoded with surrogateescape), emoji, right-to-left text...
any_text = st.one_of(
    st.text(st.characters(exclude_categories=())),
    st.lists(
        st.sampled_from(
            [*"1290٣:.hm -,", *"\x00\ud800\u202e🙂", "am", "pm", "days ago", "today", "/week"]
        )
    ).map("".join),
)


# --- durations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("45m", 45),
        ("1h30", 90),
        ("1:30", 90),
        ("1h30m", 90),
        ("1.5h", 90),
        ("90", 90),
        ("2h", 120),
        ("1 h 30 m", 90),
        ("1H30M", 90),
        ("45 min", 45),
        ("45 minutes", 45),
        ("2 hours", 120),
        ("0:05", 5),
        ("24h", MAX_DURATION_MINUTES),
    ],
)
def test_durations_read_the_way_people_type_them(typed, minutes):
    assert parse_duration(typed) == minutes


@pytest.mark.parametrize(
    "typed",
    ["-5m", "99999h", "abc", "0m", "", "   ", "1:75", "1h75", "24h01m", "25h", "1.5.h", "h"],
)
def test_impossible_durations_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as refused:
        parse_duration(typed)
    assert "duration" in str(refused.value).lower()


def test_a_refused_duration_shows_how_to_write_one():
    with pytest.raises(ValidationError, match="45m, 1h30"):
        parse_duration("abc")


@pytest.mark.parametrize(
    ("minutes", "shown"), [(45, "45m"), (60, "1h"), (90, "1h 30m"), (125, "2h 05m")]
)
def test_durations_are_shown_in_hours_and_minutes(minutes, shown):
    assert format_duration(minutes) == shown


@given(st.integers(1, MAX_DURATION_MINUTES))
def test_a_shown_duration_reads_back(minutes):
    assert parse_duration(format_duration(minutes).replace(" ", "")) == minutes


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-2-3", date(2026, 2, 3)),
        ("today", TODAY),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("3 days ago", date(2026, 11, 22)),
        ("1 day ago", date(2026, 11, 24)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_dates_read_the_way_people_type_them(typed, day):
    assert parse_date(typed, TODAY) == day


def test_the_thirtieth_of_february_is_refused_naming_february():
    with pytest.raises(ValidationError) as refused:
        parse_date("2026-02-30", TODAY)
    assert "February" in str(refused.value)
    assert "28 days" in str(refused.value)


def test_february_the_twenty_ninth_is_refused_outside_leap_years():
    with pytest.raises(ValidationError, match="February 2025 has 28 days"):
        parse_date("2025-02-29", TODAY)


def test_a_thirteenth_month_is_refused():
    with pytest.raises(ValidationError, match="no month 13"):
        parse_date("2026-13-01", TODAY)


@pytest.mark.parametrize(
    "typed", ["", "next week", "20261120", "2026/11/20", "0900-01-01", "1 ago"]
)
def test_dates_that_cannot_be_read_are_refused_with_the_forms(typed):
    with pytest.raises(ValidationError):
        parse_date(typed, TODAY)


# --- times of day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("20:30", time(20, 30)),
        ("8:05", time(8, 5)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("9pm", time(21, 0)),
        ("9 PM", time(21, 0)),
        ("8:30am", time(8, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15 am", time(0, 15)),
    ],
)
def test_times_read_the_way_people_type_them(typed, moment):
    assert parse_time(typed) == moment


@pytest.mark.parametrize(
    "typed", ["25:00", "12:60", "13pm", "0am", "9", "", "noon", "20.30", "-1:00"]
)
def test_impossible_times_are_refused_with_the_form(typed):
    with pytest.raises(ValidationError, match="HH:MM"):
        parse_time(typed)


def test_a_list_of_times_is_sorted_without_repeats():
    assert parse_times("20:30, 08:00, 8am") == (time(8, 0), time(20, 30))
    assert parse_times("8 pm, 9 am") == (time(9, 0), time(20, 0))
    assert parse_times("08:00 20:30") == (time(8, 0), time(20, 30))
    assert parse_times("") == ()


def test_a_list_with_one_bad_time_is_refused_whole():
    with pytest.raises(ValidationError, match="25:00"):
        parse_times("08:00, 25:00")


@given(st.times())
def test_a_shown_time_reads_back_to_the_minute(moment):
    assert parse_time(format_time(moment)) == moment.replace(second=0, microsecond=0)


# --- ratings and counts --------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "rating"), [("1", 1), (" 5 ", 5), (3, 3)])
def test_a_rating_is_a_whole_number_from_one_to_five(typed, rating):
    assert parse_rating(typed) == rating


@pytest.mark.parametrize("typed", ["0", "6", "-1", "2.5", "", "five", "٣", True])
def test_other_ratings_are_refused(typed):
    with pytest.raises(ValidationError, match="1 to 5"):
        parse_rating(typed)


def test_counts_agree_with_their_unit():
    assert format_count(1, "days") == "1 day"
    assert format_count(3, "days") == "3 days"
    assert format_count(0, "weeks") == "0 weeks"
    assert format_count(1, "weeks") == "1 week"


# --- finding a promise by name ---------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    id: int
    title: str


ITEMS = [
    Item(1, "Phone away at dinner"),
    Item(2, "Ask about her day, listen without fixing"),
    Item(3, "Plan a date night"),
    Item(4, "Morning walk together 🚶"),
    Item(5, "Plan the weekend"),
    Item(12, "שיחה בלי מסכים"),
]


def find(query: str) -> Item:
    return match_by_name(ITEMS, query, lambda i: i.title, lambda i: i.id, "promise")


def test_a_promise_is_found_by_its_id():
    assert find("3").title == "Plan a date night"
    assert find("12").id == 12


def test_a_promise_is_found_by_its_exact_title_whatever_the_case():
    assert find("PHONE AWAY AT DINNER").id == 1


def test_a_unique_prefix_is_enough():
    assert find("phone").id == 1
    assert find("morn").id == 4


def test_words_in_two_titles_are_refused_even_when_one_title_starts_with_them():
    """`tracker check walk` with "Morning walk together" and "Walk the dog" picks neither."""
    items = [Item(1, "Morning walk together"), Item(2, "Walk the dog")]
    with pytest.raises(AmbiguousNameError) as refused:
        match_by_name(items, "walk", lambda i: i.title, lambda i: i.id, "promise")
    assert refused.value.candidates == ["1: Morning walk together", "2: Walk the dog"]
    assert match_by_name(items, "walk the", lambda i: i.title, lambda i: i.id, "promise").id == 2
    assert match_by_name(items, "2", lambda i: i.title, lambda i: i.id, "promise").id == 2


def test_a_unique_substring_is_enough():
    assert find("dinner").id == 1
    assert find("listen").id == 2


def test_an_exact_title_wins_over_longer_titles_that_start_with_it():
    items = [Item(1, "Walk"), Item(2, "Walk the dog")]
    assert match_by_name(items, "walk", lambda i: i.title, lambda i: i.id, "promise").id == 1


def test_an_ambiguous_name_lists_the_candidates():
    with pytest.raises(AmbiguousNameError) as refused:
        find("plan")
    assert refused.value.candidates == ["3: Plan a date night", "5: Plan the weekend"]
    assert "Plan a date night" in str(refused.value)
    assert "Plan the weekend" in str(refused.value)


def test_an_unknown_name_says_so_and_where_to_look():
    with pytest.raises(NotFoundError, match="tracker list"):
        find("gym")


def test_an_empty_name_is_refused():
    with pytest.raises(ValidationError):
        find("   ")


def test_emoji_and_right_to_left_titles_are_found():
    assert find("🚶").id == 4
    assert find("בלי").id == 12


def test_extra_spaces_in_the_query_do_not_matter():
    assert find("  phone   away ").id == 1


# --- no input ever escapes as anything but a clear refusal -----------------------------------


def _returns_or_refuses(parse, text: str):
    try:
        return parse(text)
    except TrackerError as error:
        assert str(error), "a refusal always says why"
        return None


@given(any_text)
def test_any_text_is_a_duration_or_a_clear_refusal(text):
    minutes = _returns_or_refuses(parse_duration, text)
    assert minutes is None or 1 <= minutes <= MAX_DURATION_MINUTES


@given(any_text)
def test_any_text_is_a_date_or_a_clear_refusal(text):
    day = _returns_or_refuses(lambda t: parse_date(t, TODAY), text)
    assert day is None or isinstance(day, date)


@given(any_text)
def test_any_text_is_a_time_or_a_clear_refusal(text):
    moment = _returns_or_refuses(parse_time, text)
    assert moment is None or isinstance(moment, time)


@given(any_text)
def test_any_text_is_a_list_of_times_or_a_clear_refusal(text):
    times = _returns_or_refuses(parse_times, text)
    assert times is None or all(isinstance(moment, time) for moment in times)


@given(any_text)
def test_any_text_is_a_rating_or_a_clear_refusal(text):
    rating = _returns_or_refuses(parse_rating, text)
    assert rating is None or 1 <= rating <= 5


@given(any_text)
def test_any_text_is_a_schedule_or_a_clear_refusal(text):
    schedule = _returns_or_refuses(parse_schedule, text)
    assert schedule is None or parse_schedule(schedule.spec) == schedule


@given(any_text)
def test_any_text_finds_one_promise_or_a_clear_refusal(text):
    found = _returns_or_refuses(find, text)
    assert found is None or found in ITEMS
