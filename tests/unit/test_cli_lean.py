"""A command builds only its own parser and imports only what it uses (issue 19).

Not timings: which parsers are built and which modules are loaded, both deterministic.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import parser as command_line
from tracker.cli.commands import COMMAND_MODULES

# Everything of tracker that `tracker check NAME` may load: the command line, the
# marks and promises areas, the store, and the few lines that ask for a share to be
# written (nothing of sharing's cryptography).
CHECK_MODULES = frozenset(
    {
        "tracker",
        "tracker.amounts",  # how a measured day is judged (issue 22): part of every figure
        "tracker.cli",
        "tracker.cli.background",
        "tracker.cli.commands",
        "tracker.cli.commands.marks",
        "tracker.cli.commands.promises",
        "tracker.cli.main",
        "tracker.cli.output",
        "tracker.cli.parser",
        "tracker.clock",
        "tracker.day_view",
        "tracker.daybreak",
        "tracker.errors",
        "tracker.json_faults",
        "tracker.model",
        "tracker.parsing",
        "tracker.records",
        "tracker.paths",
        "tracker.schedule",
        "tracker.service",
        "tracker.service.change",
        "tracker.service.context",
        "tracker.service.locking",  # is the data locked? (one lstat; no cryptography)
        "tracker.service.marks",
        "tracker.service.promises",
        "tracker.service.sharing",
        "tracker.service.tracker",
        "tracker.share",
        "tracker.share.pending",
        "tracker.stats",
        "tracker.store",
        "tracker.store.backups",
        "tracker.store.codec",
        "tracker.store.datafiles",
        "tracker.store.files",
        "tracker.store.health",
        "tracker.store.kinds",
        "tracker.store.keychain",
        "tracker.store.lock_switch",
        "tracker.store.locking",
        "tracker.store.markbook",
        "tracker.store.record",
        "tracker.store.recovery",
        "tracker.store.repository",
        "tracker.store.schema",
        "tracker.store.sealing",
        "tracker.store.vault",
        "tracker.store.session",
        "tracker.store.snapshots",
        "tracker.text",
    }
)
# Never loaded by a check-off: the app, sharing's cryptography, the practices, the
# foreign formats, the report, the reminders, the user-folder lookup (`--db` is given).
NEVER_FOR_A_CHECK = (
    "textual",
    "rich",
    "cryptography",
    "icalendar",
    "plyer",
    "jeepney",
    "platformdirs",
    "hmac",
    "_strptime",  # the backups' time stamps are read without it
    "tzlocal",  # the zone is named by $TZ or the /etc/localtime link
    "logging",
    "shutil",  # argparse's help width is found without it
    "tracker.ui",
    "tracker.practices",
    "tracker.share.sharing",
    "tracker.formats",
    "tracker.report",
    "tracker.reminders",
)

RUN_AND_LIST_MODULES = """
import json, sys
from tracker.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def _run_in_a_fresh_interpreter(*argv: str) -> tuple[int, set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "TRACKER_NOW": "2026-11-25T20:00:00"},
    )
    assert done.returncode == 0, done.stderr
    *said, listing = done.stdout.splitlines()
    found = json.loads(listing)
    return found["status"], set(found["modules"]), "\n".join(said)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    from tracker.cli import main

    path = tmp_path / "data.json"
    assert main(["--db", str(path), "add", "Walk together", "--start", "2026-11-01"]) == 0
    assert main(["--db", str(path), "check", "walk", "--date", "2026-11-20"]) == 0
    return path


def test_a_check_off_imports_only_what_it_uses(data_file: Path) -> None:
    status, modules, said = _run_in_a_fresh_interpreter("--db", str(data_file), "check", "walk")
    assert status == 0 and said.startswith("Kept: Walk together (today)")
    assert {name for name in modules if name.split(".")[0] == "tracker"} <= CHECK_MODULES
    loaded = [
        name
        for name in modules
        for never in NEVER_FOR_A_CHECK
        if name == never or name.startswith(never + ".")
    ]
    assert loaded == []


