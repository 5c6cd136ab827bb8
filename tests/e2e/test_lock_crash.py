"""Turning the lock on or off, or changing its passphrase, killed at any rename: the next
run finds the old files or the new ones, never a mix, and nothing left behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import Cli, snapshot
from kill_support import killed_at_rename

from tracker.store.sealing import MAGIC

PASSPHRASE = "our quiet walk home"
NEW_PASSPHRASE = "a brand new sentence"
WORD = b"Wombatword"
KEY_FILE = "tracker-lock.json"
# The OS lock (empty), the key file and its copy in backups/ (JSON, the key wrapped).
NOT_DATA = ("tracker.json.lock", KEY_FILE, "tracker-lock.copy.json")


def _file(cli: Cli, name: str, text: str) -> str:
    path = cli.cwd / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _sealed_and_plain(folder: Path) -> tuple[list[str], list[str]]:
    sealed, plain = [], []
    for name, data in snapshot(folder).items():
        if Path(name).name in NOT_DATA or Path(name).name.startswith(".tmp-"):
            continue  # a killed write's temporary file: the next open removes it (below)
        (sealed if data.startswith(MAGIC) else plain).append(name)
    return sealed, plain


def _leftovers(folder: Path) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.name.startswith((".tmp-", ".tracker-lock-switch"))
    ]


def _prepared(cli: Cli, locked: bool) -> None:
    cli.add("Wombatword walk", "daily")
    cli.ok("check", "wombatword", "--date", "2026-11-20")
    cli.ok("note", "add", "Wombatword: what hurt")
    if locked:
        setup = cli.run("--passphrase-file", _file(cli, "pass", PASSPHRASE), "lock", "setup")
        assert setup.returncode == 0, setup.stderr


@pytest.mark.parametrize("action", ["setup", "off", "change-passphrase"])
def test_a_lock_switch_killed_at_any_rename_leaves_either_state(cli: Cli, tmp_path: Path, action):
    given = _file(cli, "pass", PASSPHRASE)
    new = _file(cli, "new", NEW_PASSPHRASE)
    _prepared(cli, locked=action != "setup")
    pristine = tmp_path / "pristine"
    shutil.copytree(cli.db.parent, pristine, symlinks=True)
    extra = ["--new-passphrase-file", new] if action == "change-passphrase" else []
    outcomes = set()
    for nth in range(1, 40):
        shutil.rmtree(cli.db.parent)
        shutil.copytree(pristine, cli.db.parent, symlinks=True)
        status = killed_at_rename(cli, nth, "--passphrase-file", given, "lock", action, *extra)
        state = cli.json("lock", "status", "--json")["lock"]  # finishes a switch cut short
        sealed, plain = _sealed_and_plain(cli.db.parent)
        if state == "on":
            assert plain == [], f"killed at rename {nth}: a mix ({plain} plain)"
            opened_by = [
                secret
                for secret in (given, new)
                if cli.run("--passphrase-file", secret, "list").returncode == 0
            ]
            assert len(opened_by) == 1, f"killed at rename {nth}"
            listed = cli.ok("--passphrase-file", opened_by[0], "list")
            outcomes.add(("on", opened_by[0] == new))
        else:
            assert sealed == [], f"killed at rename {nth}: a mix ({sealed} sealed)"
            listed = cli.ok("list")
            outcomes.add(("off", False))
        assert "Wombatword walk" in listed
        assert _leftovers(cli.db.parent) == [], f"killed at rename {nth}"
        if status == 0:
            break  # renamed fewer times than nth: every kill point was tried
    else:
        pytest.fail("the switch never finished within 40 renames")
    expected = {
        "setup": {("off", False), ("on", False)},
        "off": {("on", False), ("off", False)},
        "change-passphrase": {("on", False), ("on", True)},
    }[action]
    assert outcomes == expected  # both states were seen: the kills landed on both sides
