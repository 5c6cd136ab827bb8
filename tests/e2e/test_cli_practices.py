"""The couple's practices on the command line, as a person types them: appreciations, bids,
boundaries, goals, letters, tags, root causes and snoozes; each --json shape as the README
documents it; every mistake one clear line that changes nothing."""

from __future__ import annotations

import os
import pty
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from cli_support import Cli

AWKWARD = "[bold]not markup[/] 📵 ثق بي $HOME"


def refused(cli: Cli, *args: str, **options) -> str:
    """A mistake: one line on stderr, a non-zero exit, and every file as it was."""
    before = cli.files()
    line = cli.fails(*args, **options)
    assert cli.files() == before, f"{args} changed the data"
    assert "Traceback" not in line
    return line


# --- appreciations ---------------------------------------------------------------------------


def test_appreciations_are_kept_listed_and_shown_as_json(cli: Cli):
    assert cli.ok("appreciate", AWKWARD, "--quality", "patience") == (
        "Saved appreciation 1. Telling them too is the best part.\n"
    )
    said = cli.ok("appreciate", "You listened", "--by", "partner", "--date", "yesterday")
    assert said == "Kept what your partner appreciates in you (appreciation 2).\n"
    listed = cli.ok("appreciations").splitlines()
    assert listed[0] == f"   1  2026-11-25  You      {AWKWARD}  · patience"
    assert listed[1] == "   2  2026-11-24  Partner  You listened"
    assert cli.json("appreciations", "--json") == [
        {"id": 1, "date": "2026-11-25", "by": "me", "text": AWKWARD, "quality": "patience"},
        {"id": 2, "date": "2026-11-24", "by": "partner", "text": "You listened", "quality": None},
    ]
    assert cli.json("appreciate", "Dinner", "--json")["id"] == 3


def test_no_appreciations_yet_says_how_to_keep_one(cli: Cli):
    assert "tracker appreciate" in cli.ok("appreciations")
    assert cli.json("appreciations", "--json") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["appreciate", ""], "The appreciation cannot be empty."),
        (["appreciate", "   "], "The appreciation cannot be empty."),
        (["appreciate", "x" * 501], "The appreciation is too long (501 characters; at most 500)."),
        (["appreciate", "a\x1b[31mb"], "The appreciation contains a control character"),
        (["appreciate", "ok", "--quality", "q" * 81], "The quality is too long"),
        (["appreciate", "ok", "--date", "tomorrow"], "is dated 2026-11-26, which is still to come"),
        (["appreciate", "ok", "--date", "2026-02-30"], "February 2026 has 28 days"),
        (["appreciate", "ok", "--by", "them"], "'them' is not someone who can do this"),
    ],
)
def test_a_mistaken_appreciation_is_refused_in_one_line(cli: Cli, args, expected):
    cli.ok("appreciate", "The first one")
    assert expected in refused(cli, *args)


# --- bids ------------------------------------------------------------------------------------


def test_bids_are_logged_and_summed_up_with_the_research_as_context(cli: Cli):
    assert cli.ok("bid", "toward") == "Logged a bid: turned toward (your partner reached out).\n"
    cli.ok("bid", "Away", "--by", "me", "--note", AWKWARD)
    cli.ok("bid", "against", "--date", "2026-11-10")
    cli.ok("appreciate", "Thanks for the tea")
    text = cli.ok("bids")
    assert text.startswith(
        "In the last 8 weeks: 3 bids; 1 turned toward (33%), 1 away, 1 against.\n"
        "2 positive moments and 2 negative ones: about 1 for each negative one.\n"
    )
    assert "86%" not in text and "parted" not in text
    assert text.endswith("What research found about bids, as context: tracker bids --research\n")
    research = cli.ok("bids", "--research")
    assert "about 86% of each other's bids" in research and "not as a target" in research
    summary = cli.json("bids", "--weeks", "2", "--json")
    assert summary["since"] == "2026-11-16" and summary["weeks"] == 2
    assert summary["bids"] == {
        "toward": 1,
        "away": 1,
        "against": 0,
        "total": 2,
        "share_toward": 0.5,
    }
    assert (summary["positive"], summary["negative"], summary["ratio"]) == (2, 1, 2.0)
    assert summary["answered_by_me"]["toward"] == 1
    assert summary["answered_by_partner"]["away"] == 1
    assert [week["week_start"] for week in summary["per_week"]] == ["2026-11-16", "2026-11-23"]
    assert summary["per_week"][1]["appreciations"] == 1
    assert summary["reference"] == {
        "turned_toward_stayed": 0.86,
        "turned_toward_parted": 0.33,
        "positive_per_negative_in_conflict": 5,
    }


