"""The store: model objects in and out exactly, the rules it keeps, its format and its files."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from processes import dead_pid

from tracker.errors import DamagedFileError, NewerVersionError, NotFoundError, ValidationError
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    NotificationSettings,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
    promise_document,
)
from tracker.schedule import parse_schedule
from tracker.store import Store, codec, imports, repository, schema
from tracker.store.files import TEMP_PREFIX

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
START = date(2026, 11, 1)

# Text a user may well write, which must come back exactly as written.
AWKWARD_TEXTS = [
    "Phone away at dinner 📵",
    "ثق بي كل يوم",
    "הקשבה בלי לתקן — with English",
    "[bold]not markup[/] [/] $HOME {name} %s",
    "She said \"thank you\" and 'meant it' \\o/",
    "Hug 👩\u200d❤\ufe0f\u200d👨 and Cafe\u0301",
]
MULTILINE = "First line\nsecond line\n\tindented — 🙂\n[red]still text[/]"

# Not data: the lock, and the store's record of files found sound (a cache).
CACHES = (".lock", ".checked")


def open_store(folder: Path, **options) -> Store:
    options.setdefault("now", lambda: NOW)
    return Store.open(folder / "tracker.json", **options)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path)


def add(
    store: Store, title: str = "Phone away at dinner", spec: str = "daily", **fields
) -> Promise:
    return store.add_promise(
        Promise(
            title=title, schedule=parse_schedule(spec), start=fields.pop("start", START), **fields
        )
    )


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("title", AWKWARD_TEXTS)
def test_a_promise_comes_back_exactly_as_stored(tmp_path: Path, title: str):
    store = open_store(tmp_path)
    stored = add(
        store,
        title,
        "mon,wed,fri",
        why=MULTILINE,
        end=date(2027, 3, 1),
        reminders=(time(20, 30), time(8, 0)),
    )
    assert stored.id == 1
    assert stored.created == NOW
    assert stored.reminders == (time(8, 0), time(20, 30))
    assert store.promises() == [stored]
    assert open_store(tmp_path).promises() == [stored]  # and from the file, in a new store
    assert store.promise(1) == stored


@pytest.mark.parametrize(
    "spec", ["daily", "weekdays", "weekends", "tue,thu", "3/week", "1/week", "every 3 days"]
)
def test_every_kind_of_schedule_round_trips(tmp_path: Path, spec: str):
    stored = add(open_store(tmp_path), spec=spec)
    assert open_store(tmp_path).promise(stored.id).schedule == parse_schedule(spec)


def test_marks_come_back_exactly_with_reasons_and_notes(tmp_path: Path):
    store = open_store(tmp_path)
    promise = add(store)
    marks = [
        Mark(promise.id, date(2026, 11, 20), MarkStatus.KEPT, note=MULTILINE),
        Mark(promise.id, date(2026, 11, 21), MarkStatus.EXCUSED, reason=AWKWARD_TEXTS[1]),
        Mark(promise.id, date(2026, 11, 22), MarkStatus.MISSED),
    ]
    for mark in marks:
        assert store.put_mark(mark) == mark
    expected = {mark.day: mark for mark in marks}
    assert store.marks_of(promise.id) == expected
    assert open_store(tmp_path).marks_of(promise.id) == expected
    assert store.all_marks() == {promise.id: expected}


def test_quality_time_comes_back_exactly(tmp_path: Path):
    store = open_store(tmp_path)
    entry = store.add_quality(
        QualityTime(
            day=date(2026, 11, 24),
            minutes=95,
            kind=QualityKind.CLOSENESS,
            connection=5,
            note=MULTILINE,
        )
    )
    assert (entry.id, entry.created) == (1, NOW)
    assert open_store(tmp_path).quality_entries() == [entry]
    edited = store.update_quality(replace(entry, minutes=100, note=AWKWARD_TEXTS[3]))
    assert open_store(tmp_path).quality_entries() == [edited]
    assert store.delete_quality(entry.id) == edited
    assert store.quality_entries() == []
    # Undoing the delete puts it back under its own number.
    assert store.add_quality(edited).id == entry.id
    assert open_store(tmp_path).quality_entries() == [edited]


def test_notes_come_back_exactly(tmp_path: Path):
    store = open_store(tmp_path)
    note = store.add_note(
        Note(
            day=date(2026, 11, 20),
            what_happened=MULTILINE,
            trigger=Trigger.POOR_COMMUNICATION,
            feeling="I feel unheard when plans change — " + AWKWARD_TEXTS[2],
            setback=True,
        )
    )
    assert (note.id, note.created, note.updated, note.status) == (
        1,
        NOW,
        NOW,
        NoteStatus.STILL_HURTS,
    )
    assert open_store(tmp_path).notes() == [note]
    let_go = store.update_note(
        replace(note, status=NoteStatus.LET_GO, let_go_on=date(2026, 11, 25))
    )
    assert open_store(tmp_path).notes() == [let_go]
    assert store.delete_note(note.id) == let_go
    assert store.notes() == []


def test_settings_come_back_exactly(tmp_path: Path):
    store = open_store(tmp_path)
    assert store.settings() == Settings()
    settings = Settings(
        day_starts_at=time(3, 0),
        weekly_quality_minutes=270,
        journey_start=date(2025, 6, 1),
        theme="tracker-light",
        notifications=NotificationSettings(
            show_titles=True,
            checkin_time=time(21, 30),
            quality_nudge_days=7,
            quiet_start=time(23, 0),
            quiet_end=time(7, 15),
            grace_minutes=30,
        ),
    )
    assert store.save_settings(settings) == settings
    assert open_store(tmp_path).settings() == settings


def test_bulk_writes_store_everything_in_one_go(tmp_path: Path):
    store = open_store(tmp_path)
    promises = store.add_promises(
        Promise(title=f"Promise {n}", schedule=parse_schedule("daily"), start=START)
        for n in range(3)
    )
    assert [p.id for p in promises] == [1, 2, 3]
    marks = [
        Mark(p.id, START + timedelta(days=d), MarkStatus.KEPT) for p in promises for d in range(10)
    ]
    assert store.put_marks(marks) == 30
    entries = [QualityTime(day=START, minutes=30, kind=QualityKind.OTHER) for _ in range(4)]
    notes = [Note(day=START, what_happened=f"Hurt {n}", trigger=Trigger.OTHER) for n in range(2)]
    assert store.add_many([*entries, *notes]) == 6
    again = open_store(tmp_path)
    assert again.promises() == promises
    assert sum(len(m) for m in again.all_marks().values()) == 30
    assert len(again.quality_entries()) == 4 and len(again.notes()) == 2


def test_bulk_promises_are_all_or_nothing(store: Store):
    add(store, "Walk together")
    with pytest.raises(ValidationError, match="already have a promise called 'Walk together'"):
        store.add_promises(
            Promise(title=title, schedule=parse_schedule("daily"), start=START)
            for title in ("Something new", "walk  TOGETHER")
        )
    assert [p.title for p in store.promises()] == ["Walk together"]


# -- the rules the store keeps --------------------------------------------------------------


def test_a_duplicate_active_title_is_refused_whatever_its_case_and_spacing(store: Store):
    add(store, "Walk together")
    for title in ("walk together", "WALK   Together", "  Walk together  "):
        with pytest.raises(ValidationError, match="already have a promise called"):
            add(store, title)
    assert len(store.promises()) == 1


def test_renaming_onto_another_active_title_is_refused(store: Store):
    add(store, "Walk together")
    phone = add(store, "Phone away at dinner")
    with pytest.raises(ValidationError):
        store.update_promise(replace(phone, title="walk together"))
    assert store.promise(phone.id).title == "Phone away at dinner"


def test_an_archived_promise_does_not_block_its_title(store: Store):
    old = add(store, "Walk together")
    store.set_archived(old.id, True)
    new = add(store, "Walk together")
    assert [p.id for p in store.promises()] == [new.id]
    assert [p.id for p in store.promises(include_archived=True)] == [old.id, new.id]
    # ...but it cannot come back while the title is taken.
    with pytest.raises(ValidationError):
        store.set_archived(old.id, False)
    assert store.promise(old.id).archived


def test_renaming_rescheduling_and_archiving_keep_the_marks(store: Store):
    promise = add(store)
    for offset in range(5):
        store.put_mark(Mark(promise.id, START + timedelta(days=offset), MarkStatus.KEPT))
    marks = store.marks_of(promise.id)
    store.update_promise(
        replace(promise, title="Phone in the other room", schedule=parse_schedule("weekdays"))
    )
    store.set_archived(promise.id, True)
    store.set_archived(promise.id, False)
    assert store.marks_of(promise.id) == marks
    assert store.promise(promise.id).created == promise.created


def test_marking_the_same_day_twice_keeps_one_mark(store: Store):
    promise = add(store)
    day = date(2026, 11, 24)
    store.put_mark(Mark(promise.id, day, MarkStatus.KEPT))
    store.put_mark(Mark(promise.id, day, MarkStatus.KEPT))
    assert list(store.marks_of(promise.id).values()) == [Mark(promise.id, day, MarkStatus.KEPT)]
    store.put_mark(Mark(promise.id, day, MarkStatus.EXCUSED, reason="flu"))
    assert store.marks_of(promise.id) == {day: Mark(promise.id, day, MarkStatus.EXCUSED, "flu")}


def test_removing_a_mark_returns_what_was_removed(store: Store):
    promise = add(store)
    day = date(2026, 11, 24)
    assert store.remove_mark(promise.id, day) is None  # no marks file yet
    mark = store.put_mark(Mark(promise.id, day, MarkStatus.EXCUSED, reason="travel", note="🛫"))
    assert store.remove_mark(promise.id, date(2026, 11, 23)) is None
    assert store.remove_mark(promise.id, day) == mark
    assert store.marks_of(promise.id) == {}
    assert store.remove_mark(promise.id, day) is None


def test_a_mark_for_an_unknown_promise_is_refused(store: Store):
    with pytest.raises(NotFoundError):
        store.put_mark(Mark(7, date(2026, 11, 24), MarkStatus.KEPT))
    with pytest.raises(NotFoundError):
        store.promise(7)
    with pytest.raises(NotFoundError):
        store.delete_note(3)
    with pytest.raises(NotFoundError):
        store.update_quality(QualityTime(id=4, day=START, minutes=5, kind=QualityKind.OTHER))


def test_bad_values_are_refused_before_anything_is_written(tmp_path: Path):
    store = open_store(tmp_path)
    promise = add(store)
    before = snapshot(tmp_path)
    with pytest.raises(ValidationError):
        add(store, "   ")
    with pytest.raises(ValidationError):
        store.put_mark(Mark(promise.id, START, MarkStatus.KEPT, note="bell\x07"))
    with pytest.raises(ValidationError):
        store.add_quality(QualityTime(day=START, minutes=0, kind=QualityKind.OTHER))
    with pytest.raises(ValidationError):
        store.add_note(Note(day=START, what_happened="", trigger=Trigger.OTHER))
    assert snapshot(tmp_path) == before


def test_finding_a_promise_by_part_of_its_title(store: Store):
    add(store, "Walk together")
    add(store, "Walk the dog")
    phone = add(store, "Phone away at dinner")
    assert store.find_promise("PHONE") == phone
    assert store.find_promise("3") == phone
    with pytest.raises(Exception, match="1: Walk together; 2: Walk the dog"):
        store.find_promise("walk")


# -- several stores on one file (the app, the CLI, the reminder service) -----------------------


def test_each_reminder_is_claimed_once_across_two_stores(tmp_path: Path):
    app, service = open_store(tmp_path), open_store(tmp_path)
    since = NOW - timedelta(days=1)
    assert app.claim_fired(["1@2026-11-25T20:30", "checkin@2026-11-25"], NOW, since) == [
        "1@2026-11-25T20:30",
        "checkin@2026-11-25",
    ]
    assert service.claim_fired(["checkin@2026-11-25", "2@2026-11-25T21:00"], NOW, since) == [
        "2@2026-11-25T21:00"
    ]
    assert app.claim_fired(["1@2026-11-25T20:30", "2@2026-11-25T21:00"], NOW, since) == []
    assert service.fired_since(since) == {
        "1@2026-11-25T20:30",
        "checkin@2026-11-25",
        "2@2026-11-25T21:00",
    }


def test_old_reminder_records_are_dropped(store: Store):
    store.claim_fired(["old"], NOW - timedelta(days=10), NOW - timedelta(days=30))
    store.claim_fired(["new"], NOW, NOW - timedelta(days=2))
    assert store.fired_since(NOW - timedelta(days=30)) == {"new"}
    # Once dropped, the same key can be claimed again.
    assert store.claim_fired(["old"], NOW, NOW - timedelta(days=2)) == ["old"]


def test_the_revision_changes_when_another_store_writes(tmp_path: Path):
    app, cli = open_store(tmp_path), open_store(tmp_path)
    promise = add(cli)
    seen = app.revision()
    assert app.revision() == seen  # nothing happened
    cli.put_mark(Mark(promise.id, date(2026, 11, 24), MarkStatus.KEPT))
    marked = app.revision()
    assert marked != seen
    assert app.marks_of(promise.id)  # and the app sees it
    cli.save_settings(Settings(weekly_quality_minutes=240))
    assert app.revision() != marked
    assert app.settings().weekly_quality_minutes == 240


def test_a_store_never_loses_what_another_store_wrote(tmp_path: Path):
    first, second = open_store(tmp_path), open_store(tmp_path)
    first.promises()
    second.promises()
    add(first, "From the app")
    add(second, "From the shell")  # second had read an older file: it re-reads before writing
    assert [p.title for p in open_store(tmp_path).promises()] == ["From the app", "From the shell"]


# -- the file format: versions and migrations --------------------------------------------------


def test_a_file_from_a_newer_tracker_is_refused_and_left_untouched(tmp_path: Path):
    add(open_store(tmp_path))
    path = tmp_path / "tracker.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema_version"] = schema.SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(NewerVersionError) as refused:
        open_store(tmp_path)
    assert str(path) in str(refused.value)
    assert "newer version of tracker" in str(refused.value)
    store = Store(path, now=lambda: NOW)
    with pytest.raises(NewerVersionError):
        store.add_note(Note(day=START, what_happened="x", trigger=Trigger.OTHER))
    assert snapshot(tmp_path) == before


def test_a_marks_file_from_a_newer_tracker_is_refused_and_left_untouched(tmp_path: Path):
    store = open_store(tmp_path)
    promise = add(store)
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    marks_path = tmp_path / "tracker.marks" / "1.json"
    data = json.loads(marks_path.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema_version"] = schema.SCHEMA_VERSION + 1
    marks_path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(NewerVersionError):
        open_store(tmp_path).put_mark(Mark(promise.id, START, MarkStatus.MISSED))
    with pytest.raises(NewerVersionError):
        open_store(tmp_path).marks_of(promise.id)
    assert snapshot(tmp_path) == before


CURRENT = schema.SCHEMA_VERSION
NEXT = CURRENT + 1


@pytest.fixture
def format_next(monkeypatch: pytest.MonkeyPatch):
    """This tracker reads the next format; the step to it renames `why` to `reason_why`."""

    def step(tables: schema.Tables) -> schema.Tables:
        for doc in tables.get("promises", {}).values():
            doc["reason_why"] = doc.pop("why", "")
        return tables

    def decode(doc_id, doc):
        return original_decode(doc_id, {**doc, "why": doc.get("reason_why", "")})

    def encode(promise):
        doc = original_encode(promise)
        doc["reason_why"] = doc.pop("why")
        return doc

    original_decode = codec.promise_from_doc
    original_encode = promise_document
    monkeypatch.setitem(schema.MIGRATIONS, CURRENT, step)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(codec, "promise_from_doc", decode)
    # The store's writers name the promise's document from where it is declared.
    monkeypatch.setattr(repository, "promise_document", encode)
    monkeypatch.setattr(imports, "promise_document", encode)


def _version(path: Path) -> int:
    return json.loads(path.read_text(encoding="utf-8"))["_meta"]["1"]["schema_version"]


def test_an_older_file_is_migrated_after_a_backup_of_it_as_it_was(
    tmp_path: Path, request: pytest.FixtureRequest
):
    old = open_store(tmp_path, automatic_backups=False)
    promise = add(old, why="It matters to her")
    old.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    path = tmp_path / "tracker.json"
    original = path.read_bytes()
    original_marks = (tmp_path / "tracker.marks" / "1.json").read_bytes()

    request.getfixturevalue("format_next")
    store = open_store(tmp_path, automatic_backups=False)
    # Reading migrates in memory only; the file is upgraded on the first change.
    assert store.promise(promise.id).why == "It matters to her"
    assert path.read_bytes() == original

    store.add_note(Note(day=START, what_happened="x", trigger=Trigger.OTHER))
    assert _version(path) == NEXT
    assert "reason_why" in json.loads(path.read_text(encoding="utf-8"))["promises"]["1"]
    (before,) = [b for b in store.backups() if b.label == "before-upgrade"]
    kept = json.loads(before.path.read_text(encoding="utf-8"))
    # The backup holds the files as they were, in the format they were written in.
    assert kept["main"]["1"] == json.loads(original)
    assert kept["marks"]["1"] == json.loads(original_marks)
    assert store.promise(promise.id).why == "It matters to her"
    assert store.marks_of(promise.id) == {START: Mark(promise.id, START, MarkStatus.KEPT)}

    # The migration ran once: a fresh store reads the new format as it is.
    assert open_store(tmp_path).promise(promise.id).why == "It matters to her"


def test_a_backup_from_before_an_upgrade_restores_into_the_new_format(
    tmp_path: Path, request: pytest.FixtureRequest
):
    old = open_store(tmp_path, automatic_backups=False)
    add(old, why="Before the upgrade")
    backup = old.backup()
    request.getfixturevalue("format_next")
    store = open_store(tmp_path)
    store.update_promise(replace(store.promise(1), why="After the upgrade"))
    store.restore(backup)
    assert store.promise(1).why == "Before the upgrade"
    assert _version(tmp_path / "tracker.json") == NEXT


# -- damaged files ------------------------------------------------------------------------------


def _good_data(tmp_path: Path) -> Path:
    store = open_store(tmp_path)
    promise = add(store)
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    store.backup()
    return tmp_path / "tracker.json"


DAMAGE = {
    "empty": b"",
    "only spaces": b"   \n",
    "cut short": None,  # the good file without its second half
    "random bytes": bytes(range(256)) * 4,
    "not an object": b"[1, 2, 3]",
    "wrong shape": b'{"promises": [1, 2]}',
    "not a tracker file": b'{"_meta": {"1": {"kind": "something-else", "schema_version": 1}}}',
    "no version": b'{"_meta": {"1": {"kind": "tracker"}}}',
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_data_file_is_named_with_the_newest_good_backup(tmp_path: Path, damage: str):
    path = _good_data(tmp_path)
    content = DAMAGE[damage]
    if content is None:
        content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(DamagedFileError) as damaged:
        open_store(tmp_path)
    message = str(damaged.value)
    assert str(path) in message
    assert "left untouched" in message
    (good,) = [b for b in Store(path).backups() if b.label == "manual"]
    assert f"restore '{good.path}'" in message
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 42),
        ("schedule", "fortnightly"),
        ("start", "2026-02-30"),
        ("reminders", "20:00"),
        ("archived", "yes"),
    ],
)
def test_a_promise_with_a_bad_field_is_reported_not_rewritten(tmp_path: Path, field, value):
    path = _good_data(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["promises"]["1"][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(DamagedFileError, match=f"{path}: entry 1 in 'promises' is damaged"):
        open_store(tmp_path)
    store = Store(path, now=lambda: NOW)
    with pytest.raises(DamagedFileError):
        store.add_note(Note(day=START, what_happened="x", trigger=Trigger.OTHER))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "damage",
    [
        {"status": "maybe"},
        {"date": "2026-11-02"},  # not the day its id says
        {"note": ["a list"]},
    ],
)
def test_a_damaged_marks_file_is_reported_not_rewritten(tmp_path: Path, damage: dict):
    _good_data(tmp_path)
    marks_path = tmp_path / "tracker.marks" / "1.json"
    data = json.loads(marks_path.read_text(encoding="utf-8"))
    (doc,) = data["marks"].values()
    doc.update(damage)
    marks_path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(tmp_path)
    store = open_store(tmp_path)
    with pytest.raises(DamagedFileError, match=str(marks_path)):
        store.marks_of(1)
    with pytest.raises(DamagedFileError, match="left untouched"):
        store.put_mark(Mark(1, date(2026, 11, 2), MarkStatus.KEPT))
    assert snapshot(tmp_path) == before


def test_a_document_id_that_is_not_a_number_is_damage_not_a_crash(tmp_path: Path):
    path = _good_data(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["promises"]["one"] = data["promises"].pop("1")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DamagedFileError, match="entry one in 'promises' is damaged"):
        open_store(tmp_path)


def test_a_damaged_file_with_no_backup_says_how_to_start_afresh(tmp_path: Path):
    path = tmp_path / "tracker.json"
    path.write_bytes(b"{not json")
    with pytest.raises(DamagedFileError, match="There is no backup yet"):
        open_store(tmp_path)
    assert path.read_bytes() == b"{not json"


# -- files on disk ------------------------------------------------------------------------------


def test_files_and_folders_are_private_even_with_a_permissive_umask(tmp_path: Path):
    previous = os.umask(0)
    try:
        folder = tmp_path / "new" / "data"
        store = Store.open(folder / "tracker.json", now=lambda: NOW)
        promise = add(store)
        store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
        store.backup()
        add(store, "Second")  # after the file exists: the daily backup too
    finally:
        os.umask(previous)
    folders = [tmp_path / "new", folder, folder / "tracker.marks", folder / "backups"]
    files = [
        folder / "tracker.json",
        folder / "tracker.json.lock",
        folder / "tracker.marks" / "1.json",
        *sorted((folder / "backups").iterdir()),
    ]
    assert len(files) >= 5
    for path in folders:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_existing_folder_keeps_its_mode(tmp_path: Path):
    tmp_path.chmod(0o755)
    open_store(tmp_path).save_settings(Settings())
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "tracker.json").stat().st_mode) == 0o600


def test_temp_files_left_by_a_dead_writer_are_removed_at_open(tmp_path: Path):
    store = open_store(tmp_path)
    promise = add(store)
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    dead = dead_pid()
    strays = [
        tmp_path / f"{TEMP_PREFIX}tracker.json.{dead}.0a1b2c3d",
        tmp_path / "tracker.marks" / f"{TEMP_PREFIX}1.json.{dead}.deadbeef",
    ]
    alive = tmp_path / f"{TEMP_PREFIX}tracker.json.{os.getpid()}.12345678"
    for path in [*strays, alive]:
        path.write_text('{"half": ', encoding="utf-8")
    unrelated = tmp_path / "notes-to-self.txt"
    unrelated.write_text("mine", encoding="utf-8")
    open_store(tmp_path)
    assert not any(path.exists() for path in strays)
    assert alive.exists()  # a writer that is still running keeps its temp file
    assert unrelated.read_text(encoding="utf-8") == "mine"


def test_a_folder_where_the_data_file_should_be_is_refused(tmp_path: Path):
    (tmp_path / "tracker.json").mkdir()
    with pytest.raises(DamagedFileError, match="is a folder, not a data file"):
        open_store(tmp_path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(CACHES)
    }


def test_check_all_reads_every_file_and_counts_what_is_stored(tmp_path: Path):
    store = open_store(tmp_path)
    promises = store.add_promises(
        Promise(title=title, schedule=parse_schedule("daily"), start=START)
        for title in ("One", "Two")
    )
    store.put_marks(
        Mark(p.id, START + timedelta(days=n), MarkStatus.KEPT) for p in promises for n in range(3)
    )
    store.add_quality(QualityTime(day=START, minutes=30, kind=QualityKind.OTHER))
    store.add_note(Note(day=START, what_happened="x", trigger=Trigger.OTHER))
    assert open_store(tmp_path).check_all() == {
        "promises": 2, "marks": 6, "quality_entries": 1, "notes": 1,
    }  # fmt: skip
    (tmp_path / "tracker.marks" / "2.json").write_bytes(b"{")
    with pytest.raises(DamagedFileError, match=r"2\.json"):
        open_store(tmp_path).check_all()
