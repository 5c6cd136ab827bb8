"""Measured promises on the command line (issue 22): made with --at-least/--at-most, an
amount entered with `check NAME 15m` (added to the day's, or --set), shown in `today` and
every --json row, and bad amounts refused in one line with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Cli


@pytest.fixture
def talk(cli: Cli) -> Cli:
    cli.add("Ten minutes of talk after dinner", "daily", "--at-least", "10m")
    return cli


def test_entering_6_then_5_minutes_keeps_the_day_with_11_of_10_min(talk: Cli) -> None:
    assert "6 of 10 min" in talk.ok("check", "talk", "6")
    assert "11 of 10 min" in talk.ok("check", "talk", "--amount", "5m")
    [row] = talk.json("today", "--json")
    assert (row["status"], row["amount"], row["unit"], row["target"]) == ("kept", 11, "min", 10)
    assert row["target_kind"] == "at_least"
    assert "kept" in talk.ok("today") and "(11 of 10 min)" in talk.ok("today")


def test_set_replaces_the_day_s_amount_and_a_past_day_can_be_fixed(talk: Cli) -> None:
    talk.ok("check", "talk", "12", "--date", "yesterday")
    talk.ok("check", "talk", "4", "--set", "--date", "yesterday")
    [row] = talk.json("today", "--json", "--date", "yesterday")
    assert (row["status"], row["amount"]) == ("missed", 4)


def test_below_the_target_today_is_still_open(talk: Cli) -> None:
    talk.ok("check", "talk", "6")
    [row] = talk.json("today", "--json")
    assert (row["status"], row["amount"]) == ("open", 6)


def test_at_most_with_a_unit_and_an_edit_of_the_target(cli: Cli) -> None:
    cli.add("Late nights", "1/week", "--at-most", "1", "--unit", "late night")
    [listed] = cli.json("list", "--json")
    assert (listed["unit"], listed["target"], listed["target_kind"]) == ("late night", 1, "at_most")
    cli.ok("edit", "late", "--at-most", "2")
    [listed] = cli.json("list", "--json")
    assert listed["target"] == 2
    cli.ok("edit", "late", "--yes-no")
    assert "unit" not in cli.json("list", "--json")[0]


def test_a_yes_no_promise_s_rows_have_no_amount(cli: Cli) -> None:
    cli.add("Walk together", "daily")
    cli.ok("check", "walk")
    [row] = cli.json("today", "--json")
    assert not {"unit", "target", "target_kind", "amount"} & set(row)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("check", "talk", "-5"), "cannot be negative"),
        (("check", "talk", "5000000"), "at most 1,000,000"),
        (("check", "talk", "lots"), "is not an amount"),
        (("check", "talk", "99999999999"), "99999999999 is far more than an amount can be"),
        (("check", "talk", "1500"), "A day holds 24 hours (1440 min); 1500 min is more"),
        (("check", "talk"), "say how much"),
        (("check", "walk", "3"), "tracker edit 2 --at-least"),
        (("check", "walk", "together"), 'goes in quotes: tracker check "walk together"'),
        (("edit", "talk", "--unit", "u" * 200), "too long"),
        (("add", "Read", "--at-least", "-1"), "cannot be negative"),
        (("add", "Read", "--at-least", "10m", "--unit", "pages"), "is a duration, in minutes"),
        (("edit", "talk", "--at-least", "1h", "--unit", "pages"), "is a duration, in minutes"),
    ],
)
def test_bad_amounts_are_refused_in_one_line_with_nothing_changed(
    talk: Cli, args: tuple[str, ...], says: str
) -> None:
    talk.add("Walk together", "daily")
    before = talk.files()
    assert says in talk.fails(*args)
    assert talk.files() == before


def test_an_amount_on_a_past_week_is_told_as_that_week(cli: Cli) -> None:
    cli.add("Thank-yous", "3/week", "--at-least", "5", "--unit", "thanks", "--start", "2026-10-26")
    said = cli.ok("check", "thank", "3", "--date", "2026-10-26", now="2026-11-04T09:00:00")
    assert "(the week of Mon 2026-10-26): 3 of 5 thanks" in said
    said = cli.ok("check", "thank", "3", "--date", "2026-11-03", now="2026-11-04T09:00:00")
    assert "(this week): 3 of 5 thanks" in said
    day = cli.ok("today", "--date", "2026-10-26", now="2026-11-04T09:00:00")
    assert "(3 of 5 thanks that week)" in day


def test_the_list_and_an_import_s_dry_run_say_the_measure(cli: Cli, tmp_path: Path) -> None:
    cli.add("Thank-yous", "3/week", "--at-least", "5", "--unit", "thanks")
    assert "3 days a week, at least 5 thanks a week, since" in cli.ok("list")
    exported = tmp_path / "all.json"
    cli.ok("export", "--out", str(exported))
    other = tmp_path / "other.json"
    said = cli.ok("import", str(exported), "--dry-run", "--db", str(other))
    assert "Thank-yous · 3 days a week, at least 5 thanks a week, since" in said


def test_ask_asks_a_measured_promise_how_much(talk: Cli) -> None:
    done = talk.run("ask", stdin=b"lots\n6\n")
    assert done.returncode == 0, done.stderr
    assert "today · Ten minutes of talk after dinner: how much? [10 min/s/Enter/q]" in done.stdout
    assert "is not an amount" in done.stdout, "an answer not understood asks again"
    assert "6 of 10 min" in done.stdout
    [row] = talk.json("today", "--json")
    assert (row["status"], row["amount"]) == ("open", 6)


def test_a_count_is_not_held_to_a_day_s_minutes(cli: Cli) -> None:
    cli.add("Pages read together", "daily", "--at-least", "10", "--unit", "pages")
    assert "2000 of 10 pages" in cli.ok("check", "pages", "2000")


def test_a_unit_of_minutes_written_out_counts_minutes(cli: Cli) -> None:
    cli.add("Talk", "daily", "--at-least", "10", "--unit", "minutes a day")
    [listed] = cli.json("list", "--json")
    assert (listed["unit"], listed["target"]) == ("min", 10)
    assert "15 of 10 min" in cli.ok("check", "talk", "15m")
