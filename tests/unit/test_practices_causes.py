"""Root causes: which triggers the notes touched lately, which promises answer each, and
which trigger needs a promise, said kindly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.model import Mark, MarkStatus, Note, NoteStatus, Promise, Trigger
from tracker.practices.causes import (
    CARE_WINDOW_DAYS,
    PromiseCare,
    care_suggestion,
    what_needs_care,
)
from tracker.schedule import parse_schedule
from tracker.stats import promise_stats

TODAY = date(2026, 6, 30)


def note(trigger: Trigger, days_ago: int, *, let_go: bool = False) -> Note:
    day = TODAY - timedelta(days=days_ago)
    written = Note(day, "What happened", trigger)
    return replace(written, status=NoteStatus.LET_GO, let_go_on=day) if let_go else written


def promise(pid: int, *triggers: Trigger, archived: bool = False) -> Promise:
    return Promise(
        f"Promise {pid}",
        parse_schedule("daily"),
        date(2026, 5, 1),
        id=pid,
        triggers=triggers,
        archived=archived,
    ).validated()


NOTES = [
    note(Trigger.DISHONESTY, 3),
    note(Trigger.DISHONESTY, 20, let_go=True),
    note(Trigger.DISHONESTY, 40, let_go=True),
    note(Trigger.NEGLECT, 10, let_go=True),
    note(Trigger.NEGLECT, 12, let_go=True),
    note(Trigger.POOR_COMMUNICATION, 5, let_go=True),  # once, let go: not "keeps touching"
    note(Trigger.BETRAYAL, 200),  # outside the window
]
PROMISES = [promise(1, Trigger.DISHONESTY), promise(2, Trigger.BETRAYAL), promise(3)]
MARKS = {1: {TODAY: Mark(1, TODAY, MarkStatus.KEPT)}}


def test_the_triggers_touched_most_come_first_with_the_promises_answering_them():
    report = what_needs_care(NOTES, PROMISES, MARKS, TODAY)
    assert report.since == TODAY - timedelta(days=CARE_WINDOW_DAYS - 1)
    order = [(care.trigger, care.notes, care.open_notes) for care in report.triggers]
    assert order == [
        (Trigger.DISHONESTY, 3, 1),
        (Trigger.NEGLECT, 2, 0),
        (Trigger.POOR_COMMUNICATION, 1, 0),
        (Trigger.BETRAYAL, 0, 0),  # no note lately, but a promise answers it
    ]
    dishonesty = report.triggers[0]
    stats = promise_stats(PROMISES[0], MARKS[1], TODAY)
    assert dishonesty.promises == (
        PromiseCare(
            1, "Promise 1", stats.consistency_30, stats.strength, stats.current_streak, "days"
        ),
    )


def test_a_trigger_the_notes_keep_touching_without_a_promise_is_pointed_out_kindly():
    report = what_needs_care(NOTES, PROMISES, MARKS, TODAY)
    assert report.needing_a_promise == (Trigger.NEGLECT,)
    neglect = report.triggers[1]
    suggestion = care_suggestion(neglect)
    assert suggestion.startswith("2 notes in the last 90 days touched neglect")
    assert "When you are ready, you could add" in suggestion
    assert "Phone away at dinner" in suggestion
    assert "!" not in suggestion


def test_one_open_note_is_enough_to_point_a_trigger_out():
    report = what_needs_care([note(Trigger.OTHER, 1)], [], {}, TODAY)
    assert report.needing_a_promise == (Trigger.OTHER,)
    assert care_suggestion(report.triggers[0]).startswith(
        "A note in the last 90 days touched other hurts, and no promise answers it yet."
    )


def test_an_archived_promise_no_longer_answers():
    report = what_needs_care(NOTES, [promise(4, Trigger.NEGLECT, archived=True)], {}, TODAY)
    assert Trigger.NEGLECT in report.needing_a_promise


def test_nothing_written_and_nothing_promised_is_an_empty_report():
    assert what_needs_care([], [promise(3)], {}, TODAY).triggers == ()


triggers = st.sampled_from(Trigger)


@given(
    notes=st.lists(st.tuples(triggers, st.integers(0, 200), st.booleans()), max_size=25),
    answered=st.sets(triggers),
)
def test_a_trigger_needs_a_promise_exactly_when_it_keeps_coming_back_unanswered(notes, answered):
    written = [note(trigger, ago, let_go=done) for trigger, ago, done in notes]
    promises = [promise(n + 1, trigger) for n, trigger in enumerate(sorted(answered))]
    report = what_needs_care(written, promises, {}, TODAY)
    for trigger in Trigger:
        recent = [(t, ago, done) for t, ago, done in notes if t is trigger and ago < 90]
        keeps = len(recent) >= 2 or any(not done for _, _, done in recent)
        assert (trigger in report.needing_a_promise) == (keeps and trigger not in answered)
    counts = [care.notes for care in report.triggers]
    assert counts == sorted(counts, reverse=True)
