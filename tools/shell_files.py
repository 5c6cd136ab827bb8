"""Write tracker's manual page and its bash, zsh and fish completions from the parser.

    .venv/bin/python tools/shell_files.py          # (re)write them into tracker/cli/shell/
    .venv/bin/python tools/shell_files.py --check  # say which are out of date (exit 1)

The files are committed and shipped in the wheel (pyproject.toml's shared-data puts them
where man and the shells look; `tracker man` and `tracker completions SHELL` print them for
a pipx install). tests/unit/test_shell_files.py runs `--check`, so a change to a command
that is not regenerated fails the tests. Generated with the project's Python (3.11):
argparse's wording can differ between Python versions.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import shtab
from argparse_manpage.manpage import Manpage

ROOT = Path(__file__).resolve().parents[1]
SHELL_FOLDER = ROOT / "tracker" / "cli" / "shell"

# argparse wraps its text to the terminal's width: the same width wherever this runs.
os.environ["COLUMNS"] = "80"
sys.path.insert(0, str(ROOT))

from tracker import __version__  # noqa: E402
from tracker.cli.commands.shell import COMPLETIONS, MAN_PAGE  # noqa: E402
from tracker.cli.parser import build_parser  # noqa: E402
from tracker.paths import DB_ENV, default_data_file  # noqa: E402


def data_file_as_written() -> str:
    """The default data file as the manual writes it: from ~, whoever generates the page."""
    home = Path("/home/whoever")
    saved = {name: os.environ.pop(name, None) for name in ("HOME", "XDG_DATA_HOME", DB_ENV)}
    os.environ["HOME"] = str(home)
    try:
        return f"~/{default_data_file().relative_to(home)}"
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value


MAN_SECTIONS = {
    "environment": (
        ".TP\n.B TRACKER_DB\nThe data file to use when no \\-\\-db is given.\n"
        ".TP\n.B TRACKER_DEBUG\nSet to 1 to print the full traceback of an unexpected error."
    ),
    "files": (
        f".TP\n.I {data_file_as_written()}\n"
        "Your data file, unless \\-\\-db or TRACKER_DB names another (with tracker.marks/, "
        "backups/ and tracker.share/ beside it; $XDG_DATA_HOME moves the folder)."
    ),
    "shell completion": (
        "An install by pip puts the completions where bash, zsh and fish look. After an "
        "install by pipx, which does not, save them once (and again after an upgrade), "
        "making the folder first (mkdir \\-p):\n"
        ".PP\n.nf\n"
        "tracker completions bash > ~/.local/share/bash\\-completion/completions/tracker\n"
        "tracker completions zsh > ~/.zfunc/_tracker    # with fpath=(~/.zfunc $fpath)\n"
        "tracker completions fish > ~/.config/fish/completions/tracker.fish\n"
        ".fi"
    ),
    "exit status": (
        "0 done; 1 a mistake or a refusal, said in one line; 2 a command line that does not "
        "parse; 70 a bug (one line); 130 interrupted."
    ),
    "see also": (
        "The app and every command: docs/guide.md in tracker's source, and the other files "
        "in docs/ (the practices, sharing, your data, the formats)."
    ),
}


def complete_paths(parser: argparse.ArgumentParser) -> None:
    """Let the shells complete file names (folders for a folder) where a path is asked for."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                complete_paths(command)
        elif getattr(action.type, "__qualname__", "").startswith("path_arg."):
            folder = action.dest == "folder"
            action.complete = shtab.DIRECTORY if folder else shtab.FILE  # type: ignore[attr-defined]


def man_page(parser: argparse.ArgumentParser) -> str:
    parser._positionals.title = "commands"
    page = Manpage(parser)
    page.description = "keep small promises, together"
    page.date = ""  # the version says which tracker it describes; no date to go stale
    page.source = f"tracker {__version__}"
    page.manual = "tracker manual"
    for heading, content in MAN_SECTIONS.items():
        page.add_section(heading, ">", content)
    return str(page)


def generated() -> dict[Path, str]:
    """Each shipped file and what it should hold."""
    parser = build_parser()
    complete_paths(parser)
    files = {SHELL_FOLDER / MAN_PAGE: man_page(parser)}
    for shell, name in COMPLETIONS.items():
        files[SHELL_FOLDER / name] = shtab.complete(parser, shell=shell)
    return files


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print("usage: tools/shell_files.py [--check]", file=sys.stderr)
        return 2
    stale = []
    for path, text in generated().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check and stale:
        names = ", ".join(map(str, stale))
        print(f"Out of date: {names}; run .venv/bin/python tools/shell_files.py", file=sys.stderr)
        return 1
    for path in [] if check else stale:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