def test_no_bids_yet_is_said_without_a_ratio_that_cannot_be(cli: Cli):
    summary = cli.json("bids", "--json")
    assert summary["bids"]["share_toward"] is None and summary["ratio"] is None
    assert cli.ok("bids").startswith("No bids logged in the last 8 weeks.")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["bid", "sideways"], "'sideways' is not an answer to a bid; choose one of: toward"),
        (["bid", "toward", "--by", "everyone"], "is not someone who can do this"),
        (["bid", "toward", "--note", "n" * 501], "The note is too long"),
        (["bid", "toward", "--note", "\x07"], "control character"),
        (["bid", "toward", "--date", "2030-01-01"], "still to come"),
        (["bids", "--weeks", "0"], "--weeks takes a whole number from 1 to 520."),
        (["bids", "--weeks", "9999"], "--weeks takes a whole number from 1 to 520."),
        (["bids", "--weeks", "two"], "--weeks takes a whole number from 1 to 520."),
    ],
)
def test_a_mistaken_bid_is_refused_in_one_line(cli: Cli, args, expected):
    cli.ok("bid", "toward")
    assert expected in refused(cli, *args)


# --- boundaries ------------------------------------------------------------------------------


def test_boundaries_are_added_reworded_retired_and_listed_with_their_history(cli: Cli):
    assert cli.ok("boundary", "add", "Half an hour alone after work", "--whose", "partner") == (
        "Added boundary 1 (my partner's).\n"
    )
    cli.ok("boundary", "add", AWKWARD, "--date", "2026-11-01")
    said = cli.ok("boundary", "edit", "1", "--text", "An hour alone after work")
    assert said == "Saved boundary 1; its earlier wording stays in its history.\n"
    assert cli.ok("boundary", "edit", "1", "--whose", "partner") == "Boundary 1 is unchanged.\n"
    assert cli.ok("boundary", "retire", "2") == (
        "Retired boundary 2 on 2026-11-25; it stays in the history.\n"
    )
    assert cli.ok("boundary", "list") == (
        "   1  My partner's  An hour alone after work  (since 2026-11-25 · reworded 1×)\n"
    )
    assert "2026-11-01 to 2026-11-25, retired" in cli.ok("boundary", "list", "--all")
    assert cli.json("boundary", "list", "--all", "--json") == [
        {
            "id": 1,
            "text": "An hour alone after work",
            "whose": "partner",
            "agreed_on": "2026-11-25",
            "retired_on": None,
            "history": [
                {
                    "text": "Half an hour alone after work",
                    "whose": "partner",
                    "changed_on": "2026-11-25",
                }
            ],
        },
        {
            "id": 2,
            "text": AWKWARD,
            "whose": "ours",
            "agreed_on": "2026-11-01",
            "retired_on": "2026-11-25",
            "history": [],
        },
    ]
    assert cli.ok("boundary", "delete", "2", "--yes") == "Deleted boundary 2.\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["boundary", "add", ""], "The boundary cannot be empty."),
        (["boundary", "add", "x", "--whose", "theirs"], "'theirs' is not whose boundary it is"),
        (["boundary", "edit", "9", "--text", "x"], "There is no boundary number 9."),
        (["boundary", "edit", "1"], "Say what to change: --text, --whose."),
        (["boundary", "retire", "2"], "already retired on 2026-11-25"),
        (["boundary", "edit", "2", "--text", "again"], "add a new one instead of editing it"),
        (["boundary", "delete", "1"], "cannot be undone from the shell; add --yes"),
        (["boundary", "retire", "one"], "There is no boundary number one."),
    ],
)
def test_a_mistaken_boundary_is_refused_in_one_line(cli: Cli, args, expected):
    cli.ok("boundary", "add", "Time alone")
    cli.ok("boundary", "add", "Old one")
    cli.ok("boundary", "retire", "2")
    assert expected in refused(cli, *args)


