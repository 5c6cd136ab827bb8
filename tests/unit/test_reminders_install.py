"""`tracker remind --install/--uninstall`, `notify-test` and `doctor`, as a user runs them."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.reminders import install
from tracker.reminders.install import (
    MARKER,
    UNIT_NAME,
    crontab_line,
    install_systemd,
    systemd_quote,
    uninstall_systemd,
    unit_text,
)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private config folder and a PATH without systemctl or crontab."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("TRACKER_NOW", raising=False)
    return tmp_path


def run(*args: str) -> int:
    return main([*args])


def test_install_writes_a_user_unit_that_runs_the_service_on_this_data_file(home, capsys):
    db = home / "my data" / "tracker.json"
    assert run("--db", str(db), "remind", "--install", "--using", "systemd") == 0
    unit = home / "config" / "systemd" / "user" / UNIT_NAME
    text = unit.read_text()
    assert text.startswith(MARKER)
    assert f'"--db" "{db}"' not in text  # only words that need quotes get them
    assert f' --db "{db}" remind\n' in text
    assert "WantedBy=graphical-session.target" in text
    out = capsys.readouterr().out
    assert f"systemctl --user enable --now {UNIT_NAME}" in out
    assert "tracker notify-test" in out and "tracker doctor" in out


def test_installing_again_updates_the_unit_and_says_to_reload(home):
    env = {"XDG_CONFIG_HOME": str(home / "config")}
    first = install_systemd(home / "a.json", env=env)
    again = install_systemd(home / "b.json", env=env)
    assert (first.replaced, again.replaced) == (False, True)
    assert again.commands[0] == "systemctl --user daemon-reload"
    assert "b.json" in again.path.read_text()


def test_a_unit_file_we_did_not_write_is_never_overwritten_or_removed(home):
    env = {"XDG_CONFIG_HOME": str(home / "config")}
    foreign = install.unit_path(env)
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Service]\nExecStart=/bin/true\n")
    with pytest.raises(Exception, match="not written by tracker"):
        install_systemd(home / "a.json", env=env)
    with pytest.raises(Exception, match="left alone"):
        uninstall_systemd(env)
    assert foreign.read_text() == "[Service]\nExecStart=/bin/true\n"


def test_uninstall_removes_what_install_wrote(home, capsys):
    db = home / "tracker.json"
    run("--db", str(db), "remind", "--install", "--using", "systemd")
    assert run("--db", str(db), "remind", "--uninstall") == 0
    assert not (home / "config" / "systemd" / "user" / UNIT_NAME).exists()
    assert "Removed" in capsys.readouterr().out
    assert run("--db", str(db), "remind", "--uninstall") == 0
    assert "crontab -e" in capsys.readouterr().out


def test_without_systemd_install_prints_a_crontab_line_for_once(home, capsys):
    db = home / "100% mine" / "tracker.json"
    assert run("--db", str(db), "remind", "--install", "--using", "cron") == 0
    out = capsys.readouterr().out
    line = next(text for text in out.splitlines() if text.startswith("*/5 "))
    assert line == crontab_line(db)
    command = shlex.split(line.split(" ", 5)[5].replace("\\%", "%"))
    assert command[-4:] == ["--db", str(db), "remind", "--once"]


def test_systemd_words_are_quoted_the_way_systemd_reads_them():
    assert systemd_quote("/usr/bin/python3") == "/usr/bin/python3"
    assert systemd_quote("/home/me/my data.json") == '"/home/me/my data.json"'
    assert systemd_quote('a"b\\c') == '"a\\"b\\\\c"'
    assert systemd_quote("100%") == "100%%"  # % starts a specifier
    assert systemd_quote("$HOME") == "$$HOME"  # $ starts a variable
    with pytest.raises(Exception, match="line break"):
        systemd_quote("a\nb")


def test_the_unit_keeps_the_users_time_zone(home):
    text = unit_text(home / "t.json", "/usr/bin/python3", {"TZ": "Europe/Berlin"})
    assert "Environment=TZ=Europe/Berlin" in text
    assert "ExecStart=/usr/bin/python3 -m tracker --db" in text


def test_using_without_install_is_a_clear_mistake(home, capsys):
    assert run("--db", str(home / "t.json"), "remind", "--using", "cron") == 1
    assert "--using goes with --install" in capsys.readouterr().err


def test_notify_test_says_what_to_install_when_no_backend_is_found(home, capsys, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert run("--db", str(home / "t.json"), "notify-test") == 1
    out = capsys.readouterr().out
    assert out.startswith("Could not send a test notification: no notification backend")
    assert "jeepney" in out


def test_doctor_reports_data_backups_notifications_and_the_service(home, capsys, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    # Midday: the next reminder is the promise's 20:30, before the 21:00 check-in.
    monkeypatch.setenv("TRACKER_NOW", "2026-11-25T12:00:00")
    db = home / "t.json"
    run("--db", str(db), "add", "Walk", "--remind", "20:30")
    capsys.readouterr()
    assert run("--db", str(db), "doctor") == 1  # no notification backend: a problem
    out = capsys.readouterr().out
    topics = [line.split()[1] for line in out.splitlines()]
    assert topics[:4] == ["Data", "Backups", "Lock", "Notifications"]
    assert "ok      Lock" in out and "off: your files are plain" in out
    assert f"{db}: healthy (1 promise, 0 marks" in out
    assert "problem Notifications" in out and "jeepney" in out
    assert "discreet" in out
    assert "22:30-08:00" in out
    assert "not installed" in out and "tracker remind --install" in out
    assert "Next reminder" in out and "20:30" in out
    assert "Walk" not in out  # doctor output may be pasted into a bug report


def test_doctor_warns_when_the_check_in_falls_in_quiet_hours(home, capsys):
    db = home / "t.json"
    run("--db", str(db), "config", "set", "notifications.checkin_time", "23:00")
    capsys.readouterr()
    run("--db", str(db), "doctor")
    assert "23:00 falls in quiet hours, so it never fires" in capsys.readouterr().out


def test_doctor_sees_an_installed_unit(home, capsys):
    db = home / "t.json"
    run("--db", str(db), "remind", "--install", "--using", "systemd")
    capsys.readouterr()
    run("--db", str(db), "doctor")
    out = capsys.readouterr().out
    assert f"systemd user unit {home / 'config' / 'systemd' / 'user' / UNIT_NAME}" in out
    assert "not running" in out


def test_doctor_names_a_reminder_lock_or_pid_file_the_service_could_not_use(home, capsys):
    db = home / "t.json"
    run("--db", str(db), "add", "Walk", "--remind", "20:30")
    victim = home / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    pid_file = Path(f"{db}.remind.pid")
    pid_file.symlink_to(victim)
    capsys.readouterr()
    run("--db", str(db), "doctor")
    out = capsys.readouterr().out
    (line,) = [text for text in out.splitlines() if "Reminder service" in text]
    assert line.startswith("problem") and f"{pid_file} is a symbolic link" in line
    assert f"rm '{pid_file}'" in line
    assert victim.read_text(encoding="utf-8") == "mine"
