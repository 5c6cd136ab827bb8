"""Merging an import into the data already kept: only what is new, never a duplicate, yours kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.formats.data import TrackerData
from tracker.formats.plan import (
    ImportPlan,
    PlannedPromise,
    Unmapped,
    applied,
    describe_changes,
    merge_plan,
)
from tracker.formats.rhythm import rhythm_for
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
)
from tracker.schedule import parse_schedule

DAY = date(2026, 3, 2)


def promise(title: str, start: date = DAY, pid: int = 0, **kw) -> Promise:
    return Promise(title, parse_schedule(kw.pop("schedule", "daily")), start, id=pid, **kw)


def marks(pid: int, *days_and_statuses: tuple[int, MarkStatus]) -> tuple[Mark, ...]:
    return tuple(Mark(pid, DAY + timedelta(days=d), status) for d, status in days_and_statuses)


KEPT, MISSED, EXCUSED = MarkStatus.KEPT, MarkStatus.MISSED, MarkStatus.EXCUSED


def existing_walk() -> TrackerData:
    walk = promise("Walk together", pid=4)
    return TrackerData(
        promises=(walk,),
        marks={4: {m.day: m for m in marks(4, (0, KEPT), (1, MISSED))}},
        settings=Settings(weekly_quality_minutes=300),
    )


def plan_of(*planned: PlannedPromise, **kw) -> ImportPlan:
    return ImportPlan(source="test", file_name="file.db", promises=planned, **kw)


def test_a_promise_of_the_same_title_gains_only_the_days_it_lacks_and_keeps_yours():
    incoming = PlannedPromise(
        promise("  walk   TOGETHER ", start=DAY - timedelta(days=2)),
        marks(0, (-2, KEPT), (0, KEPT), (1, KEPT), (2, EXCUSED)),
    )
    changes = merge_plan(plan_of(incoming), existing_walk())
    assert changes.new_promises == ()
    assert [(m.promise_id, m.day, m.status) for m in changes.new_marks[4]] == [
        (4, DAY - timedelta(days=2), KEPT),
        (4, DAY + timedelta(days=2), EXCUSED),
    ]
    assert changes.already_there == {"promises": 1, "marks": 1}
    assert changes.conflicts == (
        "'Walk together' on 2026-03-03: you have 'missed', the file says 'kept'; yours was kept",
    )
    # The imported days before its start count: the start moves earlier.
    [(before, after)] = changes.moved_starts
    assert before.start == DAY and after.start == DAY - timedelta(days=2)
    result = applied(existing_walk(), changes)
    assert result.promises[0].start == DAY - timedelta(days=2)
    assert result.marks_of(4)[DAY + timedelta(days=1)].status is MISSED


def test_a_day_whose_amount_differs_is_told_as_a_conflict_with_both_amounts():
    talk = promise("Talk", pid=4)
    mine = Mark(4, DAY, MISSED, amount=8.0)
    existing = TrackerData(promises=(talk,), marks={4: {DAY: mine}})
    incoming = PlannedPromise(promise("Talk"), (replace(mine, promise_id=0, amount=6.0),))
    changes = merge_plan(plan_of(incoming), existing)
    assert changes.conflicts == (
        "'Talk' on 2026-03-02: you have 'missed, 8', the file says 'missed, 6'; yours was kept",
    )
    same = PlannedPromise(promise("Talk"), (replace(mine, promise_id=0),))
    assert merge_plan(plan_of(same), existing).already_there == {"promises": 1, "marks": 1}


def test_a_new_promise_is_numbered_after_yours_and_settings_stay_yours():
    incoming = PlannedPromise(promise("Cook together", pid=1), marks(1, (0, KEPT)))
    changes = merge_plan(
        plan_of(incoming, settings=Settings(weekly_quality_minutes=60)), existing_walk()
    )
    assert changes.new_promises[0].promise.id == 5
    assert changes.settings is None
    result = applied(existing_walk(), changes)
    assert [(p.id, p.title) for p in result.promises] == [
        (4, "Walk together"),
        (5, "Cook together"),
    ]
    assert result.marks_of(5)[DAY].promise_id == 5
    assert result.settings.weekly_quality_minutes == 300


def test_into_an_empty_file_the_numbers_and_the_settings_of_the_file_are_kept():
    incoming = PlannedPromise(promise("Cook together", pid=7), marks(7, (0, KEPT)))
    entry = QualityTime(DAY, 30, QualityKind.CONVERSATION, id=12)
    plan = plan_of(incoming, quality=(entry,), settings=Settings(weekly_quality_minutes=60))
    result = applied(TrackerData(), merge_plan(plan, TrackerData()))
    assert [p.id for p in result.promises] == [7]
    assert [e.id for e in result.quality] == [12]
    assert result.settings.weekly_quality_minutes == 60


def test_identical_entries_in_a_file_are_each_imported_once_and_never_again():
    talk = QualityTime(DAY, 30, QualityKind.CONVERSATION, note="after dinner")
    other = replace(talk, minutes=31)
    hurt = Note(DAY, "Plans changed without me.", Trigger.POOR_COMMUNICATION)
    plan = plan_of(quality=(talk, talk, other), notes=(hurt, replace(hurt, feeling="tired")))
    first = merge_plan(plan, TrackerData())
    assert len(first.new_quality) == 3 and len(first.new_notes) == 2
    once = applied(TrackerData(), first)
    second = merge_plan(plan, once)
    assert second.is_empty
    assert second.already_there == {"quality_time": 3, "notes": 2}
    # One more identical talk in a newer file is one new entry.
    grown = merge_plan(plan_of(quality=(talk, talk, talk, other)), once)
    assert len(grown.new_quality) == 1


def test_two_active_promises_of_one_title_in_a_file_import_the_first_and_say_so():
    plan = plan_of(
        PlannedPromise(promise("Walk")),
        PlannedPromise(promise("walk", start=DAY + timedelta(days=1))),
    )
    changes = merge_plan(plan, TrackerData())
    assert [p.promise.title for p in changes.new_promises] == ["Walk"]
    assert "the file has two active promises of this title" in str(changes.unmapped[0])
    assert merge_plan(plan, applied(TrackerData(), changes)).is_empty


def test_an_archived_and_an_active_promise_of_one_title_each_find_their_own():
    old = promise("Walk", start=date(2024, 1, 1), pid=1, archived=True, end=date(2024, 6, 1))
    new = promise("Walk", start=date(2025, 1, 1), pid=2)
    data = TrackerData(promises=(old, new))
    plan = plan_of(
        PlannedPromise(replace(old, id=0), marks(0, (0, KEPT))),
        PlannedPromise(replace(new, id=0), marks(0, (1, KEPT))),
    )
    changes = merge_plan(plan, data)
    assert changes.new_promises == () and set(changes.new_marks) == {1, 2}


def test_the_dry_run_lines_count_name_and_explain():
    incoming = PlannedPromise(
        promise("Meditate", schedule="3/week"),
        marks(0, (0, KEPT), (1, KEPT)),
        ("'Meditate': 3 times in 10 days (about 2.1 a week) became 2 days a week",),
    )
    plan = plan_of(
        incoming, unmapped=(Unmapped("'Bad\\x07'", "The title contains a control character"),)
    )
    lines = describe_changes(merge_plan(plan, TrackerData()), dry_run=True)
    assert lines[0] == "Would add from file.db (test): 1 promise, 2 marks."
    assert "  Meditate · 3 days a week, since 2026-03-02, 2 marks" in lines
    assert "  'Meditate': 3 times in 10 days (about 2.1 a week) became 2 days a week" in lines
    assert "Not imported (1):" in lines
    assert lines[-1] == "Nothing was changed (dry run)."
    done = describe_changes(merge_plan(plan, TrackerData()), dry_run=False)
    assert done[0].startswith("Added from file.db") and "dry run" not in done[-1]


def test_an_empty_plan_says_nothing_is_new():
    lines = describe_changes(merge_plan(plan_of(), existing_walk()), dry_run=True)
    assert lines[0] == "Nothing new in file.db: everything in it is already here."


@st.composite
def imports(draw) -> ImportPlan:
    # Titles differ within one file (a title is a promise's identity); across files they meet.
    titles = draw(
        st.lists(
            st.sampled_from(["Walk", "walk ", "Cook", "Read", "Call"]),
            max_size=4,
            unique_by=lambda t: " ".join(t.split()).casefold(),
        )
    )
    planned = []
    for title in titles:
        days = draw(
            st.dictionaries(st.integers(-5, 20), st.sampled_from(list(MarkStatus)), max_size=8)
        )
        planned.append(
            PlannedPromise(
                promise(
                    title,
                    start=DAY + timedelta(days=draw(st.integers(-3, 3))),
                    archived=draw(st.booleans()),
                ),
                tuple(Mark(0, DAY + timedelta(days=d), s) for d, s in sorted(days.items())),
            )
        )
    talks = draw(
        st.lists(
            st.builds(
                QualityTime,
                st.just(DAY),
                st.sampled_from([30, 45]),
                st.sampled_from(list(QualityKind)),
            ),
            max_size=4,
        )
    )
    return plan_of(*planned, quality=tuple(talks))


@given(imports(), imports())
def test_importing_any_file_twice_changes_nothing_the_second_time(first, second):
    base = applied(TrackerData(), merge_plan(first, TrackerData()))
    once = applied(base, merge_plan(second, base))
    assert merge_plan(second, once).is_empty
    assert applied(once, merge_plan(second, once)) == once
    # Nothing kept before is ever changed, only added to.
    for p in base.promises:
        for day, mark in base.marks_of(p.id).items():
            assert once.marks_of(p.id)[day] == mark


def test_loop_and_harsh_rhythms_map_as_documented():
    cases = {
        (1, 1): ("daily", None),
        (5, 5): ("daily", None),
        (3, 7): (
            "3/week",
            "3 times in 7 days counts any 7 days in a row; tracker's 3 days a week counts "
            "Monday-to-Sunday weeks",
        ),
        (1, 7): (
            "1/week",
            "once in 7 days counts any 7 days in a row; tracker's once a week counts "
            "Monday-to-Sunday weeks",
        ),
        (1, 3): (
            "every 3 days",
            "once in 3 days counts any 3 days in a row; tracker's every 3 days counts from "
            "the start",
        ),
        (3, 10): ("2/week", "3 times in 10 days (about 2.1 a week) became 2 days a week"),
        (1, 30): (
            "every 30 days",
            "once in 30 days (about once every 30.0 days) became every 30 days",
        ),
        (8, 30): ("2/week", "8 times in 30 days (about 1.9 a week) became 2 days a week"),
        (2, 20): (
            "every 10 days",
            "2 times in 20 days (about once every 10.0 days) became every 10 days",
        ),
        (1, 400): ("every 365 days", "once in 400 days became every 365 days (the longest rhythm)"),
        (2, 14): ("1/week", "2 times in 14 days (about 1.0 a week) became once a week"),
    }
    for (times, days), (spec, approximation) in cases.items():
        mapped = rhythm_for(times, days)
        assert (mapped.schedule.spec, mapped.approximation) == (spec, approximation), (times, days)


def test_reminder_times_survive_the_plan():
    p = promise("Call", reminders=(time(20, 0),))
    result = applied(TrackerData(), merge_plan(plan_of(PlannedPromise(p)), TrackerData()))
    assert result.promises[0].reminders == (time(20, 0),)
