"""The help screen: every key of every view, read from the bindings so it never goes stale."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tracker.ui.commands import binding_words
from tracker.ui.dialogs.ask import AskDialog
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.dialogs.note_editor import NoteEditor
from tracker.ui.dialogs.practices import BidDialog
from tracker.ui.dialogs.promise_editor import PromiseEditor
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.checkins import CheckInsScreen
from tracker.ui.screens.notes import NotesScreen
from tracker.ui.screens.partner import PartnerScreen
from tracker.ui.screens.quality import QualityScreen
from tracker.ui.screens.streaks import StreaksScreen
from tracker.ui.screens.today import TodayScreen
from tracker.ui.screens.us import UsScreen
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap
from tracker.ui.widgets.checkin_steps import AgreementList, IssuePage
from tracker.ui.widgets.tag_filter import TagFiltered

INTRO = (
    "Move between views with their number keys (1-6); c opens the weekly check-in. ctrl+p "
    "opens the command palette: the views and forms, and every key of the view you are on, "
    "by name (acting on the highlighted promise, entry or note). Every change is saved at once."
)


KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "comma": ",",
    "slash": "/",
    "left": "←",
    "right": "→",
    "delete": "del",
}


def _key_lines(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each distinct action, in the order they are declared."""
    lines: dict[str, tuple[str, str]] = {}
    for binding in Binding.make_bindings(bindings):
        names = [KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(",")]
        keys = " ".join(names)
        if binding.action in lines:
            previous, description = lines[binding.action]
            lines[binding.action] = (f"{previous} {keys}", description)
        else:
            lines[binding.action] = (keys, binding_words(binding))
    return list(lines.values())


# Actions without a key of their own: the palette runs them by name.
PALETTE_ONLY = [
    ("ctrl+p", "Export a report (prints to PDF)"),
    ("ctrl+p", "Export my data (JSON, CSV, calendar)"),
]


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    from tracker.ui.app import TrackerApp

    return [
        ("Everywhere", _key_lines(TrackerApp.BINDINGS)),
        ("Today", _key_lines(TodayScreen.BINDINGS)),
        ("Today: going through what's open (o)", _key_lines(AskDialog.BINDINGS)),
        ("Time together", _key_lines(QualityScreen.BINDINGS)),
        ("Streaks", _key_lines(StreaksScreen.BINDINGS)),
        ("Streaks: the calendar (tab to it)", _key_lines(CalendarHeatmap.BINDINGS)),
        ("Notes", _key_lines(NotesScreen.BINDINGS)),
        ("Today and Streaks", _key_lines(TagFiltered.BINDINGS)),
        (
            "Us: check-ins, appreciations, bids, boundaries, goals, letters, what needs care",
            _key_lines(UsScreen.BINDINGS),
        ),
        ("A bid for connection", _key_lines(BidDialog.BINDINGS)),
        ("Every form (the letter editor too)", _key_lines(FormDialog.BINDINGS)),
        ("A question (delete? leave without saving?)", _key_lines(ConfirmDialog.BINDINGS)),
        ("Partner", _key_lines(PartnerScreen.BINDINGS)),
        ("Promise form", _key_lines(PromiseEditor.BINDINGS)),
        ("Note editor", _key_lines([*FormDialog.BINDINGS, *NoteEditor.BINDINGS])),
        (
            "Weekly check-in",
            _key_lines(
                [
                    *CheckInScreen.BINDINGS,
                    *IssuePage.BINDINGS,
                    *AgreementList.BINDINGS,
                ]
            ),
        ),
        ("Past check-ins", _key_lines(CheckInsScreen.BINDINGS)),
        ("From the palette", PALETTE_ONLY),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape or ? closes it."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(classes="help-body"):
                yield Static(Content(INTRO), classes="help-intro")
                for title, lines in sections():
                    yield Static(Content.styled(title, "bold $accent"), classes="help-section")
                    for keys, description in lines:
                        yield Static(
                            Content.assemble((f"{keys:>14}", "bold"), "  ", description),
                            classes="help-line",
                        )
            yield Static(Content("escape closes this"), classes="muted")
        yield Footer()
