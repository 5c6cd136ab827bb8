"""The `tracker` command: no subcommand opens the app; subcommands do one thing each, fast.

Textual is imported only when the app starts, so `tracker check ...` stays quick.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from tracker import __version__, actions
from tracker.clock import Clock
from tracker.errors import NotFoundError, TrackerError, ValidationError
from tracker.model import (
    SHORT_TEXT_MAX,
    DayStatus,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    Trigger,
    clean_text,
)
from tracker.parsing import (
    format_count,
    format_duration,
    format_time,
    match_by_name,
    parse_date,
    parse_duration,
    parse_rating,
    parse_times,
)
from tracker.paths import default_data_file
from tracker.schedule import ACCEPTED_FORMS, parse_schedule
from tracker.settings_keys import SETTING_KEYS, read_setting, write_setting
from tracker.stats import current_streak, streak_unit
from tracker.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70


class UsageError(TrackerError):
    """A mistake in how the command was called."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as one line, like every other tracker error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


@dataclass
class Context:
    """What every command gets: the open store and the user's clock and today."""

    store: Store
    clock: Clock
    json: bool = False

    @property
    def today(self) -> date:
        return self.clock.today(self.store.settings().day_starts_at)

    def day(self, text: str | None) -> date:
        return self.today if text is None else parse_date(text, self.today)

    def promise(self, name: str, include_archived: bool = False) -> Promise:
        return self.store.find_promise(name, include_archived=include_archived)


def _say(text: str = "") -> None:
    print(text)


def _print_json(data: Any) -> None:
    import json  # only for --json: kept off the path of every other command and the app

    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- promises ---------------------------------------------------------------------


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    start = ctx.day(args.start) if args.start else ctx.today
    promise = Promise(
        title=args.title,
        schedule=parse_schedule(args.schedule),
        start=start,
        end=ctx.day(args.end) if args.end else None,
        why=args.why or "",
        reminders=parse_times(",".join(args.remind or [])),
    )
    stored = ctx.store.add_promise(promise)
    if ctx.json:
        _print_json(_promise_json(stored))
    else:
        _say(f"Added promise {stored.id}: {stored.title} ({stored.schedule.describe()}).")
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    promise = ctx.promise(args.name, include_archived=True)
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.schedule is not None:
        changes["schedule"] = parse_schedule(args.schedule)
    if args.start is not None:
        changes["start"] = ctx.day(args.start)
    if args.end is not None:
        changes["end"] = None if args.end.strip().lower() in {"", "none"} else ctx.day(args.end)
    if args.why is not None:
        changes["why"] = args.why
    if args.remind is not None:
        changes["reminders"] = parse_times(",".join(args.remind))
    if args.no_remind:
        changes["reminders"] = ()
    if not changes:
        raise UsageError(
            "Say what to change: --title, --schedule, --start, --end, --why, --remind."
        )
    stored = actions.edit_promise(ctx.store, promise, replace(promise, **changes), ctx.today)
    _say(f"Saved promise {stored.id}: {stored.title} ({stored.schedule.describe()}).")
    return 0


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    promise = ctx.store.set_archived(ctx.promise(args.name).id, True)
    _say(f"Archived '{promise.title}'. Its history is kept; `tracker restore` brings it back.")
    return 0


