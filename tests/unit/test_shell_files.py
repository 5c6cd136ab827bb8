"""The manual page and the bash, zsh and fish completions: generated from the parser, kept
current with it, shipped in the package, and printed by `tracker man` / `tracker completions`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.cli.commands.shell import COMPLETIONS, MAN_PAGE
from tracker.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[2]
SHELL_FOLDER = ROOT / "tracker" / "cli" / "shell"


def every_command() -> list[str]:
    (commands,) = (
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    return list(commands.choices)


def test_the_shipped_files_are_current_with_the_parser():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "shell_files.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_manual_page_describes_every_command_and_the_data_file():
    page = (SHELL_FOLDER / MAN_PAGE).read_text(encoding="utf-8")
    assert page.startswith('.TH TRACKER "1"')
    for command in every_command():
        in_roff = command.replace("-", "\\-")
        assert f"\\fBtracker\\fR \\fI\\,{in_roff}\\/\\fR" in page, command
    assert "~/.local/share/trust-tracker/tracker.json" in page
    assert ".SH EXIT STATUS" in page


def _bash_completes(words: list[str], cwd: Path) -> list[str]:
    """What bash offers for the last of `words`, through the shipped bash completions."""
    script = (
        f"source {SHELL_FOLDER / COMPLETIONS['bash']}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}\n'
        "_shtab_tracker\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd)},
    )
    return sorted(done.stdout.split())


def test_bash_completes_commands_their_choices_and_file_names(tmp_path):
    assert _bash_completes(["tracker", "sh"], tmp_path) == ["share"]
    assert _bash_completes(["tracker", "share", "s"], tmp_path) == [
        "set",
        "setup",
        "status",
        "stop",
    ]
    assert _bash_completes(["tracker", "completions", ""], tmp_path) == ["bash", "fish", "zsh"]
    (tmp_path / "ours.json").write_text("{}", encoding="utf-8")
    assert _bash_completes(["tracker", "--db", "ou"], tmp_path) == ["ours.json"]


def test_zsh_and_fish_completions_offer_every_command():
    zsh = (SHELL_FOLDER / COMPLETIONS["zsh"]).read_text(encoding="utf-8")
    fish = (SHELL_FOLDER / COMPLETIONS["fish"]).read_text(encoding="utf-8")
    assert zsh.startswith("#compdef tracker")
    for command in every_command():
        assert f"\n    {command}:'" in zsh, command
        assert f"test $_shtab_tracker_npos -eq 0' -a {command} -d " in fish, command


@pytest.mark.parametrize("shell", list(COMPLETIONS))
def test_tracker_completions_prints_the_shipped_file(shell, capsys):
    assert main(["completions", shell]) == 0
    assert capsys.readouterr().out == (SHELL_FOLDER / COMPLETIONS[shell]).read_text(
        encoding="utf-8"
    )


def test_tracker_man_prints_the_manual_page(capsys):
    assert main(["man"]) == 0
    assert capsys.readouterr().out == (SHELL_FOLDER / MAN_PAGE).read_text(encoding="utf-8")


def test_an_unknown_shell_is_one_line_naming_the_shells(capsys):
    assert main(["completions", "powershell"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "bash" in error and "zsh" in error and "fish" in error