# --- goals -----------------------------------------------------------------------------------


def test_a_goal_groups_its_promises_and_shows_their_figures_together(cli: Cli):
    walk = cli.add("Walk together", "daily")
    talk = cli.add("Talk after dinner", "daily")
    for day in ("2026-11-23", "2026-11-24"):
        cli.ok("check", "walk", "--date", day)
    said = cli.ok(
        "goal", "add", "Feel safe again", "--by", "2027-06-01", "--promise", "walk", "-p", "talk"
    )
    assert said == "Added goal 1: Feel safe again\n"
    listed = cli.ok("goal", "list").splitlines()
    assert listed[0] == "   1  Feel safe again  · by 2027-06-01"
    assert listed[1] == f"      Promises: Walk together ({walk}), Talk after dinner ({talk})"
    assert "188 days to 2027-06-01" in listed[2]
    [goal] = cli.json("goal", "list", "--json")
    assert goal["promises"] == [
        {"id": walk, "title": "Walk together", "archived": False},
        {"id": talk, "title": "Talk after dinner", "archived": False},
    ]
    assert (goal["set_on"], goal["by"], goal["reached_on"]) == ("2026-11-25", "2027-06-01", None)
    assert goal["kept_since_set"] == 0 and goal["days_left"] == 188
    assert 0 < goal["consistency_30"] < 1 and goal["missing_promise_ids"] == []
    assert set(goal) >= {"consistency_7", "consistency_90", "strength", "time_share", "summary"}
    assert cli.ok("goal", "edit", "1", "--reached") == (
        "Goal 1 reached on 2026-11-25. Well done, both of you.\n"
    )
    cli.ok("goal", "edit", "1", "--no-promises", "--by", "none")
    [goal] = cli.json("goal", "list", "--json")
    assert (goal["promises"], goal["by"], goal["reached_on"]) == ([], None, "2026-11-25")
    cli.ok("goal", "delete", "1", "--yes")
    assert cli.json("goal", "list", "--json") == []
    assert len(cli.json("list", "--json")) == 2  # the promises stay


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["goal", "add", "x", "--promise", "nothing"], "No promise matches 'nothing'."),
        (["goal", "add", "x", "--by", "2020-01-01"], "is before the day it was set"),
        (["goal", "add", "x", "--by", "soon"], "'soon' is not a date."),
        (["goal", "add", ""], "The goal cannot be empty."),
        (["goal", "add", "t" * 201], "The goal is too long"),
        (["goal", "edit", "1"], "Say what to change"),
        (["goal", "edit", "1", "--reached", "--text", "x"], "--reached and --open go on their own"),
        (["goal", "edit", "1", "--reached", "--open"], "not allowed with argument"),
        (["goal", "delete", "1"], "add --yes"),
    ],
)
def test_a_mistaken_goal_is_refused_in_one_line(cli: Cli, args, expected):
    cli.add("Walk together", "daily")
    cli.ok("goal", "add", "Feel safe", "--promise", "walk")
    assert expected in refused(cli, *args)


# --- letters ---------------------------------------------------------------------------------

LETTER = "What trust means to me\n\nIt means [bold]not[/] checking.\r\nSecond line, ثق بي.\n"


