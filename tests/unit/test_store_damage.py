"""A damaged or missing marks file: told at once, never offered as a good backup, never pruned
away, never restored over, and never mistaken for a promise with no history."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.errors import DamagedFileError, IncompleteBackupError
from tracker.model import Mark, MarkStatus, Note, Promise, Trigger
from tracker.schedule import parse_schedule
from tracker.store import Store, schema
from tracker.store.backups import contents_of, newest_good_backup

START = date(2026, 11, 1)


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def next_day(self) -> None:
        self.moment += timedelta(days=1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def open_store(path: Path, clock: Clock, **options) -> Store:
    return Store.open(path, now=clock.now, **options)


def history(store: Store) -> tuple[Promise, Promise]:
    """Two promises with ten days of marks each; the second archived."""
    kept = store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), START))
    old = store.add_promise(Promise("Walk after work", parse_schedule("daily"), START))
    store.put_marks(
        Mark(promise.id, START + timedelta(days=n), MarkStatus.KEPT)
        for promise in (kept, old)
        for n in range(10)
    )
    store.set_archived(old.id, True)
    return kept, old


def cut_in_half(path: Path) -> bytes:
    content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    return content


def a_note(store: Store, text: str = "We talked") -> None:
    store.add_note(Note(START, text, Trigger.OTHER))


@pytest.fixture
def damaged(tmp_path: Path, clock: Clock):
    """A day's complete backup, then the archived promise's marks file cut in half, then
    the next day's change (whose automatic backup cannot hold that file)."""
    path = tmp_path / "data" / "tracker.json"
    store = open_store(path, clock)
    _, old = history(store)
    clock.next_day()
    a_note(store)
    complete = store.backups()[0]  # today's, taken before that note: it holds every file
    marks = store.marks_dir / f"{old.id}.json"
    good_marks = marks.read_bytes()
    cut_in_half(marks)
    clock.next_day()
    a_note(store, "The next day")
    return store, old, complete.path, good_marks


# -- 1. a damaged marks file ------------------------------------------------------------


def test_a_backup_that_cannot_hold_every_file_is_never_offered_as_good(damaged):
    store, old, complete, _ = damaged
    newest = store.backups()[0]
    assert newest.path != complete
    assert newest_good_backup(store.path).path == complete
    assert contents_of(newest.path).lacking == (f"{old.id}.json",)
    with pytest.raises(DamagedFileError) as refused:
        store.marks_of(old.id)
    message = str(refused.value)
    assert f"restore '{complete}'" in message and str(newest.path) not in message


def test_every_open_tells_of_a_damaged_file_of_an_archived_promise(damaged, clock):
    store, old, complete, _ = damaged
    notices = open_store(store.path, clock).notices()
    assert len(notices) == 1
    (notice,) = notices
    assert "\n" not in notice
    assert notice.startswith("The history of 'Walk after work' (archived) cannot be read:")
    assert str(store.marks_dir / f"{old.id}.json") in notice and "cut short" in notice
    assert f"restore '{complete}'" in notice


def test_a_damaged_file_found_by_another_process_is_told_by_every_later_open(tmp_path, clock):
    path = tmp_path / "tracker.json"
    store = open_store(path, clock)
    _, old = history(store)
    assert open_store(path, clock).notices() == []  # sound, and now on record as sound
    marks = store.marks_dir / f"{old.id}.json"
    data = json.loads(marks.read_text(encoding="utf-8"))
    next(iter(data["marks"].values()))["status"] = "perhaps"  # still valid JSON
    marks.write_text(json.dumps(data), encoding="utf-8")
    for _ in range(2):
        (notice,) = open_store(path, clock).notices()
        assert "field 'status' should be one of: kept, missed, excused" in notice


def test_pruning_never_deletes_the_last_backup_holding_a_damaged_file(tmp_path, clock):
    path = tmp_path / "tracker.json"
    store = open_store(path, clock, backups_kept=3)
    _, old = history(store)
    clock.next_day()
    a_note(store)
    last_good = store.backups()[0]
    cut_in_half(store.marks_dir / f"{old.id}.json")
    for day in range(6):
        clock.next_day()
        a_note(store, f"Day {day}")
    automatic = [info for info in store.backups() if info.is_automatic]
    assert last_good.path in [info.path for info in automatic]
    assert old.id in contents_of(last_good.path).marks
    assert len(automatic) == 4  # the newest three, and the last copy of the damaged file
    assert all(not contents_of(info.path).complete for info in automatic[:3])


def test_restore_refuses_a_backup_that_lacks_a_history_the_data_has(damaged):
    store, old, _, _ = damaged
    incomplete = store.backups()[0].path
    before = tree(store.path.parent)
    with pytest.raises(IncompleteBackupError) as refused:
        store.restore(incomplete)
    message = str(refused.value)
    assert "'Walk after work'" in message and f"{old.id}.json" in message
    assert "Nothing was changed" in message and "restore '" in message
    assert refused.value.lacking == [f"{old.id}.json"]
    assert tree(store.path.parent) == before


