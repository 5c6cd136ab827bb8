"""Sharing with a plain folder copy in between (a USB stick): copies that arrive cut short, out
of order or twice never cost the partner's view, and the story still gets through."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from share_support import BERLIN, Stick, leaks, open_store, source_from

from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.share import views
from tracker.share.problems import Problem
from tracker.share.sharing import PairingState, Sharing
from tracker.store import Store

MONDAY = date(2026, 11, 23)
TITLE = "Phone away at the kitchen table"


def evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 21, 0, tzinfo=BERLIN)


def kept_days(sharing: Sharing, now: datetime) -> tuple[list[str], list[Problem]]:
    """The days Sam's tracker shows Alex's promise kept, and the problems it reports."""
    read = sharing.read_partner(now)
    problems = [problem.kind for problem in read.status.problems]
    if read.share is None:
        return [], problems
    (promise,) = read.share.promises
    marks = read.share.marks_of(promise.id)
    return sorted(day.isoformat() for day in marks), problems


def check_off(store: Store, promise: Promise, day: date) -> None:
    store.put_mark(Mark(promise.id, day, MarkStatus.KEPT))


def test_a_usb_stick_carries_the_story_through_whatever_order_copies_arrive_in(tmp_path):
    alex_folder, sam_folder = tmp_path / "alex-share", tmp_path / "sam-share"
    sam_folder.mkdir()
    stick = Stick(tmp_path / "stick")
    alex = Sharing(tmp_path / "alex" / "tracker.json")
    sam = Sharing(tmp_path / "sam" / "tracker.json")

    # Pairing: the invitation goes over on the stick, the answer comes back on it.
    code = alex.setup(alex_folder, "Alex", evening(MONDAY)).code
    stick.hand_over(stick.take(alex_folder), sam_folder)
    joined = sam.join(sam_folder, code, "Sam", evening(MONDAY))
    assert alex.status(evening(MONDAY)).state is PairingState.WAITING
    stick.hand_over(stick.take(sam_folder), alex_folder)
    status = alex.status(evening(MONDAY))
    assert status.state is PairingState.PAIRED
    assert status.safety_words == joined.safety_words

    store = open_store(alex.home.data_file)
    walk = store.add_promise(Promise(TITLE, parse_schedule("daily"), MONDAY))

    def alex_shares(day: date) -> Path:
        check_off(store, walk, day)
        assert alex.publish(source_from(store, evening(day))).written
        return stick.take(alex_folder)

    monday = alex_shares(MONDAY)

    # A copy cut short (the stick pulled out too soon): nothing shown, nothing broken.
    stick.hand_over(monday, sam_folder, cut_short=True)
    assert kept_days(sam, evening(MONDAY)) == ([], [Problem.CUT_SHORT])
    stick.hand_over(monday, sam_folder)
    assert kept_days(sam, evening(MONDAY)) == (["2026-11-23"], [])

    # Two more days; the later copy arrives first, the earlier one after it.
    tuesday = alex_shares(MONDAY + timedelta(days=1))
    wednesday = alex_shares(MONDAY + timedelta(days=2))
    stick.hand_over(wednesday, sam_folder)
    all_three = ["2026-11-23", "2026-11-24", "2026-11-25"]
    assert kept_days(sam, evening(MONDAY + timedelta(days=2))) == (all_three, [])
    stick.hand_over(tuesday, sam_folder)
    days, problems = kept_days(sam, evening(MONDAY + timedelta(days=2)))
    assert (days, problems) == (all_three, [Problem.OLDER_SHARE])

    # The same copy twice: taken once, no problem, no new "last good" time.
    stick.hand_over(wednesday, sam_folder)
    first = sam.read_partner(evening(MONDAY + timedelta(days=2)))
    stick.hand_over(wednesday, sam_folder)
    again = sam.read_partner(evening(MONDAY + timedelta(days=3)))
    assert again.status.problems == ()
    assert again.status.last_good_at == first.status.last_good_at

    # Sam's thanks go back on the stick; a cut-short copy first, then a whole one.
    share = again.share
    assert share is not None
    thanks = views.acknowledge(share, share.promises[0], MONDAY, evening(MONDAY), "Thank you")
    sam_store = open_store(sam.home.data_file)
    later = evening(MONDAY + timedelta(days=3))
    assert sam.publish(source_from(sam_store, later, acknowledgements=[thanks])).written
    thanks = stick.take(sam_folder)
    stick.hand_over(thanks, alex_folder, cut_short=True)
    read = alex.read_partner(evening(MONDAY + timedelta(days=3)))
    assert views.noticed_by_partner(read.share) == {}
    assert [p.kind for p in read.status.problems] == [Problem.CUT_SHORT]
    stick.hand_over(thanks, alex_folder)
    read = alex.read_partner(evening(MONDAY + timedelta(days=3)))
    assert views.noticed_by_partner(read.share)[(walk.id, MONDAY)].message == "Thank you"

    # The stick's copies say nothing either; and with the folder gone the view stays.
    assert leaks(stick.root, [TITLE, "Thank you", "2026-11-23"]) == []
    shutil.rmtree(sam_folder)
    days, problems = kept_days(sam, evening(MONDAY + timedelta(days=4)))
    assert (days, problems) == (all_three, [Problem.FOLDER_MISSING])
