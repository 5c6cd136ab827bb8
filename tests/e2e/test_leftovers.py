"""Nothing left behind: a run killed at a rename leaves a temporary file, and the next run
that touches that folder removes it (issue 17, the generic rule), never a file not ours."""

from __future__ import annotations

from pathlib import Path

from cli_support import Cli
from kill_support import killed_at_rename, temp_files


def _with_a_note(cli: Cli) -> None:
    cli.add("Walk together", "daily")
    cli.ok("note", "add", "A private word about us")


def test_a_killed_json_export_leaves_a_copy_the_next_export_removes(cli: Cli):
    _with_a_note(cli)
    out = cli.cwd / "out"
    out.mkdir()
    someone_elses = out / ".tmp-x.json.swp"
    someone_elses.write_text("not ours", encoding="utf-8")
    for _ in range(3):
        assert killed_at_rename(cli, 1, "export", "--format", "json", "--out", "out/x.json") != 0
    # Each run removes what the one before left: one hidden copy of the notes, and the stranger.
    (left,) = [name for name in temp_files(out) if name != someone_elses.name]
    assert "A private word about us" in (out / left).read_text(encoding="utf-8")
    cli.ok("export", "--format", "json", "--out", "out/x.json")
    assert temp_files(out) == [someone_elses.name]
    assert (out / "x.json").exists()


def test_a_killed_report_leaves_a_copy_the_next_report_removes(cli: Cli):
    _with_a_note(cli)
    out = cli.cwd / "out"
    out.mkdir()
    assert killed_at_rename(cli, 1, "report", "--include-notes", "--out", "out/r.html") != 0
    assert len(temp_files(out)) == 1
    cli.ok("report", "--include-notes", "--out", "out/r.html")
    assert temp_files(out) == []


def test_a_killed_csv_export_does_not_block_the_next_one(cli: Cli):
    _with_a_note(cli)
    assert killed_at_rename(cli, 1, "export", "--format", "csv", "--out", "csv") != 0
    assert killed_at_rename(cli, 2, "export", "--format", "csv", "--out", "csv") != 0
    assert temp_files(cli.cwd / "csv")
    cli.ok("export", "--format", "csv", "--out", "csv")
    assert temp_files(cli.cwd / "csv") == []


def test_a_temp_file_of_a_live_writer_is_left_alone(cli: Cli, tmp_path: Path):
    import os

    _with_a_note(cli)
    out = cli.cwd / "out"
    out.mkdir()
    live = out / f".tmp-tracker-x.json.{os.getpid()}.0a1b2c3d"
    live.write_text("being written", encoding="utf-8")
    cli.ok("export", "--format", "json", "--out", "out/x.json")
    assert live.exists()


# -- sharing (17.1) ------------------------------------------------------------------------


def _share_dir(cli: Cli) -> Path:
    return cli.db.with_name("tracker.share")


def _everything(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def test_a_setup_killed_at_any_rename_leaves_nothing_in_the_synced_folder_once_retried(
    tmp_path: Path,
):
    from cli_support import partner_cli

    for nth in (1, 2, 3):
        alex = partner_cli(tmp_path / str(nth), "alex")
        folder = tmp_path / str(nth) / "Sync" / "us"
        assert killed_at_rename(alex, nth, "share", "setup", str(folder), "--name", "Alex") != 0
        assert not (_share_dir(alex) / "pairing.json").exists()
        # The next run that touches sharing removes the half-made hello and temp files.
        alex.ok("share", "setup", str(folder), "--name", "Alex")
        pairing = (_share_dir(alex) / "pairing.json").read_bytes()
        (hello,) = _everything(folder)
        assert hello.encode() in pairing, nth
        assert temp_files(_share_dir(alex)) == [], nth


def test_a_publish_killed_at_a_rename_leaves_temp_files_the_next_publish_removes(tmp_path: Path):
    from cli_support import partner_cli

    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    code = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")["code"]
    sam.json("share", "join", str(folder), code, "--name", "Sam", "--json")
    alex.ok("share", "status")
    partners_temp = folder / ".tmp-tracker-0123456789abcdef0123456789abcdef.share.1.0a1b2c3d"
    partners_temp.write_bytes(b"the partner's, half written")
    for nth in (1, 2, 3):
        killed_at_rename(alex, nth, "share", "publish")
    assert temp_files(_share_dir(alex)) or temp_files(folder) != [partners_temp.name]
    alex.ok("share", "publish")
    assert temp_files(_share_dir(alex)) == []
    assert temp_files(folder) == [partners_temp.name]  # not ours: left alone


def test_stopping_after_a_killed_choice_leaves_no_copy_of_the_pair_key(tmp_path: Path):
    from cli_support import partner_cli

    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    code = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")["code"]
    sam.json("share", "join", str(folder), code, "--name", "Sam", "--json")
    assert killed_at_rename(alex, 1, "share", "set", "bids", "on") != 0
    key_copies = temp_files(_share_dir(alex))
    assert key_copies and "pairing.json" in key_copies[0]
    alex.ok("share", "stop")
    assert _everything(_share_dir(alex)) == []
    assert temp_files(folder) == []
