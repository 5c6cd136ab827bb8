"""The partner's views, from their share: the same day and streaks their own tracker shows,
judged in their time zone, never scolding for what their share cannot know yet."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from share_support import EVENING, TODAY, demo_store, open_store, pair, source_from

from tracker.errors import AmbiguousNameError, ValidationError
from tracker.model import Mark, MarkStatus, Promise, QualityKind, QualityTime, Settings
from tracker.schedule import parse_schedule
from tracker.share import views, zones
from tracker.share.payload import SharedData
from tracker.store import Store

TOKYO = tz.gettz("Asia/Tokyo")
LOS_ANGELES = tz.gettz("America/Los_Angeles")


def shared_through_a_folder(tmp_path: Path, store: Store, now: datetime, zone: str) -> SharedData:
    couple = pair(tmp_path / "pair", now)
    assert couple.alex.publish(source_from(store, now, zone)).written
    read = couple.sam.read_partner(now)
    assert read.share is not None
    return read.share


def cli_json(data_file: Path, *command: str) -> list[dict]:
    env = {**os.environ, "TRACKER_NOW": "2026-11-25T20:30:00", "TZ": "Europe/Berlin"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(data_file), *command, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The five-year demo, shared by Alex and read by Sam at the same moment."""
    root = tmp_path_factory.mktemp("demo")
    store = demo_store(root)
    return store, shared_through_a_folder(root, store, EVENING, "Europe/Berlin")


@pytest.mark.parametrize("day", [None, "2026-11-20", "2026-09-01", "2026-11-27"])
def test_the_partners_day_is_their_own_today_json_plus_who_and_when(demo, day):
    store, share = demo
    shown = None if day is None else date.fromisoformat(day)
    theirs = cli_json(store.path, "today", *(["--date", day] if day else []))
    ours = views.partner_day(share, EVENING, shown).to_json()
    extra = {"partner": "Alex", "updated_at": EVENING.isoformat(), "noticed": None}
    assert ours == [{**row, **extra} for row in theirs]
    assert len(ours) >= 10


@pytest.mark.parametrize("day", [None, "2026-06-30"])
def test_the_partners_streaks_are_their_own_streaks_json(demo, day):
    store, share = demo
    shown = None if day is None else date.fromisoformat(day)
    theirs = cli_json(store.path, "streaks", *(["--date", day] if day else []))
    assert views.partner_streaks(share, EVENING, shown).to_json() == theirs


def _walker(tmp_path: Path, settings: Settings | None = None) -> tuple[Store, Promise]:
    store = open_store(tmp_path / "alex-data" / "tracker.json")
    store.save_settings(settings or Settings())
    promise = store.add_promise(Promise("Evening walk", parse_schedule("daily"), date(2026, 11, 1)))
    return store, promise


def test_a_partner_in_another_time_zone_is_judged_on_their_own_date(tmp_path):
    """Alex lives in Tokyo, Sam in Los Angeles: when Alex checks off on the morning of the
    26th, it is still the afternoon of the 25th for Sam, and Sam sees Alex's 26th."""
    store, walk = _walker(tmp_path)
    store.put_mark(Mark(walk.id, date(2026, 11, 26), MarkStatus.KEPT))
    alex_morning = datetime(2026, 11, 26, 8, 0, tzinfo=TOKYO)
    share = shared_through_a_folder(tmp_path, store, alex_morning, "Asia/Tokyo")
    sam_afternoon = alex_morning.astimezone(LOS_ANGELES)
    assert sam_afternoon.date() == date(2026, 11, 25)
    day = views.partner_day(share, sam_afternoon)
    assert day.day == date(2026, 11, 26)
    (row,) = day.to_json()
    assert (row["date"], row["status"], row["streak"]) == ("2026-11-26", "kept", 1)


def test_the_partners_day_starts_when_theirs_does(tmp_path):
    """Alex's day starts at 03:00: at 01:00 on the 26th Alex is still in the 25th."""
    store, walk = _walker(tmp_path, Settings(day_starts_at=time(3, 0)))
    store.put_mark(Mark(walk.id, date(2026, 11, 25), MarkStatus.KEPT))
    late = datetime(2026, 11, 26, 1, 0, tzinfo=TOKYO)
    share = shared_through_a_folder(tmp_path, store, late, "Asia/Tokyo")
    day = views.partner_day(share, late.astimezone(LOS_ANGELES))
    assert day.day == date(2026, 11, 25)
    assert day.rows[0].status.value == "kept"


def test_a_share_from_days_ago_never_shows_the_days_since_as_missed(tmp_path):
    store, walk = _walker(tmp_path)
    store.put_marks(Mark(walk.id, date(2026, 11, d), MarkStatus.KEPT) for d in range(20, 26))
    share = shared_through_a_folder(tmp_path, store, EVENING, "Europe/Berlin")
    two_days_on = EVENING + timedelta(days=2)
    day = views.partner_day(share, two_days_on)
    assert day.day == date(2026, 11, 27) and day.is_behind
    (row,) = day.to_json()
    assert (row["status"], row["state"], row["streak"]) == ("open", "future", 6)
    yesterday = views.partner_day(share, two_days_on, date(2026, 11, 26)).to_json()[0]
    assert yesterday["status"] == "open"  # not "missed": their share does not know yet
    assert views.partner_streaks(share, two_days_on).to_json()[0]["current_streak"] == 6
    heatmap = views.partner_heatmap(
        share, share.promises[0], date(2026, 11, 24), date(2026, 11, 27), two_days_on
    )
    assert [state.value for state in heatmap.values()] == ["kept", "kept", "future", "future"]


