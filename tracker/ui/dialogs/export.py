"""The palette's "Export a report" and "Export my data": the same choices as the commands.

Each dialog only gathers the choices (and says in place what is wrong with them); the
file is written by the service in a worker (`tracker.ui.exporting`), so the app never
waits on it. The place to save is filled in with a dated name in a folder that exists
(the documents folder, else home), which the dialog names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from tracker.paths import expand_home
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.widgets.tick_box import TickBox

MAX_WEEKS = 52
PAPER_OPTIONS: list[tuple[str, str]] = [
    ("Any (the printer's)", "any"),
    ("A4", "a4"),
    ("Letter", "letter"),
]
FORMAT_OPTIONS: list[tuple[str, str]] = [
    ("Everything (JSON, for tracker import)", "json"),
    ("Spreadsheets (a folder of CSV files)", "csv"),
    ("Calendar (ICS, the active promises)", "ics"),
]


@dataclass(frozen=True)
class ReportChoices:
    out: Path
    weeks: int
    include_notes: bool
    paper: str | None


@dataclass(frozen=True)
class ExportChoices:
    out: Path
    kind: str


class _SaveToDialog(FormDialog[object]):
    """What both dialogs share: a "Save to" field filled with a suggested path, kept in
    step with the choices until the user edits it."""

    AUTO_FOCUS = "#out"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self._suggested = ""

    def compose_save_to(self) -> ComposeResult:
        self._suggested = str(self.suggestion())
        yield field_row("Save to", Input(self._suggested, id="out", compact=True))
        yield Static(
            f"A dated name in {self.folder}. A file tracker did not write is never replaced.",
            classes="field-help muted",
        )

    def suggestion(self) -> Path:
        raise NotImplementedError

    def refresh_suggestion(self) -> None:
        """A new suggested name for the new choices, unless the user wrote their own."""
        field = self.query_one("#out", Input)
        if field.value == self._suggested:
            self._suggested = str(self.suggestion())
            field.value = self._suggested

    def chosen_path(self) -> Path | None:
        text = self.query_one("#out", Input).value.strip()
        if not text:
            self.show_error("Say where to save it.")
            return None
        path = expand_home(text)
        if not path.is_absolute():
            path = self.folder / path
        if not path.parent.is_dir():
            self.show_error(f"The folder {path.parent} does not exist.")
            return None
        return path

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self) -> Change[object]:  # the service writes the file, in a worker
        raise NotImplementedError


class ReportDialog(_SaveToDialog):
    """Weeks, whether private words are included, the paper, where to save."""

    AUTO_FOCUS = "#weeks"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Static(
                "Export a report: one page to read in a browser and print to PDF",
                classes="dialog-title",
            )
            with Horizontal(classes="field-row"):
                yield Label("Weeks", classes="field-label")
                yield Input("8", id="weeks", compact=True, classes="short-input")
                yield Static(f"  the last weeks, 1 to {MAX_WEEKS}", classes="muted")
            yield TickBox(
                "Include the words of notes, check-ins and appreciations",
                False,
                id="include-notes",
                compact=True,
            )
            yield Static(
                "Without it the report counts them; their words stay private.",
                classes="field-help muted",
            )
            yield field_row(
                "Paper",
                Select(PAPER_OPTIONS, value="any", allow_blank=False, compact=True, id="paper"),
            )
            yield from self.compose_save_to()
            yield from self.compose_error()
            yield from self.compose_buttons("Export")
        yield Footer()

    def suggestion(self) -> Path:
        include = self.is_mounted and self.query_one("#include-notes", Checkbox).value
        return self.tracker.service.exchange.suggested_path(
            "report", self.folder, include_notes=include
        )

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.refresh_suggestion()

    def action_save(self) -> None:
        self.clear_error()
        text = self.query_one("#weeks", Input).value.strip()
        if not (text.isdigit() and 1 <= int(text) <= MAX_WEEKS):
            self.show_error(f"Weeks is a whole number from 1 to {MAX_WEEKS}.")
            return
        out = self.chosen_path()
        if out is None:
            return
        paper = self.query_one("#paper", Select).value
        self.dismiss(
            ReportChoices(
                out=out,
                weeks=int(text),
                include_notes=self.query_one("#include-notes", Checkbox).value,
                paper=None if paper == "any" else str(paper),
            )
        )


class ExportDataDialog(_SaveToDialog):
    """Which export, and where to save it."""

    AUTO_FOCUS = "#kind"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Static("Export my data", classes="dialog-title")
            yield field_row(
                "Export",
                Select(FORMAT_OPTIONS, value="json", allow_blank=False, compact=True, id="kind"),
            )
            yield Static(
                "Everything comes back whole with `tracker import`. Files are private (0600).",
                classes="field-help muted",
            )
            yield from self.compose_save_to()
            yield from self.compose_error()
            yield from self.compose_buttons("Export")
        yield Footer()

    def _kind(self) -> str:
        if not self.is_mounted:
            return "json"
        return str(self.query_one("#kind", Select).value)

    def suggestion(self) -> Path:
        return self.tracker.service.exchange.suggested_path(self._kind(), self.folder)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.refresh_suggestion()

    def action_save(self) -> None:
        self.clear_error()
        out = self.chosen_path()
        if out is not None:
            self.dismiss(ExportChoices(out=out, kind=self._kind()))
