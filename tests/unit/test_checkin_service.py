"""The weekly check-in through the service: one draft, saved at every step, resumed,
finished with its appreciations, read back, its agreements linked to promises."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from tracker.clock import Clock
from tracker.errors import NotFoundError, ValidationError
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
)
from tracker.practices.answers import (
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import Step
from tracker.practices.records import Appreciation, Person
from tracker.practices.week import Acknowledgement
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.store import Store, kinds

BERLIN = tz.gettz("Europe/Berlin")
# A Friday evening: a check-in now looks back on this week, Monday 23 November on.
FRIDAY = datetime(2026, 11, 27, 20, 30, tzinfo=BERLIN)
MONDAY = date(2026, 11, 23)
AWKWARD = '[bold]not markup[/] 📵 ثق بي — "quoted" $HOME'


def tracker_on(path: Path, moment: datetime = FRIDAY) -> Tracker:
    return Tracker.open(path, Clock(zone=BERLIN, frozen=moment), automatic_backups=False)


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    return tracker_on(tmp_path / "tracker.json")


def store_of(tracker: Tracker) -> Store:
    return Store.open(tracker.data_path, automatic_backups=False)


def walk_to(tracker: Tracker, step: Step):
    """A stored draft at `step`, every step before it answered plainly."""
    answers = {
        Step.SETTLE: Settle(),
        Step.APPRECIATIONS: (CheckInAppreciation("You made soup", "care"),),
        Step.WENT_RIGHT: "We laughed at dinner.",
        Step.ISSUE: IStatement("hurt", "the party", "time"),
        Step.LOVED: LovedAsk("a long hug", "tea in bed"),
        Step.AGREEMENTS: (Agreement("Phone away at dinner"), Agreement("Walk on Sundays")),
        Step.RECONNECT: ReconnectPlan("a walk", date(2026, 11, 28), time(10, 30), 90),
    }
    checkin = tracker.checkins.start().saved
    while checkin.step is not None and checkin.step is not step:
        if checkin.step is Step.FACTS:
            value = tracker.checkins.week_in_facts(checkin.week_of)
        else:
            value = answers[checkin.step]
        checkin = tracker.checkins.answer(checkin, value).saved
    return checkin


def test_opening_a_check_in_stores_nothing_until_the_first_answer(tracker):
    opened = tracker.checkins.start()
    assert opened.saved.id == 0 and opened.saved.step is Step.SETTLE
    assert opened.saved.week_of == MONDAY and opened.saved.held_on == date(2026, 11, 27)
    assert "about the week of Mon 23 Nov" in opened.message
    assert tracker.checkins.all() == [] and tracker.checkins.draft() is None

    answered = tracker.checkins.answer(opened.saved, Settle(me=Arrival(tired=True)))
    assert answered.saved.id == 1 and answered.saved.step is Step.FACTS
    assert store_of(tracker).records(kinds.CHECKINS) == [answered.saved]


def test_there_is_one_draft_and_start_resumes_it_where_it_was_left(tracker, tmp_path):
    draft = walk_to(tracker, Step.WENT_RIGHT)
    kept = tracker.checkins.keep(draft, "We laughed at dinner,").saved
    assert kept.step is Step.WENT_RIGHT and kept.went_right == "We laughed at dinner,"

    # Another process (the app opened again) picks it up as it was.
    again = tracker_on(tmp_path / "tracker.json").checkins.start()
    assert again.saved == kept
    assert again.message == (
        "Picking up the check-in you began on Fri 27 Nov, at step 4, what went right."
    )
    assert len(tracker.checkins.all()) == 1


def test_back_skip_and_go_to_keep_what_was_typed_first(tracker):
    draft = walk_to(tracker, Step.WENT_RIGHT)
    back = tracker.checkins.back(draft, "Typed, then back").saved
    assert back.step is Step.APPRECIATIONS and back.went_right == "Typed, then back"

    moved = tracker.checkins.go_to(back, Step.ISSUE).saved
    assert moved.step is Step.ISSUE and moved.appreciations == draft.appreciations
    skipped = tracker.checkins.skip(moved).saved
    assert skipped.step is Step.LOVED and Step.ISSUE in skipped.skipped

    to_end = tracker.checkins.go_to(skipped, None, LovedAsk("a hug")).saved
    assert to_end.step is None and to_end.loved == LovedAsk("a hug")


def test_two_windows_on_one_draft_keep_each_others_answers(tracker, tmp_path):
    draft = walk_to(tracker, Step.WENT_RIGHT)
    other = tracker_on(tmp_path / "tracker.json")
    mine = tracker.checkins.keep(draft, "Written here").saved
    # The other window still holds the draft as it was, and answers another step.
    theirs = other.checkins.go_to(draft, Step.LOVED).saved
    theirs = other.checkins.keep(theirs, LovedAsk("Written there")).saved
    assert theirs.went_right == "Written here" and theirs.loved == LovedAsk("Written there")
    assert mine.id == theirs.id and len(tracker.checkins.all()) == 1


def test_finishing_keeps_it_and_adds_its_appreciations_to_the_list(tracker):
    draft = walk_to(tracker, None)
    change = tracker.checkins.finish(draft)
    done = change.saved
    assert done.finished == FRIDAY and not done.is_draft and done.skipped == ()
    assert change.message == (
        "Your check-in of Fri 27 Nov is kept; read it back any time. "
        "One appreciation: it is in your appreciations too."
    )
    store = store_of(tracker)
    [said] = store.records(kinds.APPRECIATIONS)
    assert (said.text, said.quality, said.by, said.day) == (
        "You made soup",
        "care",
        Person.ME,
        date(2026, 11, 27),
    )
    assert tracker.checkins.draft() is None and tracker.checkins.finished() == [done]
    with pytest.raises(ValidationError, match="finished"):
        tracker.checkins.answer(done, "more")

    assert change.undo is not None and change.undo.label == "Reopen the check-in"
    change.undo.run()
    reopened = tracker.checkins.draft()
    assert reopened is not None and reopened.finished is None and reopened.step is None
    assert store.records(kinds.APPRECIATIONS) == []
    change.undo.run()  # a retried undo changes nothing more and does not fail
    assert store.records(kinds.APPRECIATIONS) == []


def test_finishing_early_counts_the_rest_as_passed_over(tracker):
    draft = walk_to(tracker, Step.APPRECIATIONS)
    done = tracker.checkins.finish(draft).saved
    assert done.skipped == tuple(Step)[2:]
    assert store_of(tracker).records(kinds.APPRECIATIONS) == []


def test_a_finish_that_cannot_be_written_adds_no_appreciation(tracker):
    draft = walk_to(tracker, None)
    tracker.checkins.discard(draft)  # gone, as if another window dropped it
    with pytest.raises(NotFoundError):
        tracker.checkins.finish(draft)
    assert store_of(tracker).records(kinds.APPRECIATIONS) == []


def test_a_draft_can_be_dropped_and_brought_back(tracker):
    draft = walk_to(tracker, Step.LOVED)
    change = tracker.checkins.discard(draft)
    assert change.message == "The check-in you began on Fri 27 Nov is dropped."
    assert tracker.checkins.draft() is None
    assert change.undo is not None
    change.undo.run()
    assert tracker.checkins.draft() == draft
    done = tracker.checkins.finish(draft).saved
    with pytest.raises(ValidationError, match="only a draft"):
        tracker.checkins.discard(done)


def test_reading_one_back_by_its_number(tracker):
    draft = walk_to(tracker, Step.LOVED)
    with pytest.raises(ValidationError, match="still being written"):
        tracker.checkins.get(draft.id)
    done = tracker.checkins.finish(draft).saved
    assert tracker.checkins.get(f" {done.id} ") == done
    for wanted in ("7", "x" * 500, ""):
        with pytest.raises(NotFoundError, match="`tracker checkin list` shows them"):
            tracker.checkins.get(wanted)


def test_an_agreement_linked_to_its_promise_and_unlinked_by_undo(tracker):
    draft = walk_to(tracker, Step.RECONNECT)
    promise = tracker.promises.add(
        Promise("Walk on Sundays", parse_schedule("sun"), date(2026, 11, 27))
    ).saved
    change = tracker.checkins.link_agreement(draft, 1, promise)
    assert change.message == "Agreement 2 is now the promise 'Walk on Sundays'."
    assert change.saved.agreements == (
        Agreement("Phone away at dinner"),
        Agreement("Walk on Sundays", promise.id),
    )
    assert change.undo is not None
    change.undo.run()
    assert tracker.checkins.draft().agreements == draft.agreements
    with pytest.raises(ValidationError, match="no agreement number 3"):
        tracker.checkins.link_agreement(draft, 2, promise)
    # A finished check-in's agreements can still be linked.
    done = tracker.checkins.finish(draft).saved
    linked = tracker.checkins.link_agreement(done, 0, promise).saved
    assert linked.agreements[0].promise_id == promise.id and linked.finished == FRIDAY


def test_the_week_in_facts_is_taken_from_the_data(tracker):
    store = store_of(tracker)
    walk = store.add_promise(Promise("Walk", parse_schedule("daily"), date(2026, 11, 1)))
    store.put_marks(Mark(walk.id, MONDAY + timedelta(days=i), MarkStatus.KEPT) for i in (0, 1, 3))
    store.add_quality(QualityTime(MONDAY, 45, QualityKind.CONVERSATION))
    store.add_quality(QualityTime(MONDAY - timedelta(days=1), 600, QualityKind.DATE_NIGHT))
    store.add_record(kinds.APPRECIATIONS, Appreciation("Tea", MONDAY, Person.ME))
    store.add_record(kinds.APPRECIATIONS, Appreciation("Hug", MONDAY, Person.PARTNER))
    store.add_record(kinds.APPRECIATIONS, Appreciation("Old", MONDAY - timedelta(7)))
    store.add_note(
        Note(
            date(2026, 11, 2),
            "old hurt",
            Trigger.NEGLECT,
            status=NoteStatus.LET_GO,
            let_go_on=MONDAY + timedelta(days=2),
        )
    )
    facts = tracker.checkins.week_in_facts(MONDAY, [Acknowledgement(MONDAY, Person.PARTNER)])
    assert (facts.week_start, facts.through) == (MONDAY, date(2026, 11, 27))
    [week] = facts.promises
    assert (week.title, week.kept, week.asked) == ("Walk", 3, 5)
    assert (facts.quality_minutes, facts.quality_goal_minutes) == (45, 180)
    assert (facts.appreciations_given, facts.appreciations_received) == (1, 1)
    assert (facts.acknowledgements_given, facts.acknowledgements_received) == (0, 1)
    assert facts.notes_let_go == 1


def test_the_time_set_aside_comes_from_the_settings(tracker):
    tracker.settings.change({"checkin_time_box": "45m"})
    assert tracker.checkins.start().saved.time_box_minutes == 45


def test_what_the_reminders_need_to_know(tracker):
    assert tracker.checkins.reminder_days().weeks_held == frozenset()
    draft = walk_to(tracker, None)
    assert tracker.checkins.reminder_days().planned == ()  # a draft plans nothing yet
    tracker.checkins.finish(draft)
    days = tracker.checkins.reminder_days()
    assert days.weeks_held == frozenset({MONDAY})
    assert days.planned == ((date(2026, 11, 28), time(10, 30)),)


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("x" * 2001, "too long"),
        ("a\x1b[31mred", "control character"),
        ("bell\x07", "control character"),
    ],
)
def test_hostile_text_is_refused_in_words_and_changes_nothing(tracker, value, refusal):
    draft = walk_to(tracker, Step.WENT_RIGHT)
    with pytest.raises(ValidationError, match=refusal):
        tracker.checkins.answer(draft, value)
    with pytest.raises(ValidationError, match=refusal):
        tracker.checkins.keep(draft, value)
    assert tracker.checkins.draft() == draft


def test_markup_emoji_and_right_to_left_text_are_kept_exactly(tracker):
    draft = walk_to(tracker, Step.APPRECIATIONS)
    answered = tracker.checkins.answer(draft, (CheckInAppreciation(AWKWARD, AWKWARD[:40]),))
    went = tracker.checkins.answer(answered.saved, f"  {AWKWARD}\nline two  ").saved
    done = tracker.checkins.finish(went).saved
    again = tracker_on(tracker.data_path).checkins.get(done.id)
    assert again.appreciations == (CheckInAppreciation(AWKWARD, AWKWARD[:40]),)
    assert again.went_right == f"{AWKWARD}\nline two"
