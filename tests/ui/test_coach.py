"""The coach notices "you always / you never" and offers an "I feel ... when ..." rewrite."""

from __future__ import annotations

import pytest

from tracker.coach import find_accusations, suggest_rewrite


@pytest.mark.parametrize(
    ("written", "offered"),
    [
        ("You never listen to me.", "I feel … when you don't listen to me."),
        ("you always check your phone at dinner", "I feel … when you check your phone at dinner."),
        ("You're always late!", "I feel … when you're late."),
        ("You are never on time", "I feel … when you aren't on time."),
        ("Honestly you never even ask, ok?", "I feel … when you don't ask, ok."),
        ("You constantly interrupt me; it hurts", "I feel … when you interrupt me."),
        ("You keep forgetting our plans", "I feel … when you keep forgetting our plans."),
        ("YOU NEVER CALL", "I feel … when you don't CALL."),
    ],
)
def test_an_accusation_gets_an_i_statement(written, offered):
    assert suggest_rewrite(written) == offered


@pytest.mark.parametrize(
    "written",
    [
        "I feel hurt when plans change without me.",
        "We always walk on Sundays and I love it.",
        "Your never-ending patience",
        "young voices, nevertheless",
        "",
    ],
)
def test_kind_words_are_left_alone(written):
    assert find_accusations(written) == []
    assert suggest_rewrite(written) is None


def test_every_accusation_is_found_with_its_place_in_the_text():
    text = "You never text. And you always say it's fine."
    found = find_accusations(text)
    assert [text[a.start : a.end] for a in found] == ["You never text", "you always say it's fine"]
    assert [a.rewrite for a in found] == [
        "I feel … when you don't text.",
        "I feel … when you say it's fine.",
    ]


def test_an_accusation_with_nothing_after_it_still_gets_an_offer():
    assert suggest_rewrite("you always!") == "I feel … when this happens, and I would like …."
