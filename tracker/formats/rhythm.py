"""Another app's "N times in D days" as one of tracker's schedules, saying when it is approximate.

Loop Habit Tracker stores a habit's frequency as a fraction (`freq_num`/`freq_den`) and
harsh as `N/D` in its habits file; tracker has daily, N/week (Monday to Sunday) and
every N days (counted from the start). The mapping, in order:

* N >= D: daily (exact).
* D = 7: N/week. Both apps call it "N times a week", but theirs counts any 7 days in a
  row and tracker's Monday-to-Sunday weeks: said, as every approximation is.
* N = 1: every D days. Theirs counts any D days in a row, tracker's from the start:
  said too. More than 365 days: every 365 days.
* D = 30 or 31 (Loop's "N times a month"), and any other N in D: the same rate a week,
  7N/D, rounded to the nearest whole N/week when it is at least one a week
  ("3 times in 10 days" is 2.1 a week: 2/week), otherwise every round(D/N) days
  ("once a month": every 30 days; "2 times in 20 days": every 10 days). Approximate,
  and said so with the original rule and the rate.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.schedule import MAX_EVERY_DAYS, Schedule, ScheduleKind


@dataclass(frozen=True)
class MappedRhythm:
    schedule: Schedule
    approximation: str | None = None  # None: the mapping is exact


def rhythm_for(times: int, days: int) -> MappedRhythm:
    """The schedule for "`times` times in `days` days" (both at least 1)."""
    if times < 1 or days < 1:
        raise ValueError(f"{times} times in {days} days is not a frequency")
    if times >= days:
        return MappedRhythm(Schedule(ScheduleKind.DAILY))
    original = "once" if times == 1 else f"{times} times"
    window = f"{original} in {days} days counts any {days} days in a row"
    if days == 7:
        schedule = Schedule(ScheduleKind.PER_WEEK, count=times)
        return MappedRhythm(
            schedule, f"{window}; tracker's {schedule.describe()} counts Monday-to-Sunday weeks"
        )
    if times == 1 and days not in (30, 31):
        if days <= MAX_EVERY_DAYS:
            schedule = Schedule(ScheduleKind.EVERY_N_DAYS, count=days)
            return MappedRhythm(
                schedule, f"{window}; tracker's {schedule.describe()} counts from the start"
            )
        return MappedRhythm(
            Schedule(ScheduleKind.EVERY_N_DAYS, count=MAX_EVERY_DAYS),
            f"once in {days} days became every {MAX_EVERY_DAYS} days (the longest rhythm)",
        )
    weekly = 7 * times / days
    if weekly >= 1:
        count = min(7, max(1, round(weekly)))
        schedule = Schedule(ScheduleKind.PER_WEEK, count=count)
        rate = f"about {weekly:.1f} a week"
    else:
        every = min(MAX_EVERY_DAYS, max(2, round(days / times)))
        schedule = Schedule(ScheduleKind.EVERY_N_DAYS, count=every)
        rate = f"about once every {days / times:.1f} days"
    return MappedRhythm(
        schedule, f"{original} in {days} days ({rate}) became {schedule.describe()}"
    )
