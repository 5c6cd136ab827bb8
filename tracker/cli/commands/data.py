"""`tracker backup`, `config`, `demo`: the data file, the settings, a demo history."""

from __future__ import annotations

import argparse
import os

from tracker.cli.commands import Access, Context, always
from tracker.cli.output import say
from tracker.cli.parser import AddCommand, UsageError, path_arg, whole_number
from tracker.errors import TrackerError, ValidationError
from tracker.paths import expand_home
from tracker.service import Tracker
from tracker.settings_keys import SETTING_KEYS, SETTING_MEANINGS


def register(command: AddCommand) -> None:
    sub = command("backup", "back up all data now (or --list the backups)", cmd_backup)
    sub.add_argument("--list", action="store_true", help="list the backups, newest first")

    # Its help lists every setting with its meaning and current value, so it reads the data
    # (even a damaged file: help never fails for that).
    sub = command(
        "config", "see or change settings", cmd_config, add_help=False, access=_config_access
    )
    sub.add_argument(
        "-h", "--help", action="store_true", dest="show_help", help="each setting, its value now"
    )
    sub.add_argument("action", nargs="?", choices=["list", "get", "set"])
    sub.add_argument("key", nargs="?")
    sub.add_argument("value", nargs="?")

    command(
        "move-data",
        "move your data from ~/.local/share/tracker (the folder tracker first used, "
        "GNOME Tracker's name too) into its own folder",
        cmd_move_data,
        access=always(Access.NONE),
    )

    # A demo needs nothing from the user's own data file: it never opens (or creates) it.
    sub = command(
        "demo", "write a realistic demo history to a file", cmd_demo, access=always(Access.NONE)
    )
    sub.add_argument(
        "--out", required=True, type=path_arg("--out"), help="the demo data file to write"
    )
    sub.add_argument(
        "--years",
        type=whole_number("--years", 1, 30),
        default=5,
        help="years of history (1-30, default 5)",
    )
    sub.add_argument(
        "--promises",
        type=whole_number("--promises", 1, 60),
        default=20,
        help="how many promises (1-60, default 20)",
    )
    sub.add_argument("--seed", type=int, default=2026, help="the same seed gives the same demo")


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.tracker.backups
    if not args.list:
        say(backups.take().message)
        return 0
    found = backups.all()
    if not found:
        say("No backups yet.")
    for info in found:
        say(f"{info.taken:%Y-%m-%d %H:%M:%S}  {info.label:<15} {info.path}")
    return 0


def _config_access(args: argparse.Namespace) -> Access:
    return Access.REPAIR if args.show_help else Access.CHECKED


def cmd_config(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.tracker.settings
    if args.show_help:
        say(config_help(ctx.tracker))
        return 0
    if args.action == "list" or args.action is None:
        for key in settings.keys:
            say(f"{key} = {settings.read(key)}")
        return 0
    if args.key is None:
        raise UsageError(f"Name a setting: {', '.join(settings.keys)}.")
    if args.action == "get":
        say(settings.read(args.key))
        return 0
    if args.value is None:
        raise UsageError(f"Give a value: tracker config set {args.key} VALUE")
    say(settings.change({args.key: args.value}).message)
    return 0


def cmd_move_data(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.paths import DB_ENV, first_data_file
    from tracker.reminders import install
    from tracker.reminders.service import running_service_pid
    from tracker.service.data_folder import move_to_own_folder

    if getattr(args, "db", None) or os.environ.get(DB_ENV):
        raise ValidationError(
            f"move-data moves the data of the usual place; with --db or {DB_ENV} your data "
            "is where you said."
        )
    old = first_data_file()
    unit = install.unit_path()
    service_on_old = running_service_pid(old) is not None or (
        unit.exists() and str(old) in unit.read_text(encoding="utf-8", errors="replace")
    )
    if service_on_old or install.crontab_mentions_remind():
        raise ValidationError(
            "The reminder service works on the old folder: run `tracker remind --uninstall`, "
            "then `tracker move-data`, then `tracker remind --install`."
        )
    say(f"{move_to_own_folder()} If tracker is open somewhere, close it and open it again.")
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.demo import write_demo

    out = expand_home(args.out).absolute()
    summary = write_demo(
        out,
        years=args.years,
        promises=args.promises,
        today=ctx.clock.today(),
        seed=args.seed,
        practices=True,
    )
    say(f"Wrote a {args.years}-year demo history to {out}: {summary}.")
    say(f"Open it with: tracker --db '{out}'")
    return 0


def config_help(tracker: Tracker) -> str:
    """`tracker config --help`: the usage, then every setting, its meaning and value now."""
    usage = "usage: tracker config [list | get KEY | set KEY VALUE] [--db PATH]"
    try:
        values = {key: f" = {tracker.settings.read(key)}" for key in SETTING_KEYS}
        intro = "See or change settings. Each setting, what it means, and its value now:"
        ending = "Example: tracker config set day_starts_at 03:00"
    except TrackerError:  # a damaged data file: the help still helps
        values = dict.fromkeys(SETTING_KEYS, "")
        intro = "See or change settings. Each setting and what it means:"
        ending = "Your values cannot be read now: `tracker doctor` says why and the way back."
    settings = [
        f"  {key}{values[key]}\n      {meaning}" for key, meaning in SETTING_MEANINGS.items()
    ]
    return "\n".join([usage, "", intro, "", *settings, "", ending])
