"""Loop Habit Tracker: its backup database (SQLite) and its CSV export (a zip), into a plan.

What Loop keeps (uhabits' schema, database version up to 25):

* ``Habits``: ``name``, ``question``, ``description``, ``freq_num``/``freq_den`` (a
  habit done ``freq_num`` times in ``freq_den`` days; 1/1 daily, 3/7 three times a
  week, 1/3 every three days, N/30 N times a month), ``archived``, ``type`` (0 yes/no,
  1 numeric), ``target_type`` (0 at least, 1 at most), ``target_value``, ``unit``,
  ``reminder_hour``/``reminder_min`` and ``reminder_days`` (a weekday bit mask, bit 0
  Saturday ... bit 6 Friday; 127 every day).
* ``Repetitions``: ``habit``, ``timestamp`` (milliseconds at 00:00 UTC of the day),
  ``value`` (2 yes, 1 yes but not required that day, 0 no, 3 skip, -1 unknown; numeric
  habits store the amount times 1000), ``notes``.
* The CSV zip: ``Habits.csv`` (``Position,Name,Type,Question,Description,
  FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,
  Archived?``) and one folder per habit, ``NNN <name>/Checkmarks.csv`` (``Date,Value,
  Notes``, values YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN or a number). Folders are
  matched to habits by their number (names are cut and stripped of some characters).

How it maps:

* A habit becomes a promise starting on its first recorded day; its frequency maps by
  `tracker.formats.rhythm` (approximations are listed).
* Yes (2) is kept, no (0) missed, skip (3) excused ("skipped in Loop"). "Yes but not
  required" (1) is a day Loop filled in itself from the frequency, not one you checked:
  it is not imported (the count is shown, and a note you wrote on such a day is listed
  with its words among what is not imported). Unknown (-1) is no mark.
* Archived habits become archived promises; the description (or else the question)
  becomes "why it matters".
* A reminder becomes the promise's reminder time. Loop can remind on some weekdays
  only; tracker reminds on the days a promise is due, so a mask other than every day is
  listed as approximate. The CSV export holds no reminders.
* Numeric habits become measured promises (at least / at most their target, in their
  unit), each day keeping its amount exactly (Loop stores thousandths). A target over
  one day is per due day; a target over several days (a week's total) becomes an
  N/week promise whose week is judged on its amounts added up (over other than 7 days,
  the target is scaled to a week, and the dry run says so).

The database is opened read-only and immutable (SQLite's ``mode=ro&immutable=1``: no
lock, no journal, nothing written next to it), with a time limit and a field-size limit.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import time as clock
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from tracker.amounts import status_for
from tracker.formats.foreign import (
    ForeignDay,
    ForeignHabit,
    foreign_measure,
    plan_from_habits,
    shortened,
)
from tracker.formats.limits import (
    DEFAULT_LIMITS,
    MIB,
    ImportLimits,
    checked_size,
    refused,
    size_words,
)
from tracker.formats.plan import ImportPlan, Unmapped, count_words
from tracker.formats.rhythm import rhythm_for
from tracker.model import MarkStatus, Measure, TargetKind
from tracker.schedule import Schedule, ScheduleKind

SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"
KNOWN_DATABASE_VERSION = 25
SOURCE_DATABASE = "Loop Habit Tracker backup"
SOURCE_CSV = "Loop Habit Tracker CSV export"
SKIP_REASON = "skipped in Loop"
_GIVE_BACKUP = '; give the file Loop\'s "Export full backup" (in its settings) wrote.'

YES, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
_CSV_VALUES = {"YES_MANUAL": YES, "YES_AUTO": YES_AUTO, "NO": NO, "SKIP": SKIP, "UNKNOWN": UNKNOWN}
# Loop's weekday bits: bit 0 is Saturday; tracker's weekdays: 0 is Monday.
_LOOP_BIT_TO_WEEKDAY = (5, 6, 0, 1, 2, 3, 4)
_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_MS = 86_400_000


@dataclass
class LoopHabit:
    """One row of Loop's habits, as read from either file."""

    number: int
    name: str
    question: str = ""
    description: str = ""
    freq_num: Any = 1
    freq_den: Any = 1
    archived: bool = False
    numeric: bool = False
    at_most: bool = False
    target: float = 0.0
    unit: str = ""
    reminder: tuple[int, int, int] | None = None  # hour, minute, weekday mask
    entries: list[tuple[date, int, str]] = field(default_factory=list)


