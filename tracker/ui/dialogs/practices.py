"""The forms of the couple's practices: an appreciation, a bid, a boundary, a shared goal.

Each is a `FormDialog`: it reads its fields, calls one operation of the service, and
keeps what was typed (with the reason in place) when the service refuses it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from tracker.errors import ValidationError
from tracker.model import Promise
from tracker.parsing import parse_date
from tracker.practices.records import (
    Appreciation,
    Bid,
    BidResponse,
    Boundary,
    Goal,
    Person,
    Whose,
)
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.literal import literal
from tracker.ui.stylesheets import stylesheet


def date_input(day: date, *, id: str = "day") -> Input:
    return Input(day.isoformat(), placeholder="YYYY-MM-DD or today", id=id, compact=True)


def read_day(field: Input, today: date) -> date:
    return parse_date(field.value.strip() or "today", today)


def read_optional_day(field: Input, today: date) -> date | None:
    spec = field.value.strip()
    return None if not spec or spec.lower() == "none" else parse_date(spec, today)


class PracticeForm(FormDialog[object]):
    """What the practices' forms share: their stylesheet (enter saving is FormDialog's:
    Textual calls a message handler of each class in the MRO, so a second one here would
    save twice)."""

    # What every form shares, and the practices' own (FormDialog names only the first).
    CSS_PATH: ClassVar[list[str | PurePath]] = [  # type: ignore[assignment]
        stylesheet("dialogs.tcss"),
        stylesheet("us.tcss"),
    ]
    ANNOUNCE = True


class AppreciationEditor(PracticeForm):
    """Keep one specific thing appreciated (or told to you); edit one kept before."""

    AUTO_FOCUS = "#text"
    FROM_OPTIONS: ClassVar = [
        ("I appreciate in my partner", Person.ME),
        ("My partner appreciates in me", Person.PARTNER),
    ]

    def __init__(self, today: date, item: Appreciation | None = None) -> None:
        super().__init__()
        self.today = today
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog practice-form"):
            yield Static(
                "Edit the appreciation" if item else "Something you appreciate",
                classes="dialog-title",
            )
            yield field_row(
                "Thanks for",
                Input(
                    item.text if item else "",
                    placeholder="small and specific: you made dinner when I was tired",
                    id="text",
                    compact=True,
                ),
            )
            yield field_row(
                "It shows",
                Input(
                    item.quality if item else "",
                    placeholder="the quality it shows, such as patience (optional)",
                    id="quality",
                    compact=True,
                ),
            )
            yield field_row(
                "Who",
                Select(
                    self.FROM_OPTIONS,
                    value=item.by if item else Person.ME,
                    allow_blank=False,
                    compact=True,
                    id="by",
                ),
            )
            yield field_row("Date", date_input(item.day if item else self.today))
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[Appreciation]:
        by = self.query_one("#by", Select).value
        written = Appreciation(
            text=self.query_one("#text", Input).value,
            day=read_day(self.query_one("#day", Input), self.today),
            by=by if isinstance(by, Person) else Person.ME,
            quality=self.query_one("#quality", Input).value,
        )
        appreciations = self.tracker.service.appreciations
        if self.item is None:
            return appreciations.add(written)
        edited = replace(
            self.item, text=written.text, day=written.day, by=written.by, quality=written.quality
        )
        return appreciations.edit(self.item, edited)


RESPONSE_KEYS = {BidResponse.TOWARD: "t", BidResponse.AWAY: "w", BidResponse.AGAINST: "x"}


class BidDialog(PracticeForm):
    """A bid in two keys: `b` opens this, then t (toward), w (away) or x (against) saves it.

    Who reached out, a note and the day are there for those who want them.
    """

    AUTO_FOCUS = "#toward"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "answer('toward')", "Turned toward"),
        Binding("w", "answer('away')", "Turned away"),
        Binding("x", "answer('against')", "Turned against"),
    ]
    WHO_OPTIONS: ClassVar = [
        ("My partner reached out; I answered", Person.PARTNER),
        ("I reached out; my partner answered", Person.ME),
    ]

    def __init__(self, today: date, bid: Bid | None = None) -> None:
        super().__init__()
        self.today = today
        self.bid = bid
        self.response = bid.response if bid else BidResponse.TOWARD

    def compose(self) -> ComposeResult:
        bid = self.bid
        with Vertical(classes="dialog practice-form bid-dialog"):
            yield Static("Edit the bid" if bid else "A bid for connection", classes="dialog-title")
            yield Static(
                Content(
                    "A moment one of you reached out: a remark, a touch, a question. "
                    "How was it answered?"
                ),
                classes="field-help muted bid-help",
            )
            with Horizontal(classes="bid-answers"):
                for response in BidResponse:
                    key = RESPONSE_KEYS[response]
                    yield Button(
                        f"{response.label} ({key})",
                        id=response.value,
                        variant="primary" if response is self.response else "default",
                        compact=True,
                    )
            yield field_row(
                "Who",
                Select(
                    self.WHO_OPTIONS,
                    value=bid.by if bid else Person.PARTNER,
                    allow_blank=False,
                    compact=True,
                    id="by",
                ),
            )
            yield field_row(
                "Note",
                Input(bid.note if bid else "", placeholder="optional", id="note", compact=True),
            )
            yield field_row("Date", date_input(bid.day if bid else self.today))
            yield from self.compose_error()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_extra_button(self, button_id: str) -> None:
        if button_id in {response.value for response in BidResponse}:
            self.action_answer(button_id)

    def action_answer(self, response: str) -> None:
        self.response = BidResponse(response)
        self.action_save()

    def save(self) -> Change[Bid]:
        by = self.query_one("#by", Select).value
        written = Bid(
            response=self.response,
            day=read_day(self.query_one("#day", Input), self.today),
            by=by if isinstance(by, Person) else Person.PARTNER,
            note=self.query_one("#note", Input).value,
        )
        bids = self.tracker.service.bids
        if self.bid is None:
            return bids.log(written)
        edited = replace(
            self.bid, response=written.response, day=written.day, by=written.by, note=written.note
        )
        return bids.edit(self.bid, edited)


WHOSE_OPTIONS = [(whose.label, whose) for whose in Whose]


class BoundaryEditor(PracticeForm):
    """Add a boundary agreed together, or reword one (the earlier wording is kept)."""

    AUTO_FOCUS = "#text"

    def __init__(self, today: date, boundary: Boundary | None = None) -> None:
        super().__init__()
        self.today = today
        self.boundary = boundary

    def compose(self) -> ComposeResult:
        boundary = self.boundary
        with Vertical(classes="dialog practice-form"):
            yield Static(
                "Reword the boundary" if boundary else "A boundary you agreed on",
                classes="dialog-title",
            )
            yield field_row(
                "Boundary",
                Input(
                    boundary.text if boundary else "",
                    placeholder="what is needed to feel safe: time alone after work",
                    id="text",
                    compact=True,
                ),
            )
            yield field_row(
                "Whose",
                Select(
                    WHOSE_OPTIONS,
                    value=boundary.whose if boundary else Whose.OURS,
                    allow_blank=False,
                    compact=True,
                    id="whose",
                ),
            )
            if boundary is None:
                yield field_row("Agreed on", date_input(self.today))
            else:
                yield Static(boundary_history(boundary), classes="field-help muted")
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[Boundary]:
        text = self.query_one("#text", Input).value
        chosen = self.query_one("#whose", Select).value
        whose = chosen if isinstance(chosen, Whose) else Whose.OURS
        boundaries = self.tracker.service.boundaries
        if self.boundary is not None:
            return boundaries.edit(self.boundary, text, whose)
        agreed_on = read_day(self.query_one("#day", Input), self.today)
        return boundaries.add(Boundary(text=text, agreed_on=agreed_on, whose=whose))


def boundary_history(boundary: Boundary) -> Content:
    """When it was agreed, each earlier wording, and its retirement, in date order."""
    parts = [Content(f"Agreed on {boundary.agreed_on:%-d %b %Y}.")]
    for revision in boundary.history:
        parts += [
            Content(f"\nUntil {revision.changed_on:%-d %b %Y} ({revision.whose.label.lower()}): "),
            literal(revision.text),
        ]
    if boundary.retired_on is not None:
        parts.append(Content(f"\nRetired on {boundary.retired_on:%-d %b %Y}."))
    return Content.assemble(*parts)


class GoalEditor(PracticeForm):
    """A shared goal, its date, and the promises that serve it (picked from a list)."""

    AUTO_FOCUS = "#text"

    def __init__(self, today: date, promises: list[Promise], goal: Goal | None = None) -> None:
        super().__init__()
        self.today = today
        self.promises = promises
        self.goal = goal

    def compose(self) -> ComposeResult:
        goal = self.goal
        chosen = set(goal.promise_ids) if goal else set()
        with Vertical(classes="dialog practice-form goal-editor"):
            yield Static("Edit the goal" if goal else "A shared goal", classes="dialog-title")
            yield field_row(
                "Goal",
                Input(
                    goal.text if goal else "",
                    placeholder="where you are going together: feel safe with each other",
                    id="text",
                    compact=True,
                ),
            )
            yield field_row(
                "Hoped by",
                Input(
                    goal.by.isoformat() if goal and goal.by else "",
                    placeholder="a date (optional)",
                    id="by",
                    compact=True,
                ),
            )
            yield Static(
                Content("The promises that serve it (space picks one):"), classes="area-label"
            )
            yield SelectionList[int](
                *[
                    Selection(literal(promise.title), promise.id, promise.id in chosen)
                    for promise in self.promises
                ],
                id="goal-promises",
                compact=True,
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def save(self) -> Change[Goal]:
        text = self.query_one("#text", Input).value
        if not text.strip():
            raise ValidationError("Give the goal a few words, such as 'Feel safe again'.")
        by = read_optional_day(self.query_one("#by", Input), self.today)
        picked = tuple(self.query_one("#goal-promises", SelectionList).selected)
        goals = self.tracker.service.goals
        if self.goal is None:
            return goals.add(Goal(text=text, set_on=self.today, by=by, promise_ids=picked))
        # Promises no longer listed (archived) that the goal named stay named.
        listed = {promise.id for promise in self.promises}
        kept = tuple(i for i in self.goal.promise_ids if i not in listed)
        edited = replace(self.goal, text=text, by=by, promise_ids=(*picked, *kept))
        return goals.edit(self.goal, edited)
