"""harsh (a habit tracker for the terminal): its `log` and the `habits` file beside it, into a plan.

harsh's files, as harsh reads them:

* ``habits``: ``# comment`` lines, ``! Heading`` lines, and ``Name: frequency`` with an
  optional ``: YYYY-MM-DD`` end date. A frequency is ``N`` or ``Nw`` (weeks) for once
  in N days, ``T/N`` for T times in N days (``3/7``; either side may be ``Nw``), and
  ``0`` for a habit tracked without a target.
* ``log``: ``YYYY-MM-DD : Name : y|n|s [: comment [: amount]]`` (fields split on
  ``" : "``), ``#`` comments. The last line for a date and a name wins; a line that
  does not fit is skipped (harsh warns; here it is listed with its line number).

tracker reads harsh's folder, its log or its habits file, with the other file from
beside it when it is there: an empty log (harsh's first run) or no log brings the
habits as promises with no days yet.

How it maps: ``y`` kept, ``n`` missed, ``s`` (skip) excused ("skipped in harsh"); the
comment becomes the day's note. A habit with amounts becomes a measured promise whose
days keep their amounts exactly; harsh keeps no target nor unit, so its target is the
least amount of a day harsh counted kept ("at least", in "units"), which keeps every
such day kept; the dry run says so, and how many days harsh counted missed reach it (an
archived habit, below, keeps its amounts on its days and stays yes/no). A frequency maps
by `tracker.formats.rhythm` (harsh counts any N days in a row; tracker's N/week counts
Monday-to-Sunday weeks). A habit tracked without a target (``0``) and a name in the log
that the habits file does not list become archived promises: their days are kept,
and nothing is asked of them. Headings are not kept (tracker has no groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.formats.foreign import ForeignDay, ForeignHabit, foreign_measure, plan_from_habits
from tracker.formats.limits import (
    DEFAULT_LIMITS,
    ImportLimits,
    decode_text,
    read_bounded,
    refused,
)
from tracker.formats.plan import ImportPlan, Unmapped
from tracker.formats.rhythm import rhythm_for
from tracker.model import MarkStatus, Measure, TargetKind
from tracker.schedule import Schedule, ScheduleKind

SOURCE = "harsh"
SKIP_REASON = "skipped in harsh"
_LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} : .+ : [yns]\s*( : |$)")
_HABIT_LINE = re.compile(r"^[^:]+: *\d{1,5}w?( */ *\d{1,5}w?)? *(: *\d{4}-\d{2}-\d{2} *)?$")
LOG_NAME, HABITS_NAME = "log", "habits"
_STATUS = {"y": MarkStatus.KEPT, "n": MarkStatus.MISSED, "s": MarkStatus.EXCUSED}
_BAD_LINES_LISTED = 20


def looks_like_harsh_log(head: bytes) -> bool:
    """Whether the start of a file reads as harsh's log: its first entry lines fit."""
    return _lines_fit(head, _LOG_LINE)


def looks_like_harsh_habits(head: bytes) -> bool:
    """Whether the start of a file reads as harsh's habits file: headings and `Name: N`."""
    return _lines_fit(head, _HABIT_LINE, skipped=("#", "!"))


def _lines_fit(head: bytes, pattern: re.Pattern[str], skipped: tuple[str, ...] = ("#",)) -> bool:
    text = head[:8192].decode("utf-8", errors="replace")
    lines = [
        line for line in text.splitlines()[:50] if line.strip() and not line.startswith(skipped)
    ]
    if len(head) >= 8192 and lines:
        lines = lines[:-1]  # the last line may be cut
    return bool(lines) and all(pattern.match(line) for line in lines[:20])


@dataclass(frozen=True)
class HarshHabit:
    name: str
    frequency: str
    end: date | None
    line: int


def harsh_files(path: Path) -> tuple[Path | None, Path | None]:
    """(log, habits) for a path naming harsh's folder, its log or its habits file; the
    other file is the one beside it, None when it is not there."""
    if path.is_dir():
        log, habits = path / LOG_NAME, path / HABITS_NAME
    else:
        try:
            with open(path, "rb") as handle:
                head = handle.read(8192)
        except OSError:
            head = b""
        if looks_like_harsh_habits(head) and not looks_like_harsh_log(head):
            log, habits = path.with_name(LOG_NAME), path
        else:
            log, habits = path, path.with_name(HABITS_NAME)
    return (log if log.is_file() else None), (habits if habits.is_file() else None)


