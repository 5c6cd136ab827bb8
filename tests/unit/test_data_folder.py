"""The data folder has a name of its own; data at the first place keeps being used, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.paths import default_data_file


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    """The user's data directory (XDG_DATA_HOME), empty; no TRACKER_DB."""
    home = tmp_path / "share"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return home


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def _run(*argv: str) -> int:
    from tracker.cli import main

    return main(list(argv))


def test_a_new_user_gets_a_folder_no_other_program_claims(data_home, capsys):
    assert default_data_file() == data_home / "trust-tracker" / "tracker.json"
    assert _run("add", "Walk together") == 0
    assert (data_home / "trust-tracker" / "tracker.json").is_file()
    assert not (data_home / "tracker").exists()  # GNOME Tracker 2's folder name


def test_data_at_the_first_place_keeps_being_used_with_all_its_files(
    data_home, monkeypatch, capsys
):
    first = data_home / "tracker" / "tracker.json"
    first.parent.mkdir()
    # What an earlier tracker left there: the data file, its marks, a backup.
    for args in (["add", "Walk together"], ["check", "walk"], ["backup"]):
        assert _run("--db", str(first), *args) == 0
    before = _tree(data_home)
    capsys.readouterr()
    assert default_data_file() == first
    assert _run("today") == 0
    assert "Walk together" in capsys.readouterr().out
    assert not (data_home / "trust-tracker").exists()  # nothing half-moved, nothing new
    assert set(before) <= set(_tree(data_home))
    assert {name for name in before if name.startswith("tracker/backups/")}  # still beside it


def test_gnome_trackers_own_files_in_the_first_folder_are_not_taken_for_data(data_home):
    gnome = data_home / "tracker" / "data"
    gnome.mkdir(parents=True)
    (gnome / "meta.db").write_bytes(b"SQLite format 3\x00")
    assert default_data_file() == data_home / "trust-tracker" / "tracker.json"
    assert _run("add", "Walk together") == 0
    assert _tree(data_home / "tracker") == {"data": None, "data/meta.db": b"SQLite format 3\x00"}


def test_once_the_new_folder_holds_data_it_wins(data_home):
    for name in ("tracker", "trust-tracker"):
        (data_home / name).mkdir()
        (data_home / name / "tracker.json").write_text("{}", encoding="utf-8")
    assert default_data_file() == data_home / "trust-tracker" / "tracker.json"


def test_tracker_db_and_the_db_option_still_win(data_home, tmp_path, monkeypatch, capsys):
    (data_home / "tracker").mkdir()
    (data_home / "tracker" / "tracker.json").write_text("{}", encoding="utf-8")
    chosen = tmp_path / "mine.json"
    monkeypatch.setenv("TRACKER_DB", str(chosen))
    assert default_data_file() == chosen
    monkeypatch.delenv("TRACKER_DB")
    assert _run("--db", str(tmp_path / "other.json"), "add", "Walk together") == 0
    assert (tmp_path / "other.json").is_file()
    assert (data_home / "tracker" / "tracker.json").read_text(encoding="utf-8") == "{}"


def test_doctor_notes_data_still_in_the_first_folder_and_how_to_move_it(data_home, capsys):
    first = data_home / "tracker" / "tracker.json"
    first.parent.mkdir()
    assert _run("--db", str(first), "add", "Walk together") == 0
    capsys.readouterr()
    _run("doctor")
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "Data folder" in line]
    assert line.startswith("note") and "GNOME Tracker 2" in line and "trust-tracker/" in line


def test_doctor_says_nothing_of_the_first_folder_for_data_in_the_new_one(data_home, capsys):
    assert _run("add", "Walk together") == 0
    _run("doctor")
    assert "Data folder" not in capsys.readouterr().out