def test_a_letter_is_written_from_standard_input_read_back_and_shared_on_its_own(cli: Cli):
    said = cli.ok("letter", "write", stdin=LETTER.encode())
    assert said == "Saved letter 1. It stays private on this machine.\n"
    cli.ok("letter", "write", "--title", "Short", stdin=b"Only the body.\n")
    assert cli.ok("letter", "show", "1") == (
        "Letter 1 · written 2026-11-25 · private\n\nWhat trust means to me\n\n"
        "It means [bold]not[/] checking.\nSecond line, ثق بي.\n"
    )
    assert cli.json("letter", "show", "2", "--json") == {
        "id": 2,
        "title": "Short",
        "date": "2026-11-25",
        "shared": False,
        "words": 3,
        "body": "Only the body.",
    }
    assert cli.ok("letter", "share", "1") == (
        "Letter 1 may now be shared with your partner; the others stay private.\n"
    )
    assert cli.json("letter", "list", "--json") == [
        {"id": 2, "title": "Short", "date": "2026-11-25", "shared": False, "words": 3},
        {
            "id": 1,
            "title": "What trust means to me",
            "date": "2026-11-25",
            "shared": True,
            "words": 8,
        },
    ]
    cli.ok("letter", "share", "1", "--off")
    cli.ok("letter", "edit", "2", stdin=b"Renamed\n\nA new body.\n")
    cli.ok("letter", "edit", "1", "--title", "Trust")
    assert "   1  2026-11-25  Trust  (8 words, private)" in cli.ok("letter", "list")
    assert cli.json("letter", "show", "2", "--json")["body"] == "A new body."
    assert cli.ok("letter", "edit", "2", stdin=b"Renamed\n\nA new body.") == (
        "Letter 2 is unchanged.\n"
    )
    cli.ok("letter", "delete", "2", "--yes")
    assert [letter["id"] for letter in cli.json("letter", "list", "--json")] == [1]


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["letter", "write"], b"", "Nothing was written; no letter saved."),
        (["letter", "write"], b"\n\n  \n", "Nothing was written; no letter saved."),
        (["letter", "write"], b"\xff\xfe broken", "is not valid UTF-8; nothing was saved"),
        (["letter", "write"], b"Title\n\n" + b"x" * 50_001, "The letter is too long"),
        (["letter", "write"], b"x" * 1_000_001, "is too long (more than 1,000,000 bytes)"),
        (["letter", "write"], b"Ti\x1btle\n\nbody", "The title contains a control character"),
        (["letter", "write", "--date", "tomorrow"], b"T\n\nb", "still to come"),
        (["letter", "show", "7"], b"", "There is no letter number 7."),
        (["letter", "delete", "1"], b"", "add --yes"),
    ],
)
def test_a_mistaken_letter_is_refused_in_one_line(cli: Cli, args, stdin, expected):
    cli.ok("letter", "write", stdin=b"First\n\nA letter.")
    assert expected in refused(cli, *args, stdin=stdin)


def test_on_a_terminal_the_letter_is_written_in_the_users_editor_on_a_private_file(
    cli: Cli, tmp_path: Path
):
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(
        textwrap.dedent(
            f"""
            import os, stat, sys
            path = sys.argv[1]
            mode = stat.S_IMODE(os.stat(path).st_mode)
            folder = stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)
            before = open(path, encoding="utf-8").read()
            name = os.path.basename(path)
            open({str(seen)!r}, "w").write(f"{{oct(mode)}} {{oct(folder)}} {{name}}|{{before}}")
            with open(path, "a", encoding="utf-8") as file:
                file.write("Written in the editor.\\n")
            """
        ),
        encoding="utf-8",
    )
    main, terminal = pty.openpty()
    try:
        result = cli.run(
            "letter",
            "write",
            "--title",
            "From the editor",
            stdin=terminal,
            EDITOR=f"{sys.executable} {editor}",
        )
    finally:
        os.close(main)
        os.close(terminal)
    assert result.returncode == 0, result.stderr
    mode, folder, rest = seen.read_text().split(" ", 2)
    assert (mode, folder) == ("0o600", "0o700")  # private while it is written
    assert rest == "letter.txt|"
    assert cli.json("letter", "show", "1", "--json")["body"] == "Written in the editor."
    assert list((Path(cli.env["TMPDIR"])).iterdir()) == []  # nothing left behind

    main, terminal = pty.openpty()
    try:
        failed = cli.run("letter", "edit", "1", stdin=terminal, EDITOR="false")
    finally:
        os.close(main)
        os.close(terminal)
    assert failed.error_line == "The editor ended with status 1; nothing was saved."
    assert cli.json("letter", "show", "1", "--json")["body"] == "Written in the editor."


