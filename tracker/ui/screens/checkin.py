"""The weekly check-in, full screen: eight steps, each skippable, saved as you go.

The flow holds the draft as last saved (`self.checkin`) and one page for its current
step (`tracker.ui.screens.checkin_steps`). Every move writes through the service
(`tracker.checkins`), keeping first what was typed on the page; typing itself is kept a
moment after the last keystroke, and when the app quits, so closing the app at any step
loses nothing: `c` picks the draft up where it was. Esc leaves (the draft waits) and
asks only before dropping words that cannot be kept. Finishing shows the check-in read
back. The time set aside is shown quietly, never as an alarm.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Footer, OptionList, Static

from tracker.errors import TrackerError
from tracker.practices.checkin import (
    STEP_PROMPTS,
    STEPS,
    Answer,
    CheckIn,
    Step,
    agreement_as_promise,
    answer,
    reconnect_as_quality,
    time_box_note,
)
from tracker.practices.readback import day_words, week_looked_at
from tracker.service import Change
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.face import Face, face_of
from tracker.ui.screens.checkin_steps import (
    AgreementsPage,
    AppreciationsPage,
    FactsPage,
    FinishPage,
    IssuePage,
    LovedPage,
    ReconnectPage,
    SettlePage,
    StepPage,
    WentRightPage,
)
from tracker.ui.stylesheets import stylesheet

if TYPE_CHECKING:
    from datetime import datetime

    from textual.timer import Timer

    from tracker.model import Promise, QualityTime

# Typing is kept this long after the last keystroke.
KEEP_AFTER_SECONDS = 1.0
TIME_BOX_SECONDS = 30.0

PAGES: dict[Step, type[StepPage]] = {
    Step.SETTLE: SettlePage,
    Step.FACTS: FactsPage,
    Step.APPRECIATIONS: AppreciationsPage,
    Step.WENT_RIGHT: WentRightPage,
    Step.ISSUE: IssuePage,
    Step.LOVED: LovedPage,
    Step.AGREEMENTS: AgreementsPage,
}

INTRO = (
    "Eight short steps; skip any of them. What you write is saved as you go: stop at "
    "any time, and c picks up where you left off."
)
WAITING = "Your check-in waits for you: press c to go on where you left off."


class CheckInScreen(Screen[None]):
    """The weekly check-in flow (`c`): start or resume the draft, step by step."""

    CSS_PATH = stylesheet("checkin.tcss")
    # Like a form: the palette offers only what cannot strand what is being typed.
    IS_FLOW = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n,pagedown", "next", "Next", priority=True),
        Binding("ctrl+b,pageup", "back", "Back", priority=True),
        Binding("ctrl+o", "skip", "Skip this step", show=False, priority=True),
        Binding("ctrl+f", "finish", "Finish", priority=True),
        Binding("ctrl+l", "past", "Past check-ins", show=False),
        Binding("escape", "leave", "Leave"),
        # The views' keys wait until the check-in is left (typed text is never lost).
        Binding("1,2,3,4,5,6", "stay", "Views, once you have left (esc)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.checkin: CheckIn | None = None
        self.page: StepPage | None = None
        # One page per step (and the last page), built once: moving between steps only
        # shows another page, so no keystroke falls between two pages.
        self.pages: dict[Step | None, StepPage] = {}
        self.sitting_began: datetime | None = None  # set on mount, from the app's clock
        self._opened: Change[CheckIn] | TrackerError | None = None
        self._busy = False
        self._edits = 0
        self._kept_edits = 0
        self._keep_timer: Timer | None = None

    @property
    def tracker(self) -> Face:
        return face_of(self)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        try:
            self._opened = opened = self.tracker.service.checkins.start()
        except TrackerError as error:
            self._opened = error
        else:
            self.checkin = opened.saved
            self.pages = {step: self._page_for(step, opened.saved) for step in (*STEPS, None)}
        with Horizontal(id="checkin-top", classes="top-bar"):
            yield Static("Weekly check-in", id="checkin-title")
            yield Static("", id="checkin-progress")
        with Vertical(id="checkin-head"):
            yield Static("", id="checkin-step", classes="checkin-step-title")
            yield Static("", id="checkin-prompt", classes="checkin-step-prompt")
        yield ContentSwitcher(*self.pages.values(), id="checkin-body")
        yield Static("", id="checkin-error", classes="form-error")
        with Horizontal(id="checkin-nav"):
            yield Static("", id="checkin-timebox")
            yield Button("Back", id="nav-back", compact=True)
            yield Button("Skip", id="nav-skip", compact=True)
            yield Button("Next", id="nav-next", variant="primary", compact=True)
        yield Footer()

    def _page_for(self, step: Step | None, checkin: CheckIn) -> StepPage:
        if step is None:
            return FinishPage(checkin, id="page-finish")
        if step is Step.RECONNECT:
            return ReconnectPage(checkin, self.tracker.today, id=f"page-{step.value}")
        return PAGES[step](checkin, id=f"page-{step.value}")

    def on_mount(self) -> None:
        self.sitting_began = self.tracker.clock.now()
        self.query_one("#checkin-error").display = False
        opened = self._opened
        if not isinstance(opened, Change):
            if isinstance(opened, TrackerError):
                self.tracker.report(opened, title="Cannot open the check-in")
            self.dismiss(None)
            return
        if opened.saved.id or self.tracker.service.checkins.held_about(opened.saved.week_of):
            self.tracker.say(opened.message)  # picking up a draft, or a second check-in
        self.set_interval(TIME_BOX_SECONDS, self._show_time_box, name="time-box")
        self._show_page()

    # -- the current step -----------------------------------------------------------------

    @property
    def step(self) -> Step | None:
        return None if self.checkin is None else self.checkin.step

    def _show_page(self) -> None:
        """Show the page of the draft's current step."""
        checkin = self.checkin
        if checkin is None or not self.pages:
            return
        page = self.pages[checkin.step]
        self.query_one(ContentSwitcher).current = page.id
        self.page = page
        self._edits = self._kept_edits = 0
        if isinstance(page, FactsPage) and page.facts is None:
            self._fill_facts(page, checkin)
        if isinstance(page, AppreciationsPage):
            self._fill_kept(page, checkin)
        if isinstance(page, FinishPage):
            page.show(checkin)
        self._show_head()
        self._show_time_box()
        page.focus_first()

    async def _rebuild(self, step: Step) -> None:
        """A step passed over shows empty when it is come back to (its answer was left out)."""
        old, checkin = self.pages.get(step), self.checkin
        if old is None or checkin is None:
            return
        fresh = self._page_for(step, checkin)
        self.pages[step] = fresh
        await old.remove()
        await self.query_one(ContentSwitcher).mount(fresh)

    def _fill_facts(self, page: FactsPage, checkin: CheckIn) -> None:
        try:
            facts = self.tracker.service.checkins.week_in_facts(
                checkin.week_of, their_appreciations=self.tracker.partner.appreciations
            )
        except TrackerError as error:
            self.tracker.report(error, title="Cannot read the week")
            return
        page.show_facts(facts)

    def _fill_kept(self, page: AppreciationsPage, checkin: CheckIn) -> None:
        try:
            kept = self.tracker.service.appreciations.of_week(checkin.week_of)
        except TrackerError as error:
            self.tracker.report(error, title="Cannot read the appreciations")
            return
        page.show_kept(kept)

    def _show_head(self) -> None:
        checkin, step = self.checkin, self.step
        if checkin is None:
            return
        week = f"Weekly check-in · the week of {day_words(checkin.week_of)}"
        if checkin.held_on != self.tracker.today:
            week += f" · begun {day_words(checkin.held_on)}"
        self.query_one("#checkin-title", Static).update(Content(week))
        number = step.number if step is not None else len(STEPS)
        dots = "".join("●" if index < number else "○" for index in range(len(STEPS)))
        shown = f"step {number} of {len(STEPS)} {dots}" if step else f"all {len(STEPS)} steps"
        self.query_one("#checkin-progress", Static).update(Content(shown))
        if step is None:
            title, prompt = "Ready to finish", "Look back over the steps, then finish."
        else:
            title = step.label
            if step is Step.SETTLE:
                prompt = f"{STEP_PROMPTS[step]}\n{week_looked_at(checkin)} {INTRO}"
            else:
                prompt = STEP_PROMPTS[step]
        self.query_one("#checkin-step", Static).update(Content(title))
        self.query_one("#checkin-prompt", Static).update(Content(prompt))
        self._show_nav()
        self.clear_error()

    def _show_nav(self) -> None:
        step = self.step
        next_button = self.query_one("#nav-next", Button)
        if step is None:
            next_button.label = "Finish"
        elif isinstance(self.page, SettlePage) and self.page.any_yes:
            next_button.label = "Go on anyway"
        elif step is Step.RECONNECT:
            next_button.label = "Next: finish"
        else:
            next_button.label = "Next"
        next_button.refresh(layout=True)
        self.query_one("#nav-back", Button).disabled = step is Step.SETTLE
        self.query_one("#nav-skip", Button).display = step is not None

    def _show_time_box(self) -> None:
        checkin = self.checkin
        if checkin is None or self.sitting_began is None:
            return
        note = time_box_note(checkin.time_box_minutes, self.sitting_began, self.tracker.clock.now())
        self.query_one("#checkin-timebox", Static).update(Content(note))

    def show_error(self, message: str) -> None:
        error = self.query_one("#checkin-error", Static)
        error.update(Content(message))
        error.display = True

    def clear_error(self) -> None:
        self.query_one("#checkin-error", Static).display = False

    # -- saving as the user types ------------------------------------------------------------

    def on_step_page_edited(self, _event: StepPage.Edited) -> None:
        self._edits += 1
        self._show_nav()
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(KEEP_AFTER_SECONDS, self.keep_typing, name="keep")

    @property
    def has_unkept_typing(self) -> bool:
        return self._edits != self._kept_edits

    def _typed_answer(self) -> Answer | None:
        """What the page holds, if anything changed since it was last kept; a TrackerError
        if it cannot be kept as it is (checked as the service will check it)."""
        if self.page is None or self.checkin is None or not self.has_unkept_typing:
            return None
        value = self.page.read()
        if value is not None and self.checkin.step is not None:
            answer(self.checkin, value)
        return value

    def keep_typing(self) -> None:
        """Keep what was typed on the page (quietly: a half-written answer that cannot be
        kept yet is said only when moving on)."""
        if self._busy or self.checkin is None or self.step is None:
            return
        try:
            value = self._typed_answer()
        except TrackerError:
            return
        if value is None:
            return
        edits = self._edits
        self._write(
            lambda checkin: self.tracker.service.checkins.keep(checkin, value),
            then=lambda _change: self._kept(edits),
            stay=True,
        )

    def keep_before_quit(self) -> None:
        """The app is quitting: keep what was typed (the app waits for a busy file)."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self.keep_typing()

    def _kept(self, edits: int) -> None:
        self._kept_edits = max(self._kept_edits, edits)

    # -- writing --------------------------------------------------------------------------

    def _write(
        self,
        operation: Callable[[CheckIn], Change[CheckIn]],
        *,
        then: Callable[[Change[CheckIn]], object] | None = None,
        stay: bool = False,
        undoable: bool = False,
    ) -> None:
        """One write through the service, onto the draft as last saved; the page follows
        the draft's step once saved (unless `stay`)."""
        if self._busy:
            self.tracker.saver.retry_now()
            return
        self._busy = True
        edits = self._edits

        def write() -> Change[CheckIn]:
            assert self.checkin is not None
            return operation(self.checkin)

        def saved(change: Change[object]) -> None:
            self._busy = False
            before = self.step
            self.checkin = cast("Change[CheckIn]", change).saved
            for page in self.pages.values():
                page.checkin = self.checkin
            if stay:
                self.clear_error()
            else:
                self._kept_edits = edits
            if then is not None:
                then(cast("Change[CheckIn]", change))
            if not stay or self.step is not before:
                self._show_page()

        def refused(error: TrackerError) -> None:
            self._busy = False
            self.show_error(str(error))

        self.tracker.save(
            write, saved=saved, refused=refused, waiting=self.show_error, undoable=undoable
        )

    # -- moving -------------------------------------------------------------------------

    def action_next(self) -> None:
        if self.checkin is None:
            return
        if self.step is None:
            self.action_finish()
            return
        try:
            value = self.page.read() if self.page is not None else None
        except TrackerError as error:
            self.show_error(str(error))
            return
        checkins = self.tracker.service.checkins
        if value is None:  # the facts not read yet: nothing to keep, move on
            self._write(lambda checkin: checkins.go_to(checkin, _after(self.step)))
            return
        self._write(lambda checkin: checkins.answer(checkin, value))

    def action_back(self) -> None:
        if self.checkin is None or self.step is Step.SETTLE:
            return
        ok, keeping = self._keepable()
        if ok:
            self._write(lambda checkin: self.tracker.service.checkins.back(checkin, keeping))

    def action_skip(self) -> None:
        if self.checkin is None or self.step is None or self.page is None:
            return
        checkins = self.tracker.service.checkins
        skipped = self.step

        def skip() -> None:
            self._write(checkins.skip, then=lambda _change: self.call_later(self._rebuild, skipped))

        if not self.page.typed():
            skip()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                skip()

        self.app.push_screen(
            ConfirmDialog(Content("Skip this step? What you wrote here is left out."), "Skip"),
            answered,
        )

    def go_to_step(self, step: Step) -> None:
        """From the finish page: back to one step."""
        if self.checkin is not None:
            self._write(lambda checkin: self.tracker.service.checkins.go_to(checkin, step))

    def action_finish(self) -> None:
        """Anywhere: to the finish page (keeping what was typed). There: finish."""
        if self.checkin is None:
            return
        checkins = self.tracker.service.checkins
        if self.step is not None:
            ok, keeping = self._keepable()
            if ok:
                self._write(lambda checkin: checkins.go_to(checkin, None, keeping))
            return
        self._write(checkins.finish, then=self._finished, stay=True, undoable=True)

    def _finished(self, change: Change[CheckIn]) -> None:
        self.tracker.announce(change)
        finished = change.saved
        self.dismiss(None)
        self.tracker.read_checkin(finished)

    def _keepable(self) -> tuple[bool, Answer | None]:
        """(True, what was typed on the page, to keep before moving; None: nothing), or
        (False, None) when it cannot be kept as it is (the reason is shown)."""
        try:
            return True, self._typed_answer()
        except TrackerError as error:
            self.show_error(str(error))
            return False, None

    def action_stay(self) -> None:
        self.tracker.say("Esc leaves the check-in (it waits for you); then 1-6 switch views.")

    # -- leaving --------------------------------------------------------------------------

    def action_leave(self, then: Callable[[], object] | None = None) -> None:
        """Leave (and do `then`); what was typed is kept first, and only words that cannot
        be kept ask."""
        if self.checkin is None:
            self.dismiss(None)
            return
        try:
            value = self._typed_answer()
        except TrackerError as error:
            self._ask_to_leave(str(error), then)
            return
        if value is None:
            self._leave(then)
            return
        self._write(
            lambda checkin: self.tracker.service.checkins.keep(checkin, value),
            then=lambda _change: self._leave(then),
            stay=True,
        )

    def action_past(self) -> None:
        """The past check-ins, leaving this one to wait (c comes back to it)."""
        self.action_leave(then=self.tracker.action_checkins)

    def _ask_to_leave(self, reason: str, then: Callable[[], object] | None) -> None:
        def answered(leave: bool | None) -> None:
            if leave:
                self._leave(then)

        question = f"What you wrote here cannot be kept as it is: {reason} Leave without it?"
        self.app.push_screen(ConfirmDialog(Content(question), "Leave"), answered)

    def _leave(self, then: Callable[[], object] | None = None) -> None:
        if self._keep_timer is not None:
            self._keep_timer.stop()
        saved = self.checkin is not None and self.checkin.id
        self.dismiss(None)
        if then is not None:
            then()
        elif saved:
            self.tracker.say(WAITING)

    def pick_another_time(self) -> None:
        """Settling showed hungry, angry, lonely or tired: leave gently, the draft waits."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self.dismiss(None)
        self.tracker.say(
            "A good call. The check-in waits for you both: press c when you are ready."
        )

    def drop(self) -> None:
        checkin = self.checkin
        if checkin is None:
            return
        if not checkin.id:
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.tracker.save(
                    lambda: self.tracker.service.checkins.discard(checkin),
                    announce=True,
                    saved=lambda _change: self.dismiss(None),
                    refused=lambda error: self.show_error(str(error)),
                )

        self.app.push_screen(
            ConfirmDialog(
                Content("Drop this check-in? What you wrote in it goes (ctrl+z brings it back)."),
                "Drop",
            ),
            answered,
        )

    # -- buttons and the pages' own actions -------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions: dict[str, Callable[[], object]] = {
            "nav-next": self.action_next,
            "nav-back": self.action_back,
            "nav-skip": self.action_skip,
            "finish": self.action_finish,
            "drop": self.drop,
            "settle-later": self.pick_another_time,
            "log-plan": self.log_plan,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            event.stop()
            action()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(self.page, FinishPage) and event.option.id:
            event.stop()
            self.go_to_step(Step(event.option.id))

    def action_make_promise(self) -> None:
        """Agreements: the highlighted agreement becomes a promise (the form filled in)."""
        page = self.page
        if not isinstance(page, AgreementsPage):
            return
        index = page.highlighted()
        if index is None:
            return
        if page.agreements[index].promise_id:
            self.tracker.say(
                f"Agreement {index + 1} is a promise already "
                f"(number {page.agreements[index].promise_id})."
            )
            return
        try:
            value = self._typed_answer()
        except TrackerError as error:
            self.show_error(str(error))
            return
        if value is None:
            self._open_promise_form(index)
            return
        edits = self._edits

        def kept(_change: Change[CheckIn]) -> None:
            self._kept(edits)
            self._open_promise_form(index)

        self._write(
            lambda checkin: self.tracker.service.checkins.keep(checkin, value),
            then=kept,
            stay=True,
        )

    def _open_promise_form(self, index: int) -> None:
        from tracker.ui.dialogs.promise_editor import PromiseEditor

        checkin = self.checkin
        if checkin is None or index >= len(checkin.agreements or ()):
            return
        agreement = (checkin.agreements or ())[index]
        today = self.tracker.today

        def saved(promise: Promise | None) -> None:
            if promise is not None:
                self._link(index, promise)

        self.app.push_screen(
            PromiseEditor(today, draft=agreement_as_promise(agreement, today)), saved
        )

    def _link(self, index: int, promise: Promise) -> None:
        def linked(change: Change[CheckIn]) -> None:
            # The promise form said what was added; the list shows the link.
            if isinstance(self.page, AgreementsPage):
                self.page.linked(change.saved)

        self._write(
            lambda checkin: self.tracker.service.checkins.link_agreement(checkin, index, promise),
            then=linked,
            stay=True,
        )

    def log_plan(self) -> None:
        """Reconnect: log the planned time as time together now (the form filled in)."""
        from tracker.ui.dialogs.quality_entry import QualityEntryEditor

        if not isinstance(self.page, ReconnectPage):
            return
        try:
            plan = self.page.read()
        except TrackerError as error:
            self.show_error(str(error))
            return
        entry: QualityTime = reconnect_as_quality(plan, self.tracker.today)
        self.app.push_screen(QualityEntryEditor(entry, self.tracker.today))


def _after(step: Step | None) -> Step | None:
    if step is None:
        return None
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
