"""Backups: one automatic backup a day, the last 14 kept, and backup/restore that lose nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.errors import DamagedFileError, NotFoundError
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
)
from tracker.schedule import parse_schedule
from tracker.store import Store
from tracker.store.backups import newest_good_backup

START = date(2026, 11, 1)

# Not data: the lock, and the store's record of files found sound (a cache).
CACHES = (".lock", ".checked")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def next_day(self) -> None:
        self.moment += timedelta(days=1)

    def tick(self, seconds: int = 1) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def open_store(folder: Path, clock: Clock, **options) -> Store:
    return Store.open(folder / "tracker.json", now=clock.now, **options)


def add(store: Store, title: str, spec: str = "daily") -> Promise:
    return store.add_promise(Promise(title=title, schedule=parse_schedule(spec), start=START))


def labels(store: Store) -> list[str]:
    return [info.label for info in store.backups()]


def titles_in(backup: Path) -> list[str]:
    data = json.loads(backup.read_text(encoding="utf-8"))
    return [doc["title"] for doc in data["main"]["1"].get("promises", {}).values()]


# -- automatic backups ---------------------------------------------------------------------


def test_the_first_change_of_a_day_takes_one_automatic_backup(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "First")  # a brand-new file has nothing to back up yet
    assert labels(store) == []
    add(store, "Second")
    assert labels(store) == ["auto"]
    (backup,) = store.backups()
    assert titles_in(backup.path) == ["First"]  # taken before the day's first change
    clock.tick(3600)
    add(store, "Third")
    assert labels(store) == ["auto"]

    clock.next_day()
    add(store, "Fourth")
    assert labels(store) == ["auto", "auto"]
    newest = store.backups()[0]
    assert newest.taken.date() == date(2026, 11, 26)
    assert titles_in(newest.path) == ["First", "Second", "Third"]


def test_reading_never_takes_a_backup(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "First")
    clock.next_day()
    store.promises()
    store.marks_of(1)
    store.notes()
    assert labels(open_store(tmp_path, clock)) == []


def test_only_the_last_fourteen_automatic_backups_are_kept(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Day 0")
    manual = store.backup()
    for day in range(1, 21):
        clock.next_day()
        add(store, f"Day {day}")
    automatic = [info for info in store.backups() if info.is_automatic]
    assert len(automatic) == 14
    assert [info.taken.date() for info in automatic] == [
        date(2026, 11, 25) + timedelta(days=n) for n in range(20, 6, -1)
    ]
    assert manual.exists()  # manual backups are never pruned


def test_the_number_kept_can_be_chosen(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock, backups_kept=3)
    add(store, "Day 0")
    for day in range(1, 6):
        clock.next_day()
        add(store, f"Day {day}")
    assert labels(store) == ["auto"] * 3


def test_automatic_backups_can_be_turned_off(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock, automatic_backups=False)
    add(store, "One")
    clock.next_day()
    add(store, "Two")
    assert store.backups() == []


# -- backup and restore -------------------------------------------------------------------------


def _a_full_history(store: Store) -> None:
    phone = add(store, "Phone away at dinner 📵")
    ask = add(store, "Ask about her day", "mon,wed,fri")
    old = add(store, "Old promise")
    store.set_archived(old.id, True)
    store.put_marks(
        [
            Mark(phone.id, START + timedelta(days=n), MarkStatus.KEPT, note="🙂" if n == 3 else "")
            for n in range(20)
        ]
        + [Mark(ask.id, date(2026, 11, 4), MarkStatus.EXCUSED, reason="ثق بي")]
        + [Mark(old.id, START, MarkStatus.MISSED)]
    )
    store.add_quality(
        QualityTime(day=START, minutes=90, kind=QualityKind.CONVERSATION, connection=4, note="a\nb")
    )
    store.add_note(
        Note(day=START, what_happened="[bold]x[/]\nsecond line", trigger=Trigger.NEGLECT)
    )
    store.save_settings(Settings(weekly_quality_minutes=240, journey_start=date(2025, 1, 1)))


def everything(store: Store) -> tuple:
    promises = store.promises(include_archived=True)
    return (
        promises,
        store.all_marks([p.id for p in promises]),
        store.quality_entries(),
        store.notes(),
        store.settings(),
    )


def test_a_restore_brings_back_everything_including_marks(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    _a_full_history(store)
    saved = everything(store)
    backup = store.backup()
    assert backup.parent == tmp_path / "backups"
    assert labels(store)[0] == "manual"

    clock.tick(5)
    store.remove_mark(1, START)
    store.put_mark(Mark(2, date(2026, 11, 6), MarkStatus.KEPT))
    newer = add(store, "Added after the backup")
    store.put_mark(Mark(newer.id, START, MarkStatus.KEPT))
    store.delete_note(1)
    store.update_quality(replace(store.quality_entries()[0], minutes=5))
    store.save_settings(Settings())
    changed = everything(store)

    safety = store.restore(backup)
    assert everything(store) == saved
    assert everything(open_store(tmp_path, clock)) == saved
    # The marks of a promise the backup did not know are gone with it.
    assert not (tmp_path / "tracker.marks" / f"{newer.id}.json").exists()

    # What was there before the restore is kept, and restoring it undoes the restore.
    assert "before-restore" in safety.name
    clock.tick(5)
    store.restore(safety)
    assert everything(store) == changed


def test_restoring_a_missing_backup_changes_nothing(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Mine")
    before = snapshot(tmp_path)
    with pytest.raises(NotFoundError):
        store.restore(tmp_path / "nowhere.json")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"promises": {}}',
        b'{"_meta": {"1": {"kind": "tracker", "schema_version": 1}}}',  # a data file
        b'{"_meta": {"1": {"kind": "tracker-backup", "schema_version": 1}}, "main": {}}',
    ],
    ids=["empty", "not json", "not tracker", "a data file", "incomplete"],
)
def test_restoring_something_that_is_not_a_backup_changes_nothing(
    tmp_path: Path, clock: Clock, content: bytes
):
    store = open_store(tmp_path, clock)
    _a_full_history(store)
    fake = tmp_path / "elsewhere" / "fake.json"
    fake.parent.mkdir()
    fake.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(DamagedFileError, match=str(fake)):
        store.restore(fake)
    assert snapshot(tmp_path) == before


def test_a_backup_holding_damaged_data_is_refused(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    _a_full_history(store)
    backup = store.backup()
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["marks"]["1"]["marks"][str(START.toordinal())]["status"] = "perhaps"
    backup.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(DamagedFileError):
        store.restore(backup)
    assert snapshot(tmp_path) == before


def test_the_newest_good_backup_skips_damaged_ones(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Mine")
    good = store.backup()
    clock.tick(60)
    bad = store.backup()
    bad.write_bytes(b"{cut sh")
    assert newest_good_backup(store.path).path == good


def test_two_backups_in_the_same_second_are_both_kept(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Before")
    first = store.backup()
    add(store, "After")
    second = store.backup()
    assert first != second
    assert titles_in(first) == ["Before"]
    assert titles_in(second) == ["Before", "After"]
    assert [info.path for info in store.backups() if info.label == "manual"] == [second, first]


def test_backups_are_listed_newest_first(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Mine")
    names = []
    for _ in range(3):
        names.append(store.backup().name)
        clock.tick(61)
    assert [info.path.name for info in store.backups()] == list(reversed(names))
    assert names[0] == "tracker-20261125-200000-manual.json"


def test_a_note_let_go_survives_a_round_trip_through_a_backup(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    note = store.add_note(Note(day=START, what_happened="It hurt", trigger=Trigger.BETRAYAL))
    let_go = store.update_note(replace(note, status=NoteStatus.LET_GO, let_go_on=START))
    backup = store.backup()
    store.delete_note(note.id)
    store.restore(backup)
    assert store.notes() == [let_go]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(CACHES)
    }


# -- a wrong clock ----------------------------------------------------------------------------


def test_a_backup_from_the_future_does_not_stop_daily_backups(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Before")
    real = clock.moment
    clock.moment = real + timedelta(days=400)  # a wrong RTC, a bad NTP answer
    add(store, "Under the wrong clock")
    (future,) = store.backups()
    clock.moment = real + timedelta(days=1)  # the clock is right again
    add(store, "The next day")
    newest = store.backups()[0]
    assert newest.taken.date() == date(2026, 11, 26) and newest.is_automatic
    assert titles_in(newest.path) == ["Before", "Under the wrong clock"]
    clock.next_day()
    add(store, "And the day after")
    assert [info.taken.date() for info in store.backups()] == [
        date(2026, 11, 27),
        date(2026, 11, 26),
        future.taken.date(),  # listed last, and said to be from the future
    ]
    assert [info.from_the_future for info in store.backups()] == [False, False, True]


def test_pruning_keeps_the_newest_real_backups_and_never_those_from_the_future(
    tmp_path: Path, clock: Clock
):
    store = open_store(tmp_path, clock, backups_kept=3)
    add(store, "Day 0")
    real = clock.moment
    clock.moment = real + timedelta(days=400)
    add(store, "Future")
    clock.moment = real
    for day in range(1, 7):
        clock.next_day()
        add(store, f"Day {day}")
    backups = store.backups()
    assert [info.taken.date() for info in backups if not info.from_the_future] == [
        date(2026, 12, 1),
        date(2026, 11, 30),
        date(2026, 11, 29),
    ]
    assert len([info for info in backups if info.from_the_future]) == 1


def test_a_clock_that_jumps_back_never_prunes_the_newest_data(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock, backups_kept=3)
    add(store, "Day 0")
    for day in range(1, 5):
        clock.next_day()
        add(store, f"Day {day}")
    clock.moment -= timedelta(days=365)  # the RTC battery died
    for day in range(5, 8):
        clock.next_day()
        add(store, f"Day {day}")
    automatic = [info for info in store.backups() if info.is_automatic]
    # The backups taken under the wrong clock are kept as the newest, daily; the ones
    # that now look like the future are never deleted by pruning.
    taken_back = [info for info in automatic if not info.from_the_future]
    assert [titles_in(info.path)[-1] for info in taken_back] == ["Day 6", "Day 5", "Day 4"]
    assert len([info for info in automatic if info.from_the_future]) == 3


def test_the_doctor_report_warns_about_backups_from_the_future(tmp_path: Path, clock: Clock):
    store = open_store(tmp_path, clock)
    add(store, "Before")
    real = clock.moment
    clock.moment = real + timedelta(days=400)
    add(store, "Under the wrong clock")
    clock.moment = real + timedelta(days=1)
    add(store, "The next day")
    backups = [f for f in store.health() if f.topic == "Backups"]
    assert [f.level for f in backups] == ["ok", "problem"]
    assert "1 backup is dated in the future (up to 2027-12-30 20:00)" in backups[1].detail
    assert "Daily backups go on" in backups[1].detail
