"""Time is hard: the user's day, DST nights, leap days and the clock everything asks for now."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from tracker import clock as clock_module
from tracker.clock import NOW_ENV, Clock, local_zone, zone_of_link
from tracker.daybreak import local_day
from tracker.errors import ValidationError
from tracker.model import Mark, MarkStatus, Promise
from tracker.schedule import parse_schedule
from tracker.stats import best_streak, current_streak

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")
MIDNIGHT = time(0, 0)
THREE_AM = time(3, 0)


def at(zone, *wall: int, fold: int = 0) -> datetime:
    return datetime(*wall, tzinfo=zone, fold=fold)


def day_changes(zone, day_starts_at: time, first_utc: datetime, hours: int) -> list[datetime]:
    """The UTC instants (minute by minute) at which the user's day changes."""
    changes = []
    moment = first_utc
    previous = local_day(moment.astimezone(zone), day_starts_at)
    for _ in range(hours * 60):
        moment += timedelta(minutes=1)
        current = local_day(moment.astimezone(zone), day_starts_at)
        if current != previous:
            assert current == previous + timedelta(days=1), f"the day went back at {moment}"
            changes.append(moment)
            previous = current
    return changes


# --- the user's day, with and without a day start after midnight -------------------------


def test_a_day_starting_at_three_keeps_a_late_check_off_on_the_evening_before():
    assert local_day(at(BERLIN, 2026, 11, 21, 0, 40), THREE_AM) == date(2026, 11, 20)
    assert local_day(at(BERLIN, 2026, 11, 21, 2, 59), THREE_AM) == date(2026, 11, 20)
    assert local_day(at(BERLIN, 2026, 11, 21, 3, 0), THREE_AM) == date(2026, 11, 21)
    assert local_day(at(BERLIN, 2026, 11, 20, 23, 59), THREE_AM) == date(2026, 11, 20)


def test_a_day_starting_at_midnight_is_the_calendar_day():
    assert local_day(at(BERLIN, 2026, 11, 21, 0, 0), MIDNIGHT) == date(2026, 11, 21)
    assert local_day(at(BERLIN, 2026, 11, 20, 23, 59), MIDNIGHT) == date(2026, 11, 20)


def test_a_late_night_on_new_years_eve_still_belongs_to_the_old_year():
    assert local_day(at(BERLIN, 2027, 1, 1, 1, 30), THREE_AM) == date(2026, 12, 31)


def test_a_late_night_after_february_28_in_a_leap_year_is_the_28th():
    assert local_day(at(NEW_YORK, 2024, 2, 29, 0, 40), THREE_AM) == date(2024, 2, 28)
    assert local_day(at(NEW_YORK, 2024, 3, 1, 0, 40), THREE_AM) == date(2024, 2, 29)


def test_a_naive_wall_clock_time_works_too():
    assert local_day(datetime(2026, 11, 21, 0, 40), THREE_AM) == date(2026, 11, 20)


# --- DST nights ---------------------------------------------------------------------------


def test_spring_forward_in_berlin_with_a_three_am_day_start():
    # 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST at 01:00 UTC.
    changes = day_changes(BERLIN, THREE_AM, datetime(2026, 3, 28, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 3, 29, 1, 0, tzinfo=UTC)]
    assert local_day(at(BERLIN, 2026, 3, 29, 1, 59), THREE_AM) == date(2026, 3, 28)
    assert local_day(at(BERLIN, 2026, 3, 29, 3, 0), THREE_AM) == date(2026, 3, 29)


def test_spring_forward_in_berlin_at_midnight():
    changes = day_changes(BERLIN, MIDNIGHT, datetime(2026, 3, 28, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 3, 28, 23, 0, tzinfo=UTC)]


def test_a_day_start_inside_the_skipped_hour_begins_the_day_at_the_jump():
    changes = day_changes(BERLIN, time(2, 30), datetime(2026, 3, 28, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 3, 29, 1, 0, tzinfo=UTC)]  # 03:00 CEST


def test_fall_back_in_berlin_with_a_three_am_day_start():
    # 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET at 01:00 UTC; 02:30 happens
    # twice, both times still the evening of the 24th.
    first = at(BERLIN, 2026, 10, 25, 2, 30, fold=0)
    second = at(BERLIN, 2026, 10, 25, 2, 30, fold=1)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert local_day(first, THREE_AM) == date(2026, 10, 24)
    assert local_day(second, THREE_AM) == date(2026, 10, 24)
    changes = day_changes(BERLIN, THREE_AM, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 10, 25, 2, 0, tzinfo=UTC)]  # 03:00 CET


def test_fall_back_in_berlin_at_midnight():
    changes = day_changes(BERLIN, MIDNIGHT, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 10, 24, 22, 0, tzinfo=UTC)]