def test_a_forced_restore_keeps_the_history_the_backup_lacks(damaged):
    store, old, _, _ = damaged
    marks = store.marks_dir / f"{old.id}.json"
    damaged_bytes = marks.read_bytes()
    incomplete = store.backups()[0].path
    store.restore(incomplete, force=True)
    assert marks.read_bytes() == damaged_bytes  # the only copy there is: kept as it was
    assert [note.what_happened for note in store.notes()] == ["We talked"]
    (notice,) = store.notices()
    assert "Walk after work" in notice


def test_the_complete_backup_brings_the_history_back(damaged):
    store, old, complete, good_marks = damaged
    store.restore(complete)
    assert len(store.marks_of(old.id)) == 10
    assert (store.marks_dir / f"{old.id}.json").read_bytes() == json.dumps(
        json.loads(good_marks), separators=(",", ":"), ensure_ascii=False
    ).encode()
    assert store.notices() == []


# -- 3. a missing or replaced marks folder ---------------------------------------------------


@pytest.mark.parametrize("how", ["copied alone", "folder deleted", "folder is a file", "one file"])
def test_missing_marks_files_are_damage_not_an_empty_history(tmp_path, clock, how):
    path = tmp_path / "data" / "tracker.json"
    store = open_store(path, clock)
    store.backup()
    kept, old = history(store)
    if how == "copied alone":
        path = tmp_path / "elsewhere" / "tracker.json"
        path.parent.mkdir()
        shutil.copy2(store.path, path)
    elif how == "folder deleted":
        shutil.rmtree(store.marks_dir)
    elif how == "folder is a file":
        shutil.rmtree(store.marks_dir)
        store.marks_dir.write_text("not a folder", encoding="utf-8")
    else:
        (store.marks_dir / f"{kept.id}.json").unlink()
    reopened = open_store(path, clock)
    gone = [kept] if how == "one file" else [kept, old]
    notices = reopened.notices()
    assert len(notices) == len(gone)
    for promise, notice in zip(gone, notices, strict=True):
        assert f"'{promise.title}'" in notice and "missing" in notice
    with pytest.raises(DamagedFileError, match="missing"):
        reopened.marks_of(kept.id)
    with pytest.raises(DamagedFileError, match="missing"):
        reopened.check_all()
    before = tree(path.parent)
    with pytest.raises(DamagedFileError, match="missing"):
        reopened.put_mark(Mark(kept.id, date(2026, 11, 20), MarkStatus.KEPT))
    with pytest.raises(DamagedFileError, match="missing"):
        reopened.remove_mark(kept.id, START)
    assert tree(path.parent) == before, "a new, empty history was written over the loss"


def test_a_promise_never_checked_off_has_no_history_to_miss(tmp_path, clock):
    store = open_store(tmp_path / "tracker.json", clock)
    promise = store.add_promise(Promise("Ask about her day", parse_schedule("daily"), START))
    assert store.marks_of(promise.id) == {}
    assert store.notices() == []
    assert store.check_all()["marks"] == 0


def test_only_the_first_mark_of_a_promise_rewrites_the_main_file(tmp_path, clock):
    store = open_store(tmp_path / "tracker.json", clock)
    promise = store.add_promise(Promise("Ask about her day", parse_schedule("daily"), START))
    before = store.path.stat().st_ino
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    listed = store.path.stat().st_ino
    assert listed != before
    main = json.loads(store.path.read_text(encoding="utf-8"))
    assert list(main["histories"]) == [str(promise.id)]
    for n in range(1, 5):
        store.put_mark(Mark(promise.id, START + timedelta(days=n), MarkStatus.KEPT))
    store.remove_mark(promise.id, START)
    assert store.path.stat().st_ino == listed


def test_a_crash_between_a_new_marks_file_and_its_listing_is_harmless(tmp_path, clock, monkeypatch):
    store = open_store(tmp_path / "tracker.json", clock)
    promise = store.add_promise(Promise("Ask about her day", parse_schedule("daily"), START))
    real = Store._list_histories

    def crash(self, ids):
        raise KeyboardInterrupt  # the process dies after the marks file is in place

    monkeypatch.setattr(Store, "_list_histories", crash)
    with pytest.raises(KeyboardInterrupt):
        store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    monkeypatch.setattr(Store, "_list_histories", real)
    reopened = open_store(store.path, clock)
    assert reopened.notices() == []
    assert list(reopened.marks_of(promise.id)) == [START]
    reopened.put_mark(Mark(promise.id, START + timedelta(days=1), MarkStatus.KEPT))
    main = json.loads(store.path.read_text(encoding="utf-8"))
    assert list(main["histories"]) == [str(promise.id)]


# -- 3. the format: format 1 files upgrade to list their marks files ----------------------------


