"""The check-in's pages, one per step: each shows the step's answer and reads it back.

A page is built from the draft as saved (`StepPage(checkin)`), so a resumed draft shows
everything typed before. `read()` gives the answer the fields describe, or raises a
TrackerError saying what to fix; `typed()` says whether anything was written at all
(Esc asks before dropping it). Pages post `StepPage.Edited` whenever a field changes,
so the flow can save as the user types. User text is always shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tracker.errors import ValidationError
from tracker.model import QualityKind
from tracker.parsing import format_duration, format_time, parse_duration, parse_time
from tracker.practices.answers import (
    AFTERMATH_PROMPTS,
    HALT_WORDS,
    MAX_AGREEMENTS,
    MAX_APPRECIATIONS,
    Aftermath,
    Agreement,
    Arrival,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import (
    STEPS,
    Answer,
    CheckIn,
    Step,
    issue_accusations,
    parse_plan_day,
    rewritten_issue,
    settle_advice,
)
from tracker.practices.readback import agreement_line, day_words, facts_lines
from tracker.practices.records import Appreciation, Person
from tracker.practices.week import WeekInFacts
from tracker.ui.dialogs.quality_entry import KIND_OPTIONS
from tracker.ui.literal import literal
from tracker.ui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    pass


# The week's appreciations already kept, shown on the appreciations step (the rest: in Us).
KEPT_SHOWN = 5


def _field(text: str, field_id: str, placeholder: str = "", classes: str = "") -> Input:
    return Input(text, placeholder=placeholder, id=field_id, compact=True, classes=classes)


def _area(text: str, area_id: str, placeholder: str) -> TextArea:
    return TextArea(
        text,
        id=area_id,
        soft_wrap=True,
        show_line_numbers=False,
        placeholder=placeholder,
        classes="checkin-area",
        compact=True,
    )


def _row(label: str, widget: Widget) -> Horizontal:
    return Horizontal(Label(label, classes="checkin-label"), widget, classes="checkin-row")


class StepPage(VerticalScroll):
    """One step of the check-in. Subclasses compose the fields and read them back."""

    STEP: ClassVar[Step | None] = None

    class Edited(Message):
        """A field of the page changed (the flow saves what was typed, a moment later)."""

    def __init__(self, checkin: CheckIn, *, id: str | None = None) -> None:
        super().__init__(classes="checkin-page", id=id)
        self.checkin = checkin

    def read(self) -> Answer | None:
        """The answer the fields describe (None: nothing to keep for this step)."""
        return None

    def typed(self) -> bool:
        """Whether the fields hold words the user wrote (asked before dropping them)."""
        return False

    def saved_answer(self) -> Answer | None:
        return None if self.STEP is None else self.checkin.answer_of(self.STEP)

    def focus_first(self) -> None:
        for widget in self.query("Input, TextArea, Checkbox, RadioSet, OptionList, Button"):
            if widget.focusable:
                widget.focus()
                return

    def on_input_changed(self, event: Input.Changed) -> None:
        self._edited()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._edited()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._edited()

    def _edited(self) -> None:
        self.post_message(self.Edited())

    def text_of(self, selector: str) -> str:
        widget = self.query_one(selector)
        if isinstance(widget, TextArea):
            return widget.text
        return cast("Input", widget).value


class SettlePage(StepPage):
    """Step 1: hungry, angry, lonely, tired, for each of us; a gentle word if any is yes."""

    STEP = Step.SETTLE

    def compose(self) -> ComposeResult:
        settle = self.checkin.settle or Settle()
        for who, label, arrival in (
            ("me", "You", settle.me),
            ("partner", "Your partner", settle.partner),
        ):
            with Horizontal(classes="checkin-row halt-row"):
                yield Label(label, classes="checkin-label")
                for word in HALT_WORDS:
                    yield TickBox(
                        word.capitalize(),
                        getattr(arrival, word),
                        id=f"{who}-{word}",
                        compact=True,
                    )
        yield Static(
            "Tab moves between the boxes, space ticks one. Nothing ticked is an answer too.",
            classes="checkin-hint",
        )
        yield Static("", id="settle-advice", classes="checkin-advice")
        yield Button("Pick another time", id="settle-later", compact=True)

    def on_mount(self) -> None:
        self._show_advice()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._show_advice()
        self._edited()

    def _show_advice(self) -> None:
        advice = settle_advice(self.read())
        shown = self.query_one("#settle-advice", Static)
        shown.update(Content(advice or ""))
        shown.display = advice is not None
        self.query_one("#settle-later", Button).display = advice is not None

    def read(self) -> Settle:
        def arrival(who: str) -> Arrival:
            answers = [self.query_one(f"#{who}-{word}", Checkbox).value for word in HALT_WORDS]
            return Arrival(*answers)

        return Settle(me=arrival("me"), partner=arrival("partner"))

    @property
    def any_yes(self) -> bool:
        return self.read().any_yes


class FactsPage(StepPage):
    """Step 2: the week in facts, computed from the data by the flow (`show_facts`)."""

    STEP = Step.FACTS

    def __init__(self, checkin: CheckIn, *, id: str | None = None) -> None:
        super().__init__(checkin, id=id)
        self.facts: WeekInFacts | None = None

    def compose(self) -> ComposeResult:
        yield Static("Looking at the week…", id="facts-lines", classes="checkin-facts")

    def show_facts(self, facts: WeekInFacts) -> None:
        self.facts = facts
        lines = facts_lines(facts)
        period = f"{day_words(facts.week_start)} to {day_words(facts.through)}"
        if not facts.promises:
            lines.insert(0, "No promises were running this week.")
        text = Content.assemble(
            Content.styled(f"From {period}, as you logged it:\n", "dim"),
            literal("\n".join(lines), one_line=False),
        )
        self.query_one("#facts-lines", Static).update(text)

    def read(self) -> WeekInFacts | None:
        return self.facts

    def focus_first(self) -> None:
        self.focus()


class AppreciationsPage(StepPage):
    """Step 3: up to five appreciations, each with the quality it shows (optional)."""

    STEP = Step.APPRECIATIONS

    def compose(self) -> ComposeResult:
        items = list(self.checkin.appreciations or ())
        for number in range(MAX_APPRECIATIONS):
            item = items[number] if number < len(items) else CheckInAppreciation("")
            with Horizontal(classes="checkin-row"):
                yield Label(f"{number + 1}.", classes="checkin-number")
                yield _field(
                    item.text,
                    f"appreciation-{number}",
                    "something specific, this week" if number == 0 else "",
                    classes="appreciation-text",
                )
                yield _field(
                    item.quality,
                    f"quality-{number}",
                    "the quality it shows" if number == 0 else "quality",
                    classes="appreciation-quality",
                )
        yield Static("They join your appreciations list when you finish.", classes="checkin-hint")
        yield Static("", id="appreciations-kept", classes="checkin-hint")

    def show_kept(self, kept: Sequence[Appreciation]) -> None:
        """The week's appreciations kept already (in Us or with `tracker appreciate`)."""
        shown = self.query_one("#appreciations-kept", Static)
        shown.display = bool(kept)
        if not kept:
            return
        parts = [Content.styled("Already kept about this week:", "bold")]
        for item in kept[:KEPT_SHOWN]:
            who = "you" if item.by is Person.ME else "your partner"
            parts += [Content(f"\n· {day_words(item.day)}, {who}: "), literal(item.text[:200])]
            if item.quality:
                parts += [Content(" ("), literal(item.quality[:60]), Content(")")]
        if len(kept) > KEPT_SHOWN:
            parts.append(Content(f"\n  and {len(kept) - KEPT_SHOWN} more, in Us (6)"))
        shown.update(Content.assemble(*parts))

    def read(self) -> tuple[CheckInAppreciation, ...]:
        return tuple(
            CheckInAppreciation(
                self.text_of(f"#appreciation-{number}"), self.text_of(f"#quality-{number}")
            )
            for number in range(MAX_APPRECIATIONS)
        )

    def typed(self) -> bool:
        return any(item.text.strip() or item.quality.strip() for item in self.read())


