"""Every form of the app fed hostile text through Pilot: saved exactly, or refused in place.

For each field of each form (promise, note, time together, excuse, settings, and the
practices': appreciation, bid, boundary, goal, letter) and each
hostile value (10,000 characters, control characters and escape sequences pasted in,
invalid UTF-8, emoji, right-to-left text, markup, shell metacharacters...), saving either

* stores the text exactly (as the store keeps text: trimmed, \\r line ends made \\n), or
* keeps the form open with the reason shown in it, every field still holding what was
  typed, and every data file byte-for-byte as it was: nothing half-saved.

The app must never crash (Pilot re-raises anything the app raised when the test ends).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import TODAY, add_promise, make_app, open_store
from textual.widgets import Input, Static, TextArea

from tracker.store import Store, kinds
from tracker.ui.dialogs.excuse import ExcuseDialog
from tracker.ui.dialogs.letter_editor import LetterEditor
from tracker.ui.dialogs.note_editor import NoteEditor
from tracker.ui.dialogs.practices import AppreciationEditor, BidDialog, BoundaryEditor, GoalEditor
from tracker.ui.dialogs.promise_editor import PromiseEditor
from tracker.ui.dialogs.settings import SettingsDialog

HOSTILE = [
    "",
    "x" * 10_000,
    "\x01",
    "a\x1b[31mred\x1b[0m",
    "line one\nline two",
    "windows\r\nline",
    "\u2028separated",
    os.fsdecode(b"caf\xe9"),
    "🫶🏽 family 👨‍👩‍👧 time",
    "שלום עליכם",
    "\u202eevil override",
    "[bold]loud[/]",
    "[/]",
    "$(rm -rf ~)",
    '"double quoted"',
    "back\\slash",
]
# Fields that parse (dates, durations, schedules, times) get the shorter list: the
# parsers themselves are fuzzed far harder in test_parsers.py.
SHORT = ["", "x" * 10_000, "\x01", "a\x1b[31mred", os.fsdecode(b"caf\xe9"), "[/]", "-1", "٣"]
ATTEMPTS = {"count": 0}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith((".lock", ".checked"))  # not data
    }


def _stored(value: str, multiline: bool = False) -> str:
    text = value.strip()
    return text.replace("\r\n", "\n").replace("\r", "\n") if multiline else text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "data" / "tracker.json")
    add_promise(store, "Phone away at dinner")
    return store


async def settle(pilot) -> None:
    """Let the key's work finish (saving is synchronous; one pause redraws)."""
    await pilot.pause()


def _set(screen, field_id: str, value: str) -> None:
    widget = screen.query_one(f"#{field_id}")
    if isinstance(widget, TextArea):
        widget.text = value
    else:
        widget.value = value


def _read(screen, field_id: str) -> str:
    widget = screen.query_one(f"#{field_id}")
    return widget.text if isinstance(widget, TextArea) else widget.value


async def _attempt(
    pilot, store: Store, open_form: Callable, form_type: type, fields: dict[str, str], submit
) -> bool:
    """Fill a dialog, save; True if it saved, else check the refusal and close the dialog."""
    ATTEMPTS["count"] += 1
    app = pilot.app
    if not isinstance(app.screen, form_type):  # after a refusal the form is still open
        await open_form(pilot)
    screen = app.screen
    assert isinstance(screen, form_type), f"the form did not open: {screen}"
    for field_id, value in fields.items():
        _set(screen, field_id, value)
    typed = {field_id: _read(screen, field_id) for field_id in fields}
    before = _tree(store.path.parent)
    await submit(pilot)
    await settle(pilot)
    if app.screen is not screen:
        return True
    shown = f"{fields!r:.200}"
    assert _error_shown(screen, "dialog-error"), f"{shown}: refused without saying why"
    assert {f: _read(screen, f) for f in fields} == typed, f"{shown}: the form lost typed text"
    assert _tree(store.path.parent) == before, f"{shown}: a refused save changed the data"
    return False


async def _close(pilot, form_type: type) -> None:
    """Leave a form that is still open (the note editor asks first: discard)."""
    if isinstance(pilot.app.screen, form_type):
        await pilot.press("escape")
        await settle(pilot)
    if not isinstance(pilot.app.screen, form_type) and pilot.app.screen.is_modal:
        await pilot.press("y")
        await settle(pilot)
    assert not pilot.app.screen.is_modal, "the form would not close"


def _error_shown(screen, error_id: str) -> bool:
    error = screen.query_one(f"#{error_id}", Static)
    return bool(error.display and str(error.render()).strip())


