"""An import is written all or nothing, exactly as the merge says, and never twice.

The service merges the file into the data under the lock and the store writes the result
(`Store.apply_import`) through a journal: these tests check the result against the pure
reference (`tracker.formats.plan.applied`), the practices' references to renumbered
promises, and what a crash right after the journal leaves for the next tracker to finish.
(Killing a real import at each system call: tests/e2e/test_import_crash.py.)
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from app_support import frozen_clock
from exchange_support import add_practices

from tracker.demo import write_demo
from tracker.errors import DamagedFileError, StoreError
from tracker.formats.plan import applied
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.service import Tracker
from tracker.service.exchange import ImportOutcome
from tracker.store import Store, imports
from tracker.store.imports import ImportBatch, StaleImport
from tracker.store.kinds import APPRECIATIONS, CHECKINS, GOALS, SNOOZES

TODAY = date(2026, 11, 25)
CACHES = (".lock", ".checked")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, byte for byte (the lock and the check record aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(CACHES)
    }


def open_tracker(path: Path) -> Tracker:
    return Tracker(Store.open(path), frozen_clock())


@pytest.fixture(scope="module")
def export_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of demo history with every practice, exported by tracker itself."""
    folder = tmp_path_factory.mktemp("source")
    data = folder / "tracker.json"
    write_demo(data, years=1, promises=8, today=TODAY, seed=5)
    add_practices(data, TODAY)
    change = open_tracker(data).exchange.export("json", folder / "export.json")
    return change.saved


def imported(path: Path, export_file: Path) -> ImportOutcome:
    return open_tracker(path).exchange.bring_in(export_file).saved


