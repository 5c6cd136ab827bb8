"""Exports from the app: "Export a report" and "Export my data" in the palette, written in a
worker, the path said when done; a wrong choice is said in place."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from app_support import add_promise, make_app
from textual.widgets import Input, Static
from ui_support import screen_text, settle

import tracker.paths
from tracker.ui.dialogs.export import ExportDataDialog, ReportDialog


def field(app, name: str) -> str:
    return app.screen.query_one(f"#{name}", Input).value


def error(app) -> str:
    return str(app.screen.query_one("#dialog-error", Static).content)


def listened(app):
    """The app, with every message it shows kept in `app.said` too."""
    app.said = []
    show = app.notify

    def notify(message: str, **options) -> None:
        app.said.append(message)
        show(message, **options)

    app.notify = notify
    return app


def messages(app) -> str:
    return " ".join(app.said)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(tracker.paths, "default_export_folder", lambda: folder)
    return folder


async def _palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_export_a_report_from_the_palette_at_80_columns(demo_store, documents):
    app = listened(make_app(demo_store))
    async with app.run_test(size=(80, 24)) as pilot:
        await _palette(pilot, "export a report")
        assert isinstance(app.screen, ReportDialog)
        assert field(app, "out") == str(documents / "tracker-report-2026-11-25.html")
        assert "A dated name in" in screen_text(app)
        # Asking for private words changes the suggested name to say so.
        await pilot.click("#include-notes")
        await settle(pilot)
        with_notes = documents / "tracker-report-with-notes-2026-11-25.html"
        assert field(app, "out") == str(with_notes)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ReportDialog)
        assert stat.S_IMODE(os.stat(with_notes).st_mode) == 0o600
        page = with_notes.read_text(encoding="utf-8")
        assert "Keeping our promises: the last 8 weeks" in page
        assert "This report includes private words" in page
        assert f"Wrote the report {with_notes} (8 weeks)" in messages(app)


async def test_a_wrong_number_of_weeks_is_said_in_place_and_nothing_is_written(store, documents):
    add_promise(store, "Walk together", kept_days=3)
    app = listened(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await _palette(pilot, "export a report")
        app.screen.query_one("#weeks", Input).value = "99"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReportDialog)
        assert error(app) == "Weeks is a whole number from 1 to 52."
        assert "Weeks is a whole number from 1 to 52." in screen_text(app)
        app.screen.query_one("#weeks", Input).value = "4"
        app.screen.query_one("#out", Input).value = str(documents / "missing" / "r.html")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error(app) == f"The folder {documents / 'missing'} does not exist."
        await pilot.press("escape")
        await settle(pilot)
        assert list(documents.iterdir()) == []


async def test_a_file_tracker_did_not_write_is_never_replaced_and_the_app_says_why(
    store, documents
):
    add_promise(store, "Walk together")
    mine = documents / "mine.html"
    mine.write_text("<p>my own page</p>", encoding="utf-8")
    app = listened(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await _palette(pilot, "export a report")
        app.screen.query_one("#out", Input).value = str(mine)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"{mine} already exists and is not a tracker report" in messages(app)
    assert mine.read_text(encoding="utf-8") == "<p>my own page</p>"


async def test_export_my_data_as_spreadsheets(store, documents):
    add_promise(store, 'Walk, talk and "listen"', kept_days=2)
    app = listened(make_app(store))
    async with app.run_test(size=(80, 24)) as pilot:
        await _palette(pilot, "export my data")
        assert isinstance(app.screen, ExportDataDialog)
        assert field(app, "out") == str(documents / "tracker-export-2026-11-25.json")
        app.screen.query_one("#kind").value = "csv"
        await settle(pilot)
        folder = documents / "tracker-export-2026-11-25"
        assert field(app, "out") == str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sorted(p.name for p in folder.iterdir()) == [
            "marks.csv",
            "notes.csv",
            "promises.csv",
            "quality_time.csv",
        ]
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        assert f"Exported {folder}: 1 promise, 2 marks" in messages(app)
