"""The model's values and the rules about which days can carry a mark."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.model import (
    TITLE_MAX,
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    clean_text,
)
from tracker.schedule import parse_schedule
from tracker.service.marks import refuse_unmarkable

TODAY = date(2026, 11, 25)  # a Wednesday


def promise(schedule: str = "daily", **fields) -> Promise:
    values = {"title": "Phone away at dinner", "start": date(2026, 11, 1), "id": 1}
    values.update(fields)
    return Promise(schedule=parse_schedule(schedule), **values)


# --- clean_text: what can be stored faithfully ---------------------------------------------


def test_text_is_trimmed():
    assert clean_text("  Phone away at dinner \n", "The title", max_length=200) == (
        "Phone away at dinner"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hug every morning 🤗",
        "👨‍👩‍👧 family dinner",
        "שיחה בלי מסכים",
        "محادثة بدون شاشات",
        "Kaffee für zwei ☕",
        "[bold]not markup[/] $HOME",
    ],
)
def test_emoji_and_right_to_left_text_are_kept_unchanged(text):
    assert clean_text(text, "The title", max_length=200) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [("a\x00b", "\\x00"), ("ring\x07", "\\x07"), ("esc\x1b[31m", "\\x1b"), ("two\nlines", "\\n")],
)
def test_control_characters_are_refused_and_named(text, shown):
    with pytest.raises(ValidationError) as refused:
        clean_text(text, "The title", max_length=200)
    assert "control character" in str(refused.value)
    assert shown in str(refused.value)


def test_invalid_utf8_from_a_shell_is_refused_with_advice():
    from_a_shell = b"caf\xe9".decode("utf-8", errors="surrogateescape")
    with pytest.raises(ValidationError, match=r"not valid UTF-8.*encoding"):
        clean_text(from_a_shell, "The title", max_length=200)


def test_a_lone_surrogate_is_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        clean_text("x\ud83dy", "The note", max_length=200, multiline=True)


def test_line_breaks_and_tabs_are_welcome_in_notes_only():
    note = "I feel hurt when\n\tplans change late."
    assert clean_text(note, "The note", max_length=500, multiline=True) == note
    with pytest.raises(ValidationError):
        clean_text(note, "The title", max_length=500)


def test_windows_line_endings_in_a_pasted_note_become_plain_line_breaks():
    assert clean_text("one\r\ntwo\rthree", "The note", max_length=500, multiline=True) == (
        "one\ntwo\nthree"
    )


def test_the_line_separator_character_is_refused_in_a_title():
    with pytest.raises(ValidationError, match="control character"):
        clean_text("a\u2028b", "The title", max_length=200)


def test_a_required_text_cannot_be_blank():
    with pytest.raises(ValidationError, match="The title cannot be empty"):
        clean_text(" \t ", "The title", max_length=200, required=True)
    assert clean_text("   ", "The reason", max_length=200) == ""


def test_text_that_is_not_a_string_is_refused():
    with pytest.raises(ValidationError, match="must be text"):
        clean_text(None, "The title", max_length=200)  # type: ignore[arg-type]


@given(st.text(st.characters(exclude_categories=())))
def test_clean_text_keeps_text_or_refuses_it_never_anything_else(text):
    try:
        cleaned = clean_text(text, "The note", max_length=1000, multiline=True)
    except ValidationError as error:
        assert str(error)
    else:
        assert cleaned == cleaned.strip()
        assert cleaned.encode("utf-8").decode("utf-8") == cleaned


# --- promises -------------------------------------------------------------------------


def test_a_title_of_200_characters_is_accepted_and_201_refused():
    assert promise(title="x" * TITLE_MAX).validated().title == "x" * TITLE_MAX
    with pytest.raises(ValidationError, match=r"too long.*201.*200"):
        promise(title="x" * (TITLE_MAX + 1)).validated()


def test_a_ten_thousand_character_title_is_refused():
    with pytest.raises(ValidationError, match="too long"):
        promise(title="y" * 10_000).validated()


def test_the_length_limit_applies_after_trimming():
    padded = "   " + "x" * TITLE_MAX + "   "
    assert promise(title=padded).validated().title == "x" * TITLE_MAX


def test_an_empty_or_blank_title_is_refused():
    for title in ("", "    ", "\t"):
        with pytest.raises(ValidationError, match="cannot be empty"):
            promise(title=title).validated()


def test_a_promise_cannot_end_before_it_starts():
    with pytest.raises(ValidationError, match="before the start date"):
        promise(start=date(2026, 11, 10), end=date(2026, 11, 9)).validated()


def test_reminder_times_are_sorted_without_repeats():
    validated = promise(reminders=(time(20, 0), time(8, 0), time(20, 0))).validated()
    assert validated.reminders == (time(8, 0), time(20, 0))


def test_a_promise_is_active_from_its_start_to_its_end():
    bounded = promise(start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert not bounded.is_active_on(date(2026, 10, 31))
    assert bounded.is_active_on(date(2026, 11, 1))
    assert bounded.is_active_on(date(2026, 11, 30))
    assert not bounded.is_active_on(date(2026, 12, 1))
    assert promise().is_active_on(date(2099, 1, 1))


def test_a_marks_reason_and_note_are_cleaned():
    mark = Mark(1, TODAY, MarkStatus.EXCUSED, reason="  travelling ", note=" flight\r\nlate ")
    assert mark.validated() == Mark(1, TODAY, MarkStatus.EXCUSED, "travelling", "flight\nlate")
    with pytest.raises(ValidationError):
        Mark(1, TODAY, MarkStatus.EXCUSED, reason="a\x00").validated()


def test_quality_time_lasts_from_a_minute_to_a_day():
    QualityTime(TODAY, 1, QualityKind.CONVERSATION).validated()
    QualityTime(TODAY, 24 * 60, QualityKind.DATE_NIGHT).validated()
    for minutes in (0, -5, 24 * 60 + 1):
        with pytest.raises(ValidationError, match="between 1 minute and 24 hours"):
            QualityTime(TODAY, minutes, QualityKind.OTHER).validated()


def test_how_connected_it_felt_is_one_to_five():
    QualityTime(TODAY, 30, QualityKind.CLOSENESS, connection=5).validated()
    with pytest.raises(ValidationError, match="1 to 5"):
        QualityTime(TODAY, 30, QualityKind.CLOSENESS, connection=6).validated()


def test_a_note_needs_what_happened():
    with pytest.raises(ValidationError, match="What happened cannot be empty"):
        Note(TODAY, "   ", Trigger.NEGLECT).validated()


def test_a_note_let_go_keeps_its_date_and_other_statuses_drop_it():
    let_go = Note(TODAY, "Late again", Trigger.NEGLECT, status=NoteStatus.LET_GO, let_go_on=TODAY)
    assert let_go.validated().let_go_on == TODAY
    assert not let_go.is_open
    reopened = Note(TODAY, "Late again", Trigger.NEGLECT, let_go_on=TODAY)
    assert reopened.validated().let_go_on is None
    assert reopened.is_open
    with pytest.raises(ValidationError, match="needs the date"):
        Note(TODAY, "Late again", Trigger.NEGLECT, status=NoteStatus.LET_GO).validated()


def test_labels_read_as_words():
    assert QualityKind.DATE_NIGHT.label == "Date night"
    assert Trigger.POOR_COMMUNICATION.label == "Poor communication"
    assert NoteStatus.WORKING_THROUGH.label == "Working through it"


# --- which days can carry a mark (tracker.service.marks.refuse_unmarkable) -----------------


def test_today_and_past_due_days_can_be_marked():
    refuse_unmarkable(promise(), TODAY, TODAY)
    refuse_unmarkable(promise(), date(2026, 11, 1), TODAY)


def test_a_mark_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="2026-11-26 is in the future"):
        refuse_unmarkable(promise(), date(2026, 11, 26), TODAY)


def test_a_day_that_is_not_due_is_refused_for_a_fixed_day_schedule():
    with pytest.raises(ValidationError) as refused:
        refuse_unmarkable(promise("mon,wed,fri"), date(2026, 11, 24), TODAY)  # a Tuesday
    message = str(refused.value)
    assert "not due on Tuesday 2026-11-24" in message
    assert "Mon, Wed, Fri" in message


def test_every_n_days_refuses_the_days_in_between():
    walk = promise("every 2 days", start=date(2026, 11, 1))
    refuse_unmarkable(walk, date(2026, 11, 3), TODAY)
    with pytest.raises(ValidationError, match="not due"):
        refuse_unmarkable(walk, date(2026, 11, 4), TODAY)


def test_any_day_of_the_week_can_be_marked_for_n_per_week():
    date_night = promise("1/week")
    for day in range(18, 26):
        refuse_unmarkable(date_night, date(2026, 11, day), TODAY)


def test_a_day_before_the_start_is_refused():
    with pytest.raises(ValidationError, match="starts on 2026-11-01, after 2026-10-31"):
        refuse_unmarkable(promise(), date(2026, 10, 31), TODAY)


def test_a_day_after_the_end_is_refused():
    ended = promise(end=date(2026, 11, 20))
    refuse_unmarkable(ended, date(2026, 11, 20), TODAY)
    with pytest.raises(ValidationError, match="ended on 2026-11-20"):
        refuse_unmarkable(ended, date(2026, 11, 21), TODAY)


def test_an_archived_promise_cannot_be_marked_until_restored():
    with pytest.raises(ValidationError, match=r"archived.*Restore"):
        refuse_unmarkable(promise(archived=True), TODAY, TODAY)