def _format_one(folder: Path) -> Path:
    """Files as tracker 1 wrote them: promises 1 and 2, marks for 1 only."""
    path = folder / "tracker.json"
    main = {
        "_meta": {"1": {"schema_version": 1, "kind": "tracker"}},
        "promises": {
            str(n): {"title": title, "schedule": "daily", "start": "2026-11-01", "archived": False}
            for n, title in ((1, "Phone away"), (2, "Walk"))
        },
    }
    marks = {
        "_meta": {"1": {"schema_version": 1, "kind": "tracker-marks"}},
        "marks": {str(START.toordinal()): {"date": START.isoformat(), "status": "kept"}},
    }
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(main), encoding="utf-8")
    (folder / "tracker.marks").mkdir()
    (folder / "tracker.marks" / "1.json").write_text(json.dumps(marks), encoding="utf-8")
    return path


def test_a_format_one_file_is_upgraded_after_a_backup_and_lists_its_marks_files(tmp_path, clock):
    path = _format_one(tmp_path)
    original = path.read_bytes()
    store = open_store(path, clock)
    assert store.notices() == [] and len(store.marks_of(1)) == 1
    assert path.read_bytes() == original  # reading upgrades in memory only
    a_note(store)
    main = json.loads(path.read_text(encoding="utf-8"))
    assert main["_meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION
    assert list(main["histories"]) == ["1"]
    (before,) = [info for info in store.backups() if info.label == "before-upgrade"]
    kept = json.loads(before.path.read_text(encoding="utf-8"))
    assert kept["main"]["1"] == json.loads(original)
    assert kept["_meta"]["1"]["schema_version"] == 1
    # From now on, a lost marks file is damage.
    (tmp_path / "tracker.marks" / "1.json").unlink()
    (notice,) = open_store(path, clock).notices()
    assert "'Phone away'" in notice and "missing" in notice


def test_a_format_one_backup_restores_with_its_marks_files_listed(tmp_path, clock):
    path = _format_one(tmp_path / "old")
    old = Store(path, now=clock.now, automatic_backups=False)
    backup = old.backup()
    assert json.loads(backup.read_text(encoding="utf-8"))["_meta"]["1"]["schema_version"] == 1
    store = open_store(path, clock)
    store.put_mark(Mark(2, START, MarkStatus.KEPT))
    store.restore(backup)
    main = json.loads(path.read_text(encoding="utf-8"))
    assert list(main["histories"]) == ["1"]
    assert not (store.marks_dir / "2.json").exists()
    assert store.notices() == []


def test_a_file_from_a_newer_tracker_is_still_refused(tmp_path, clock):
    store = open_store(tmp_path / "tracker.json", clock)
    history(store)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema_version"] = schema.SCHEMA_VERSION + 1
    store.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Exception, match="newer version of tracker"):
        open_store(store.path, clock)


# -- the damage message is advised once ------------------------------------------------------


def test_a_damage_message_carries_its_way_back_once(damaged):
    store, old, _, _ = damaged
    for read in (lambda: store.marks_of(old.id), store.check_all):
        with pytest.raises(DamagedFileError) as refused:
            read()
        assert refused.value.advised
        assert str(refused.value).count("left untouched") == 1
        assert str(refused.value).count("restore '") == 1


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` byte for byte (the lock and the store's cache aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith((".lock", ".checked"))
    }


def test_the_record_of_sound_files_is_only_a_cache(tmp_path, clock):
    store = open_store(tmp_path / "tracker.json", clock)
    _, old = history(store)
    record = Path(f"{store.path}.checked")
    assert not record.exists()  # writes leave it alone: a check-off stays one file write
    open_store(store.path, clock)
    assert record.exists()
    for content in (b"{not json", b'{"kind": "tracker-checked", "files": {"x": "y"}}'):
        record.write_bytes(content)
        assert open_store(store.path, clock).notices() == []
    os.unlink(record)
    cut_in_half(store.marks_dir / f"{old.id}.json")
    assert len(open_store(store.path, clock).notices()) == 1


def test_with_no_backup_holding_it_a_damaged_history_can_be_set_aside_to_start_afresh(
    tmp_path, clock
):
    store = open_store(tmp_path / "tracker.json", clock, automatic_backups=False)
    promise = store.add_promise(Promise("Ask about her day", parse_schedule("daily"), START))
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    marks = store.marks_dir / f"{promise.id}.json"
    damaged_bytes = cut_in_half(marks)
    (notice,) = open_store(store.path, clock).notices()
    advice = notice.split("To start this promise's history afresh, set the file aside: ", 1)[1]
    assert advice == f"mv '{marks}' '{marks}.damaged'"
    marks.rename(f"{marks}.damaged")  # the advice, followed
    reopened = open_store(store.path, clock)
    assert reopened.notices() == [] and reopened.marks_of(promise.id) == {}
    reopened.put_mark(Mark(promise.id, START + timedelta(days=1), MarkStatus.KEPT))
    assert len(reopened.marks_of(promise.id)) == 1
    (kept_aside,) = store.marks_dir.glob(f"{promise.id}.json.damaged-*")
    assert kept_aside.read_bytes() == damaged_bytes
    marks.unlink()  # the new history going missing is damage again
    (notice,) = open_store(store.path, clock).notices()
    assert "missing" in notice