def _names_a_backup_file(target: str) -> bool:
    return target.endswith(".json") or Path(target).expanduser().is_file()


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Bring back an archived promise, or all data from a backup file."""
    target = Path(args.target).expanduser()
    if _names_a_backup_file(args.target):
        if not target.is_file():
            raise NotFoundError(f"There is no backup file at {target}.")
        safety = ctx.store.restore(target)
        _say(f"Restored everything from {target}.")
        _say(f"What was there before is kept in {safety}.")
        return 0
    archived = [p for p in ctx.store.promises(include_archived=True) if p.archived]
    promise = match_by_name(
        archived,
        args.target,
        lambda p: p.title,
        lambda p: p.id,
        "archived promise",
        hint="`tracker list --all` shows archived promises too.",
    )
    ctx.store.set_archived(promise.id, False)
    _say(f"Restored '{promise.title}' with its whole history.")
    return 0


def _promise_json(promise: Promise) -> dict[str, Any]:
    return {
        "id": promise.id,
        "title": promise.title,
        "schedule": promise.schedule.spec,
        "start": promise.start.isoformat(),
        "end": promise.end.isoformat() if promise.end else None,
        "why": promise.why,
        "reminders": [format_time(moment) for moment in promise.reminders],
        "archived": promise.archived,
    }


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    promises = ctx.store.promises(include_archived=args.all)
    if ctx.json:
        _print_json([_promise_json(p) for p in promises])
        return 0
    if not promises:
        _say('No promises yet. Add one: tracker add "Phone away at dinner" --schedule daily')
        return 0
    for p in promises:
        extra = " (archived)" if p.archived else ""
        _say(f"{p.id:>3}  {p.title}  ·  {p.schedule.describe()}, since {p.start}{extra}")
    return 0


# -- marks ------------------------------------------------------------------------


def _mark_command(status: MarkStatus) -> Callable[[Context, argparse.Namespace], int]:
    verbs = {
        MarkStatus.KEPT: "Kept",
        MarkStatus.EXCUSED: "Excused",
        MarkStatus.MISSED: "Marked as missed",
    }

    def run(ctx: Context, args: argparse.Namespace) -> int:
        promise = ctx.promise(args.name)
        day = ctx.day(args.date)
        reason = getattr(args, "reason", None) or ""
        note = getattr(args, "note", None) or ""
        if day < promise.start:
            # Often a promise added today and a forgotten yesterday: say how to allow it.
            raise ValidationError(
                f"'{promise.title}' starts on {promise.start.isoformat()}, after "
                f"{day.isoformat()}. To record earlier days, move its start first: "
                f"tracker edit {promise.id} --start {day.isoformat()}"
            )
        actions.set_mark(ctx.store, promise, day, ctx.today, status, reason=reason, note=note)
        streak = current_streak(promise, ctx.store.marks_of(promise.id), ctx.today)
        when = "today" if day == ctx.today else f"{day:%a} {day.isoformat()}"
        streak_text = format_count(streak, streak_unit(promise))
        _say(f"{verbs[status]}: {promise.title} ({when}). Streak: {streak_text}.")
        return 0

    return run


def cmd_uncheck(ctx: Context, args: argparse.Namespace) -> int:
    promise = ctx.promise(args.name)
    day = ctx.day(args.date)
    removed = actions.uncheck(ctx.store, promise, day, ctx.today)
    if removed is None:
        _say(f"'{promise.title}' had no mark on {day.isoformat()}; nothing changed.")
    else:
        _say(
            f"Removed the '{removed.status.value}' mark of '{promise.title}' on {day.isoformat()}."
        )
    return 0


_STATUS_WORDS = {
    DayStatus.KEPT: "kept",
    DayStatus.MISSED: "missed",
    DayStatus.EXCUSED: "excused",
    DayStatus.OPEN: "open",
    DayStatus.NOT_DUE: "not due",
    DayStatus.FUTURE: "later",
}


def _public_status(status: DayStatus) -> str:
    """The four statuses of the JSON interface; a day that asks nothing reads as open."""
    return status.value if status.value in {"kept", "missed", "excused"} else "open"


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    day = ctx.day(args.date)
    # A past day is shown as it stood then; a future day as it stands today (later).
    as_of = min(day, ctx.today) if day <= ctx.today else ctx.today
    rows = actions.day_rows(ctx.store, day, as_of)
    if ctx.json:
        _print_json(
            [
                {
                    "id": row.promise.id,
                    "title": row.promise.title,
                    "schedule": row.promise.schedule.spec,
                    "date": day.isoformat(),
                    "due": row.due,
                    "status": _public_status(row.status),
                    "state": row.status.value,
                    "streak": row.streak,
                    "streak_unit": row.streak_unit,
                }
                for row in rows
            ]
        )
        return 0
    due = [row for row in rows if row.due or row.mark is not None]
    if not rows:
        _say(_nothing_active(ctx, day))
        return 0
    kept = sum(1 for row in due if row.status is DayStatus.KEPT)
    heading = "Today" if day == ctx.today else f"{day:%A} {day.isoformat()}"
    _say(f"{heading}: {kept} of {len(due)} kept" if due else f"{heading}: nothing due")
    for row in rows:
        if not row.due and row.mark is None:
            continue
        week = ""
        if row.week_target is not None:
            week = f"  ({row.week_kept} of {row.week_target} this week)"
        _say(
            f"  {_STATUS_WORDS[row.status]:<8} {row.promise.title}  ·  streak "
            f"{format_count(row.streak, row.streak_unit)}{week}"
        )
    return 0


def _nothing_active(ctx: Context, day: date) -> str:
    if ctx.store.promises():
        return f"No promise was active on {day.isoformat()}."
    return 'No promises yet. Add one: tracker add "Phone away at dinner" --schedule daily'


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def cmd_streaks(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.day(args.date)
    if today > ctx.today:
        raise ValidationError(
            f"{today.isoformat()} is in the future: streaks are counted up to today."
        )
    found = actions.all_stats(ctx.store, today, include_archived=args.all)
    if ctx.json:
        _print_json(
            [
                {
                    "id": promise.id,
                    "title": promise.title,
                    "schedule": promise.schedule.spec,
                    "current_streak": stats.current_streak,
                    "best_streak": stats.best_streak,
                    "streak_unit": stats.streak_unit,
                    "consistency_7": _ratio(stats.consistency_7),
                    "consistency_30": _ratio(stats.consistency_30),
                    "consistency_90": _ratio(stats.consistency_90),
                    "strength": stats.strength,
                }
                for promise, stats in found
            ]
        )
        return 0
    if not found:
        _say(_nothing_active(ctx, today))
        return 0

    def pct(value: float | None) -> str:
        return "  – " if value is None else f"{value * 100:3.0f}%"

    _say(f"{'promise':<32} {'now':>6} {'best':>6}   7d  30d  90d  strength")
    for promise, s in found:
        unit = "w" if s.streak_unit == "weeks" else "d"
        title = promise.title if len(promise.title) <= 32 else promise.title[:31] + "…"
        _say(
            f"{title:<32} {s.current_streak:>5}{unit} {s.best_streak:>5}{unit} "
            f"{pct(s.consistency_7)} {pct(s.consistency_30)} {pct(s.consistency_90)}  "
            f"{s.strength:5.1f}"
        )
    return 0


# -- quality time and notes -------------------------------------------------------


def _kind(text: str) -> QualityKind:
    spec = "-".join(text.strip().lower().replace("_", "-").split())
    aliases = {
        "talk": "conversation",
        "date": "date-night",
        "quiet": "quiet-moment",
        "hug": "closeness",
        "touch": "closeness",
        "physical": "closeness",
    }
    try:
        return QualityKind(aliases.get(spec, spec))
    except ValueError:
        kinds = ", ".join(kind.value for kind in QualityKind)
        raise ValidationError(
            f"'{text[:40]}' is not a kind of quality time. Kinds: {kinds}."
        ) from None


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    minutes = parse_duration(args.duration)
    kind = _kind(args.kind)
    connection = parse_rating(args.connection) if args.connection is not None else None
    day = ctx.day(args.date)
    entry = actions.log_quality_time(
        ctx.store, ctx.today, minutes, kind, day=day, connection=connection, note=args.note or ""
    )
    week = actions.minutes_in_week(ctx.store.quality_entries(), ctx.today)
    target = ctx.store.settings().weekly_quality_minutes
    _say(
        f"Logged {format_duration(entry.minutes)} of {kind.label.lower()} on {entry.day}. "
        f"This week: {format_duration(week) if week else '0m'} of {format_duration(target)}."
    )
    return 0


def _trigger(text: str) -> Trigger:
    spec = "-".join(text.strip().lower().split())
    try:
        return Trigger({"communication": "poor-communication"}.get(spec, spec))
    except ValueError:
        options = ", ".join(t.value for t in Trigger)
        raise ValidationError(f"'{text[:40]}' is not a trigger. Triggers: {options}.") from None


def _note_status(text: str) -> NoteStatus:
    spec = "-".join(text.strip().lower().split())
    try:
        return NoteStatus({"working": "working-through", "hurts": "still-hurts"}.get(spec, spec))
    except ValueError:
        options = ", ".join(s.value for s in NoteStatus)
        raise ValidationError(f"'{text[:40]}' is not a status. Statuses: {options}.") from None


def _note_json(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "date": note.day.isoformat(),
        "what_happened": note.what_happened,
        "trigger": note.trigger.value,
        "feeling": note.feeling,
        "status": note.status.value,
        "let_go_on": note.let_go_on.isoformat() if note.let_go_on else None,
        "setback": note.setback,
    }


def cmd_note_add(ctx: Context, args: argparse.Namespace) -> int:
    note = Note(
        day=ctx.day(args.date),
        what_happened=args.what,
        trigger=_trigger(args.trigger),
        feeling=args.feeling or "",
        status=_note_status(args.status),
        setback=args.setback,
    )
    stored = actions.write_note(ctx.store, note, ctx.today)
    _say(
        f"Saved note {stored.id} ({stored.status.label.lower()}). It stays private on this machine."
    )
    return 0


def _find_note(ctx: Context, number: str) -> Note:
    for note in ctx.store.notes():
        if str(note.id) == number.strip():
            return note
    raise NotFoundError(
        f"There is no note number {number.strip()[:20]}. `tracker note list` shows them."
    )


def cmd_note_list(ctx: Context, args: argparse.Namespace) -> int:
    notes = ctx.store.notes()
    if args.status:
        wanted = _note_status(args.status)
        notes = [n for n in notes if n.status is wanted]
    if args.trigger:
        trigger = _trigger(args.trigger)
        notes = [n for n in notes if n.trigger is trigger]
    if args.search:
        needle = args.search.casefold()
        notes = [n for n in notes if needle in (n.what_happened + " " + n.feeling).casefold()]
    if ctx.json:
        _print_json([_note_json(n) for n in notes])
        return 0
    if not notes:
        _say("No notes match." if (args.status or args.trigger or args.search) else "No notes yet.")
        return 0
    for n in notes:
        first_line = n.what_happened.splitlines()[0]
        if len(first_line) > 60:
            first_line = first_line[:59] + "…"
        _say(f"{n.id:>4}  {n.day}  {n.status.label:<18} {n.trigger.label:<18} {first_line}")
    return 0


def cmd_note_show(ctx: Context, args: argparse.Namespace) -> int:
    note = _find_note(ctx, args.id)
    if ctx.json:
        _print_json(_note_json(note))
        return 0
    _say(
        f"Note {note.id}, {note.day} · {note.trigger.label} · {note.status.label}"
        + (f" since {note.let_go_on}" if note.let_go_on else "")
        + (" · setback" if note.setback else "")
    )
    _say()
    _say(note.what_happened)
    if note.feeling:
        _say()
        _say(note.feeling)
    return 0


def cmd_note_status(ctx: Context, args: argparse.Namespace) -> int:
    note = _find_note(ctx, args.id)
    stored = actions.set_note_status(ctx.store, note, _note_status(args.status), ctx.today)
    _say(f"Note {stored.id} is now: {stored.status.label.lower()}.")
    return 0


def cmd_note_delete(ctx: Context, args: argparse.Namespace) -> int:
    note = _find_note(ctx, args.id)
    if not args.yes:
        raise UsageError(f"Deleting note {note.id} cannot be undone from the shell; add --yes.")
    ctx.store.delete_note(note.id)
    _say(f"Deleted note {note.id}.")
    return 0


# -- data file ----------------------------------------------------------------------


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    if args.list:
        backups = ctx.store.backups()
        if not backups:
            _say("No backups yet.")
        for info in backups:
            _say(f"{info.taken:%Y-%m-%d %H:%M:%S}  {info.label:<15} {info.path}")
        return 0
    path = ctx.store.backup()
    _say(f"Backed up to {path}")
    return 0


def cmd_config(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.store.settings()
    if args.action == "list" or args.action is None:
        for key in SETTING_KEYS:
            _say(f"{key} = {read_setting(settings, key)}")
        return 0
    if args.key is None:
        raise UsageError(f"Name a setting: {', '.join(SETTING_KEYS)}.")
    if args.action == "get":
        _say(read_setting(settings, args.key))
        return 0
    if args.value is None:
        raise UsageError(f"Give a value: tracker config set {args.key} VALUE")
    ctx.store.save_settings(write_setting(settings, args.key, args.value, ctx.today))
    _say(f"{args.key} = {read_setting(ctx.store.settings(), args.key)}")
    return 0


def _write_demo_file(args: argparse.Namespace, today: date) -> int:
    from tracker.demo import write_demo

    out = Path(args.out).expanduser().absolute()
    summary = write_demo(out, years=args.years, promises=args.promises, today=today, seed=args.seed)
    _say(f"Wrote a {args.years}-year demo history to {out}: {summary}.")
    _say(f"Open it with: tracker --db '{out}'")
    return 0


# -- the parser ----------------------------------------------------------------------


def _text_arg(what: str, max_length: int = SHORT_TEXT_MAX) -> Callable[[str], str]:
    def convert(value: str) -> str:
        return clean_text(value, what, max_length=max_length)

    return convert


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed; opening the app does without the commands' parsers.

    Building the parsers of every command takes about 3 ms, a noticeable part of
    the app's start-up, and opening the app needs none of them.
    """
    if _opens_the_app(argv):
        return _global_parser().parse_args(argv)
    return build_parser().parse_args(argv)


