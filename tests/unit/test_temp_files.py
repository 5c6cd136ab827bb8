"""One naming rule for every temporary file tracker makes, and the clean-up it allows:
tracker's own leftovers go at the next run that touches the folder, nothing else does."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from processes import dead_pid

from tracker.reminders.install import install_systemd, unit_path
from tracker.store.files import (
    TEMP_STALE_SECONDS,
    create_temp_dir,
    create_temp_file,
    is_own_temp_name,
    remove_stray_temp_files,
    stray_temp_paths,
    temp_name,
)


def test_every_temporary_name_says_whose_what_for_and_which_process(tmp_path: Path):
    name = temp_name("state.json")
    assert name.startswith(f".tmp-tracker-state.json.{os.getpid()}.")
    assert is_own_temp_name(name) and is_own_temp_name(name, {"state.json"})
    assert not is_own_temp_name(name, {"pairing.json"})
    fd, path = create_temp_file(tmp_path, "x.json")
    os.close(fd)
    assert stat.S_IMODE(os.lstat(path).st_mode) == 0o600
    folder = create_temp_dir(tmp_path, "letter")
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    assert is_own_temp_name(folder.name, {"letter"})


def test_only_our_dead_or_stale_temporary_files_for_the_names_given_are_removed(tmp_path: Path):
    dead = dead_pid()
    ours_dead = tmp_path / f".tmp-tracker-x.json.{dead}.0a1b2c3d"
    ours_old = tmp_path / f".tmp-tracker-x.json.{os.getpid()}.0a1b2c3d"
    ours_live = tmp_path / f".tmp-tracker-x.json.{os.getpid()}.1a1b2c3d"
    other_name = tmp_path / f".tmp-tracker-y.json.{dead}.0a1b2c3d"
    strangers = [tmp_path / ".tmp-x.json.swp", tmp_path / f".tmp-x.json.{dead}.nothex00"]
    for path in (ours_dead, ours_old, ours_live, other_name, *strangers):
        path.write_text("half", encoding="utf-8")
    long_ago = time.time() - TEMP_STALE_SECONDS - 60
    os.utime(ours_old, (long_ago, long_ago))
    assert remove_stray_temp_files(tmp_path, {"x.json"}) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (ours_live, other_name, *strangers)
    )


def test_an_old_style_name_in_a_folder_others_may_write_to_is_not_taken_for_ours(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    theirs = shared / f".tmp-notes.txt.{dead_pid()}.0a1b2c3d"
    theirs.write_text("another program's", encoding="utf-8")
    assert remove_stray_temp_files(shared) == 0
    assert theirs.exists()


def test_a_session_folder_is_stray_only_once_its_process_ended_however_old(tmp_path: Path):
    live = create_temp_dir(tmp_path, "letter")  # an editor open for hours
    long_ago = time.time() - 10 * TEMP_STALE_SECONDS
    os.utime(live, (long_ago, long_ago))
    dead = tmp_path / f".tmp-tracker-letter.{dead_pid()}.0a1b2c3d"
    dead.mkdir()
    assert stray_temp_paths(tmp_path, {"letter"}, kind=stat.S_IFDIR) == [dead]


def test_installing_the_unit_again_removes_what_a_killed_install_left(tmp_path: Path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    install_systemd(tmp_path / "t.json", env=env)
    left = unit_path(env).with_name(f".tmp-tracker-{unit_path(env).name}.{dead_pid()}.0a1b2c3d")
    left.write_text("[Unit]\n", encoding="utf-8")
    install_systemd(tmp_path / "t.json", env=env)
    assert sorted(os.listdir(left.parent)) == [unit_path(env).name]


def test_the_apps_export_removes_the_copy_a_killed_export_left_beside_it(tmp_path: Path):
    from app_support import frozen_clock, open_store

    from tracker.service import Tracker

    tracker = Tracker(open_store(tmp_path / "data" / "tracker.json"), frozen_clock())
    out = tmp_path / "out"
    out.mkdir()
    left = out / f".tmp-tracker-x.json.{dead_pid()}.0a1b2c3d"
    left.write_text('{"notes": "private words"', encoding="utf-8")
    tracker.exchange.export("json", out / "x.json")  # what the app's Export dialog runs
    assert sorted(os.listdir(out)) == ["x.json"]


def test_a_killed_write_of_a_long_named_file_is_recognised_as_its_own(tmp_path: Path):
    long_name = "a-report-with-a-very-long-name-" * 6 + ".html"
    fd, path = create_temp_file(tmp_path, long_name)
    os.close(fd)
    stranded = path.with_name(path.name.replace(f".{os.getpid()}.", f".{dead_pid()}."))
    path.rename(stranded)
    assert is_own_temp_name(stranded.name, {long_name})
    assert remove_stray_temp_files(tmp_path, {long_name}) == 1


def test_drafts_live_beside_the_data_file_never_in_place_of_it(tmp_path: Path):
    from tracker.paths import drafts_dir

    assert drafts_dir(tmp_path / "tracker.json") == tmp_path / "tracker.drafts"
    assert drafts_dir(tmp_path / "us.drafts") == tmp_path / "us.drafts.drafts"
