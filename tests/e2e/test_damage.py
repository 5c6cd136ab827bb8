"""A damaged or hostile data file: one clear line, a non-zero exit, the file untouched, a way back.

Every case runs the real `tracker` command in a fresh process against a data file that
was damaged in one particular way, and checks exactly what the user gets: one line on
stderr (never a traceback), exit status 1, every file byte-for-byte as it was, and the
recovery the message names actually working when followed to the letter.
"""

from __future__ import annotations

import json
import os
import random
import shlex
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import (
    PYTHON,
    clean_env,
    hostile_site,
    run_cli,
    stderr_line,
    tree_bytes,
    without_root_override,
)

from tracker.errors import DamagedFileError
from tracker.model import Mark, MarkStatus, Note, Promise, QualityKind, QualityTime, Trigger
from tracker.schedule import parse_schedule
from tracker.store import Store
from tracker.store.backups import backup_name, list_backups
from tracker.store.files import TEMP_PREFIX

NOW = "2026-11-25T20:00:00"
FIXED_NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
SEED = int(os.environ.get("TRACKER_DAMAGE_SEED", random.randrange(1 << 32)))


def _env(**extra: str) -> dict[str, str]:
    return clean_env(**{"TRACKER_NOW": NOW, "TZ": "UTC", **extra})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file with a promise, marks, quality time and a note, and two good backups."""
    path = tmp_path / "data" / "tracker.json"
    store = Store.open(path, now=lambda: FIXED_NOW)
    promise = store.add_promise(
        Promise("Phone away at dinner", parse_schedule("daily"), date(2026, 11, 1))
    )
    store.put_mark(Mark(promise.id, date(2026, 11, 20), MarkStatus.KEPT, note="felt good"))
    store.add_quality(QualityTime(date(2026, 11, 21), 45, QualityKind.CONVERSATION))
    store.add_note(Note(date(2026, 11, 22), "Missed dinner [bold]again[/]", Trigger.NEGLECT))
    older = store.backup("manual")
    (info,) = [b for b in list_backups(path) if b.path == older]
    newest = older.with_name(backup_name(path, info.taken + timedelta(minutes=1), "manual"))
    shutil.copy2(older, newest)  # the newest good backup
    # A newer-looking backup that is itself broken: the advice must skip it.
    (older.parent / "tracker-20991231-235959-manual.json").write_text("{", encoding="utf-8")
    NEWEST_GOOD[path] = newest
    return path


NEWEST_GOOD: dict[Path, Path] = {}


def _newest_good_backup(db: Path) -> Path:
    return NEWEST_GOOD[db]


def _restore_from_advice(line: str, db: Path) -> None:
    """Run the restore command the message printed, exactly as the user would paste it."""
    advised = line.split("run: ", 1)[1]
    words = shlex.split(advised)
    assert words[:3] == ["tracker", "--db", str(db)] and words[3] == "restore", advised
    assert Path(words[4]) == _newest_good_backup(db)
    result = run_cli(db, *words[3:], env=_env())
    assert result.returncode == 0, result.stderr.decode()
    assert "What was there before is kept in" in result.stdout.decode()


def _assert_data_is_back(db: Path) -> None:
    today = run_cli(db, "today", "--json", "--date", "2026-11-20", env=_env())
    assert today.returncode == 0, today.stderr.decode()
    rows = json.loads(today.stdout)
    assert [(row["title"], row["status"]) for row in rows] == [("Phone away at dinner", "kept")]
    notes = json.loads(run_cli(db, "note", "list", "--json", env=_env()).stdout)
    assert [note["what_happened"] for note in notes] == ["Missed dinner [bold]again[/]"]


def _refused_everywhere(db: Path, *words: str) -> str:
    """A read and a write are both refused with the same one line; nothing changes."""
    before = tree_bytes(db.parent)
    read = run_cli(db, "today", env=_env())
    write = run_cli(db, "check", "phone", "--date", "2026-11-24", env=_env())
    for result in (read, write):
        assert result.returncode == 1
        line = stderr_line(result)
        for word in words:
            assert word in line, line
    assert tree_bytes(db.parent) == before, "a refused command changed a file"
    return stderr_line(read)


def _damage_main(content: bytes) -> Callable[[Path], bytes]:
    def damage(db: Path) -> bytes:
        db.write_bytes(content)
        return content

    return damage


def _edit_main(edit: Callable[[dict], object]) -> Callable[[Path], bytes]:
    def damage(db: Path) -> bytes:
        data = json.loads(db.read_text(encoding="utf-8"))
        edit(data)
        content = json.dumps(data).encode()
        db.write_bytes(content)
        return content

    return damage


def _truncate(db: Path) -> bytes:
    content = db.read_bytes()[: db.stat().st_size // 2]
    db.write_bytes(content)
    return content


def _random_bytes(db: Path) -> bytes:
    content = b"\xff" + random.Random(SEED).randbytes(4096)
    db.write_bytes(content)
    return content


DAMAGE = {
    "an empty file": (_damage_main(b""), "is empty"),
    "a file of blanks": (_damage_main(b"  \n\t "), "is empty"),
    "truncated JSON": (_truncate, "it may have been cut short"),
    "random bytes": (_random_bytes, "is not text"),
    "a JSON list": (_damage_main(b"[1, 2, 3]"), "does not have the shape of a tracker file"),
    "JSON of the wrong shape": (
        _damage_main(b'{"promises": [], "_meta": {"1": {"kind": "tracker"}}}'),
        "does not have the shape of a tracker file",
    ),
    "a marks file in its place": (
        _damage_main(b'{"_meta": {"1": {"kind": "tracker-marks", "schema_version": 1}}}'),
        "is not a tracker data file",
    ),
    "no format version": (
        _damage_main(b'{"_meta": {"1": {"kind": "tracker", "schema_version": "1"}}}'),
        "has no valid format version",
    ),
    "a promise without its title": (
        _edit_main(lambda d: d["promises"]["1"].pop("title")),
        "entry 1 in 'promises' is damaged (field 'title' is missing)",
    ),
    "a promise whose start is a number": (
        _edit_main(lambda d: d["promises"]["1"].update(start=20261101)),
        "entry 1 in 'promises' is damaged (field 'start' should be a date)",
    ),
    "a promise that is a string": (
        _edit_main(lambda d: d["promises"].update({"1": "Phone away"})),
        "entry 1 in 'promises' is damaged",
    ),
    "a promise id that is not a number": (
        _edit_main(lambda d: d["promises"].update({"one": d["promises"].pop("1")})),
        "entry one in 'promises' is damaged",
    ),
    "a schedule nobody can read": (
        _edit_main(lambda d: d["promises"]["1"].update(schedule="fortnightly-ish")),
        "field 'schedule' should be a schedule",
    ),
    "a number of five thousand digits": (
        _damage_main(
            b'{"_meta": {"1": {"kind": "tracker", "schema_version": ' + b"1" * 5000 + b"}}}"
        ),
        "is not valid JSON",
    ),
    "arrays nested a hundred thousand deep": (
        _damage_main(b"[" * 100_000 + b"]" * 100_000),
        "is not valid JSON",
    ),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_data_file_is_refused_untouched_and_the_advised_restore_works(db, case):
    damage, words = DAMAGE[case]
    damaged = damage(db)
    line = _refused_everywhere(db, words, "It was left untouched", "restore")
    assert str(_newest_good_backup(db)) in line, f"seed {SEED}: {line}"
    _restore_from_advice(line, db)
    _assert_data_is_back(db)
    kept = sorted((db.parent / "backups").glob("*-unreadable/tracker.json"))
    assert [path.read_bytes() for path in kept] == [damaged], "the damaged file was not kept"


def test_a_damaged_marks_file_is_refused_and_restored(db):
    shard = db.parent / "tracker.marks" / "1.json"
    data = json.loads(shard.read_text(encoding="utf-8"))
    doc = next(iter(data["marks"].values()))
    doc["status"] = 3  # wrongly typed
    shard.write_text(json.dumps(data), encoding="utf-8")
    line = _refused_everywhere(db, "1.json", "in 'marks' is damaged (field 'status'", "restore")
    _restore_from_advice(line, db)
    _assert_data_is_back(db)


def test_a_document_with_a_wrongly_typed_field_is_never_rewritten(db):
    """Damage in a table the command does not show still blocks every write to that file."""
    data = json.loads(db.read_text(encoding="utf-8"))
    data["notes"]["1"]["setback"] = "yes"
    db.write_text(json.dumps(data), encoding="utf-8")
    before = tree_bytes(db.parent)
    result = run_cli(db, "log", "30m", "talk", env=_env())
    assert result.returncode == 1
    assert "field 'setback' should be true or false" in stderr_line(result)
    assert tree_bytes(db.parent) == before


def test_a_file_from_a_newer_tracker_is_left_alone_with_upgrade_advice(db):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema_version"] = 99
    newer = json.dumps(data).encode()
    db.write_bytes(newer)
    line = _refused_everywhere(db, "newer version of tracker", "format 99", "upgrade tracker")
    assert "left untouched" in line
    # Going back to an older backup stays possible, and keeps the newer file aside.
    result = run_cli(db, "restore", str(_newest_good_backup(db)), env=_env())
    assert result.returncode == 0, result.stderr.decode()
    _assert_data_is_back(db)
    (kept,) = (db.parent / "backups").glob("*-unreadable/tracker.json")
    assert kept.read_bytes() == newer


def test_a_folder_where_the_data_file_should_be_is_refused(tmp_path):
    folder = tmp_path / "tracker.json"
    (folder / "inside").mkdir(parents=True)
    (folder / "inside" / "keep.txt").write_text("mine", encoding="utf-8")
    before = tree_bytes(folder)
    for words in (["today"], ["add", "Walk together"], ["check", "walk"]):
        result = run_cli(folder, *words, env=_env())
        assert result.returncode == 1
        line = stderr_line(result)
        assert "is a folder, not a data file" in line and "--db" in line
    assert tree_bytes(folder) == before and sorted(os.listdir(folder)) == ["inside"]


def test_a_fifo_where_the_data_file_should_be_never_holds_a_command(tmp_path):
    """Opening it to look for a lock's header must not wait for a writer that never comes."""
    fifo = tmp_path / "tracker.json"
    os.mkfifo(fifo)
    result = run_cli(fifo, "today", env=_env())  # run_cli's own deadline guards a hang
    assert result.returncode == 1
    assert "Traceback" not in result.stderr.decode()


