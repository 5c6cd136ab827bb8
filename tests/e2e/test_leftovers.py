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
