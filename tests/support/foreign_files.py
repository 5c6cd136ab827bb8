"""Builders for the files tests import: Loop's database and CSV zip, harsh's files, dijo's JSON,
hostile zips, and the five-year demo as a `TrackerData` snapshot.

They follow each app's documented format (Loop's schema at database version 25, its CSV
exporter's layout, harsh's and dijo's readers); nothing is downloaded.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.demo import write_demo
from tracker.formats.data import TrackerData
from tracker.store import Store

DEMO_TODAY = date(2026, 11, 25)

# Loop's schema as its migrations leave it at database version 25.
LOOP_SCHEMA = """
CREATE TABLE Habits (
    id integer primary key autoincrement, archived integer, color integer,
    description text, freq_den integer, freq_num integer, highlight integer, name text,
    position integer, reminder_hour integer, reminder_min integer,
    reminder_days integer not null default 127, type integer not null default 0,
    target_type integer not null default 0, target_value real not null default 0,
    unit text not null default "", question text, uuid text);
CREATE TABLE Repetitions (
    id integer primary key autoincrement, habit integer not null references habits(id),
    timestamp integer not null, value integer not null, notes text);
CREATE UNIQUE INDEX idx_repetitions_habit_timestamp on Repetitions(habit, timestamp);
CREATE TABLE Events (id integer primary key autoincrement, timestamp integer,
    message text, server_id integer);
CREATE TABLE android_metadata (locale TEXT);
PRAGMA user_version = 25;
"""

LOOP_VALUE_NAMES = {2: "YES_MANUAL", 1: "YES_AUTO", 0: "NO", 3: "SKIP", -1: "UNKNOWN"}


@dataclass
class LoopHabitSpec:
    """A habit to write into a Loop file: `entries` maps a day to Loop's value (and a note)."""

    name: str
    freq_num: int = 1
    freq_den: int = 1
    entries: dict[date, int | tuple[int, str]] = field(default_factory=dict)
    question: str = ""
    description: str = ""
    archived: bool = False
    numeric: bool = False
    at_most: bool = False
    target: float = 0.0
    unit: str = ""
    reminder: tuple[int, int, int] | None = None  # hour, minute, Loop's weekday mask


def loop_timestamp(day: date) -> int:
    """Milliseconds at 00:00 UTC of `day`, as Loop stores it."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) * 1000


def _value_and_note(raw: int | tuple[int, str]) -> tuple[int, str]:
    return raw if isinstance(raw, tuple) else (raw, "")


def write_loop_database(path: Path, habits: Sequence[LoopHabitSpec]) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(LOOP_SCHEMA)
    for position, habit in enumerate(habits):
        hour, minute, days = habit.reminder if habit.reminder else (None, None, 0)
        cursor = connection.execute(
            "INSERT INTO Habits (archived, color, description, freq_den, freq_num, highlight,"
            " name, position, reminder_hour, reminder_min, reminder_days, type, target_type,"
            " target_value, unit, question, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                int(habit.archived),
                8,
                habit.description,
                habit.freq_den,
                habit.freq_num,
                0,
                habit.name,
                position,
                hour,
                minute,
                days,
                int(habit.numeric),
                int(habit.at_most),
                habit.target,
                habit.unit,
                habit.question,
                f"{position:032x}",
            ),
        )
        connection.executemany(
            "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?,?,?,?)",
            [
                (cursor.lastrowid, loop_timestamp(day), *_value_and_note(raw))
                for day, raw in habit.entries.items()
            ],
        )
    connection.commit()
    connection.close()
    return path


def _csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


def loop_folder_name(number: int, name: str) -> str:
    """Loop's folder for a habit: its number and its name stripped of other characters."""
    kept = "".join(c for c in name if c == " " or (c.isascii() and (c.isalnum() or c in "._-")))
    return f"{number:03d} {kept[:100]}".strip()


def loop_csv_zip(habits: Sequence[LoopHabitSpec]) -> bytes:
    """The zip Loop's "Export as CSV" writes for `habits`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        header = [
            "Position",
            "Name",
            "Type",
            "Question",
            "Description",
            "FrequencyNumerator",
            "FrequencyDenominator",
            "Color",
            "Unit",
            "Target Type",
            "Target Value",
            "Archived?",
        ]
        rows: list[Sequence[object]] = [header]
        for number, habit in enumerate(habits, start=1):
            rows.append(
                [
                    f"{number:03d}",
                    habit.name,
                    "NUMERICAL" if habit.numeric else "YES_NO",
                    habit.question,
                    habit.description,
                    habit.freq_num,
                    habit.freq_den,
                    "#00897B",
                    habit.unit if habit.numeric else "",
                    ("AT_MOST" if habit.at_most else "AT_LEAST") if habit.numeric else "",
                    str(habit.target) if habit.numeric else "",
                    "true" if habit.archived else "false",
                ]
            )
        archive.writestr("Habits.csv", _csv_bytes(rows))
        for number, habit in enumerate(habits, start=1):
            marks: list[Sequence[object]] = [["Date", "Value", "Notes"]]
            for day in sorted(habit.entries, reverse=True):
                value, note = _value_and_note(habit.entries[day])
                shown = str(value) if habit.numeric else LOOP_VALUE_NAMES[value]
                marks.append([day.isoformat(), shown, note])
            folder = loop_folder_name(number, habit.name)
            archive.writestr(f"{folder}/Checkmarks.csv", _csv_bytes(marks))
            archive.writestr(f"{folder}/Scores.csv", b"Date,Score\n")
        archive.writestr("Checkmarks.csv", b"Date,\n")
        archive.writestr("Scores.csv", b"Date,\n")
    return buffer.getvalue()


def write_harsh(folder: Path, habits: str, log_lines: Iterable[str]) -> Path:
    """harsh's `habits` and `log` in `folder`; returns the log's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "habits").write_text(habits, encoding="utf-8")
    log = folder / "log"
    log.write_text("".join(line + "\n" for line in log_lines), encoding="utf-8")
    return log


def dijo_record(habits: Sequence[dict[str, object]]) -> bytes:
    return json.dumps(habits, indent=2).encode()


def zip_bomb(unpacked_bytes: int, name: str = "001 Bomb/Checkmarks.csv") -> bytes:
    """A zip whose one entry unpacks from a few kilobytes to `unpacked_bytes` of zeros,
    with a Habits.csv so that it reads as a Loop export."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Habits.csv", b"Position,Name\n001,Bomb\n")
        with archive.open(name, "w", force_zip64=True) as entry:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                entry.write(chunk)
    return buffer.getvalue()


def five_year_demo(folder: Path) -> TrackerData:
    """The five-year demo history (20 promises) as tracker's own snapshot."""
    path = folder / "demo.json"
    write_demo(path, years=5, promises=20, today=DEMO_TODAY, seed=2026)
    return TrackerData.read(Store.open(path))