# --- the backup database -----------------------------------------------------------------------


def is_loop_database(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


def read_loop_database(
    path: Path, *, today: date, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportPlan:
    """A plan from a Loop backup database; the file is never written to."""
    checked_size(path, limits.max_database_bytes)
    with open(path, "rb") as handle:
        if not is_loop_database(handle.read(len(SQLITE_MAGIC))):
            raise refused(path, f"it is not an SQLite database (not a Loop backup){_GIVE_BACKUP}")
    remarks: list[str] = []
    try:
        connection = _open_read_only(path, limits)
    except sqlite3.Error:
        raise refused(
            path, "the database cannot be opened; export a new backup from Loop and import that."
        ) from None
    try:
        habits, version = _read_database(connection, path, limits)
    except sqlite3.Error as error:
        raise refused(path, _database_problem(error, limits)) from None
    finally:
        connection.close()
    if version > KNOWN_DATABASE_VERSION:
        remarks.append(
            f"the backup comes from a newer Loop (database version {version}); "
            "what tracker knows of it was read"
        )
    return _plan(habits, SOURCE_DATABASE, path.name, today, remarks)


def _database_problem(error: sqlite3.Error, limits: ImportLimits) -> str:
    text = str(error)
    if "interrupt" in text:
        return f"reading it took longer than {limits.max_seconds:.0f} seconds; is it a Loop backup?"
    if "too big" in text:
        return f"it holds a text longer than {limits.max_field_chars:,} characters."
    return "the database is damaged or not Loop's; export a new backup from Loop and import that."


def _open_read_only(path: Path, limits: ImportLimits) -> sqlite3.Connection:
    uri = path.absolute().as_uri() + "?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    # The schema is the file's author's: run none of its functions, bound what it returns.
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 4 * limits.max_field_chars)
    deadline = clock.monotonic() + limits.max_seconds
    connection.set_progress_handler(lambda: int(clock.monotonic() > deadline), 50_000)
    return connection


def _read_database(
    connection: sqlite3.Connection, path: Path, limits: ImportLimits
) -> tuple[list[LoopHabit], int]:
    tables = {
        str(name).lower(): str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "habits" not in tables or "repetitions" not in tables:
        raise refused(
            path, f"it has no Habits and Repetitions tables (not a Loop backup){_GIVE_BACKUP}"
        )
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    habit_columns = _columns(connection, tables["habits"])
    wanted = [
        "id",
        "name",
        "question",
        "description",
        "freq_num",
        "freq_den",
        "archived",
        "type",
        "target_type",
        "target_value",
        "unit",
        "reminder_hour",
        "reminder_min",
        "reminder_days",
    ]
    present = [column for column in wanted if column in habit_columns]
    if "id" not in present or "name" not in present:
        raise refused(path, f"its Habits table has no id or name (not a Loop backup){_GIVE_BACKUP}")
    _check_counts(connection, tables["habits"], tables["repetitions"], path, limits)
    order = " ORDER BY position" if "position" in habit_columns else ""
    query = (
        f'SELECT {", ".join(present)} FROM "{tables["habits"]}"{order} '
        f"LIMIT {limits.max_habits + 1}"
    )
    habits: dict[Any, LoopHabit] = {}
    for number, row in enumerate(connection.execute(query), start=1):
        if number > limits.max_habits:
            raise refused(
                path, f"it holds more than {limits.max_habits:,} habits; is it the right file?"
            )
        values = dict(zip(present, row, strict=True))
        habits[values["id"]] = _habit_from_row(number, values)
    _read_repetitions(connection, tables["repetitions"], habits, path, limits)
    return list(habits.values()), version if isinstance(version, int) else 0


def _check_counts(
    connection: sqlite3.Connection,
    habits: str,
    repetitions: str,
    path: Path,
    limits: ImportLimits,
) -> None:
    """Refuse a backup over the limits from SQLite's counts, before reading its rows."""
    (habit_count,) = connection.execute(f'SELECT COUNT(*) FROM "{habits}"').fetchone()
    if habit_count > limits.max_habits:
        raise refused(
            path,
            f"it holds {habit_count:,} habits, more than the {limits.max_habits:,} an import "
            "brings; is it the right file?",
        )
    (total,) = connection.execute(f'SELECT COUNT(*) FROM "{repetitions}"').fetchone()
    if total > limits.max_total_rows:
        raise refused(
            path,
            f"it holds {total:,} repetitions, more than the {limits.max_total_rows:,} days an "
            "import brings; is it the right file?",
        )
    longest = connection.execute(
        f'SELECT COUNT(*) AS days FROM "{repetitions}" GROUP BY habit ORDER BY days DESC LIMIT 1'
    ).fetchone()
    if longest is not None and longest[0] > limits.max_rows:
        raise refused(
            path,
            f"one habit holds {longest[0]:,} repetitions, more than the {limits.max_rows:,} "
            "days (a hundred years) of one promise; is it the right file?",
        )


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]).lower() for row in connection.execute(f'PRAGMA table_info("{table}")')}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _whole(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _habit_from_row(number: int, row: Mapping[str, Any]) -> LoopHabit:
    reminder = None
    hour, minute = row.get("reminder_hour"), row.get("reminder_min")
    if isinstance(hour, int) and isinstance(minute, int):
        reminder = (hour, minute, _whole(row.get("reminder_days"), 127))
    target = row.get("target_value")
    return LoopHabit(
        number=number,
        name=_text(row.get("name")),
        question=_text(row.get("question")),
        description=_text(row.get("description")),
        freq_num=row.get("freq_num", 1),
        freq_den=row.get("freq_den", 1),
        archived=bool(_whole(row.get("archived"), 0)),
        numeric=_whole(row.get("type"), 0) == 1,
        at_most=_whole(row.get("target_type"), 0) == 1,
        target=float(target) if isinstance(target, int | float) else 0.0,
        unit=_text(row.get("unit")),
        reminder=reminder,
    )


def _read_repetitions(
    connection: sqlite3.Connection,
    table: str,
    habits: Mapping[Any, LoopHabit],
    path: Path,
    limits: ImportLimits,
) -> None:
    columns = _columns(connection, table)
    value = "value" if "value" in columns else str(YES)  # before version 16: every row a yes
    notes = "notes" if "notes" in columns else "''"
    query = (
        f'SELECT habit, timestamp, {value}, {notes} FROM "{table}" '
        f"LIMIT {limits.max_total_rows + 1}"
    )
    total = 0
    for habit_id, stamp, raw_value, raw_notes in connection.execute(query):
        total += 1
        if total > limits.max_total_rows:
            raise refused(
                path,
                f"it holds more than {limits.max_total_rows:,} repetitions; is it the right file?",
            )
        habit = habits.get(habit_id)
        if habit is None:
            continue  # Loop itself drops repetitions of deleted habits
        if len(habit.entries) >= limits.max_rows:
            raise refused(
                path,
                f"'{habit.name[:40]}' has more than {limits.max_rows:,} repetitions; is it the "
                "right file?",
            )
        day = _day_of_stamp(stamp)
        if day is None or not isinstance(raw_value, int):
            habit.entries.append((date.min, UNKNOWN, ""))  # counted as unreadable below
            continue
        habit.entries.append((day, raw_value, _text(raw_notes)))


def _day_of_stamp(stamp: Any) -> date | None:
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        return None
    try:
        day = datetime.fromtimestamp(stamp // 1000, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return day if date(1970, 1, 1) <= day <= date(2200, 1, 1) else None


# --- the CSV export (a zip) --------------------------------------------------------------------


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def read_loop_csv_zip(
    data: bytes, *, file_name: str, today: date, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportPlan:
    """A plan from the zip that Loop's "Export as CSV" writes; nothing is extracted to disk."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise refused(
            file_name, "it is not a zip file that can be read; export it again from Loop."
        ) from None
    with archive:
        _check_zip(archive, file_name, limits)
        habits_entry, folders = _zip_layout(archive, file_name)
        reader = _ZipReader(archive, file_name, limits)
        habits = [
            _habit_from_csv_row(row, number)
            for number, row in enumerate(reader.rows(habits_entry), start=1)
        ]
        if len(habits) > limits.max_habits:
            raise refused(
                file_name, f"it holds more than {limits.max_habits:,} habits; is it the right file?"
            )
        for habit in habits:
            entry = folders.get(habit.number)
            if entry is not None:
                habit.entries = list(_checkmarks(reader.rows(entry), habit))
    remarks = ["the CSV export holds no reminders; import Loop's backup database to keep them"]
    return _plan(habits, SOURCE_CSV, file_name, today, remarks)


def _check_zip(archive: zipfile.ZipFile, file_name: str, limits: ImportLimits) -> None:
    """Refuse a zip bomb before reading anything: entry count, sizes and ratios as declared
    (a reader never gets more than the declared size out of an entry)."""
    entries = archive.infolist()
    if len(entries) > limits.max_zip_entries:
        raise refused(
            file_name,
            f"the zip holds more than {limits.max_zip_entries:,} files; is it the right file?",
        )
    total = 0
    for info in entries:
        if info.flag_bits & 0x1:
            raise refused(
                file_name,
                f"'{info.filename[:60]}' is encrypted; export it again from Loop, without a "
                "password.",
            )
        if info.file_size > limits.max_entry_bytes:
            raise refused(
                file_name,
                f"'{info.filename[:60]}' unpacks to {size_words(info.file_size)}, more than "
                f"the {size_words(limits.max_entry_bytes)} read (a zip bomb?).",
            )
        if info.file_size > MIB and info.file_size > limits.max_zip_ratio * max(
            1, info.compress_size
        ):
            raise refused(
                file_name,
                f"'{info.filename[:60]}' unpacks {info.file_size // max(1, info.compress_size):,}"
                " times larger than it is packed (a zip bomb?).",
            )
        total += info.file_size
    if total > limits.max_zip_bytes:
        raise refused(
            file_name,
            f"the zip unpacks to {size_words(total)}, more than the "
            f"{size_words(limits.max_zip_bytes)} read (a zip bomb?).",
        )


_FOLDER = re.compile(r"^(?P<number>\d{1,6}) [^/]*/Checkmarks\.csv$")


def _zip_layout(
    archive: zipfile.ZipFile, file_name: str
) -> tuple[zipfile.ZipInfo, dict[int, zipfile.ZipInfo]]:
    """Habits.csv and each habit's Checkmarks.csv by the folder's number.

    The files may sit in one folder of their own (a zip made again by hand).
    """
    habit_files = sorted(
        (info for info in archive.infolist() if info.filename.rsplit("/", 1)[-1] == "Habits.csv"),
        key=lambda info: info.filename.count("/"),
    )
    if not habit_files:
        raise refused(
            file_name,
            "the zip has no Habits.csv (not a Loop CSV export); give the zip Loop's "
            '"Export as CSV" wrote.',
        )
    habits_entry = habit_files[0]
    prefix = habits_entry.filename[: -len("Habits.csv")]
    folders: dict[int, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if not info.filename.startswith(prefix):
            continue
        match = _FOLDER.match(info.filename[len(prefix) :])
        if match:
            folders[int(match["number"])] = info
    return habits_entry, folders


class _ZipReader:
    """CSV rows of zip entries, read as a stream within the limits."""

    def __init__(self, archive: zipfile.ZipFile, file_name: str, limits: ImportLimits) -> None:
        self.archive = archive
        self.file_name = file_name
        self.limits = limits
        self.total_rows = 0

    def rows(self, info: zipfile.ZipInfo) -> Iterator[dict[str, str]]:
        where = f"'{info.filename[:80]}'"
        try:
            with self.archive.open(info) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                reader = csv.reader(text)
                header = next(reader, None)
                if header is None:
                    return
                names = [name.strip() for name in header]
                for count, row in enumerate(reader, start=1):
                    self.total_rows += 1
                    if count > self.limits.max_rows:
                        raise refused(
                            self.file_name,
                            f"{where} has more than {self.limits.max_rows:,} rows (a hundred "
                            "years of days); is it the right file?",
                        )
                    if self.total_rows > self.limits.max_total_rows:
                        raise refused(
                            self.file_name,
                            f"its files hold more than {self.limits.max_total_rows:,} rows, "
                            "the days an import brings; is it the right file?",
                        )
                    if any(len(cell) > self.limits.max_field_chars for cell in row):
                        raise refused(
                            self.file_name,
                            f"{where} has a field that is too long; is it the right file?",
                        )
                    yield dict(zip(names, row, strict=False))
        except csv.Error:
            raise refused(
                self.file_name, f"{where} is not CSV as Loop writes it; export it again from Loop."
            ) from None
        except UnicodeDecodeError:
            raise refused(
                self.file_name, f"{where} is not UTF-8 text; export it again from Loop."
            ) from None
        except (zipfile.BadZipFile, OSError, EOFError):
            raise refused(
                self.file_name, f"{where} is damaged in the zip; export it again from Loop."
            ) from None


def _number(text: str | None, default: float) -> float:
    try:
        value = float(text or "")
    except ValueError:
        return default
    return value if value == value and abs(value) < 1e12 else default  # not NaN, not huge


def _habit_from_csv_row(row: Mapping[str, str], number: int) -> LoopHabit:
    position = row.get("Position", "").strip()
    numerator = row.get("FrequencyNumerator", row.get("NumRepetitions", "1"))
    denominator = row.get("FrequencyDenominator", row.get("Interval", "1"))
    return LoopHabit(
        number=int(position) if position.isdigit() and len(position) <= 6 else number,
        name=row.get("Name", ""),
        question=row.get("Question", ""),
        description=row.get("Description", ""),
        freq_num=int(_number(numerator, 0)),
        freq_den=int(_number(denominator, 0)),
        archived=row.get("Archived?", "").strip().lower() == "true",
        numeric=row.get("Type", "").strip().upper() == "NUMERICAL",
        at_most=row.get("Target Type", "").strip().upper() == "AT_MOST",
        target=_number(row.get("Target Value"), 0.0),
        unit=row.get("Unit", ""),
    )


def _checkmarks(
    rows: Iterator[dict[str, str]], habit: LoopHabit
) -> Iterator[tuple[date, int, str]]:
    for row in rows:
        raw_value = row.get("Value", "").strip()
        value = _CSV_VALUES.get(raw_value)
        if value is None:
            value = int(_number(raw_value, UNKNOWN)) if raw_value.lstrip("-").isdigit() else None
        try:
            day = date.fromisoformat(row.get("Date", "").strip())
        except ValueError:
            day = None
        if day is None or value is None:
            yield (date.min, UNKNOWN, "")  # counted as unreadable
            continue
        yield (day, value, row.get("Notes", ""))


# --- both: habits into a plan ------------------------------------------------------------------


def _plan(
    habits: list[LoopHabit], source: str, file_name: str, today: date, remarks: list[str]
) -> ImportPlan:
    foreign = [_foreign_habit(habit) for habit in habits]
    auto = sum(1 for habit in habits for _, value, _ in habit.entries if value == YES_AUTO)
    if auto:
        remarks.append(
            f"{auto:,} days Loop filled in itself ('yes, not required that day') are not "
            "imported: they are not days you checked"
        )
    return plan_from_habits(
        foreign, source=source, file_name=file_name, today=today, remarks=remarks
    )


def _foreign_habit(habit: LoopHabit) -> ForeignHabit:
    name = habit.name.strip() or f"Loop habit {habit.number}"
    approximations: list[str] = []
    schedule = _schedule(habit, approximations)
    measure = None
    if habit.numeric:
        schedule, measure = _measured(habit, schedule, approximations)
    judge = _judge(habit, measure)
    days: list[ForeignDay] = []
    unreadable = 0
    auto_notes: list[tuple[date, str]] = []
    for day, value, notes in habit.entries:
        if day == date.min:
            unreadable += 1
            continue
        if value == YES_AUTO and not habit.numeric and notes.strip():
            auto_notes.append((day, notes.strip()))
        found = judge(day, value, notes.strip())
        if found is not None:
            days.append(found)
    left_out: list[Unmapped] = []
    if unreadable:
        left_out.append(
            Unmapped(f"{unreadable:,} rows of '{name[:60]}'", "unreadable date or value")
        )
    if auto_notes:
        left_out.append(_auto_notes(name, auto_notes))
    return ForeignHabit(
        name=name,
        schedule=schedule,
        days=days,
        why=(habit.description or habit.question).strip(),
        reminders=_reminders(habit, approximations),
        archived=habit.archived,
        approximations=approximations,
        left_out=left_out,
        measure=measure,
    )


def _measured(
    habit: LoopHabit, schedule: Schedule, approximations: list[str]
) -> tuple[Schedule, Measure | None]:
    """A numeric habit's schedule and measure: its target per day, or over several days
    a week's target (scaled to 7 days when Loop's period is another)."""
    kind = TargetKind.AT_MOST if habit.at_most else TargetKind.AT_LEAST
    times, days = max(1, _whole(habit.freq_num, 1)), max(1, _whole(habit.freq_den, 1))
    if days == 1:
        return schedule, foreign_measure(habit.unit, habit.target, kind, approximations)
    target = habit.target * 7 / days
    if days != 7:
        approximations.append(
            f"Loop's target of {habit.target:g} {habit.unit.strip()} in {days} days is "
            f"{target:.3g} a week in tracker"
        )
    weekly = Schedule(ScheduleKind.PER_WEEK, count=min(7, max(1, round(7 * times / days))))
    return weekly, foreign_measure(habit.unit, round(target, 3), kind, approximations)


_AUTO_NOTES_SHOWN = 3


def _auto_notes(name: str, notes: list[tuple[date, str]]) -> Unmapped:
    """The notes you wrote on days Loop filled in itself, named with their words (tracker
    keeps a note on a day you marked, and these days are not imported)."""
    notes.sort()
    shown = "; ".join(
        f"{day.isoformat()}: {shortened(text, 60)}" for day, text in notes[:_AUTO_NOTES_SHOWN]
    )
    more = len(notes) - _AUTO_NOTES_SHOWN
    if more > 0:
        shown += f"; and {more:,} more"
    return Unmapped(
        f"the notes of {count_words('days', len(notes))} Loop filled in itself in "
        f"'{name[:60]}' ({shown})",
        "tracker keeps a note on a day you marked; add them to a day's note by hand "
        "if you want them",
    )


def _schedule(habit: LoopHabit, approximations: list[str]) -> Schedule:
    times, days = _whole(habit.freq_num, 0), _whole(habit.freq_den, 0)
    if times < 1 or days < 1:
        approximations.append(f"Loop's frequency {times}/{days} is not valid; imported as daily")
        return Schedule(ScheduleKind.DAILY)
    mapped = rhythm_for(times, min(days, 10_000))
    if mapped.approximation:
        approximations.append(mapped.approximation)
    return mapped.schedule


def _reminders(habit: LoopHabit, approximations: list[str]) -> tuple[time, ...]:
    if habit.reminder is None:
        return ()
    hour, minute, mask = habit.reminder
    if not (0 <= hour < 24 and 0 <= minute < 60):
        approximations.append(f"the reminder time {hour}:{minute} is not a time of day; left out")
        return ()
    mask &= 0x7F
    if mask == 0:
        return ()  # Loop keeps the time but reminds on no day
    if mask != 0x7F:
        weekdays = sorted(_LOOP_BIT_TO_WEEKDAY[bit] for bit in range(7) if mask >> bit & 1)
        named = ", ".join(_WEEKDAY_NAMES[day] for day in weekdays)
        approximations.append(
            f"Loop reminded only on {named}; tracker reminds at {hour:02d}:{minute:02d} on "
            "the days the promise is due"
        )
    return (time(hour, minute),)


Judge = Callable[[date, int, str], ForeignDay | None]


def _judge(habit: LoopHabit, measure: Measure | None) -> Judge:
    """How one Loop value becomes a day: kept, missed, excused, or nothing (None)."""
    if not habit.numeric:
        statuses = {YES: MarkStatus.KEPT, NO: MarkStatus.MISSED}

        def judge_yes_no(day: date, value: int, notes: str) -> ForeignDay | None:
            if value == SKIP:
                return ForeignDay(day, MarkStatus.EXCUSED, SKIP_REASON, notes)
            status = statuses.get(value)
            return None if status is None else ForeignDay(day, status, note=notes)

        return judge_yes_no

    def judge_amount(day: date, value: int, notes: str) -> ForeignDay | None:
        if value == SKIP:
            return ForeignDay(day, MarkStatus.EXCUSED, SKIP_REASON, notes)
        if value < 0:
            return None
        amount = value / 1000  # Loop keeps thousandths: exact to three decimals
        if measure is None:
            status = MarkStatus.KEPT if amount > 0 else MarkStatus.MISSED
        else:
            status = status_for(measure, amount)
        return ForeignDay(day, status, note=notes, amount=amount)

    return judge_amount
