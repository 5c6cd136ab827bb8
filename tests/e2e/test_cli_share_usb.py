"""The couple's story through the command line with a plain folder copy in between (a USB
stick, or a sync tool that copies naively): copies that arrive cut short, out of order or
twice never cost the partner's view, are reported in one calm line, and the story gets
through: pairing, check-offs shared by themselves, an acknowledgement coming back."""

from __future__ import annotations

import json
import shutil
import time

from cli_support import Cli, partner_cli
from share_support import Stick, leaks

MONDAY, TUESDAY, WEDNESDAY = "2026-11-23", "2026-11-24", "2026-11-25"


def evening(day: str) -> str:
    return f"{day}T21:00:00"


def written(cli: Cli, after: int, now: str) -> int:
    """Wait (bounded) for the background publish a change started; its sequence number."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        sequence = cli.json("share", "status", "--json", now=now)["written_sequence"]
        if sequence > after:
            return sequence
        time.sleep(0.3)
    raise AssertionError("the share was not written after the change")


def kept_days(sam: Cli, now: str) -> tuple[list[str], list[str]]:
    """The days of Alex's walk Sam's tracker shows kept, and the lines it said on stderr."""
    result = sam.run("partner", "today", "--json", now=now)
    said = [line.removeprefix("tracker: ") for line in result.stderr.splitlines()]
    if result.returncode != 0:
        return [], said
    days = []
    for day in (MONDAY, TUESDAY, WEDNESDAY):
        rows = json.loads(sam.run("partner", "today", "--date", day, "--json", now=now).stdout)
        if rows and rows[0]["status"] == "kept":
            days.append(day)
    return days, said


def test_a_usb_stick_carries_the_couples_story_whatever_order_copies_arrive_in(tmp_path):
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    alex_folder, sam_folder = tmp_path / "alex-share", tmp_path / "sam-share"
    sam_folder.mkdir()
    stick = Stick(tmp_path / "stick")
    monday = evening(MONDAY)

    # Pairing: the invitation goes over on the stick, the answer comes back on it.
    code = alex.json("share", "setup", str(alex_folder), "--name", "Alex", "--json", now=monday)
    stick.hand_over(stick.take(alex_folder), sam_folder)
    joined = sam.json(
        "share", "join", str(sam_folder), code["code"], "--name", "Sam", "--json", now=monday
    )
    assert alex.json("share", "status", "--json", now=monday)["state"] == "waiting"
    stick.hand_over(stick.take(sam_folder), alex_folder)
    status = alex.json("share", "status", "--json", now=monday)
    assert (status["state"], status["safety_words"]) == ("paired", joined["safety_words"])

    # Monday: a check-off, shared by itself; the copy first arrives cut short.
    walk = alex.add("Phone away at the kitchen table", "daily")
    alex.ok("check", str(walk), now=monday)
    sequence = written(alex, status["written_sequence"], monday)
    copy_monday = stick.take(alex_folder)
    stick.hand_over(copy_monday, sam_folder, cut_short=True)
    days, said = kept_days(sam, monday)
    assert days == [] and len(said) == 1 and "has not fully arrived" in said[0]
    stick.hand_over(copy_monday, sam_folder)
    assert kept_days(sam, monday) == ([MONDAY], [])

    # Tuesday and Wednesday; Wednesday's copy arrives first, Tuesday's after it.
    copies = {}
    for day in (TUESDAY, WEDNESDAY):
        alex.ok("check", str(walk), now=evening(day))
        sequence = written(alex, sequence, evening(day))
        copies[day] = stick.take(alex_folder)
    stick.hand_over(copies[WEDNESDAY], sam_folder)
    wednesday = evening(WEDNESDAY)
    assert kept_days(sam, wednesday) == ([MONDAY, TUESDAY, WEDNESDAY], [])
    stick.hand_over(copies[TUESDAY], sam_folder)
    days, said = kept_days(sam, wednesday)
    assert days == [MONDAY, TUESDAY, WEDNESDAY]
    assert len(said) == 1 and "An older share from Alex was put back" in said[0]

    # The same copy twice: taken once, nothing to say.
    stick.hand_over(copies[WEDNESDAY], sam_folder)
    assert kept_days(sam, wednesday) == ([MONDAY, TUESDAY, WEDNESDAY], [])
    stick.hand_over(copies[WEDNESDAY], sam_folder)
    assert kept_days(sam, wednesday) == ([MONDAY, TUESDAY, WEDNESDAY], [])

    # Sam's thanks for Monday go back on the stick: cut short first, then whole.
    sam.ok("partner", "notice", "kitchen", "--date", MONDAY, "-m", "Thank you", now=wednesday)
    sam.ok("share", "publish", now=wednesday)
    thanks = stick.take(sam_folder)
    stick.hand_over(thanks, alex_folder, cut_short=True)
    rows = alex.json("today", "--date", MONDAY, "--json", now=wednesday)
    assert rows[0]["noticed"] is None
    assert (
        "has not fully arrived"
        in alex.json("share", "status", "--json", now=wednesday)["problems"][0]["message"]
    )
    stick.hand_over(thanks, alex_folder)
    rows = alex.json("today", "--date", MONDAY, "--json", now=wednesday)
    assert (rows[0]["noticed"]["by"], rows[0]["noticed"]["message"]) == ("Sam", "Thank you")

    # Nothing on the stick can be read; and with Sam's folder gone the view stays.
    assert leaks(stick.root, ["Phone away", "kitchen", "Thank you", MONDAY, "Alex", "Sam"]) == []
    shutil.rmtree(sam_folder)
    days, said = kept_days(sam, evening("2026-11-26"))
    assert days == [MONDAY, TUESDAY, WEDNESDAY]
    assert {line.split(" (")[0] for line in said} == {
        f"The shared folder {sam_folder} is not there"
    }
    assert (
        json.loads(sam.ok("share", "status", "--json", now=wednesday))["problems"][0]["kind"]
        == "folder-missing"
    )
