"""The couple's practices in a share: what each practice marks shareable, as the sharer chose;
a draft check-in, a letter not shared by hand, what the partner told you, never."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date, datetime

import msgspec
import pytest
from share_support import BERLIN, BERLIN_NAME, TODAY

from tracker.model import Settings
from tracker.practices.answers import Agreement
from tracker.practices.checkin import Step, answer, finish, go_to, start_checkin
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    Goal,
    Letter,
    Person,
    Whose,
)
from tracker.share.payload import ShareChoices, ShareSource, build_share, decode, encode
from tracker.share.problems import Problem, ShareRefused

EVENING = datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN)
SUNDAY = date(2026, 11, 22)


def practices_source(**practices) -> ShareSource:
    return ShareSource(
        promises=[],
        marks={},
        quality=[],
        notes=[],
        settings=Settings(),
        zone=BERLIN_NAME,
        today=TODAY,
        now=EVENING,
        **practices,
    )


def finished_checkin():
    draft = start_checkin(SUNDAY, EVENING)
    draft = answer(go_to(draft, Step.AGREEMENTS), (Agreement("Phones away at dinner"),))
    return replace(finish(draft, EVENING), id=1)


def everything():
    draft = start_checkin(TODAY, EVENING)
    return practices_source(
        appreciations=[
            Appreciation(text="You made soup when I was ill", day=TODAY, id=1),
            Appreciation(text="Thanks for noticing", day=TODAY, by=Person.PARTNER, id=2),
        ],
        bids=[Bid(BidResponse.TOWARD, TODAY, note="showed me the sunset", id=1)],
        boundaries=[Boundary(text="No phone checks", agreed_on=SUNDAY, whose=Whose.MINE, id=1)],
        goals=[Goal(text="Feel safe again", set_on=SUNDAY, promise_ids=(1, 2), id=1)],
        checkins=[finished_checkin(), replace(draft, id=2)],
        letters=[
            Letter(title="What trust means", body="It means...", written_on=TODAY, id=1),
            Letter(title="For you", body="Dear Sam", written_on=TODAY, shared=True, id=2),
        ],
    )


DEFAULTS = ShareChoices()


def round_trip(source: ShareSource, choices: ShareChoices = DEFAULTS):
    return decode(encode(build_share(source, choices, name="Alex")))


def test_each_practice_is_shared_as_the_store_keeps_it_and_only_what_may_be_shared():
    source = everything()
    shared = round_trip(source, ShareChoices(bids=True))
    # Your own appreciations of them, not what they told you.
    assert [a.text for a in shared.appreciations] == ["You made soup when I was ill"]
    assert [(b.response, b.note) for b in shared.bids] == [
        (BidResponse.TOWARD, "showed me the sunset")
    ]
    assert shared.boundaries == (source.boundaries[0],)
    assert shared.goals[0].promise_ids == (1, 2)
    # A finished check-in, whole; the draft of this week never.
    assert len(shared.checkins) == 1
    assert shared.checkins[0].agreements == (Agreement("Phones away at dinner"),)
    assert shared.checkins[0].finished == EVENING
    # Only the letter shared by hand.
    assert [letter.title for letter in shared.letters] == ["For you"]
    body = zlib.decompress(encode(build_share(source, ShareChoices(bids=True), name="Alex")))
    assert b"What trust means" not in body and b"Thanks for noticing" not in body


def test_the_defaults_share_appreciations_boundaries_goals_and_finished_check_ins_not_bids():
    shared = round_trip(everything())
    assert {"appreciations", "boundaries", "goals", "checkins", "letters"} <= shared.parts
    assert "bids" not in shared.parts and shared.bids == ()


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        ("appreciations", b"soup"),
        ("boundaries", b"No phone checks"),
        ("goals", b"Feel safe again"),
        ("checkins", b"Phones away at dinner"),
    ],
)
def test_a_practice_switched_off_leaves_nothing_of_it_in_the_share(choice, words):
    source = everything()
    choices = ShareChoices().with_choice(choice, False)
    shared = round_trip(source, choices)
    assert choice not in shared.parts and getattr(shared, choice) == ()
    assert ShareChoices().with_choice(choice, True).to_doc()[choice] is True
    assert words in zlib.decompress(encode(build_share(source, ShareChoices(), name="Alex")))
    assert words not in zlib.decompress(encode(build_share(source, choices, name="Alex")))


def test_with_no_letter_shared_by_hand_there_is_no_letters_part():
    source = replace(everything(), letters=[everything().letters[0]])
    assert "letters" not in round_trip(source).parts


def test_the_choices_say_in_words_what_the_partner_can_see():
    words = ShareChoices().in_words(letters=2)
    assert "the appreciations you wrote about them" in words
    assert "your weekly check-ins once finished (never a draft)" in words
    assert "2 letters you chose to share" in words
    assert not any("bids" in line for line in words)
    assert any("bids" in line for line in ShareChoices(bids=True).in_words())
    # A pairing file from before the practices reads with their defaults.
    old = {"promises": True, "time": False, "private_promises": [], "shared_notes": []}
    choices = ShareChoices.from_doc(old)
    assert (choices.time, choices.appreciations, choices.bids) == (False, True, False)


def _document_with(part: str, items: object) -> bytes:
    document = build_share(practices_source(), ShareChoices(), name="Alex")
    document["parts"][part] = {"v": 1, "items": items}
    return zlib.compress(msgspec.json.encode(document))


@pytest.mark.parametrize(
    ("part", "items"),
    [
        ("appreciations", [{"text": 5, "date": "2026-11-25"}]),
        ("bids", [{"response": "sideways", "date": "2026-11-25"}]),
        ("boundaries", ["not a record"]),
        ("goals", [{"text": "x", "set_on": "2026-11-25", "promise_ids": [0]}]),
        ("checkins", [{"held_on": "2026-11-22", "week_of": "2026-11-16", "finished": None}]),
        ("letters", [{"title": "draft", "body": "", "date": "2026-11-25", "shared": False}]),
        ("appreciations", "not a list"),
    ],
)
def test_a_practice_that_does_not_fit_makes_the_share_unreadable_never_a_crash(part, items):
    with pytest.raises(ShareRefused) as refused:
        decode(_document_with(part, items))
    assert refused.value.kind is Problem.UNREADABLE
