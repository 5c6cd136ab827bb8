"""`tracker lock setup | off | change-passphrase | status`: encryption at rest."""

from __future__ import annotations

import argparse

from tracker.cli.commands import Access, Context
from tracker.cli.output import hint, print_json, say
from tracker.cli.parser import AddCommand, path_arg

ACTIONS = ("setup", "off", "change-passphrase", "status", "remember", "forget")


def register(command: AddCommand) -> None:
    sub = command(
        "lock",
        "encrypt everything tracker keeps, behind a passphrase (setup, off, "
        "change-passphrase, status; remember or forget it on this computer)",
        cmd_lock,
        access=_access,
    )
    sub.add_argument("action", choices=ACTIONS, help="what to do with the lock")
    sub.add_argument(
        "--new-passphrase-file",
        metavar="PATH",
        type=path_arg("--new-passphrase-file"),
        help="change-passphrase: a file whose first line is the new passphrase",
    )
    sub.add_argument("--json", action="store_true", help="status: as JSON")


def _access(args: argparse.Namespace) -> Access:
    # The status is told without the passphrase (the data is not read).
    return Access.NONE if args.action == "status" else Access.CHECKED


def cmd_lock(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.cli import passphrase

    match args.action:
        case "status":
            return _status(args)
        case "setup":
            from tracker.service.locking import LOSS_WARNING, checked_passphrase

            if ctx.tracker.lock.status().on:
                say("The lock is already on.")
                return 0
            secret = checked_passphrase(
                passphrase.new_passphrase(args.passphrase_file, LOSS_WARNING)
            )
            if args.passphrase_file:
                hint(LOSS_WARNING)  # said once, as on a terminal (before the prompt there)
            change = ctx.tracker.lock.turn_on(secret)
            say(change.message)
            say("Your recovery code (shown only this once; write it on paper and keep it safe):")
            say(f"    {change.saved}")
            say("It opens your data if you forget your passphrase.")
        case "off":
            if not ctx.tracker.lock.status().on:
                say("The lock is already off.")
                return 0
            say(ctx.tracker.lock.turn_off().message)
        case "change-passphrase":
            if not ctx.tracker.lock.status().on:
                say("The lock is off: there is no passphrase to change (`tracker lock setup`).")
                return 1
            secret = passphrase.new_passphrase(
                args.new_passphrase_file, option="--new-passphrase-file"
            )
            say(ctx.tracker.lock.change_passphrase(secret).message)
        case "remember":
            if not ctx.tracker.lock.status().on:
                say("The lock is off: there is no key to remember (`tracker lock setup`).")
                return 1
            say(ctx.tracker.lock.remember().message)
        case "forget":
            say(ctx.tracker.lock.forget().message)
    return 0


def _status(args: argparse.Namespace) -> int:
    from tracker.paths import default_data_file, expand_home
    from tracker.service.locking import lock_status

    path = expand_home(args.db) if args.db else default_data_file()
    status = lock_status(path)
    if args.json:
        print_json({"lock": "on" if status.on else "off"})
    else:
        say(status.describe())
    return 0
