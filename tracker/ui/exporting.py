"""Exports from the app: a dialog gathers the choices, a worker writes the file.

Writing the report or an export reads the whole history: it runs in a thread worker,
and its outcome comes back as a message (the path where the file went, or why it was
not written). Nothing waits on the disk while a key is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from tracker.errors import TrackerError
from tracker.service import Change
from tracker.ui.dialogs.export import ExportChoices, ExportDataDialog, ReportChoices, ReportDialog
from tracker.ui.face import palette_face

EXPORTS = "exports"


def export_report(app: App[Any]) -> None:
    """Ask for the report's choices, then write it in a worker."""
    exchange = palette_face(app).service.exchange

    def chosen(choices: object) -> None:
        if isinstance(choices, ReportChoices):
            run_export(
                app,
                lambda: exchange.report(
                    choices.out,
                    weeks=choices.weeks,
                    include_notes=choices.include_notes,
                    paper=choices.paper,
                ),
                "the report",
            )

    app.push_screen(ReportDialog(exchange.default_folder()), chosen)


def export_data(app: App[Any]) -> None:
    """Ask which export and where, then write it in a worker."""
    exchange = palette_face(app).service.exchange

    def chosen(choices: object) -> None:
        if isinstance(choices, ExportChoices):
            run_export(app, lambda: exchange.export(choices.kind, choices.out), "the export")

    app.push_screen(ExportDataDialog(exchange.default_folder()), chosen)


def run_export(app: App[Any], job: Callable[[], Change[Path]], what: str) -> None:
    """Run `job` in a thread worker; say where the file went, or why it was not written."""
    face = palette_face(app)

    def work() -> None:
        try:
            change = job()
        except TrackerError as error:
            app.call_from_thread(face.report, error, title="Not exported")
            return
        except Exception as error:  # a bug: said in one line, the app goes on
            app.call_from_thread(
                face.say,
                f"{what.capitalize()} could not be written ({type(error).__name__}: {error}).",
            )
            return
        app.call_from_thread(face.say, change.message, title="Saved")

    face.say(f"Writing {what}…")
    app.run_worker(work, name=what, group=EXPORTS, thread=True, exit_on_error=False)
