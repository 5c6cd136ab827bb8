"""The couple's practices through the one service: each operation validates, writes through
the store, says what it did, and can be undone; the reminders see the stored snoozes."""

from __future__ import annotations

from dataclasses import replace
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
    NotificationSettings,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
)
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    Goal,
    Letter,
    Person,
    Whose,
)
from tracker.reminder_rules.kinds import ReminderKind
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.service.bids import DEFAULT_WEEKS, MAX_WEEKS
from tracker.store import Store

BERLIN = tz.gettz("Europe/Berlin")
TODAY = date(2026, 11, 25)  # a Wednesday
EVENING = datetime(2026, 11, 25, 20, 0, tzinfo=BERLIN)
AWKWARD = "[bold]not markup[/] 📵 ثق بي $HOME"


def tracker_at(store: Store, moment: datetime = EVENING) -> Tracker:
    return Tracker(store, Clock(BERLIN, frozen=moment))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tracker.json", automatic_backups=False)


@pytest.fixture
def tracker(store: Store) -> Tracker:
    return tracker_at(store)


def promise(store: Store, title: str, *, start: date = TODAY - timedelta(days=40), **fields):
    """A daily promise added on its start (so an unmarked day since is missed)."""
    fields.setdefault("created", datetime.combine(start, datetime.min.time(), BERLIN))
    return store.add_promise(Promise(title, parse_schedule("daily"), start, **fields))


# --- every list: add, edit, delete, each undone -------------------------------------------------


def test_an_appreciation_is_added_edited_deleted_and_each_step_undone(tracker, store):
    added = tracker.appreciations.add(Appreciation(text=AWKWARD, day=TODAY, quality="care"))
    assert added.message == "Saved appreciation 1. Telling them too is the best part."
    assert [a.text for a in tracker.appreciations.all()] == [AWKWARD]
    edited = tracker.appreciations.edit(added.saved, replace(added.saved, quality="patience"))
    assert tracker.appreciations.get("1").quality == "patience"
    edited.undo.run()
    assert tracker.appreciations.get(1).quality == "care"
    deleted = tracker.appreciations.delete(tracker.appreciations.get(1))
    assert tracker.appreciations.all() == []
    deleted.undo.run()  # back with the same number and everything
    assert tracker.appreciations.get(1).text == AWKWARD
    added.undo.run()
    assert tracker.appreciations.all() == []


def test_what_the_partner_appreciates_is_kept_and_counted_as_received(tracker):
    tracker.appreciations.add(Appreciation(text="You listened", day=TODAY, by=Person.PARTNER))
    tracker.appreciations.add(Appreciation(text="Dinner", day=TODAY - timedelta(days=1)))
    tracker.appreciations.add(Appreciation(text="Last week", day=TODAY - timedelta(days=7)))
    week = tracker.appreciations.this_week()
    assert (week.given, week.received) == (1, 1)
    assert tracker.appreciations.newest_first()[0].text == "You listened"


@pytest.mark.parametrize(
    ("area", "record"),
    [
        ("appreciations", Appreciation(text="Tomorrow", day=TODAY + timedelta(days=1))),
        ("bids", Bid(response=BidResponse.TOWARD, day=TODAY + timedelta(days=1))),
        ("boundaries", Boundary(text="Later", agreed_on=TODAY + timedelta(days=1))),
        ("goals", Goal(text="Later", set_on=TODAY + timedelta(days=1))),
        ("letters", Letter(title="Later", body="x", written_on=TODAY + timedelta(days=1))),
    ],
)
def test_a_practice_dated_in_the_future_is_refused_and_nothing_is_saved(tracker, area, record):
    add = {
        "appreciations": tracker.appreciations.add,
        "bids": tracker.bids.log,
        "boundaries": tracker.boundaries.add,
        "goals": tracker.goals.add,
        "letters": tracker.letters.write,
    }[area]
    with pytest.raises(ValidationError, match="still to come"):
        add(record)
    assert getattr(tracker, area).all() == []


@pytest.mark.parametrize("typed", ["7", "x", "", "1" * 30, "-1", "1.0", "٣"])
def test_a_number_that_names_nothing_is_refused_in_words(tracker, typed):
    tracker.bids.log(Bid(response=BidResponse.TOWARD, day=TODAY))
    with pytest.raises(NotFoundError, match="There is no bid number") as error:
        tracker.bids.get(typed)
    assert len(str(error.value)) < 120