# --- tags ------------------------------------------------------------------------------------


def test_tags_on_promises_and_time_together_filter_today_and_streaks(cli: Cli):
    cli.add("Phone away at dinner", "daily", "--tag", "Quality  Time", "--tag", "focus")
    cli.add("Text when late", "daily", "--tag", "reliability")
    cli.ok("check", "phone", "--date", "yesterday")
    cli.ok("log", "45m", "talk", "--tag", "quality time", "--tag", "walk")
    [phone, text] = cli.json("list", "--json")
    assert (phone["tags"], phone["triggers"]) == (["quality time", "focus"], [])
    assert text["tags"] == ["reliability"]
    assert cli.ok("today", "--tag", "#Quality Time").splitlines() == [
        "Today, tagged 'quality time': 0 of 1 kept",
        "  open     Phone away at dinner  ·  streak: 1 day",
    ]
    assert [row["title"] for row in cli.json("today", "--tag", "reliability", "--json")] == [
        "Text when late"
    ]
    assert cli.ok("today", "--tag", "nope") == "No promise tagged 'nope' is active on 2026-11-25.\n"
    streaks = cli.ok("streaks", "--tag", "quality time")
    assert "Phone away at dinner" in streaks and "Text when late" not in streaks
    assert streaks.splitlines()[-1].startswith(
        "Tagged 'quality time', 1 promise together: kept 4% of the last 30 days"
    )
    assert "45m of time together with this tag in the last 30 days." in streaks
    tags = cli.json("tags", "--json")
    assert [tag["tag"] for tag in tags] == ["quality time", "focus", "reliability", "walk"]
    assert tags[0]["promise_ids"] == [phone["id"]] and tags[0]["quality_minutes_30_days"] == 45
    assert "Love languages you could tag with too: words of affirmation" in cli.ok("tags")
    cli.ok("edit", "phone", "--tag", "date night")
    assert cli.json("list", "--json")[0]["tags"] == ["date night"]
    cli.ok("edit", "phone", "--no-tags")
    assert cli.json("list", "--json")[0]["tags"] == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "x", "--tag", ""], "A tag cannot be empty."),
        (["add", "x", "--tag", "\x1b[31mred"], "A tag contains a control character"),
        (["add", "x", *[f"--tag=t{n}" for n in range(21)]], "At most 20 tags; this has 21."),
        (["log", "30m", "talk", "--tag", "t" * 200], "too long"),
        (["today", "--tag", ""], "A tag cannot be empty."),
        (["streaks", "--tag", "a\x01b"], "control character"),
        (["edit", "phone", "--tag", "   "], "A tag cannot be empty."),
    ],
)
def test_a_mistaken_tag_is_refused_in_one_line(cli: Cli, args, expected):
    cli.add("Phone away", "daily")
    assert expected in refused(cli, *args)


# --- root causes -----------------------------------------------------------------------------


def test_causes_point_kindly_at_a_trigger_the_notes_keep_touching(cli: Cli):
    cli.add("Phone away at dinner", "daily", "--trigger", "neglect")
    cli.ok("check", "phone", "--date", "yesterday")
    cli.ok("note", "add", "Plans changed again", "--trigger", "communication")
    cli.ok("note", "add", "Not told", "--trigger", "poor-communication", "--date", "3 days ago")
    cli.ok("note", "add", "Forgotten", "--trigger", "neglect")
    text = cli.ok("causes")
    assert text.startswith("What needs care, 2026-08-28 to 2026-11-25:\n")
    assert "Poor communication: 2 notes, 2 still open" in text
    assert "no promise answers it yet. When you are ready, you could add a promise" in text
    assert "answered by Phone away at dinner (1): 4% of the last 30 days, streak: 1 day" in text
    report = cli.json("causes", "--json")
    assert (report["since"], report["through"]) == ("2026-08-28", "2026-11-25")
    [care, neglect] = report["triggers"]
    assert care["trigger"] == "poor-communication" and care["needs_a_promise"] is True
    assert care["suggestion"].startswith("2 notes in the last 90 days touched poor communication")
    assert neglect["suggestion"] is None and neglect["promises"][0]["title"] == (
        "Phone away at dinner"
    )
    assert set(neglect["promises"][0]) == {
        "id",
        "title",
        "consistency_30",
        "strength",
        "current_streak",
        "streak_unit",
    }
    cli.ok("edit", "phone", "--trigger", "neglect", "--trigger", "poor communication")
    assert cli.json("causes", "--json")["triggers"][0]["needs_a_promise"] is False
    assert cli.json("list", "--json")[0]["triggers"] == ["poor-communication", "neglect"]


