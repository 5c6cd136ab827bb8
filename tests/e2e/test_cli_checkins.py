"""`tracker checkin list|show`: the check-ins held in the app, read back from the shell."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from cli_support import Cli
from dateutil import tz

from tracker.clock import Clock
from tracker.model import QualityKind
from tracker.practices.answers import (
    Aftermath,
    Agreement,
    Arrival,
    CheckInAppreciation,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.service import Tracker

BERLIN = tz.gettz("Europe/Berlin")
HOSTILE = "[bold]not markup[/] \x1b]0;title\x07? no: 📵 ثق بي"


def hold_checkin(cli: Cli, moment: datetime, *, finish: bool = True, went_right: str = "Tea"):
    """A check-in held in the app at `moment` (through the service, as the app does)."""
    tracker = Tracker.open(cli.db, Clock(zone=BERLIN, frozen=moment), automatic_backups=False)
    checkins = tracker.checkins
    draft = checkins.start().saved
    draft = checkins.answer(draft, Settle(partner=Arrival(tired=True))).saved
    draft = checkins.answer(draft, checkins.week_in_facts(draft.week_of)).saved
    draft = checkins.answer(draft, (CheckInAppreciation("You cooked", "care"),)).saved
    draft = checkins.answer(draft, went_right).saved
    draft = checkins.answer(draft, Aftermath(felt="small", my_part="I was late")).saved
    draft = checkins.answer(draft, LovedAsk("a hug")).saved
    draft = checkins.answer(draft, (Agreement("Phone away at dinner"),)).saved
    plan = ReconnectPlan("a walk", date(2026, 11, 28), time(10, 30), 60, QualityKind.CLOSENESS)
    draft = checkins.answer(draft, plan).saved
    return checkins.finish(draft).saved if finish else draft


def test_listing_and_reading_back_check_ins(cli: Cli):
    assert cli.ok("checkin", "list") == (
        "No check-ins kept yet. Press c in the app to hold your first.\n"
    )
    assert cli.json("checkin", "list", "--json") == []
    first = hold_checkin(cli, datetime(2026, 11, 20, 21, 0, tzinfo=BERLIN))
    second = hold_checkin(cli, datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN))
    listed = cli.ok("checkin", "list").splitlines()
    assert listed == [
        f"{second.id:>4}  Wed 25 Nov 2026  week of Mon 16 Nov  1 appreciation · an incident "
        "talked through · 1 agreement · time together planned · 8 of 8 steps",
        f"{first.id:>4}  Fri 20 Nov 2026  week of Mon 16 Nov  1 appreciation · an incident "
        "talked through · 1 agreement · time together planned · 8 of 8 steps",
    ]

    shown = cli.ok("checkin", "show", str(first.id))
    assert shown.startswith(
        f"Check-in {first.id} · Fri 20 Nov 2026 · about the week of Mon 16 Nov\n"
        "Finished 21:00 · 8 of 8 steps answered\n\nSettle in\n  You: settled.\n"
        "  Your partner: tired.\n"
    )
    for line in (
        "Appreciations\n  1. You cooked (care)\n",
        "One issue, at most\n  What I felt: small\n  My part in it: I was late\n",
        "Feeling loved\n  My ask: a hug\n",
        "Agreements\n  1. Phone away at dinner\n",
        "Reconnect\n  a walk · Sat 28 Nov at 10:30 · 1h · Physical closeness\n",
    ):
        assert line in shown
    assert "Passed over" not in shown  # every step was answered


def test_the_json_shapes_are_the_documented_ones(cli: Cli):
    done = hold_checkin(cli, datetime(2026, 11, 20, 21, 0, tzinfo=BERLIN))
    listed = cli.json("checkin", "list", "--json")
    shown = cli.json("checkin", "show", str(done.id), "--json")
    assert listed == [shown]
    assert list(shown) == [
        "id",
        "held_on",
        "week_of",
        "started",
        "finished",
        "time_box_minutes",
        "skipped",
        "settle",
        "facts",
        "appreciations",
        "went_right",
        "issue",
        "loved",
        "agreements",
        "reconnect",
        "created",
        "updated",
    ]
    assert shown["id"] == done.id and shown["held_on"] == "2026-11-20"
    assert shown["week_of"] == "2026-11-16" and shown["finished"].startswith("2026-11-20T21:00")
    assert shown["settle"]["partner"] == {
        "hungry": False,
        "angry": False,
        "lonely": False,
        "tired": True,
    }
    assert shown["appreciations"] == [{"text": "You cooked", "quality": "care"}]
    assert shown["issue"]["kind"] == "aftermath" and shown["issue"]["my_part"] == "I was late"
    assert shown["agreements"] == [{"text": "Phone away at dinner", "promise_id": None}]
    assert shown["reconnect"] == {
        "text": "a walk",
        "date": "2026-11-28",
        "time": "10:30",
        "minutes": 60,
        "kind": "closeness",
    }
    assert set(shown["facts"]) >= {"week_start", "through", "promises", "quality_minutes"}
    assert (shown["skipped"], shown["went_right"]) == ([], "Tea")


def test_a_draft_is_waiting_in_the_app_and_cannot_be_shown(cli: Cli):
    draft = hold_checkin(cli, datetime(2026, 11, 24, 21, 0, tzinfo=BERLIN), finish=False)
    assert cli.ok("checkin", "list") == (
        "No check-ins kept yet. Press c in the app to hold your first.\n"
        "The check-in you began on Tue 24 Nov is waiting in the app: press c to go on.\n"
    )
    assert cli.json("checkin", "list", "--json") == []
    failed = cli.run("checkin", "show", str(draft.id))
    assert failed.returncode == 1
    assert failed.error_line == (
        f"Check-in {draft.id} is still being written: finish it in the app (press c)."
    )


def test_unknown_numbers_and_missing_arguments_are_refused_in_one_line(cli: Cli):
    assert cli.run("checkin", "show", "12").error_line == (
        "There is no check-in number 12. `tracker checkin list` shows them."
    )
    assert cli.run("checkin", "show", "\x1b[2J").error_line == (
        "There is no check-in number ␛[2J. `tracker checkin list` shows them."
    )
    usage = cli.run("checkin")
    assert usage.returncode == 2 and "checkin" in usage.error_line
    assert cli.run("checkin", "show").returncode == 2


def test_text_from_the_data_is_printed_literally_never_as_terminal_escapes(cli: Cli):
    done = hold_checkin(cli, datetime(2026, 11, 20, 21, 0, tzinfo=BERLIN))
    # Text holding escape sequences, as a hand-edited or synced file might hold it.
    data = json.loads(cli.db.read_text(encoding="utf-8"))
    data["checkins"][str(done.id)]["went_right"] = HOSTILE
    cli.db.write_text(json.dumps(data), encoding="utf-8")
    shown = cli.ok("checkin", "show", str(done.id))
    assert "\x1b" not in shown and "\x07" not in shown
    assert "[bold]not markup[/]" in shown and "📵 ثق بي" in shown
    assert cli.json("checkin", "show", str(done.id), "--json")["went_right"] == HOSTILE