def _opens_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only `--db PATH` and `--demo`: no command, no help."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest:
            rest.pop(0)
        elif arg != "--demo" and not arg.startswith("--db="):
            return False
    return True


def _global_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tracker",
        description="Rebuild trust one kept promise at a time. With no command, opens the app.",
        epilog="Data file: --db PATH, or $TRACKER_DB, else your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the data file to use")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a throwaway five-year demo history (your data is untouched)",
    )
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str, handler: Callable[..., int] | None, **kw: Any):
        sub = commands.add_parser(name, help=help_text, description=help_text, **kw)
        sub.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="the data file to use"
        )
        sub.set_defaults(handler=handler)
        return sub

    sub = command("add", "add a promise", cmd_add)
    sub.add_argument("title", help="what you promise, in a few words")
    sub.add_argument("--schedule", "-s", default="daily", help=f"when it is due: {ACCEPTED_FORMS}")
    sub.add_argument("--start", help="first day (default: today)")
    sub.add_argument("--end", help="last day (default: none)")
    sub.add_argument("--why", help="why it matters to you")
    sub.add_argument(
        "--remind",
        action="append",
        metavar="HH:MM",
        help="a reminder time on due days (repeat for more)",
    )
    sub.add_argument("--json", action="store_true", help="print the new promise as JSON")

    sub = command("edit", "rename, reschedule or change a promise (its history stays)", cmd_edit)
    sub.add_argument("name", help="a number or a part of the title")
    sub.add_argument("--title")
    sub.add_argument("--schedule", "-s", help=ACCEPTED_FORMS)
    sub.add_argument("--start")
    sub.add_argument("--end", help="a date, or 'none'")
    sub.add_argument("--why")
    sub.add_argument(
        "--remind",
        action="append",
        metavar="HH:MM",
        help="replace the reminder times (repeat for more)",
    )
    sub.add_argument("--no-remind", action="store_true", help="remove all reminder times")

    sub = command("archive", "put a promise away; its history is kept", cmd_archive)
    sub.add_argument("name")
    sub = command(
        "restore", "bring back an archived promise, or everything from a backup file", cmd_restore
    )
    sub.add_argument("target", help="an archived promise's name, or a backup file path")

    sub = command("list", "list promises", cmd_list)
    sub.add_argument("--all", action="store_true", help="include archived promises")
    sub.add_argument("--json", action="store_true")

    for name, status, help_text in (
        ("check", MarkStatus.KEPT, "mark a promise kept (today unless --date)"),
        ("excuse", MarkStatus.EXCUSED, "mark a day as not applicable (travel, illness)"),
        ("miss", MarkStatus.MISSED, "record honestly that a promise was missed"),
    ):
        sub = command(name, help_text, _mark_command(status))
        sub.add_argument("name", help="a number, or a unique part of the title")
        sub.add_argument("--date", "-d", help="YYYY-MM-DD, 'yesterday' or 'N days ago'")
        if status is MarkStatus.EXCUSED:
            sub.add_argument("--reason", type=_text_arg("The reason"))
        if status in (MarkStatus.KEPT, MarkStatus.EXCUSED):
            sub.add_argument("--note", type=_text_arg("The note"))

    sub = command("uncheck", "undo a day's mark (today unless --date)", cmd_uncheck)
    sub.add_argument("name")
    sub.add_argument("--date", "-d")

    sub = command("today", "what is due today and how it stands", cmd_today)
    sub.add_argument("--date", "-d", help="see another day")
    sub.add_argument("--json", action="store_true")

    sub = command("streaks", "current and best streaks, consistency and strength", cmd_streaks)
    sub.add_argument("--date", "-d", help="as of another day")
    sub.add_argument("--all", action="store_true", help="include archived promises")
    sub.add_argument("--json", action="store_true")

    sub = command("log", "log quality time together", cmd_log)
    sub.add_argument("duration", help="45m, 1h30, 1h30m or 1:30")
    sub.add_argument("kind", help=", ".join(k.value for k in QualityKind))
    sub.add_argument("--date", "-d")
    sub.add_argument("--connection", "-c", help="how connected it felt, 1-5")
    sub.add_argument("--note", "-n", type=_text_arg("The note", 20_000))

    note = command("note", "forgiveness notes: add, list, show, status, delete", None)
    note_commands = note.add_subparsers(
        dest="note_command", metavar="ACTION", required=True, parser_class=_Parser
    )

    def note_action(name: str, help_text: str) -> argparse.ArgumentParser:
        action = note_commands.add_parser(name, help=help_text, description=help_text)
        action.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="the data file to use"
        )
        return action

    sub = note_action("add", "write a note")
    sub.add_argument("what", help="what happened")
    sub.add_argument("--trigger", "-t", default="other", help=", ".join(t.value for t in Trigger))
    sub.add_argument("--feeling", "-f", help="I feel ... when ...")
    sub.add_argument("--status", default="still-hurts", help=", ".join(s.value for s in NoteStatus))
    sub.add_argument("--setback", action="store_true", help="this is a setback to learn from")
    sub.add_argument("--date", "-d")
    sub.set_defaults(handler=cmd_note_add)
    sub = note_action("list", "list notes")
    sub.add_argument("--status")
    sub.add_argument("--trigger")
    sub.add_argument("--search")
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(handler=cmd_note_list)
    sub = note_action("show", "show a note in full")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(handler=cmd_note_show)
    sub = note_action("status", "move a note along (let-go keeps it readable)")
    sub.add_argument("id")
    sub.add_argument("status", help=", ".join(s.value for s in NoteStatus))
    sub.set_defaults(handler=cmd_note_status)
    sub = note_action("delete", "delete a note")
    sub.add_argument("id")
    sub.add_argument("--yes", action="store_true", help="really delete it")
    sub.set_defaults(handler=cmd_note_delete)

    sub = command("backup", "back up all data now (or --list the backups)", cmd_backup)
    sub.add_argument("--list", action="store_true")

    sub = command("config", "see or change settings", cmd_config)
    sub.add_argument("action", nargs="?", choices=["list", "get", "set"])
    sub.add_argument("key", nargs="?")
    sub.add_argument("value", nargs="?")

    sub = command("demo", "write a realistic demo history to a file", None)
    sub.add_argument("--out", required=True, help="the demo data file to write")
    sub.add_argument("--years", type=_positive_int("--years", 1, 30), default=5)
    sub.add_argument("--promises", type=_positive_int("--promises", 1, 60), default=20)
    sub.add_argument("--seed", type=int, default=2026)

    for extend in _EXTENSIONS:
        extend(command)
    return parser