def test_a_damaged_backup_is_refused_by_restore_and_the_data_is_kept(db):
    broken = db.parent / "backups" / "tracker-20991231-235959-manual.json"
    before = tree_bytes(db.parent)
    result = run_cli(db, "restore", str(broken), env=_env())
    assert result.returncode == 1
    assert "not valid JSON" in stderr_line(result)
    assert tree_bytes(db.parent) == before
    _assert_data_is_back(db)


# -- permissions and a full disk ------------------------------------------------------------


def _as_a_user_without_override(
    tmp_path: Path, unreadable: Path | None = None, read_only: Path | None = None
):
    """How to run tracker so file modes bind: as is, setpriv for root, or patched calls.

    (prefix, site, env): root with a working setpriv loses the capabilities that ignore
    modes; without it, the child process gets the same refusals from a sitecustomize.
    """
    prefix = without_root_override()
    if prefix is not None:
        return prefix, None, {}
    extra = {}
    if unreadable is not None:
        extra["TRACKER_TEST_UNREADABLE"] = str(unreadable)
    if read_only is not None:
        extra["TRACKER_TEST_READONLY"] = str(read_only)
    return [], hostile_site(tmp_path / "site"), extra


def test_a_data_file_without_read_permission_says_how_to_fix_it(db, tmp_path):
    prefix, site, extra = _as_a_user_without_override(tmp_path, unreadable=db)
    before = tree_bytes(db.parent)  # read while a user still can
    db.chmod(0o000)
    for words in (["today"], ["check", "phone", "--date", "2026-11-24"]):
        result = run_cli(db, *words, env=_env(**extra), prefix=prefix, site=site)
        assert result.returncode == 1
        line = stderr_line(result)
        assert "cannot be read: permission denied" in line
        assert f"chmod u+rw '{db}'" in line
    db.chmod(0o600)  # the advice, followed
    assert tree_bytes(db.parent) == before
    _assert_data_is_back(db)


