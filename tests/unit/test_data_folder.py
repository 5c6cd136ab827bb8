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
    assert line.startswith("note") and "GNOME Tracker 2" in line and "tracker move-data" in line


def test_doctor_says_nothing_of_the_first_folder_for_data_in_the_new_one(data_home, capsys):
    assert _run("add", "Walk together") == 0
    _run("doctor")
    assert "Data folder" not in capsys.readouterr().out


# -- tracker move-data ---------------------------------------------------------------------


def _ours(tree: dict[str, bytes | None], folder: str) -> dict[str, bytes | None]:
    """Tracker's entries under `folder`, named from inside it (locks are not data)."""
    return {
        name.removeprefix(folder + "/"): data
        for name, data in tree.items()
        if name.startswith(folder + "/") and not name.endswith(".lock")
    }


@pytest.fixture
def first_place(data_home, monkeypatch) -> Path:
    """Data written by an earlier tracker at the first place, beside GNOME Tracker's files."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data_home.parent / "config"))
    first = data_home / "tracker" / "tracker.json"
    first.parent.mkdir()
    (first.parent / "data").mkdir()
    (first.parent / "data" / "meta.db").write_bytes(b"SQLite format 3\x00")
    for args in (["add", "Walk together"], ["check", "walk"], ["backup"]):
        assert _run("--db", str(first), *args) == 0
    return first


def test_move_data_moves_all_of_tracker_and_none_of_gnome_tracker(first_place, data_home, capsys):
    before = _ours(_tree(data_home), "tracker")
    capsys.readouterr()
    assert _run("move-data") == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"Moved your data from {data_home / 'tracker'} to ")
    after = _tree(data_home)
    moved = {name: data for name, data in before.items() if not name.startswith("data")}
    assert _ours(after, "trust-tracker") == moved
    assert {"tracker.json", "tracker.marks", "backups"} <= {name.split("/")[0] for name in moved}
    assert _tree(data_home / "tracker") == {"data": None, "data/meta.db": b"SQLite format 3\x00"}
    assert default_data_file() == data_home / "trust-tracker" / "tracker.json"
    assert _run("today") == 0
    assert "Walk together" in capsys.readouterr().out


def test_move_data_removes_the_old_folder_when_only_tracker_was_in_it(data_home):
    first = data_home / "tracker" / "tracker.json"
    first.parent.mkdir()
    assert _run("--db", str(first), "add", "Walk together") == 0
    assert _run("move-data") == 0
    assert not (data_home / "tracker").exists()


@pytest.mark.parametrize("obstacle", ["new data", "reminder unit", "db option", "odd backup"])
def test_move_data_refuses_in_one_line_and_changes_nothing(
    first_place, data_home, capsys, obstacle
):
    argv = ["move-data"]
    if obstacle == "new data":
        (data_home / "trust-tracker").mkdir()
        (data_home / "trust-tracker" / "tracker.json").write_text("{}", encoding="utf-8")
    elif obstacle == "reminder unit":
        unit = data_home.parent / "config" / "systemd" / "user" / "tracker-remind.service"
        unit.parent.mkdir(parents=True)
        unit.write_text(f"ExecStart=python -m tracker --db {first_place} remind\n")
    elif obstacle == "db option":
        argv = ["--db", str(first_place), "move-data"]
    else:
        (first_place.parent / "backups" / "holiday.jpg").write_bytes(b"\xff\xd8")
    before = _unlocked(_tree(data_home))
    capsys.readouterr()
    assert _run(*argv) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("tracker: "), err
    assert _unlocked(_tree(data_home)) == before


def _unlocked(tree: dict[str, bytes | None]) -> dict[str, bytes | None]:
    return {name: data for name, data in tree.items() if not name.endswith(".lock")}