def test_a_share_written_by_a_clock_running_ahead_claims_no_day_to_come(tmp_path):
    store, walk = _walker(tmp_path)
    store.put_mark(Mark(walk.id, date(2026, 11, 26), MarkStatus.KEPT))
    ahead = datetime(2026, 11, 26, 20, 30, tzinfo=tz.gettz("Europe/Berlin"))
    share = shared_through_a_folder(tmp_path, store, ahead, "Europe/Berlin")
    day = views.partner_day(share, EVENING)  # our clock (and theirs, really) says the 25th
    assert day.day == TODAY and day.known_until == TODAY


def test_a_zone_this_machine_does_not_know_falls_back_to_the_writers_offset(tmp_path):
    store, walk = _walker(tmp_path)
    store.put_mark(Mark(walk.id, date(2026, 11, 26), MarkStatus.KEPT))
    alex_morning = datetime(2026, 11, 26, 8, 0, tzinfo=TOKYO)
    share = shared_through_a_folder(tmp_path, store, alex_morning, None)
    assert views.partner_day(share, alex_morning.astimezone(LOS_ANGELES)).day == date(2026, 11, 26)


def test_acknowledgements_travel_both_ways_and_mark_the_rows_they_are_about(tmp_path):
    couple = pair(tmp_path)
    alex_store = open_store(couple.alex.home.data_file)
    walk = alex_store.add_promise(Promise("Evening walk", parse_schedule("daily"), TODAY))
    alex_store.put_mark(Mark(walk.id, TODAY, MarkStatus.KEPT))
    assert couple.alex.publish(source_from(alex_store)).written
    share = couple.sam.read_partner(EVENING).share
    assert share is not None

    found = views.find_partner_promise(share, "walk")
    given = [views.acknowledge(share, found, TODAY, EVENING, "Loved our walk 🌙")]
    sam_store = open_store(couple.sam.home.data_file)
    later = EVENING + timedelta(minutes=1)
    assert couple.sam.publish(source_from(sam_store, later, acknowledgements=given)).written

    # Sam's own Partner view shows what Sam noticed...
    row = views.partner_day(share, EVENING, given=given, me="Sam").to_json()[0]
    assert row["noticed"] == {
        "by": "Sam",
        "at": EVENING.isoformat(),
        "message": "Loved our walk 🌙",
    }
    # ...and Alex's tracker shows it on Alex's own row.
    sams_share = couple.alex.read_partner(EVENING + timedelta(minutes=2)).share
    noticed_here = views.noticed_by_partner(sams_share)
    assert noticed_here[(walk.id, TODAY)].to_json()["message"] == "Loved our walk 🌙"
    assert noticed_here[(walk.id, TODAY)].by == "Sam"
    assert sams_share is not None
    lines = views.acknowledgements_both_ways(sams_share, [], "Alex")
    assert [(line.by_you, line.who, line.title) for line in lines] == [
        (False, "Sam", "Evening walk")
    ]


def test_only_a_kept_promise_can_be_noticed(tmp_path):
    store, walk = _walker(tmp_path)
    store.put_mark(Mark(walk.id, TODAY - timedelta(days=1), MarkStatus.MISSED))
    share = shared_through_a_folder(tmp_path, store, EVENING, "Europe/Berlin")
    with pytest.raises(ValidationError, match="not kept on 2026-11-24 \\(missed"):
        views.acknowledge(share, share.promises[0], TODAY - timedelta(days=1), EVENING)
    with pytest.raises(ValidationError, match="\\(open"):
        views.acknowledge(share, share.promises[0], TODAY, EVENING)


def test_a_partners_promise_is_found_by_number_or_part_of_its_title(demo):
    _, share = demo
    assert views.find_partner_promise(share, "phone away").title == "Phone away at dinner"
    assert views.find_partner_promise(share, "1").id == 1
    with pytest.raises(AmbiguousNameError):
        views.find_partner_promise(share, "dinner")


def test_the_partners_time_together_this_week(tmp_path):
    store, _ = _walker(tmp_path, Settings(weekly_quality_minutes=200))
    for day, minutes in [(date(2026, 11, 22), 60), (date(2026, 11, 23), 45), (TODAY, 30)]:
        store.add_quality(QualityTime(day, minutes, QualityKind.CONVERSATION))
    share = shared_through_a_folder(tmp_path, store, EVENING, "Europe/Berlin")
    week = views.partner_week(share, EVENING)
    assert (week.monday, week.minutes, week.target) == (date(2026, 11, 23), 75, 200)
    assert len(week.entries) == 2


@pytest.mark.parametrize(
    ("tz_variable", "named"),
    [
        ("Asia/Tokyo", "Asia/Tokyo"),
        (":Europe/Berlin", "Europe/Berlin"),
        ("EST+5", None),  # a POSIX rule, not a place: the offset is shared instead
        ("../../etc/passwd", None),
        ("Nowhere/Atlantis", None),
    ],
)
def test_the_writer_names_its_zone_as_the_clock_reads_it(monkeypatch, tz_variable, named):
    monkeypatch.setenv("TZ", tz_variable)
    assert zones.local_zone_name() == named


def test_without_tz_the_systems_zone_is_named_if_it_can_be(monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    named = zones.local_zone_name()
    assert named is None or zones.is_zone_name(named)


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        (ZoneInfo("Asia/Tokyo"), "Asia/Tokyo"),
        (timezone(timedelta(hours=9)), None),  # an offset is no place
        (ZoneInfo.from_file(io.BytesIO(Path("/usr/share/zoneinfo/Asia/Tokyo").read_bytes())), None),
    ],
)
def test_a_clocks_zone_is_named_by_its_zoneinfo_key_only(zone, named):
    assert zones.zone_name_of(zone) == named
