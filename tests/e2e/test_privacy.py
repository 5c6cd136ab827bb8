"""Private by default: owner-only files and folders whatever the umask, and no network at all."""

from __future__ import annotations

import errno
import json
import socket
import stat
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
from support import PYTHON, clean_env, hostile_site, run_cli

NOW = "2026-11-25T20:00:00"
PERMISSIVE_UMASK = ["sh", "-c", 'umask 000 && exec "$@"', "sh"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env(**extra: str) -> dict[str, str]:
    return clean_env(TRACKER_NOW=NOW, TZ="UTC", **extra)


def _ok(db: Path, *args: str, **options) -> subprocess.CompletedProcess[bytes]:
    result = run_cli(db, *args, **{"env": _env(), **options})
    assert result.returncode == 0, (args, result.stderr.decode())
    return result


def _modes_under(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): _mode(p) for p in sorted(root.rglob("*"))}


def _assert_private(root: Path) -> None:
    modes = _modes_under(root)
    loose = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (root / name).is_dir() else 0o600)
    }
    assert loose == {}, f"not owner-only: {loose}"


def test_everything_tracker_writes_is_owner_only_even_under_umask_000(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    data = home / "deep" / "data"  # two folders tracker has to create itself
    db = data / "tracker.json"
    for args in (
        ("add", "Phone away at dinner", "--start", "2026-11-01"),
        ("check", "phone", "--date", "2026-11-20"),
        ("note", "add", "He forgot again", "--feeling", "I feel alone"),
        ("log", "45m", "talk"),
        ("config", "set", "theme", "tracker-light"),
        ("backup",),
    ):
        _ok(db, *args, prefix=PERMISSIVE_UMASK)
    kinds = {p.name for p in data.iterdir()}
    assert {"tracker.json", "tracker.json.lock", "tracker.marks", "backups"} <= kinds
    assert len(list((data / "backups").iterdir())) == 2  # today's automatic one and ours
    _assert_private(home / "deep")
    assert _mode(home) == 0o755  # a folder the user already had keeps its mode


def test_a_restore_keeps_every_file_owner_only(tmp_path):
    db = tmp_path / "data" / "tracker.json"
    _ok(db, "add", "Walk together", "--start", "2026-11-01", prefix=PERMISSIVE_UMASK)
    _ok(db, "check", "walk", "--date", "2026-11-02", prefix=PERMISSIVE_UMASK)
    backup = Path(_ok(db, "backup").stdout.decode().split("Backed up to ", 1)[1].strip())
    _ok(db, "check", "walk", "--date", "2026-11-03", prefix=PERMISSIVE_UMASK)
    restored = _ok(db, "restore", str(backup), prefix=PERMISSIVE_UMASK)
    assert b"What was there before is kept in" in restored.stdout
    _assert_private(db.parent)
    # A restore over a damaged file keeps that file aside: owner-only too.
    db.write_bytes(b'{"cut sh')
    _ok(db, "restore", str(backup), prefix=PERMISSIVE_UMASK)
    (kept,) = (db.parent / "backups").glob("*-unreadable")
    assert (kept / "tracker.json").read_bytes() == b'{"cut sh'
    _assert_private(db.parent)


def test_a_demo_history_is_owner_only_too(tmp_path):
    out = tmp_path / "demo" / "demo.json"
    _ok(
        tmp_path / "data" / "tracker.json",
        "demo",
        "--out",
        str(out),
        "--years",
        "1",
        prefix=PERMISSIVE_UMASK,
    )
    _assert_private(out.parent)


# -- no network --------------------------------------------------------------------------

OFFLINE_COMMANDS: list[tuple[str, ...]] = [
    ("add", "Phone away at dinner", "--start", "2026-11-01", "--remind", "20:30"),
    ("add", "Ask about her day", "--schedule", "mon,wed,fri", "--start", "2026-11-01"),
    ("list", "--json"),
    ("check", "phone"),
    ("excuse", "phone", "--date", "2026-11-24", "--reason", "travel"),
    ("miss", "phone", "--date", "2026-11-23"),
    ("uncheck", "phone", "--date", "2026-11-23"),
    ("today", "--json"),
    ("streaks", "--json"),
    ("log", "1h30", "date night", "--connection", "4"),
    ("note", "add", "We argued about the trip", "--trigger", "poor-communication"),
    ("note", "list", "--json"),
    ("note", "show", "1"),
    ("note", "status", "1", "working-through"),
    ("edit", "ask", "--why", "She notices"),
    ("archive", "ask"),
    ("restore", "ask"),
    ("config", "set", "notifications.show_titles", "true"),
    ("config", "list"),
    ("backup",),
    ("backup", "--list"),
    ("remind", "--once"),
    ("note", "delete", "1", "--yes"),
]


@pytest.fixture
def offline(tmp_path: Path):
    site = hostile_site(tmp_path / "site")
    attempts = tmp_path / "network-attempts.log"
    return site, attempts, _env(TRACKER_TEST_NO_NETWORK=str(attempts))


def test_the_command_line_works_with_the_network_refused_and_never_tries_it(tmp_path, offline):
    site, attempts, env = offline
    db = tmp_path / "data" / "tracker.json"
    for args in OFFLINE_COMMANDS:
        result = run_cli(db, *args, env=env, site=site)
        assert result.returncode == 0, (args, result.stderr.decode())
        assert b"Traceback" not in result.stderr
    # Diagnostics may fail here (no notification service), but never reach for the network.
    for args in (("doctor",), ("notify-test",)):
        result = run_cli(db, *args, env=env, site=site, timeout=60)
        assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert not attempts.exists(), attempts.read_text()
    assert json.loads(run_cli(db, "list", "--json", env=env, site=site).stdout)[0]["title"] == (
        "Phone away at dinner"
    )


def test_the_refusal_is_real(tmp_path, offline):
    """A guard on the test above: under the same patch, a network socket really is refused."""
    site, attempts, env = offline
    probe = (
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80))\n"
        "except OSError as e:\n    print(e.errno)\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", probe],
        env={**env, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "101"  # ENETUNREACH, from the patch
    assert "create_connection" in attempts.read_text()


@pytest.fixture
def network_refused(monkeypatch) -> list[str]:
    """This process may open local sockets only; every other attempt is refused and listed."""
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str):
        attempts.append(what)
        raise OSError(errno.ENETUNREACH, "tests: no network")

    class LocalOnlySocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family != socket.AF_UNIX:
                refuse(f"socket(family={family})")
            super().__init__(family, type, proto, fileno)

    monkeypatch.setattr(socket, "socket", LocalOnlySocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, lambda *a, _name=name, **k: refuse(f"{_name}{a}"))
    return attempts


