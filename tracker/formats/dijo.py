"""dijo (a habit tracker for the terminal): `habit_record.json`, into a plan.

dijo keeps a JSON array (``habit_record.json``; ``habit_record[auto].json`` for habits
tracked by commands) of habits tagged by ``type``::

    {"type": "Bit",   "name": "Walk", "stats": {"2026-11-20": true}, "goal": true, "auto": false}
    {"type": "Count", "name": "Pages", "stats": {"2026-11-20": 12}, "goal": 10, "auto": false}
    {"type": "Float", "name": "Km", "stats": {"2026-11-20": {"value": 52, "precision": 1}},
     "goal": {"value": 50, "precision": 1}, "precision": 1, "auto": false}

dijo habits have no schedule: each is a daily goal. A habit becomes a daily promise from
its first recorded day. A day whose value reaches the goal is kept, one below it missed
(a Bit ``false`` is missed). A Count or a Float becomes a measured promise (at least its
goal a day, in "times" for a Count and "units" for a Float: dijo keeps no unit), each
day keeping its value exactly as its amount. A Float is ``value / 10^precision`` (tracker
keeps thousandths: a finer value is rounded, and the dry run says so). Days dijo never
recorded stay unmarked (so they read as missed due days, as dijo shows them unreached).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeGuard

from tracker.formats.foreign import ForeignDay, ForeignHabit, foreign_measure, plan_from_habits
from tracker.formats.limits import DEFAULT_LIMITS, ImportLimits, load_json, refused
from tracker.formats.plan import ImportPlan, Unmapped
from tracker.model import MarkStatus, TargetKind
from tracker.schedule import Schedule, ScheduleKind

SOURCE = "dijo"
DIJO_FILE = "habit_record.json"
DIJO_AUTO_FILE = "habit_record[auto].json"
_KINDS = ("Bit", "Count", "Float")
_MAX_PRECISION = 9


def looks_like_dijo(head: bytes) -> bool:
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text.startswith("["):
        return False
    body = text[1:].lstrip()
    return body.startswith("]") or (body.startswith("{") and '"type"' in text and '"stats"' in text)


def read_dijo(
    data: bytes,
    *,
    file_name: str,
    today: date,
    limits: ImportLimits = DEFAULT_LIMITS,
    auto: bytes | None = None,
) -> ImportPlan:
    """A plan from dijo's `habit_record.json` (`data`) and, when given, the
    `habit_record[auto].json` beside it (`auto`: the habits dijo tracks by commands)."""
    documents = [(file_name, data)]
    if auto is not None:
        documents.append((DIJO_AUTO_FILE, auto))
    habits: list[ForeignHabit] = []
    unmapped: list[Unmapped] = []
    remarks: list[str] = []
    total = 0
    for name, content in documents:
        document = load_json(content, name, limits)
        if not isinstance(document, list):
            raise refused(
                name,
                "it is not a list of dijo habits; give dijo's habit_record.json, from dijo's "
                "data folder.",
            )
        if len(habits) + len(document) > limits.max_habits:
            raise refused(
                name, f"it holds more than {limits.max_habits:,} habits; is it the right file?"
            )
        for index, item in enumerate(document):
            stats = item.get("stats") if isinstance(item, dict) else None
            if isinstance(stats, dict) and len(stats) > limits.max_rows:
                raise refused(
                    name,
                    f"habit {index + 1} holds {len(stats):,} days, more than the "
                    f"{limits.max_rows:,} (a hundred years) of one promise.",
                )
            habit = _habit(item, index, unmapped)
            if habit is None:
                continue
            total += len(habit.days)
            if total > limits.max_total_rows:
                raise refused(
                    name,
                    f"it holds more than {limits.max_total_rows:,} days; is it the right file?",
                )
            habits.append(habit)
        if name == DIJO_AUTO_FILE:
            remarks.append(
                f"{len(document):,} habits dijo tracks by commands were read from "
                f"{DIJO_AUTO_FILE} beside {file_name}"
            )
    return plan_from_habits(
        habits,
        source=SOURCE,
        file_name=file_name,
        today=today,
        unmapped=unmapped,
        remarks=remarks,
    )


def _habit(item: Any, index: int, unmapped: list[Unmapped]) -> ForeignHabit | None:
    where = f"habit {index + 1}"
    if not isinstance(item, dict) or item.get("type") not in _KINDS:
        unmapped.append(Unmapped(where, "not a Bit, Count or Float habit"))
        return None
    name = item.get("name")
    stats = item.get("stats")
    if not isinstance(name, str) or not isinstance(stats, dict):
        unmapped.append(Unmapped(where, "it has no name or no days"))
        return None
    kind = item["type"]
    goal = _amount(kind, item.get("goal"), item)
    if goal is None:
        unmapped.append(Unmapped(f"'{name[:60]}'", "its goal cannot be read"))
        return None
    approximations: list[str] = []
    measure = None
    if kind != "Bit":
        unit = "times" if kind == "Count" else "units"
        measure = foreign_measure(unit, goal, TargetKind.AT_LEAST, approximations)
    days: list[ForeignDay] = []
    unreadable = rounded = 0
    for raw_day, raw_value in stats.items():
        value = _amount(kind, raw_value, item)
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            day = None
        if day is None or value is None:
            unreadable += 1
            continue
        status = MarkStatus.KEPT if value >= goal else MarkStatus.MISSED
        if kind == "Bit":
            days.append(ForeignDay(day, status))
            continue
        rounded += round(value, 3) != value
        days.append(ForeignDay(day, status, amount=value))
    left_out = []
    if unreadable:
        left_out.append(
            Unmapped(f"{unreadable:,} days of '{name[:60]}'", "unreadable date or value")
        )
    if rounded:
        approximations.append(f"{rounded:,} values finer than a thousandth were rounded")
    if item.get("auto") is True:
        approximations.append("tracked automatically in dijo; here you check it off yourself")
    return ForeignHabit(
        name=name,
        schedule=Schedule(ScheduleKind.DAILY),
        days=days,
        approximations=approximations,
        left_out=left_out,
        measure=measure,
    )


def _amount(kind: str, raw: Any, habit: dict[str, Any]) -> float | None:
    """A Bit as 1 or 0, a Count as is, a Float as value / 10^precision; None if unreadable."""
    if kind == "Bit":
        return float(raw) if isinstance(raw, bool) else None
    if kind == "Count":
        ok = isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < 2**32
        return float(raw) if ok else None
    if not isinstance(raw, dict):
        return None
    value, precision = raw.get("value"), raw.get("precision", habit.get("precision", 0))
    if not _whole(value) or not _whole(precision):
        return None
    if not (0 <= value < 2**32 and 0 <= precision <= _MAX_PRECISION):
        return None
    return value / 10**precision


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
