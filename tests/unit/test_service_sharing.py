"""Sharing through the service: the one door both faces use. Pairing, choices, our share
written from the data, the partner's day by the rule of our own, and acknowledgements kept
in the data file (backed up, kept when sharing stops)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from app_support import EVENING, TODAY, add_promise, frozen_clock, open_store

from tracker.errors import TrackerError, ValidationError
from tracker.model import Mark, MarkStatus, Note, Trigger
from tracker.practices.records import Appreciation, Letter
from tracker.service import Tracker
from tracker.share.problems import Problem, ShareError
from tracker.share.sharing import PairingState
from tracker.store import kinds

LATER = EVENING + timedelta(minutes=5)
TOKYO = ZoneInfo("Asia/Tokyo")  # a zone file: the share names it


@dataclass
class Couple:
    alex: Tracker
    sam: Tracker
    folder: Path
    words: tuple[str, ...]


def tracker_in(folder: Path, moment: datetime = EVENING) -> Tracker:
    return Tracker(open_store(folder / "tracker.json"), frozen_clock(moment))


def paired(tmp_path: Path) -> Couple:
    alex, sam = tracker_in(tmp_path / "alex"), tracker_in(tmp_path / "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.sharing.setup(folder, "Alex").saved
    joined = sam.sharing.join(folder, invitation.code, "Sam").saved
    return Couple(alex, sam, folder, joined.safety_words)


def test_setting_up_pairing_and_comparing_the_words_through_the_service(tmp_path):
    alex, sam = tracker_in(tmp_path / "alex"), tracker_in(tmp_path / "sam")
    assert not alex.sharing.is_set_up()
    assert alex.sharing.request_publish() is None  # nothing to write, nothing asked
    folder = tmp_path / "Sync" / "us"
    setup = alex.sharing.setup(folder, "Alex")
    assert setup.saved.folder == folder and "Give your partner the code" in setup.message
    assert alex.sharing.is_set_up()
    waiting = alex.sharing.status()
    assert waiting.state is PairingState.WAITING and waiting.safety_words is None
    joined = sam.sharing.join(folder, setup.saved.code, "Sam")
    assert joined.saved.partner == "Alex" and "Compare the safety words" in joined.message
    status = alex.sharing.status()
    assert status.state is PairingState.PAIRED
    assert status.safety_words == joined.saved.safety_words
    assert status.partner == "Sam"


@pytest.mark.parametrize("first_look", ["share status", "partner today", "the app's poll"])
def test_once_the_answer_arrives_the_first_partners_share_is_written_at_once(tmp_path, first_look):
    """Alex changes nothing after pairing: Sam still sees Alex's day as soon as Alex's
    tracker has seen the answer, whichever way it looked."""
    couple = paired(tmp_path)
    add_promise(couple.alex._context.store, "Walk", kept_days=2)
    assert couple.sam.sharing.status().state is PairingState.PAIRED
    with pytest.raises(TrackerError, match="has not written a share"):
        couple.sam.sharing.day()
    look = {
        "share status": couple.alex.sharing.status,
        "partner today": couple.alex.sharing.read,
        "the app's poll": couple.alex.sharing.view,
    }[first_look]
    look()
    status = couple.alex.sharing.status()
    assert status.written_sequence == 1 and status.written_at == EVENING
    [row] = couple.sam.sharing.day().rows
    assert row.promise.title == "Walk" and row.streak == 2
    look()  # once only: later shares follow changes, as usual
    assert couple.alex.sharing.status().written_sequence == 1


def test_a_share_that_could_not_be_written_is_written_once_the_folder_is_back(tmp_path):
    """A USB stick unplugged during a check-off: the next look at the folder after it is
    back writes our share, with no new change and no `share publish`."""
    couple = paired(tmp_path)
    alex = couple.alex
    walk = add_promise(alex._context.store, "Walk")
    couple.sam.sharing.status()
    before = alex.sharing.status().written_sequence  # the first share, written on pairing
    assert before == 1
    unplugged = couple.folder.with_name("unplugged")
    couple.folder.rename(unplugged)
    alex.marks.check_off(walk, TODAY)
    published = alex.sharing.publish()  # what the debounced publish after the change does
    assert not published.written and published.problem is not None
    assert published.problem.kind is Problem.FOLDER_MISSING
    gone = alex.sharing.status()  # nothing can be written now: said plainly, no attempt
    assert [problem.kind for problem in gone.problems] == [Problem.FOLDER_MISSING]
    assert not couple.folder.exists()  # the missing folder is not made up
    unplugged.rename(couple.folder)
    back = alex.sharing.read()
    assert back.status.problems == ()
    assert alex.sharing.status().written_sequence == before + 2  # the failed try counted
    assert [row.status.value for row in couple.sam.sharing.day().rows] == ["kept"]
    alex.sharing.status()  # up to date now: not written again
    assert alex.sharing.status().written_sequence == before + 2


@pytest.mark.parametrize(
    "where",
    ["the data folder", "the data file", "the marks folder", "the backups", "tracker's keys"],
)
def test_setup_refuses_a_folder_that_holds_the_data_file_or_lies_in_trackers_own(tmp_path, where):
    alex = tracker_in(tmp_path / "alex")
    add_promise(alex._context.store, "Walk")  # the data file and its marks folder exist
    data = alex.data_path
    folder = {
        "the data folder": data.parent,
        "the data file": data,
        "the marks folder": alex._context.store.marks_dir / "us",
        "the backups": alex._context.store.backup_dir / "us",
        "tracker's keys": alex.sharing.files.home.dir / "us",
    }[where]
    with pytest.raises(ShareError):
        alex.sharing.setup(folder, "Alex")
    assert not alex.sharing.is_set_up()


def test_setup_refuses_when_the_data_file_sits_in_the_synced_folder_it_would_share(tmp_path):
    sync = tmp_path / "Sync"
    (sync / ".stfolder").mkdir(parents=True)
    alex = tracker_in(sync / "tracker")
    with pytest.raises(ShareError, match="Syncthing keeps in step"):
        alex.sharing.setup(sync / "us", "Alex")
    # A folder synced apart from the data file is what sharing is for.
    elsewhere = tracker_in(tmp_path / "home" / "data")
    assert elsewhere.sharing.setup(sync / "us", "Alex").saved.folder == sync / "us"


def test_our_share_is_written_from_the_data_and_the_partner_sees_the_day_by_our_own_rule(
    tmp_path,
):
    couple = paired(tmp_path)
    store = couple.alex._context.store
    walk = add_promise(store, "Evening walk", kept_days=3)
    forgot = add_promise(store, "Text when late", kept_days=0)
    couple.alex.marks.check_off(walk, TODAY)
    published = couple.alex.sharing.publish()
    assert published.written and published.sequence == 1

    day = couple.sam.sharing.day()
    rows = {row["title"]: row for row in day.to_json()}
    assert rows["Evening walk"]["status"] == "kept" and rows["Evening walk"]["streak"] == 4
    assert rows["Text when late"]["status"] == "open"
    assert {row["partner"] for row in rows.values()} == {"Alex"}
    # Yesterday as it stands now: what Alex's own `today --date yesterday` shows.
    yesterday = TODAY - timedelta(days=1)
    theirs = couple.alex.marks.day(yesterday)
    ours = couple.sam.sharing.day(yesterday)
    assert [(r.promise.title, r.status, r.due) for r in ours.rows] == [
        (r.promise.title, r.status, r.due) for r in theirs.rows
    ]
    assert {r.promise.id: r.status.value for r in ours.rows}[forgot.id] == "missed"


def test_a_kept_promise_noticed_is_kept_in_the_data_file_and_reaches_the_partners_rows(tmp_path):
    couple = paired(tmp_path)
    store = couple.alex._context.store
    walk = add_promise(store, "Evening walk")
    couple.alex.marks.check_off(walk, TODAY)
    couple.alex.sharing.publish()

    share = couple.sam.sharing.shared()
    found = couple.sam.sharing.find_promise(share, "walk")
    change = couple.sam.sharing.notice(share, found, TODAY, "Loved our walk 🌙")
    assert (
        change.message
        == "Noticed: Alex kept 'Evening walk' today. Alex sees it with your next share."
    )
    assert [a.message for a in couple.sam.sharing.given()] == ["Loved our walk 🌙"]
    # In Sam's data file, as a table of its own (so backups and exports carry it).
    sams_file = json.loads(couple.sam.data_path.read_text(encoding="utf-8"))
    assert [doc["message"] for doc in sams_file["acknowledgements"].values()] == [
        "Loved our walk 🌙"
    ]
    # Noticing again replaces the message; undo puts the first one back.
    again = couple.sam.sharing.notice(share, found, TODAY, "thank you, really")
    assert [a.message for a in couple.sam.sharing.given()] == ["thank you, really"]
    assert again.undo is not None
    again.undo.run()
    assert [a.message for a in couple.sam.sharing.given()] == ["Loved our walk 🌙"]

    # Sam's share carries it; Alex's own row for the day gains "noticed".
    assert couple.alex.sharing.noticed_by_partner() == {}
    couple.sam.sharing.publish()
    noticed = couple.alex.sharing.noticed_by_partner()
    assert noticed[(walk.id, TODAY)].to_json() == {
        "by": "Sam",
        "at": EVENING.isoformat(),
        "message": "Loved our walk 🌙",
    }
    view = couple.alex.sharing.view()
    assert [(line.by_you, line.who) for line in view.acknowledgements] == [(False, "Sam")]
    sams_view = couple.sam.sharing.view()
    assert sams_view.day is not None and sams_view.day.noticed[walk.id].by == "Sam"

    # The acknowledgement is Sam's data: backed up with it, kept when sharing stops.
    backup = couple.sam.backups.take().saved
    assert "Loved our walk" in Path(backup).read_text(encoding="utf-8")
    couple.sam.sharing.stop()
    assert not couple.sam.sharing.is_set_up()
    assert [a.message for a in couple.sam.sharing.given()] == ["Loved our walk 🌙"]


def test_only_a_kept_promise_can_be_noticed_and_nothing_is_written_otherwise(tmp_path):
    couple = paired(tmp_path)
    store = couple.alex._context.store
    walk = add_promise(store, "Evening walk")
    store.put_mark(Mark(walk.id, TODAY - timedelta(days=1), MarkStatus.MISSED))
    couple.alex.sharing.publish()
    share = couple.sam.sharing.shared()
    for day in (TODAY, TODAY - timedelta(days=1)):
        with pytest.raises(ValidationError, match="only a kept promise can be noticed"):
            couple.sam.sharing.notice(share, share.promises[0], day)
    couple.alex.marks.check_off(walk, TODAY)
    couple.alex.sharing.publish()
    kept = couple.sam.sharing.shared()
    with pytest.raises(ValidationError, match="control character"):
        couple.sam.sharing.notice(kept, kept.promises[0], TODAY, "\x1b[31mred")
    assert couple.sam.sharing.given() == []


def test_without_a_share_the_partners_views_say_why_in_plain_words(tmp_path):
    lonely = tracker_in(tmp_path / "lonely")
    with pytest.raises(TrackerError, match="Sharing is not set up"):
        lonely.sharing.day()
    assert lonely.sharing.noticed_by_partner() == {}
    assert lonely.sharing.view().status.state is PairingState.NOT_SET_UP

    couple = paired(tmp_path)
    with pytest.raises(TrackerError, match="Alex's tracker has not written a share"):
        couple.sam.sharing.streaks()
    couple.alex.sharing.publish()
    assert couple.sam.sharing.streaks().partner == "Alex"
    couple.alex.sharing.stop()
    with pytest.raises(TrackerError, match="Alex stopped sharing on 2026-11-25"):
        couple.sam.sharing.day()


def test_the_choices_change_what_the_next_share_holds_and_can_be_taken_back(tmp_path):
    couple = paired(tmp_path)
    store = couple.alex._context.store
    walk = add_promise(store, "Evening walk")
    secret = add_promise(store, "A private promise")
    note = store.add_note(Note(TODAY, "The unanswered voicemail", Trigger.NEGLECT))
    letter = store.add_record(
        kinds.LETTERS, Letter(title="What trust means", body="It means...", written_on=TODAY)
    )
    store.add_record(kinds.APPRECIATIONS, Appreciation(text="You made soup", day=TODAY))
    sharing = couple.alex.sharing

    assert sharing.set_choice("time", False).message == "Your share no longer shares time."
    kept_private = sharing.share_promise(secret, False)
    assert "kept private" in kept_private.message
    sharing.share_note(note, True)
    shared_letter = sharing.share_letter(letter, True)
    assert shared_letter.saved.shared and sharing.letter(letter.id).shared
    status = sharing.status()
    assert "1 letter you chose to share" in status.partner_can_see
    assert "1 forgiveness note you chose to share" in status.partner_can_see
    assert not any("time together" in line for line in status.partner_can_see)
    assert sharing.publish().written

    share = couple.sam.sharing.shared()
    assert [p.title for p in share.promises] == ["Evening walk"]
    assert share.quality == () and [n.what_happened for n in share.notes] == [
        "The unanswered voicemail"
    ]
    assert [x.title for x in share.letters] == ["What trust means"]
    assert [a.text for a in share.appreciations] == ["You made soup"]
    counts = sharing.status().shared
    assert counts is not None
    assert (counts.promises, counts.time_entries, counts.notes) == (1, None, 1)
    assert (counts.practices["letters"], counts.practices["bids"]) == (1, None)

    assert kept_private.undo is not None and shared_letter.undo is not None
    kept_private.undo.run()
    shared_letter.undo.run()
    assert not sharing.letter(letter.id).shared
    sharing.publish()
    again = couple.sam.sharing.shared()
    assert [p.title for p in again.promises] == ["Evening walk", "A private promise"]
    assert again.letters == ()
    assert walk.id in {p.id for p in again.promises}
    with pytest.raises(ValidationError, match="not something you can share"):
        sharing.set_choice("passwords", True)


def test_a_burst_of_changes_is_written_once_by_the_latest_request(tmp_path):
    couple = paired(tmp_path)
    sharing = couple.alex.sharing
    tokens = [sharing.request_publish() for _ in range(3)]
    assert all(tokens)
    assert [sharing.publish_if_latest(token) for token in tokens[:2]] == [None, None]
    latest = sharing.publish_if_latest(tokens[-1])
    assert latest is not None and latest.written


def test_the_partners_day_is_theirs_in_their_zone_and_a_day_their_share_does_not_reach_is_open(
    tmp_path,
):
    couple = paired(tmp_path)
    # Alex lives in Tokyo: when it is Wednesday evening in Berlin, it is Thursday there.
    in_tokyo = Tracker(couple.alex._context.store, replace(frozen_clock(EVENING), zone=TOKYO))
    walk = add_promise(in_tokyo._context.store, "Morning run", kept_days=0)
    thursday = date(2026, 11, 26)
    in_tokyo.marks.check_off(walk, thursday)
    in_tokyo.sharing.publish()
    day = couple.sam.sharing.day()
    assert (day.day, day.is_behind) == (thursday, False)
    assert [(row.promise.title, row.status.value) for row in day.rows] == [("Morning run", "kept")]
    # A day on, Alex's tracker has not written again: their Friday is not judged yet.
    a_day_later = tracker_in(tmp_path / "sam", EVENING + timedelta(days=1)).sharing.day()
    assert (a_day_later.day, a_day_later.is_behind) == (date(2026, 11, 27), True)
    assert [row.status.value for row in a_day_later.rows] == ["future"]


def test_a_damaged_share_keeps_the_last_good_view_and_says_so(tmp_path):
    couple = paired(tmp_path)
    add_promise(couple.alex._context.store, "Evening walk")
    couple.alex.sharing.publish()
    assert couple.sam.sharing.view().share is not None
    pairing = couple.alex.sharing.files.pairing()
    assert pairing is not None
    share_file = couple.folder / pairing.my_file
    data = bytearray(share_file.read_bytes())
    data[-3] ^= 0xFF
    share_file.write_bytes(bytes(data))
    later = tracker_in(tmp_path / "sam", LATER).sharing.view()
    assert later.share is not None and later.day is not None
    assert [p.kind for p in later.status.problems] == [Problem.DAMAGED]
    assert later.status.last_good_at == EVENING


def test_the_ignore_line_the_sharing_guide_and_the_app_give_matches_trackers_temporary_files():
    from syncthing import STIGNORE

    from tracker.store.files import TEMP_PREFIX
    from tracker.ui.partner_text import STIGNORE_LINE

    sharing_guide = Path(__file__).resolve().parents[2] / "docs" / "sharing.md"
    assert f"\n       {STIGNORE_LINE}\n" in sharing_guide.read_text(encoding="utf-8")
    assert STIGNORE.strip() == STIGNORE_LINE == f"(?d){TEMP_PREFIX}*"
