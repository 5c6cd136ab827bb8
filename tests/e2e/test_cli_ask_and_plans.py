"""`tracker ask` and excuses over a range of days, as a user runs them (issue 11 points
16 and 17): real processes, answers typed on standard input, a Ctrl-C half way."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time

from cli_support import NOW, Cli


def add_two(cli: Cli) -> None:
    """Two daily promises added on Friday 20 November (so an unmarked day since is missed)."""
    cli.ok("add", "Walk the dog", "--start", "2026-11-20", now="2026-11-20T09:00:00")
    cli.ok("add", "Phone away at dinner", "--start", "2026-11-20", now="2026-11-20T09:00:00")


def statuses(cli: Cli, day: str) -> dict[str, str]:
    rows = json.loads(cli.ok("today", "--date", day, "--json"))
    return {row["title"]: row["state"] for row in rows}


def ask(cli: Cli, *args: str, answers: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "ask", *args],
        input=answers,
        cwd=cli.cwd,
        env={**cli.env, "TRACKER_NOW": NOW},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ask_walks_through_what_is_open_and_writes_each_answer(cli: Cli):
    add_two(cli)
    cli.ok("check", "phone", "--date", "2026-11-23")
    # Mon 23: walk. Tue 24: walk, phone. Today: walk, phone.
    done = ask(cli, "--since", "2026-11-23", answers="y\nx\ns\nsick\n\nn\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("5 questions. y kept · n missed · s excused · Enter skip · q stop.")
    assert "Mon 23 Nov · Walk the dog?" in out
    assert "today · Phone away at dinner?" in out
    assert out.count("y kept · n missed") == 2, "an answer not understood asks again"
    assert out.rstrip().endswith("3 answers saved.")
    assert statuses(cli, "2026-11-23") == {"Walk the dog": "kept", "Phone away at dinner": "kept"}
    assert statuses(cli, "2026-11-24") == {
        "Walk the dog": "excused",
        "Phone away at dinner": "missed",  # skipped: still unmarked, shown as missed
    }
    assert statuses(cli, "2026-11-25")["Walk the dog"] == "missed"
    assert statuses(cli, "2026-11-25")["Phone away at dinner"] == "open"


def test_ask_takes_a_letter_or_its_word_and_asks_again_for_anything_else(cli: Cli):
    """A line of keys typed ahead ("ysrain") is not taken for its first letter."""
    add_two(cli)
    done = ask(cli, answers="ysrain\nsure\nyes\nno\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("y kept · n missed") == 3, done.stdout
    assert statuses(cli, "2026-11-25") == {"Walk the dog": "kept", "Phone away at dinner": "missed"}


def test_ask_with_nothing_open_says_so(cli: Cli):
    cli.ok("add", "Walk the dog", "--start", "2026-11-25")
    cli.ok("check", "walk")
    done = ask(cli, answers="")
    assert (done.returncode, done.stdout.strip()) == (
        0,
        "Nothing is open: every promise due is answered.",
    )


def test_q_stops_and_the_end_of_the_input_keeps_what_was_answered(cli: Cli):
    add_two(cli)
    done = ask(cli, answers="y\nq\n")
    assert done.returncode == 0
    assert statuses(cli, "2026-11-25") == {"Walk the dog": "kept", "Phone away at dinner": "open"}
    done = ask(cli, answers="")  # no answer at all (input closed)
    assert done.returncode == 0 and "Nothing changed." in done.stdout


def test_ctrl_c_keeps_the_answers_given(cli: Cli):
    add_two(cli)
    child = subprocess.Popen(
        [sys.executable, "-m", "tracker", "ask"],
        cwd=cli.cwd,
        env={**cli.env, "TRACKER_NOW": NOW},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b"y\n")
    child.stdin.flush()
    seen = b""
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    while b"Phone away at dinner?" not in seen and time.monotonic() < deadline:
        if selector.select(timeout=1):
            seen += os.read(child.stdout.fileno(), 4096)
    assert b"Phone away at dinner?" in seen, seen
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert b"Stopped. 1 answer kept." in seen + out
    assert statuses(cli, "2026-11-25") == {"Walk the dog": "kept", "Phone away at dinner": "open"}


def test_a_trip_ahead_is_excused_shown_and_taken_back(cli: Cli):
    cli.ok("add", "Walk the dog", "--schedule", "mon,wed,fri", "--start", "2026-11-20")
    out = cli.ok(
        "excuse", "walk", "--date", "2026-12-10", "--until", "2026-12-14", "--reason", "travelling"
    )
    # Thu 10 is not due; Fri 11 and Mon 14 are.
    assert out.strip() == "Excused: Walk the dog, 2 days (Fri 11 – Mon 14 Dec): travelling."
    assert statuses(cli, "2026-12-11") == {"Walk the dog": "excused"}
    assert statuses(cli, "2026-12-14") == {"Walk the dog": "excused"}
    out = cli.ok("uncheck", "walk", "--date", "2026-12-14", "--until", "2026-12-14")
    assert "Took back the excuses of 'Walk the dog' on 1 day" in out
    assert statuses(cli, "2026-12-14")["Walk the dog"] != "excused"
    out = cli.ok("uncheck", "walk", "--date", "2026-12-11")
    assert "Removed the 'excused' mark" in out


def test_a_single_day_ahead_can_be_excused_but_not_checked(cli: Cli):
    cli.ok("add", "Walk the dog", "--start", "2026-11-20")
    assert "Excused: Walk the dog" in cli.ok("excuse", "walk", "--date", "2026-11-27")
    result = cli.run("check", "walk", "--date", "2026-11-27")
    assert result.returncode == 1
    assert "is in the future" in result.error_line and "can be excused" in result.error_line
