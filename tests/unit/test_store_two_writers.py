"""Two writers on one file (the open app and a shell) never undo each other's changes."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from tracker.model import Mark, MarkStatus, Note, Promise, QualityKind, QualityTime, Trigger
from tracker.schedule import parse_schedule
from tracker.store import Store
from tracker.store.files import remove_stray_temp_files

START = date(2026, 11, 1)


def _clock() -> datetime:
    return datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tracker.json"


def _store(path: Path) -> Store:
    return Store.open(path, now=_clock)


def _promise(store: Store, title: str = "Phone away at dinner") -> Promise:
    return store.add_promise(Promise(title, parse_schedule("daily"), START))


def test_editing_a_promise_in_the_app_keeps_an_archive_made_from_the_shell(path: Path):
    app, shell = _store(path), _store(path)
    opened_in_editor = _promise(app)
    shell.set_archived(opened_in_editor.id, True)
    app.update_promise(replace(opened_in_editor, why="for her"), base=opened_in_editor)
    stored = _store(path).promise(opened_in_editor.id)
    assert (stored.why, stored.archived) == ("for her", True)


def test_a_whole_record_save_without_a_base_still_replaces_every_field(path: Path):
    store = _store(path)
    promise = _promise(store)
    store.update_promise(replace(promise, why="why", title="New title"))
    assert store.promise(promise.id).title == "New title"


def test_settings_changed_in_the_app_keep_a_config_set_from_the_shell(path: Path):
    app, shell = _store(path), _store(path)
    seen_by_app = app.settings()
    shell.change_settings(lambda s: replace(s, theme="tracker-light"))
    app.change_settings(lambda s: replace(s, day_starts_at=time(3, 0)))
    settings = _store(path).settings()
    assert (settings.theme, settings.day_starts_at) == ("tracker-light", time(3, 0))
    assert seen_by_app.theme != "tracker-light"


def test_editing_a_note_keeps_a_status_changed_elsewhere(path: Path):
    app, shell = _store(path), _store(path)
    note = app.add_note(Note(START, "We argued about the trip", Trigger.POOR_COMMUNICATION))
    shell.update_note(replace(note, feeling="I feel unheard when plans change"), base=note)
    app.update_note(replace(note, what_happened="We argued about the trip, again"), base=note)
    stored = _store(path).notes()[0]
    assert stored.what_happened == "We argued about the trip, again"
    assert stored.feeling == "I feel unheard when plans change"


def test_editing_a_quality_entry_keeps_a_note_added_elsewhere(path: Path):
    app, shell = _store(path), _store(path)
    entry = app.add_quality(QualityTime(START, 45, QualityKind.CONVERSATION))
    shell.update_quality(replace(entry, note="on the balcony"), base=entry)
    app.update_quality(replace(entry, minutes=60), base=entry)
    stored = _store(path).quality_entries()[0]
    assert (stored.minutes, stored.note) == (60, "on the balcony")


def test_a_new_promise_never_inherits_a_leftover_marks_file(path: Path):
    store = _store(path)
    store.marks_dir.mkdir(parents=True)
    leftover = store.marks_dir / "1.json"
    other = Store(path.with_name("other.json"), now=_clock)
    old = other.add_promise(Promise("Gone", parse_schedule("daily"), START))
    other.put_mark(Mark(old.id, START, MarkStatus.KEPT))
    leftover.write_bytes((other.marks_dir / "1.json").read_bytes())

    promise = _promise(store)

    assert promise.id == 1
    assert store.marks_of(promise.id) == {}
    kept_aside = list(store.marks_dir.glob("1.json.orphaned-*"))
    assert (
        len(kept_aside) == 1
        and kept_aside[0].read_bytes() == (other.marks_dir / "1.json").read_bytes()
    )


def test_a_restore_cut_short_is_finished_by_the_next_open(path: Path):
    store = _store(path)
    promise = _promise(store)
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    backup = store.backup()
    store.put_mark(Mark(promise.id, date(2026, 11, 2), MarkStatus.KEPT))
    store.add_promise(Promise("Added after the backup", parse_schedule("daily"), START))
    # As if the process died right after announcing the restore, before any file moved.
    (path.with_name(path.name + ".restoring")).write_text(str(backup), encoding="utf-8")

    reopened = _store(path)

    assert [p.title for p in reopened.promises()] == ["Phone away at dinner"]
    assert list(reopened.marks_of(promise.id)) == [START]
    assert not path.with_name(path.name + ".restoring").exists()


def test_a_damaged_marks_file_does_not_stop_the_daily_backup_of_the_rest(path: Path):
    store = _store(path)
    first, second = _promise(store, "First"), _promise(store, "Second")
    store.put_mark(Mark(second.id, START, MarkStatus.KEPT))
    (store.marks_dir / f"{first.id}.json").write_text("garbage", encoding="utf-8")

    backup = store.backup()

    text = backup.read_text(encoding="utf-8")
    assert f'"unreadable_marks_files":["{first.id}.json"]' in text
    assert f'"{second.id}":' in text


def test_opening_a_file_cleans_only_its_own_dead_temp_files(tmp_path: Path):
    ours = tmp_path / ".tmp-tracker.json.999999999.0a1b2c3d"
    someone_elses = tmp_path / ".tmp-myeditor-swap"
    live = tmp_path / f".tmp-tracker.json.{os.getpid()}.0a1b2c3d"
    for file in (ours, someone_elses, live):
        file.write_text("x")
    remove_stray_temp_files(tmp_path)
    assert (ours.exists(), someone_elses.exists(), live.exists()) == (False, True, True)
