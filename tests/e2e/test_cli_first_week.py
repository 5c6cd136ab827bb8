"""A couple's first week from a shell: kind and true words, the same as the app's."""

from __future__ import annotations

from cli_support import Cli


def test_a_start_set_back_says_the_days_are_to_fill_in_and_never_missed(cli: Cli):
    said = cli.ok("add", "Phone away at dinner", "--start", "2026-11-18")
    assert "The 7 days from 18 Nov are yours to fill in, never missed" in said
    cli.ok("check", "phone", "--date", "2026-11-24")
    today = cli.ok("today", "--date", "2026-11-20")
    assert "missed" not in today and "open" in today
    assert "Streak: 2 days" in cli.ok("check", "phone")


def test_a_three_a_week_promise_just_kept_says_one_of_three_this_week(cli: Cli):
    cli.add("Date night", "3/week")
    said = cli.ok("check", "date")
    assert said == "Kept: Date night (today). 1 of 3 this week.\n"
    assert "0 weeks" not in cli.ok("today")


def test_no_streak_yet_reads_the_same_in_every_command(cli: Cli):
    cli.add("Phone away at dinner", "daily", "--start", "2026-11-25")
    assert "streak: not yet" in cli.ok("today")
    row = next(line for line in cli.ok("streaks").splitlines() if line.startswith("Phone"))
    assert row.split()[4:6] == ["not", "yet"] and "0d" not in row
    assert row.rstrip().endswith("not yet"), "no strength yet either, not a 0"


def test_the_demo_has_a_demo_partner_whose_day_can_be_read(cli: Cli):
    partner = cli.ok("--demo", "partner", "today")
    assert partner.startswith("Sam (demo)'s today:")
    assert "Sam (demo) noticed" in cli.ok("--demo", "today")


def test_note_add_offers_the_i_feel_wording_on_stderr_without_holding_a_script(cli: Cli):
    done = cli.run("note", "add", "The dishes again", "--feeling", "You always forget the dishes")
    assert done.returncode == 0 and done.stdout.startswith("Saved note 1")
    assert done.stderr == (
        "tracker: Saved as you wrote it. Another way to say it: "
        "“I feel … when you forget the dishes.”\n"
    )
    quiet = cli.run("note", "add", "Late again", "--feeling", "I feel alone when plans change")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_mistyped_name_gets_a_did_you_mean_and_a_word_inside_a_word_is_no_match(cli: Cli):
    cli.add("Phone away at dinner", "daily")
    cli.add("Ask about her day and listen", "daily")
    said = cli.fails("check", "phnoe")
    assert "Did you mean 'Phone away at dinner'?" in said
    assert "No promise matches 'ten'" in cli.fails("check", "ten")
    assert "Kept: Ask about her day and listen" in cli.ok("check", "listen")


def test_an_error_cuts_a_long_title(cli: Cli):
    title = "Listen " + "and listen " * 17
    cli.add(title, "mon")
    said = cli.fails("check", "listen", "--date", "2026-11-24")
    assert "is not due on Tuesday" in said and title.strip() not in said
    assert len(said) < 200


def test_moving_the_start_back_says_the_days_are_to_fill_in(cli: Cli):
    cli.ok("add", "Phone away at dinner")
    said = cli.ok("edit", "1", "--start", "2026-11-22")
    assert "The 3 days from 22 Nov are yours to fill in, never missed" in said
    assert "missed" not in cli.ok("today", "--date", "2026-11-23")