class WentRightPage(StepPage):
    """Step 4: what went right this week."""

    STEP = Step.WENT_RIGHT

    def compose(self) -> ComposeResult:
        yield _area(self.checkin.went_right or "", "went-right", "small things count")

    def read(self) -> str:
        return self.text_of("#went-right")

    def typed(self) -> bool:
        return bool(self.read().strip())


class IssuePage(StepPage):
    """Step 5: one issue as "I feel … about … I need …", or a regrettable incident's
    aftermath; the coach offers a rewrite of "you always / you never"."""

    STEP = Step.ISSUE
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "use_rewrite", "Use the rewrite", show=False),
    ]

    def compose(self) -> ComposeResult:
        issue = self.checkin.issue
        feel = issue if isinstance(issue, IStatement) else IStatement()
        aftermath = issue if isinstance(issue, Aftermath) else Aftermath()
        yield TickBox(
            "A regrettable incident: talk it through with the aftermath steps",
            isinstance(issue, Aftermath),
            id="issue-aftermath-kind",
            compact=True,
        )
        yield Static("shift+tab reaches this box, space ticks it.", classes="checkin-hint indented")
        with Vertical(id="issue-feel", classes="issue-fields"):
            yield _row("I feel", _field(feel.feel, "feel", "hurt, lonely, worried…"))
            yield _row("about", _field(feel.about, "about", "what happened, plainly"))
            yield _row("I need", _field(feel.need, "need", "what would help"))
        with Vertical(id="issue-aftermath", classes="issue-fields"):
            for name, prompt, text in zip(
                ("felt", "saw", "touched", "my_part", "differently"),
                AFTERMATH_PROMPTS,
                aftermath.parts,
                strict=True,
            ):
                yield Label(prompt, classes="checkin-prompt")
                yield _field(text, name)
        with Vertical(id="issue-coach", classes="coach"):
            yield Static("", id="issue-coach-text", classes="coach-text")
            yield Button("Use it (ctrl+r)", id="use-rewrite", compact=True)

    def on_mount(self) -> None:
        self._show_kind()
        self._update_coach()

    def focus_first(self) -> None:
        self.query_one("#felt" if self.aftermath else "#feel", Input).focus()

    @property
    def aftermath(self) -> bool:
        return self.query_one("#issue-aftermath-kind", Checkbox).value

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_kind()
        self._update_coach()
        self._edited()

    def _show_kind(self) -> None:
        self.query_one("#issue-feel").display = not self.aftermath
        self.query_one("#issue-aftermath").display = self.aftermath

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update_coach()
        self._edited()

    def _update_coach(self) -> None:
        """Offer the rewrite as the words will read once it is used."""
        issue = self.read()
        found = issue_accusations(issue)
        rewritten = rewritten_issue(issue)
        coach = self.query_one("#issue-coach")
        coach.display = bool(found) and rewritten is not None
        if not found or rewritten is None:
            return
        changed, name = rewritten
        offer = changed.sentence if isinstance(changed, IStatement) else getattr(changed, name)
        self.query_one("#issue-coach-text", Static).update(
            Content.assemble(
                "“",
                literal(found[0].phrase),
                "” can be hard to hear. Try:\n",
                literal(offer, "bold", one_line=False),
            )
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "use-rewrite":
            event.stop()
            self.action_use_rewrite()

    def action_use_rewrite(self) -> None:
        """Rewrite the first "you always / you never" in place; the cursor on the "…"."""
        found = rewritten_issue(self.read())
        if found is None:
            return
        issue, name = found
        field = self.query_one(f"#{name}", Input)
        field.value = getattr(issue, name)
        field.focus()
        blank = field.value.find("…")
        field.cursor_position = blank if blank >= 0 else len(field.value)

    def read(self) -> IStatement | Aftermath:
        if self.aftermath:
            return Aftermath(
                *(
                    self.text_of(f"#{name}")
                    for name in ("felt", "saw", "touched", "my_part", "differently")
                )
            )
        return IStatement(self.text_of("#feel"), self.text_of("#about"), self.text_of("#need"))

    def typed(self) -> bool:
        return not self.read().is_empty


class LovedPage(StepPage):
    """Step 6: "What can I do this week to make you feel more loved?", asked both ways."""

    STEP = Step.LOVED

    def compose(self) -> ComposeResult:
        loved = self.checkin.loved or LovedAsk()
        yield Label("My ask: what would make me feel more loved", classes="checkin-prompt")
        yield _area(loved.mine, "loved-mine", "something my partner can do this week")
        yield Label("What my partner asked of me", classes="checkin-prompt")
        yield _area(loved.partners, "loved-partners", "something I can do this week")

    def read(self) -> LovedAsk:
        return LovedAsk(self.text_of("#loved-mine"), self.text_of("#loved-partners"))

    def typed(self) -> bool:
        return not self.read().is_empty


class AgreementList(OptionList):
    """The agreements so far; p makes the highlighted one a promise, d removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "screen.make_promise", "Promise", tooltip="Make it a promise"),
        Binding("d,delete", "remove_agreement", "Remove"),
    ]

    def action_remove_agreement(self) -> None:
        page = next(
            (ancestor for ancestor in self.ancestors if isinstance(ancestor, AgreementsPage)),
            None,
        )
        if page is not None and self.highlighted is not None:
            page.remove_agreement(self.highlighted)


class AgreementsPage(StepPage):
    """Step 7: what we agree on; each agreement can become a promise in one key."""

    STEP = Step.AGREEMENTS

    def __init__(self, checkin: CheckIn, *, id: str | None = None) -> None:
        super().__init__(checkin, id=id)
        self.agreements: list[Agreement] = list(checkin.agreements or ())

    def compose(self) -> ComposeResult:
        yield _row(
            "Agreed",
            _field("", "agreement", "something you both agree on, then enter"),
        )
        yield AgreementList(id="agreements", compact=True)
        yield Static("", id="agreements-hint", classes="checkin-hint")

    def on_mount(self) -> None:
        self._show()

    def _show(self, highlight: int | None = None) -> None:
        listing = self.query_one(AgreementList)
        listing.clear_options()
        listing.add_options(
            Option(literal(agreement_line(number, agreement)))
            for number, agreement in enumerate(self.agreements, start=1)
        )
        listing.display = bool(self.agreements)
        if self.agreements:
            last = len(self.agreements) - 1
            listing.highlighted = min(last, highlight) if highlight is not None else last
        hint = (
            "tab to the list, ↑↓ to choose: p makes one a promise (the form opens filled "
            "in), d removes it"
            if self.agreements
            else f"Up to {MAX_AGREEMENTS}. Each can become a promise."
        )
        self.query_one("#agreements-hint", Static).update(hint)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return
        if len(self.agreements) >= MAX_AGREEMENTS:
            full = f"Up to {MAX_AGREEMENTS} agreements; this check-in has them all."
            self.app.notify(full, markup=False)
            return
        self.agreements.append(Agreement(text))
        event.input.value = ""
        self._show()
        self._edited()

    def remove_agreement(self, index: int) -> None:
        if 0 <= index < len(self.agreements):
            del self.agreements[index]
            self._show(index)
            self._edited()

    def linked(self, checkin: CheckIn) -> None:
        """The draft saved with an agreement linked to its promise: show the link."""
        self.checkin = checkin
        self.agreements = list(checkin.agreements or ())
        self._show(self.highlighted())

    def highlighted(self) -> int | None:
        listing = self.query_one(AgreementList)
        return listing.highlighted if self.agreements else None

    def read(self) -> tuple[Agreement, ...]:
        pending = self.text_of("#agreement")
        extra = (Agreement(pending),) if pending.strip() else ()
        return (*self.agreements, *extra)

    def typed(self) -> bool:
        return bool(self.read())


class ReconnectPage(StepPage):
    """Step 8: time together we plan: what, when, how long, what kind. With a day and a
    time, a reminder comes then; "Log it now" opens the time-together form filled in."""

    STEP = Step.RECONNECT

    def __init__(self, checkin: CheckIn, today: date, *, id: str | None = None) -> None:
        super().__init__(checkin, id=id)
        self.today = today

    def compose(self) -> ComposeResult:
        plan = self.checkin.reconnect or ReconnectPlan()
        yield _row("What", _field(plan.text, "plan-text", "a walk, dinner, an hour without phones"))
        with Horizontal(classes="checkin-row"):
            yield Label("When", classes="checkin-label")
            yield _field(
                plan.day.isoformat() if plan.day else "",
                "plan-day",
                "saturday, tomorrow, YYYY-MM-DD",
                classes="plan-day",
            )
            yield Label("at", classes="checkin-label short")
            yield _field(format_time(plan.at) if plan.at else "", "plan-at", "19:30", "plan-at")
        with Horizontal(classes="checkin-row"):
            yield Label("How long", classes="checkin-label")
            yield _field(
                format_duration(plan.minutes) if plan.minutes else "",
                "plan-minutes",
                "1h",
                classes="plan-minutes",
            )
            yield Label("Kind", classes="checkin-label short")
            yield Select(
                KIND_OPTIONS,
                value=plan.kind if plan.kind is not None else Select.NULL,
                prompt="any kind",
                compact=True,
                id="plan-kind",
            )
        yield Static("", id="plan-note", classes="checkin-hint")
        yield Button("Log it as time together now", id="log-plan", compact=True)

    def on_mount(self) -> None:
        self._note()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._note()
        self._edited()

    def _note(self) -> None:
        try:
            plan = self.read()
        except ValidationError as error:
            note = str(error)
        else:
            if plan.day is not None and plan.at is not None:
                note = (
                    f"tracker will remind you on {day_words(plan.day)} at "
                    f"{format_time(plan.at)} once the check-in is finished."
                )
            else:
                note = "With a day and a time, tracker reminds you then."
        self.query_one("#plan-note", Static).update(literal(note, one_line=False))

    def read(self) -> ReconnectPlan:
        day_text = self.text_of("#plan-day").strip()
        at_text = self.text_of("#plan-at").strip()
        minutes_text = self.text_of("#plan-minutes").strip()
        kind = self.query_one("#plan-kind", Select).value
        return ReconnectPlan(
            text=self.text_of("#plan-text"),
            day=parse_plan_day(day_text, self.today) if day_text else None,
            at=parse_time(at_text) if at_text else None,
            minutes=parse_duration(minutes_text) if minutes_text else None,
            kind=kind if isinstance(kind, QualityKind) else None,
        )

    def typed(self) -> bool:
        fields = ("#plan-text", "#plan-day", "#plan-at", "#plan-minutes")
        return any(self.text_of(selector).strip() for selector in fields)


class FinishPage(StepPage):
    """Past the last step: where each step stands, and Finish."""

    def compose(self) -> ComposeResult:
        yield Static(
            "Finishing keeps this check-in to read back. Enter on a step goes back to it.",
            classes="checkin-hint",
        )
        yield OptionList(id="finish-steps", compact=True)
        with Horizontal(classes="checkin-row finish-buttons"):
            yield Button("Finish (ctrl+f)", id="finish", variant="primary", compact=True)
            yield Button("Drop this check-in", id="drop", compact=True)

    def show(self, checkin: CheckIn) -> None:
        """Where each step stands in the draft as saved now."""
        self.checkin = checkin
        listing = self.query_one("#finish-steps", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(Option(self._step_line(step), id=step.value) for step in STEPS)
        listing.highlighted = highlighted if highlighted is not None else 0

    def _step_line(self, step: Step) -> Content:
        answered = self.checkin.answer_of(step) is not None
        state = "✓ answered" if answered else "· passed over"
        return Content.assemble(f"{step.number}. {step.label:<20} ", (state, "dim"))

    def focus_first(self) -> None:
        self.query_one("#finish", Button).focus()
