"""What a notification says: discreet by default, plain text always, one notice per batch."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from tracker.reminder_rules.due import Reminder
from tracker.reminder_rules.kinds import ReminderKind
from tracker.reminder_rules.messages import BODY_MAX, compose, plain_text

PRIVATE_TITLE = "Talk about what happened at Sam's party"
WHEN = datetime(2026, 3, 10, 19, 30, tzinfo=UTC)


def promise_reminder(pid: int = 1, title: str = PRIVATE_TITLE) -> Reminder:
    return Reminder(
        key=f"promise:{pid}:2026-03-10:20:30",
        kind=ReminderKind.PROMISE,
        at=WHEN,
        day=date(2026, 3, 10),
        wall_time=time(20, 30),
        promise_id=pid,
        promise_title=title,
    )


def checkin(open_titles: tuple[str, ...]) -> Reminder:
    return Reminder(
        key="checkin:2026-03-10",
        kind=ReminderKind.CHECKIN,
        at=WHEN,
        day=date(2026, 3, 10),
        wall_time=time(21, 0),
        open_count=len(open_titles),
        open_titles=open_titles,
    )


def nudge(days: int) -> Reminder:
    return Reminder(
        key="quality:2026-03-10",
        kind=ReminderKind.QUALITY,
        at=WHEN,
        day=date(2026, 3, 10),
        wall_time=time(21, 0),
        days_without_quality=days,
    )


def test_a_promise_reminder_names_no_promise_by_default():
    [notice] = compose([promise_reminder()], 0, show_titles=False)
    assert notice.summary == "A promise is due"
    assert "Sam" not in notice.summary + notice.body
    assert notice.keys == ("promise:1:2026-03-10:20:30",)


def test_with_titles_turned_on_the_promise_is_named_in_the_body_only():
    [notice] = compose([promise_reminder()], 0, show_titles=True)
    assert notice.summary == "A promise is due"
    assert notice.body == f"Due now: {PRIVATE_TITLE}."


def test_two_promises_due_together_make_one_notification():
    [notice] = compose([promise_reminder(1), promise_reminder(2, "Walk")], 0, show_titles=False)
    assert notice.summary == "2 promises are due"
    assert len(notice.keys) == 2


def test_the_check_in_says_how_many_promises_are_open():
    [notice] = compose([checkin(("A", "B"))], 0, show_titles=False)
    assert (notice.summary, notice.body) == ("Evening check-in", "2 promises still open today.")
    [one] = compose([checkin(("A",))], 0, show_titles=False)
    assert one.body == "1 promise still open today."
    [named] = compose([checkin(("A", "B", "C", "D"))], 0, show_titles=True)
    assert named.body == "4 promises still open today. Open: A, B, C and 1 more."


def test_the_quality_nudge_is_gentle():
    [notice] = compose([nudge(4)], 0, show_titles=False)
    assert notice.summary == "Time together"
    assert notice.body == "No time together logged for 4 days."


def test_different_kinds_due_together_share_one_notification():
    [notice] = compose([promise_reminder(), checkin(("A", "B")), nudge(8)], 0, show_titles=False)
    assert notice.summary == "Reminders"
    assert "2 promises still open today." in notice.body
    assert "8 days" in notice.body
    assert "Sam" not in notice.body


def test_a_backlog_of_missed_reminders_becomes_one_notice():
    notices = compose([promise_reminder()], 3, show_titles=False)
    assert [n.summary for n in notices] == ["A promise is due", "Missed reminders"]
    assert notices[1].body.startswith("3 reminders came due while tracker could not show them.")
    assert compose([], 0, show_titles=True) == []


def test_markup_line_breaks_and_shell_syntax_arrive_as_plain_text():
    text = plain_text('<b>Walk</b> &amp; $(rm -rf ~) `id` "quoted" it\'s\nnext\tline', 200)
    assert text == '‹b›Walk‹/b› ＆amp; $(rm -rf ~) `id` "quoted" it\'s next line'


def test_a_title_that_looks_like_a_command_line_option_does_not_start_with_a_dash():
    assert plain_text("-u critical", 50) == "\u2010u critical"
    [notice] = compose([promise_reminder(title="--help")], 0, show_titles=True)
    assert notice.body == "Due now: --help."  # our words first: it cannot be an option


def test_emoji_and_right_to_left_text_are_kept_and_long_text_is_cut_with_an_ellipsis():
    assert plain_text("Walk 🌳 together שָׁלוֹם", 50) == "Walk 🌳 together שָׁלוֹם"
    long = plain_text("x" * 500, BODY_MAX)
    assert len(long) == BODY_MAX
    assert long.endswith("…")


@given(st.text(), st.integers(2, 300))
def test_plain_text_is_one_short_line_without_markup_or_controls(text, limit):
    line = plain_text(text, limit)
    assert len(line) <= limit
    assert not any(char in line for char in "<>&\n\r\t\x00")
    assert not line.startswith("-")
    assert line == line.strip()
