"""What a share says: the sharer's choices, model values there and back, and nothing more."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from share_support import BERLIN, BERLIN_NAME, EVENING, TODAY, demo_store, source_from

from tracker.errors import ValidationError
from tracker.model import (
    Mark,
    MarkStatus,
    Measure,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    SchedulePeriod,
    Settings,
    Trigger,
)
from tracker.schedule import parse_schedule
from tracker.share import envelope
from tracker.share.keys import PairKeys
from tracker.share.payload import (
    CHOICE_NAMES,
    Acknowledgement,
    DayMarks,
    ShareChoices,
    ShareSource,
    build_share,
    decode,
    encode,
    stopped_share,
)
from tracker.share.problems import Problem, ShareRefused
from tracker.stats import promise_stats

START = TODAY - timedelta(days=400)
DEFAULTS = Settings()
SHARE_ALL_BUT_NOTES = ShareChoices()
SCHEDULES = ["daily", "weekdays", "mon,wed,fri", "3/week", "every 3 days", "weekends"]


def a_source(
    promises=(), marks=None, quality=(), notes=(), settings=DEFAULTS, today=TODAY
) -> ShareSource:
    return ShareSource(
        promises=list(promises),
        marks=marks or {},
        quality=list(quality),
        notes=list(notes),
        settings=settings,
        zone=BERLIN_NAME,
        today=today,
        now=EVENING,
    )


def round_trip(source: ShareSource, choices: ShareChoices = SHARE_ALL_BUT_NOTES, acks=()):
    source = replace(source, acknowledgements=tuple(acks))
    return decode(encode(build_share(source, choices, name="Alex")))


@st.composite
def promises_with_marks(draw):
    count = draw(st.integers(0, 4))
    promises, marks = [], {}
    for number in range(1, count + 1):
        start = START + timedelta(days=draw(st.integers(0, 300)))
        schedule = parse_schedule(draw(st.sampled_from(SCHEDULES)))
        earlier = ()
        # Some are measured (issue 22), some were measured otherwise before a change.
        measures = st.none() | st.builds(
            Measure, st.sampled_from(["min", "late night"]), st.integers(1, 30).map(float)
        )
        measure = draw(measures)
        if draw(st.booleans()):
            change = start + timedelta(days=draw(st.integers(1, 60)))
            before = parse_schedule(draw(st.sampled_from(SCHEDULES)))
            earlier = (SchedulePeriod(before, change, draw(measures)),)
        end = draw(st.none() | st.just(TODAY + timedelta(days=30)))
        title = draw(st.text(st.characters(categories=["L", "N", "Zs", "So"]), min_size=1))
        title = title.strip() or "x"
        promise = Promise(
            title[:200], schedule, start, id=number, end=end, earlier=earlier, why="why"
        )
        promises.append(replace(promise, measure=measure))
        days = draw(st.sets(st.integers(0, (TODAY - start).days), max_size=40))
        statuses = st.sampled_from(list(MarkStatus))
        # Amounts only on a measured promise (a yes/no one's marks have none).
        measured = measure is not None or any(p.measure for p in earlier)
        amounts = st.none() | st.integers(0, 4000).map(lambda n: n / 8) if measured else st.none()
        marks[number] = {}
        for d in days:
            day, status = start + timedelta(days=d), draw(statuses)
            amount = None if status is MarkStatus.EXCUSED else draw(amounts)
            marks[number][day] = Mark(number, day, status, amount=amount)
    return promises, marks


@given(shared=promises_with_marks())
def test_promises_and_their_marks_come_back_as_they_were(shared):
    promises, marks = shared
    data = round_trip(a_source(promises, marks), ShareChoices(reasons=True))
    assert data.promises == tuple(promises)
    for promise in promises:
        back = data.marks_of(promise.id)
        assert dict(back.items()) == marks[promise.id]
        assert len(back) == len(marks[promise.id])
        # The streaks a partner sees are the sharer's own.
        assert promise_stats(promise, back, TODAY) == promise_stats(
            promise, marks[promise.id], TODAY
        )


@given(
    entries=st.lists(
        st.tuples(
            st.integers(0, 400),
            st.integers(1, 24 * 60),
            st.sampled_from(list(QualityKind)),
            st.text(st.characters(categories=["L", "Zs"]), max_size=30),
        ),
        max_size=10,
    )
)
def test_time_together_comes_back_with_its_notes_only_when_chosen(entries):
    quality = [
        QualityTime(TODAY - timedelta(days=d), minutes, kind, note=note.strip(), connection=4)
        for d, minutes, kind, note in entries
    ]
    with_notes = round_trip(a_source(quality=quality), ShareChoices(time_notes=True))
    assert [(q.day, q.minutes, q.kind, q.note) for q in with_notes.quality] == [
        (q.day, q.minutes, q.kind, q.note) for q in quality
    ]
    without = round_trip(a_source(quality=quality))
    assert all(entry.note == "" for entry in without.quality)
    # How connected it felt stays with the one who felt it.
    assert all(entry.connection is None for entry in without.quality)
    assert without.weekly_quality_minutes == Settings().weekly_quality_minutes


def test_acknowledgements_come_back_and_old_ones_are_left_out():
    recent = Acknowledgement(3, TODAY - timedelta(days=2), "Walk", EVENING, "Thank you 💛")
    old = Acknowledgement(3, TODAY - timedelta(days=900), "Walk", EVENING, "")
    data = round_trip(a_source(), acks=[recent, old])
    assert data.acknowledgements == (recent,)


def test_forgiveness_notes_never_leave_unless_shared_one_by_one():
    notes = [
        Note(TODAY, "He forgot again", Trigger.NEGLECT, id=1, feeling="I feel alone"),
        Note(
            TODAY,
            "We talked",
            Trigger.POOR_COMMUNICATION,
            id=2,
            status=NoteStatus.LET_GO,
            let_go_on=TODAY,
        ),
    ]
    assert round_trip(a_source(notes=notes)).notes == ()
    chosen = round_trip(a_source(notes=notes), ShareChoices(shared_notes=frozenset({2})))
    assert [(n.what_happened, n.status, n.let_go_on) for n in chosen.notes] == [
        ("We talked", NoteStatus.LET_GO, TODAY)
    ]
    raw = encode(build_share(a_source(notes=notes), ShareChoices(), name="Alex"))
    assert b"forgot" not in zlib.decompress(raw)


def test_only_the_chosen_parts_are_in_a_share():
    promise = Promise("Secret walk", parse_schedule("daily"), START, id=1, why="private reason")
    hidden = Promise("Private promise", parse_schedule("daily"), START, id=2)
    archived = Promise("Old promise", parse_schedule("daily"), START, id=3, archived=True)
    quality = [QualityTime(TODAY, 30, QualityKind.CONVERSATION)]
    source = a_source([promise, hidden, archived], quality=quality)
    everything = round_trip(source, ShareChoices(private_promises=frozenset({2})))
    assert [p.title for p in everything.promises] == ["Secret walk"]
    assert everything.promises[0].why == ""  # reasons are off by default
    assert everything.parts == {
        "promises",
        "time",
        "acknowledgements",
        # The couple's practices shared by default (bids are not; letters one by one).
        "appreciations",
        "boundaries",
        "goals",
        "checkins",
    }
    nothing = ShareChoices(**{name.replace("-", "_"): False for name in CHOICE_NAMES})
    data = round_trip(source, nothing)
    assert data.parts == frozenset()
    assert (data.promises, data.quality) == ((), ())
    plain = zlib.decompress(encode(build_share(source, nothing, name="Alex")))
    assert b"Secret" not in plain and b"conversation" not in plain


def test_the_writer_says_who_where_and_what_day_it_was():
    settings = Settings(day_starts_at=time(3, 0))
    data = round_trip(a_source(settings=settings))
    assert data.writer.name == "Alex"
    assert data.writer.zone == BERLIN_NAME
    assert data.writer.day_starts_at == time(3, 0)
    assert data.writer.today == TODAY
    assert data.writer.written_at == EVENING
    assert not data.stopped


def test_a_stopped_share_holds_only_the_name_and_the_moment():
    data = decode(encode(stopped_share(name="Alex", now=EVENING)))
    assert data.stopped and data.writer.name == "Alex"
    assert (data.promises, data.quality, data.parts) == ((), (), frozenset())


# -- reading what a later tracker writes --------------------------------------------------------


def _document(**changes):
    doc = build_share(a_source(), ShareChoices(), name="Alex")
    doc.update(changes)
    return doc


def test_a_part_this_tracker_does_not_know_is_skipped_and_the_rest_read():
    doc = _document()
    doc["parts"]["wishes"] = {"v": 1, "items": [{"text": "dinner"}]}
    data = decode(encode(doc))
    assert "wishes" not in data.parts
    assert data.writer.name == "Alex"


def test_a_known_part_in_a_newer_form_is_reported_and_the_rest_read():
    doc = _document()
    doc["parts"]["time"] = {"v": 2, "items": "a later shape"}
    data = decode(encode(doc))
    assert data.newer_parts == ("time",)
    assert "acknowledgements" in data.parts


def test_a_share_whose_content_is_of_a_newer_version_is_refused_calmly():
    with pytest.raises(ShareRefused) as refused:
        decode(encode(_document(v=2)))
    assert refused.value.kind is Problem.NEWER_VERSION


@pytest.mark.parametrize(
    "body",
    [
        b"not zlib at all",
        zlib.compress(b"not json"),
        zlib.compress(b"[1, 2]"),
        zlib.compress(msgspec.json.encode({"v": 1, "kind": "share"})),
        zlib.compress(msgspec.json.encode({"v": 1, "kind": "gossip", "writer": {}})),
        encode(_document(writer={"name": "Al\x1bex", "zone": None})),
    ],
)
def test_a_genuine_share_that_does_not_fit_is_refused_not_crashed_on(body):
    with pytest.raises(ShareRefused) as refused:
        decode(body)
    assert refused.value.kind is Problem.UNREADABLE


def test_a_share_that_unpacks_to_something_huge_is_refused():
    bomb = zlib.compress(b" " * (40 * 1024 * 1024), 9)
    with pytest.raises(ShareRefused) as refused:
        decode(bomb)
    assert refused.value.kind is Problem.TOO_LARGE


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@given(
    writer=json_values,
    parts=st.dictionaries(
        st.sampled_from(["promises", "time", "acknowledgements", "notes", "other"]),
        st.fixed_dictionaries({"v": st.just(1), "items": json_values}),
    ),
)
def test_any_shape_of_share_is_read_or_refused_never_crashed_on(writer, parts):
    doc = {"v": 1, "kind": "share", "writer": writer, "parts": parts}
    try:
        decode(encode(doc))
    except ShareRefused as refused:
        assert refused.kind in {Problem.UNREADABLE, Problem.NEWER_VERSION}


# -- the choices ------------------------------------------------------------------------------


def test_choices_switch_by_the_names_share_set_takes():
    choices = ShareChoices().with_choice("time-notes", True).with_choice("Promises", False)
    assert choices.time_notes and not choices.promises
    assert ShareChoices.from_doc(choices.to_doc()) == choices
    with pytest.raises(ValidationError, match="promises, reasons, time"):
        ShareChoices().with_choice("notes", True)


def test_choices_say_in_words_what_the_partner_can_see():
    words = " ".join(ShareChoices().in_words())
    assert "promises" in words and "not its notes" in words and "forgiveness" not in words
    one_note = ShareChoices().with_note(4, True)
    assert "1 forgiveness note you chose to share" in one_note.in_words()


# -- marks as letters ---------------------------------------------------------------------------


def test_shared_marks_answer_like_the_stores():
    first = date(2026, 1, 1)
    marks = DayMarks(7, first, "k-mx")
    assert marks.get(first) == Mark(7, first, MarkStatus.KEPT)
    assert marks.get(first + timedelta(days=1)) is None
    assert first + timedelta(days=2) in marks
    assert first - timedelta(days=1) not in marks
    assert datetime(2026, 1, 1) not in marks  # a datetime is not a day
    assert len(marks) == 3
    assert list(marks) == [first, first + timedelta(days=2), first + timedelta(days=3)]
    with pytest.raises(KeyError):
        marks[first + timedelta(days=10)]


# -- size -------------------------------------------------------------------------------------


def test_a_five_year_share_is_well_under_300_kb(tmp_path):
    store = demo_store(tmp_path)
    choices = ShareChoices(reasons=True, time_notes=True)
    body = encode(build_share(source_from(store), choices, name="Alex"))
    sealed = envelope.seal(
        body, key=bytes(32), key_id=PairKeys(bytes(32)).key_id, writer_id=bytes(16), sequence=1
    )
    assert len(sealed) < 300 * 1024
    data = decode(body)
    assert len(data.promises) == len([p for p in store.promises() if not p.archived])
    assert sum(len(data.marks_of(p.id)) for p in data.promises) > 5000
    assert data.writer.written_at.tzinfo is not None
    assert EVENING.astimezone(BERLIN) == data.writer.written_at


def test_a_start_set_back_is_read_the_same_on_the_partners_side():
    """Issue 20 point 1: the days before a promise was added are open for the partner too
    (an optional `asked_from`, which older trackers skip), never a wall of misses."""
    added = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    start = TODAY - timedelta(days=7)
    promise = Promise("Phone away at dinner", parse_schedule("daily"), start, id=1, created=added)
    kept = {TODAY: Mark(1, TODAY, MarkStatus.KEPT)}
    data = round_trip(a_source([promise], {1: kept}))
    [back] = data.promises
    assert back.asked_from == TODAY
    assert promise_stats(back, data.marks_of(1), TODAY) == promise_stats(promise, kept, TODAY)
    assert promise_stats(back, data.marks_of(1), TODAY).consistency_7 == 1.0
    older = round_trip(a_source([replace(promise, created=None)], {1: kept}))
    assert older.promises[0].created is None  # nothing added for a promise judged from its start


def test_a_partner_sees_a_measured_day_as_12_of_10_min():
    from tracker.day_view import judge_day

    talk = Promise("Talk after dinner", parse_schedule("daily"), START, id=1)
    talk = replace(talk, measure=Measure("min", 10))
    marks = {TODAY: Mark(1, TODAY, MarkStatus.KEPT, amount=12)}
    data = round_trip(a_source([talk], {1: marks}))
    [row] = judge_day(data.promises, data.marks_of, TODAY, TODAY).rows
    assert (row.status.value, row.progress) == ("kept", "12 of 10 min")