async def test_the_app_works_with_the_network_refused_and_never_tries_it(tmp_path, network_refused):
    from dateutil import tz

    from tracker.clock import Clock
    from tracker.model import Promise
    from tracker.reminders.inapp import InAppReminders
    from tracker.schedule import parse_schedule
    from tracker.service import Tracker
    from tracker.store import Store
    from tracker.ui.app import TrackerApp

    zone = tz.gettz("Europe/Berlin")
    clock = Clock(zone=zone, frozen=datetime(2026, 11, 25, 20, 30, tzinfo=zone))
    store = Store.open(tmp_path / "data" / "tracker.json", now=clock.now)
    store.add_promise(
        Promise(
            "Phone away at dinner",
            parse_schedule("daily"),
            date(2026, 11, 20),
            reminders=(time(20, 30),),
        )
    )
    tracker = Tracker(store, clock)
    reminders = InAppReminders(tracker)
    app = TrackerApp(tracker, reminder_tick=reminders, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # check off
        app.tick_reminders()  # a due reminder: a toast, and a desktop notification attempt
        for key in ("2", "n", *"45m", "enter", "3", "4", "1", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.pause()
        for sender in reminders._senders:
            sender.join(timeout=30)
    assert store.marks_of(1)[date(2026, 11, 25)].status.value == "kept"
    assert [entry.minutes for entry in store.quality_entries()] == [45]
    assert network_refused == []


def test_the_in_process_refusal_is_real(network_refused):
    """A guard on the app test: with the fixture, a network socket is refused and listed."""
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    local_a, local_b = socket.socketpair()  # local sockets still work (asyncio needs them)
    local_a.close()
    local_b.close()
    assert network_refused == [f"socket(family={socket.AF_INET})"]


# -- files that already exist, owners, and folders others may write in ----------------------


def test_files_made_under_umask_022_become_owner_only_when_tracker_next_runs(tmp_path):
    """A hand-copied data folder: an archived promise's marks file is never rewritten, yet
    it becomes private too."""
    db = tmp_path / "data" / "tracker.json"
    _ok(db, "add", "Walk together", "--start", "2026-11-01")
    _ok(db, "add", "Old promise", "--start", "2026-11-01")
    _ok(db, "check", "old", "--date", "2026-11-02")
    _ok(db, "check", "walk", "--date", "2026-11-02")
    _ok(db, "archive", "old")
    _ok(db, "backup")
    for path in db.parent.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    _ok(db, "list")  # a command that changes nothing
    _assert_private(db.parent)


def test_the_doctor_names_a_data_folder_others_may_write_in(tmp_path):
    db = tmp_path / "shared" / "tracker.json"
    _ok(db, "add", "Walk together", "--start", "2026-11-01")
    db.parent.chmod(0o777)
    result = run_cli(db, "doctor", env=_env())
    assert result.returncode == 1
    line = next(line for line in result.stdout.decode().splitlines() if "Data folder" in line)
    assert line.startswith("problem") and "can be written by every user (mode 0777)" in line
    assert f"chmod 700 '{db.parent}'" in line


OTHER_UID = 4242


def test_a_save_as_root_leaves_every_file_with_its_owner(tmp_path):
    """`sudo -E tracker --db ~user/t.json check 1`: the user keeps their files, new ones too."""
    import os

    if os.geteuid() != 0:
        pytest.fail("this test gives files to another user with chown: run it as root")
    home = tmp_path / "home"
    home.mkdir()
    db = home / "t.json"
    _ok(db, "add", "Walk together", "--start", "2026-11-01")
    _ok(db, "check", "walk", "--date", "2026-11-02")
    for path in [home, *home.rglob("*")]:
        os.chown(path, OTHER_UID, OTHER_UID)
    _ok(db, "add", "Phone away", "--start", "2026-11-01")  # the day's backup: a new folder
    _ok(db, "check", "1", "--date", "2026-11-03")
    _ok(db, "check", "2", "--date", "2026-11-03")  # a new marks file
    owners = {str(p.relative_to(home)): (p.stat().st_uid, p.stat().st_gid) for p in home.rglob("*")}
    assert {"t.json", "t.marks/1.json", "t.marks/2.json", "backups", "t.json.lock"} <= set(owners)
    assert owners == dict.fromkeys(owners, (OTHER_UID, OTHER_UID))