async def _save(pilot) -> None:
    await pilot.press("ctrl+s")


async def test_the_promise_form_keeps_or_refuses_every_hostile_value(store):
    defaults = {
        "title": "",
        "schedule": "daily",
        "start": "",
        "end": "",
        "reminders": "",
        "why": "",
    }

    async def open_form(pilot) -> None:
        pilot.app.action_add_promise()  # the "a" key (its own stories test the key)
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for field_id in defaults:
            values = HOSTILE if field_id in ("title", "why") else SHORT
            for number, value in enumerate(values):
                fields = {**defaults, "title": f"Promise {field_id} {number}", field_id: value}
                if not await _attempt(pilot, store, open_form, PromiseEditor, fields, _save):
                    continue
                newest = max(store.promises(include_archived=True), key=lambda p: p.id)
                if field_id == "title":
                    assert newest.title == _stored(value)
                elif field_id == "why":
                    assert newest.why == _stored(value, multiline=True)
        await _close(pilot, PromiseEditor)
        titles = {p.title for p in store.promises()}
        assert {"[bold]loud[/]", "🫶🏽 family 👨‍👩‍👧 time", "שלום עליכם", "$(rm -rf ~)"} <= titles
        assert not any("\x01" in t or "\x1b" in t for t in titles)


async def test_the_note_editor_keeps_or_refuses_every_hostile_value(store):
    defaults = {"day": "", "what": "", "feeling": ""}

    async def open_form(pilot) -> None:
        pilot.app.action_new_note()  # the "n" key on Notes
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for field_id in defaults:
            for number, value in enumerate(SHORT if field_id == "day" else HOSTILE):
                fields = {**defaults, "what": f"It hurt {field_id} {number}", field_id: value}
                saved = await _attempt(pilot, store, open_form, NoteEditor, fields, _save)
                if saved and field_id in ("what", "feeling"):
                    newest = max(store.notes(), key=lambda n: n.id)
                    stored = newest.what_happened if field_id == "what" else newest.feeling
                    assert stored == _stored(fields[field_id], multiline=True)
        await _close(pilot, NoteEditor)
        assert any(n.what_happened == "[bold]loud[/]" for n in store.notes())
        assert any(n.feeling == "שלום עליכם" for n in store.notes())


async def test_the_time_together_form_keeps_or_refuses_every_hostile_value(store):
    defaults = {"q-day": "", "q-duration": "30m", "q-note": ""}

    async def open_form(pilot) -> None:
        await pilot.press("2")
        await settle(pilot)

    async def submit(pilot) -> None:
        pilot.app.screen.query_one("#q-duration", Input).focus()
        await pilot.press("enter")

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for field_id in defaults:
            for value in HOSTILE if field_id == "q-note" else SHORT:
                fields = {**defaults, field_id: value}
                count = len(store.quality_entries())
                if await _attempt_inline(pilot, store, open_form, fields, submit):
                    assert len(store.quality_entries()) == count + 1
                    if field_id == "q-note":
                        newest = max(store.quality_entries(), key=lambda e: e.id)
                        assert newest.note == _stored(value, multiline=True)
        assert any(e.note == "$(rm -rf ~)" for e in store.quality_entries())


async def _attempt_inline(pilot, store, open_form, fields, submit) -> bool:
    ATTEMPTS["count"] += 1
    await open_form(pilot)
    screen = pilot.app.screen
    for field_id, value in fields.items():
        _set(screen, field_id, value)
    typed = {field_id: _read(screen, field_id) for field_id in fields}
    before = _tree(store.path.parent)
    await submit(pilot)
    await settle(pilot)
    if not _error_shown(screen, "quality-error"):
        return True
    shown = f"{fields!r:.200}"
    assert {f: _read(screen, f) for f in fields} == typed, f"{shown}: the form lost typed text"
    assert _tree(store.path.parent) == before, f"{shown}: a refused save changed the data"
    return False


async def test_the_excuse_dialog_keeps_or_refuses_every_hostile_reason(store):
    async def open_form(pilot) -> None:
        await pilot.press("x")  # on Today, the promise under the cursor
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        accepted = []
        for value in HOSTILE:
            saved = await _attempt(pilot, store, open_form, ExcuseDialog, {"reason": value}, _save)
            if saved:
                assert store.marks_of(1)[TODAY].reason == _stored(value)
                accepted.append(value)
        await _close(pilot, ExcuseDialog)
        assert store.marks_of(1)[TODAY].reason == _stored(accepted[-1])
        assert "[bold]loud[/]" in accepted and "\x01" not in accepted


