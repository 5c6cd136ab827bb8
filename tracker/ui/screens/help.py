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

from tracker.ui.dialogs.ask import AskDialog
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.dialogs.note_editor import NoteEditor
from tracker.ui.dialogs.practices import BidDialog
from tracker.ui.dialogs.promise_editor import PromiseEditor
from tracker.ui.keys import APP_BINDINGS, KEY_NAMES, binding_words
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.checkin_steps import AgreementList, IssuePage
from tracker.ui.screens.checkins import CheckInsScreen
from tracker.ui.screens.notes import NotesScreen
from tracker.ui.screens.partner import PartnerScreen
from tracker.ui.screens.quality import QualityScreen
from tracker.ui.screens.streaks import StreaksScreen
from tracker.ui.screens.tag_filter import TagFiltered
from tracker.ui.screens.today import TodayScreen
from tracker.ui.screens.us import UsScreen
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap

INTRO = (
    "A first evening needs three things: space checks off a promise on Today, a adds one, "
    "and c opens the weekly check-in. The rest is below, by what you want to do, for when "
    "you want it. ctrl+p finds anything by name, the keys of the view you are on first "
    "(acting on the highlighted promise, entry or note). "
    "Every change is saved at once."
)
# Sections under this title are for the first evening; the rest come after MORE.
FIRST = "The first evening"
MORE = "When you want more"


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
    """The keys by task: the first evening's three (check off, add, the check-in) first,
    then the rest, each under what someone wants to do."""
    return [
        (FIRST, []),
        ("Check off a promise, or fix a day (Today, 1)", _key_lines(TodayScreen.BINDINGS)),
        ("Go through what's still open (o on Today)", _key_lines(AskDialog.BINDINGS)),
        ("Add or change a promise (a, e)", _key_lines(PromiseEditor.BINDINGS)),
        (
            "Hold the weekly check-in together (c)",
            _key_lines(
                [
                    *CheckInScreen.BINDINGS,
                    *IssuePage.BINDINGS,
                    *AgreementList.BINDINGS,
                ]
            ),
        ),
        ("Move between views, undo, quit", _key_lines(APP_BINDINGS)),
        (MORE, []),
        ("Log time together (Together, 2)", _key_lines(QualityScreen.BINDINGS)),
        ("See streaks and the year (Streaks, 3)", _key_lines(StreaksScreen.BINDINGS)),
        ("Mark days on the calendar (tab to it in Streaks)", _key_lines(CalendarHeatmap.BINDINGS)),
        ("Look at one tag (Today and Streaks)", _key_lines(TagFiltered.BINDINGS)),
        ("Write a forgiveness note (Notes, 4)", _key_lines(NotesScreen.BINDINGS)),
        ("Write in the note editor", _key_lines([*FormDialog.BINDINGS, *NoteEditor.BINDINGS])),
        (
            "See your partner's day and say you noticed (Partner, 5)",
            _key_lines(PartnerScreen.BINDINGS),
        ),
        (
            "Keep the couple's practices (Us, 6): appreciations, bids, boundaries, goals, "
            "letters, what needs care",
            _key_lines(UsScreen.BINDINGS),
        ),
        ("Log a bid for connection", _key_lines(BidDialog.BINDINGS)),
        ("Read past check-ins", _key_lines(CheckInsScreen.BINDINGS)),
        ("Fill in any form (the letter editor too)", _key_lines(FormDialog.BINDINGS)),
        ("Answer a question (delete? leave without saving?)", _key_lines(ConfirmDialog.BINDINGS)),
        ("Export, from the palette", PALETTE_ONLY),
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
                    if not lines:  # a group's heading: the first evening, then the rest
                        yield Static(Content.styled(title.upper(), "bold"), classes="help-group")
                        continue
                    yield Static(Content.styled(title, "bold $accent"), classes="help-section")
                    for keys, description in lines:
                        yield Static(
                            Content.assemble((f"{keys:>14}", "bold"), "  ", description),
                            classes="help-line",
                        )
            yield Static(Content("escape closes this"), classes="muted")
        yield Footer()
