"""The next day start, for the open app's rollover: midnight, late day starts, DST nights."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from dateutil import tz

from tracker.daybreak import next_day_start, seconds_until

BERLIN = tz.gettz("Europe/Berlin")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)


def test_an_ordinary_evening_rolls_over_at_midnight():
    now = at(2026, 11, 25, 23, 59, 30)
    assert next_day_start(now, time(0, 0)) == at(2026, 11, 26, 0, 0)
    assert seconds_until(next_day_start(now, time(0, 0)), now) == 30


def test_a_night_owl_day_ends_at_three_even_after_midnight():
    assert next_day_start(at(2026, 11, 26, 0, 40), time(3, 0)) == at(2026, 11, 26, 3, 0)
    assert next_day_start(at(2026, 11, 26, 3, 0), time(3, 0)) == at(2026, 11, 27, 3, 0)


def test_the_spring_forward_night_is_an_hour_shorter():
    # Berlin skips 02:00-03:00 on 29 March 2026.
    now = at(2026, 3, 28, 23, 0)
    assert seconds_until(next_day_start(now, time(0, 0)), now) == 3600
    start = next_day_start(at(2026, 3, 29, 0, 30), time(2, 30))
    assert start.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert seconds_until(start, at(2026, 3, 29, 0, 30)) == 2 * 3600


def test_the_fall_back_night_is_an_hour_longer():
    # Berlin repeats 02:00-03:00 on 25 October 2026.
    now = at(2026, 10, 25, 0, 0)
    following = next_day_start(now, time(0, 0))
    assert following == at(2026, 10, 26, 0, 0)
    assert seconds_until(following, now) == 25 * 3600


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        next_day_start(datetime(2026, 1, 1), time(0, 0))
