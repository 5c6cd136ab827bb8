"""`tracker lock`: a journal only you can open (issue 23), from the command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from cli_support import Cli, partner_cli, snapshot

PASSPHRASE = "our quiet walk home"
NEW_PASSPHRASE = "a brand new sentence"


def _passphrase_file(cli: Cli, text: str = PASSPHRASE, name: str = "pass") -> str:
    path = cli.cwd / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _lock(cli: Cli) -> tuple[str, str]:
    """Turn the lock on; the passphrase file and the recovery code."""
    given = _passphrase_file(cli)
    result = cli.run("--passphrase-file", given, "lock", "setup")
    assert result.returncode == 0, result.stderr
    assert "cannot be opened by anyone" in result.stderr  # said once, before
    code = result.stdout.split("keep it safe):", 1)[1].split()[0]
    return given, code


def _every_byte(*folders: Path) -> bytes:
    return b"".join(
        path.read_bytes()
        for folder in folders
        if folder.exists()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def test_lock_setup_encrypts_every_file_and_every_command_then_asks(cli: Cli):
    cli.add("Phone away at dinner zebra", "daily")
    cli.ok("note", "add", "What hurt was the silence zebra")
    assert b"zebra" in _every_byte(cli.db.parent)
    given, code = _lock(cli)
    assert b"zebra" not in _every_byte(cli.db.parent)
    backups = sorted(p.name for p in (cli.db.parent / "backups").iterdir())
    assert backups[-1] == "tracker-lock.copy.json"  # the key file's copy (no data in it)
    assert backups[-2].endswith("-before-lock.json")
    # A script is never prompted: one line says how to give the passphrase.
    refused = cli.run("list")
    assert refused.returncode == 1
    assert "--passphrase-file" in refused.error_line and "locked" in refused.error_line
    listed = cli.ok("--passphrase-file", given, "list")
    assert "Phone away at dinner zebra" in listed
    # The recovery code opens it too, in any case and spacing.
    by_code = _passphrase_file(cli, code.lower().replace("-", " "), "code")
    assert "Phone away at dinner zebra" in cli.ok("--passphrase-file", by_code, "list")
    assert cli.json("lock", "status", "--json") == {"lock": "on"}


def test_a_wrong_passphrase_says_so_and_changes_nothing(cli: Cli):
    cli.add("Walk together", "daily")
    _lock(cli)
    before = snapshot(cli.db.parent)
    wrong = _passphrase_file(cli, "not our words", "wrong")
    line = cli.fails("--passphrase-file", wrong, "check", "walk")
    assert line == "That passphrase does not open this data; nothing was changed."
    assert snapshot(cli.db.parent) == before


def test_changing_the_passphrase_rewrites_the_key_file_alone(cli: Cli):
    cli.add("Walk together", "daily")
    given, code = _lock(cli)
    before = snapshot(cli.db.parent)
    new = _passphrase_file(cli, NEW_PASSPHRASE, "new")
    said = cli.ok(
        "--passphrase-file", given, "lock", "change-passphrase", "--new-passphrase-file", new
    )
    assert "recovery code still works" in said
    after = snapshot(cli.db.parent)
    changed = {name for name in after if after[name] != before.get(name)}
    # The key file and its copy in backups/, which must follow: the old passphrase opens
    # neither.
    assert changed == {"tracker-lock.json", "backups/tracker-lock.copy.json"}
    assert after["tracker-lock.json"] == after["backups/tracker-lock.copy.json"]
    assert "does not open" in cli.fails("--passphrase-file", given, "list")
    assert "Walk together" in cli.ok("--passphrase-file", new, "list")
    assert "Walk together" in cli.ok("--passphrase-file", _passphrase_file(cli, code, "c"), "list")


def test_lock_off_gives_back_the_plain_files(cli: Cli):
    cli.add("Walk together", "daily")
    cli.ok("check", "walk", "--date", "2026-11-20")
    plain = json.loads(cli.db.read_bytes())
    given, _code = _lock(cli)
    said = cli.ok("--passphrase-file", given, "lock", "off")
    assert "The lock is off" in said
    assert not (cli.db.parent / "tracker-lock.json").exists()
    assert not (cli.db.parent / "backups" / "tracker-lock.copy.json").exists()
    assert json.loads(cli.db.read_bytes()) == plain
    assert "Walk together" in cli.ok("list")
    assert cli.json("lock", "status", "--json") == {"lock": "off"}


def test_a_short_passphrase_is_refused_and_nothing_changes(cli: Cli):
    cli.add("Walk together", "daily")
    before = snapshot(cli.db.parent)
    short = _passphrase_file(cli, "short", "short")
    assert "at least 8 characters" in cli.fails("--passphrase-file", short, "lock", "setup")
    assert snapshot(cli.db.parent) == before


def test_setup_on_a_pipe_without_a_passphrase_file_is_refused(cli: Cli):
    cli.add("Walk together", "daily")
    line = cli.fails("lock", "setup")
    assert "no terminal to ask on" in line and "--passphrase-file" in line
    assert not (cli.db.parent / "tracker-lock.json").exists()


def test_a_backup_of_an_earlier_lock_restores_only_with_the_key_of_its_time(cli: Cli, tmp_path):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    backup = Path(cli.ok("--passphrase-file", given, "backup").split("Backed up to ", 1)[1].strip())
    kept = tmp_path / "kept-backup.json"
    kept.write_bytes(backup.read_bytes())
    cli.ok("--passphrase-file", given, "lock", "off")
    _lock(cli)  # a new lock: a new key
    line = cli.fails("--passphrase-file", given, "restore", str(kept))
    assert "another key" in line and "of its time" in line


@pytest.mark.real_process
def test_done_means_no_known_word_is_left_anywhere(tmp_path: Path):
    """Lock on; known words in a note, a letter, a check-in and a promise title; every
    byte under the data folder, the backups, the share folder and the temp folder is
    searched: none is found."""
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")
    sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    given, _code = _lock(alex)
    words = ["Quokkatitle", "Quokkanote", "Quokkaletter", "Quokkacheckin"]
    alex.ok("--passphrase-file", given, "add", "Quokkatitle walk", "--schedule", "daily")
    alex.ok("--passphrase-file", given, "check", "quokkatitle")
    alex.ok("--passphrase-file", given, "note", "add", "Quokkanote: it hurt")
    alex.ok("--passphrase-file", given, "letter", "write", stdin=b"Dear Sam, Quokkaletter\n")
    _hold_checkin(alex, given, "Quokkacheckin tea")
    alex.ok("--passphrase-file", given, "share", "publish")
    shown = alex.ok("--passphrase-file", given, "note", "list")
    assert "Quokkanote" in shown  # the words are there, for the one who holds the key
    temp = Path(alex.env["TMPDIR"])
    everything = _every_byte(alex.db.parent, folder, temp)
    assert everything  # the folders were found
    found = [word for word in words if word.encode() in everything]
    assert found == []
    # The partner reads what was shared with them, unchanged by the lock.
    assert "Quokkatitle walk" in sam.ok("partner", "today")


def _hold_checkin(cli: Cli, given: str, went_right: str) -> None:
    """A check-in held in the app (through the service, as the app does), on locked data."""
    from test_cli_checkins import BERLIN, hold_checkin

    from tracker.service.locking import unlock
    from tracker.store import vault

    try:
        unlock(cli.db, Path(given).read_text(encoding="utf-8").strip())
        hold_checkin(cli, datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN), went_right=went_right)
    finally:
        vault.forget_all()


def test_on_locked_data_a_check_off_still_reaches_the_partner_by_itself(tmp_path: Path):
    """The detached process that writes the share gets the key over a pipe from the
    check-off (no passphrase is asked again, none is written anywhere)."""
    from test_cli_share import wait_for

    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")
    sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    given, _code = _lock(alex)
    walk = alex.json(
        "--passphrase-file", given, "add", "Evening walk", "--schedule", "daily", "--json"
    )["id"]
    alex.ok("--passphrase-file", given, "check", str(walk))

    def kept_on_sams_side() -> bool | None:
        result = sam.run("partner", "today", "--json")
        rows = json.loads(result.stdout) if result.returncode == 0 else []
        return True if rows and rows[0]["status"] == "kept" else None

    assert wait_for("Sam to see the walk kept", kept_on_sams_side)


def test_the_app_on_locked_data_without_a_terminal_says_how_to_open_it(cli: Cli):
    cli.add("Walk together", "daily")
    _lock(cli)
    line = cli.fails()
    assert "This data is locked" in line and "--passphrase-file" in line


def test_an_export_of_locked_data_is_locked_too_unless_asked_plain(cli: Cli):
    cli.add("Quokka walk", "daily")
    cli.ok("note", "add", "Quokka words that hurt")
    given, _code = _lock(cli)
    said = cli.ok("--passphrase-file", given, "export", "--out", "locked.json")
    assert "locked like your data" in said
    locked = (cli.cwd / "locked.json").read_bytes()
    assert b"Quokka" not in locked
    cli.ok("--passphrase-file", given, "export", "--format", "csv", "--out", "csv")
    assert b"Quokka" not in _every_byte(cli.cwd / "csv")
    # It reads back where the key is: an import of it finds nothing new.
    preview = cli.ok("--passphrase-file", given, "import", "--dry-run", "locked.json")
    assert "Nothing" in preview or "nothing" in preview
    cli.ok("--passphrase-file", given, "export", "--plain", "--out", "plain.json")
    assert b"Quokka walk" in (cli.cwd / "plain.json").read_bytes()


def test_remembered_on_this_computer_nothing_is_asked_and_doctor_says_so(cli: Cli, tmp_path):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    doctor = cli.run("--passphrase-file", given, "doctor").stdout
    assert "no desktop keyring" in doctor and "reminders come only while the app is open" in doctor
    assert "in this session: the reminder service" in doctor  # one sentence, no stray ".:"
    assert "no desktop keyring" in cli.fails("--passphrase-file", given, "lock", "remember")
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring_support.FileKeyring"
    cli.env["KEYRING_TEST_FILE"] = str(tmp_path / "keyring.json")
    assert (
        "cannot read your data while the app is closed"
        in cli.run("--passphrase-file", given, "doctor").stdout
    )
    assert "Remembered on this computer" in cli.ok("--passphrase-file", given, "lock", "remember")
    assert "Walk together" in cli.ok("list")  # no passphrase asked, none given
    assert "reminders come with the app closed" in cli.run("doctor").stdout
    assert PASSPHRASE not in (tmp_path / "keyring.json").read_text(encoding="utf-8")
    assert "Forgotten" in cli.ok("lock", "forget")
    assert "--passphrase-file" in cli.fails("list")


def test_a_remembered_key_of_an_earlier_lock_is_not_used(cli: Cli, tmp_path):
    cli.add("Walk together", "daily")
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring_support.FileKeyring"
    cli.env["KEYRING_TEST_FILE"] = str(tmp_path / "keyring.json")
    given, _code = _lock(cli)
    cli.ok("--passphrase-file", given, "lock", "remember")
    kept = (tmp_path / "keyring.json").read_bytes()
    cli.ok("lock", "off")
    assert "Nothing was remembered" in cli.ok("lock", "forget")  # off forgot it
    _lock(cli)  # a new key; a keyring that still keeps the old one (a copy put back):
    (tmp_path / "keyring.json").write_bytes(kept)
    assert "--passphrase-file" in cli.fails("list")


def test_the_reminder_service_reads_locked_data_only_with_the_key_remembered(cli: Cli, tmp_path):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    assert "--passphrase-file" in cli.fails("remind", "--once")
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring_support.FileKeyring"
    cli.env["KEYRING_TEST_FILE"] = str(tmp_path / "keyring.json")
    cli.ok("--passphrase-file", given, "lock", "remember")
    assert cli.run("remind", "--once").returncode == 0


def test_the_key_is_derived_once_per_command_not_per_file(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
):
    from tracker.store import sealing

    for title in ("Walk", "Tea", "Call"):
        cli.add(title, "daily")
        cli.ok("check", title.lower(), "--date", "2026-11-20")
    given, _code = _lock(cli)
    derived = []
    real = sealing._derive
    monkeypatch.setattr(sealing, "_derive", lambda *a: derived.append(1) or real(*a))
    assert "Walk" in cli.ok("--passphrase-file", given, "streaks")  # reads every marks file
    assert len(derived) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [(None, "cannot be read"), ("\nsecond line", "no passphrase on its first line")],
)
def test_a_passphrase_file_that_cannot_serve_is_said_in_one_line(cli: Cli, content, said):
    cli.add("Walk together", "daily")
    _lock(cli)
    path = cli.cwd / "given"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert said in cli.fails("--passphrase-file", str(path), "list")


def test_sharing_set_up_after_the_lock_keeps_its_key_locked_and_works(tmp_path: Path):
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    given, _code = _lock(alex)
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json(
        "--passphrase-file", given, "share", "setup", str(folder), "--name", "Alex", "--json"
    )
    sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    pairing = alex.db.with_name("tracker.share") / "pairing.json"
    assert not pairing.read_bytes().startswith(b"{")  # the pair key is locked too
    alex.ok("--passphrase-file", given, "add", "Evening walk", "--schedule", "daily")
    alex.ok("--passphrase-file", given, "share", "publish")
    assert "Evening walk" in sam.ok("partner", "today")
    assert "Sam" in alex.ok("--passphrase-file", given, "share", "status")


def test_change_passphrase_on_a_pipe_names_the_option_for_the_new_one(cli: Cli):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    before = snapshot(cli.db.parent)
    line = cli.fails("--passphrase-file", given, "lock", "change-passphrase")
    assert "A new passphrase is needed" in line and "pass --new-passphrase-file PATH" in line
    assert snapshot(cli.db.parent) == before


def test_setup_on_an_empty_data_folder_says_what_it_does_without_counting_nothing(cli: Cli):
    given = _passphrase_file(cli)
    result = cli.run("--passphrase-file", given, "lock", "setup")
    assert result.returncode == 0, result.stderr
    said = result.stdout
    assert "The lock is on: every file tracker writes here is encrypted." in said
    assert "0 files" not in said


def test_lock_off_counts_a_backup_of_an_earlier_lock_in_words_that_fit_one(cli: Cli, tmp_path):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    backup = Path(cli.ok("--passphrase-file", given, "backup").split("Backed up to ", 1)[1].strip())
    kept = tmp_path / "kept-backup.json"
    kept.write_bytes(backup.read_bytes())
    cli.ok("--passphrase-file", given, "lock", "off")
    _lock(cli)  # a new lock: a new key
    (backup.parent / "tracker-20261101-120000-manual.json").write_bytes(kept.read_bytes())
    said = cli.ok("--passphrase-file", given, "lock", "off")
    assert "1 backup from an earlier lock stays encrypted: it opens only with" in said


def test_a_locked_export_or_backup_given_to_plain_data_says_where_it_opens(cli: Cli):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    cli.ok("--passphrase-file", given, "export", "--out", "locked.json")
    backup = Path(cli.ok("--passphrase-file", given, "backup").split("Backed up to ", 1)[1].strip())
    (cli.cwd / "locked-backup.json").write_bytes(backup.read_bytes())
    cli.ok("--passphrase-file", given, "lock", "off")
    before = snapshot(cli.db.parent)
    for asked in (
        ("import", "locked.json"),
        ("--passphrase-file", given, "import", "locked.json"),
        ("--passphrase-file", given, "restore", "locked-backup.json"),
    ):
        line = cli.fails(*asked)
        assert "is locked, and this tracker holds no key for it" in line
        assert "it opens only in the locked data it came from" in line
        assert "--passphrase-file" not in line and "it asks" not in line  # neither would help
    assert snapshot(cli.db.parent) == before


def test_a_damaged_key_file_is_named_with_the_way_back(cli: Cli):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    key_file = cli.db.parent / "tracker-lock.json"
    key_file.write_bytes(key_file.read_bytes()[:100])
    before = snapshot(cli.db.parent)
    line = cli.fails("--passphrase-file", given, "list")
    assert f"The lock's key file {key_file} is damaged (not JSON)." in line
    assert "not even with the recovery code" in line
    copy = cli.db.parent / "backups" / "tracker-lock.copy.json"
    assert f"a copy of it is kept in {copy}; `cp -p '{copy}' '{key_file}'` puts it back" in line
    assert snapshot(cli.db.parent) == before
    # Without the copy, the way back is a copy of the whole folder.
    copy.unlink()
    line = cli.fails("--passphrase-file", given, "list")
    assert "put back a copy of this file if you have one" in line


def test_a_missing_key_file_is_named_with_the_way_back(cli: Cli):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    key_file = cli.db.parent / "tracker-lock.json"
    key_file.unlink()
    before = snapshot(cli.db.parent)
    copy = cli.db.parent / "backups" / "tracker-lock.copy.json"
    for asked in (("list",), ("--passphrase-file", given, "list")):
        line = cli.fails(*asked)
        assert f"the lock's key file {key_file} is missing" in line
        assert "not even with the recovery code" in line
        assert f"A copy of it is kept in {copy}; `cp -p '{copy}' '{key_file}'`" in line
    assert snapshot(cli.db.parent) == before
    # The way back works: the copy opens the data with the passphrase, and is kept again.
    key_file.write_bytes(copy.read_bytes())
    assert "Walk together" in cli.ok("--passphrase-file", given, "list")


def test_a_copy_of_the_key_file_missing_or_behind_is_kept_again_at_the_next_unlock(cli: Cli):
    cli.add("Walk together", "daily")
    given, _code = _lock(cli)
    key_file = cli.db.parent / "tracker-lock.json"
    copy = cli.db.parent / "backups" / "tracker-lock.copy.json"
    assert copy.read_bytes() == key_file.read_bytes()
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    copy.unlink()
    assert "Walk together" in cli.ok("--passphrase-file", given, "list")
    assert copy.read_bytes() == key_file.read_bytes()
    # A link planted at the copy's name is never followed, and never keeps the data shut.
    outside = cli.cwd / "outside.json"
    outside.write_text("mine", encoding="utf-8")
    copy.unlink()
    copy.symlink_to(outside)
    assert "Walk together" in cli.ok("--passphrase-file", given, "list")
    assert outside.read_text(encoding="utf-8") == "mine" and copy.is_symlink()
    copy.unlink()
    # The copy is no backup of the data: the list of backups does not show it.
    assert "tracker-lock" not in cli.ok("--passphrase-file", given, "backup", "--list")


def test_a_passphrase_file_written_with_a_byte_order_mark_gives_the_words_alone(cli: Cli):
    cli.add("Walk together", "daily")
    with_mark = cli.cwd / "with-mark"
    with_mark.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    result = cli.run("--passphrase-file", str(with_mark), "lock", "setup")
    assert result.returncode == 0, result.stderr
    # The passphrase is the words alone, as a terminal or the app would type them.
    assert "Walk together" in cli.ok("--passphrase-file", _passphrase_file(cli), "list")