def test_a_bid_is_logged_edited_deleted_and_summed_up_calmly(tracker):
    logged = tracker.bids.log(Bid(response=BidResponse.TOWARD, day=TODAY, note=AWKWARD))
    assert logged.message == "Logged a bid: turned toward (your partner reached out)."
    tracker.bids.log(Bid(response=BidResponse.AWAY, day=TODAY, by=Person.ME))
    tracker.appreciations.add(Appreciation(text="Thanks", day=TODAY))
    summary = tracker.bids.summary()
    assert len(summary.weeks) == DEFAULT_WEEKS
    assert summary.moments.bids.total == 2
    assert summary.moments.bids.share_toward == 0.5
    assert (summary.moments.positive, summary.moments.negative) == (2, 1)
    assert summary.answered_by_me.toward == 1  # the partner's bid, as I answered it
    assert summary.answered_by_partner.away == 1
    changed = tracker.bids.edit(logged.saved, replace(logged.saved, response=BidResponse.AGAINST))
    assert tracker.bids.summary().moments.bids.against == 1
    changed.undo.run()
    assert tracker.bids.get(1).response is BidResponse.TOWARD
    tracker.bids.delete(tracker.bids.get(2)).undo.run()
    assert len(tracker.bids.all()) == 2


@pytest.mark.parametrize("weeks", [0, MAX_WEEKS + 1])
def test_a_summary_over_no_weeks_or_too_many_is_refused(tracker, weeks):
    with pytest.raises(ValidationError, match="number of weeks"):
        tracker.bids.summary(weeks)


def test_a_boundary_reworded_keeps_its_earlier_wording_and_retired_keeps_its_dates(store):
    agreed = TODAY - timedelta(days=30)
    tracker = tracker_at(store)
    added = tracker.boundaries.add(Boundary(text="Half an hour alone", agreed_on=agreed))
    boundary = added.saved
    assert added.message == "Added boundary 1 (ours)."
    assert tracker.boundaries.edit(boundary, boundary.text, Whose.OURS).undo is None  # no change
    reworded = tracker.boundaries.edit(boundary, "An hour alone after work", Whose.PARTNER)
    kept = tracker.boundaries.get(1)
    assert (kept.text, kept.whose) == ("An hour alone after work", Whose.PARTNER)
    assert [(r.text, r.whose, r.changed_on) for r in kept.history] == [
        ("Half an hour alone", Whose.OURS, TODAY)
    ]
    retired = tracker.boundaries.retire(kept)
    assert tracker.boundaries.listed() == []
    [shown] = tracker.boundaries.listed(include_retired=True)
    assert (shown.agreed_on, shown.retired_on) == (agreed, TODAY)
    with pytest.raises(ValidationError, match="retired"):
        tracker.boundaries.edit(shown, "Again", Whose.OURS)
    retired.undo.run()
    assert [b.id for b in tracker.boundaries.listed()] == [1]
    reworded.undo.run()
    assert tracker.boundaries.get(1).text == "Half an hour alone"


def test_the_boundaries_in_force_come_before_the_retired_ones(tracker):
    old = tracker.boundaries.add(Boundary(text="Old", agreed_on=TODAY)).saved
    tracker.boundaries.retire(old)
    tracker.boundaries.add(Boundary(text="New", agreed_on=TODAY))
    assert [b.text for b in tracker.boundaries.listed(include_retired=True)] == ["New", "Old"]


def test_a_goal_names_real_promises_and_shows_their_figures_together(tracker, store):
    walk = promise(store, "Walk together")
    talk = promise(store, "Talk every evening")
    store.put_marks(Mark(walk.id, TODAY - timedelta(days=n), MarkStatus.KEPT) for n in range(1, 31))
    with pytest.raises(NotFoundError, match="no promise number 99"):
        tracker.goals.add(Goal(text="Feel safe", set_on=TODAY, promise_ids=(walk.id, 99)))
    assert tracker.goals.all() == []
    goal = tracker.goals.add(
        Goal(text="Feel safe", set_on=TODAY, by=TODAY + timedelta(days=10), promise_ids=(walk.id,))
    ).saved
    [progress] = tracker.goals.progress()
    assert progress.figures.consistency_30 == 1.0
    assert progress.days_left == 10
    both = tracker.goals.edit(goal, replace(goal, promise_ids=(walk.id, talk.id)))
    [progress] = tracker.goals.progress()
    assert progress.figures.consistency_30 == 0.5  # the plain average of 100% and 0%
    reached = tracker.goals.set_reached(both.saved, True)
    assert tracker.goals.get(1).reached_on == TODAY
    reached.undo.run()
    assert tracker.goals.get(1).reached_on is None
    tracker.goals.delete(tracker.goals.get(1))
    assert tracker.goals.all() == [] and len(store.promises()) == 2  # its promises stay


