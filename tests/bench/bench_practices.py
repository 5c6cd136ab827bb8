"""Benchmark (prints numbers, asserts nothing): the practices' pure rules on five years.

Run: python3 tests/bench/bench_practices.py [--runs 20]

The history of bench_stats (20 daily promises marked every day for five years), plus 300
forgiveness notes, 800 quality-time entries, a bid and an appreciation most days. Prints
the median time of what the check-in, the Together view's bids panel, the "what needs
care" panel, a goal and a tag compute, and the reminder rules with and without 20
pending snoozes, side by side (the snoozes' cost as a ratio). Targets: each under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from bench_stats import TODAY, YEARS, build_history
from dateutil import tz

from tracker.model import Note, QualityKind, QualityTime, Settings, Trigger
from tracker.practices.bids import bid_summary
from tracker.practices.causes import what_needs_care
from tracker.practices.goals import goal_progress
from tracker.practices.records import Appreciation, Bid, BidResponse, Goal, Person
from tracker.practices.tags import tag_figures
from tracker.practices.week import week_in_facts
from tracker.reminder_rules.due import due_reminders
from tracker.reminder_rules.snooze import snooze_promise

TARGET_MS = 50.0
BERLIN = tz.gettz("Europe/Berlin")


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs

    rng = random.Random(14)
    promises, marks = build_history()
    promises = [
        replace(
            p,
            tags=("quality time",) if p.id % 2 else (),
            triggers=(Trigger(list(Trigger)[p.id % 4]),),
        )
        for p in promises
    ]
    start = TODAY - timedelta(days=365 * YEARS)
    days = [start + timedelta(days=n) for n in range(365 * YEARS)]
    notes = [Note(rng.choice(days), "What happened", rng.choice(list(Trigger))) for _ in range(300)]
    quality = [
        QualityTime(rng.choice(days), 45, QualityKind.OTHER, tags=("walk",)) for _ in range(800)
    ]
    bids = [Bid(rng.choice(list(BidResponse)), day, rng.choice(list(Person))) for day in days]
    thanks = [Appreciation("thanks", day, rng.choice(list(Person))) for day in days]
    goal = Goal(
        "Feel safe again", TODAY - timedelta(days=200), TODAY + timedelta(days=100), (1, 2, 3, 4, 5)
    )
    settings = Settings()
    now = datetime.combine(TODAY, datetime.min.time(), tzinfo=BERLIN).replace(hour=20, minute=31)
    snoozes = tuple(
        snooze_promise(p.id, TODAY, now + timedelta(minutes=30), now - timedelta(minutes=1))
        for p in promises
    )

    def reminders(with_snoozes: tuple = ()) -> Callable[[], object]:
        return lambda: due_reminders(settings, promises, marks, set(), now, snoozes=with_snoozes)

    figures = {
        "week in facts (20 promises)": lambda: week_in_facts(
            promises, marks, quality, thanks, [], notes, TODAY, TODAY, weekly_goal_minutes=180
        ),
        "bids panel (8 weeks, 3,650 moments)": lambda: bid_summary(bids, thanks, TODAY, 8),
        "bids over five years (260 weeks)": lambda: bid_summary(bids, thanks, TODAY, 260),
        "what needs care (300 notes)": lambda: what_needs_care(notes, promises, marks, TODAY),
        "a goal of 5 promises": lambda: goal_progress(goal, promises, marks, TODAY),
        "a tag on 10 promises": lambda: tag_figures(
            "quality time", promises, marks, quality, TODAY
        ),
    }
    print(f"Practices on {YEARS} years ({runs} runs each, median; target under {TARGET_MS:g} ms):")
    for name, work in figures.items():
        print(f"  {name:<40} {median_ms(work, runs):8.2f} ms")
    plain = median_ms(reminders(), runs)
    snoozed = median_ms(reminders(snoozes), runs)
    print(f"  {'due reminders, no snooze':<40} {plain:8.2f} ms")
    print(
        f"  {'due reminders, 20 pending snoozes':<40} {snoozed:8.2f} ms  ({snoozed / plain:.2f}x)"
    )


if __name__ == "__main__":
    main()