def test_with_nothing_touched_causes_says_how_to_link_a_promise(cli: Cli):
    assert "tracker add NAME --trigger neglect" in cli.ok("causes")
    assert cli.json("causes", "--json")["triggers"] == []


def test_an_unknown_trigger_is_refused_with_the_list(cli: Cli):
    line = refused(cli, "add", "x", "--trigger", "jealousy")
    assert line == (
        "'jealousy' is not a trigger. Triggers: dishonesty, betrayal, poor-communication, "
        "neglect, other."
    )


# --- snooze ----------------------------------------------------------------------------------


def test_a_promise_is_snoozed_by_name_and_listed_until_it_comes_back(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    cli.add("Tell the truth", "daily")
    assert cli.ok("snooze", "phone") == "'Phone away at dinner' will come back at 20:30.\n"
    assert cli.ok("snooze", "truth", "1h30") == "'Tell the truth' will come back at 21:30.\n"
    assert cli.ok("snooze", "truth", "3h") == (
        "'Tell the truth' will come back tomorrow at 08:00, when quiet hours end.\n"
    )
    assert cli.ok("snooze", "--list") == (
        "Phone away at dinner: comes back at 20:30\n"
        "Tell the truth: comes back tomorrow at 08:00, when quiet hours end\n"
    )
    listed = cli.json("snooze", "--list", "--json")
    assert listed[0] == {
        "id": 1,
        "kind": "promise",
        "promise_id": 1,
        "title": "Phone away at dinner",
        "day": "2026-11-25",
        "until": "2026-11-25T20:30:00+00:00",
        "comes_back_at": "2026-11-25T20:30:00+00:00",
    }
    assert listed[1]["until"] == "2026-11-25T23:00:00+00:00"
    assert listed[1]["comes_back_at"] == "2026-11-26T08:00:00+00:00"
    cli.ok("check", "phone")  # kept meanwhile: nothing left to come back
    assert [item["title"] for item in cli.json("snooze", "--list", "--json")] == ["Tell the truth"]
    assert cli.ok("snooze", "--list", now="2026-11-27T10:00:00") == "Nothing is snoozed.\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["snooze"], "Say which promise: tracker snooze NAME 30m (or --list)."),
        (["snooze", "nothing"], "No promise matches 'nothing'."),
        (["snooze", "phone", "soon"], "'soon' is not a duration."),
        (["snooze", "phone", "0m"], "A duration is between 1 minute and 24 hours."),
        (["snooze", "phone", "48h"], "A duration is between 1 minute and 24 hours."),
        (["snooze", "phone", "--list"], "--list takes no promise."),
        (["snooze", "phone", "--json"], "--json goes with --list."),
        (["snooze", "kept"], "is already marked kept today"),
    ],
)
def test_a_mistaken_snooze_is_refused_in_one_line(cli: Cli, args, expected):
    cli.add("Phone away at dinner", "daily")
    cli.add("Already kept", "daily")
    cli.ok("check", "kept")
    assert expected in refused(cli, *args)


def test_the_data_file_stays_private_with_the_practices_in_it(cli: Cli):
    cli.ok("appreciate", "Thanks")
    cli.ok("letter", "write", stdin=b"Private\n\nWords.")
    assert stat.S_IMODE(cli.db.stat().st_mode) == 0o600
