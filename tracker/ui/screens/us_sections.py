"""The sections of the Us view, one practice each: a line that sums it up, the list, and
the highlighted record in full beneath it. The view switches between them and sends them
its keys (new, edit, delete, and each practice's own: retire, reached, share...).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tracker.model import Promise
from tracker.parsing import format_count, streak_words
from tracker.practices.causes import TriggerCare, care_suggestion
from tracker.practices.checkin import CheckIn
from tracker.practices.goals import GoalProgress, goal_line
from tracker.practices.readback import day_words, finished_line, heading, summary
from tracker.practices.received import is_from_their_share
from tracker.practices.records import Appreciation, Bid, Boundary, Letter, Person
from tracker.practices.week import week_looked_back_on
from tracker.schedule import parse_schedule
from tracker.ui.dialogs.confirm import ask
from tracker.ui.dialogs.practices import (
    AppreciationEditor,
    BidDialog,
    BoundaryEditor,
    GoalEditor,
    boundary_history,
)
from tracker.ui.face import Face, face_of
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.widgets.bids_panel import BidsPanel
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, cell

if TYPE_CHECKING:
    from textual.screen import Screen

    from tracker.service import Change, Tracker

Item = TypeVar("Item")

NEW, EDIT, DELETE = "new", "edit", "delete"
RESEARCH = "research"  # the Bids section: what research found, on request


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


class Section(Vertical, Generic[Item]):
    """One practice: its records listed, the highlighted one in full."""

    NAME: ClassVar[str]
    TITLE: ClassVar[str]
    COLUMNS: ClassVar[tuple[ColumnSpec, ...]]
    EMPTY: ClassVar[str]
    # The view's keys this section answers (the others are hidden from the footer).
    ACTIONS: ClassVar[frozenset[str]] = frozenset({NEW, EDIT, DELETE})
    # Whether the highlighted record is shown in full under the list.
    HAS_DETAIL: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__(id=self.NAME, classes="us-section")
        self.items: list[Item] = []
        self.loaded_version = -1

    @property
    def tracker(self) -> Face:
        return face_of(self)

    @property
    def service(self) -> Tracker:
        return self.tracker.service

    @property
    def table(self) -> FittedTable:
        return self.query_one(FittedTable)

    def compose(self) -> ComposeResult:
        yield from self.compose_head()
        yield FittedTable(self.COLUMNS, id=f"{self.NAME}-table")
        yield Static(Content(self.EMPTY), classes="empty-state us-empty")
        with VerticalScroll(classes="us-detail"):
            yield Static("", classes="us-detail-text")

    def compose_head(self) -> ComposeResult:
        yield Static("", classes="summary us-summary")

    # -- drawing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the records through the service and draw them."""
        self.loaded_version = self.tracker.data_version
        self.items = self.read()
        palette = Palette.of(self.app)
        self.table.show_rows([(self.key(item), self.cells(item, palette)) for item in self.items])
        self.table.display = bool(self.items)
        self.query_one(".us-empty").display = not self.items
        self.query_one(".us-detail").display = self.HAS_DETAIL and bool(self.items)
        self.show_head()
        self.show_detail()

    def show_head(self) -> None:
        self.query_one(".us-summary", Static).update(self.summary())

    def show_detail(self) -> None:
        item = self.current()
        text = self.detail(item) if item is not None else Content("")
        self.query_one(".us-detail-text", Static).update(text)

    def on_data_table_row_highlighted(self, _event: FittedTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        event.stop()
        self.edit()

    def current(self) -> Item | None:
        key = self.table.current_key
        return next((item for item in self.items if self.key(item) == key), None)

    # -- what each practice says -----------------------------------------------------------

    def read(self) -> list[Item]:
        raise NotImplementedError

    def key(self, item: Item) -> Hashable:
        return cast("Hashable", getattr(item, "id"))  # noqa: B009 - records carry an id

    def cells(self, item: Item, palette: Palette) -> list[Text]:
        raise NotImplementedError

    def summary(self) -> Content:
        return Content("")

    def detail(self, item: Item) -> Content:
        return Content("")

    # -- the view's keys -------------------------------------------------------------------

    def new(self) -> None:
        self.app.push_screen(self.editor(None))

    def edit(self) -> None:
        item = self.current()
        if item is not None:
            self.app.push_screen(self.editor(item))

    def editor(self, item: Item | None) -> Screen[Any]:
        """The form that adds a record (`item` None) or edits `item`."""
        raise NotImplementedError

    def delete(self) -> None:
        """Delete the highlighted record at once; ctrl+z brings it back."""
        item = self.current()
        if item is not None:
            self.tracker.save(lambda: self.delete_item(item), announce=True)

    def delete_item(self, item: Item) -> Change[object]:
        raise NotImplementedError


CHECKIN = "checkin"


class CheckInsSection(Section[CheckIn]):
    """The weekly check-in's door in Us: c holds one (or goes on with the draft), and the
    finished ones are listed with their dates; enter reads one back."""

    NAME = "checkins"
    TITLE = "Check-ins"
    COLUMNS = (
        ColumnSpec("held", "Held", 15),
        ColumnSpec("week", "About the week of", 17),
        ColumnSpec("what", "What it holds"),
    )
    EMPTY = (
        "No check-ins kept yet. Press  c  to hold your weekly check-in together: eight short "
        "steps, about half an hour, each one skippable. What you write is saved as you go, "
        "and the finished ones are listed here to read back."
    )
    ACTIONS = frozenset({CHECKIN})

    def __init__(self) -> None:
        super().__init__()
        self.waiting: CheckIn | None = None

    def read(self) -> list[CheckIn]:
        checkins = self.service.checkins
        self.waiting = checkins.draft()
        return list(reversed(checkins.finished()))

    def cells(self, item: CheckIn, palette: Palette) -> list[Text]:
        return [
            cell(day_words(item.held_on, year=True)),
            cell(day_words(item.week_of), palette.muted),
            cell(summary(item), palette.muted),
        ]

    def summary(self) -> Content:
        draft = self.waiting
        week = week_looked_back_on(self.tracker.today)
        if draft is None and not self.items:
            return Content("")  # the empty list says how to begin
        if draft is not None:
            said = f"One begun {day_words(draft.held_on)} waits: c goes on"
        elif any(item.week_of == week for item in self.items):
            said = f"Week of {day_words(week)} held · c holds another"
        else:
            said = f"c: a check-in about the week of {day_words(week)}"
        if self.items:
            said += f" · {len(self.items)} kept, enter reads one back"
        return Content(said)

    def detail(self, item: CheckIn) -> Content:
        return Content.assemble(
            (heading(item), "bold"),
            Content.styled(f"\n{finished_line(item)} · enter reads it back", "$text-muted"),
        )

    def new(self) -> None:
        self.checkin()

    def checkin(self) -> None:
        self.tracker.action_checkin()

    def edit(self) -> None:
        """Enter: read the highlighted check-in back (a finished one never changes)."""
        item = self.current()
        if item is not None:
            self.tracker.read_checkin(item)

    def delete(self) -> None:
        """A check-in is kept as it was held: nothing to delete here."""


class AppreciationsSection(Section[Appreciation]):
    NAME = "appreciations"
    TITLE = "Appreciations"
    COLUMNS = (
        ColumnSpec("day", "Date", 10),
        ColumnSpec("by", "Who", 8),
        ColumnSpec("text", "Thanks for"),
        ColumnSpec("quality", "It shows", 14),
    )
    EMPTY = (
        "Nothing here yet. Press  n  to keep one small, specific thing you appreciate in your "
        "partner (“you made dinner when I was tired”), or something they told you they "
        "appreciate in you. The weekly check-in gathers the week's."
    )

    def read(self) -> list[Appreciation]:
        return self.service.appreciations.newest_first(self.tracker.partner.appreciations)

    def _who(self, item: Appreciation) -> str:
        if item.by is Person.ME:
            return "You"
        return self.tracker.partner.name if is_from_their_share(item) else "Partner"

    def cells(self, item: Appreciation, palette: Palette) -> list[Text]:
        who = self._who(item)
        return [
            cell(f"{item.day:%a %-d %b}"),
            cell(who, palette.muted),
            literal_cell(item.text),
            literal_cell(item.quality, palette.muted),
        ]

    def summary(self) -> Content:
        if not self.items:
            return Content("")
        week = self.service.appreciations.this_week(self.tracker.partner.appreciations)
        return Content(
            f"This week: {week.given} given, {week.received} received · "
            f"{format_count(len(self.items), 'appreciations')} in all"
        )

    def detail(self, item: Appreciation) -> Content:
        who = "You appreciate" if item.by is Person.ME else "Your partner appreciates"
        if is_from_their_share(item):
            who = f"{self.tracker.partner.name} appreciates in you (from their share)"
        parts = [Content.styled(f"{item.day:%A %-d %B %Y} · {who}\n", "$text-muted")]
        parts.append(literal(item.text, one_line=False))
        if item.quality:
            parts += [Content.styled("\nIt shows: ", "$text-muted"), literal(item.quality)]
        return Content.assemble(*parts)

    def edit(self) -> None:
        item = self.current()
        if item is not None and is_from_their_share(item):
            self.tracker.say(f"These are {self.tracker.partner.name}'s words, from their share.")
            return
        super().edit()

    def delete(self) -> None:
        item = self.current()
        if item is not None and is_from_their_share(item):
            self.tracker.say(f"These are {self.tracker.partner.name}'s words, from their share.")
            return
        super().delete()

    def editor(self, item: Appreciation | None) -> Screen[Any]:
        return AppreciationEditor(self.tracker.today, item)

    def delete_item(self, item: Appreciation) -> Change[object]:
        return self.service.appreciations.delete(item)


class BidsSection(Section[Bid]):
    NAME = "bids"
    TITLE = "Bids"
    COLUMNS = (
        ColumnSpec("day", "Date", 10),
        ColumnSpec("answer", "Answer", 14),
        ColumnSpec("who", "Reached out", 12),
        ColumnSpec("note", "Note"),
    )
    EMPTY = (
        "A bid is a moment one of you reaches out: a remark, a touch, a question. "
        "Press  b  (or n), then  t ,  w  or  x , to log how it was answered: turned toward, "
        "away or against."
    )
    HAS_DETAIL = False  # the list says it all
    ACTIONS = frozenset({NEW, EDIT, DELETE, RESEARCH})

    def compose_head(self) -> ComposeResult:
        yield BidsPanel(detailed=True, id="us-bids-panel")

    def research(self) -> None:
        """Show (or hide) what research found: context on request, never on every visit."""
        self.query_one(BidsPanel).toggle_research()

    def show_head(self) -> None:
        self.query_one(BidsPanel).show(self.service.bids.summary())

    def read(self) -> list[Bid]:
        return self.service.bids.newest_first()

    def cells(self, item: Bid, palette: Palette) -> list[Text]:
        who = "Partner" if item.by is Person.PARTNER else "You"
        return [
            cell(f"{item.day:%a %-d %b}"),
            cell(item.response.label),
            cell(who, palette.muted),
            literal_cell(item.note, palette.muted),
        ]

    def editor(self, item: Bid | None) -> Screen[Any]:
        return BidDialog(self.tracker.today, item)

    def delete_item(self, item: Bid) -> Change[object]:
        return self.service.bids.delete(item)


RETIRE, TOGGLE_RETIRED = "retire", "toggle_retired"


class BoundariesSection(Section[Boundary]):
    NAME = "boundaries"
    TITLE = "Boundaries"
    COLUMNS = (
        ColumnSpec("whose", "Whose", 12),
        ColumnSpec("text", "Boundary"),
        ColumnSpec("since", "Since", 11),
    )
    EMPTY = (
        "What each of you needs to feel safe, agreed together (“no phone checks without "
        "asking”, “time alone after work”). Press  n  to add one. A boundary is changed only "
        "together: e rewords it (the earlier wording is kept), r retires it (it stays in the "
        "history)."
    )
    ACTIONS = frozenset({NEW, EDIT, DELETE, RETIRE, TOGGLE_RETIRED})

    def __init__(self) -> None:
        super().__init__()
        self.show_retired = False

    def read(self) -> list[Boundary]:
        return self.service.boundaries.listed(include_retired=self.show_retired)

    def cells(self, item: Boundary, palette: Palette) -> list[Text]:
        style = palette.muted if item.is_retired else ""
        since = f"{item.agreed_on:%-d %b %Y}"
        return [
            cell(item.whose.label, palette.muted),
            literal_cell(item.text, style),
            cell("retired" if item.is_retired else since, style or palette.muted),
        ]

    def summary(self) -> Content:
        current = sum(1 for item in self.items if not item.is_retired)
        retired = len(self.items) - current
        said = f"{current} {'boundary' if current == 1 else 'boundaries'} in force"
        if self.show_retired:
            said += f" · {retired} retired, shown in grey (h hides them)"
        else:
            said += " · h shows the retired ones"
        return Content(said)

    def detail(self, item: Boundary) -> Content:
        return Content.assemble(literal(item.text, one_line=False), "\n", boundary_history(item))

    def editor(self, item: Boundary | None) -> Screen[Any]:
        return BoundaryEditor(self.tracker.today, item)

    def edit(self) -> None:
        item = self.current()
        if item is not None and item.is_retired:
            self.tracker.say("A retired boundary is history; add a new one instead (n).")
            return
        super().edit()

    def retire(self) -> None:
        item = self.current()
        if item is not None:
            self.tracker.save(lambda: self.service.boundaries.retire(item), announce=True)

    def toggle_retired(self) -> None:
        self.show_retired = not self.show_retired
        self.reload()

    def delete_item(self, item: Boundary) -> Change[object]:
        return self.service.boundaries.delete(item)


REACHED = "reached"


class GoalsSection(Section[GoalProgress]):
    NAME = "goals"
    TITLE = "Goals"
    COLUMNS = (
        ColumnSpec("goal", "Goal"),
        ColumnSpec("by", "Hoped by", 11),
        ColumnSpec("c30", "30d", 4),
        ColumnSpec("promises", "Promises", 8),
    )
    EMPTY = (
        "A shared goal (“feel safe with each other again”) is served by several promises. "
        "Press  n  to add one and pick its promises: how they are kept together shows here."
    )
    ACTIONS = frozenset({NEW, EDIT, DELETE, REACHED})

    def __init__(self) -> None:
        super().__init__()
        self.promises: dict[int, Promise] = {}

    def read(self) -> list[GoalProgress]:
        self.promises = {p.id: p for p in self.service.promises.all(include_archived=True)}
        return self.service.goals.progress()

    def key(self, item: GoalProgress) -> Hashable:
        return item.goal.id

    def cells(self, item: GoalProgress, palette: Palette) -> list[Text]:
        goal = item.goal
        by = f"{goal.by:%-d %b %Y}" if goal.by else "–"
        if goal.reached_on is not None:
            by = "reached"
        return [
            literal_cell(goal.text),
            cell(by, palette.muted),
            cell(percent(item.figures.consistency_30)),
            cell(str(len(item.figures.promise_ids)), palette.muted),
        ]

    def summary(self) -> Content:
        if not self.items:
            return Content("")
        reached = sum(1 for item in self.items if item.goal.reached_on is not None)
        said = format_count(len(self.items), "shared goals")
        if reached:
            said += f" · {reached} reached"
        return Content(f"{said} · 30d: how their promises were kept together, lately")

    def detail(self, item: GoalProgress) -> Content:
        names = [self.promises[i].title for i in item.goal.promise_ids if i in self.promises]
        parts = [literal(item.goal.text, "bold"), Content(f"\n{goal_line(item)}")]
        if names:
            parts += [Content.styled("\nServed by: ", "$text-muted"), literal(", ".join(names))]
        if item.missing_promise_ids:
            parts.append(Content.styled("\nSome promises it named are gone.", "$text-muted"))
        return Content.assemble(*parts)

    def editor(self, item: GoalProgress | None) -> Screen[Any]:
        goal = item.goal if item is not None else None
        return GoalEditor(self.tracker.today, self.service.promises.all(), goal)

    def reached(self) -> None:
        item = self.current()
        if item is not None:
            goal, reached = item.goal, item.goal.reached_on is None
            self.tracker.save(lambda: self.service.goals.set_reached(goal, reached), announce=True)

    def delete_item(self, item: GoalProgress) -> Change[object]:
        return self.service.goals.delete(item.goal)


SHARE = "share"


class LettersSection(Section[Letter]):
    NAME = "letters"
    TITLE = "Letters"
    COLUMNS = (
        ColumnSpec("day", "Written", 11),
        ColumnSpec("title", "Title"),
        ColumnSpec("words", "Words", 6),
        ColumnSpec("shared", "", 10),
    )
    EMPTY = (
        "Longer writing, such as “what trust means to me”. Press  n  to write a letter in the "
        "whole window; it stays on this machine unless you share that one letter (s)."
    )
    ACTIONS = frozenset({NEW, EDIT, DELETE, SHARE})

    def read(self) -> list[Letter]:
        return self.service.letters.newest_first()

    def cells(self, item: Letter, palette: Palette) -> list[Text]:
        return [
            cell(f"{item.written_on:%-d %b %Y}"),
            literal_cell(item.title),
            cell(str(len(item.body.split())), palette.muted),
            cell("may share" if item.shared else "private", palette.muted),
        ]

    def summary(self) -> Content:
        if not self.items:
            return Content("")
        shared = sum(1 for item in self.items if item.shared)
        said = format_count(len(self.items), "letters")
        if shared:
            return Content(f"{said} · {shared} may be shared with your partner, the rest private")
        return Content(f"{said}, all private · s lets your partner's tracker carry one")

    def detail(self, item: Letter) -> Content:
        return Content.assemble(
            literal(item.title, "bold"), "\n", literal(item.body[:2000], one_line=False)
        )

    def editor(self, item: Letter | None) -> Screen[Any]:
        from tracker.ui.dialogs.letter_editor import LetterEditor

        return LetterEditor(self.tracker.today, item)

    def delete(self) -> None:
        """A letter is long work: asked first (ctrl+z can still bring it back)."""
        item = self.current()
        if item is None:
            return
        question = Content.assemble(
            "Delete the letter “", literal(item.title[:60]), "”? ctrl+z can bring it back."
        )
        ask(self.app, question, "Delete", super().delete)

    def share(self) -> None:
        item = self.current()
        if item is not None:
            letters, shared = self.service.letters, not item.shared
            self.tracker.save(lambda: letters.set_shared(item, shared), announce=True)

    def delete_item(self, item: Letter) -> Change[object]:
        return self.service.letters.delete(item)


ADD_PROMISE = "add_promise_for_trigger"


class CareSection(Section[TriggerCare]):
    NAME = "care"
    TITLE = "What needs care"
    COLUMNS = (
        ColumnSpec("trigger", "Trigger", 19),
        ColumnSpec("notes", "Notes", 5),
        ColumnSpec("open", "Open", 4),
        ColumnSpec("answered", "Answered by"),
    )
    EMPTY = (
        "Your notes of the last 90 days touched no trigger yet, and no promise says which "
        "hurt it answers. When a note names its trigger, it shows here, with the promises "
        "aimed at it and how they are kept."
    )
    ACTIONS = frozenset({ADD_PROMISE})

    def read(self) -> list[TriggerCare]:
        return list(self.service.causes.report().triggers)

    def key(self, item: TriggerCare) -> Hashable:
        return item.trigger.value

    def cells(self, item: TriggerCare, palette: Palette) -> list[Text]:
        if item.promises:
            answered = literal_cell(", ".join(p.title for p in item.promises))
        elif item.needs_a_promise:
            answered = cell("no promise yet · n adds one", palette.open)
        else:
            answered = cell("–", palette.faint)
        return [
            cell(item.trigger.label),
            cell(str(item.notes)),
            cell(str(item.open_notes), palette.muted),
            answered,
        ]

    def summary(self) -> Content:
        if not self.items:
            return Content("")
        needing = sum(1 for item in self.items if item.needs_a_promise)
        said = "Triggers your notes touched in 90 days, and the promises aimed there"
        if needing:
            said = f"Triggers your notes touched in 90 days · {needing} could use a promise"
        return Content(said)

    def detail(self, item: TriggerCare) -> Content:
        parts = []
        for promise in item.promises:
            streak = streak_words(promise.current_streak, promise.streak_unit)
            parts += [
                literal(promise.title, "bold"),
                Content(
                    f": kept {percent(promise.consistency_30)} of the last 30 days, "
                    f"streak: {streak}\n"
                ),
            ]
        if item.needs_a_promise:
            parts.append(Content(care_suggestion(item)))
            parts.append(Content.styled("\nPress n to add one; the form opens ready.", "bold"))
        elif not item.promises:
            parts.append(Content("No promise answers it yet; n adds one, when you are ready."))
        return Content.assemble(*parts)

    def add_promise_for_trigger(self) -> None:
        """The promise form, already saying which hurt the new promise answers."""
        from tracker.ui.dialogs.promise_editor import PromiseEditor

        item = self.current()
        today = self.tracker.today
        triggers = (item.trigger,) if item is not None else ()
        draft = Promise("", parse_schedule("daily"), today, triggers=triggers)
        self.app.push_screen(PromiseEditor(today, draft=draft))

    def new(self) -> None:
        self.add_promise_for_trigger()

    def edit(self) -> None:
        self.add_promise_for_trigger()


SECTIONS: tuple[type[Section[object]], ...] = cast(
    "tuple[type[Section[object]], ...]",
    (
        CheckInsSection,
        AppreciationsSection,
        BidsSection,
        BoundariesSection,
        GoalsSection,
        LettersSection,
        CareSection,
    ),
)
