"""A couple's first week: days before a promise was added are to fill in, never missed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.stats import consistency, current_streak, day_status, promise_stats, units

TODAY = date(2026, 11, 25)  # a Wednesday
ADDED = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
KEPT = MarkStatus.KEPT


def started_a_week_ago(schedule: str = "daily") -> Promise:
    """Added today, its start set back a week to the day its writer really began."""
    start = TODAY - timedelta(days=7)
    return Promise("Phone away at dinner", parse_schedule(schedule), start, id=1, created=ADDED)


def kept_on(*days_ago: int) -> dict[date, Mark]:
    days = [TODAY - timedelta(days=n) for n in days_ago]
    return {day: Mark(1, day, KEPT) for day in days}


def test_days_before_the_promise_was_added_are_open_not_missed():
    promise = started_a_week_ago()
    marks = kept_on(1)
    assert day_status(promise, marks, TODAY - timedelta(days=3), TODAY) is DayStatus.OPEN
    assert day_status(promise, marks, TODAY - timedelta(days=1), TODAY) is DayStatus.KEPT


def test_recording_only_the_days_really_kept_reads_as_a_beginning():
    promise = started_a_week_ago()
    marks = kept_on(1, 2)
    figures = promise_stats(promise, marks, TODAY)
    assert current_streak(promise, marks, TODAY) == 2
    assert figures.current_streak == 2
    assert figures.consistency_7 == 1.0
    assert consistency(promise, marks, TODAY, 7) == 1.0
    assert figures.strength > 0
    assert [unit.outcome.value for unit in units(promise, marks, TODAY)].count("missed") == 0


def test_from_the_day_it_was_added_an_unmarked_day_is_missed_as_before():
    promise = started_a_week_ago()
    tomorrow_after = TODAY + timedelta(days=2)
    assert day_status(promise, {}, TODAY, tomorrow_after) is DayStatus.MISSED
    assert day_status(promise, {}, TODAY - timedelta(days=1), tomorrow_after) is DayStatus.OPEN


def test_a_weekly_promise_started_earlier_has_no_missed_week_before_it_was_added():
    promise = started_a_week_ago("3/week")
    marks = kept_on(0)
    outcomes = [unit.outcome.value for unit in units(promise, marks, TODAY)]
    assert "missed" not in outcomes
    assert promise_stats(promise, marks, TODAY).consistency_7 == 1.0


def test_a_promise_without_a_known_added_day_is_judged_from_its_start():
    promise = Promise("Walk", parse_schedule("daily"), TODAY - timedelta(days=7), id=1)
    assert day_status(promise, {}, TODAY - timedelta(days=3), TODAY) is DayStatus.MISSED


# --- appreciations received: the partner's words about me, in both faces -----------------------


def paired_with_alexs_thanks(tmp_path):
    """Sam's tracker, paired with Alex's, who shared one appreciation of Sam (and Sam kept
    one thing Alex said aloud)."""
    from app_support import frozen_clock, open_store

    from tracker.practices.records import Appreciation, Person
    from tracker.service import Tracker
    from tracker.store import kinds

    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    sam = Tracker(open_store(tmp_path / "sam" / "tracker.json"), frozen_clock())
    folder = tmp_path / "Sync" / "us"
    sam.sharing.join(folder, alex.sharing.setup(folder, "Alex").saved.code, "Sam")
    store = alex._context.store
    store.add_record(kinds.APPRECIATIONS, Appreciation("You made soup when I was ill", TODAY))
    store.add_record(
        kinds.APPRECIATIONS, Appreciation("You listened", TODAY, by=Person.PARTNER)
    )  # what Sam told Alex: Sam's own words, not received
    assert alex.sharing.publish().written
    sam._context.store.add_record(
        kinds.APPRECIATIONS, Appreciation("You said thank you", TODAY, by=Person.PARTNER)
    )
    return sam


def test_appreciations_received_include_what_the_partner_wrote_about_me(tmp_path):
    sam = paired_with_alexs_thanks(tmp_path)
    partner, theirs = sam.sharing.their_appreciations()
    assert partner == "Alex"
    texts = {item.text: item.by.value for item in sam.appreciations.newest_first(theirs)}
    assert texts == {"You made soup when I was ill": "partner", "You said thank you": "partner"}
    assert sam.appreciations.this_week(theirs).received == 2
    facts = sam.checkins.week_in_facts(TODAY, their_appreciations=theirs)
    assert facts.appreciations_received == 2


def test_tracker_appreciations_lists_the_partners_words_as_received(tmp_path, capsys):
    from tracker.cli.main import main

    sam = paired_with_alexs_thanks(tmp_path)
    assert main(["--db", str(sam._context.store.path), "appreciations"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("Alex" in line and "You made soup when I was ill" in line for line in lines)
    assert main(["--db", str(sam._context.store.path), "appreciations", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"id": None, "by": "partner", "text": "You made soup when I was ill"}.items() <= next(
        item for item in listed if item["text"].startswith("You made soup")
    ).items()


def test_the_same_words_kept_by_hand_are_not_counted_twice():
    from tracker.practices.received import with_theirs
    from tracker.practices.records import Appreciation, Person

    mine = [Appreciation("You made  soup", TODAY, id=1, by=Person.PARTNER)]
    theirs = [Appreciation("you made soup", TODAY, id=7), Appreciation("Thanks", TODAY, id=8)]
    both = with_theirs(mine, theirs)
    assert [(item.id, item.text) for item in both] == [(1, "You made  soup"), (-1, "Thanks")]


def test_the_next_milestone_says_six_months_once():
    from tracker.ui.screens.streaks import journey_lines

    longest = journey_lines(TODAY - timedelta(days=10), TODAY)[0]
    assert "next: the first noticeable change, in about 6 months" in longest
    assert "six months" not in longest
