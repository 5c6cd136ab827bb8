"""The demo history: reproducible, varied, and telling the story the method describes."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.demo import write_demo
from tracker.errors import ValidationError
from tracker.model import MarkStatus, NoteStatus, QualityKind, Trigger
from tracker.schedule import ScheduleKind
from tracker.stats import consistency
from tracker.store import Store

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    summary = write_demo(path, years=5, promises=20, today=TODAY, seed=2026)
    return Store.open(path), summary


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        # The lock, and the store's record of files found sound (a cache of their times).
        if path.is_file() and not path.name.endswith((".lock", ".checked"))
    }


def test_the_same_seed_and_day_write_the_same_files(tmp_path: Path):
    for name in ("a", "b"):
        write_demo(tmp_path / name / "demo.json", years=2, promises=8, today=TODAY, seed=7)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    write_demo(tmp_path / "c" / "demo.json", years=2, promises=8, today=TODAY, seed=8)
    assert files_of(tmp_path / "c") != files_of(tmp_path / "a")


def test_the_summary_counts_what_was_written(demo):
    store, summary = demo
    promises = store.promises(include_archived=True)
    marks = sum(len(m) for m in store.all_marks().values())
    archived = sum(p.archived for p in promises)
    assert summary == (
        f"{len(promises)} promises ({archived} archived), {marks:,} marks, "
        f"{len(store.quality_entries()):,} quality-time entries, {len(store.notes()):,} notes"
    )


def test_twenty_varied_promises_with_realistic_titles(demo):
    store, _ = demo
    promises = store.promises(include_archived=True)
    assert len(promises) == 20
    assert len({p.title.casefold() for p in promises}) == 20
    assert "Phone away at dinner" in [p.title for p in promises]
    kinds = Counter(p.schedule.kind for p in promises)
    assert set(kinds) == set(ScheduleKind)  # daily, weekdays, weekends, days, N/week, every N
    assert {p.schedule.spec for p in promises} >= {
        "daily", "weekdays", "weekends", "mon,wed,fri", "1/week", "2/week", "3/week",
        "every 2 days", "every 3 days",
    }  # fmt: skip
    assert sum(p.archived for p in promises) >= 2
    assert any(p.end is not None and not p.archived for p in promises)
    assert sum(bool(p.reminders) for p in promises) >= 3
    assert sum(bool(p.why) for p in promises) >= 10
    starts = sorted(p.start for p in promises)
    assert starts[0] == date(2021, 11, 25)
    assert (starts[-1] - starts[0]).days > 2 * 365  # started over the years, not all at once


def test_marks_are_on_real_days_and_never_in_the_future(demo):
    store, _ = demo
    rescheduled = []
    for promise in store.promises(include_archived=True):
        marks = store.marks_of(promise.id)
        assert marks, promise.title
        last = promise.end or TODAY
        assert all(promise.start <= day <= min(last, TODAY) for day in marks), promise.title
        if promise.schedule.is_weekly_target:
            continue
        off_schedule = [day for day in marks if not _due_that_day(promise, day)]
        assert off_schedule == [], promise.title
        if promise.earlier:
            rescheduled.append(promise)
    # One promise was rescheduled part-way: its early marks follow the old daily rhythm,
    # the later ones the new, and its history and description tell the story.
    (promise,) = rescheduled
    assert "It was" in promise.why
    assert [period.schedule.spec for period in promise.earlier] == ["daily"]
    change = promise.schedule_since
    marks = store.marks_of(promise.id)
    assert any(day < change and not promise.schedule.is_due(change, day) for day in marks)
    assert all(promise.schedule.is_due(change, day) for day in marks if day >= change)


def _due_that_day(promise, day) -> bool:
    schedule, anchor = promise.schedule_on(day)
    return schedule.is_due(anchor, day)


def test_slips_excuses_and_notes_on_marks(demo):
    store, _ = demo
    marks = [mark for by_day in store.all_marks().values() for mark in by_day.values()]
    statuses = Counter(mark.status for mark in marks)
    assert statuses[MarkStatus.KEPT] > 5 * statuses[MarkStatus.MISSED] > 0
    excused = [mark for mark in marks if mark.status is MarkStatus.EXCUSED]
    assert len(excused) > 20 and all(mark.reason for mark in excused)
    assert len({mark.reason for mark in excused}) >= 3  # travel, illness, ...
    assert any(mark.note for mark in marks if mark.status is MarkStatus.KEPT)


def test_keeping_promises_gets_better_over_the_years(demo):
    store, _ = demo

    def kept_share(year_end: date) -> float:
        shares = [
            consistency(p, store.marks_of(p.id), year_end, 365)
            for p in store.promises(include_archived=True)
            if p.start <= year_end - timedelta(days=180) and not p.schedule.is_weekly_target
        ]
        return statistics.mean(share for share in shares if share is not None)

    first_year = kept_share(date(2022, 11, 24))
    last_year = kept_share(TODAY - timedelta(days=1))
    assert 0.35 < first_year < 0.75
    assert last_year > first_year + 0.1


def test_runs_of_slips_happen(demo):
    store, _ = demo
    longest = 0
    for promise in store.promises():
        if promise.schedule.kind is not ScheduleKind.DAILY:
            continue
        marks, run, day = store.marks_of(promise.id), 0, promise.start
        while day < TODAY:
            mark = marks.get(day)
            run = run + 1 if mark is None or mark.status is MarkStatus.MISSED else 0
            longest = max(longest, run)
            day += timedelta(days=1)
    assert longest >= 3


def test_about_three_moments_together_a_week(demo):
    store, _ = demo
    entries = store.quality_entries()
    assert 650 <= len(entries) <= 950
    assert set(Counter(e.kind for e in entries)) == set(QualityKind)
    assert all(1 <= e.minutes <= 24 * 60 for e in entries)
    assert all(e.day <= TODAY for e in entries)
    rated = [e.connection for e in entries if e.connection is not None]
    assert len(rated) > 0.7 * len(entries)
    early = [e.connection for e in entries[:150] if e.connection]
    late = [e.connection for e in entries[-150:] if e.connection]
    assert statistics.mean(late) > statistics.mean(early)  # closer over time
    assert sum(bool(e.note) for e in entries) > len(entries) / 3


def test_about_sixty_notes_a_year_moving_towards_letting_go(demo):
    store, _ = demo
    notes = store.notes()
    assert 250 <= len(notes) <= 350
    assert set(Counter(n.trigger for n in notes)) == set(Trigger)
    assert all(n.feeling.startswith("I feel ") and " when " in n.feeling for n in notes)
    assert all(n.day <= TODAY for n in notes)
    old = [n for n in notes if n.day < TODAY - timedelta(days=2 * 365)]
    recent = [n for n in notes if n.day > TODAY - timedelta(days=90)]
    let_go_old = sum(n.status is NoteStatus.LET_GO for n in old) / len(old)
    let_go_recent = sum(n.status is NoteStatus.LET_GO for n in recent) / max(1, len(recent))
    assert let_go_old > 0.8 and let_go_recent < 0.5
    assert {n.status for n in recent} >= {NoteStatus.STILL_HURTS, NoteStatus.WORKING_THROUGH}
    assert all(n.day <= n.let_go_on <= TODAY for n in notes if n.let_go_on is not None)
    setbacks = [n for n in notes if n.setback]
    assert 3 <= len(setbacks) <= 40


def test_one_voice_throughout_i_keep_the_promises_and_write_the_notes_about_her(demo):
    """A new user must see whose tracker this is: the promises and the notes share one "I"."""
    store, _ = demo
    marks = [mark for by_day in store.all_marks().values() for mark in by_day.values()]
    texts = {
        "promises": [
            text for p in store.promises(include_archived=True) for text in (p.title, p.why)
        ],
        "marks": [text for mark in marks for text in (mark.note, mark.reason)],
        "time together": [entry.note for entry in store.quality_entries()],
        "notes": [text for n in store.notes() for text in (n.what_happened, n.feeling)],
    }

    def words(kind: str) -> set[str]:
        return {word.casefold() for text in texts[kind] for word in re.findall(r"[\w']+", text)}

    for kind in texts:
        assert words(kind) & {"he", "him", "his", "himself"} == set(), kind
        assert words(kind) & {"she", "her"}, kind  # the same partner everywhere
    assert {"i", "my"} <= words("promises") and {"i", "my"} <= words("notes")


def test_settings_start_the_journey_five_years_back_with_a_weekly_target(demo):
    store, _ = demo
    settings = store.settings()
    assert settings.journey_start == date(2021, 11, 25)
    assert settings.weekly_quality_minutes == 180


def test_small_and_large_demos(tmp_path: Path):
    small = write_demo(tmp_path / "small.json", years=1, promises=1, today=TODAY, seed=1)
    assert small.startswith("1 promise (0 archived), ")
    big = tmp_path / "big.json"
    write_demo(big, years=2, promises=60, today=date(2024, 2, 29), seed=3)
    titles = [p.title for p in Store.open(big).promises(include_archived=True)]
    assert len(titles) == len({t.casefold() for t in titles}) == 60


def test_an_existing_file_is_never_overwritten(tmp_path: Path):
    path = tmp_path / "mine.json"
    path.write_text("my precious data", encoding="utf-8")
    with pytest.raises(ValidationError, match="never overwrites"):
        write_demo(path, years=1, promises=3, today=TODAY, seed=1)
    assert path.read_text(encoding="utf-8") == "my precious data"


def test_with_practices_the_sundays_before_last_hold_finished_check_ins_with_their_facts(
    tmp_path: Path,
):
    from tracker.store.kinds import CHECKINS

    path = tmp_path / "demo.json"
    write_demo(path, years=1, promises=20, today=TODAY, seed=2026, practices=True)
    held = Store.open(path).records(CHECKINS)
    last_sunday = TODAY - timedelta(days=TODAY.weekday() + 1)
    assert [c.held_on for c in held] == [last_sunday - timedelta(weeks=n) for n in (4, 3, 2, 1)]
    assert not any(c.is_draft for c in held)
    assert all(c.week_of == c.held_on - timedelta(days=6) for c in held)
    # Each keeps the facts of the week it looked back on, as the flow does at step 2.
    assert all(c.facts is not None and c.facts.week_start == c.week_of for c in held)
    assert any(agreement.promise_id for c in held for agreement in c.agreements or ())


def test_two_measured_promises_with_amounts_that_judge_their_days(demo):
    """Issue 22: the demo holds two measured promises; each kept day met its target."""
    store, _ = demo
    measured = [p for p in store.promises(include_archived=True) if p.measure is not None]
    assert {(p.title, p.measure.unit) for p in measured} == {
        ("Say thank you for specific things", "thank-yous"),
        ("Morning coffee together", "min"),
    }
    for promise in measured:
        marks = [m for m in store.marks_of(promise.id).values() if m.amount is not None]
        assert len(marks) > 100
        assert all((m.status is MarkStatus.KEPT) == promise.measure.is_met(m.amount) for m in marks)