@pytest.mark.parametrize("lock_file", ["present", "absent"])
def test_a_read_only_data_folder_still_reads_but_saves_nothing(db, tmp_path, lock_file):
    prefix, site, extra = _as_a_user_without_override(tmp_path, read_only=db.parent)
    if lock_file == "absent":
        Path(f"{db}.lock").unlink()
    folders = [db.parent, db.parent / "tracker.marks", db.parent / "backups"]
    for folder in folders:
        folder.chmod(0o500)
    try:
        before = tree_bytes(db.parent)
        read = run_cli(
            db, "today", "--date", "2026-11-20", env=_env(**extra), prefix=prefix, site=site
        )
        assert read.returncode == 0, read.stderr.decode()
        for words in (
            ["check", "phone", "--date", "2026-11-24"],
            ["note", "add", "Forgot to call"],
            ["backup"],
        ):
            result = run_cli(db, *words, env=_env(**extra), prefix=prefix, site=site)
            assert result.returncode == 1, words
            line = stderr_line(result)
            assert line.startswith("tracker: Nothing was saved: there is no permission to write")
        assert tree_bytes(db.parent) == before
    finally:
        for folder in folders:
            folder.chmod(0o700)
    result = run_cli(db, "check", "phone", "--date", "2026-11-24", env=_env())
    assert result.returncode == 0, result.stderr.decode()


