"""`tracker remind`, `notify-test`, `doctor`: reminders while the app is closed, and a checkup.

The heavy parts (the notifier, systemd and cron helpers) are imported when a command
runs, so `tracker check` stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.commands import Access, Context, always
from tracker.cli.output import say
from tracker.cli.parser import AddCommand
from tracker.errors import TrackerError

TEST_SUMMARY = "tracker test notification"
TEST_BODY = "If you can read this, tracker's reminders will reach you."


def register(command: AddCommand) -> None:
    sub = command(
        "remind",
        "fire reminders while the app is closed (runs until stopped; --once for cron)",
        cmd_remind,
        # It writes the share itself when there is something new (a change, a new day).
        publish_after=False,
    )
    action = sub.add_mutually_exclusive_group()
    action.add_argument("--once", action="store_true", help="fire what is due now, then exit")
    action.add_argument(
        "--install",
        action="store_true",
        help="set up a systemd user service (or print a crontab line) that runs it",
    )
    action.add_argument("--uninstall", action="store_true", help="remove what --install wrote")
    sub.add_argument(
        "--using",
        choices=["systemd", "cron"],
        help="with --install: the scheduler to use (default: systemd if running)",
    )
    command("notify-test", "send a test notification and say which backend showed it", cmd_test)
    command(
        "doctor",
        "check the data file, backups, notifications and the reminder service",
        cmd_doctor,
        # The doctor reports on a damaged data file too: open it anyway.
        access=always(Access.REPAIR),
    )


def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.reminders.notifier import Notifier
    from tracker.reminders.service import ReminderService, single_instance, stop_on_signals

    if args.using and not args.install:
        raise TrackerError("--using goes with --install.")
    tracker = ctx.tracker
    if args.install:
        return _install(tracker.data_path, args.using)
    if args.uninstall:
        return _uninstall()
    service = ReminderService(tracker, Notifier(), say, offer_snooze=not args.once)
    if args.once:
        now = tracker.clock.now()
        firing = service.fire_once(now)
        service.share_if_new(now)
        return 0 if firing is not None and service.failed_deliveries == 0 else 1
    with single_instance(tracker.data_path), stop_on_signals(service):
        service.run()
    return 0


def _install(data_path: Path, using: str | None) -> int:
    from tracker.reminders import install

    if using is None:
        using = "systemd" if install.systemd_available() else "cron"
    if using == "cron":
        say("No systemd here, so let cron run `tracker remind --once` every few minutes.")
        say("Add this line with `crontab -e`:")
        say("")
        say(install.crontab_line(data_path))
        say("")
        say("Then check with `tracker notify-test` and `tracker doctor`.")
        return 0
    installed = install.install_systemd(data_path)
    verb = "Updated" if installed.replaced else "Wrote"
    say(f"{verb} {installed.path}.")
    say("Turn it on (it also starts at every login):" if not installed.replaced else "Reload it:")
    for line in installed.commands:
        say(f"  {line}")
    say("Then check with `tracker notify-test` and `tracker doctor`.")
    return 0


def _uninstall() -> int:
    from tracker.reminders import install

    removed, failed = install.uninstall_systemd()
    if removed is None:
        say(
            "No tracker service is installed for systemd. If you added the crontab line, "
            "remove it with `crontab -e`."
        )
        return 0
    say(f"Removed {removed}.")
    if failed:
        say("systemctl did not answer; run these yourself:")
        for line in failed:
            say(f"  {line}")
        return 1
    return 0


def cmd_test(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.reminder_rules.messages import Notice
    from tracker.reminders.notifier import Notifier

    delivery = Notifier().send(Notice(TEST_SUMMARY, TEST_BODY))
    if delivery.ok:
        say(f"Sent a test notification through {delivery.backend}.")
        say("If none appeared, your desktop may be in do-not-disturb mode.")
        return 0
    say(f"Could not send a test notification: {delivery.error}")
    return 1


def cmd_doctor(ctx: Context, args: argparse.Namespace) -> int:
    from tracker.reminders.doctor import Verdict, diagnose, render

    findings = diagnose(ctx.tracker)
    say(render(findings))
    return 1 if any(finding.verdict is Verdict.PROBLEM for finding in findings) else 0
