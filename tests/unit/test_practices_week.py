"""The week in facts: counts taken from the data, as the Streaks view judges them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.model import (
    Mark,
    MarkStatus,
    Measure,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    rescheduled,
)
from tracker.practices.records import Appreciation, Person
from tracker.practices.week import (
    Acknowledgement,
    PromiseWeek,
    WeekInFacts,
    fact_lines,
    promise_week_line,
    week_in_facts,
)
from tracker.schedule import parse_schedule

MONDAY = date(2026, 3, 9)
THURSDAY = date(2026, 3, 12)
SUNDAY = date(2026, 3, 15)


def promise(pid: int, schedule: str = "daily", **fields) -> Promise:
    values = {"title": f"Promise {pid}", "start": date(2026, 1, 1), "id": pid}
    values.update(fields)
    return Promise(schedule=parse_schedule(values.pop("schedule", schedule)), **values)


def marks(pid: int, **days: str) -> dict[date, Mark]:
    """marks(1, mon="kept", tue="missed"): marks in the week of MONDAY."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return {
        MONDAY + timedelta(names.index(name)): Mark(
            pid, MONDAY + timedelta(names.index(name)), MarkStatus(status)
        )
        for name, status in days.items()
    }


def facts(promises=(), marks_by=None, today=SUNDAY, **inputs) -> WeekInFacts:
    return week_in_facts(
        promises,
        marks_by or {},
        inputs.get("quality", []),
        inputs.get("appreciations", []),
        inputs.get("acknowledgements", []),
        inputs.get("notes", []),
        inputs.get("week_of", MONDAY),
        today,
        weekly_goal_minutes=inputs.get("goal", 180),
    )


def test_a_daily_promise_counts_the_days_kept_of_the_days_it_asked():
    daily = promise(1)
    week = facts(
        [daily], {1: marks(1, mon="kept", tue="kept", wed="missed", thu="excused", fri="kept")}
    )
    [counted] = week.promises
    # Saturday and Sunday passed unmarked: missed, like the Streaks view says.
    assert counted == PromiseWeek(1, "Promise 1", kept=3, asked=6, excused=1)
    assert promise_week_line(counted) == "kept 3 of 6 days"


def test_in_the_current_week_only_days_up_to_today_count_and_today_is_still_asked():
    week = facts([promise(1)], {1: marks(1, mon="kept", tue="kept")}, today=THURSDAY)
    assert week.through == THURSDAY
    assert week.promises[0].kept == 2 and week.promises[0].asked == 4


def test_an_n_per_week_promise_counts_against_its_target():
    three = promise(2, "3/week")
    week = facts([three], {2: marks(2, mon="kept", wed="kept", sat="excused")})
    [counted] = week.promises
    assert (counted.kept, counted.asked, counted.excused, counted.weekly_target) == (2, 2, 1, True)
    assert promise_week_line(counted) == "kept 2 times of 2 this week"


def test_a_weekly_promise_kept_despite_an_excused_day_was_still_asked_once():
    # Once a week, kept on Tuesday, excused on Friday: the excuse lowers the target to
    # nothing, but the week did ask once and it was kept ("of 0" read as nonsense).
    once = promise(5, "1/week")
    [counted] = facts([once], {5: marks(5, tue="kept", fri="excused")}).promises
    assert (counted.kept, counted.asked, counted.excused) == (1, 1, 1)
    assert promise_week_line(counted) == "kept 1 time of 1 this week"


def test_a_measured_n_per_week_promise_s_week_is_met_or_not_as_a_whole():
    thanks = promise(6, "3/week", measure=Measure("thanks", 5))
    entered = {
        day: replace(mark, amount=3.0) for day, mark in marks(6, mon="missed", wed="kept").items()
    }
    [counted] = facts([thanks], {6: entered}).promises
    assert promise_week_line(counted) == "kept this week · 6 of 5 thanks"
    [short] = facts([thanks], {6: dict(list(entered.items())[:1])}).promises
    assert promise_week_line(short) == "not reached this week · 3 of 5 thanks"


def test_a_rescheduled_promise_is_judged_by_the_schedule_of_the_weeks_end():
    changed = rescheduled(promise(3, "daily"), parse_schedule("2/week"), date(2026, 2, 1))
    [counted] = facts([changed], {3: marks(3, tue="kept")}).promises
    assert counted.weekly_target and (counted.kept, counted.asked) == (1, 2)


