"""Shared goals and tags: several promises' figures taken together, from tracker.stats."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.model import Mark, MarkStatus, Promise, QualityKind, QualityTime
from tracker.practices.combined import combined_figures
from tracker.practices.goals import goal_line, goal_progress
from tracker.practices.records import Goal
from tracker.practices.tags import (
    LOVE_LANGUAGES,
    tag_counts,
    tag_figures,
    tag_suggestions,
    with_tag,
)
from tracker.schedule import parse_schedule
from tracker.stats import promise_stats

TODAY = date(2026, 3, 31)


def promise(pid: int, tags: tuple[str, ...] = (), **fields) -> Promise:
    values = {"title": f"Promise {pid}", "start": date(2026, 1, 1), "id": pid, "tags": tags}
    values.update(fields)
    return Promise(schedule=parse_schedule("daily"), **values).validated()


def kept_every(pid: int, step: int, since: date = date(2026, 1, 1)) -> dict[date, Mark]:
    """Kept every `step`-th day from `since` to today, missed in between (unmarked)."""
    days = {}
    day = since
    while day <= TODAY:
        days[day] = Mark(pid, day, MarkStatus.KEPT)
        day += timedelta(days=step)
    return days


PROMISES = [promise(1, ("quality time",)), promise(2, ("Quality Time", "date")), promise(3)]
MARKS = {1: kept_every(1, 1), 2: kept_every(2, 2), 3: {}}


def test_combined_consistency_is_the_average_of_each_promises_own_figure():
    together = combined_figures(PROMISES[:2], MARKS, TODAY)
    one, two = (promise_stats(p, MARKS[p.id], TODAY) for p in PROMISES[:2])
    assert one.consistency_30 is not None and two.consistency_30 is not None
    assert together.consistency_30 == pytest.approx((one.consistency_30 + two.consistency_30) / 2)
    assert together.strength == pytest.approx((one.strength + two.strength) / 2)
    assert together.promise_ids == (1, 2)


def test_archived_promises_ask_nothing_and_are_left_out():
    archived = promise(4, archived=True)
    together = combined_figures([PROMISES[0], archived], MARKS, TODAY)
    assert together.promise_ids == (1,)


def test_with_nothing_to_judge_the_figures_are_absent_not_zero():
    fresh = promise(5, start=TODAY)
    together = combined_figures([fresh], {}, TODAY)
    assert (together.consistency_30, together.strength, together.kept) == (None, None, 0)


def test_a_goal_shows_what_was_kept_since_it_was_set_and_the_road_to_its_date():
    goal = Goal("Feel safe again", date(2026, 3, 1), date(2026, 4, 30), (1, 2, 99)).validated()
    progress = goal_progress(goal, PROMISES, MARKS, TODAY)
    assert progress.missing_promise_ids == (99,)
    assert progress.figures.kept == 31 + 15  # daily since 1 March; every other day from the 2nd
    assert progress.days_left == 30
    assert progress.time_share == pytest.approx(30 / 60)
    line = goal_line(progress)
    assert line.startswith("46 days kept since you set it; its promises kept ")
    assert line.endswith("30 days to 2026-04-30.")


def test_a_goal_past_its_date_or_reached_is_said_kindly():
    late = goal_progress(
        Goal("Trust", date(2026, 1, 1), date(2026, 3, 1), (1,)), PROMISES, MARKS, TODAY
    )
    assert late.days_left == -30 and late.time_share == 1.0
    assert "a new date can be set any time" in goal_line(late)
    reached = Goal("Trust", date(2026, 1, 1), date(2026, 3, 1), (), reached_on=date(2026, 2, 20))
    assert goal_line(goal_progress(reached, PROMISES, MARKS, TODAY)) == (
        "No promise serves it yet; reached on 2026-02-20."
    )
    undated = goal_progress(Goal("Trust", date(2026, 1, 1)), PROMISES, MARKS, TODAY)
    assert (undated.days_left, undated.time_share) == (None, None)


# --- tags ------------------------------------------------------------------------------------


def test_filtering_by_a_tag_finds_it_however_it_is_typed():
    assert [p.id for p in with_tag(PROMISES, "QUALITY   time")] == [1, 2]
    assert [p.id for p in with_tag(PROMISES, "#date")] == [2]
    assert with_tag(PROMISES, "gifts") == []


def test_suggestions_offer_tags_in_use_first_then_the_love_languages():
    in_use = tag_counts(PROMISES, [QualityTime(TODAY, 30, QualityKind.OTHER, tags=("walk",))])
    assert in_use == {"quality time": 2, "date": 1, "walk": 1}
    offered = tag_suggestions(in_use)
    assert offered[:3] == ["quality time", "date", "walk"]
    assert offered[3:] == [tag for tag in LOVE_LANGUAGES if tag != "quality time"]
    assert tag_suggestions(in_use, "ser") == ["acts of service"]
    assert tag_suggestions(in_use, "#Q") == ["quality time"]
    assert tag_suggestions(in_use, "touch") == ["physical touch"]


def test_the_five_love_languages():
    assert LOVE_LANGUAGES == (
        "words of affirmation",
        "quality time",
        "receiving gifts",
        "acts of service",
        "physical touch",
    )


def test_a_tags_figures_combine_its_promises_and_its_recent_time_together():
    entries = [
        QualityTime(TODAY, 40, QualityKind.CONVERSATION, tags=("quality time",)),
        QualityTime(TODAY - timedelta(days=29), 20, QualityKind.OTHER, tags=("quality time",)),
        QualityTime(TODAY - timedelta(days=30), 90, QualityKind.OTHER, tags=("quality time",)),
        QualityTime(TODAY, 60, QualityKind.OTHER, tags=("walk",)),
    ]
    figures = tag_figures("Quality Time", PROMISES, MARKS, entries, TODAY)
    assert figures.tag == "quality time"
    assert figures.figures.promise_ids == (1, 2)
    assert (figures.quality_minutes, figures.quality_entries) == (60, 2)
    assert figures.figures.kept == 30 + 15  # the last 30 days
