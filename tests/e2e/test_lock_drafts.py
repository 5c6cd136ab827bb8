"""Letter drafts in a locked data folder (issue 23): a draft kept because tracker was
stopped while the editor ran is sealed at once, and the next `letter write` finishes it."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_support import NOW, Cli, partner_cli
from test_lock import _every_byte, _lock

from tracker.store.sealing import is_sealed

KNOWN = "Wombatword"
WORDS = f"What trust means to me\n\nKeeping the small promises, {KNOWN}.\n"


def _editor(folder: Path, *, words: str, wait: bool) -> tuple[str, Path, Path]:
    """An $EDITOR that notes the draft's path (`seen`) and the text it opened with (`got`),
    appends `words` (writes nothing if there are none: quits without saving), then waits
    if asked, until tracker is stopped."""
    folder.mkdir(parents=True)
    seen, got = folder / "seen.txt", folder / "got.txt"
    script = folder / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, sys, time
            path = sys.argv[1]
            with open({str(got)!r}, "w", encoding="utf-8") as note:
                note.write(open(path, encoding="utf-8").read())
            if {words!r}:
                with open(path, "a", encoding="utf-8") as file:
                    file.write({words!r})
            with open({str(seen)!r} + ".part", "w") as note:
                note.write(path)
            os.rename({str(seen)!r} + ".part", {str(seen)!r})
            while {wait!r}:
                time.sleep(0.05)
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", seen, got


@dataclass
class Run:
    """`tracker letter write` (or another command) running on a terminal."""

    child: subprocess.Popen[bytes]
    terminal: int

    def finish(self) -> tuple[int, str]:
        """How it ended, and all it said."""
        out, err = self.child.communicate(timeout=60)
        os.close(self.terminal)
        return self.child.returncode, out.decode() + err.decode()


def _start_letter(cli: Cli, given: str, editor: str, *command: str) -> Run:
    """`tracker letter write` (or `command`) on a terminal, with `editor` as $EDITOR."""
    main, terminal = pty.openpty()
    words = command or ("letter", "write")
    child = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--passphrase-file", given, *words],
        cwd=cli.cwd,
        env={**cli.env, "TRACKER_NOW": NOW, "EDITOR": editor},
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(terminal)
    return Run(child, main)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.05)


def _drafts(cli: Cli) -> Path:
    return cli.db.with_name("tracker.drafts")


def _kept(cli: Cli) -> list[Path]:
    return sorted(_drafts(cli).glob("letter-kept-*.txt"))


def _plain_known_word(cli: Cli) -> bool:
    return KNOWN.encode() in _every_byte(cli.db.parent, Path(cli.env["TMPDIR"]))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_while_the_editor_runs_leaves_the_draft_sealed_and_the_next_write_finishes_it(
    tmp_path: Path, signum: int
):
    alex = partner_cli(tmp_path, "alex")
    given, _code = _lock(alex)
    editor, seen, _got = _editor(tmp_path / "first", words=WORDS, wait=True)
    run = _start_letter(alex, given, editor)
    _wait_for(seen)
    assert _plain_known_word(alex)  # the draft the editor has open: the one plain copy
    run.child.send_signal(signum)
    assert run.finish()[0] == 128 + signum
    assert not Path(seen.read_text()).parent.exists()  # the session's folder is gone
    (kept,) = _kept(alex)
    assert is_sealed(kept.read_bytes()) and kept.stat().st_mode & 0o777 == 0o600
    assert not _plain_known_word(alex)
    # The next letter opens the editor on the kept text, says so, and saves it.
    editor, _seen, got = _editor(tmp_path / "second", words="And the big ones.\n", wait=False)
    code, said = _start_letter(alex, given, editor).finish()
    assert code == 0, said
    assert got.read_text(encoding="utf-8") == WORDS
    assert "was kept, locked" in said and "finish it" in said
    assert _kept(alex) == []
    letter = alex.json("--passphrase-file", given, "letter", "show", "1", "--json")
    assert letter["title"] == "What trust means to me"
    assert letter["body"] == f"Keeping the small promises, {KNOWN}.\nAnd the big ones."
    assert not _plain_known_word(alex)


def test_a_killed_session_is_sealed_at_the_next_run_and_stays_kept_if_not_saved(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    given, _code = _lock(alex)
    editor, seen, _got = _editor(tmp_path / "first", words=WORDS, wait=True)
    run = _start_letter(alex, given, editor)
    _wait_for(seen)
    os.killpg(run.child.pid, signal.SIGKILL)  # tracker and its editor, as a power cut would
    run.finish()
    assert Path(seen.read_text()).read_text(encoding="utf-8") == WORDS  # stranded, plain
    # The next run seals it before the editor opens; quitting without saving keeps it.
    editor, _seen, got = _editor(tmp_path / "second", words="", wait=False)
    code, said = _start_letter(alex, given, editor).finish()
    assert code == 1 and "closed without saving" in said and "stays kept" in said
    assert got.read_text(encoding="utf-8") == WORDS
    (kept,) = _kept(alex)
    assert is_sealed(kept.read_bytes())
    assert not _plain_known_word(alex)
    assert "No letters yet" in alex.ok("--passphrase-file", given, "letter", "list")
    # Editing a letter says the kept one is there, and how to finish it.
    alex.ok("--passphrase-file", given, "letter", "write", "--title", "Other", stdin=b"Hello\n")
    editor, _seen, _got = _editor(tmp_path / "third", words="More\n", wait=False)
    code, said = _start_letter(alex, given, editor, "letter", "edit", "1").finish()
    assert code == 0, said
    assert f"kept, locked, in {kept}" in said and "`tracker letter write` opens it" in said
    assert _kept(alex) == [kept]


def test_text_refused_in_a_locked_folder_is_kept_sealed(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    given, _code = _lock(alex)
    folder = tmp_path / "editor"
    folder.mkdir()
    script = folder / "editor.py"
    script.write_text(
        f"import sys\nopen(sys.argv[1], 'wb').write({KNOWN.encode()!r} + b' \\xff not text\\n')\n",
        encoding="utf-8",
    )
    code, said = _start_letter(alex, given, f"{sys.executable} {script}").finish()
    (kept,) = _kept(alex)
    assert code == 1 and "not valid UTF-8" in said and f"kept in {kept}" in said
    assert is_sealed(kept.read_bytes())
    assert not _plain_known_word(alex)


def _plain_kept_draft(cli: Cli) -> Path:
    """A draft kept plain (unlocked, or by a tracker from before drafts were sealed)."""
    _drafts(cli).mkdir(parents=True, mode=0o700, exist_ok=True)
    kept = _drafts(cli) / "letter-kept-20261120-210000.txt"
    kept.write_text(WORDS, encoding="utf-8")
    kept.chmod(0o600)
    return kept


def test_lock_setup_seals_a_kept_draft_and_lock_off_opens_it_again(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    kept = _plain_kept_draft(alex)
    given, _code = _lock(alex)
    assert _kept(alex) == [kept] and is_sealed(kept.read_bytes())
    assert not _plain_known_word(alex)
    alex.ok("--passphrase-file", given, "lock", "off")
    assert kept.read_text(encoding="utf-8") == WORDS  # readable again, as unlocked ones are


def test_a_plain_draft_found_in_a_locked_folder_is_sealed_at_the_next_write(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    given, _code = _lock(alex)
    kept = _plain_kept_draft(alex)
    editor, _seen, _got = _editor(tmp_path / "e", words="", wait=False)
    code, said = _start_letter(alex, given, editor).finish()
    assert code == 1, said
    assert _kept(alex) == [kept] and is_sealed(kept.read_bytes())
    assert not _plain_known_word(alex)


def test_the_newest_kept_letter_opens_first_and_saving_it_unchanged_saves_it(tmp_path: Path):
    alex = partner_cli(tmp_path, "alex")
    given, _code = _lock(alex)
    older = _plain_kept_draft(alex)
    newer = _drafts(alex) / "letter-kept-20261121-080000.txt"
    newer.write_text(f"Morning thoughts\n\nAbout {KNOWN} and us.\n", encoding="utf-8")
    folder = tmp_path / "editor"
    folder.mkdir()
    script = folder / "editor.py"  # saves the text as it is (`:wq` without a change)
    script.write_text(
        "import sys\ntext = open(sys.argv[1]).read()\nopen(sys.argv[1], 'w').write(text)\n",
        encoding="utf-8",
    )
    code, said = _start_letter(alex, given, f"{sys.executable} {script}").finish()
    assert code == 0, said
    assert "1 more is kept" in said
    letter = alex.json("--passphrase-file", given, "letter", "show", "1", "--json")
    assert (letter["title"], letter["body"]) == ("Morning thoughts", f"About {KNOWN} and us.")
    assert _kept(alex) == [older] and is_sealed(older.read_bytes())
    assert not _plain_known_word(alex)
