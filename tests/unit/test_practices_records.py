"""The practices' records refuse what cannot be kept faithfully and keep the rest as typed."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.model import (
    TAG_MAX,
    TAGS_MAX,
    Promise,
    QualityKind,
    QualityTime,
    Trigger,
    clean_tags,
    normalise_tag,
)
from tracker.practices.records import (
    LETTER_MAX,
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    BoundaryRevision,
    Goal,
    Letter,
    Person,
    Whose,
    member,
    refuse_future,
    retired_boundary,
    revised_boundary,
)
from tracker.schedule import parse_schedule

DAY = date(2026, 3, 10)
HOSTILE_KEPT = [
    "[bold]not markup[/] <b>nor this</b> $(rm -rf ~)",
    "Danke für den Kaffee ☕ 👨‍👩‍👧",
    "תודה על הערב",
    "\\n is not a newline",
]


def text_records(text: str):
    """One record of each kind holding `text` where a person writes."""
    return [
        Appreciation(text, DAY),
        Bid(BidResponse.TOWARD, DAY, note=text),
        Boundary(text, DAY),
        Goal(text, DAY),
        Letter(text, text, DAY),
    ]


@pytest.mark.parametrize("text", HOSTILE_KEPT)
def test_markup_emoji_and_right_to_left_text_are_kept_exactly(text):
    for record in text_records(text):
        validated = record.validated()
        assert text in (
            getattr(validated, "text", ""),
            getattr(validated, "note", ""),
            getattr(validated, "title", ""),
        )


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused_where_text_is_the_point(text):
    for record in [
        Appreciation(text, DAY),
        Boundary(text, DAY),
        Goal(text, DAY),
        Letter(text, "", DAY),
    ]:
        with pytest.raises(ValidationError, match="cannot be empty"):
            record.validated()


@pytest.mark.parametrize("control", ["\x00", "\x1b[31m", "\x07", "\u2028"])
def test_control_characters_are_refused_with_a_clear_message(control):
    for record in text_records(f"thanks{control}for dinner"):
        with pytest.raises(ValidationError, match="control character"):
            record.validated()


def test_huge_text_is_refused_and_says_how_long_it_may_be():
    with pytest.raises(ValidationError, match="at most 500"):
        Appreciation("x" * 501, DAY).validated()
    with pytest.raises(ValidationError, match=f"at most {LETTER_MAX}"):
        Letter("What trust means to me", "x" * (LETTER_MAX + 1), DAY).validated()


def test_a_letter_keeps_its_lines_and_is_not_shareable_until_shared_on_its_own():
    letter = Letter("  What trust means  ", "Line one\r\nLine two\n\n\tIndented", DAY).validated()
    assert letter.title == "What trust means"
    assert letter.body == "Line one\nLine two\n\n\tIndented"
    assert not letter.shareable
    assert replace(letter, shared=True).shareable


def test_the_other_records_may_be_carried_by_sharing():
    assert all(record.shareable for record in text_records("ok")[:-1])  # all but the letter


def test_appreciation_text_and_quality_are_trimmed():
    item = Appreciation("  you made dinner when I was tired ", DAY, quality=" care ").validated()
    assert (item.text, item.quality, item.by) == ("you made dinner when I was tired", "care", "me")


def test_an_unknown_choice_lists_the_choices():
    with pytest.raises(ValidationError, match="choose one of: toward, away, against"):
        Bid("sideways", DAY).validated()  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="choose one of: mine, partner, ours"):
        member(Whose, 3, "whose boundary")
    assert member(Person, "partner", "a person") is Person.PARTNER


def test_a_future_day_is_refused_for_what_happened():
    refuse_future(DAY, DAY, "The bid")
    with pytest.raises(ValidationError, match="still to come"):
        refuse_future(date(2026, 3, 11), DAY, "The bid")


# --- boundaries ------------------------------------------------------------------------------


def test_editing_a_boundary_keeps_the_earlier_wording_with_its_date():
    first = Boundary("No phone checks", date(2026, 1, 5), Whose.MINE).validated()
    second = revised_boundary(first, "No phone checks without asking", Whose.OURS, date(2026, 2, 1))
    assert second.text == "No phone checks without asking"
    assert second.whose is Whose.OURS
    assert second.history == (BoundaryRevision("No phone checks", Whose.MINE, date(2026, 2, 1)),)
    assert revised_boundary(second, " No phone checks without asking ", Whose.OURS, DAY) == second


def test_a_retired_boundary_stays_with_its_dates_and_is_not_edited():
    boundary = Boundary("Time alone after work", date(2026, 1, 5)).validated()
    retired = retired_boundary(boundary, date(2026, 3, 1))
    assert retired.is_retired and retired.retired_on == date(2026, 3, 1)
    with pytest.raises(ValidationError, match="add a new one"):
        revised_boundary(retired, "Other words", Whose.OURS, DAY)
    with pytest.raises(ValidationError, match="already retired"):
        retired_boundary(retired, DAY)
    with pytest.raises(ValidationError, match="cannot be retired before"):
        retired_boundary(boundary, date(2026, 1, 1))


def test_a_boundary_edit_dated_before_its_last_change_is_refused():
    boundary = revised_boundary(Boundary("A", date(2026, 1, 5)), "B", Whose.OURS, date(2026, 2, 1))
    with pytest.raises(ValidationError, match="before the boundary's last change"):
        revised_boundary(boundary, "C", Whose.OURS, date(2026, 1, 20))


# --- goals -----------------------------------------------------------------------------------


def test_a_goal_names_each_promise_once_and_its_date_follows_the_day_it_was_set():
    goal = Goal("Feel safe with each other again", DAY, promise_ids=(3, 1, 3)).validated()
    assert goal.promise_ids == (3, 1)
    with pytest.raises(ValidationError, match="before the day it was set"):
        Goal("Soon", DAY, by=date(2026, 3, 1)).validated()
    with pytest.raises(ValidationError, match="by their numbers"):
        Goal("Soon", DAY, promise_ids=(0,)).validated()


# --- tags and triggers on promises and time together ---------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Quality  Time", "quality time"),
        ("#Date", "date"),
        ("  acts of   service ", "acts of service"),
        ("CAFE\u0301", "café"),  # decomposed accent: one tag with the composed one
        ("Ärger", "ärger"),
        ("💕", "💕"),
    ],
)
def test_tags_are_normalised(typed, kept):
    assert normalise_tag(typed) == kept


@pytest.mark.parametrize("typed", ["", "#", "  ", "a\x00b", "x" * (TAG_MAX + 1)])
def test_a_tag_without_a_word_or_with_control_characters_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_tag(typed)


def test_promises_and_time_together_keep_each_tag_once_in_the_order_given():
    promise = Promise(
        "Phone away at dinner",
        parse_schedule("daily"),
        DAY,
        tags=("Quality time", "quality  time", "Date"),
        triggers=(Trigger.NEGLECT, Trigger.DISHONESTY, Trigger.NEGLECT),
    ).validated()
    assert promise.tags == ("quality time", "date")
    assert promise.triggers == (Trigger.DISHONESTY, Trigger.NEGLECT)
    entry = QualityTime(DAY, 30, QualityKind.CONVERSATION, tags=("Walk",)).validated()
    assert entry.tags == ("walk",)


def test_records_without_tags_are_as_before():
    promise = Promise("Phone away at dinner", parse_schedule("daily"), DAY)
    assert promise.validated().tags == () and promise.validated().triggers == ()


def test_too_many_tags_or_an_unknown_trigger_are_refused():
    with pytest.raises(ValidationError, match=f"At most {TAGS_MAX} tags"):
        clean_tags(f"tag {n}" for n in range(TAGS_MAX + 1))
    with pytest.raises(ValidationError, match="is not a trigger"):
        Promise("P", parse_schedule("daily"), DAY, triggers=("lies",)).validated()  # type: ignore[arg-type]


@given(st.lists(st.text(min_size=1, max_size=30), max_size=8))
def test_normalising_twice_changes_nothing(words):
    try:
        tags = clean_tags(words)
    except ValidationError:
        return
    assert clean_tags(tags) == tags
    assert all(tag == tag.strip() and "  " not in tag and tag == tag.lower() for tag in tags)


@given(st.text(max_size=600))
def test_any_text_is_either_kept_faithfully_or_refused_with_a_reason(text):
    """Hostile or not: the stored text is the typed text trimmed, without control characters."""
    for record in (Appreciation(text, DAY), Bid(BidResponse.AWAY, DAY, note=text)):
        try:
            kept = record.validated()
        except ValidationError as error:
            assert str(error)
            continue
        stored = kept.text if isinstance(kept, Appreciation) else kept.note
        assert stored == text.strip()
        assert not any(unicodedata.category(char) in {"Cc", "Cs"} for char in stored)
