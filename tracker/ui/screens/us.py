"""Us: the practices two people keep together, one section each.

The weekly check-ins (c holds one, or goes on with the draft; the finished ones are
listed, enter reads one back), appreciations, bids for connection (with the calm weekly
panel), boundaries, shared goals, letters, and what needs care (the triggers the notes
touched, and the promises aimed there). `[` and `]` move between sections; n, e and d
add, edit and delete in the one shown; each practice's own keys (r, h, s) appear in the
footer where they apply.
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import TabbedContent, TabPane

from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.us_sections import (
    ADD_PROMISE,
    CHECKIN,
    DELETE,
    EDIT,
    NEW,
    REACHED,
    RESEARCH,
    RETIRE,
    SECTIONS,
    SHARE,
    TOGGLE_RETIRED,
    BidsSection,
    Section,
)
from tracker.ui.stylesheets import stylesheet

# The keys that act on the section shown; each section says which of them it answers.
SECTION_ACTIONS = frozenset(
    {NEW, EDIT, DELETE, RETIRE, TOGGLE_RETIRED, REACHED, SHARE, ADD_PROMISE, CHECKIN, RESEARCH}
)


class UsScreen(TrackerScreen):
    """The couple's practices, a section each; the keys act on the section shown."""

    CSS_PATH = stylesheet("us.tcss")
    MODE = "us"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "section(-1)", "Section", key_display="[ ]"),
        Binding("right_square_bracket", "section(1)", "Next section", show=False),
        Binding("c", "checkin", "Check-in"),
        Binding("n", "new", "New"),
        Binding("n", "add_promise_for_trigger", "Add a promise"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("b", "log_bid", "Log a bid", show=False),
        Binding("r", "retire", "Retire"),
        Binding("r", "reached", "Reached"),
        Binding("h", "toggle_retired", "Retired"),
        Binding("s", "share", "Share"),
        Binding("i", "research", "What research found"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with TabbedContent(id="us-tabs"):
            for section in SECTIONS:
                with TabPane(section.TITLE, id=f"tab-{section.NAME}"):
                    yield section()
        yield from self.compose_footer()

    @property
    def section(self) -> Section[object]:
        """The section shown."""
        active = self.query_one(TabbedContent).active or f"tab-{SECTIONS[0].NAME}"
        return cast("Section[object]", self.query_one(f"#{active.removeprefix('tab-')}"))

    def load(self) -> None:
        """Draw the section shown; the others are drawn when shown (see on_tab_activated)."""
        self.section.reload()

    def partner_changed(self) -> None:
        """What the partner appreciates in you may have changed: draw it again if shown."""
        if self.section.NAME == "appreciations":
            self.section.reload()

    def show_section(self, name: str) -> None:
        """Bring the section `name` (appreciations, bids, ...) forward."""
        self.query_one(TabbedContent).active = f"tab-{name}"

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        section = self.section
        if section.loaded_version != self.tracker.data_version:
            section.reload()
        section.table.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each section's own keys appear only where they apply."""
        if action in SECTION_ACTIONS:
            return action in self.section.ACTIONS
        return True

    # -- the keys --------------------------------------------------------------------------

    def action_section(self, step: int) -> None:
        names = [section.NAME for section in SECTIONS]
        index = names.index(self.section.NAME)
        self.show_section(names[(index + step) % len(names)])

    def action_checkin(self) -> None:
        self.section.new()

    def action_new(self) -> None:
        self.section.new()

    def action_add_promise_for_trigger(self) -> None:
        self.section.new()

    def action_edit(self) -> None:
        self.section.edit()

    def action_delete(self) -> None:
        self.section.delete()

    def action_log_bid(self) -> None:
        self.show_section(BidsSection.NAME)
        self.query_one(BidsSection).new()

    def action_retire(self) -> None:
        getattr(self.section, RETIRE)()

    def action_reached(self) -> None:
        getattr(self.section, REACHED)()

    def action_toggle_retired(self) -> None:
        getattr(self.section, TOGGLE_RETIRED)()

    def action_share(self) -> None:
        getattr(self.section, SHARE)()

    def action_research(self) -> None:
        getattr(self.section, RESEARCH)()