def test_today_imports_neither_the_app_nor_sharing_cryptography(data_file: Path) -> None:
    status, modules, said = _run_in_a_fresh_interpreter("--db", str(data_file), "today")
    assert status == 0 and "Walk together" in said
    for never in ("textual", "cryptography", "tracker.ui", "tracker.share.sharing"):
        assert not any(name == never or name.startswith(never + ".") for name in modules)


def _parsers_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every parser made from now on, by its name (`prog`)."""
    built: list[str] = []
    made = command_line.Parser.__init__

    def counting(self: command_line.Parser, *args: object, **options: object) -> None:
        made(self, *args, **options)  # type: ignore[arg-type]
        built.append(self.prog)

    monkeypatch.setattr(command_line.Parser, "__init__", counting)
    return built


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return {
        name: sub
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, sub in action.choices.items()
    }


def _tree(parser: argparse.ArgumentParser) -> list[str]:
    """The names of `parser` and every parser below it."""
    return [parser.prog, *(prog for sub in _commands(parser).values() for prog in _tree(sub))]


def test_the_full_parser_has_every_command_and_the_index_names_each_one() -> None:
    full = _commands(command_line.build_full_parser())
    assert list(full) == list(COMMAND_MODULES)
    for name, sub in full.items():
        alone = _commands(command_line.build_parser_for([name]))
        assert list(alone) == [name]
        assert alone[name].format_help() == sub.format_help()


@pytest.mark.parametrize(
    "argv",
    [["check", "walk"], ["--db", "x.json", "today", "--json"], ["note", "list"], ["share"]],
    ids=repr,
)
def test_a_command_builds_its_own_parser_and_no_other(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = command_line.command_name(argv)
    assert name is not None
    expected = _tree(_commands(command_line.build_full_parser())[name])
    built = _parsers_built(monkeypatch)
    command_line.build_parser_for(argv)
    assert built == ["tracker", *expected]


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["chek", "walk"], ["--db", "x"]], ids=repr)
def test_help_and_a_mistyped_command_build_only_the_list_they_show(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _parsers_built(monkeypatch)
    parser = command_line.build_parser_for(argv)
    # The top parser, and each command listed by its name and help: none of their options.
    assert built == ["tracker", *(f"tracker {name}" for name in COMMAND_MODULES)]
    # -h and the global options (--db, --passphrase-file)
    assert all(len(sub._actions) == 3 for sub in _commands(parser).values())


def test_a_mistyped_command_is_refused_with_the_list() -> None:
    with pytest.raises(command_line.UsageError, match=r"invalid choice: 'chek'.*'check'"):
        command_line.parse_arguments(["chek", "walk"])


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "walk", "--date", "yesterday"],
        ["--db", "x.json", "check", "2"],
        ["--db=x.json", "excuse", "walk", "--reason", "ill"],
        ["today", "--json", "--db", "y.json"],
        ["note", "add", "--db", "x", "--", "-title"],
        ["streaks", "--json"],
    ],
    ids=repr,
)
def test_a_command_parses_as_the_full_parser_parses_it(argv: list[str]) -> None:
    alone = vars(command_line.parse_arguments(argv))
    full = vars(command_line.build_full_parser().parse_args(argv))
    # Each build makes its own handler functions: the same function, made twice.
    assert alone.pop("handler").__qualname__ == full.pop("handler").__qualname__
    assert alone == full


@pytest.mark.parametrize("columns", [None, "132", "0", "wide"])
def test_help_is_as_wide_as_shutil_would_make_it(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.delenv("LINES", raising=False)
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert command_line.terminal_columns() == shutil.get_terminal_size().columns
    parser = command_line.build_parser_for(["check", "--help"])
    assert parser._get_formatter()._width == shutil.get_terminal_size().columns - 2
