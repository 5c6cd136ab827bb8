"""Writing our share and taking the partner's: whatever a sync tool or a person leaves in the
folder, the reader never crashes, never shows half a file, and keeps the last good view."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from processes import dead_pid
from share_support import EVENING, TODAY, Couple, leaks, open_store, pair, source_from

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
from tracker.share import envelope
from tracker.share.folder import NameKind, classify
from tracker.share.payload import Acknowledgement, ShareChoices
from tracker.share.problems import Problem
from tracker.share.sharing import Sharing
from tracker.store import Store

LATER = EVENING + timedelta(minutes=5)


@pytest.fixture
def couple(tmp_path) -> Couple:
    return pair(tmp_path)


def alex_store(couple: Couple) -> Store:
    return open_store(couple.alex.home.data_file)


def add_walk(store: Store, kept_days: int = 3) -> Promise:
    promise = store.add_promise(
        Promise("Walk together", parse_schedule("daily"), TODAY - timedelta(days=10))
    )
    store.put_marks(
        Mark(promise.id, TODAY - timedelta(days=offset), MarkStatus.KEPT)
        for offset in range(kept_days)
    )
    return promise


def partner_file(couple: Couple) -> Path:
    pairing = couple.sam.pairing()
    assert pairing is not None
    return couple.folder / pairing.partner_file


def published(couple: Couple, store: Store, now=EVENING) -> int:
    result = couple.alex.publish(source_from(store, now))
    assert result.written, result.problem
    assert result.sequence is not None
    return result.sequence


def kept_today(couple: Couple, now=LATER):
    """What Sam's tracker shows of Alex's walk today, and the problems it reports."""
    read = couple.sam.read_partner(now)
    assert read.share is not None
    (walk,) = read.share.promises
    return read.share.marks_of(walk.id).get(TODAY), [p.kind for p in read.status.problems], read


def test_a_share_written_by_one_tracker_is_read_by_the_other(couple):
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    mark, problems, read = kept_today(couple)
    assert mark is not None and mark.status is MarkStatus.KEPT
    assert problems == []
    assert read.status.last_good_at == LATER
    assert read.status.partner_wrote_at == EVENING
    assert read.share.writer.name == "Alex"


def test_sequence_numbers_only_grow_even_when_the_count_here_is_lost(couple):
    store = alex_store(couple)
    numbers = [published(couple, store) for _ in range(3)]
    assert numbers == [1, 2, 3]
    couple.alex.home.state_path.unlink()  # a machine restored from an old backup
    assert published(couple, store) == 4  # continues from its own file in the folder


def test_an_older_share_put_back_is_refused_and_the_newer_view_kept(couple):
    store = alex_store(couple)
    walk = add_walk(store)
    store.remove_mark(walk.id, TODAY)
    published(couple, store)
    old_copy = partner_file(couple).read_bytes()
    store.put_mark(Mark(walk.id, TODAY, MarkStatus.KEPT))
    published(couple, store)
    assert kept_today(couple)[0] is not None
    partner_file(couple).write_bytes(old_copy)  # a backup restored, or a stale copy synced
    mark, problems, read = kept_today(couple, LATER + timedelta(minutes=1))
    assert mark is not None and mark.status is MarkStatus.KEPT
    assert problems == [Problem.OLDER_SHARE]
    assert "number 1; already read 2" in read.status.problems[0].message
    assert read.status.last_good_at == LATER


def test_the_same_share_read_twice_changes_nothing(couple):
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    first = couple.sam.read_partner(LATER)
    revision = couple.sam.revision()
    again = couple.sam.read_partner(LATER + timedelta(hours=1))
    assert again.status.last_good_at == first.status.last_good_at == LATER
    assert couple.sam.revision() == revision
    assert again.status.problems == ()


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 3])


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _newer_version(path: Path) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, len(envelope.MAGIC), envelope.FORMAT_VERSION + 1)
    path.write_bytes(bytes(data))


def _hand_edited(path: Path) -> None:
    path.write_text('{"promises": ["all kept, honestly"]}')


def _huge(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: big, not slow


def _a_link(path: Path) -> None:
    target = path.with_name("elsewhere")
    path.rename(target)
    path.symlink_to(target)


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _removed(path: Path) -> None:
    path.unlink()


def _folder_unplugged(path: Path) -> None:
    path.parent.rename(path.parent.with_name("unplugged"))


def _unreadable(path: Path) -> None:
    os.chmod(path, 0)


def _from_another_pairing(path: Path) -> None:
    other = pair(path.parent.parent / "others")
    store = open_store(other.alex.home.data_file)
    add_walk(store)
    assert other.alex.publish(source_from(store)).written
    theirs = other.alex.pairing()
    assert theirs is not None
    shutil.copyfile(other.folder / theirs.my_file, path)


DAMAGE: dict[str, tuple[Callable[[Path], None], Problem]] = {
    "a byte flipped": (_flip_a_byte, Problem.DAMAGED),
    "cut short": (_cut_short, Problem.CUT_SHORT),
    "emptied": (_emptied, Problem.CUT_SHORT),
    "from a newer tracker": (_newer_version, Problem.NEWER_VERSION),
    "edited by hand": (_hand_edited, Problem.NOT_A_SHARE),
    "huge": (_huge, Problem.TOO_LARGE),
    "a link": (_a_link, Problem.NOT_A_FILE),
    "a folder": (_a_folder, Problem.NOT_A_FILE),
    "removed": (_removed, Problem.FILE_MISSING),
    "the folder unplugged": (_folder_unplugged, Problem.FOLDER_MISSING),
    "written with another key": (_from_another_pairing, Problem.OTHER_KEY),
}
if os.geteuid() != 0:  # root reads a file whatever its mode
    DAMAGE["unreadable"] = (_unreadable, Problem.CANNOT_READ)


@pytest.mark.parametrize("damage", DAMAGE)
def test_whatever_arrives_the_last_good_view_is_kept_and_the_problem_told(couple, damage):
    spoil, expected = DAMAGE[damage]
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    kept_today(couple)
    spoil(partner_file(couple))
    mark, problems, read = kept_today(couple, LATER + timedelta(hours=1))
    assert mark is not None and mark.status is MarkStatus.KEPT  # the view is kept
    assert problems == [expected]
    assert "Alex" in read.status.problems[0].message or expected is Problem.FOLDER_MISSING
    assert read.status.last_good_at == LATER  # and when it came


@pytest.mark.parametrize("damage", ["a byte flipped", "cut short", "written with another key"])
def test_after_a_bad_file_the_next_good_share_is_taken(couple, damage):
    store = alex_store(couple)
    walk = add_walk(store)
    published(couple, store)
    kept_today(couple)
    DAMAGE[damage][0](partner_file(couple))
    kept_today(couple)
    store.put_mark(Mark(walk.id, TODAY, MarkStatus.EXCUSED))
    published(couple, store, EVENING + timedelta(hours=2))
    mark, problems, _ = kept_today(couple, EVENING + timedelta(hours=3))
    assert mark is not None and mark.status is MarkStatus.EXCUSED
    assert problems == []


def test_before_the_partners_first_share_the_status_says_it_has_not_come(couple):
    read = couple.sam.read_partner(LATER)
    assert read.share is None
    assert [p.kind for p in read.status.problems] == [Problem.NOT_WRITTEN_YET]
    assert read.status.problems[0].message.startswith("Alex's tracker has not written")


def test_sync_tools_leftovers_and_other_files_are_ignored(couple):
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    theirs = partner_file(couple)
    stem = theirs.name.removesuffix(".tracker-share")
    junk = {
        f"{stem}.sync-conflict-20261125-203000-ABCDEF7.tracker-share": b"garbage",
        f"{stem} (Sam's conflicted copy 2026-11-25).tracker-share": b"older",
        f".syncthing.{theirs.name}.tmp": theirs.read_bytes()[:50],
        f"~syncthing~{theirs.name}.tmp": b"",
        f".tmp-{theirs.name}.123.deadbeef": b"half",
        "notes.txt": b"a person's own file",
        "0123456789abcdef0123456789abcdef.tracker-share": b"another pairing",
    }
    for name, data in junk.items():
        (couple.folder / name).write_bytes(data)
    (couple.folder / "sub").mkdir()
    mark, problems, _ = kept_today(couple)
    assert mark is not None and problems == []
    status = couple.sam.status(LATER)
    assert [p.kind for p in status.problems] == [Problem.UNKNOWN_SHARES]
    assert "1 share file from another pairing" in status.problems[0].message
    assert all((couple.folder / name).exists() for name in junk)  # nothing of theirs touched


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("0123456789abcdef0123456789abcdef.tracker-share", NameKind.SHARE),
        ("0123456789ABCDEF0123456789abcdef.tracker-share", NameKind.OTHER),
        (".syncthing.x.tracker-share.tmp", NameKind.TEMP),
        ("~syncthing~x.tmp", NameKind.TEMP),
        (".tmp-x.tracker-share.99.0a0b0c0d", NameKind.TEMP),
        ("x.sync-conflict-20261125-101010-ABCDEFG.tracker-share", NameKind.CONFLICT),
        ("x (Alex's conflicted copy 2026-11-25).tracker-share", NameKind.CONFLICT),
        ("x (conflicted copy 2026-11-25 101010).tracker-share", NameKind.CONFLICT),
        ("x_conflict-20261125-101010.tracker-share", NameKind.CONFLICT),
        ("holiday.jpg", NameKind.OTHER),
    ],
)
def test_names_are_told_apart(name, kind):
    assert classify(name) is kind


def test_the_folder_reveals_no_title_name_note_or_date(tmp_path):
    alex_name, sam_name = "Alexandra Quill", "Samuel Ferncastle"
    shared = tmp_path / "shared"
    alex = Sharing(tmp_path / "alex" / "tracker.json")
    sam = Sharing(tmp_path / "sam" / "tracker.json")
    sam.join(shared, alex.setup(shared, alex_name, EVENING).code, sam_name, EVENING)
    store = open_store(alex.home.data_file)
    store.save_settings(Settings(weekly_quality_minutes=245))
    promise = store.add_promise(
        Promise(
            "Phone away at the kitchen table",
            parse_schedule("daily"),
            TODAY - timedelta(days=40),
            why="Because Margaret asked me to",
        )
    )
    store.put_marks(Mark(promise.id, TODAY - timedelta(days=d), MarkStatus.KEPT) for d in range(30))
    store.add_quality(
        QualityTime(TODAY, 95, QualityKind.DATE_NIGHT, note="Riverside picnic by the willow")
    )
    note = store.add_note(Note(TODAY, "The unanswered voicemail", Trigger.NEGLECT))
    alex.set_choices(
        lambda _: ShareChoices(reasons=True, time_notes=True, shared_notes=frozenset({note.id}))
    )
    assert alex.publish(source_from(store)).written
    read = sam.read_partner(LATER)
    assert read.share is not None and read.share.notes  # all of it was shared...
    thanks = Acknowledgement(promise.id, TODAY, promise.title, LATER, "Saw it, Gratefully")
    sams = source_from(open_store(sam.home.data_file), LATER, acknowledgements=[thanks])
    assert sam.publish(sams).written
    secrets = [
        alex_name,
        sam_name,
        "Phone away",
        "kitchen table",
        "Margaret",
        "Riverside picnic",
        "unanswered voicemail",
        "Gratefully",
        TODAY.isoformat(),
        "date-night",
        "Europe/Berlin",
    ]
    assert leaks(shared, secrets) == []  # ...and none of it can be read in the folder
    assert leaks(alex.home.dir, ["Riverside picnic", "Gratefully"]) == []  # kept sealed too


def test_the_partners_last_share_is_kept_private_beside_the_data_file(couple):
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    couple.sam.read_partner(LATER)
    home = couple.sam.home
    assert stat.S_IMODE(os.stat(home.last_good_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(home.dir).st_mode) == 0o700
    assert leaks(home.dir, ["Walk together"]) == []


def test_a_view_survives_the_folder_going_away_and_coming_back(couple):
    store = alex_store(couple)
    add_walk(store)
    published(couple, store)
    kept_today(couple)
    couple.folder.rename(couple.folder.with_name("unplugged"))
    result = couple.alex.publish(source_from(store, LATER))
    assert not result.written
    assert result.problem is not None and result.problem.kind is Problem.FOLDER_MISSING
    assert "USB stick" in result.problem.message
    assert couple.alex.status(LATER).written_at == EVENING  # the last share that was written
    assert kept_today(couple)[1] == [Problem.FOLDER_MISSING]
    couple.folder.with_name("unplugged").rename(couple.folder)
    published(couple, store, LATER + timedelta(minutes=1))
    assert kept_today(couple, LATER + timedelta(minutes=2))[1] == []


def test_publishing_from_many_threads_never_reuses_a_number(couple):
    store = alex_store(couple)
    add_walk(store)
    numbers: list[int] = []

    def publish_some() -> None:
        for _ in range(5):
            result = couple.alex.publish(source_from(store))
            assert result.sequence is not None
            numbers.append(result.sequence)

    workers = [threading.Thread(target=publish_some) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert sorted(numbers) == list(range(1, 21))
    assert kept_today(couple)[0] is not None


def test_the_revision_changes_when_the_partners_file_does(couple):
    store = alex_store(couple)
    before = couple.sam.revision()
    published(couple, store)
    after_write = couple.sam.revision()
    assert after_write != before
    couple.sam.read_partner(LATER)
    assert couple.sam.revision() != after_write  # the last good share was kept


def test_the_leak_search_finds_text_hidden_in_the_usual_ways(tmp_path):
    import base64
    import zlib

    secret = "Riverside picnic"
    (tmp_path / "plain").write_bytes(b"xx" + secret.encode() + b"yy")
    (tmp_path / "packed").write_bytes(b"\x00\x01" + zlib.compress(secret.encode() * 3))
    (tmp_path / "encoded").write_bytes(base64.b64encode(secret.encode()))
    (tmp_path / "wide").write_bytes(secret.encode("utf-16-le"))
    (tmp_path / f"{secret}.txt").write_bytes(b"")
    assert len(leaks(tmp_path, [secret])) == 5


def _copy_shares(source: Path, target: Path) -> None:
    for path in source.iterdir():
        if classify(path.name) is NameKind.SHARE:
            shutil.copyfile(path, target / path.name)


delivery = st.one_of(
    st.just(("publish", 0, True)),
    st.tuples(st.just("deliver"), st.integers(0, 50), st.booleans()),
)


@settings(max_examples=25)
@given(steps=st.lists(delivery, max_size=12))
def test_the_partners_view_never_goes_back_whatever_order_copies_arrive_in(steps):
    """Alex publishes, and copies of Alex's file reach Sam in any order, whole or cut short:
    Sam's view is always the newest whole share delivered so far."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        alex_folder, sam_folder = root / "alex-share", root / "sam-share"
        sam_folder.mkdir()
        alex = Sharing(root / "alex" / "tracker.json")
        sam = Sharing(root / "sam" / "tracker.json")
        code = alex.setup(alex_folder, "Alex", EVENING).code
        _copy_shares(alex_folder, sam_folder)
        sam.join(sam_folder, code, "Sam", EVENING)
        _copy_shares(sam_folder, alex_folder)
        store = open_store(alex.home.data_file)
        walk = store.add_promise(
            Promise("Walk", parse_schedule("daily"), TODAY - timedelta(days=60))
        )
        snapshots: list[tuple[int, bytes]] = []
        newest_taken = 0
        for action, pick, whole in steps:
            if action == "publish":
                day = walk.start + timedelta(days=len(snapshots))
                store.put_mark(Mark(walk.id, day, MarkStatus.KEPT))
                result = alex.publish(source_from(store))
                assert result.sequence == len(snapshots) + 1
                pairing = alex.pairing()
                assert pairing is not None
                snapshots.append((result.sequence, (alex_folder / pairing.my_file).read_bytes()))
                continue
            if not snapshots:
                continue
            sequence, data = snapshots[pick % len(snapshots)]
            pairing = sam.pairing()
            assert pairing is not None
            (sam_folder / pairing.partner_file).write_bytes(data if whole else data[:-20])
            read = sam.read_partner(EVENING)
            kinds = [problem.kind for problem in read.status.problems]
            if not whole:
                assert kinds == [Problem.CUT_SHORT]
            elif sequence < newest_taken:
                assert kinds == [Problem.OLDER_SHARE]
            else:
                assert kinds == []
                newest_taken = sequence
            shown = 0 if read.share is None else len(read.share.marks_of(walk.id))
            assert shown == newest_taken  # one more kept day in each share