def _positive_int(flag: str, low: int, high: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        spec = value.strip()
        if len(spec) <= 6 and spec.isascii() and spec.isdigit() and low <= int(spec) <= high:
            return int(value)
        raise ValidationError(f"{flag} takes a whole number from {low} to {high}.")

    return convert


# Subcommands contributed by other faces (reminders, doctor), registered without
# importing their heavy dependencies until they run.
_EXTENSIONS: list[Callable[[Callable[..., Any]], None]] = []


def _register_extensions() -> None:
    try:
        from tracker.reminders.commands import register
    except ImportError:
        return
    if register not in _EXTENSIONS:
        _EXTENSIONS.append(register)


def _open_store(path: Path, clock: Clock) -> Store:
    return Store.open(path, now=clock.now)


def _run_app(db_path: Path, clock: Clock) -> int:
    store = _open_store(db_path, clock)
    from tracker.reminders import LazyInAppReminders
    from tracker.ui.app import run_app

    return run_app(store, clock, reminder_tick=LazyInAppReminders(store, clock))


def _demo_folder() -> Path:
    import tempfile  # only for --demo; kept off the path of everyday commands

    return Path(tempfile.mkdtemp(prefix="tracker-demo-"))


def _safe_streams() -> None:
    """Never crash on printing text the shell passed in undecodable (invalid UTF-8)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


# argparse reads a value such as -5m as an unknown option and then complains about
# something else ("the following arguments are required: kind"): say what is wrong.
_DASHED_VALUE = re.compile(r"^-\d")
_DASHED_DURATION = re.compile(r"^-[\d.:]+\s*[hm]?", re.IGNORECASE)


def _explain_dashed_value(argv: Sequence[str], error: UsageError) -> UsageError:
    dashed = [arg for arg in argv if _DASHED_VALUE.match(arg) and " " not in arg]
    if not dashed:
        return error
    value = dashed[0]
    if "log" in argv or _DASHED_DURATION.fullmatch(value):
        return UsageError(
            f"'{value[:40]}' is not a duration: it cannot be negative. "
            "Write it like 45m, 1h30, 1h30m or 1:30."
        )
    return UsageError(f"'{value[:40]}' cannot be negative here.")


def printable_message(message: str) -> str:
    """`message` as one line a terminal shows literally.

    Messages quote what the user typed; a newline, an escape sequence (ESC[31m) or
    invalid UTF-8 in it is shown escaped (\\n, \\x1b, \\udcff), never acted on.
    """
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char) in _UNPRINTABLE else char for char in message
    )


_UNPRINTABLE = {"Cc", "Cs", "Zl", "Zp"}


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    _register_extensions()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = parse_arguments(argv)
        except UsageError as error:
            raise _explain_dashed_value(argv, error) from None
        clock = Clock.system()
        if args.demo:
            return _run_on_demo(args, clock)
        path = Path(args.db).expanduser() if args.db else default_data_file()
        return _dispatch(args, path, clock)
    except UsageError as error:
        print(f"tracker: {printable_message(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except TrackerError as error:
        print(f"tracker: {printable_message(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing half-saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        print(
            printable_message(
                f"tracker: {error.strerror or error} ({error.filename or 'no file'}); "
                "nothing was changed."
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as error:  # a bug: still one line, never a traceback in the user's face
        print(
            printable_message(
                f"tracker: something unexpected went wrong ({type(error).__name__}: {error}). "
                "Your saved data is safe (every save is all or nothing); please report this."
            ),
            file=sys.stderr,
        )
        return EXIT_BUG


def _run_on_demo(args: argparse.Namespace, clock: Clock) -> int:
    """Run the app (or a command) on a throwaway demo history, removed afterwards."""
    import shutil

    from tracker.demo import write_demo

    folder = _demo_folder()
    try:
        path = folder / "demo.json"
        write_demo(path, years=5, promises=20, today=clock.today(), seed=2026)
        return _dispatch(args, path, clock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _dispatch(args: argparse.Namespace, path: Path, clock: Clock) -> int:
    if args.command is None:
        return _run_app(path, clock)
    if args.command == "demo":
        # A demo needs nothing from the user's own data file: never open (or create) it.
        return _write_demo_file(args, clock.today())
    if args.command == "doctor" or (
        args.command == "restore" and _names_a_backup_file(args.target)
    ):
        # Not Store.open: it refuses a damaged data file, which is exactly when the
        # doctor's report and the restore its message advises are needed (the restore
        # keeps that file aside).
        store = Store(path, now=clock.now)
    else:
        store = _open_store(path, clock)
    ctx = Context(store, clock, json=getattr(args, "json", False))
    return args.handler(ctx, args)
