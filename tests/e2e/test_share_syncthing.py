"""Two partners, two trackers, two real Syncthing instances on 127.0.0.1: a check-off on one
side shows on the other within seconds, and the acknowledgement comes back the same way."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from share_support import leaks, open_store, source_from
from syncthing import syncthing_pair, wait_until

from tracker.daybreak import local_day
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.share import views
from tracker.share.problems import ShareError
from tracker.share.sharing import Joined, PairingState, Sharing

BERLIN_NAME = "Europe/Berlin"
ALEX, SAM = "Alexandra Quill", "Samuel Ferncastle"
TITLE = "Evening walk by the canal"
MESSAGE = "Saw it, gratefully"
WITHIN = 30.0  # seconds: what the issue promises, sync included

pytestmark = pytest.mark.slow


def now() -> datetime:
    return datetime.now(tz.gettz(BERLIN_NAME))


def test_a_check_off_reaches_the_partner_through_syncthing_and_the_thanks_come_back(
    tmp_path: Path,
):
    alex = Sharing(tmp_path / "alex" / "data" / "tracker.json")
    sam = Sharing(tmp_path / "sam" / "data" / "tracker.json")
    with syncthing_pair(tmp_path / "sync") as (alex_sync, sam_sync):
        instances = (alex_sync, sam_sync)
        code = alex.setup(alex_sync.folder, ALEX, now()).code

        def try_joining() -> Joined | None:
            try:
                return sam.join(sam_sync.folder, code, SAM, now())
            except ShareError as error:
                assert "No invitation" in str(error) or "not fully arrived" in str(error)
                return None

        joined = wait_until(try_joining, WITHIN, "Alex's invitation to reach Sam", instances)
        assert joined.partner == ALEX
        paired = wait_until(
            lambda: alex.status(now()).state is PairingState.PAIRED,
            WITHIN,
            "Sam's answer to reach Alex",
            instances,
        )
        assert paired
        assert alex.status(now()).safety_words == joined.safety_words

        # Alex checks off a promise; the share is written as the service will do it.
        store = open_store(alex.home.data_file)
        today = local_day(now(), store.settings().day_starts_at)
        walk = store.add_promise(Promise(TITLE, parse_schedule("daily"), today - timedelta(days=6)))
        store.put_mark(Mark(walk.id, today, MarkStatus.KEPT))
        assert alex.publish(source_from(store, now(), BERLIN_NAME)).written
        written = time.monotonic()

        def sams_view_of_the_walk() -> dict | None:
            share = sam.read_partner(now()).share
            if share is None:
                return None
            rows = views.partner_day(share, now()).to_json()
            return rows[0] if rows and rows[0]["status"] == "kept" else None

        row = wait_until(sams_view_of_the_walk, WITHIN, "Sam to see the walk kept", instances)
        seen_after = time.monotonic() - written
        assert (row["title"], row["partner"], row["date"]) == (TITLE, ALEX, today.isoformat())
        assert seen_after < WITHIN

        # Sam notices; Sam's tracker shares it; Alex's own row gains "noticed".
        share = sam.read_partner(now()).share
        assert share is not None
        thanks = views.acknowledge(share, share.promises[0], today, now(), MESSAGE)
        sam_store = open_store(sam.home.data_file)
        assert sam.publish(source_from(sam_store, now(), BERLIN_NAME, [thanks])).written

        def noticed_on_alexs_side() -> views.Noticed | None:
            return views.noticed_by_partner(alex.read_partner(now()).share).get((walk.id, today))

        noticed = wait_until(noticed_on_alexs_side, WITHIN, "Sam's thanks to reach Alex", instances)
        assert (noticed.by, noticed.message) == (SAM, MESSAGE)
        assert store.marks_of(walk.id)[today].status is MarkStatus.KEPT

        # What travelled through Syncthing says nothing to anyone without the key.
        for folder in (alex_sync.folder, sam_sync.folder):
            assert leaks(folder, [ALEX, SAM, TITLE, MESSAGE, today.isoformat()]) == []
            assert not [p for p in folder.iterdir() if "conflict" in p.name]
        assert alex.status(now()).problems == () and sam.status(now()).problems == ()
    assert alex_sync.process is None and sam_sync.process is None  # stopped, by their pid