def test_a_day_start_inside_the_repeated_hour_does_not_fall_back_into_yesterday():
    # Day start 02:30: the first 02:30 (CEST) begins the 25th; when the clock then shows
    # 02:10 again (CET) it is still the 25th.
    assert local_day(at(BERLIN, 2026, 10, 25, 2, 40, fold=0), time(2, 30)) == date(2026, 10, 25)
    assert local_day(at(BERLIN, 2026, 10, 25, 2, 10, fold=1), time(2, 30)) == date(2026, 10, 25)
    changes = day_changes(BERLIN, time(2, 30), datetime(2026, 10, 24, 12, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_spring_forward_in_new_york_with_a_three_am_day_start():
    # 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00 UTC.
    changes = day_changes(NEW_YORK, THREE_AM, datetime(2026, 3, 7, 16, 0, tzinfo=UTC), 24)
    assert changes == [datetime(2026, 3, 8, 7, 0, tzinfo=UTC)]


def test_fall_back_in_new_york_with_and_without_a_day_start():
    # 2026-11-01: 02:00 EDT goes back to 01:00 EST at 06:00 UTC.
    late = day_changes(NEW_YORK, THREE_AM, datetime(2026, 10, 31, 16, 0, tzinfo=UTC), 24)
    assert late == [datetime(2026, 11, 1, 8, 0, tzinfo=UTC)]  # 03:00 EST
    midnight = day_changes(NEW_YORK, MIDNIGHT, datetime(2026, 10, 31, 16, 0, tzinfo=UTC), 24)
    assert midnight == [datetime(2026, 11, 1, 4, 0, tzinfo=UTC)]  # 00:00 EDT


@given(
    st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"]),
    st.sampled_from([time(0, 0), time(0, 30), time(1, 0), time(1, 30), time(2, 0), time(2, 30)])
    | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    st.sampled_from(
        [
            datetime(2026, 3, 7, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 4, 4, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 3, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 24, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 31, 12, 0, tzinfo=UTC),
        ]
    ),
)
def test_the_users_day_moves_forward_one_day_at_a_time_through_any_dst_night(
    zone_name, day_starts_at, first_utc
):
    zone = tz.gettz(zone_name)
    changes = day_changes(zone, day_starts_at, first_utc, 72)
    assert len(changes) >= 2
    for earlier, later in pairwise(changes):
        # A day lasts 24 hours, give or take the DST shift (30 minutes on Lord Howe).
        assert timedelta(hours=23) <= later - earlier <= timedelta(hours=25)


# --- leap days in promises ------------------------------------------------------------------


def test_a_daily_streak_runs_through_february_29():
    daily = Promise("Phone away", parse_schedule("daily"), date(2024, 2, 25), id=1)
    marks = {}
    day = date(2024, 2, 25)
    while day <= date(2024, 3, 3):
        marks[day] = Mark(1, day, MarkStatus.KEPT)
        day += timedelta(days=1)
    assert current_streak(daily, marks, date(2024, 3, 3)) == 8
    del marks[date(2024, 2, 29)]
    assert current_streak(daily, marks, date(2024, 3, 3)) == 3
    assert best_streak(daily, marks, date(2024, 3, 3)) == 4


def test_every_two_days_across_february_29_streaks_on_its_due_dates():
    walk = Promise("Walk", parse_schedule("every 2 days"), date(2024, 2, 25), id=1)
    due = [date(2024, 2, 25), date(2024, 2, 27), date(2024, 2, 29), date(2024, 3, 2)]
    marks = {day: Mark(1, day, MarkStatus.KEPT) for day in due}
    assert current_streak(walk, marks, date(2024, 3, 3)) == 4
    del marks[date(2024, 2, 29)]
    assert current_streak(walk, marks, date(2024, 3, 3)) == 1


# --- the clock --------------------------------------------------------------------------------


def test_a_frozen_clock_gives_local_aware_time():
    clock = Clock(NEW_YORK, frozen=datetime(2026, 11, 20, 17, 0, tzinfo=UTC))
    now = clock.now()
    assert now.tzinfo is not None
    assert (now.hour, now.utcoffset()) == (12, timedelta(hours=-5))


def test_a_frozen_naive_time_is_a_wall_clock_time_in_the_clocks_zone():
    clock = Clock(NEW_YORK, frozen=datetime(2026, 3, 1, 12, 0))
    assert clock.now() == datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK)
    assert clock.now().utcoffset() == timedelta(hours=-5)


def test_a_frozen_clock_gives_the_users_day():
    clock = Clock(BERLIN, frozen=at(BERLIN, 2026, 11, 21, 0, 40))
    assert clock.today() == date(2026, 11, 21)
    assert clock.today(THREE_AM) == date(2026, 11, 20)


def test_the_system_clock_is_aware_and_local(monkeypatch):
    monkeypatch.delenv(NOW_ENV, raising=False)
    monkeypatch.setenv("TZ", "America/New_York")
    before = datetime.now(UTC)
    now = Clock.system().now()
    after = datetime.now(UTC)
    assert now.tzinfo is not None
    assert before <= now <= after
    assert now.utcoffset() == NEW_YORK.utcoffset(now.replace(tzinfo=None))


def test_tz_names_the_users_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    assert Clock.system().notice is None


@pytest.mark.parametrize("bad", ["Not/AZone", "EST+5", "../../etc/passwd"])
def test_a_tz_that_names_no_zone_is_said_in_one_line_and_times_are_utc(monkeypatch, bad):
    monkeypatch.setenv("TZ", bad)
    monkeypatch.delenv(NOW_ENV, raising=False)
    clock = Clock.system()
    assert clock.zone is UTC
    assert clock.notice is not None and "\n" not in clock.notice
    assert repr(bad) in clock.notice and "UTC" in clock.notice


def test_without_tz_the_systems_zone_comes_from_the_standard_zone_database(monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    assert isinstance(local_zone(), ZoneInfo)
    assert Clock.system().notice is None


def _linked_zone_file(folder, name: str):
    """A zone file's place as a system keeps it (…/zoneinfo/NAME) and a link to it."""
    target = folder / "zoneinfo" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"TZif")  # the name is read from the link; the file is not read
    link = folder / "localtime"
    link.symlink_to(target)
    return link


def test_without_tz_the_zone_is_named_by_the_localtime_link(tmp_path, monkeypatch):
    link = _linked_zone_file(tmp_path, "Asia/Tokyo")
    monkeypatch.setattr(clock_module, "SYSTEM_ZONE_LINK", str(link))
    monkeypatch.delenv("TZ", raising=False)
    assert local_zone() == ZoneInfo("Asia/Tokyo")
    assert Clock.system().notice is None


def test_a_link_that_names_no_zone_leaves_the_lookup_to_tzlocal(tmp_path, monkeypatch):
    copied = tmp_path / "copied-localtime"
    copied.write_bytes(b"TZif")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.symlink_to(copied)
    wrong_name = _linked_zone_file(tmp_path / "wrong", "Not/AZone")
    for link in (copied, elsewhere, wrong_name, tmp_path / "missing"):
        assert zone_of_link(str(link)) is None
    monkeypatch.setattr(clock_module, "SYSTEM_ZONE_LINK", str(copied))
    monkeypatch.delenv("TZ", raising=False)
    asked: list[bool] = []
    monkeypatch.setattr(clock_module, "_zone_by_tzlocal", lambda: asked.append(True) or UTC)
    assert local_zone() is UTC and asked == [True]


@pytest.mark.parametrize(
    ("tz_variable", "zone"),
    [(":Asia/Tokyo", ZoneInfo("Asia/Tokyo")), ("/usr/share/zoneinfo/Asia/Tokyo", None)],
)
def test_tz_may_be_written_as_the_c_library_reads_it(monkeypatch, tz_variable, zone):
    monkeypatch.setenv("TZ", tz_variable)
    asked: list[bool] = []
    monkeypatch.setattr(clock_module, "_zone_by_tzlocal", lambda: asked.append(True) or UTC)
    # A path is tzlocal's to read (it names the zone from the path); a name is zoneinfo's.
    assert local_zone() == (zone or UTC)
    assert asked == ([] if zone else [True])


@pytest.mark.parametrize(
    ("tracker_now", "wall", "offset_hours"),
    [
        ("2026-01-15T10:00", (2026, 1, 15, 10, 0), 1),
        ("2026-07-15T10:00", (2026, 7, 15, 10, 0), 2),
        # Given with an offset: the same instant, shown in the user's zone. Winter and
        # summer both, so one of them differs from the real now's DST state.
        ("2026-01-15T10:00+00:00", (2026, 1, 15, 11, 0), 1),
        ("2026-07-15T10:00+00:00", (2026, 7, 15, 12, 0), 2),
        ("2026-07-15T10:00Z", (2026, 7, 15, 12, 0), 2),
        # A wall time that does not exist (skipped by DST) moves past the gap.
        ("2026-03-29T02:30", (2026, 3, 29, 3, 30), 2),
    ],
)
def test_the_system_clock_starts_at_tracker_now(monkeypatch, tracker_now, wall, offset_hours):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv(NOW_ENV, tracker_now)
    now = Clock.system().now()
    expected = datetime(*wall, tzinfo=BERLIN)
    # Time flows from TRACKER_NOW on; the test itself takes far less than a minute.
    assert timedelta(0) <= now - expected < timedelta(minutes=1)
    assert now.utcoffset() == timedelta(hours=offset_hours)


def test_tracker_now_sets_the_day_seen_by_every_command(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv(NOW_ENV, "2026-11-21T00:40")
    clock = Clock.system()
    assert clock.today() == date(2026, 11, 21)
    assert clock.today(THREE_AM) == date(2026, 11, 20)


def test_a_tracker_now_that_is_not_a_time_is_refused_clearly(monkeypatch):
    monkeypatch.setenv(NOW_ENV, "next tuesday")
    with pytest.raises(ValidationError, match="TRACKER_NOW"):
        Clock.system()


def test_the_command_line_says_a_tz_that_names_no_zone_once_and_still_works(
    tmp_path, monkeypatch, capsys
):
    from tracker.cli import main

    monkeypatch.setenv("TZ", "Mars/Olympus_Mons")
    monkeypatch.delenv(NOW_ENV, raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "data.json"))
    assert main(["add", "Walk together"]) == 0
    _out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith("tracker: TZ='Mars/Olympus_Mons' is not a time zone name"), line
