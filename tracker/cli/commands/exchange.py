"""`tracker export`, `import`, `report`: take the data out, bring it in, a report to print.

The formats and the report are imported by the service when one of these runs, never
by the other commands (they start fast).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracker.cli.commands import Context
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand, path_arg, text_arg, whole_number

FORMATS = ("json", "csv", "ics")
SOURCES = ("tracker", "loop", "harsh", "dijo")
PAPERS = ("a4", "letter")
MAX_REPORT_WEEKS = 52


def register(command: AddCommand) -> None:
    sub = command(
        "export",
        "export your data: everything as JSON, a folder of CSV files, or a calendar (ICS)",
        cmd_export,
    )
    sub.add_argument("--format", "-f", choices=FORMATS, default="json", help="default: json")
    sub.add_argument(
        "--out",
        "-o",
        type=path_arg("--out"),
        help="the file (a folder for csv); default: a dated name in the current folder",
    )
    sub.add_argument(
        "--promise",
        "-p",
        action="append",
        default=[],
        type=text_arg("--promise"),
        metavar="NAME",
        help="only this promise and its days (repeat for more); leaves out time and notes",
    )
    sub.add_argument("--since", help="only days from this date on")
    sub.add_argument("--until", help="only days up to this date")
    sub.add_argument(
        "--plain",
        action="store_true",
        help="when your data is locked: write the export readable, not locked like it",
    )

    sub = command(
        "import",
        "bring in tracker's own export, or Loop Habit Tracker, harsh or dijo data",
        cmd_import,
    )
    sub.add_argument("file", type=path_arg("The file to import"), help="the file to read")
    sub.add_argument(
        "--dry-run", "-n", action="store_true", help="say what would be added; change nothing"
    )
    sub.add_argument(
        "--from",
        dest="source",
        choices=SOURCES,
        help="the app that wrote the file (default: recognised from its content)",
    )
    sub.add_argument("--json", action="store_true", help="print what was (would be) added as JSON")

    sub = command(
        "report",
        "write a report of the last weeks to bring to a counsellor (HTML, prints to PDF)",
        cmd_report,
    )
    sub.add_argument(
        "--weeks",
        "-w",
        type=whole_number("--weeks", 1, MAX_REPORT_WEEKS),
        default=8,
        help=f"how many weeks, ending this week (default 8, at most {MAX_REPORT_WEEKS})",
    )
    sub.add_argument(
        "--out",
        "-o",
        type=path_arg("--out"),
        help="the HTML file; default: a dated name in the current folder",
    )
    sub.add_argument(
        "--include-notes",
        action="store_true",
        help="include the words of notes, check-ins and appreciations (private by default)",
    )
    sub.add_argument("--paper", choices=PAPERS, help="the paper to print on (default: any)")


def _out(value: str | None) -> Path | None:
    return None if value is None else Path(value)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    exchange = tracker.exchange
    since = tracker.day(args.since) if args.since else None
    until = tracker.day(args.until) if args.until else None
    scope = exchange.scope(args.promise, since, until)
    say(exchange.export(args.format, _out(args.out), scope=scope, plain=args.plain).message)
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    exchange = ctx.tracker.exchange
    path = Path(args.file)
    if args.dry_run:
        outcome = exchange.preview(path, source=args.source)
    else:
        outcome = exchange.bring_in(path, source=args.source).saved
    if ctx.json:
        print_json(_outcome_json(outcome, dry_run=args.dry_run))
    else:
        for line in outcome.lines:
            say(line)
    return 0


def _outcome_json(outcome: Any, *, dry_run: bool) -> dict[str, Any]:
    changes = outcome.changes
    plan = changes.plan
    return {
        "file": plan.file_name,
        "format": plan.source,
        "dry_run": dry_run,
        "added": changes.counts(),
        "already_there": dict(changes.already_there),
        "new_promises": [planned.promise.title for planned in changes.new_promises],
        "moved_starts": [
            {
                "title": after.title,
                "start": after.start.isoformat(),
                "was": before.start.isoformat(),
            }
            for before, after in changes.moved_starts
        ],
        "settings": changes.settings is not None,
        "approximations": [
            *(text for planned in plan.promises for text in planned.approximations),
            *plan.remarks,
        ],
        "conflicts": list(changes.conflicts),
        "not_imported": [{"what": item.what, "why": item.reason} for item in changes.unmapped],
        "backup": None if outcome.backup is None else str(outcome.backup),
    }


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    change = ctx.tracker.exchange.report(
        _out(args.out),
        weeks=args.weeks,
        include_notes=args.include_notes,
        paper=args.paper,
    )
    say(change.message)
    return 0
