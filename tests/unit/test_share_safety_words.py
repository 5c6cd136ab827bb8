"""Safety words made for speaking aloud (the PGP word list), and pairs made before them."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.share import pairing
from tracker.share.keys import PairKeys
from tracker.share.words import EVEN_WORDS, FIRST_LIST, FIRST_WORDS, ODD_WORDS, PGP_LIST, words_for

# Written by tracker before the PGP words (pairing version 1): a paired couple's two key
# files with the words both showed, and an invitation still waiting for its answer.
BEFORE = json.loads((Path(__file__).parents[1] / "data" / "pairing_v1.json").read_text())
NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
FOLDER = Path("/shared/us")


def test_the_words_are_the_pgp_word_list_even_and_odd():
    # The example from the list's description: a fingerprint read as alternating words.
    fingerprint = bytes.fromhex("E58294F2E9A227486E8B061B31CC528FD7FA3F19")
    assert " ".join(words_for(fingerprint)) == (
        "topmost Istanbul Pluto vagabond treadmill Pacific brackish dictator goldfish Medusa "
        "afflict bravado chatter revolver Dupont midsummer stopwatch whimsical cowbell bottomless"
    )
    assert (EVEN_WORDS[0], ODD_WORDS[0], EVEN_WORDS[255], ODD_WORDS[255]) == (
        "aardvark", "adroitness", "Zulu", "Yucatan",
    )  # fmt: skip
    assert len({word.lower() for word in EVEN_WORDS + ODD_WORDS}) == 512


def test_no_two_words_rhyme_as_the_first_list_did():
    endings = [word.lower()[-4:] for word in EVEN_WORDS]
    first_endings = [word[-4:] for word in FIRST_WORDS]
    assert first_endings.count("rrot") == 2  # carrot, parrot: what the new list is for
    assert "rrot" not in endings


def test_a_new_pairing_shows_pgp_words_on_both_sides():
    alex, code, hello = pairing.start(FOLDER, "Alex", NOW)
    sam, answer = pairing.join(FOLDER, code, "Sam", hello.data, NOW)
    alex = pairing.finish(alex, answer.data, NOW)
    assert alex.keys.safety_words == sam.keys.safety_words
    assert alex.word_list == sam.word_list == PGP_LIST
    words = alex.keys.safety_words
    assert all(
        word in (EVEN_WORDS if place % 2 == 0 else ODD_WORDS) for place, word in enumerate(words)
    )
    again = pairing.pairing_from_doc(pairing.pairing_to_doc(alex))
    assert again.keys.safety_words == words


@pytest.mark.parametrize("side", ["setup", "joiner"])
def test_a_pair_made_before_the_pgp_words_keeps_the_words_both_compared(side):
    old = pairing.pairing_from_doc(BEFORE[side])
    assert old.keys.safety_words == tuple(BEFORE["safety_words"])
    # Saved again by this tracker (a changed choice), the pair keeps its words.
    resaved = pairing.pairing_from_doc(pairing.pairing_to_doc(old))
    assert resaved.keys.safety_words == tuple(BEFORE["safety_words"])
    assert pairing.pairing_to_doc(resaved)["word_list"] == FIRST_LIST


def test_joining_an_invitation_from_an_older_tracker_shows_the_words_it_shows():
    waiting = BEFORE["invitation"]
    invitation = base64.b64decode(waiting["hello"])
    sam, answer = pairing.join(FOLDER, waiting["code"], "Sam", invitation, NOW)
    assert sam.word_list == FIRST_LIST
    # The older tracker (here its waiting key file, read by this one) finishes alike.
    alex = pairing.finish(pairing.pairing_from_doc(waiting["waiting_setup"]), answer.data, NOW)
    assert alex.keys.safety_words == sam.keys.safety_words
    assert all(word in FIRST_WORDS for word in sam.keys.safety_words)


def test_an_older_tracker_joining_a_new_invitation_leads_both_to_its_words(monkeypatch):
    alex, code, hello = pairing.start(FOLDER, "Alex", NOW)
    with monkeypatch.context() as older:  # the joiner's tracker says nothing of PGP words
        older.setattr(pairing, "PAIRING_VERSION", 1)
        sam, answer = pairing.join(FOLDER, code, "Sam", hello.data, NOW)
    alex = pairing.finish(alex, answer.data, NOW)
    assert alex.word_list == FIRST_LIST
    # What the older tracker shows: its pair key's words from the first list.
    assert alex.keys.safety_words == PairKeys(sam.keys.master, FIRST_LIST).safety_words
