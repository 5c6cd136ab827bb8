"""`tracker note add|list|show|status|delete`: forgiveness notes, private on this machine."""

from __future__ import annotations

import argparse

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of
from tracker.cli.output import hint, print_json, say
from tracker.cli.parser import AddCommand, UsageError
from tracker.errors import ValidationError
from tracker.model import NOTE_LISTED, Note, NoteStatus, Trigger

STATUS_ALIASES = {"working": "working-through", "hurts": "still-hurts"}


def register(command: AddCommand) -> None:
    note = command("note", "forgiveness notes: add, list, show, status, delete", None)
    action = actions_of(note, "note_command")
    sub = action("add", "write a note")
    sub.add_argument("what", help="what happened")
    sub.add_argument("--trigger", "-t", default="other", help=", ".join(t.value for t in Trigger))
    sub.add_argument("--feeling", "-f", help="I feel ... when ...")
    sub.add_argument("--status", default="still-hurts", help=", ".join(s.value for s in NoteStatus))
    sub.add_argument("--setback", action="store_true", help="this is a setback to learn from")
    sub.add_argument("--date", "-d", help="the day it happened (default: today)")
    sub.set_defaults(handler=cmd_note_add)
    sub = action("list", "list notes")
    sub.add_argument(
        "--status", help="only notes with this status: " + ", ".join(s.value for s in NoteStatus)
    )
    sub.add_argument("--trigger", help="only notes with this trigger")
    sub.add_argument("--search", help="only notes containing these words")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_note_list)
    sub = action("show", "show a note in full")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_note_show)
    sub = action("status", "move a note along (let-go keeps it readable)")
    sub.add_argument("id")
    sub.add_argument("status", help=", ".join(s.value for s in NoteStatus))
    sub.set_defaults(handler=cmd_note_status)
    sub = action("delete", "delete a note")
    sub.add_argument("id")
    sub.add_argument("--yes", action="store_true", help="really delete it")
    sub.set_defaults(handler=cmd_note_delete)


def parse_trigger(text: str) -> Trigger:
    from tracker.practices.causes import trigger_named

    return trigger_named(text)


def parse_note_status(text: str) -> NoteStatus:
    spec = "-".join(text.strip().lower().split())
    try:
        return NoteStatus(STATUS_ALIASES.get(spec, spec))
    except ValueError:
        options = ", ".join(s.value for s in NoteStatus)
        raise ValidationError(f"'{text[:40]}' is not a status. Statuses: {options}.") from None


def cmd_note_add(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    note = Note(
        day=tracker.day(args.date),
        what_happened=args.what,
        trigger=parse_trigger(args.trigger),
        feeling=args.feeling or "",
        status=parse_note_status(args.status),
        setback=args.setback,
    )
    say(tracker.notes.write(note).message)
    offer_i_statement(note.feeling or note.what_happened)
    return 0


def offer_i_statement(text: str) -> None:
    """The app's "I feel … when …" offer, as one line on stderr: a hint, never a question,
    so a script that writes notes is never held up (the note is saved as written)."""
    from tracker.coach import suggest_rewrite

    rewrite = suggest_rewrite(text)
    if rewrite is not None:
        hint(f"Saved as you wrote it. Another way to say it: “{rewrite}”")


def cmd_note_list(ctx: Context, args: argparse.Namespace) -> int:
    notes = ctx.tracker.notes.all()
    if args.status:
        wanted = parse_note_status(args.status)
        notes = [n for n in notes if n.status is wanted]
    if args.trigger:
        trigger = parse_trigger(args.trigger)
        notes = [n for n in notes if n.trigger is trigger]
    if args.search:
        needle = args.search.casefold()
        notes = [n for n in notes if needle in (n.what_happened + " " + n.feeling).casefold()]
    if ctx.json:
        print_json([NOTE_LISTED.document(n) for n in notes])
        return 0
    if not notes:
        say("No notes match." if (args.status or args.trigger or args.search) else "No notes yet.")
        return 0
    for n in notes:
        lines = n.what_happened.splitlines() or [""]
        first_line = lines[0] if len(lines[0]) <= 60 else lines[0][:59] + "…"
        say(f"{n.id:>4}  {n.day}  {n.status.label:<18}  {n.trigger.label:<18}  {first_line}")
    return 0


def cmd_note_show(ctx: Context, args: argparse.Namespace) -> int:
    note = ctx.tracker.notes.get(args.id)
    if ctx.json:
        print_json(NOTE_LISTED.document(note))
        return 0
    say(
        f"Note {note.id}, {note.day} · {note.trigger.label} · {note.status.label}"
        + (f" since {note.let_go_on}" if note.let_go_on else "")
        + (" · setback" if note.setback else "")
    )
    say()
    say(note.what_happened)
    if note.feeling:
        say()
        say(note.feeling)
    return 0


def cmd_note_status(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    note = tracker.notes.get(args.id)
    say(tracker.notes.set_status(note, parse_note_status(args.status)).message)
    return 0


def cmd_note_delete(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    note = tracker.notes.get(args.id)
    if not args.yes:
        raise UsageError(f"Deleting note {note.id} cannot be undone from the shell; add --yes.")
    say(tracker.notes.delete(note).message)
    return 0
