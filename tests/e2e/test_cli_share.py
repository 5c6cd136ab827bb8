"""`tracker share` and `tracker partner` as two people use them: Alex and Sam, each with their
own data file and HOME, one folder between them. Pairing, a check-off that reaches the
partner by itself, an acknowledgement that comes back, choices, refusals, stopping."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from cli_support import Cli, child_env, partner_cli
from share_support import leaks

T = TypeVar("T")
WITHIN = 20.0  # seconds: the background publish waits 2 s, then a Python starts and writes


@dataclass
class Couple:
    alex: Cli
    sam: Cli
    folder: Path


def wait_for(what: str, probe: Callable[[], T | None], within: float = WITHIN) -> T:
    deadline = time.monotonic() + within
    while True:
        found = probe()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"waited {within:.0f} s for {what}")
        time.sleep(0.3)


@pytest.fixture
def couple(tmp_path: Path) -> Couple:
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")
    sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    return Couple(alex, sam, folder)


def test_two_partners_pair_through_the_command_line_and_see_the_same_safety_words(tmp_path):
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    folder = tmp_path / "Sync" / "us"
    invitation = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")
    assert invitation["safety_words"] is None and invitation["state"] == "waiting"
    assert "Waiting for your partner to join" in invitation["message"]
    assert len(invitation["code"].replace("-", "")) == 28
    waiting = alex.json("share", "status", "--json")
    assert (waiting["state"], waiting["safety_words"], waiting["partner"]) == (
        "waiting",
        None,
        None,
    )
    text = alex.ok("share", "status")
    assert "Waiting for your partner to join" in text and "Problems" not in text

    joined = sam.json("share", "join", str(folder), invitation["code"], "--name", "Sam", "--json")
    assert joined["partner"] == "Alex" and len(joined["safety_words"]) == 6
    status = alex.json("share", "status", "--json")
    assert (status["state"], status["partner"]) == ("paired", "Sam")
    assert status["safety_words"] == joined["safety_words"]
    assert sam.json("share", "status", "--json")["safety_words"] == joined["safety_words"]
    words = " ".join(joined["safety_words"])
    assert f"Safety words: {words}" in alex.ok("share", "status")
    # The folder holds nothing anyone without the key could read.
    assert leaks(folder, ["Alex", "Sam", *joined["safety_words"]]) == []


def test_a_check_off_reaches_the_partner_by_itself_and_the_thanks_come_back(couple: Couple):
    alex, sam = couple.alex, couple.sam
    walk = alex.add("Evening walk by the canal", "daily")
    began = time.monotonic()
    alex.ok("check", str(walk))
    checking = time.monotonic() - began

    def kept_on_sams_side() -> dict[str, Any] | None:
        result = sam.run("partner", "today", "--json")
        if result.returncode != 0:
            return None
        rows = json.loads(result.stdout)
        return rows[0] if rows and rows[0]["status"] == "kept" else None

    row = wait_for("Sam to see the walk kept", kept_on_sams_side)
    assert checking < 2.0  # the check-off did not wait for the share (debounced elsewhere)
    today_fields = set(alex.json("today", "--json")[0]) - {"noticed"}
    assert set(row) == today_fields | {"partner", "updated_at", "noticed"}
    assert (row["title"], row["partner"], row["date"], row["noticed"]) == (
        "Evening walk by the canal",
        "Alex",
        "2026-11-25",
        None,
    )
    streaks = sam.json("partner", "streaks", "--json")
    assert [set(r) for r in streaks] == [set(alex.json("streaks", "--json")[0])]
    assert "Alex's today: 1 of 1 kept" in sam.ok("partner", "today")

    said = sam.ok("partner", "notice", "canal", "--message", "Saw you go out in the rain")
    assert "Noticed: Alex kept 'Evening walk by the canal' today" in said
    assert "you noticed" in sam.ok("partner", "today")

    def noticed_on_alexs_side() -> dict[str, Any] | None:
        return alex.json("today", "--json")[0]["noticed"]

    noticed = wait_for("Sam's thanks to reach Alex", noticed_on_alexs_side)
    assert (noticed["by"], noticed["message"]) == ("Sam", "Saw you go out in the rain")
    assert (
        "Evening walk by the canal  ·  streak: 1 day  ·  Sam noticed: “Saw you go out in the rain”"
        in alex.ok("today")
    )
    assert leaks(couple.folder, ["Evening walk", "canal", "rain", "2026-11-25"]) == []


def test_a_burst_of_check_offs_is_written_as_one_share(couple: Couple):
    # A burst: the check-offs run as main(argv) here, so that four of them fall within the
    # 2 s debounce even on a busy machine (each still starts the real background publish).
    alex = dataclasses.replace(couple.alex, in_process=True)
    ids = [alex.add(title, "daily") for title in ("Walk", "Call", "Cook", "Read")]
    before = alex.json("share", "status", "--json")["written_sequence"]
    for promise in ids:
        alex.ok("check", str(promise))

    def written() -> int | None:
        sequence = alex.json("share", "status", "--json")["written_sequence"]
        return sequence if sequence > before else None

    assert wait_for("the share to be written", written) == before + 1
    time.sleep(3.0)  # any other background publish would have written by now
    assert alex.json("share", "status", "--json")["written_sequence"] == before + 1
    rows = couple.sam.json("partner", "today", "--json")
    assert [row["status"] for row in rows] == ["kept"] * 4


def test_what_is_shared_is_the_sharers_choice_and_status_says_it_in_words(couple: Couple):
    alex, sam = couple.alex, couple.sam
    alex.add("Evening walk", "daily")
    alex.add("A private promise", "daily")
    alex.ok("log", "45m", "date-night", "--note", "Riverside picnic")
    alex.ok("note", "add", "The unanswered voicemail", "--trigger", "neglect")

    said = alex.ok("share", "set", "promise", "private", "off")
    assert "'A private promise' is kept private" in said and "Your share was written" in said
    alex.ok("share", "set", "time", "off")
    alex.ok("share", "set", "note", "1", "on")
    alex.ok("share", "set", "bids", "on")
    status = alex.json("share", "status", "--json")
    can_see = status["partner_can_see"]
    assert "your promises, their schedules, marks and streaks (except 1 you keep private)" in (
        can_see
    )
    assert "1 forgiveness note you chose to share" in can_see
    assert not any("time together" in line for line in can_see)
    assert status["sharing"]["bids"] is True and status["sharing"]["time"] is False
    assert status["shared"]["promises"] == 1 and status["shared"]["time_entries"] is None
    assert "Sam can see:" in alex.ok("share", "status")

    titles = [row["title"] for row in sam.json("partner", "today", "--json")]
    assert titles == ["Evening walk"]

    for wrong, message in [
        (("share", "set", "passwords", "on"), "is not something you can share"),
        (("share", "set", "time", "maybe"), "End with on or off"),
        (("share", "set", "promise", "off"), "Name one promise"),
        (("share", "set", "note", "99", "on"), "There is no note number 99"),
        (("share", "set", "letter", "x", "on"), "Give the letter's number"),
    ]:
        result = alex.run(*wrong)
        assert result.returncode in (1, 2) and message in result.error_line


def test_what_will_be_shared_is_shown_before_anything_of_it_is_written(tmp_path):
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    alex.add("Evening walk by the canal", "daily")
    sam.add("Cook dinner", "daily")
    folder = tmp_path / "Sync" / "us"
    setup = alex.ok("share", "setup", str(folder), "--name", "Alex")
    told = setup.index("Your partner will see:")
    assert "  - your promises, their schedules, marks and streaks" in setup[told:]
    assert "(not its notes)" in setup[told:]  # the defaults, in words
    # Nothing of Alex's data is in the folder yet: only the invitation, which holds none.
    [invitation] = list(folder.iterdir())
    assert invitation.stat().st_size < 1024
    code = setup.split("tracker share join FOLDER ")[1].split()[0]
    joined = sam.ok("share", "join", str(folder), code, "--name", "Sam")
    assert joined.index("Your partner will see:") < joined.index("Your share was written")


def test_setup_refuses_a_folder_holding_the_data_file_and_join_a_wrong_code(tmp_path):
    alex, sam = partner_cli(tmp_path, "alex"), partner_cli(tmp_path, "sam")
    alex.add("Walk", "daily")
    before = alex.files()
    assert "holds your data file" in alex.fails(
        "share", "setup", str(alex.db.parent), "--name", "A"
    )
    assert "holds your data file" in alex.fails("share", "setup", str(tmp_path), "--name", "A")
    assert alex.files() == before
    assert "Sharing is not set up" in alex.ok("share", "status")
    assert "Sharing is not set up" in alex.fails("partner", "today")
    assert "Sharing is not set up" in alex.fails("share", "publish")
    assert "Sharing is not set up" in alex.fails("share", "set", "time", "off")

    folder = tmp_path / "Sync" / "us"
    code = alex.json("share", "setup", str(folder), "--name", "Alex", "--json")["code"]
    assert "already set up" in alex.fails("share", "setup", str(folder), "--name", "Alex")
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert "has a typo" in sam.fails("share", "join", str(folder), typo, "--name", "Sam")
    assert "is not there" in sam.fails(
        "share", "join", str(tmp_path / "nowhere"), code, "--name", "Sam"
    )
    assert "Your name" in sam.fails("share", "join", str(folder), code, "--name", "")
    assert "Waiting for your partner to join" in alex.fails("partner", "today")


def test_stopping_tells_the_partner_and_forgets_the_key_but_keeps_the_thanks(couple: Couple):
    alex, sam = couple.alex, couple.sam
    walk = alex.add("Evening walk", "daily")
    alex.ok("check", str(walk))
    alex.ok("share", "publish")
    sam.ok("partner", "notice", "walk")
    said = sam.ok("share", "stop")
    assert "Stopped sharing with Alex" in said
    assert sam.json("share", "status", "--json")["state"] == "not-set-up"
    assert not (sam.db.parent / "tracker.share").exists()
    assert "Evening walk" in sam.db.read_text(encoding="utf-8")  # the acknowledgement stays
    assert "Sam stopped sharing on 2026-11-25" in alex.fails("partner", "today")
    assert alex.json("share", "status", "--json")["partner_stopped"] is True


def test_doctor_warns_when_the_data_file_sits_in_a_synced_folder(tmp_path):
    sync = tmp_path / "Sync"
    (sync / ".stfolder").mkdir(parents=True)
    env = child_env(tmp_path / "home")
    cli = Cli(db=sync / "tracker" / "tracker.json", cwd=tmp_path, env=env)
    cli.run("--db", str(cli.db), "add", "Walk", "--schedule", "daily")
    result = cli.run("--db", str(cli.db), "doctor")
    line = next(line for line in result.stdout.splitlines() if "Synced folder" in line)
    assert line.startswith("problem") and "Syncthing keeps in step" in line
    refused = cli.run("--db", str(cli.db), "share", "setup", str(sync / "us"), "--name", "A")
    assert "Syncthing keeps in step" in refused.error_line


def test_setup_in_another_synced_folder_still_warns_about_the_data_files_place(tmp_path):
    dropbox = tmp_path / "Dropbox"
    (dropbox / ".dropbox").mkdir(parents=True)
    env = child_env(tmp_path / "home")
    db = dropbox / "tracker.json"
    cli = Cli(db=db, cwd=tmp_path, env=env)
    result = cli.run(
        "--db", str(db), "share", "setup", str(tmp_path / "Sync" / "us"), "--name", "A"
    )
    assert result.returncode == 0 and "Sharing is set up" in result.stdout
    [warning] = result.stderr.splitlines()
    assert "your data file is inside" in warning and "Dropbox keeps in step" in warning
