"""`tracker doctor`: is the data healthy, and will reminders reach the user? One line per answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tracker import DATA_FOLDER_NAME
from tracker.errors import TrackerError
from tracker.parsing import format_time
from tracker.paths import first_data_file
from tracker.reminder_rules.due import in_quiet_hours
from tracker.reminders import install
from tracker.reminders.notifier import (
    DESKTOP_BUS,
    NO_SESSION_BUS,
    find_backend,
    session_bus_address,
)
from tracker.reminders.service import running_service_pid, service_files_problem
from tracker.service import Tracker


class Verdict(StrEnum):
    OK = "ok"
    NOTE = "note"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    topic: str
    detail: str


def diagnose(tracker: Tracker, env: Mapping[str, str] | None = None) -> list[Finding]:
    """Everything `tracker doctor` reports, in the order it prints it."""
    # The data, its files and backups: the store checks them itself.
    findings = [
        Finding(Verdict(found.level), found.topic, found.detail) for found in tracker.health()
    ]
    findings += _data_folder(tracker)
    findings.append(_lock(tracker))
    findings += _sharing(tracker)
    findings += _notifications(env)
    findings += _settings(tracker)
    findings += _service(tracker, env)
    findings.append(_next_reminder(tracker))
    return findings


def render(findings: list[Finding]) -> str:
    width = max(len(finding.topic) for finding in findings)
    return "\n".join(
        f"{finding.verdict.value:<8}{finding.topic:<{width + 2}}{finding.detail}"
        for finding in findings
    )


def _data_folder(tracker: Tracker) -> list[Finding]:
    """A note while the data is still in the folder tracker first used."""
    if tracker.data_path != first_data_file():
        return []
    folder = tracker.data_path.parent
    return [
        Finding(
            Verdict.NOTE,
            "Data folder",
            f"your data is in {folder}, where tracker first kept it; GNOME Tracker 2 used "
            "that folder too (its `tracker reset --hard` deletes it). `tracker move-data` "
            f"moves your data into {DATA_FOLDER_NAME}/ beside it, all of it or none",
        )
    ]


def _lock(tracker: Tracker) -> Finding:
    """Whether the data is encrypted, and whether reminders can read it with the app closed."""
    lock = tracker.lock
    if not lock.status().on:
        return Finding(
            Verdict.OK, "Lock", "off: your files are plain (`tracker lock setup` encrypts them)"
        )
    if lock.remembered():
        return Finding(
            Verdict.OK,
            "Lock",
            "on; the key is remembered on this computer, so reminders come with the app closed",
        )
    problem = lock.keyring_problem()
    why = (
        f"{problem}"
        if problem is not None
        else "the key is not remembered on this computer (`tracker lock remember`)"
    )
    return Finding(
        Verdict.NOTE,
        "Lock",
        f"on; {why}: the reminder service cannot read your data while the app is closed, "
        "so reminders come only while the app is open",
    )


def _sharing(tracker: Tracker) -> list[Finding]:
    """Whether the data file sits in a synced folder (it must not), and how sharing stands."""
    findings = []
    synced = tracker.sharing.data_file_synced()
    if synced is not None:
        findings.append(
            Finding(
                Verdict.PROBLEM,
                "Synced folder",
                f"the data file is inside {synced.root}, which {synced.tool} keeps in step: "
                "two machines writing one data file lose each other's writes. Move it out "
                "(tracker --db NEW/PATH/tracker.json, after copying the file and its "
                "folders), and share with `tracker share setup` instead",
            )
        )
    if not tracker.sharing.is_set_up():
        return findings
    try:
        status = tracker.sharing.status()
    except TrackerError as error:
        return [*findings, Finding(Verdict.PROBLEM, "Sharing", str(error))]
    partner = status.partner or "your partner"
    where = "waiting for your partner to join" if status.partner is None else f"with {partner}"
    verdict = Verdict.NOTE if status.problems else Verdict.OK
    findings.append(Finding(verdict, "Sharing", f"{where}, in {status.folder}"))
    findings += [Finding(Verdict.NOTE, "Sharing", problem.message) for problem in status.problems]
    return findings


def _notifications(env: Mapping[str, str] | None) -> list[Finding]:
    topic = "Notifications"
    backend = find_backend()
    if not backend.found:
        return [Finding(Verdict.PROBLEM, topic, f"no backend found: {backend.advice}")]
    findings = [Finding(Verdict.OK, topic, f"{backend.name} ({backend.detail})")]
    if backend.name == DESKTOP_BUS:
        address = session_bus_address(env)
        if address is None:
            findings.append(Finding(Verdict.PROBLEM, "Session bus", NO_SESSION_BUS))
        else:
            findings.append(Finding(Verdict.OK, "Session bus", address))
    return findings


def _settings(tracker: Tracker) -> list[Finding]:
    try:
        alerts = tracker.settings.current().notifications
    except TrackerError:
        return []
    if alerts.show_titles:
        privacy = "promise titles are shown in notifications (notifications.show_titles)"
    else:
        privacy = (
            "discreet: notifications name no promise "
            "(to show titles: tracker config set notifications.show_titles true)"
        )
    quiet = (
        "none"
        if alerts.quiet_start == alerts.quiet_end
        else f"{format_time(alerts.quiet_start)}-{format_time(alerts.quiet_end)}"
    )
    findings = [
        Finding(Verdict.OK, "Privacy", privacy),
        Finding(Verdict.OK, "Quiet hours", f"{quiet}; a reminder inside them is dropped"),
    ]
    if in_quiet_hours(alerts.checkin_time, alerts.quiet_start, alerts.quiet_end):
        findings.append(
            Finding(
                Verdict.NOTE,
                "Check-in",
                f"{format_time(alerts.checkin_time)} falls in quiet hours, so it never fires "
                "(tracker config set notifications.checkin_time 21:00)",
            )
        )
    return findings


def _service(tracker: Tracker, env: Mapping[str, str] | None) -> list[Finding]:
    topic = "Reminder service"
    problem = service_files_problem(tracker.data_path)
    if problem is not None:
        return [Finding(Verdict.PROBLEM, topic, problem)]
    pid = running_service_pid(tracker.data_path)
    is_running = pid is not None
    running = "not running" if not is_running else f"running (process {pid})" if pid else "running"
    unit = install.unit_path(env)
    if unit.exists():
        state = install.systemd_unit_state(env)
        detail = f"systemd user unit {unit}; {running}"
        if state:
            detail += f"; systemd says {state}"
        verdict = Verdict.OK if is_running else Verdict.NOTE
        if not is_running:
            detail += f" (start it: systemctl --user enable --now {install.UNIT_NAME})"
        return [Finding(verdict, topic, detail)]
    if install.crontab_mentions_remind():
        return [Finding(Verdict.OK, topic, "crontab runs `tracker remind --once`")]
    if is_running:
        return [Finding(Verdict.OK, topic, f"`tracker remind` {running}; not installed")]
    return [
        Finding(
            Verdict.NOTE,
            topic,
            "not installed: reminders fire only while the app is open (tracker remind --install)",
        )
    ]


def _next_reminder(tracker: Tracker) -> Finding:
    topic = "Next reminder"
    try:
        at = tracker.reminders.next_time(tracker.clock.now())
    except TrackerError as error:
        return Finding(Verdict.PROBLEM, topic, str(error))
    if at is None:
        return Finding(
            Verdict.NOTE, topic, "none in the next week (add one: tracker edit ... --remind 20:30)"
        )
    return Finding(Verdict.OK, topic, f"{at:%a %Y-%m-%d %H:%M %Z}")