def test_a_full_disk_saves_nothing_says_so_and_leaves_no_temp_files(db, tmp_path):
    site = hostile_site(tmp_path / "site")
    full = _env(TRACKER_TEST_DISK_FULL=str(db.parent))
    before = tree_bytes(db.parent)
    for words in (
        ["check", "phone", "--date", "2026-11-24"],
        ["note", "add", "Forgot to call"],
        ["log", "1h", "date night"],
        ["backup"],
        ["config", "set", "theme", "tracker-light"],
    ):
        result = run_cli(db, *words, env=full, site=site)
        assert result.returncode == 1, words
        line = stderr_line(result)
        assert line.startswith("tracker: Nothing was saved: the disk is full."), line
        assert tree_bytes(db.parent) == before, words
        leftovers = [p for p in db.parent.rglob(f"{TEMP_PREFIX}*")]
        assert leftovers == []
    # Space again: the same command now saves, and the earlier data is all there.
    result = run_cli(db, "check", "phone", "--date", "2026-11-24", env=_env())
    assert result.returncode == 0, result.stderr.decode()
    _assert_data_is_back(db)


def test_the_hostile_environment_is_real(db, tmp_path):
    """The patched disk really is full for the data folder (a guard on the test above)."""
    site = hostile_site(tmp_path / "site")
    probe = (
        "import os, sys\n"
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)\n"
        "try:\n    os.write(fd, b'x')\nexcept OSError as e:\n    print(e.errno)\n"
    )
    env = _env(TRACKER_TEST_DISK_FULL=str(db.parent), PYTHONPATH=str(site))
    out = subprocess.run(
        [PYTHON, "-c", probe, str(db.parent / "probe")], env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "28", out.stderr  # ENOSPC


def test_a_damaged_reminder_record_is_damage_not_a_crash(db):
    """The reminder service and the app read these records: a bad one gets the same care."""
    data = json.loads(db.read_text(encoding="utf-8"))
    data["fired"] = {"1": {"key": "checkin:2026-11-25", "at": "2026-11-25T21:00:00"}}  # no zone
    db.write_text(json.dumps(data), encoding="utf-8")
    before = tree_bytes(db.parent)
    result = run_cli(db, "note", "add", "Forgot to call", env=_env())
    assert result.returncode == 1
    line = stderr_line(result)
    assert "entry 1 in 'fired' is damaged" in line and "restore" in line
    assert tree_bytes(db.parent) == before
    with pytest.raises(DamagedFileError):
        Store.open(db)  # every document of the main file is checked when it opens
    store = Store(db)
    for read in (store.check_all, lambda: store.fired_since(FIXED_NOW)):
        with pytest.raises(DamagedFileError):
            read()


# -- round two: marks files, links, missing folders -------------------------------------------

NEXT_DAY = "2026-11-26T20:00:00"


def _two_promises(tmp_path: Path) -> Path:
    """Two promises with marks, made the day before: today's first change backed them up."""
    db = tmp_path / "data" / "tracker.json"
    for words in (
        ("add", "Phone away at dinner", "--start", "2026-11-01"),
        ("add", "Walk after work", "--start", "2026-11-01"),
        ("check", "phone", "--date", "2026-11-20"),
        ("check", "walk", "--date", "2026-11-20"),
        ("check", "walk", "--date", "2026-11-21"),
    ):
        result = run_cli(db, *words, env=_env(TRACKER_NOW="2026-11-24T20:00:00"))
        assert result.returncode == 0, result.stderr.decode()
    result = run_cli(db, "log", "1h", "talk", env=_env())
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_a_damaged_marks_file_is_restored_by_the_advice_even_after_the_next_days_backup(
    tmp_path,
):
    db = _two_promises(tmp_path)
    walk = db.parent / "tracker.marks" / "2.json"
    walk.write_bytes(walk.read_bytes()[: walk.stat().st_size // 2])
    # The next day, a change to something else: its automatic backup cannot hold 2.json.
    logged = run_cli(db, "log", "30m", "talk", env=_env(TRACKER_NOW=NEXT_DAY))
    assert logged.returncode == 0, logged.stderr.decode()
    (taken_today,) = [p for p in (db.parent / "backups").iterdir() if "20261126" in p.name]
    (yesterdays,) = [p for p in (db.parent / "backups").iterdir() if "20261125" in p.name]
    refused = run_cli(db, "today", env=_env(TRACKER_NOW=NEXT_DAY))
    assert refused.returncode == 1
    line = stderr_line(refused)
    assert "2.json" in line and "cut short" in line and str(taken_today) not in line
    assert f"restore '{yesterdays}'" in line
    advised = shlex.split(line.split("run: ", 1)[1])
    restored = run_cli(db, *advised[3:], env=_env(TRACKER_NOW=NEXT_DAY))
    assert restored.returncode == 0, restored.stderr.decode()
    rows = json.loads(
        run_cli(
            db, "today", "--json", "--date", "2026-11-21", env=_env(TRACKER_NOW=NEXT_DAY)
        ).stdout
    )
    assert ("Walk after work", "kept") in [(row["title"], row["status"]) for row in rows]
    # And going back to the backup that lacks 2.json is refused, changing nothing.
    walk.write_bytes(walk.read_bytes()[:10])
    before = tree_bytes(db.parent)
    lacking = run_cli(db, "restore", str(taken_today), env=_env(TRACKER_NOW=NEXT_DAY))
    assert lacking.returncode == 1
    assert "does not hold the history of 'Walk after work'" in stderr_line(lacking)
    assert tree_bytes(db.parent) == before


def test_a_data_file_copied_without_its_marks_folder_is_damage_not_a_fresh_start(tmp_path):
    db = _two_promises(tmp_path)
    alone = tmp_path / "copied" / "tracker.json"
    alone.parent.mkdir()
    shutil.copy2(db, alone)
    for words in (["today"], ["streaks"]):
        result = run_cli(alone, *words, env=_env())
        assert result.returncode == 1, words
        line = stderr_line(result)
        assert "The marks folder" in line and "is missing" in line and "copied" in line
    doctor = run_cli(alone, "doctor", env=_env())
    assert doctor.returncode == 1
    out = doctor.stdout.decode()
    assert "healthy" not in out
    data_lines = [line for line in out.splitlines() if "Data file" in line]
    assert len(data_lines) == 2 and all(line.startswith("problem") for line in data_lines)
    assert "'Phone away at dinner'" in data_lines[0] and "'Walk after work'" in data_lines[1]


def test_a_linked_data_file_is_changed_where_it_really_is(tmp_path):
    db = _two_promises(tmp_path)
    link = tmp_path / "links" / "mine.json"
    link.parent.mkdir()
    link.symlink_to(db)
    # The marks beside the real file are found through the link...
    seen = json.loads(run_cli(link, "today", "--json", "--date", "2026-11-21", env=_env()).stdout)
    assert ("Walk after work", "kept") in [(row["title"], row["status"]) for row in seen]
    # ...and a save changes the real file, never the link.
    checked = run_cli(link, "check", "walk", "--date", "2026-11-22", env=_env())
    assert checked.returncode == 0, checked.stderr.decode()
    assert link.is_symlink() and sorted(os.listdir(link.parent)) == ["mine.json"]
    rows = json.loads(run_cli(db, "today", "--json", "--date", "2026-11-22", env=_env()).stdout)
    assert ("Walk after work", "kept") in [(row["title"], row["status"]) for row in rows]
    dangling = tmp_path / "links" / "gone.json"
    dangling.symlink_to(tmp_path / "unmounted" / "tracker.json")
    for words in (["today"], ["add", "Walk together"]):
        result = run_cli(dangling, *words, env=_env())
        assert result.returncode == 1
        assert "which does not exist" in stderr_line(result)
    assert dangling.is_symlink() and not (tmp_path / "unmounted").exists()


def test_a_lock_link_planted_in_the_folder_is_refused_not_followed(tmp_path):
    db = _two_promises(tmp_path)
    lock = Path(f"{db}.lock")
    lock.unlink()
    target = tmp_path / "victim.txt"
    lock.symlink_to(target)
    before = tree_bytes(db.parent)
    result = run_cli(db, "check", "walk", "--date", "2026-11-23", env=_env())
    assert result.returncode == 1
    line = stderr_line(result)
    assert f"{lock} is a symbolic link, which tracker never follows" in line
    assert f"rm '{lock}'" in line
    assert not target.exists() and tree_bytes(db.parent) == before


def test_every_command_tells_in_one_calm_line_of_a_damaged_archived_history(tmp_path):
    db = _two_promises(tmp_path)
    archived = run_cli(db, "archive", "walk", env=_env())
    assert archived.returncode == 0, archived.stderr.decode()
    walk = db.parent / "tracker.marks" / "2.json"
    walk.write_bytes(walk.read_bytes()[: walk.stat().st_size // 2])
    for words in (["today"], ["list", "--all"], ["check", "phone"], ["log", "20m", "talk"]):
        result = run_cli(db, *words, env=_env())
        assert result.returncode == 0, (words, result.stderr.decode())
        line = stderr_line(result)  # exactly one line, never a traceback
        assert "'Walk after work'" in line and "2.json" in line, line
        assert "restore" in line or "aside" in line, line
    listed = run_cli(db, "today", "--json", env=_env())
    assert json.loads(listed.stdout)  # the notice stays off standard output
    assert "'Walk after work'" in stderr_line(listed)


def test_a_backup_lacking_a_history_is_restored_with_force_keeping_that_history(tmp_path):
    db = _two_promises(tmp_path)
    walk = db.parent / "tracker.marks" / "2.json"
    kept_walk = walk.read_bytes()
    backup = run_cli(db, "backup", env=_env())
    assert backup.returncode == 0, backup.stderr.decode()
    (taken,) = list((db.parent / "backups").glob("*-manual.json"))
    snapshot = json.loads(taken.read_text(encoding="utf-8"))
    del snapshot["marks"]["2"]
    taken.write_text(json.dumps(snapshot), encoding="utf-8")
    refused = run_cli(db, "restore", str(taken), env=_env())
    assert refused.returncode == 1
    assert "--force" in stderr_line(refused)
    forced = run_cli(db, "restore", str(taken), "--force", env=_env())
    assert forced.returncode == 0, forced.stderr.decode()
    assert walk.read_bytes() == kept_walk
    rows = json.loads(run_cli(db, "today", "--json", "--date", "2026-11-21", env=_env()).stdout)
    assert ("Walk after work", "kept") in [(row["title"], row["status"]) for row in rows]
