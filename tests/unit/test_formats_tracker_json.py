"""tracker's own export: everything survives export and import; the format is versioned, strict."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import msgspec
import pytest
from foreign_files import DEMO_TODAY, five_year_demo

from tracker.demo import write_demo
from tracker.errors import ForeignFileError
from tracker.formats.data import ExportScope, TrackerData
from tracker.formats.plan import applied, merge_plan
from tracker.formats.tracker_json import (
    FORMAT_VERSION,
    export_document,
    export_json,
    read_tracker_json,
)
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
    rescheduled,
)
from tracker.schedule import parse_schedule
from tracker.stats import day_states, promise_stats
from tracker.store import Store

EXPORTED = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> TrackerData:
    return five_year_demo(tmp_path_factory.mktemp("demo"))


def views(data: TrackerData, today: date) -> dict[str, object]:
    """What every JSON view of the app shows, computed from the model: the promises
    (`list --json`), their figures (`streaks --json`), each day of the last year
    (`today --json` and the heatmaps), the notes (`note list --json`), time together
    and the settings."""
    marks = {p.id: dict(data.marks_of(p.id)) for p in data.promises}
    year_ago = today - timedelta(days=365)
    return {
        "promises": sorted(data.promises, key=lambda p: p.id),
        "marks": marks,
        "stats": [promise_stats(p, data.marks_of(p.id), today) for p in data.promises],
        "days": [day_states(p, data.marks_of(p.id), year_ago, today, today) for p in data.promises],
        "quality": sorted(data.quality, key=lambda e: e.id),
        "notes": sorted(data.notes, key=lambda n: n.id),
        "settings": data.settings,
    }


def round_trip(data: TrackerData, into: TrackerData | None = None) -> TrackerData:
    blob = export_json(data, exported=EXPORTED)
    plan = read_tracker_json(blob, file_name="export.json")
    target = into or TrackerData()
    return applied(target, merge_plan(plan, target))


def test_the_five_year_demo_survives_export_and_import_into_an_empty_file(demo):
    restored = round_trip(demo)
    assert views(restored, DEMO_TODAY) == views(demo, DEMO_TODAY)
    assert sum(len(m) for m in restored.marks.values()) > 9_000  # the history really is there


def test_a_round_trip_through_real_data_files_keeps_every_view(tmp_path: Path):
    """Export one store, apply the import to an empty store with the store's own writes."""
    write_demo(tmp_path / "a.json", years=1, promises=6, today=DEMO_TODAY, seed=5)
    original = TrackerData.read(Store.open(tmp_path / "a.json"))
    plan = read_tracker_json(export_json(original, exported=EXPORTED), file_name="a-export.json")
    changes = merge_plan(plan, TrackerData())
    store = Store.open(tmp_path / "b.json")
    stored = store.add_promises([planned.promise for planned in changes.new_promises])
    store.put_marks(
        replace(mark, promise_id=promise.id)
        for promise, planned in zip(stored, changes.new_promises, strict=True)
        for mark in planned.marks
    )
    for entry in changes.new_quality:
        store.add_quality(entry)
    for note in changes.new_notes:
        store.add_note(note)
    assert changes.settings is not None
    store.save_settings(changes.settings)
    copy = TrackerData.read(Store.open(tmp_path / "b.json"))
    assert views(copy, DEMO_TODAY) == views(original, DEMO_TODAY)


def test_importing_the_same_export_twice_changes_nothing(demo):
    once = round_trip(demo)
    plan = read_tracker_json(export_json(demo, exported=EXPORTED), file_name="export.json")
    again = merge_plan(plan, once)
    assert again.is_empty
    assert again.already_there["promises"] == len(demo.promises)
    assert applied(once, again) == once


def test_the_export_says_its_format_version_and_whether_notes_are_inside(demo):
    document = msgspec.json.decode(export_json(demo, exported=EXPORTED))
    assert document["format"] == "tracker-export"
    assert document["version"] == FORMAT_VERSION
    assert document["contains_notes"] is True
    assert document["exported"] == "2026-11-25T21:30:00+00:00"
    without = export_document(demo, exported=EXPORTED, scope=ExportScope(include_notes=False))
    assert without["contains_notes"] is False and without["notes"] == []


def test_a_rescheduled_promise_keeps_its_schedule_history(demo):
    walk = next(p for p in demo.promises if p.earlier)
    document = export_document(demo, exported=EXPORTED)
    exported = next(p for p in document["promises"] if p["id"] == walk.id)
    assert exported["schedule"] == "every 2 days"
    assert exported["earlier"] == [{"schedule": "daily", "end": walk.earlier[0].end.isoformat()}]
    restored = round_trip(demo)
    assert next(p for p in restored.promises if p.id == walk.id) == walk


def test_a_narrowed_export_holds_only_the_promise_and_the_days_asked_for(demo):
    walk = demo.promises[8]
    scope = ExportScope(
        promise_ids=frozenset({walk.id}),
        since=date(2026, 1, 1),
        until=date(2026, 3, 31),
        include_quality=False,
        include_notes=False,
    )
    document = export_document(demo, exported=EXPORTED, scope=scope)
    assert [p["title"] for p in document["promises"]] == [walk.title]
    days = [mark["date"] for mark in document["promises"][0]["marks"]]
    assert days and all("2026-01-01" <= day <= "2026-03-31" for day in days)
    assert document["scope"] == {
        "promises": [walk.title],
        "since": "2026-01-01",
        "until": "2026-03-31",
    }
    assert document["quality_time"] == [] and document["notes"] == []