def test_into_an_empty_file_the_store_holds_exactly_what_the_merge_says(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    outcome = imported(path, export_file)
    after = open_tracker(path).exchange.snapshot()
    assert after == applied(outcome.before, outcome.changes)
    # Everything came: every practice table, the numbers tracker list showed.
    source = json.loads(export_file.read_bytes())
    assert [p.id for p in after.promises] == [p["id"] for p in source["promises"]]
    for name, docs in source["extensions"].items():
        assert list(after.extras[name]) == docs, name
    assert outcome.backup is None  # there was nothing to back up


def test_merged_into_a_file_with_its_own_history_nothing_is_duplicated(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=5, today=TODAY, seed=99)
    add_practices(path, TODAY, weeks=3, seed=1)
    outcome = imported(path, export_file)
    after = open_tracker(path).exchange.snapshot()
    assert after == applied(outcome.before, outcome.changes)
    again = imported(path, export_file)
    assert again.changes.is_empty and again.backup is None
    assert open_tracker(path).exchange.snapshot() == after


def test_importing_the_same_file_again_changes_no_byte(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    imported(path, export_file)
    before = snapshot(tmp_path)
    outcome = imported(path, export_file)
    assert outcome.changes.is_empty
    assert outcome.lines[0] == "Nothing new in export.json: everything in it is already here."
    assert snapshot(tmp_path) == before


def test_a_dry_run_changes_nothing_on_disk(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=3, today=TODAY, seed=3)
    before = snapshot(tmp_path)
    preview = open_tracker(path).exchange.preview(export_file)
    assert preview.changes.counts()["promises"] > 0
    assert preview.lines[-1] == "Nothing was changed (dry run)."
    assert snapshot(tmp_path) == before


def test_references_to_promises_follow_them_when_they_are_renumbered(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    tracker = open_tracker(path)
    for title in ("Something of mine", "Another of mine", "A third"):
        tracker.promises.add(Promise(title, parse_schedule("daily"), TODAY))
    outcome = imported(path, export_file)
    store = Store.open(path)
    numbers = outcome.changes.promise_numbers
    assert set(numbers.values()).isdisjoint({1, 2, 3}) and len(numbers) == 8
    source = json.loads(export_file.read_bytes())
    titles = {p["id"]: p["title"] for p in source["promises"]}
    here = {p.id: p.title for p in store.promises(include_archived=True)}
    (goal,) = store.records(GOALS)
    [wanted] = source["extensions"]["goals"]
    assert [here[i] for i in goal.promise_ids] == [titles[i] for i in wanted["promise_ids"]]
    linked = [
        (agreement.text, here[agreement.promise_id])
        for checkin in store.records(CHECKINS)
        for agreement in checkin.agreements or ()
        if agreement.promise_id
    ]
    assert linked and all(title == titles[2] for _text, title in linked)
    (snooze,) = store.records(SNOOZES)
    assert here[snooze.promise_id] == titles[1]


def test_a_record_edited_since_is_kept_as_you_have_it(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    imported(path, export_file)
    store = Store.open(path)
    first = store.records(APPRECIATIONS)[0]
    store.update_record(APPRECIATIONS, replace(first, text="Edited since the export"), base=first)
    outcome = imported(path, export_file)
    assert outcome.changes.is_empty
    assert any("1 of the file's appreciations" in line for line in outcome.changes.conflicts)
    assert store.record(APPRECIATIONS, first.id).text == "Edited since the export"


def test_the_backup_taken_first_holds_the_data_as_it_was(tmp_path, export_file):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=3, today=TODAY, seed=3)
    tracker = open_tracker(path)
    before = tracker.exchange.snapshot()
    change = tracker.exchange.bring_in(export_file)
    backup = change.saved.backup
    assert backup is not None and backup.name.endswith("-before-import.json")
    assert change.undo is not None
    change.undo.run()
    assert open_tracker(path).exchange.snapshot() == before


# -- a crash between the journal and the files --------------------------------------------------


def _stop_after_the_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import dies right after its journal is in place, before any file is replaced."""

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(imports, "_write_files", killed)


def test_a_crash_after_the_journal_is_finished_by_the_next_open(tmp_path, export_file, monkeypatch):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=3, today=TODAY, seed=3)
    tracker = open_tracker(path)
    before = tracker.exchange.snapshot()
    with monkeypatch.context() as patch:
        _stop_after_the_journal(patch)
        with pytest.raises(KeyboardInterrupt):
            tracker.exchange.bring_in(export_file)
    journal = path.with_name("tracker.json.importing")
    assert journal.exists() and os.stat(journal).st_mode & 0o777 == 0o600
    # Nothing of the import is in the data files yet...
    assert Tracker(Store(path), frozen_clock()).exchange.snapshot() == before
    # ...and the next open writes all of it.
    after = open_tracker(path).exchange.snapshot()
    assert not journal.exists()
    changes = open_tracker(path).exchange.preview(export_file).changes
    assert changes.is_empty
    assert after.promises[:3] == before.promises[:3] and len(after.promises) > 3


def test_a_tracker_already_open_finishes_the_import_before_its_own_write(
    tmp_path, export_file, monkeypatch
):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=3, today=TODAY, seed=3)
    app = open_tracker(path)  # open all along, as the app would be
    importer = open_tracker(path)
    expected = importer.exchange.preview(export_file).changes
    with monkeypatch.context() as patch:
        _stop_after_the_journal(patch)
        with pytest.raises(KeyboardInterrupt):
            importer.exchange.bring_in(export_file)
    added = app.promises.add(Promise("Added meanwhile", parse_schedule("daily"), TODAY)).saved
    assert not path.with_name("tracker.json.importing").exists()
    after = open_tracker(path).exchange.snapshot()
    # The whole import is there, and the app's own write came after it: its new promise is
    # numbered after the imported ones.
    assert open_tracker(path).exchange.preview(export_file).changes.is_empty
    assert len(after.promises) == 3 + len(expected.new_promises) + 1
    assert added.id == max(p.id for p in after.promises) > expected.new_promises[-1].promise.id
    assert after.promises[-1].title == "Added meanwhile"


def test_a_journal_that_is_not_one_is_refused_with_the_way_back(tmp_path):
    path = tmp_path / "tracker.json"
    write_demo(path, years=1, promises=2, today=TODAY, seed=3)
    journal = path.with_name("tracker.json.importing")
    journal.write_text('{"_meta": {"1": {"kind": "tracker-import"', encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    message = str(refused.value)
    assert "was interrupted" in message and "before-import" in message
    assert str(journal) in message
    journal.write_text('{"_meta": {"1": {"kind": "tracker", "schema_version": 3}}}', "utf-8")
    with pytest.raises(StoreError, match="it is not a complete import"):
        Store.open(path)


# -- what the store refuses -------------------------------------------------------------------


def test_a_batch_that_does_not_fit_the_data_writes_nothing(tmp_path):
    path = tmp_path / "tracker.json"
    store = Store.open(path)
    walk = store.add_promise(Promise("Walk", parse_schedule("daily"), TODAY))
    before = snapshot(tmp_path)
    taken = Promise("Cook", parse_schedule("daily"), TODAY, id=walk.id)
    with pytest.raises(StaleImport, match="Nothing was imported: promise number 1 is taken"):
        store.apply_import(ImportBatch(new_promises=(taken,)))
    marked = ImportBatch(marks={walk.id: (Mark(walk.id, TODAY, MarkStatus.KEPT),)})
    store.put_mark(Mark(walk.id, TODAY, MarkStatus.MISSED))
    before = {k: v for k, v in snapshot(tmp_path).items() if "backups" not in k}
    with pytest.raises(StaleImport, match="2026-11-25 is marked already"):
        store.apply_import(marked)
    after = {k: v for k, v in snapshot(tmp_path).items() if "backups" not in k}
    assert after == before
    assert not path.with_name("tracker.json.importing").exists()


def test_a_history_gone_missing_stops_the_import_with_its_way_back(tmp_path):
    path = tmp_path / "tracker.json"
    store = Store.open(path)
    walk = store.add_promise(Promise("Walk", parse_schedule("daily"), TODAY))
    store.put_mark(Mark(walk.id, TODAY, MarkStatus.KEPT))
    store.marks_dir.joinpath(f"{walk.id}.json").unlink()
    batch = ImportBatch(marks={walk.id: (Mark(walk.id, date(2026, 11, 20), MarkStatus.KEPT),)})
    with pytest.raises(DamagedFileError, match="is missing"):
        store.apply_import(batch)
    assert not store.marks_dir.joinpath(f"{walk.id}.json").exists()


def test_a_marks_file_left_by_a_promise_that_is_gone_is_set_aside_not_taken(tmp_path):
    path = tmp_path / "tracker.json"
    store = Store.open(path, now=lambda: datetime(2026, 11, 25, 20, tzinfo=UTC))
    store.marks_dir.mkdir()
    stray = store.marks_dir / "1.json"
    stray.write_text('{"stray": true}', encoding="utf-8")
    new = Promise("Cook", parse_schedule("daily"), TODAY, id=1)
    store.apply_import(
        ImportBatch(new_promises=(new,), marks={1: (Mark(1, TODAY, MarkStatus.KEPT),)})
    )
    (aside,) = store.marks_dir.glob("1.json.orphaned-*")
    assert aside.read_text(encoding="utf-8") == '{"stray": true}'
    assert dict(store.marks_of(1)) == {TODAY: Mark(1, TODAY, MarkStatus.KEPT)}