def read_harsh(
    path: Path,
    *,
    today: date,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportPlan:
    """A plan from harsh's files: `path` names harsh's folder, its log or its habits file
    (the other file is read from beside it when it is there)."""
    log_path, habits_path = harsh_files(path)
    if log_path is None and habits_path is None:
        raise refused(
            path,
            "it holds neither harsh's habits file nor its log; name harsh's folder "
            "(~/.config/harsh) or the log in it.",
        )
    remarks: list[str] = []
    unmapped: list[Unmapped] = []
    configured: list[HarshHabit] = []
    if habits_path is not None:
        text = _read_lines(habits_path, limits)
        configured = parse_habits_file(text, limits, unmapped)
    else:
        remarks.append(
            f"no habits file beside the log ({HABITS_NAME}): every habit was imported "
            "as daily and archived"
        )
    entries: dict[str, dict[date, ForeignDay]] = {}
    if log_path is not None:
        entries, bad = parse_log(_read_lines(log_path, limits), limits, log_path)
        unmapped.extend(bad)
    if not entries:
        where = "harsh's log is empty" if log_path is not None else "there is no log beside it"
        remarks.append(f"{where}: {len(configured):,} habits come as promises with no days yet")
    habits = _habits(configured, entries)
    return plan_from_habits(
        habits,
        source=SOURCE,
        file_name=(log_path or habits_path or path).name,
        today=today,
        unmapped=unmapped,
        remarks=remarks,
    )


def _read_lines(path: Path, limits: ImportLimits) -> str:
    """The text of one of harsh's files, its lines counted before it is decoded."""
    data = read_bounded(path, limits.max_file_bytes)
    lines = data.count(b"\n") + 1
    if lines > limits.max_lines:
        raise refused(
            path,
            f"it has {lines:,} lines, more than the {limits.max_lines:,} an import reads; "
            "is it the right file?",
        )
    return decode_text(path, data)


def parse_habits_file(
    text: str, limits: ImportLimits, unmapped: list[Unmapped]
) -> list[HarshHabit]:
    habits: list[HarshHabit] = []
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith(("#", "!")):
            continue
        if len(line) > limits.max_line_chars or ": " not in line:
            bad.append(number)
            continue
        parts = line.split(": ")
        name, frequency = parts[0].strip(), parts[1].strip()
        end = None
        if len(parts) >= 3 and parts[2].strip():
            try:
                end = date.fromisoformat(parts[2].strip())
            except ValueError:
                bad.append(number)
                continue
        if not name or not frequency:
            bad.append(number)
            continue
        habits.append(HarshHabit(name, frequency, end, number))
        if len(habits) > limits.max_habits:
            break
    unmapped.extend(_bad_lines("habits file", bad))
    return habits


def parse_log(
    text: str, limits: ImportLimits, path: Path
) -> tuple[dict[str, dict[date, ForeignDay]], list[Unmapped]]:
    """Each name's days (the last line for a day wins) and the lines that did not fit."""
    entries: dict[str, dict[date, ForeignDay]] = {}
    bad: list[int] = []
    rows = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        rows += 1
        if rows > limits.max_total_rows:
            raise refused(
                path,
                f"it holds more than {limits.max_total_rows:,} entries, the days an import "
                "brings; is it the right file?",
            )
        if len(line) > limits.max_line_chars:
            bad.append(number)
            continue
        found = _log_entry(line)
        if found is None:
            bad.append(number)
            continue
        name, day = found
        entries.setdefault(name, {})[day.day] = day
    return entries, _bad_lines("log", bad)


def _log_entry(line: str) -> tuple[str, ForeignDay] | None:
    fields = line.split(" : ")
    if not 3 <= len(fields) <= 5:
        return None
    try:
        day = date.fromisoformat(fields[0])
    except ValueError:
        return None
    name, result = fields[1], fields[2].strip()
    if not name.strip() or result not in _STATUS:
        return None
    comment = fields[3].strip() if len(fields) >= 4 else ""
    typed = fields[4].strip() if len(fields) == 5 else ""
    amount = _amount(typed)
    if amount is None and typed not in {"", "0", "0.0"}:
        comment = " · ".join(part for part in (comment, f"amount {typed}") if part)
    status = _STATUS[result]
    reason = SKIP_REASON if status is MarkStatus.EXCUSED else ""
    return name, ForeignDay(day, status, reason, comment, amount)


def _amount(typed: str) -> float | None:
    """harsh's amount as a number (None for none: harsh writes 0 when none was given)."""
    try:
        value = float(typed)
    except ValueError:
        return None
    return value if value > 0 and value == value and value != float("inf") else None


def _measured(days: list[ForeignDay], approximations: list[str]) -> Measure | None:
    """A habit with amounts: at least the least amount of a day harsh counted kept."""
    kept = [d.amount for d in days if d.amount is not None and d.status is MarkStatus.KEPT]
    if not kept:
        return None
    target = min(kept)
    measure = foreign_measure("units", target, TargetKind.AT_LEAST, approximations)
    above = sum(
        1 for d in days if d.status is MarkStatus.MISSED and d.amount and d.amount >= target
    )
    approximations.append(
        "harsh keeps no target: the least amount of a kept day was taken"
        + (f"; {above:,} days harsh counted missed reach it and count as kept" if above else "")
    )
    return measure


def _bad_lines(what: str, numbers: list[int]) -> list[Unmapped]:
    if not numbers:
        return []
    listed = ", ".join(str(n) for n in numbers[:_BAD_LINES_LISTED])
    more = (
        f" and {len(numbers) - _BAD_LINES_LISTED:,} more"
        if len(numbers) > _BAD_LINES_LISTED
        else ""
    )
    return [
        Unmapped(
            f"{len(numbers):,} lines of the {what} (line {listed}{more})",
            "they do not fit harsh's format",
        )
    ]


def harsh_schedule(frequency: str) -> tuple[Schedule, str | None] | None:
    """(schedule, approximation) for a harsh frequency; None for `0` (no target) or nonsense."""
    parts = frequency.split("/")
    if len(parts) > 2:
        return None
    numbers = [_days(part.strip()) for part in parts]
    if any(n is None for n in numbers):
        return None
    if len(numbers) == 1:
        days = numbers[0] or 0
        times = 1
        if days == 0:
            return None
    else:
        times, days = numbers[0] or 0, numbers[1] or 0
        if times < 1 or days < 1 or times > days:
            return None
    mapped = rhythm_for(times, days)
    return mapped.schedule, mapped.approximation


def _days(text: str) -> int | None:
    match = re.fullmatch(r"(\d{1,5})(w?)", text)
    if match is None:
        return None
    return int(match[1]) * (7 if match[2] else 1)


def _habits(
    configured: list[HarshHabit], entries: dict[str, dict[date, ForeignDay]]
) -> list[ForeignHabit]:
    habits: list[ForeignHabit] = []
    listed: set[str] = set()
    for habit in configured:
        if habit.name in listed:
            continue
        listed.add(habit.name)
        days = list(entries.get(habit.name, {}).values())
        mapped = harsh_schedule(habit.frequency)
        approximations: list[str] = []
        archived = False
        if mapped is None:
            schedule = Schedule(ScheduleKind.PER_WEEK, count=1)
            archived = True
            if habit.frequency.strip() in {"0", "0w"}:
                approximations.append(
                    "tracked without a target in harsh: imported archived (its days kept, "
                    "nothing asked); give it a schedule and unarchive it to make it a promise"
                )
            else:
                approximations.append(
                    f"harsh's frequency '{habit.frequency[:20]}' is not one harsh reads; "
                    "imported archived"
                )
        else:
            schedule, approximation = mapped
            if approximation:
                approximations.append(approximation)
        habits.append(
            ForeignHabit(
                name=habit.name,
                schedule=schedule,
                days=days,
                end=habit.end,
                archived=archived,
                approximations=approximations,
                measure=None if archived else _measured(days, approximations),
            )
        )
    for name, logged in entries.items():
        if name in listed:
            continue
        approximations = ["in the log but not in the habits file: imported archived, as daily"]
        habits.append(
            ForeignHabit(
                name=name,
                schedule=Schedule(ScheduleKind.DAILY),
                days=list(logged.values()),
                archived=True,
                approximations=approximations,
            )
        )
    return habits
