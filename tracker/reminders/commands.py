"""The reminder subcommands: `tracker remind`, `tracker notify-test`, `tracker doctor`.

cli.py calls `register(command)`; each handler gets the CLI's context (store, clock).
The heavy parts are imported when a command runs, so `tracker check` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from tracker.errors import TrackerError

TEST_SUMMARY = "tracker test notification"
TEST_BODY = "If you can read this, tracker's reminders will reach you."


def register(command: Callable[..., Any]) -> None:
    sub = command(
        "remind",
        "fire reminders while the app is closed (runs until stopped; --once for cron)",
        cmd_remind,
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
        "doctor", "check the data file, backups, notifications and the reminder service", cmd_doctor
    )


def _say(text: str) -> None:
    print(text, flush=True)


def cmd_remind(ctx: Any, args: argparse.Namespace) -> int:
    from tracker.reminders.notifier import Notifier
    from tracker.reminders.service import ReminderService, single_instance, stop_on_signals

    if args.using and not args.install:
        raise TrackerError("--using goes with --install.")
    if args.install:
        return _install(ctx, args.using)
    if args.uninstall:
        return _uninstall()
    service = ReminderService(ctx.store, ctx.clock, Notifier(), _say)
    if args.once:
        firing = service.fire_once(ctx.clock.now())
        return 0 if firing is not None and service.failed_deliveries == 0 else 1
    with single_instance(ctx.store.path), stop_on_signals(service):
        service.run()
    return 0


def _install(ctx: Any, using: str | None) -> int:
    from tracker.reminders import install

    if using is None:
        using = "systemd" if install.systemd_available() else "cron"
    if using == "cron":
        _say("No systemd here, so let cron run `tracker remind --once` every few minutes.")
        _say("Add this line with `crontab -e`:")
        _say("")
        _say(install.crontab_line(ctx.store.path))
        _say("")
        _say("Then check with `tracker notify-test` and `tracker doctor`.")
        return 0
    installed = install.install_systemd(ctx.store.path)
    verb = "Updated" if installed.replaced else "Wrote"
    _say(f"{verb} {installed.path}.")
    _say("Turn it on (it also starts at every login):" if not installed.replaced else "Reload it:")
    for line in installed.commands:
        _say(f"  {line}")
    _say("Then check with `tracker notify-test` and `tracker doctor`.")
    return 0


def _uninstall() -> int:
    from tracker.reminders import install

    removed, failed = install.uninstall_systemd()
    if removed is None:
        _say(
            "No tracker service is installed for systemd. If you added the crontab line, "
            "remove it with `crontab -e`."
        )
        return 0
    _say(f"Removed {removed}.")
    if failed:
        _say("systemctl did not answer; run these yourself:")
        for line in failed:
            _say(f"  {line}")
        return 1
    return 0


def cmd_test(ctx: Any, args: argparse.Namespace) -> int:
    from tracker.reminders.messages import Notice
    from tracker.reminders.notifier import Notifier

    delivery = Notifier().send(Notice(TEST_SUMMARY, TEST_BODY))
    if delivery.ok:
        _say(f"Sent a test notification through {delivery.backend}.")
        _say("If none appeared, your desktop may be in do-not-disturb mode.")
        return 0
    _say(f"Could not send a test notification: {delivery.error}")
    return 1


def cmd_doctor(ctx: Any, args: argparse.Namespace) -> int:
    from tracker.reminders.doctor import Verdict, diagnose, render

    findings = diagnose(ctx.store, ctx.clock)
    _say(render(findings))
    return 1 if any(finding.verdict is Verdict.PROBLEM for finding in findings) else 0
