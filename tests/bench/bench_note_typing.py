"""Typing into the note editor (issue 9 point 6, issue 19 point 4):
`python3 tests/bench/bench_note_typing.py`.

For a note of 2,000, 10,000 and 19,000 characters it sends 300 keystrokes in one burst
(as a terminal delivers a paste without bracketed paste, or a fast typist) at the end
of "What happened", and prints the milliseconds each keystroke costs until the app is
idle again (the median of 3 bursts), with how often the "you always / you never" coach
read the note. The milliseconds are processor time (`time.process_time`: the app's own
work, steady on a busy shared machine, where wall time is not).

Two kinds of text: written in paragraphs (a line break every ~400 characters), and as
one paragraph with no line break. `--before` runs the same side by side the way it was
before: the coach reading the whole note on every change, and Textual re-wrapping the
whole edited paragraph on every key.

Then a note that is full (20,000 characters, one paragraph, the most a note holds):
the milliseconds each further key costs while it is refused, and what 100,000 characters
typed into an empty note as one paragraph cost in all (20,000 taken, 80,000 refused),
worked out from the two. It prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))

SIZES = (2_000, 10_000, 19_000)
TYPED = 100_000
KEYS = 300
RUNS = 3
WAIT_FOR_A_PAUSE = None
SENTENCE = "We talked about the weekend and it went well until the phone came out again. "


def note_of(size: int, *, paragraphs: bool) -> str:
    text, count = [], 0
    while sum(map(len, text)) < size:
        count += 1
        text.append(SENTENCE.strip() + "\n" if paragraphs and count % 5 == 0 else SENTENCE)
    return "".join(text)[:size]


def wrap_the_old_way(old: bool) -> None:
    """Textual's own wrapping (the whole paragraph on every key), or NoteArea's."""
    from textual.document import _wrapped_document

    from tracker.ui import textual_private

    if old:
        _wrapped_document.compute_wrap_offsets = textual_private.textual_wrap_offsets
        _wrapped_document.get_tab_widths = textual_private.textual_tab_widths
    else:
        _wrapped_document.compute_wrap_offsets = textual_private._compute_wrap_offsets
        _wrapped_document.get_tab_widths = textual_private._tab_widths


async def per_key_ms(size: int, *, paragraphs: bool, every_key: bool) -> tuple[float, int]:
    from app_support import make_app
    from textual.document._wrapped_document import WrappedDocument
    from textual.widgets import TextArea
    from ui_support import settle, type_burst

    from tracker.ui.widgets.note_area import NoteArea

    note_area_edit = NoteArea.edit

    from tracker.store import Store
    from tracker.ui.dialogs.note_editor import NoteEditor

    if every_key:  # the old way: the coach reads the whole note on every change
        NoteEditor.on_text_area_changed = lambda self, _event: self.update_coach()  # type: ignore[method-assign]
    else:
        NoteEditor.on_text_area_changed = WAIT_FOR_A_PAUSE  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(
            Path(folder) / "t.json",
            now=lambda: datetime(2026, 11, 25, 19, 0, tzinfo=UTC),
            automatic_backups=False,
        )
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("4", "n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            area = editor.query_one("#what")
            area.text = note_of(size, paragraphs=paragraphs)
            wrap_the_old_way(every_key)
            if every_key:
                NoteArea.edit = TextArea.edit  # type: ignore[method-assign]
                area.wrapped_document.__class__ = WrappedDocument
            area.move_cursor(area.document.end)
            await settle(pilot)
            reads = editor.coach_reads
            timings = []
            for _run in range(RUNS):
                started = time.process_time()
                type_burst(app, *("abcd efghi" * (KEYS // 10)))
                await settle(pilot)
                timings.append((time.process_time() - started) / KEYS * 1000)
            wrap_the_old_way(False)
            NoteArea.edit = note_area_edit  # type: ignore[method-assign]
            return statistics.median(timings), editor.coach_reads - reads


async def refused_key_ms() -> float:
    """Milliseconds per key typed into a full note (each one refused)."""
    from app_support import make_app
    from ui_support import settle, type_burst

    from tracker.model import LONG_TEXT_MAX
    from tracker.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "t.json", automatic_backups=False)
        app = make_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("4", "n")
            await settle(pilot)
            area = app.screen.query_one("#what")
            area.text = note_of(LONG_TEXT_MAX, paragraphs=False)
            area.move_cursor(area.document.end)
            await settle(pilot)
            timings = []
            for _run in range(RUNS):
                started = time.process_time()
                type_burst(app, *("abcd efghi" * (KEYS // 10)))
                await settle(pilot)
                timings.append((time.process_time() - started) / KEYS * 1000)
            assert len(area.text) == LONG_TEXT_MAX
            return statistics.median(timings)


async def main() -> None:
    global WAIT_FOR_A_PAUSE
    from tracker.ui.dialogs.note_editor import NoteEditor

    WAIT_FOR_A_PAUSE = NoteEditor.on_text_area_changed
    per_key: dict[int, float] = {}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", action="store_true", help="also time the old way")
    args = parser.parse_args()
    print(f"{KEYS} keys in one burst at the end of the note, {RUNS} bursts;")
    print("ms per key, median (how often the coach read the note in all)")
    for paragraphs in (True, False):
        kind = "in paragraphs" if paragraphs else "one paragraph"
        cells = []
        for size in SIZES:
            for every_key in (True, False) if args.before else (False,):
                ms, reads = await per_key_ms(size, paragraphs=paragraphs, every_key=every_key)
                label = "before" if every_key else "now"
                if not paragraphs and not every_key:
                    per_key[size] = ms
                cells.append(f"{size:>6,} chars {label}: {ms:5.2f} ms/key ({reads} reads)")
        print(f"{kind}:")
        for line in cells:
            print(f"  {line}")
    from tracker.model import LONG_TEXT_MAX

    refused = await refused_key_ms()
    # Typing into one paragraph from empty to full costs about the mean of the per-key
    # figures measured along the way (the largest size stands for the last stretch).
    taken = statistics.mean(per_key.values()) * LONG_TEXT_MAX / 1000
    rest = refused * (TYPED - LONG_TEXT_MAX) / 1000
    print(
        f"a full note ({LONG_TEXT_MAX:,} chars, one paragraph): {refused:5.2f} ms per refused key"
    )
    print(
        f"{TYPED:,} chars typed as one paragraph: about {taken:.0f} s for the first "
        f"{LONG_TEXT_MAX:,} + {rest:.0f} s for the {TYPED - LONG_TEXT_MAX:,} refused "
        f"= {taken + rest:.0f} s (Pilot, with its own per-key overhead)"
    )


if __name__ == "__main__":
    asyncio.run(main())