def test_archived_promises_and_promises_outside_the_week_are_left_out():
    live = promise(1)
    archived = promise(2, archived=True)
    later = promise(3, start=date(2026, 3, 20))
    ended = promise(4, end=date(2026, 3, 1))
    week = facts([live, archived, later, ended])
    assert [counted.promise_id for counted in week.promises] == [1]


def test_time_together_is_counted_against_the_weekly_hope():
    entries = [
        QualityTime(MONDAY, 60, QualityKind.CONVERSATION),
        QualityTime(SUNDAY, 45, QualityKind.DATE_NIGHT),
        QualityTime(MONDAY - timedelta(days=1), 300, QualityKind.OTHER),  # last week
    ]
    week = facts(quality=entries)
    assert (week.quality_minutes, week.quality_entries, week.quality_goal_minutes) == (105, 2, 180)
    assert "Time together: 1h 45m of the 3h you hoped for." in fact_lines(week)


def test_appreciations_and_acknowledgements_given_and_received():
    thanks = [
        Appreciation("dinner", MONDAY, Person.ME),
        Appreciation("the call", THURSDAY, Person.ME),
        Appreciation("my patience", SUNDAY, Person.PARTNER),
        Appreciation("old", MONDAY - timedelta(days=3), Person.ME),
    ]
    noticed = [Acknowledgement(THURSDAY, Person.PARTNER), Acknowledgement(SUNDAY, Person.ME)]
    week = facts(appreciations=thanks, acknowledgements=noticed)
    assert (week.appreciations_given, week.appreciations_received) == (2, 1)
    assert (week.acknowledgements_given, week.acknowledgements_received) == (1, 1)
    assert "Appreciations: 2 given, 1 received." in fact_lines(week)
    assert "Acknowledgements: 1 given, 1 received." in fact_lines(week)


def test_notes_let_go_this_week_are_counted_and_their_words_never_appear():
    note = Note(date(2026, 2, 1), "The lie about the party", Trigger.DISHONESTY)
    let_go = replace(note, status=NoteStatus.LET_GO, let_go_on=THURSDAY)
    earlier = replace(let_go, let_go_on=date(2026, 3, 1))
    week = facts(notes=[note, let_go, earlier])
    assert week.notes_let_go == 1
    lines = " ".join(fact_lines(week))
    assert "Let go: 1 note." in lines and "party" not in lines


def test_the_words_never_grade():
    week = facts([promise(1)], {1: marks(1, mon="missed", tue="missed")})
    lines = " ".join(fact_lines(week))
    assert "Promises: kept 0 of the 7 times they asked something of you." in lines
    for grading in ("fail", "bad", "poor", "only", "%", "!"):
        assert grading not in lines.lower()


def test_an_empty_week_says_so_calmly():
    week = facts()
    assert fact_lines(week) == [
        "Time together: none logged; you hoped for 3h.",
        "Appreciations: 0 given, 0 received.",
    ]


@given(
    statuses=st.lists(st.sampled_from([None, *MarkStatus]), min_size=7, max_size=7),
    today=st.dates(MONDAY - timedelta(days=3), SUNDAY + timedelta(days=10)),
    schedule=st.sampled_from(["daily", "mon,wed,fri", "every 2 days", "3/week", "weekends"]),
)
def test_kept_never_exceeds_asked_and_matches_the_marks(statuses, today, schedule):
    pid = 1
    days = {
        MONDAY + timedelta(n): Mark(pid, MONDAY + timedelta(n), status)
        for n, status in enumerate(statuses)
        if status is not None and MONDAY + timedelta(n) <= today
    }
    week = facts([promise(pid, schedule)], {pid: days}, today=today)
    if today < MONDAY:
        assert week.promises == ()
        return
    [counted] = week.promises
    kept_marks = sum(1 for mark in days.values() if mark.status is MarkStatus.KEPT)
    excused_marks = sum(1 for mark in days.values() if mark.status is MarkStatus.EXCUSED)
    assert counted.excused == excused_marks
    if counted.weekly_target:
        assert counted.kept == kept_marks
        assert counted.asked >= min(counted.kept, 1)  # never "kept 1 time of 0"
    else:
        assert counted.kept == kept_marks
        assert counted.kept <= counted.asked
