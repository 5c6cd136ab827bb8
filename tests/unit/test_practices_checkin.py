"""The weekly check-in: eight steps in order, each skippable, saved and resumed at any step,
finished into the record that the last word on each step describes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from practice_strategies import ANSWERS

from tracker.errors import ValidationError
from tracker.model import TITLE_MAX, QualityKind
from tracker.practices.answers import (
    Aftermath,
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import (
    STEPS,
    CheckIn,
    Step,
    agreement_as_promise,
    answer,
    back,
    finish,
    go_to,
    issue_accusations,
    link_agreement,
    reconnect_as_quality,
    settle_advice,
    skip,
    start_checkin,
    time_box_note,
)
from tracker.practices.documents import checkin_from_doc, checkin_to_doc
from tracker.practices.readback import week_looked_at
from tracker.practices.week import WeekInFacts

SUNDAY = date(2026, 3, 15)
STARTED = datetime(2026, 3, 15, 19, 30, tzinfo=UTC)
FINISHED = STARTED + timedelta(minutes=42)


def draft() -> CheckIn:
    return start_checkin(SUNDAY, STARTED)


def saved_and_resumed(checkin: CheckIn) -> CheckIn:
    """What the app finds next time: the draft as the store keeps it."""
    doc = json.loads(json.dumps(checkin_to_doc(checkin)))
    return checkin_from_doc(checkin.id, doc)


def test_the_eight_steps_come_in_the_order_of_the_meeting():
    assert [step.number for step in STEPS] == list(range(1, 9))
    assert [step.label for step in STEPS] == [
        "Settle in",
        "The week in facts",
        "Appreciations",
        "What went right",
        "One issue, at most",
        "Feeling loved",
        "Agreements",
        "Reconnect",
    ]


@pytest.mark.parametrize(
    ("held_on", "week_of"),
    [
        (date(2026, 3, 15), date(2026, 3, 9)),  # Sunday: this week
        (date(2026, 3, 12), date(2026, 3, 9)),  # Thursday: this week
        (date(2026, 3, 16), date(2026, 3, 9)),  # Monday: the week that just ended
        (date(2026, 3, 18), date(2026, 3, 9)),  # Wednesday: the week that just ended
        (date(2026, 3, 19), date(2026, 3, 16)),  # Thursday: this week
    ],
)
def test_a_check_in_looks_back_on_the_week_that_is_ending(held_on, week_of):
    checkin = start_checkin(held_on, STARTED)
    assert (checkin.week_of, checkin.step, checkin.time_box_minutes) == (week_of, Step.SETTLE, 30)
    assert checkin.is_draft and not checkin.shareable


def test_the_check_in_says_which_week_it_looks_back_on_and_why():
    wednesday = start_checkin(date(2026, 3, 18), STARTED)
    assert week_looked_at(wednesday) == (
        "It looks back on the week just ended, Mon 9 Mar to Sun 15 Mar."
    )
    thursday = start_checkin(date(2026, 3, 19), STARTED)
    assert week_looked_at(thursday) == "It looks back on this week, from Mon 16 Mar."


def test_answering_moves_on_and_skipping_leaves_the_step_without_an_answer():
    checkin = answer(draft(), Settle())
    assert (checkin.step, checkin.settle) == (Step.FACTS, Settle())
    checkin = skip(checkin)
    assert (checkin.step, checkin.facts, checkin.skipped) == (
        Step.APPRECIATIONS,
        None,
        (Step.FACTS,),
    )
    checkin = answer(checkin, (CheckInAppreciation("You made dinner when I was tired", "care"),))
    checkin = answer(checkin, "We walked every evening")
    assert checkin.step is Step.ISSUE
    assert checkin.went_right == "We walked every evening"


def test_going_back_and_skipping_drops_the_earlier_answer():
    checkin = answer(go_to(draft(), Step.WENT_RIGHT), "The walk on Sunday")
    checkin = skip(back(checkin))
    assert checkin.went_right is None
    assert Step.WENT_RIGHT in checkin.skipped
    checkin = answer(back(checkin), "The walk, and the call")
    assert checkin.went_right == "The walk, and the call"
    assert Step.WENT_RIGHT not in checkin.skipped


def test_an_answer_with_nothing_written_is_a_skip():
    checkin = go_to(draft(), Step.LOVED)
    assert answer(checkin, LovedAsk("  ", "")) == skip(checkin)
    checkin = go_to(draft(), Step.APPRECIATIONS)
    assert answer(checkin, (CheckInAppreciation("  "),)) == skip(checkin)


def test_back_from_the_end_returns_to_the_last_step_and_the_first_step_stays_put():
    assert back(go_to(draft(), None)).step is Step.RECONNECT
    assert back(draft()).step is Step.SETTLE


def test_every_step_done_asks_to_finish_or_go_back():
    with pytest.raises(ValidationError, match="finish the check-in"):
        answer(go_to(draft(), None), "late words")


def test_finishing_halfway_counts_the_rest_as_skipped_and_keeps_it_readable():
    checkin = answer(answer(draft(), Settle()), _facts())
    checkin = answer(checkin, (CheckInAppreciation("Patience with my mother", "patience"),))
    done = finish(saved_and_resumed(checkin), FINISHED)
    assert done.finished == FINISHED and done.step is None
    assert done.skipped == STEPS[3:]
    assert done.answered == STEPS[:3]
    assert done.shareable
    assert saved_and_resumed(done) == done
    for change in (skip, back, lambda c: answer(c, "x"), lambda c: finish(c, FINISHED)):
        with pytest.raises(ValidationError, match="finished"):
            change(done)


def test_a_value_of_the_wrong_kind_for_the_step_is_refused():
    with pytest.raises(ValidationError, match="not an answer to the step 'Settle in'"):
        answer(draft(), "I am fine")
    with pytest.raises(ValidationError, match="not an answer to the step 'What went right'"):
        answer(go_to(draft(), Step.WENT_RIGHT), Settle())


def test_up_to_five_appreciations():
    five = tuple(CheckInAppreciation(f"thing {n}") for n in range(5))
    assert answer(go_to(draft(), Step.APPRECIATIONS), five).appreciations == five
    with pytest.raises(ValidationError, match="Up to 5 appreciations"):
        answer(go_to(draft(), Step.APPRECIATIONS), (*five, CheckInAppreciation("six")))


@pytest.mark.parametrize(
    ("step", "value"),
    [
        (Step.WENT_RIGHT, "we laughed\x1b[2J"),
        (Step.ISSUE, IStatement(feel="hurt\x00")),
        (Step.LOVED, LovedAsk(mine="x" * 2001)),
        (Step.AGREEMENTS, (Agreement("ok"), Agreement("bell\x07"))),
        (Step.RECONNECT, ReconnectPlan(minutes=24 * 60 + 1)),
    ],
)
def test_hostile_answers_are_refused_and_change_nothing(step, value):
    checkin = go_to(draft(), step)
    with pytest.raises(ValidationError):
        answer(checkin, value)


@pytest.mark.parametrize(
    "text", ["[b]bold?[/b] <i>no</i>", "Wir haben gelacht 😂", "  trimmed  ", "a\n\tb"]
)
def test_markup_and_emoji_in_answers_are_kept_literally(text):
    checkin = answer(go_to(draft(), Step.WENT_RIGHT), text)
    assert checkin.went_right == text.strip()


# --- the property: the path does not matter ---------------------------------------------------

OPS = st.sampled_from(["answer", "answer", "answer", "skip", "back", "go_to", "save"])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_sequence_of_answers_skips_saves_and_resumes_finishes_in_the_same_record(data):
    """Whatever the path, the finished check-in is the one a straight walk through the steps
    gives, answering each with the last answer it got (or skipping it)."""
    checkin = draft()
    last_word: dict[Step, object] = {}
    for op in data.draw(st.lists(OPS, max_size=30)):
        if op == "go_to":
            checkin = go_to(checkin, data.draw(st.none() | st.sampled_from(Step)))
        elif op == "back":
            checkin = back(checkin)
        elif op == "save":
            checkin = saved_and_resumed(checkin)
        elif checkin.step is not None:
            step = checkin.step
            if op == "skip":
                checkin, last_word[step] = skip(checkin), None
            else:
                value = data.draw(ANSWERS[step])
                checkin, last_word[step] = answer(checkin, value), value
    done = finish(checkin, FINISHED)

    straight = draft()
    for step in STEPS:
        word = last_word.get(step)
        straight = skip(straight) if word is None else answer(straight, word)
    assert done == finish(straight, FINISHED)
    assert saved_and_resumed(done) == done
    assert set(done.skipped) | set(done.answered) == set(STEPS)
    assert not set(done.skipped) & set(done.answered)


# --- settling and the time box ---------------------------------------------------------------


def test_arriving_settled_brings_no_advice():
    assert settle_advice(Settle()) is None


def test_any_halt_yes_brings_a_gentle_suggestion_and_the_flow_goes_on():
    arrived = Settle(me=Arrival(tired=True, hungry=True), partner=Arrival(angry=True))
    advice = settle_advice(arrived)
    assert advice is not None
    assert advice.startswith("You feel hungry and tired. Your partner feels angry.")
    assert "pick another time" in advice and "go on" in advice
    assert answer(draft(), arrived).step is Step.FACTS


def test_the_time_box_is_said_quietly():
    assert time_box_note(30, STARTED, STARTED) == "You set aside 30 minutes; there is no hurry."
    assert time_box_note(30, STARTED, STARTED + timedelta(minutes=10)) == (
        "About 20 of the 30 minutes you set aside are left."
    )
    over = time_box_note(30, STARTED, STARTED + timedelta(minutes=31))
    assert over.startswith("The 30 minutes you set aside are up.")
    assert "!" not in over


@pytest.mark.parametrize("minutes", [0, -5, 241])
def test_a_time_box_must_be_a_sensible_length(minutes):
    with pytest.raises(ValidationError, match="time box"):
        start_checkin(SUNDAY, STARTED, time_box_minutes=minutes)


# --- the issue, agreements and the plan ------------------------------------------------------


def test_the_coach_notices_you_never_in_the_issue_and_offers_a_rewrite():
    [found] = issue_accusations(IStatement("sad", "you never listen to me", "to be heard"))
    assert found.phrase == "you never listen to me"
    assert found.rewrite == "I feel … when you don't listen to me."
    [found] = issue_accusations(Aftermath(saw="You always check your phone"))
    assert found.rewrite == "I feel … when you check your phone."
    assert issue_accusations(IStatement("sad", "the party", "time")) == []


def test_an_i_statement_reads_as_one_sentence():
    assert IStatement("hurt", "the party", "us to talk first").sentence == (
        "I feel hurt about the party. I need us to talk first."
    )
    assert IStatement(need="rest.").sentence == "I need rest."
    assert IStatement(about="money").sentence == "It is about money."


def test_an_agreement_opens_the_promise_form_filled_in_and_keeps_the_link():
    agreement = Agreement("Phone away at dinner")
    promise = agreement_as_promise(agreement, SUNDAY)
    assert (promise.title, promise.schedule.spec, promise.start) == (
        "Phone away at dinner",
        "daily",
        SUNDAY,
    )
    long = agreement_as_promise(Agreement("word " * 100), SUNDAY).validated()
    assert len(long.title) <= TITLE_MAX and long.title.endswith("word…")

    checkin = answer(go_to(draft(), Step.AGREEMENTS), (agreement, Agreement("Walk on Sundays")))
    done = finish(checkin, FINISHED)
    linked = link_agreement(done, 1, 42)
    assert [a.promise_id for a in linked.agreements or ()] == [None, 42]
    with pytest.raises(ValidationError, match="no agreement number 3"):
        link_agreement(done, 2, 43)


def test_the_reconnect_plan_opens_the_time_together_form_filled_in():
    plan = ReconnectPlan(
        "Walk by the river", date(2026, 3, 21), time(18, 0), 90, QualityKind.CLOSENESS
    )
    entry = reconnect_as_quality(plan, SUNDAY)
    assert (entry.day, entry.minutes, entry.kind, entry.note) == (
        SUNDAY,  # the plan is for later: the form starts today and the user picks the day
        90,
        QualityKind.CLOSENESS,
        "Walk by the river",
    )
    empty = reconnect_as_quality(ReconnectPlan(), SUNDAY)
    assert (empty.minutes, empty.kind) == (60, QualityKind.OTHER)


def test_validating_a_stored_check_in_keeps_its_skips_consistent():
    checkin = replace(draft(), went_right="kept", skipped=(Step.WENT_RIGHT, Step.ISSUE))
    assert checkin.validated().skipped == (Step.ISSUE,)


def _facts() -> WeekInFacts:
    return WeekInFacts(date(2026, 3, 9), SUNDAY, quality_minutes=120, quality_goal_minutes=180)
