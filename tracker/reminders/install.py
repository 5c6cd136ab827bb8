"""`tracker remind --install/--uninstall`: a systemd user service, or a crontab line for cron.

The unit runs `python -m tracker --db <this data file> remind` with the Python that
installed it, so it keeps working from a virtual environment. The unit is bound to the
graphical session (`graphical-session.target`, as systemd.special(7) recommends for a
service that needs the desktop): it starts with the desktop and stops with it, never in
a headless login where no notification can be seen. It is written by the store's file
rules (atomic, 0600, never through a link). Only what we wrote is removed: a unit file
without our marker line is left alone.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TrackerError, ValidationError
from tracker.store.files import (
    ensure_private_dir,
    read_bytes_nofollow,
    remove_file,
    remove_stray_temp_files,
    write_atomically,
)

UNIT_NAME = "tracker-remind.service"
MARKER = "# Written by `tracker remind --install`; `tracker remind --uninstall` removes it."
CRON_MINUTES = 5
SYSTEMCTL_TIMEOUT_SECONDS = 10.0
# Started with the desktop session, stopped with it (systemd.special(7)).
SESSION_TARGET = "graphical-session.target"


@dataclass(frozen=True)
class Installed:
    """What `--install` did and what the user runs next."""

    path: Path
    replaced: bool
    commands: tuple[str, ...]


def systemd_available(env: Mapping[str, str] | None = None) -> bool:
    """Whether this machine runs systemd, whose user services we can use."""
    env = os.environ if env is None else env
    return (
        shutil.which("systemctl", path=env.get("PATH")) is not None
        and Path("/run/systemd/system").is_dir()
    )


def unit_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def unit_path(env: Mapping[str, str] | None = None) -> Path:
    return unit_dir(env) / UNIT_NAME


def remind_command(db_path: Path, python: str = sys.executable, once: bool = False) -> list[str]:
    """The argv that runs the reminder service on `db_path`."""
    command = [python, "-m", "tracker", "--db", str(db_path), "remind"]
    return [*command, "--once"] if once else command


def systemd_quote(word: str) -> str:
    """One word of an ExecStart= or Environment= line, quoted the way systemd reads it."""
    if any(char in word for char in "\n\r\0"):
        raise ValidationError("A path with a line break cannot go into a systemd unit.")
    # `%` starts a unit specifier and `$` a variable in ExecStart=; both are doubled.
    escaped = word.replace("%", "%%").replace("$", "$$")
    if escaped and not any(char in escaped for char in " \t\"'\\;"):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unit_text(
    db_path: Path, python: str = sys.executable, env: Mapping[str, str] | None = None
) -> str:
    env = os.environ if env is None else env
    exec_start = " ".join(systemd_quote(word) for word in remind_command(db_path, python))
    lines = [
        MARKER,
        "[Unit]",
        "Description=tracker reminders: desktop notifications for your promises",
        f"PartOf={SESSION_TARGET}",
        f"After={SESSION_TARGET}",
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={exec_start}",
        "Restart=on-failure",
        "RestartSec=30",
        "Environment=PYTHONUNBUFFERED=1",
    ]
    if env.get("TZ"):
        lines.append(f"Environment={systemd_quote('TZ=' + env['TZ'])}")
    lines += ["", "[Install]", f"WantedBy={SESSION_TARGET}", ""]
    return "\n".join(lines)


def install_systemd(
    db_path: Path, python: str = sys.executable, env: Mapping[str, str] | None = None
) -> Installed:
    """Write the user unit; the user enables it with the returned commands."""
    path = unit_path(env)
    replaced = path.exists()
    if replaced and not _is_ours(path):
        raise TrackerError(
            f"{path} exists and was not written by tracker; move it away and try again."
        )
    ensure_private_dir(path.parent)
    remove_stray_temp_files(path.parent, {path.name})
    write_atomically(path, unit_text(db_path, python, env))
    commands: tuple[str, ...] = (f"systemctl --user enable --now {UNIT_NAME}",)
    if replaced:
        # `reenable`: an older unit may have been wanted by another target.
        commands = (
            "systemctl --user daemon-reload",
            f"systemctl --user reenable {UNIT_NAME}",
            f"systemctl --user restart {UNIT_NAME}",
        )
    return Installed(path, replaced, commands)


def uninstall_systemd(env: Mapping[str, str] | None = None) -> tuple[Path | None, list[str]]:
    """Stop, disable and remove our unit. Returns (removed path, commands that failed)."""
    path = unit_path(env)
    if not path.exists():
        return None, []
    if not _is_ours(path):
        raise TrackerError(f"{path} was not written by tracker, so it was left alone.")
    failed: list[str] = []
    disable = ["systemctl", "--user", "disable", "--now", UNIT_NAME]
    if shutil.which("systemctl") and not _run_quietly(disable):
        failed.append(shlex.join(disable))
    remove_file(path)
    if shutil.which("systemctl") and not _run_quietly(["systemctl", "--user", "daemon-reload"]):
        failed.append("systemctl --user daemon-reload")
    return path, failed


def crontab_line(db_path: Path, python: str = sys.executable) -> str:
    """A crontab line that runs `tracker remind --once` every few minutes."""
    command = shlex.join(remind_command(db_path, python, once=True))
    # In a crontab, % ends the command unless escaped.
    return f"*/{CRON_MINUTES} * * * * {command.replace('%', chr(92) + '%')}"


def systemd_unit_state(env: Mapping[str, str] | None = None) -> str | None:
    """'active', 'inactive', 'failed'... for our unit, or None if systemctl cannot say."""
    if not shutil.which("systemctl"):
        return None
    try:
        result = subprocess.run(
            ["systemctl", "--user", "is-active", UNIT_NAME],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    state = result.stdout.strip()
    return state or None


def crontab_mentions_remind() -> bool | None:
    """Whether the user's crontab runs `tracker ... remind --once`; None if unknown."""
    if not shutil.which("crontab"):
        return None
    try:
        result = subprocess.run(
            ["crontab", "-l"],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return any(
        "tracker" in line and "remind --once" in line and not line.lstrip().startswith("#")
        for line in result.stdout.splitlines()
    )


def _is_ours(path: Path) -> bool:
    try:
        data = read_bytes_nofollow(path, max_size=64 * 1024)
    except TrackerError:
        return False
    return data is not None and data.startswith(MARKER.encode("utf-8"))


def _run_quietly(command: Sequence[str]) -> bool:
    try:
        result = subprocess.run(
            list(command),
            capture_output=True,
            timeout=SYSTEMCTL_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