async def test_the_settings_dialog_keeps_or_refuses_every_hostile_value(store):
    keys = ("weekly_quality_target", "day_starts_at", "journey_start")

    async def open_form(pilot) -> None:
        pilot.app.action_settings()  # the "," key
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for key in keys:
            for value in SHORT:
                current = {
                    "weekly_quality_target": "3h",
                    "day_starts_at": "00:00",
                    "journey_start": "none",
                }
                fields = {**current, key: value}
                await _attempt(pilot, store, open_form, SettingsDialog, fields, _save)
                store.settings()  # whatever was saved reads back
        await _close(pilot, SettingsDialog)


# The practices' forms (issue 14): (form, its fields with a value that saves, the field
# that names the new record, how to read a field back from the newest record).
PRACTICE_FORMS = [
    (
        AppreciationEditor,
        {"text": "", "quality": "", "day": ""},
        "text",
        kinds.APPRECIATIONS,
        {"text": "text", "quality": "quality"},
    ),
    (BoundaryEditor, {"text": "", "day": ""}, "text", kinds.BOUNDARIES, {"text": "text"}),
    (GoalEditor, {"text": "", "by": ""}, "text", kinds.GOALS, {"text": "text"}),
]


@pytest.mark.parametrize(
    ("form_type", "defaults", "naming", "kind", "stored_as"),
    PRACTICE_FORMS,
    ids=[form[0].__name__ for form in PRACTICE_FORMS],
)
async def test_each_practice_form_keeps_or_refuses_every_hostile_value(
    store, form_type, defaults, naming, kind, stored_as
):
    async def open_form(pilot) -> None:
        if form_type is GoalEditor:
            pilot.app.push_screen(GoalEditor(TODAY, store.promises()))
        else:
            pilot.app.push_screen(form_type(TODAY))
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for field_id in defaults:
            values = HOSTILE if field_id in stored_as else SHORT
            for number, value in enumerate(values):
                fields = {**defaults, naming: f"Practice {field_id} {number}", field_id: value}
                if not await _attempt(pilot, store, open_form, form_type, fields, _save):
                    continue
                if field_id in stored_as:
                    newest = max(store.records(kind), key=lambda record: record.id)
                    assert getattr(newest, stored_as[field_id]) == _stored(value)
        await _close(pilot, form_type)
        kept = {getattr(record, stored_as[naming]) for record in store.records(kind)}
        assert {"[bold]loud[/]", "שלום עליכם", "$(rm -rf ~)"} <= kept
        assert not any("\x01" in text or "\x1b" in text for text in kept)


async def test_the_bid_dialog_keeps_or_refuses_every_hostile_note(store):
    async def open_form(pilot) -> None:
        pilot.app.push_screen(BidDialog(TODAY))
        await settle(pilot)

    async def toward(pilot) -> None:
        pilot.app.screen.action_answer("toward")

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for value in HOSTILE:
            if await _attempt(pilot, store, open_form, BidDialog, {"note": value}, toward):
                newest = max(store.records(kinds.BIDS), key=lambda bid: bid.id)
                assert newest.note == _stored(value)
        await _close(pilot, BidDialog)
        notes = {bid.note for bid in store.records(kinds.BIDS)}
        assert "[bold]loud[/]" in notes and not any("\x01" in note for note in notes)


async def test_the_letter_editor_keeps_or_refuses_every_hostile_value(store):
    defaults = {"letter-title": "", "letter-body": "Trust is the small things."}

    async def open_form(pilot) -> None:
        pilot.app.push_screen(LetterEditor(TODAY))
        await settle(pilot)

    async with make_app(store).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for field_id in defaults:
            for number, value in enumerate(HOSTILE):
                fields = {**defaults, "letter-title": f"Letter {number}", field_id: value}
                if not await _attempt(pilot, store, open_form, LetterEditor, fields, _save):
                    continue
                newest = max(store.records(kinds.LETTERS), key=lambda letter: letter.id)
                if field_id == "letter-title":
                    assert newest.title == _stored(value)
                else:
                    assert newest.body == _stored(value, multiline=True)
        await _close(pilot, LetterEditor)
        titles = {letter.title for letter in store.records(kinds.LETTERS)}
        assert {"[bold]loud[/]", "שלום עליכם"} <= titles


@pytest.fixture(scope="module", autouse=True)
def _report_attempts():
    yield
    print(f"\nUI hostile input: {ATTEMPTS['count']} form saves tried")
