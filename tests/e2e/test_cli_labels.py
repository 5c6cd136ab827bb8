"""Words the command line shares with the app (issue 11 point 11): a trigger's name, a
strength, and columns that do not run into each other."""

from __future__ import annotations

from cli_support import Cli


def test_note_list_names_the_trigger_as_the_app_does_in_its_own_column(cli: Cli):
    cli.ok("note", "add", "We argued about the trip", "--trigger", "poor-communication")
    cli.ok("note", "add", "Forgot the call", "--trigger", "communication")
    lines = cli.ok("note", "list").splitlines()
    assert all("Poor communication  " in line for line in lines), lines
    assert any(line.endswith("Poor communication  We argued about the trip") for line in lines)


def test_streaks_shows_strength_as_the_app_does(cli: Cli):
    cli.ok("add", "Walk the dog", "--start", "2026-11-20")
    cli.ok("check", "walk")
    header, row = cli.ok("streaks").splitlines()[:2]
    assert header.endswith("strength")
    assert row.split()[-1] == "5", row


def test_every_option_of_every_command_says_what_it_is_for():
    """Point 12: `check --note` and `log --date` had no help text; no option may lack one."""
    import argparse

    from tracker.cli.parser import build_full_parser

    def parsers(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()):
        yield words, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from parsers(sub, (*words, name))

    silent = [
        (" ".join(words), action.dest)
        for words, parser in parsers(build_full_parser())
        for action in parser._actions
        if action.option_strings
        and action.help != argparse.SUPPRESS
        and not (action.help or "").strip()
    ]
    assert silent == []
    shown = {words: parser.format_help() for words, parser in parsers(build_full_parser())}
    assert "a few words to keep with the day" in shown[("check",)]
    assert "the day it happened" in shown[("log",)]