def test_a_letter_is_private_until_shared_on_its_own(tracker):
    body = "Trust is made of small things.\n\n" + AWKWARD
    written = tracker.letters.write(Letter(title="What trust means", body=body, written_on=TODAY))
    assert written.message == "Saved letter 1. It stays private on this machine."
    tracker.letters.write(Letter(title="Another", body="x", written_on=TODAY))
    assert not any(letter.shareable for letter in tracker.letters.all())
    shared = tracker.letters.set_shared(tracker.letters.get(1), True)
    assert [letter.shareable for letter in tracker.letters.all()] == [True, False]
    shared.undo.run()
    assert not tracker.letters.get(1).shared
    assert tracker.letters.get(1).body == body  # kept exactly, line breaks and all
    with pytest.raises(ValidationError, match="too long"):
        tracker.letters.write(Letter(title="Long", body="x" * 50_001, written_on=TODAY))


# --- tags and root causes ------------------------------------------------------------------


def test_a_day_and_the_streaks_narrowed_to_a_tag_and_the_tags_figures(tracker, store):
    dinner = promise(store, "Phone away at dinner", tags=("quality time",))
    promise(store, "Text when late", tags=("reliability",))
    store.put_marks(Mark(dinner.id, TODAY - timedelta(days=n), MarkStatus.KEPT) for n in (1, 2))
    store.add_quality(
        QualityTime(TODAY, 45, QualityKind.CONVERSATION, tags=("quality time", "walk"))
    )
    view = tracker.tags.day(tracker.marks.day(TODAY), "Quality  Time")
    assert [row.promise.title for row in view.rows] == ["Phone away at dinner"]
    rows = tracker.tags.standings(tracker.streaks.table(), "#quality time")
    assert [row.promise.id for row in rows] == [dinner.id]
    figures = tracker.tags.figures("quality time")
    assert figures.figures.promise_ids == (dinner.id,)
    assert (figures.quality_minutes, figures.quality_entries) == (45, 1)
    assert tracker.tags.in_use() == {"quality time": 2, "reliability": 1, "walk": 1}
    offered = tracker.tags.suggestions()
    assert offered[0] == "quality time" and "acts of service" in offered
    with pytest.raises(ValidationError):
        tracker.tags.normalise("\x1b[31m")


def test_a_trigger_the_notes_keep_touching_with_no_promise_is_pointed_out_kindly(tracker, store):
    for days_ago in (3, 40):
        store.add_note(
            Note(TODAY - timedelta(days=days_ago), "It happened", Trigger.POOR_COMMUNICATION)
        )
    store.add_note(Note(TODAY - timedelta(days=200), "Long ago", Trigger.BETRAYAL))
    promise(store, "Phone away", triggers=(Trigger.NEGLECT,))
    report = tracker.causes.report()
    assert [care.trigger for care in report.triggers] == [
        Trigger.POOR_COMMUNICATION,
        Trigger.NEGLECT,
    ]
    assert report.needing_a_promise == (Trigger.POOR_COMMUNICATION,)
    said = tracker.causes.suggestion(report.triggers[0])
    assert said.startswith("2 notes in the last 90 days touched poor communication")
    assert "When you are ready" in said
    promise(store, "Ask about her day", triggers=(Trigger.POOR_COMMUNICATION,))
    assert tracker.causes.report().needing_a_promise == ()


# --- snoozes -----------------------------------------------------------------------------------


def test_snoozing_a_promise_by_name_says_when_it_comes_back_and_can_be_taken_back(tracker, store):
    dinner = promise(store, "Phone away at dinner")
    change = tracker.snoozes.snooze_promise(dinner, "30m")
    assert change.message == "'Phone away at dinner' will come back at 20:30."
    [pending] = tracker.snoozes.pending()
    assert (pending.snooze.promise_id, pending.snooze.day) == (dinner.id, TODAY)
    assert pending.comes_back_at == EVENING + timedelta(minutes=30)
    change.undo.run()
    assert tracker.snoozes.pending() == [] and tracker.snoozes.all() == []