def test_a_killed_write_leaves_no_temporary_file_of_ours_behind(couple):
    store = alex_store(couple)
    published(couple, store)
    pairing = couple.alex.pairing()
    assert pairing is not None
    ours = couple.folder / f".tmp-{pairing.my_file}.4242.0badf00d"
    theirs = couple.folder / f".tmp-{pairing.partner_file}.4242.0badf00d"
    fresh = couple.folder / f".tmp-tracker-{pairing.my_file}.{os.getpid()}.0badf00d"
    dead = couple.folder / f".tmp-tracker-{pairing.my_file}.{dead_pid()}.0badf00d"
    hour_ago = time.time() - 3600
    for path in (ours, theirs, fresh, dead):
        path.write_bytes(b"half a share")
    for path in (ours, theirs):
        os.utime(path, (hour_ago, hour_ago))
    published(couple, store)
    assert not ours.exists()  # old: its writer gone or its number reused since
    assert not dead.exists()  # its writer is gone
    assert theirs.exists()  # the partner's: never ours to remove
    assert fresh.exists()  # being written right now by a tracker process still running


def test_a_link_planted_at_our_shares_name_is_named_with_what_to_do(couple, tmp_path):
    store = alex_store(couple)
    published(couple, store)
    pairing = couple.alex.pairing()
    assert pairing is not None
    ours = couple.folder / pairing.my_file
    victim = tmp_path / "victim.txt"
    victim.write_text("someone's words", encoding="utf-8")
    ours.unlink()
    ours.symlink_to(victim)
    result = couple.alex.publish(source_from(store, EVENING))
    assert not result.written and result.problem is not None
    assert result.problem.kind is Problem.IN_THE_WAY
    message = result.problem.message
    assert f"{ours} (a symbolic link to {victim})" in message
    assert "a file you did not write is in its place" in message
    assert "move it out of the folder" in message and "tracker share publish" in message
    assert victim.read_text(encoding="utf-8") == "someone's words" and ours.is_symlink()


def test_another_users_file_at_our_shares_name_is_named_never_run_as_them(couple, monkeypatch):
    store = alex_store(couple)
    published(couple, store)
    pairing = couple.alex.pairing()
    assert pairing is not None
    ours = couple.folder / pairing.my_file
    before = ours.read_bytes()
    mine = ours.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: mine + 1)  # we are someone else now
    result = couple.alex.publish(source_from(store, EVENING))
    assert not result.written and result.problem is not None
    message = result.problem.message
    assert f"{ours} (a file that belongs to user " in message
    assert "Run tracker as" not in message and "move it out of the folder" in message
    assert ours.read_bytes() == before
