"""Past check-ins: the finished ones with their dates, and one read back (read-only)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.practices.checkin import CheckIn
from tracker.practices.readback import (
    day_words,
    finished_line,
    heading,
    passed_over,
    sections,
    summary,
)
from tracker.ui.face import Face, face_of
from tracker.ui.literal import literal
from tracker.ui.stylesheets import stylesheet

EMPTY = (
    "No check-ins kept yet. Press c to hold your first: eight short steps together, "
    "about half an hour, each one skippable."
)


class CheckInsScreen(Screen[None]):
    """The finished check-ins, newest first; enter reads one back."""

    CSS_PATH = stylesheet("checkin.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close"),
        Binding("c", "app.checkin", "Check-in"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.checkins: list[CheckIn] = []

    @property
    def tracker(self) -> Face:
        return face_of(self)

    def compose(self) -> ComposeResult:
        yield Static("Past check-ins", classes="top-bar checkin-bar")
        yield Static("", id="checkins-summary", classes="summary")
        yield OptionList(id="checkins-list", compact=True)
        yield Static(EMPTY, id="checkins-empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        try:
            checkins = self.tracker.service.checkins
            self.checkins = list(reversed(checkins.finished()))
            draft = checkins.draft()
        except TrackerError as error:
            self.tracker.report(error, title="Cannot read the data")
            return
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for checkin in self.checkins:
            listing.add_option(
                Option(
                    Content.assemble(
                        (day_words(checkin.held_on, year=True), "bold"),
                        f"  about the week of {day_words(checkin.week_of)}\n",
                        (summary(checkin), "dim"),
                    ),
                    id=str(checkin.id),
                )
            )
            listing.add_option(None)
        if self.checkins:
            listing.highlighted = min(highlighted or 0, len(self.checkins) - 1)
        listing.display = bool(self.checkins)
        self.query_one("#checkins-empty").display = not self.checkins
        said = f"{len(self.checkins)} kept · enter reads one back" if self.checkins else ""
        if draft is not None:
            waiting = f"one begun {day_words(draft.held_on)} waits: c goes on"
            said = f"{said} · {waiting}" if said else waiting[0].upper() + waiting[1:]
        self.query_one("#checkins-summary", Static).update(Content(said))
        self.query_one("#checkins-summary").display = bool(said)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((c for c in self.checkins if str(c.id) == event.option.id), None)
        if chosen is not None:
            self.tracker.read_checkin(chosen)


class CheckInReader(Screen[None]):
    """One finished check-in, read back as it was written (nothing here can change it)."""

    CSS_PATH = stylesheet("checkin.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Close"),
    ]

    def __init__(self, checkin: CheckIn) -> None:
        super().__init__()
        self.checkin = checkin

    def compose(self) -> ComposeResult:
        checkin = self.checkin
        yield Static(literal(heading(checkin)), classes="top-bar checkin-bar")
        with VerticalScroll(id="reader-body"):
            yield Static(Content(finished_line(checkin)), classes="reader-when")
            for section in sections(checkin):
                yield Static(Content(section.title), classes="reader-title")
                for line in section.lines:
                    yield Static(literal(line, one_line=False), classes="reader-line")
            skipped = passed_over(checkin)
            if skipped:
                yield Static(Content(skipped), classes="reader-passed")
            if not sections(checkin):
                yield Static(
                    Content("Every step was passed over: holding it was what counted."),
                    classes="reader-line",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader-body").focus()