def test_a_snooze_into_quiet_hours_says_it_comes_back_when_they_end(tracker, store):
    dinner = promise(store, "Phone away at dinner")
    change = tracker.snoozes.snooze_promise(dinner, "3h")  # 23:00, quiet until 08:00
    assert change.message == (
        "'Phone away at dinner' will come back tomorrow at 08:00, when quiet hours end."
    )


def test_nothing_left_to_snooze_is_refused_in_words(tracker, store):
    dinner = promise(store, "Phone away at dinner")
    store.put_mark(Mark(dinner.id, TODAY, MarkStatus.KEPT))
    with pytest.raises(ValidationError, match="already marked kept today"):
        tracker.snoozes.snooze_promise(dinner, "30m")
    later = promise(store, "Starts next week", start=TODAY + timedelta(days=7))
    with pytest.raises(ValidationError, match="asks nothing of today"):
        tracker.snoozes.snooze_promise(later, "30m")
    with pytest.raises(ValidationError, match="not a duration"):
        tracker.snoozes.snooze_promise(promise(store, "Third"), "soon")
    with pytest.raises(ValidationError, match="between 1 minute and 24 hours"):
        tracker.snoozes.snooze_promise(promise(store, "Fourth"), "25h")
    assert tracker.snoozes.all() == []


def test_a_snooze_kept_on_its_promise_marked_since_is_no_longer_pending(tracker, store):
    dinner = promise(store, "Phone away at dinner")
    tracker.snoozes.snooze_promise(dinner, "30m")
    store.put_mark(Mark(dinner.id, TODAY, MarkStatus.KEPT))
    assert tracker.snoozes.pending() == []


def test_snoozing_a_notifications_keys_keeps_one_snooze_per_reminder(tracker, store):
    dinner = promise(store, "Phone away at dinner")
    keys = (f"promise:{dinner.id}:2026-11-25:20:00", "checkin:2026-11-25")
    change = tracker.snoozes.snooze_keys(keys, 60, EVENING)
    assert change.message == "The reminder will come back at 21:00."
    assert sorted(s.kind for s in change.saved) == [ReminderKind.CHECKIN, ReminderKind.PROMISE]
    with pytest.raises(ValidationError, match="from 1 minute to 24 hours"):
        tracker.snoozes.snooze_keys(keys, 0, EVENING)
    with pytest.raises(ValidationError, match="does not name a reminder"):
        tracker.snoozes.snooze_keys(["nonsense"], 30, EVENING)
    change.undo.run()
    assert tracker.snoozes.all() == []


QUIET_FREE = Settings(
    notifications=NotificationSettings(
        quiet_start=time(0, 0), quiet_end=time(0, 0), checkin_time=time(23, 30)
    )
)


def test_the_reminders_bring_a_snooze_back_once_and_forget_it_a_day_later(store):
    store.save_settings(QUIET_FREE)
    dinner = promise(store, "Phone away at dinner", reminders=(time(20, 0),))
    first = tracker_at(store, EVENING).reminders.claim(EVENING)
    assert [r.key for r in first.due] == [f"promise:{dinner.id}:2026-11-25:20:00"]
    tracker_at(store, EVENING).snoozes.snooze_keys([first.due[0].key], 30, EVENING)
    # A fresh service (the reminder service restarted) reads the snooze from the data.
    assert tracker_at(store, EVENING).reminders.next_time(EVENING) == EVENING + timedelta(
        minutes=30
    )
    back_at = EVENING + timedelta(minutes=30, seconds=5)
    back = tracker_at(store, back_at).reminders.claim(back_at)
    assert [r.kind for r in back.due] == [ReminderKind.PROMISE]
    assert back.due[0].key.startswith("snooze:promise:")
    again = back_at + timedelta(seconds=30)
    assert tracker_at(store, again).reminders.claim(again).due == ()  # once
    assert len(tracker_at(store, again).snoozes.all()) == 1
    next_day = EVENING + timedelta(days=1, hours=1)
    tracker_at(store, next_day).reminders.claim(next_day)
    assert tracker_at(store, next_day).snoozes.all() == []  # spent, forgotten
