"""`tracker letter write|list|show|edit|share|delete`: longer writing, private by default."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from tracker.cli.commands import Context
from tracker.cli.commands.actions import actions_of, add_delete_action
from tracker.cli.output import print_json, say
from tracker.cli.parser import AddCommand
from tracker.errors import ValidationError
from tracker.practices.records import Letter

# The editor's file says how it is read, without a line in it the user must remove.
EDITOR_FILE = "letter-first-line-is-the-title.txt"
EDITOR_BODY_FILE = "letter.txt"


def register(command: AddCommand) -> None:
    letter = command("letter", "letters: write, list, show, edit, share, delete", None)
    action = actions_of(letter, "letter_command")
    sub = action(
        "write",
        "write a letter in your editor, or from standard input (the first line is its title)",
    )
    sub.add_argument("--title", "-t", help="the title (then all of the text is the letter)")
    sub.add_argument("--date", "-d", help="the day it was written (default: today)")
    sub.set_defaults(handler=cmd_letter_write)
    sub = action("list", "list letters, newest first")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_letter_list)
    sub = action("show", "read a letter")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true", help="as JSON (shapes in the README)")
    sub.set_defaults(handler=cmd_letter_show)
    sub = action("edit", "edit a letter in your editor, or from standard input")
    sub.add_argument("id")
    sub.add_argument("--title", "-t", help="only rename it")
    sub.set_defaults(handler=cmd_letter_edit)
    sub = action("share", "let partner sharing carry this one letter (--off: private again)")
    sub.add_argument("id")
    sub.add_argument("--off", action="store_true", help="make it private again")
    sub.set_defaults(handler=cmd_letter_share)
    add_delete_action(action, "letter", lambda tracker: tracker.letters)


def words(text: str) -> int:
    return len(text.split())


def letter_json(letter: Letter, *, body: bool) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": letter.id,
        "title": letter.title,
        "date": letter.written_on.isoformat(),
        "shared": letter.shared,
        "words": words(letter.body),
    }
    if body:
        found["body"] = letter.body
    return found


def _written(title: str | None, text: str) -> tuple[str, str]:
    from tracker.cli.writing import title_and_body

    if not text.strip():
        raise ValidationError("Nothing was written; no letter saved.")
    if title is not None:
        return title, text.strip("\n")
    return title_and_body(text)


def cmd_letter_write(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.cli.writing import compose
    from tracker.paths import drafts_dir

    tracker = ctx.tracker
    day = tracker.day(args.date)  # a bad date is refused before the editor opens
    composed = compose(
        "",
        EDITOR_BODY_FILE if args.title is not None else EDITOR_FILE,
        drafts_dir(tracker.data_path),
        say,
        locked=tracker.lock.status().on,
        resume=True,
    )
    title, body = _written(args.title, composed.text)
    letter = Letter(title=title, body=body, written_on=day)
    say(tracker.letters.write(letter).message)
    composed.finish()
    return 0


def cmd_letter_list(ctx: Context, args: argparse.Namespace) -> int:
    letters = ctx.tracker.letters.newest_first()
    if ctx.json:
        print_json([letter_json(letter, body=False) for letter in letters])
        return 0
    if not letters:
        say('No letters yet. Write one: tracker letter write --title "What trust means to me"')
        return 0
    for letter in letters:
        shared = "may be shared" if letter.shared else "private"
        count = words(letter.body)
        say(
            f"{letter.id:>4}  {letter.written_on}  {letter.title}  "
            f"({count} word{'' if count == 1 else 's'}, {shared})"
        )
    return 0


def cmd_letter_show(ctx: Context, args: argparse.Namespace) -> int:
    letter = ctx.tracker.letters.get(args.id)
    if ctx.json:
        print_json(letter_json(letter, body=True))
        return 0
    shared = "may be shared with your partner" if letter.shared else "private"
    say(f"Letter {letter.id} · written {letter.written_on} · {shared}")
    say()
    say(letter.title)
    say()
    say(letter.body)
    return 0


def cmd_letter_edit(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.cli.writing import compose
    from tracker.paths import drafts_dir

    tracker = ctx.tracker
    letter = tracker.letters.get(args.id)
    if args.title is not None:
        title, body = args.title, letter.body
    else:
        initial = f"{letter.title}\n\n{letter.body}\n"
        drafts, locked = drafts_dir(tracker.data_path), tracker.lock.status().on
        composed = compose(initial, EDITOR_FILE, drafts, say, locked=locked)
        title, body = _written(None, composed.text)
    if (title.strip(), body.strip()) == (letter.title, letter.body.strip()):
        say(f"Letter {letter.id} is unchanged.")
        return 0
    say(tracker.letters.edit(letter, replace(letter, title=title, body=body)).message)
    return 0


def cmd_letter_share(ctx: Context, args: argparse.Namespace) -> int:
    tracker = ctx.tracker
    letter = tracker.letters.get(args.id)
    say(tracker.letters.set_shared(letter, not args.off).message)
    return 0
