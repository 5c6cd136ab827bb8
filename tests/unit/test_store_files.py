"""The rules every file tracker owns follows: links, owners, modes, durability, clear messages.

The owner tests change file owners for real (chown to another uid), so they need root;
they fail, never skip, when run as another user.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.errors import DamagedFileError, StoreError
from tracker.model import Mark, MarkStatus, Note, Promise, Trigger
from tracker.schedule import parse_schedule
from tracker.store import Store
from tracker.store.files import (
    ensure_private_dir,
    read_bytes_nofollow,
    read_json,
    write_atomically,
)

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
START = date(2026, 11, 1)
OTHER_UID, OTHER_GID = 4242, 4343  # an owner that is neither root nor this process


def as_user(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]


def open_store(path: Path, now=lambda: NOW, **options) -> Store:
    return Store.open(path, now=now, **options)


def with_history(path: Path) -> Store:
    store = open_store(path)
    promise = store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), START))
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    store.backup()
    return store


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def owner(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_uid, info.st_gid


def need_root() -> None:
    if os.geteuid() != 0:
        pytest.fail("this test gives files to another user with chown: run it as root")


# -- 2. links ----------------------------------------------------------------------------------


def test_a_linked_data_file_is_worked_on_where_it_really_is(tmp_path: Path):
    real = tmp_path / "real" / "t.json"
    with_history(real)
    link = tmp_path / "links" / "mine.json"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "real" / "t.json")

    store = open_store(link)
    assert store.path == real
    assert len(store.marks_of(1)) == 1  # the marks beside the real file, not beside the link
    store.put_mark(Mark(1, START + timedelta(days=1), MarkStatus.KEPT))
    store.add_note(Note(START, "Saved through the link", Trigger.OTHER))

    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "t.json")
    assert [p.name for p in link.parent.iterdir()] == ["mine.json"]
    assert [note.what_happened for note in open_store(real).notes()] == ["Saved through the link"]
    assert len(open_store(real).marks_of(1)) == 2


def test_a_dangling_link_is_an_error_not_an_empty_store(tmp_path: Path):
    link = tmp_path / "mine.json"
    link.symlink_to(tmp_path / "unmounted" / "t.json")
    with pytest.raises(StoreError, match=r"is a link to .*which does not exist") as refused:
        open_store(link)
    assert str(link) in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]
    assert link.is_symlink() and not (tmp_path / "unmounted").exists()


def test_no_file_is_ever_replaced_by_writing_over_a_link(tmp_path: Path):
    target = tmp_path / "target.json"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "data.json"
    link.symlink_to(target)
    with pytest.raises(StoreError, match=r"symbolic link.*never replaces a link"):
        write_atomically(link, b"{}")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "target.json"]


def test_a_marks_file_that_is_a_link_is_damage_and_never_followed(tmp_path: Path):
    store = with_history(tmp_path / "tracker.json")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes((store.marks_dir / "1.json").read_bytes())
    (store.marks_dir / "1.json").unlink()
    (store.marks_dir / "1.json").symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    (notice,) = open_store(store.path).notices()
    assert "symbolic link" in notice and "never follows" in notice
    with pytest.raises(DamagedFileError, match="symbolic link"):
        store.put_mark(Mark(1, START + timedelta(days=2), MarkStatus.KEPT))
    assert (store.marks_dir / "1.json").is_symlink() and elsewhere.read_bytes() == before


def test_a_file_that_is_a_link_or_a_fifo_is_refused_without_reading_it(tmp_path: Path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []
    reader = threading.Thread(target=lambda: outcome.append(_outcome(read_json, fifo)))
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # opened as a file, it waits for a writer: give it one, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
        pytest.fail("reading a FIFO blocked instead of being refused")
    (refused,) = outcome
    assert isinstance(refused, DamagedFileError) and "not a regular file" in str(refused)
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "real.json")
    (tmp_path / "real.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DamagedFileError, match="symbolic link"):
        read_bytes_nofollow(link)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(DamagedFileError, match="more than the 1,000 allowed"):
        read_bytes_nofollow(big, max_size=1000)
    assert read_bytes_nofollow(tmp_path / "absent.json") is None


def _outcome(action, *args) -> BaseException | object:
    try:
        return action(*args)
    except BaseException as error:  # what the thread raised, for the test to look at
        return error


# -- 5. owners ----------------------------------------------------------------------------------


def test_a_replaced_file_keeps_its_owner_and_group(tmp_path: Path):
    need_root()
    path = tmp_path / "data.json"
    path.write_text("{}", encoding="utf-8")
    os.chown(path, OTHER_UID, OTHER_GID)
    write_atomically(path, b'{"new": 1}')
    assert owner(path) == (OTHER_UID, OTHER_GID)
    assert mode(path) == 0o600 and path.read_bytes() == b'{"new": 1}'


def test_files_created_as_root_in_another_users_folder_are_theirs(tmp_path: Path):
    need_root()
    folder = tmp_path / "home"
    folder.mkdir()
    os.chown(folder, OTHER_UID, OTHER_GID)
    store = with_history(folder / "data" / "tracker.json")
    store.add_note(Note(START, "As root", Trigger.OTHER))
    made = [path for path in folder.rglob("*")]
    assert {p.relative_to(folder).as_posix() for p in made} >= {
        "data",
        "data/tracker.json",
        "data/tracker.json.lock",
        "data/tracker.marks",
        "data/tracker.marks/1.json",
        "data/backups",
    }
    assert {p.relative_to(folder).as_posix(): owner(p) for p in made} == {
        p.relative_to(folder).as_posix(): (OTHER_UID, OTHER_GID) for p in made
    }


def test_another_users_file_is_never_taken(request: pytest.FixtureRequest):
    """Run as a user who may write in the folder but does not own the file: refused, kept."""
    need_root()
    # Where the other user can reach it (pytest's own folders are root's alone).
    folder = Path(tempfile.mkdtemp(prefix="tracker-shared-"))
    request.addfinalizer(lambda: shutil.rmtree(folder))
    folder.chmod(0o777)
    path = folder / "data.json"
    path.write_text('{"theirs": true}', encoding="utf-8")
    path.chmod(0o666)
    os.chown(path, OTHER_UID, OTHER_GID)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tracker.errors import StoreError\n"
        "from tracker.store.files import write_atomically\n"
        "try:\n"
        "    write_atomically(Path(sys.argv[1]), b'{}')\n"
        "except StoreError as error:\n"
        "    print(error)\n"
    )
    uid = OTHER_UID + 1
    child = subprocess.run(
        [*as_user(uid), sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert child.returncode == 0, child.stderr
    assert (
        f"belongs to user {OTHER_UID}" in child.stdout and f"running as user {uid}" in child.stdout
    )
    assert path.read_text(encoding="utf-8") == '{"theirs": true}'
    assert owner(path) == (OTHER_UID, OTHER_GID)
    assert [p.name for p in folder.iterdir()] == ["data.json"]  # no temp file left


# -- 7. modes of files that already exist ---------------------------------------------------------


def test_opening_the_store_makes_every_file_it_owns_private_again(tmp_path: Path):
    data = tmp_path / "data"
    store = with_history(data / "tracker.json")
    store.restore(store.backup())
    data.chmod(0o755)
    owned = [p for p in data.rglob("*")]
    assert len(owned) >= 7
    for path in owned:
        path.chmod(0o755 if path.is_dir() else 0o644)
    open_store(store.path)
    assert {p.name: oct(mode(p)) for p in owned} == {
        p.name: oct(0o700 if p.is_dir() else 0o600) for p in owned
    }
    assert mode(data) == 0o755  # the user's own folder keeps its mode


def test_the_doctor_report_names_loose_modes(tmp_path: Path):
    store = with_history(tmp_path / "tracker.json")
    marks = store.marks_dir / "1.json"
    marks.chmod(0o644)
    report = [f.detail for f in Store(store.path, now=lambda: NOW).health()]
    assert any(f"{marks} can be read by other users (mode 0644)" in line for line in report)
    assert any(f"chmod 600 '{marks}'" in line for line in report)


# -- 8. a folder others may write in ---------------------------------------------------------------


def test_a_lock_link_planted_by_another_user_is_never_followed(tmp_path: Path):
    store = with_history(tmp_path / "tracker.json")
    before = (store.marks_dir / "1.json").read_bytes()
    lock = Path(f"{store.path}.lock")
    lock.unlink()
    planted = tmp_path / "victim" / "created-by-tracker"
    planted.parent.mkdir()
    lock.symlink_to(planted)
    with pytest.raises(StoreError, match="is a symbolic link, which tracker never follows"):
        store.put_mark(Mark(1, START + timedelta(days=1), MarkStatus.KEPT))
    assert not planted.exists() and lock.is_symlink()
    assert (store.marks_dir / "1.json").read_bytes() == before


def test_a_link_among_the_backups_is_not_a_backup(tmp_path: Path):
    store = with_history(tmp_path / "tracker.json")
    real = store.backups()[0]
    link = store.backup_dir / "tracker-20261125-210000-manual.json"
    link.symlink_to(real.path)
    assert link not in [info.path for info in store.backups()]
    assert real.path in [info.path for info in store.backups()]


def test_a_data_folder_others_may_write_in_is_warned_about(tmp_path: Path):
    folder = tmp_path / "shared"
    store = with_history(folder / "tracker.json")
    assert store.notices() == []
    folder.chmod(0o777)
    (notice,) = open_store(store.path).notices()
    assert f"The data folder {folder} can be written by every user (mode 0777)" in notice
    assert f"chmod 700 '{folder}'" in notice
    problems = [f for f in store.health() if f.level == "problem"]
    assert [f.topic for f in problems] == ["Data folder"]


# -- 10. folders made durable, and messages that name the right thing -----------------------


@pytest.fixture
def fsynced(monkeypatch) -> list[str]:
    """The paths this process fsyncs, in order (unlinks too, as 'unlink PATH')."""
    seen: list[str] = []
    real_fsync, real_unlink = os.fsync, os.unlink

    def fsync(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def unlink(path, *args, **kwargs) -> None:
        seen.append(f"unlink {os.fspath(path)}")
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "unlink", unlink)
    return seen


def test_every_new_folder_is_made_durable_in_its_parent(tmp_path: Path, fsynced):
    data = tmp_path / "new" / "data"
    store = with_history(data / "tracker.json")
    store.add_note(Note(START, "x", Trigger.OTHER))
    for folder in (tmp_path, tmp_path / "new", data):
        assert str(folder) in fsynced, f"{folder} was never fsync-ed after a folder was made in it"
    assert fsynced.index(str(data)) < fsynced.index(str(data / "tracker.marks"))


def test_ensure_private_dir_fsyncs_the_parent_of_each_new_folder(tmp_path: Path, fsynced):
    ensure_private_dir(tmp_path / "a" / "b")
    assert fsynced == [str(tmp_path), str(tmp_path / "a")]


def test_the_end_of_a_restore_is_made_durable(tmp_path: Path, fsynced):
    store = with_history(tmp_path / "tracker.json")
    backup = store.backup()
    fsynced.clear()
    store.restore(backup)
    marker = f"unlink {store.path}.restoring"
    assert marker in fsynced
    assert fsynced[fsynced.index(marker) + 1] == str(tmp_path)


def test_a_dangling_backups_link_is_named_as_the_folder_it_is(tmp_path: Path):
    days = iter(range(10))
    store = Store.open(tmp_path / "tracker.json", now=lambda: NOW + timedelta(days=next(days)))
    store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), START))
    store.backup_dir.symlink_to(tmp_path / "unmounted-drive" / "backups")
    with pytest.raises(StoreError) as refused:
        store.add_note(Note(START, "x", Trigger.OTHER))
    message = str(refused.value)
    assert f"The folder {store.backup_dir} is a link to {tmp_path / 'unmounted-drive'}" in message
    assert "does not exist" in message and ".json" not in message.split("link to")[0]


@pytest.mark.parametrize("full", ["marks", "backups"])
def test_a_full_disk_names_the_users_data_file(tmp_path: Path, monkeypatch, full: str):
    moment = [NOW]
    store = Store.open(tmp_path / "tracker.json", now=lambda: moment[0])
    promise = store.add_promise(Promise("Phone away at dinner", parse_schedule("daily"), START))
    store.put_mark(Mark(promise.id, START, MarkStatus.KEPT))
    moment[0] += timedelta(days=1)  # the day's first change takes a backup first
    folder = str(store.marks_dir if full == "marks" else store.backup_dir)
    real_write = os.write

    def write(fd: int, data) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(folder):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StoreError) as refused:
        store.put_mark(Mark(promise.id, START + timedelta(days=1), MarkStatus.KEPT))
    message = str(refused.value)
    assert message == (
        f"Nothing was saved: the disk is full. Your data in {store.path} is unchanged."
    )
    assert json.loads((store.marks_dir / "1.json").read_bytes())["marks"].keys() == {
        str(START.toordinal())
    }


def test_a_folder_writable_by_a_shared_group_is_warned_about_but_not_a_private_one(
    tmp_path: Path,
):
    need_root()
    import grp
    import pwd

    folder = tmp_path / "grouped"
    store = with_history(folder / "tracker.json")
    folder.chmod(0o770)
    root = pwd.getpwuid(0).pw_name
    private = grp.getgrgid(0)  # root's own group: no other member here
    assert private.gr_name == root and set(private.gr_mem) <= {root}
    assert open_store(store.path).notices() == []
    shared = next(g for g in grp.getgrall() if g.gr_gid != 0 and g.gr_name != root)
    os.chown(folder, 0, shared.gr_gid)
    (notice,) = open_store(store.path).notices()
    assert "can be written by the folder's group (mode 0770)" in notice


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            b'{"promises": {"1": {"title": "Walk"',
            "(input data was truncated, line 1, column 36); it may have been cut short",
        ),
        (
            b'{"promises":\n  {"1": tru}}',
            "(invalid character, line 2, column 13); it may have been edited by hand",
        ),
        (
            b'{"n": 1e999}',
            "(number out of range, line 1, column 1); it may have been edited by hand",
        ),
        (b"[" * 5000 + b"]" * 5000, "it may have been edited by hand"),
    ],
)
def test_a_data_file_that_is_not_json_says_where_and_whether_it_was_cut_short(
    tmp_path, content, said
):
    path = tmp_path / "tracker.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFileError) as damaged:
        read_json(path)
    assert str(damaged.value).startswith(f"{path} is not valid JSON")
    assert said in str(damaged.value)
