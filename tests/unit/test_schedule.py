"""Schedules: what people type becomes a rhythm, and the rhythm says which days are due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.schedule import (
    MAX_EVERY_DAYS,
    Schedule,
    ScheduleKind,
    due_dates,
    next_due_dates,
    parse_schedule,
    week_start,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def schedules() -> st.SearchStrategy[Schedule]:
    """Every kind of schedule a promise can have."""
    return st.one_of(
        st.sampled_from(
            [
                Schedule(ScheduleKind.DAILY),
                Schedule(ScheduleKind.WEEKDAYS),
                Schedule(ScheduleKind.WEEKENDS),
            ]
        ),
        st.frozensets(st.integers(0, 6), min_size=1).map(
            lambda days: Schedule(ScheduleKind.DAYS, days)
        ),
        st.integers(1, 7).map(lambda n: Schedule(ScheduleKind.PER_WEEK, count=n)),
        st.integers(1, MAX_EVERY_DAYS).map(lambda n: Schedule(ScheduleKind.EVERY_N_DAYS, count=n)),
    )


# --- every kind parses, in the forms people type ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "weekdays"),
    [
        ("daily", ScheduleKind.DAILY, {MON, TUE, WED, THU, FRI, SAT, SUN}),
        ("Every day", ScheduleKind.DAILY, {MON, TUE, WED, THU, FRI, SAT, SUN}),
        ("  DAILY ", ScheduleKind.DAILY, {MON, TUE, WED, THU, FRI, SAT, SUN}),
        ("weekdays", ScheduleKind.WEEKDAYS, {MON, TUE, WED, THU, FRI}),
        ("mon-fri", ScheduleKind.WEEKDAYS, {MON, TUE, WED, THU, FRI}),
        ("weekends", ScheduleKind.WEEKENDS, {SAT, SUN}),
        ("Weekend", ScheduleKind.WEEKENDS, {SAT, SUN}),
        ("mon,wed,fri", ScheduleKind.DAYS, {MON, WED, FRI}),
        ("Mon, Wed", ScheduleKind.DAYS, {MON, WED}),
        ("mon wed fri", ScheduleKind.DAYS, {MON, WED, FRI}),
        ("Tuesday and Thursday", ScheduleKind.DAYS, {TUE, THU}),
        ("tues/thurs", ScheduleKind.DAYS, {TUE, THU}),
        ("Sundays", ScheduleKind.DAYS, {SUN}),
        ("sat; sun", ScheduleKind.DAYS, {SAT, SUN}),
        ("fri,fri,FRI", ScheduleKind.DAYS, {FRI}),
    ],
)
def test_fixed_day_schedules_read_the_way_people_type_them(typed, kind, weekdays):
    schedule = parse_schedule(typed)
    assert schedule.kind is kind
    assert schedule.weekdays == frozenset(weekdays)


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("1/week", 1),
        ("3/week", 3),
        ("7/week", 7),
        ("3 per week", 3),
        ("3 times a week", 3),
        ("3x/week", 3),
        ("3 x per week", 3),
        ("3 days a week", 3),
        ("2/wk", 2),
        ("once a week", 1),
        ("twice a week", 2),
        ("weekly", 1),
    ],
)
def test_n_per_week_reads_the_way_people_type_it(typed, count):
    assert parse_schedule(typed) == Schedule(ScheduleKind.PER_WEEK, count=count)


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("every 2 days", 2),
        ("every other day", 2),
        ("Every 3 days", 3),
        ("every  10   days", 10),
        ("every 1 day", 1),
        (f"every {MAX_EVERY_DAYS} days", MAX_EVERY_DAYS),
    ],
)
def test_every_n_days_reads_the_way_people_type_it(typed, count):
    assert parse_schedule(typed) == Schedule(ScheduleKind.EVERY_N_DAYS, count=count)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "sometimes", "mon-wed", "3/month", "every day or two", "m,w,f", "every -2 days"],
)
def test_a_bad_schedule_is_refused_with_the_accepted_forms(typed):
    with pytest.raises(ValidationError) as refused:
        parse_schedule(typed)
    message = str(refused.value)
    for form in ("daily", "weekdays", "weekends", "mon,wed,fri", "3/week", "every 2 days"):
        assert form in message


@pytest.mark.parametrize("typed", ["0/week", "8/week", "10 times a week", "0 per week"])
def test_n_per_week_takes_n_from_one_to_seven(typed):
    with pytest.raises(ValidationError, match="1 to 7"):
        parse_schedule(typed)


@pytest.mark.parametrize("typed", ["every 0 days", f"every {MAX_EVERY_DAYS + 1} days"])
def test_every_n_days_takes_a_sensible_n(typed):
    with pytest.raises(ValidationError, match=f"1 to {MAX_EVERY_DAYS}"):
        parse_schedule(typed)


def test_a_schedule_that_is_not_text_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="Accepted schedules"):
        parse_schedule(None)  # type: ignore[arg-type]


# --- the canonical spec round-trips ------------------------------------------------------


@given(schedules())
def test_the_canonical_spec_reads_back_to_the_same_schedule(schedule):
    assert parse_schedule(schedule.spec) == schedule


@given(schedules())
def test_every_schedule_describes_itself_in_plain_words(schedule):
    words = schedule.describe()
    assert words and "ScheduleKind" not in words


def test_the_kind_decides_the_days_so_weekdays_are_never_due_on_a_saturday():
    built_by_hand = Schedule(ScheduleKind.WEEKDAYS)
    assert built_by_hand == parse_schedule("weekdays")
    assert not built_by_hand.is_due(date(2026, 1, 1), date(2026, 1, 3))  # a Saturday


def test_a_set_of_no_days_is_not_a_schedule():
    with pytest.raises(ValidationError):
        Schedule(ScheduleKind.DAYS, frozenset())
    with pytest.raises(ValidationError):
        Schedule(ScheduleKind.DAYS, frozenset({7}))


def test_a_schedule_built_with_an_impossible_count_is_refused():
    with pytest.raises(ValidationError, match="1 to 7"):
        Schedule(ScheduleKind.PER_WEEK, count=8)
    with pytest.raises(ValidationError):
        Schedule(ScheduleKind.EVERY_N_DAYS, count=0)


def test_schedules_say_what_they_mean():
    assert parse_schedule("daily").describe() == "every day"
    assert parse_schedule("weekdays").describe() == "Monday to Friday"
    assert parse_schedule("fri,mon,wed").describe() == "Mon, Wed, Fri"
    assert parse_schedule("1/week").describe() == "once a week"
    assert parse_schedule("3/week").describe() == "3 days a week"
    assert parse_schedule("every other day").describe() == "every other day"
    assert parse_schedule("every 5 days").describe() == "every 5 days"


# --- which days are due --------------------------------------------------------------------


def test_mon_wed_fri_is_due_on_those_days_only():
    schedule = parse_schedule("mon,wed,fri")
    week = due_dates(schedule, date(2026, 11, 2), date(2026, 11, 2), date(2026, 11, 8))
    assert week == [date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 6)]


def test_every_n_days_counts_from_the_start_date():
    schedule = parse_schedule("every 3 days")
    start = date(2026, 11, 1)
    assert due_dates(schedule, start, date(2026, 10, 1), date(2026, 11, 10)) == [
        date(2026, 11, 1),
        date(2026, 11, 4),
        date(2026, 11, 7),
        date(2026, 11, 10),
    ]
    assert schedule.is_due(start, date(2026, 11, 4))
    assert not schedule.is_due(start, date(2026, 11, 5))


def test_nothing_is_due_before_the_start_date():
    schedule = parse_schedule("daily")
    assert due_dates(schedule, date(2026, 5, 10), date(2026, 5, 1), date(2026, 5, 9)) == []
    assert not schedule.is_due(date(2026, 5, 10), date(2026, 5, 9))


def test_an_empty_range_has_no_due_dates():
    assert (
        due_dates(parse_schedule("daily"), date(2026, 1, 1), date(2026, 2, 2), date(2026, 2, 1))
        == []
    )


def test_every_two_days_steps_over_a_leap_day():
    schedule = parse_schedule("every 2 days")
    start = date(2024, 2, 25)
    dates = due_dates(schedule, start, start, date(2024, 3, 5))
    assert dates == [
        date(2024, 2, 25),
        date(2024, 2, 27),
        date(2024, 2, 29),
        date(2024, 3, 2),
        date(2024, 3, 4),
    ]


def test_a_daily_promise_is_due_on_a_leap_day_and_across_the_year_end():
    schedule = parse_schedule("daily")
    assert schedule.is_due(date(2024, 1, 1), date(2024, 2, 29))
    dates = due_dates(schedule, date(2025, 12, 1), date(2025, 12, 30), date(2026, 1, 2))
    assert dates == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]


def test_next_due_dates_preview_the_coming_days():
    schedule = parse_schedule("tue,thu")
    upcoming = next_due_dates(schedule, date(2026, 1, 1), date(2026, 11, 25), 3)
    assert upcoming == [date(2026, 11, 26), date(2026, 12, 1), date(2026, 12, 3)]


def test_next_due_dates_start_at_the_start_date_for_a_promise_that_has_not_begun():
    schedule = parse_schedule("every 2 days")
    assert next_due_dates(schedule, date(2026, 12, 1), date(2026, 11, 25), 2) == [
        date(2026, 12, 1),
        date(2026, 12, 3),
    ]


def test_a_week_starts_on_monday():
    assert week_start(date(2026, 11, 25)) == date(2026, 11, 23)  # a Wednesday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2027, 1, 3)) == date(2026, 12, 28)  # a Sunday, across the year end


# --- the O(1) predicate agrees with the rrule ------------------------------------------

anchors = st.one_of(
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.sampled_from([date(2024, 2, 29), date(2024, 2, 28), date(2025, 12, 31), date(2024, 12, 31)]),
)


@given(schedules(), anchors, st.integers(-40, 400), st.integers(0, 120))
def test_is_due_agrees_with_the_rrule_for_every_kind(schedule, anchor, offset, length):
    start = anchor + timedelta(days=offset)
    end = start + timedelta(days=length)
    expanded = set(due_dates(schedule, anchor, start, end))
    day = start
    while day <= end:
        assert schedule.is_due(anchor, day) == (day in expanded), day
        day += timedelta(days=1)


@given(schedules(), anchors, st.integers(1, 10))
def test_next_due_dates_are_the_first_due_dates(schedule, anchor, count):
    upcoming = next_due_dates(schedule, anchor, anchor, count)
    assert len(upcoming) == count
    assert upcoming == due_dates(schedule, anchor, anchor, upcoming[-1])
