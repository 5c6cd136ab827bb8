"""Nothing left behind: a run killed at a rename leaves a temporary file, and the next run
that touches that folder removes it (issue 17, the generic rule), never a file not ours."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cli_support import NOW, Cli, partner_cli
from kill_support import killed_at_rename, temp_files
from processes import dead_pid


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


def test_a_setup_killed_after_its_hello_leaves_nothing_once_status_is_asked(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    folder = tmp_path / "Sync" / "us"
    assert killed_at_rename(alex, 3, "share", "setup", str(folder), "--name", "Alex") != 0
    assert len(_everything(folder)) == 1  # a hello no key file goes with
    assert "not set up" in alex.ok("share", "status").lower()
    assert _everything(folder) == []
    assert "hello-pending.json" not in _everything(_share_dir(alex))


def test_a_publish_killed_at_a_rename_leaves_temp_files_the_next_publish_removes(tmp_path: Path):
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


# -- letter drafts (17.5) ------------------------------------------------------------------

WORDS = "What trust means to me\n\nKeeping the small promises.\n"


def _editor(tmp_path: Path, *, words: str, wait: bool, linger: float = 0) -> tuple[str, Path]:
    """An $EDITOR that notes the draft's path, saves `words` in it, then waits (if asked)
    until the test is done with it; the path of its note."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, sys, time
            path = sys.argv[1]
            with open(path, "a", encoding="utf-8") as file:
                file.write({words!r})
            with open({str(seen)!r} + ".part", "w") as note:
                note.write(path)
            os.rename({str(seen)!r} + ".part", {str(seen)!r})
            time.sleep({linger!r})
            while {wait!r}:
                time.sleep(0.05)
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", seen


def _start_letter(cli: Cli, editor: str) -> tuple[subprocess.Popen[bytes], int]:
    main, terminal = pty.openpty()
    env = {**cli.env, "TRACKER_NOW": NOW, "EDITOR": editor}
    child = subprocess.Popen(
        [sys.executable, "-m", "tracker", "letter", "write"],
        cwd=cli.cwd,
        env=env,
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(terminal)
    return child, main


def _wait_for(path: Path) -> str:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.05)
    return path.read_text()


def _drafts(cli: Cli) -> Path:
    return cli.db.with_name("tracker.drafts")


def test_a_draft_is_written_in_the_data_folders_own_private_place_and_removed(
    cli: Cli, tmp_path: Path
):
    editor, seen = _editor(tmp_path, words=WORDS, wait=False)
    child, main = _start_letter(cli, editor)
    assert child.wait(60) == 0, child.stderr.read() if child.stderr else ""
    os.close(main)
    draft = Path(seen.read_text())
    assert draft.parent.parent == _drafts(cli)  # beside the data, never in /tmp
    assert _drafts(cli).stat().st_mode & 0o777 == 0o700
    assert list(_drafts(cli).iterdir()) == []
    assert list(Path(cli.env["TMPDIR"]).iterdir()) == []
    assert cli.json("letter", "show", "1", "--json")["title"] == "What trust means to me"


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_while_the_editor_is_open_removes_the_draft_but_keeps_the_words(
    cli: Cli, tmp_path: Path, signum: int
):
    editor, seen = _editor(tmp_path, words=WORDS, wait=True)
    child, main = _start_letter(cli, editor)
    draft = Path(_wait_for(seen))
    child.send_signal(signum)
    assert child.wait(60) == 128 + signum
    os.close(main)
    assert not draft.parent.exists()  # the session's temporary folder is gone
    (kept,) = _drafts(cli).iterdir()
    assert kept.name.startswith("letter-kept-") and kept.read_text(encoding="utf-8") == WORDS
    assert (kept.stat().st_mode & 0o777) == 0o600
    assert "What trust" not in "".join(os.listdir(Path(cli.env["TMPDIR"])))
    # The next letter says where the words are, and how to save them.
    editor, _seen = _editor(tmp_path / "..", words="Another\n", wait=False)
    again, main = _start_letter(cli, editor)
    out, _err = again.communicate(timeout=60)
    os.close(main)
    assert f"is kept in {kept}" in out.decode() and "tracker letter write <" in out.decode()


def test_a_signal_before_anything_was_written_leaves_nothing(cli: Cli, tmp_path: Path):
    editor, seen = _editor(tmp_path, words="", wait=True)
    child, main = _start_letter(cli, editor)
    _wait_for(seen)
    child.send_signal(signal.SIGTERM)
    assert child.wait(60) == 128 + signal.SIGTERM
    os.close(main)
    assert list(_drafts(cli).iterdir()) == []


def test_a_draft_left_by_a_killed_session_is_kept_and_said_at_the_next_start(
    cli: Cli, tmp_path: Path
):
    editor, seen = _editor(tmp_path, words=WORDS, wait=True)
    child, main = _start_letter(cli, editor)
    draft = Path(_wait_for(seen))
    os.killpg(child.pid, signal.SIGKILL)  # tracker and its editor, as a power cut would
    child.wait(60)
    os.close(main)
    assert draft.read_text(encoding="utf-8") == WORDS  # stranded, as SIGKILL leaves it
    other = tmp_path / "second"
    other.mkdir()
    editor, _seen = _editor(other, words="Another letter\n", wait=False)
    again, main = _start_letter(cli, editor)
    out, _err = again.communicate(timeout=60)
    os.close(main)
    (kept,) = _drafts(cli).iterdir()
    assert not draft.parent.exists() and kept.read_text(encoding="utf-8") == WORDS
    assert f"is kept in {kept}" in out.decode()


def test_ctrl_c_belongs_to_the_editor_while_it_runs(cli: Cli, tmp_path: Path):
    editor, seen = _editor(tmp_path, words=WORDS, wait=False, linger=1.0)
    child, main = _start_letter(cli, editor)
    _wait_for(seen)
    child.send_signal(signal.SIGINT)
    assert child.wait(60) == 0
    os.close(main)
    assert cli.json("letter", "show", "1", "--json")["title"] == "What trust means to me"


def test_a_killed_demo_leaves_a_folder_the_next_demo_removes(cli: Cli):
    temporary = Path(cli.env["TMPDIR"])
    stranded = temporary / f".tmp-tracker-demo.{dead_pid()}.0a1b2c3d"
    stranded.mkdir()
    (stranded / "demo.json").write_text("{}", encoding="utf-8")
    someone_elses = temporary / "tracker-demo-notes"
    someone_elses.mkdir()
    cli.json("--demo", "today", "--json")
    assert sorted(os.listdir(temporary)) == [someone_elses.name]


def test_a_draft_refused_for_its_bytes_is_kept_and_its_place_said(cli: Cli, tmp_path: Path):
    script = tmp_path / "latin1_editor.py"
    script.write_text(
        "import sys\nopen(sys.argv[1], 'wb').write('Caf\u00e9 at seven'.encode('latin-1'))\n",
        encoding="utf-8",
    )
    child, main = _start_letter(cli, f"{sys.executable} {script}")
    _out, err = child.communicate(timeout=60)
    os.close(main)
    assert child.returncode == 1
    (kept,) = _drafts(cli).iterdir()
    assert kept.read_bytes() == "Café at seven".encode("latin-1")
    assert f"not valid UTF-8; nothing was saved. Your text is kept in {kept}." in err.decode()
