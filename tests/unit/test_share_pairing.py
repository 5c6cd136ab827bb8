"""Pairing two trackers through a folder: the code, the safety words, the key file, stopping."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import msgspec
import pytest
from share_support import EVENING, leaks, open_store, pair, source_from

from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.share.problems import Problem, ShareError
from tracker.share.sharing import PairingState, Sharing


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_joining_with_the_code_pairs_both_sides_with_the_same_safety_words(tmp_path):
    couple = pair(tmp_path)
    alex, sam = couple.alex.status(EVENING), couple.sam.status(EVENING)
    assert alex.state is sam.state is PairingState.PAIRED
    assert alex.safety_words == sam.safety_words == couple.safety_words
    assert len(couple.safety_words) == 6
    assert (alex.partner, sam.partner) == ("Sam", "Alex")


def test_the_first_partner_waits_for_the_answer_and_writes_nothing_meanwhile(tmp_path):
    alex = Sharing(tmp_path / "alex" / "tracker.json")
    invitation = alex.setup(tmp_path / "shared", "Alex", EVENING)
    assert invitation.code.count("-") == 6
    status = alex.status(EVENING)
    assert status.state is PairingState.WAITING
    assert status.safety_words is None
    assert [p.kind for p in status.problems] == [Problem.WAITING_FOR_PARTNER]
    store = open_store(tmp_path / "alex" / "tracker.json")
    published = alex.publish(source_from(store))
    assert not published.written
    assert published.problem is not None
    assert published.problem.kind is Problem.WAITING_FOR_PARTNER
    assert len(list((tmp_path / "shared").iterdir())) == 1  # the invitation alone


def test_the_hellos_leave_the_folder_once_both_sides_are_paired(tmp_path):
    couple = pair(tmp_path)
    assert len(list(couple.folder.iterdir())) == 2  # the two hellos
    alex_store = open_store(tmp_path / "alex" / "tracker.json")
    sam_store = open_store(tmp_path / "sam" / "tracker.json")
    assert couple.alex.publish(source_from(alex_store)).written  # finishes, drops its hello
    couple.sam.read_partner(EVENING)  # reads a share under the pair key: drops its hello
    assert couple.sam.publish(source_from(sam_store)).written
    names = sorted(p.name for p in couple.folder.iterdir())
    pairing = couple.alex.pairing()
    assert pairing is not None
    assert names == sorted([pairing.my_file, pairing.partner_file])


def test_a_code_is_good_for_one_pairing_only(tmp_path):
    couple = pair(tmp_path)
    couple.alex.status(EVENING)  # Alex's tracker takes Sam's answer
    late = Sharing(tmp_path / "eve" / "tracker.json")
    with pytest.raises(ShareError, match="No invitation"):
        late.join(couple.folder, couple.code, "Eve", EVENING)


def test_whoever_answers_in_the_partners_place_shows_other_safety_words(tmp_path):
    """Eve got the code and answers first: Alex pairs with her, and the words Alex reads
    differ from those Sam reads out, so the two find out when they compare."""
    shared = tmp_path / "shared"
    alex = Sharing(tmp_path / "alex" / "tracker.json")
    code = alex.setup(shared, "Alex", EVENING).code
    eve = Sharing(tmp_path / "eve" / "tracker.json").join(shared, code, "Sam", EVENING)
    alex_words = alex.status(EVENING).safety_words
    assert alex_words == eve.safety_words
    sam = Sharing(tmp_path / "sam" / "tracker.json")
    with pytest.raises(ShareError, match="No invitation"):
        sam.join(shared, code, "Sam", EVENING)


def test_a_mistyped_code_is_refused_before_anything_is_written(tmp_path):
    shared = tmp_path / "shared"
    code = Sharing(tmp_path / "alex" / "tracker.json").setup(shared, "Alex", EVENING).code
    typo = ("B" if code[0] != "B" else "C") + code[1:]
    sam = Sharing(tmp_path / "sam" / "tracker.json")
    with pytest.raises(ValidationError, match="typo"):
        sam.join(shared, typo, "Sam", EVENING)
    assert sam.pairing() is None
    assert len(list(shared.iterdir())) == 1


def test_joining_before_the_invitation_arrived_says_to_wait_for_the_sync_tool(tmp_path):
    code = Sharing(tmp_path / "alex" / "tracker.json").setup(tmp_path / "a", "Alex", EVENING).code
    (tmp_path / "b").mkdir()
    sam = Sharing(tmp_path / "sam" / "tracker.json")
    with pytest.raises(ShareError, match="wait for your sync tool"):
        sam.join(tmp_path / "b", code, "Sam", EVENING)
    with pytest.raises(ShareError, match="is not there"):
        sam.join(tmp_path / "nowhere", code, "Sam", EVENING)
    assert sam.pairing() is None


def test_an_invitation_cut_short_by_the_sync_tool_says_to_wait(tmp_path):
    shared = tmp_path / "shared"
    code = Sharing(tmp_path / "alex" / "tracker.json").setup(shared, "Alex", EVENING).code
    (invitation,) = shared.iterdir()
    invitation.write_bytes(invitation.read_bytes()[:60])
    with pytest.raises(ShareError, match="not fully arrived"):
        Sharing(tmp_path / "sam" / "tracker.json").join(shared, code, "Sam", EVENING)


@pytest.mark.parametrize("where", ["the data file's folder", "a folder above it"])
def test_a_folder_that_holds_the_data_file_is_refused(tmp_path, where):
    data_file = tmp_path / "Sync" / "tracker" / "tracker.json"
    folder = data_file.parent if where == "the data file's folder" else tmp_path / "Sync"
    with pytest.raises(ShareError, match="holds your data file"):
        Sharing(data_file).setup(folder, "Alex", EVENING)
    assert not folder.exists() or not any(folder.rglob("*.tracker-share"))


def test_setting_up_twice_is_refused_until_sharing_is_stopped(tmp_path):
    couple = pair(tmp_path)
    with pytest.raises(ShareError, match="already set up with Sam"):
        couple.alex.setup(tmp_path / "other", "Alex", EVENING)
    with pytest.raises(ShareError, match="already set up with Alex"):
        couple.sam.join(couple.folder, couple.code, "Sam", EVENING)


@pytest.mark.parametrize("name", ["", "   ", "Al\x1bex", "x" * 41])
def test_a_name_the_partner_could_not_read_plainly_is_refused(tmp_path, name):
    sharing = Sharing(tmp_path / "alex" / "tracker.json")
    with pytest.raises(ValidationError):
        sharing.setup(tmp_path / "shared", name, EVENING)
    assert sharing.pairing() is None


def test_the_key_file_is_private_and_forgets_the_code_once_paired(tmp_path):
    couple = pair(tmp_path)
    couple.alex.status(EVENING)
    for sharing in (couple.alex, couple.sam):
        home = sharing.home
        assert _mode(home.dir) == 0o700
        assert _mode(home.pairing_path) == 0o600
        doc = msgspec.json.decode(home.pairing_path.read_bytes())
        assert doc["secret"] is None and doc["private_key"] is None
        assert doc["key"] is not None
    assert couple.alex.home.dir == tmp_path / "alex" / "tracker.share"


def test_a_key_file_replaced_by_a_link_is_not_followed(tmp_path):
    couple = pair(tmp_path)
    home = couple.sam.home
    decoy = tmp_path / "decoy.json"
    decoy.write_bytes(home.pairing_path.read_bytes())
    home.pairing_path.unlink()
    home.pairing_path.symlink_to(decoy)
    with pytest.raises(ShareError, match="symbolic link"):
        couple.sam.status(EVENING)


def test_a_damaged_key_file_is_reported_with_a_way_back_and_left_alone(tmp_path):
    couple = pair(tmp_path)
    path = couple.sam.home.pairing_path
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(ShareError, match="share stop") as error:
        couple.sam.status(EVENING)
    assert str(path) in str(error.value)
    assert len(path.read_bytes()) == 40
    assert couple.sam.stop(EVENING).was_damaged  # the way back works on a damaged file too
    assert couple.sam.pairing() is None
    assert not couple.sam.home.dir.exists()


def test_stopping_tells_the_partner_and_forgets_everything_here(tmp_path):
    couple = pair(tmp_path)
    store = open_store(tmp_path / "alex" / "tracker.json")
    promise = store.add_promise(
        Promise("Walk together", parse_schedule("daily"), EVENING.date() - timedelta(days=3))
    )
    store.put_mark(Mark(promise.id, EVENING.date(), MarkStatus.KEPT))
    couple.alex.publish(source_from(store))
    assert couple.sam.read_partner(EVENING).share is not None
    stopped = couple.alex.stop(EVENING + timedelta(hours=1))
    assert stopped.partner == "Sam" and stopped.left_behind is None
    assert not couple.alex.home.dir.exists()
    assert couple.alex.status(EVENING).state is PairingState.NOT_SET_UP
    read = couple.sam.read_partner(EVENING + timedelta(hours=2))
    assert read.share is None
    assert read.status.partner_stopped
    assert [p.kind for p in read.status.problems] == [Problem.PARTNER_STOPPED]
    assert "Alex stopped sharing on 2026-11-25" in read.status.problems[0].message
    assert leaks(couple.folder, ["Walk together"]) == []
    # Sam keeps no copy of what Alex took back: the last share kept is the "stopped" one.
    assert read.status.last_good_at == EVENING + timedelta(hours=2)


def test_stopping_while_the_folder_is_gone_says_what_was_left_behind(tmp_path):
    couple = pair(tmp_path)
    couple.alex.status(EVENING)
    couple.folder.rename(tmp_path / "unplugged")
    stopped = couple.sam.stop(EVENING)
    assert stopped.left_behind is not None
    assert stopped.left_behind.parent == couple.folder
    assert couple.sam.pairing() is None


def test_stopping_when_nothing_is_set_up_says_how_to_set_it_up(tmp_path):
    with pytest.raises(ShareError, match="share setup"):
        Sharing(tmp_path / "tracker.json").stop(EVENING)


def test_an_answer_still_arriving_keeps_the_first_partner_waiting_calmly(tmp_path):
    shared = tmp_path / "shared"
    alex = Sharing(tmp_path / "alex" / "tracker.json")
    code = alex.setup(shared, "Alex", EVENING).code
    before = set(shared.iterdir())
    Sharing(tmp_path / "sam" / "tracker.json").join(shared, code, "Sam", EVENING)
    (answer,) = set(shared.iterdir()) - before
    whole = answer.read_bytes()
    answer.write_bytes(whole[:50])
    status = alex.status(EVENING)
    assert status.state is PairingState.WAITING
    assert [p.kind for p in status.problems] == [Problem.WAITING_FOR_PARTNER]
    answer.write_bytes(whole)
    assert alex.status(EVENING).state is PairingState.PAIRED