def small_data() -> TrackerData:
    promise = Promise(
        '<b>Phone</b> away, "really" 🌙',
        parse_schedule("mon,wed,fri"),
        date(2026, 1, 5),
        id=3,
        why="Line one\nline two",
        reminders=(time(18, 45), time(21, 0)),
    )
    promise = rescheduled(promise, parse_schedule("3/week"), date(2026, 2, 2))
    marks = {
        date(2026, 1, 5): Mark(3, date(2026, 1, 5), MarkStatus.KEPT, note="=SUM(A1)"),
        date(2026, 1, 7): Mark(3, date(2026, 1, 7), MarkStatus.EXCUSED, reason="flu"),
    }
    return TrackerData(
        promises=(promise,),
        marks={3: marks},
        quality=(
            QualityTime(
                date(2026, 1, 6),
                45,
                QualityKind.CONVERSATION,
                id=7,
                connection=4,
                note="Talked, <i>really</i> talked",
            ),
        ),
        notes=(
            Note(
                date(2026, 1, 8),
                "He forgot.",
                Trigger.NEGLECT,
                id=2,
                feeling="I feel",
                status=NoteStatus.LET_GO,
                let_go_on=date(2026, 2, 1),
            ),
        ),
        settings=Settings(
            day_starts_at=time(3, 0), weekly_quality_minutes=240, journey_start=date(2025, 12, 1)
        ),
    )


def test_markup_emoji_and_line_breaks_come_back_as_they_were_written():
    data = small_data()
    restored = round_trip(data)
    assert views(restored, date(2026, 3, 1)) == views(data, date(2026, 3, 1))
    assert restored.promises[0].title == '<b>Phone</b> away, "really" 🌙'


def edited(data: TrackerData, change) -> bytes:
    document = export_document(data, exported=EXPORTED)
    change(document)
    return msgspec.json.encode(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "newer tracker (format version 2;"),
        (lambda d: d.update(format="something"), "not a tracker export"),
        (
            lambda d: d["promises"][0].update(start="2026-02-30"),
            "field 'promises[0].start' should be a date",
        ),
        (
            lambda d: d["promises"][0].update(schedule="fortnightly"),
            "field 'promises[0].schedule' should be a schedule",
        ),
        (
            lambda d: d["promises"][0]["marks"][1].update(status="maybe"),
            "field 'promises[0].marks[1].status' should be one of",
        ),
        (
            lambda d: d["promises"][0].update(title="Bell\x07"),
            "promises[0]: The title contains a control character",
        ),
        (lambda d: d["promises"][0].update(title="x" * 201), "The title is too long"),
        (
            lambda d: d["quality_time"][0].update(minutes=0),
            "quality_time[0].minutes should be a whole number",
        ),
        (lambda d: d["notes"][0].update(let_go_on=None), "needs the date it was let go"),
        (
            lambda d: d["settings"].update(day_starts_at="13:00"),
            "day_starts_at should be before 12:00",
        ),
        (lambda d: d.update(promises={"a": 1}), "promises should be a list"),
    ],
)
def test_a_damaged_export_is_refused_whole_naming_the_file_and_the_place(change, message):
    with pytest.raises(ForeignFileError) as refused:
        read_tracker_json(edited(small_data(), change), file_name="backup.json")
    text = str(refused.value)
    assert text.startswith("Cannot import backup.json: ")
    assert message in text
    assert "\n" not in text


def test_text_that_is_not_json_is_refused_in_one_line():
    with pytest.raises(ForeignFileError, match=r"backup\.json: it is not valid JSON"):
        read_tracker_json(b'{"format": "tracker-export", "version": 1,', file_name="backup.json")


def test_what_this_version_does_not_keep_is_listed_never_dropped_silently():
    def future(document):
        document["extensions"] = {"check_ins": [{"week": "2026-W02", "answers": ["ok"]}]}
        document["promises"][0]["colour"] = "teal"
        document["mood"] = "sunny"

    plan = read_tracker_json(edited(small_data(), future), file_name="newer.json")
    reasons = [str(item) for item in plan.unmapped]
    assert "1 check ins: this version of tracker does not keep them" in reasons
    assert "'colour' on 1 promise: this version of tracker does not keep it" in reasons
    assert "field 'mood': this version of tracker does not know it" in reasons
    assert plan.extras == {}


def test_a_known_extension_is_carried_through_and_merged_without_duplicates():
    data = replace(
        small_data(), extras={"appreciations": ({"day": "2026-01-05", "text": "dinner"},)}
    )
    blob = export_json(data, exported=EXPORTED)
    plan = read_tracker_json(blob, file_name="x.json", known_extensions={"appreciations"})
    assert plan.extras == {"appreciations": ({"day": "2026-01-05", "text": "dinner"},)}
    restored = applied(TrackerData(), merge_plan(plan, TrackerData()))
    assert restored.extras == data.extras
    assert merge_plan(plan, restored).is_empty


def test_an_export_larger_than_the_limit_is_refused_before_parsing():
    from tracker.formats.limits import ImportLimits

    with pytest.raises(ForeignFileError, match="larger than"):
        read_tracker_json(
            b" " * 2000, file_name="big.json", limits=ImportLimits(max_file_bytes=1000)
        )
