"""Today: the promises due on the shown day, checked off with one key."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from tracker.share.views import Noticed

from tracker.amounts import status_for
from tracker.daybreak import ONE_DAY
from tracker.errors import TrackerError
from tracker.model import (
    MINUTES,
    DayStatus,
    MarkStatus,
    TargetKind,
    clean_amount,
    clean_day_amount,
)
from tracker.parsing import format_count, parse_amount, streak_words
from tracker.service import Change, DayRow, DayView
from tracker.text import visible
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.screens.tag_filter import TagFiltered
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, TitleWithTail, cell
from tracker.ui.widgets.marks import (
    day_strip,
    legend,
    row_progress,
    row_state_cell,
    state_cell,
)

STRIP_DAYS = 14

COLUMNS = (
    ColumnSpec("state", "", 9),
    ColumnSpec("promise", "Promise"),
    ColumnSpec("streak", "Streak", 9),
    ColumnSpec("strip", "Last 14 days", STRIP_DAYS),
)

EMPTY_STATE = (
    "Nothing to keep yet — let's start small.\n\n"
    "A promise is one concrete thing you will do, such as “Phone away at dinner” or "
    "“Text when I'll be late”. Each day you check it off, and the streaks show the trust "
    "you are rebuilding, one kept promise at a time.\n\n"
    "Press  a  to add your first promise.\n"
    '(Or from a shell: tracker add "Phone away at dinner" --schedule daily)'
)


def describe_day(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - ONE_DAY:
        return "yesterday"
    if day == today + ONE_DAY:
        return "tomorrow"
    if day < today:
        return f"{format_count((today - day).days, 'days')} ago"
    return f"in {format_count((day - today).days, 'days')}"


def noticed_line(noticed: Noticed) -> Content:
    """What the partner noticed, in their words: '♥ Alex noticed: “It made my morning.”'."""
    said = Content.assemble(("♥ ", "$accent"), literal(noticed.by), " noticed")
    if not noticed.message.strip():
        return said
    return Content.assemble(said, ": “", literal(noticed.message), "”")


def day_summary(view: DayView) -> str:
    """How the day stands, plainly and kindly: '3 of 5 kept · 2 still open'.

    It counts only what the day asks (the rows shown as due), as it stands now.
    """
    if not view.rows:
        return ""
    if view.day > view.today:
        return f"{format_count(len(view.due), 'promises')} due. Marks open on the day itself."
    if not view.due:
        return "Nothing is due on this day."
    kept, judged = view.kept, view.judged
    if judged and kept == judged:
        parts = [f"All {judged} kept" if judged > 1 else "Kept"]
    else:
        parts = [f"{kept} of {judged} kept"]
    for status, words in (
        (DayStatus.OPEN, "still open"),
        (DayStatus.MISSED, "missed"),
        (DayStatus.EXCUSED, "excused"),
    ):
        if view.count(status):
            parts.append(f"{view.count(status)} {words}")
    return " · ".join(parts)


class AmountEntry(Input):
    """Where space on a measured promise asks how much, in place under the table."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.display = False
        self.screen.query_one(FittedTable).focus()


def shown_progress(row: DayRow, amount: float, day: date, today: date) -> DayStatus:
    """How a measured day reads with `amount` (the rule of `tracker.amounts`, for the frame
    drawn before the write)."""
    if row.measure is None:
        return row.status
    status = DayStatus(status_for(row.measure, amount).value)
    if status is DayStatus.MISSED and row.measure.kind is TargetKind.AT_LEAST and day >= today:
        return DayStatus.OPEN
    return status


class TodayScreen(TagFiltered):
    """The home view: check off, uncheck, excuse; step back a day to fix a forgotten mark."""

    MODE = "today"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "check_off", "Kept"),
        Binding("plus", "step(1)", "A measured one: more", key_display="+", show=False),
        Binding("minus", "step(-1)", "A measured one: less", key_display="-", show=False),
        Binding("u", "uncheck", "Unmark"),
        Binding("x", "excuse", "Excuse"),
        Binding("n", "note_day", "Kept, with a note", show=False),
        Binding("o", "go_through_open", "What's open", show=False),
        Binding(
            "left,left_square_bracket",
            "previous_day",
            "Day",
            key_display="←/→",
            priority=True,
            tooltip="Previous day",
        ),
        Binding("right,right_square_bracket", "next_day", "Next day", show=False, priority=True),
        Binding("t", "show_today", "Back to today", show=False),
        Binding("a", "app.add_promise", "Add"),
        Binding("e", "edit_promise", "Edit"),
    ]

    # The day looked at (None: today, following the rollover); a change redraws the view.
    shown_day: reactive[date | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DayRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static("", id="today-heading", classes="heading")
        yield Static("", id="today-summary", classes="summary")
        yield FittedTable(COLUMNS, id="today-table")
        amount = AmountEntry(id="today-amount")
        amount.display = False
        yield amount
        yield Static("", id="today-detail", classes="hint")
        yield Static("", id="today-planned", classes="hint")
        yield Static(EMPTY_STATE, id="today-empty", classes="empty-state")
        yield Static("", id="today-hint", classes="hint")
        yield from self.compose_footer()

    # -- loading -------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self.shown_day or self.tracker.today

    def partner_changed(self) -> None:
        """What the partner noticed may have changed: redraw the rows."""
        self.reload()

    def day_changed(self, old_today: date) -> None:
        """At rollover, a view that showed today moves on with it; a look back stays put."""
        if self.shown_day == old_today:
            self.shown_day = None

    def watch_shown_day(self) -> None:
        self.reload()

    def load(self) -> None:
        service, day = self.service, self.day
        view = self.tagged_day(service.marks.day(day))
        self.rows = list(view.rows)
        palette = Palette.of(self.app)
        first = day - timedelta(days=STRIP_DAYS - 1)
        noticed = self.tracker.partner.noticed
        table_rows = []
        for row in self.rows:
            strip = day_strip(service.marks.states(row.promise, first, day), palette)
            cells = self._cells(
                row, strip, palette, noticed.get((row.promise.id, day)), view.week_words
            )
            table_rows.append((row.promise.id, cells))
        table = self.query_one(FittedTable)
        table.show_rows(table_rows)
        has_promises = bool(self.rows) or bool(service.promises.all())
        table.display = bool(self.rows)
        self.refresh_bindings()
        self.query_one("#today-empty").display = not has_promises
        self._show_heading(view, has_promises)
        self._show_planned()
        self.show_detail()

    def _show_planned(self) -> None:
        """Excuses planned for the coming two weeks, one line: a trip is not forgotten."""
        planned = self.service.plans.ahead(within_days=14)
        line = self.query_one("#today-planned", Static)
        line.display = bool(planned)
        if planned:
            words = " · ".join(plan.describe() for plan in planned)
            line.update(Content.assemble(("Planned: ", "bold"), literal(words)))

    def show_detail(self) -> None:
        """The highlighted promise's mark on the shown day: its note or its reason."""
        row = self._current()
        mark = row.mark if row is not None else None
        words = (mark.note or mark.reason) if mark is not None else ""
        noticed = None
        if row is not None:
            noticed = self.tracker.partner.noticed.get((row.promise.id, self.day))
        parts: list[Content] = []
        if mark is not None and words:
            parts.append(
                Content.assemble((f"{mark.status.value.capitalize()}: ", "bold"), literal(words))
            )
        if noticed is not None:
            parts.append(noticed_line(noticed))
        line = self.query_one("#today-detail", Static)
        line.display = bool(parts)
        if parts:
            line.update(Content("\n").join(parts))

    def on_data_table_row_highlighted(self, _event: FittedTable.RowHighlighted) -> None:
        self.show_detail()

    def _cells(
        self,
        row: DayRow,
        strip: Text,
        palette: Palette,
        noticed: Noticed | None,
        week_words: str,
    ) -> list[RenderableType]:
        name = literal_cell(row.promise.title, "" if row.due else palette.muted)
        tail = Text()
        tail.append(row_progress(row, week_words), palette.muted)
        if noticed is not None:
            # Discreet: a small heart and who, in the quiet colour; the highlighted row's
            # detail line below shows what they said.
            tail.append("  ♥ ", palette.accent)
            tail.append(visible(noticed.by), palette.muted)
        title: RenderableType = TitleWithTail(name, tail) if tail else name
        streak = cell(streak_words(row.streak, row.streak_unit))
        if not row.streak:
            streak.stylize(palette.faint)
        return [row_state_cell(row, palette), title, streak, strip]

    def _show_heading(self, view: DayView, has_promises: bool) -> None:
        day, today = self.day, self.tracker.today
        heading = Content.assemble(
            (f"{day:%A %-d %B %Y}", "bold"),
            (f"  {describe_day(day, today)}", "$foreground-muted"),
            self.tag_title(),
        )
        self.query_one("#today-heading", Static).update(heading)
        summary = day_summary(view) if has_promises else ""
        if has_promises and not self.rows:
            summary = "No promise is active on this day."
            if day < today:
                summary = (
                    "No promise had started on this day. To record it, move a promise's "
                    f"start back: t, then e on the promise, and Starts: {day.isoformat()}."
                )
            if self.tag is not None:
                summary = "No promise with this tag is active on this day. f shows another."
        self.query_one("#today-summary", Static).update(Content(summary))
        hint = self.query_one("#today-hint", Static)
        if not has_promises:
            hint.update("")
        elif day < today:
            hint.update(
                Content("Looking back: marks you set here count for that day. t: back to today.")
            )
        elif day > today:
            hint.update(
                Content(
                    "Looking ahead: x excuses a day planned away; other marks wait for "
                    "the day. t: back to today."
                )
            )
        else:
            hint.update(self._today_hint())

    def _today_hint(self) -> Content:
        """The legend; while days are left to fill in (a start set back), how to fill them."""
        earlier = sum(1 for q in self.service.asking.open_days() if q.day < self.tracker.today)
        if not earlier:
            return Content.from_rich_text(legend(Palette.of(self.app)))
        return Content(
            f"{format_count(earlier, 'earlier days')} to fill in, never missed: "
            "o goes through them."
        )

    # -- the highlighted promise ------------------------------------------------------

    ROW_ACTIONS = frozenset({"check_off", "uncheck", "excuse", "edit_promise", "note_day", "step"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on a promise are shown dimmed while there is none."""
        if action in self.ROW_ACTIONS and not self.rows:
            return None
        return True

    def _current(self) -> DayRow | None:
        key = self.query_one(FittedTable).current_key
        return next((row for row in self.rows if row.promise.id == key), None)

    def action_check_off(self) -> None:
        row, day = self._current(), self.day
        if row is None:
            self.tracker.say("Add a promise first: press a.")
            return
        promise = row.promise
        if row.measure is not None:
            self._ask_amount(row, day)
            return
        self._show_kept_at_once(row, day)
        self.tracker.save(lambda: self.service.marks.check_off(promise, day), after_frame=True)

    # -- a measured promise's amount ------------------------------------------------------

    def _ask_amount(self, row: DayRow, day: date) -> None:
        """Space on a measured promise: how much, asked in place under the table."""
        try:
            self.service.marks.refuse_unmarkable(row.promise, day)
        except TrackerError as error:
            self.tracker.report(error)
            return
        entry = self.query_one(AmountEntry)
        entry.value = ""
        entry.placeholder = (
            f"{row.progress} so far. How much more? 3, 15m, 1h30 · =5 sets it · Esc cancels"
        )
        entry.display = True
        entry.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, AmountEntry):
            return
        event.stop()
        row, day = self._current(), self.day
        typed = event.value.strip()
        replace_it = typed.startswith("=")
        try:
            amount, _ = parse_amount(typed.removeprefix("="))
            had = row.mark.amount if row and row.mark and not replace_it else None
            clean_amount(amount)
            if row is not None and row.measure is not None:
                clean_day_amount((had or 0.0) + amount, row.measure.unit)
        except TrackerError as error:
            self.tracker.report(error)
            return  # the entry stays open to be corrected
        event.input.display = False
        self.query_one(FittedTable).focus()
        if row is not None:
            self._enter(row, day, amount, add=not replace_it)

    def action_step(self, delta: int) -> None:
        """+ and -: one more or one fewer (five minutes for minutes) on the day."""
        row, day = self._current(), self.day
        if row is None or row.measure is None:
            return
        step = 5.0 if row.measure.unit == MINUTES else 1.0
        had = row.mark.amount if row.mark is not None and row.mark.amount is not None else 0.0
        if delta > 0:
            self._enter(row, day, step, add=True)
        else:
            self._enter(row, day, max(0.0, had - step), add=False)

    def _enter(self, row: DayRow, day: date, amount: float, *, add: bool) -> None:
        """Show the new amount in the next frame, then write it (as a check-off does)."""
        promise = row.promise
        try:
            self.service.marks.refuse_unmarkable(promise, day)
            shown = (row.amount or 0.0) + amount if add else amount
            if row.measure is not None and row.week_target is None:
                status = shown_progress(row, shown, day, self.tracker.today)
                now = replace(row, amount=shown, status=status)
                self.rows = [now if r is row else r for r in self.rows]
                self.query_one(FittedTable).show_cell(
                    promise.id, "state", row_state_cell(now, Palette.of(self.app))
                )
        except TrackerError:
            pass  # the write says why
        self.tracker.save(
            lambda: self.service.marks.enter(promise, day, amount, add=add), after_frame=True
        )

    def _show_kept_at_once(self, row: DayRow, day: date) -> None:
        """The row shows kept in the very next frame, before the write reaches the disk;
        the redraw after the write shows the day as saved (or puts the row back, with
        the reason, if the mark was refused)."""
        try:
            self.service.marks.refuse_unmarkable(row.promise, day)
        except TrackerError:
            return  # the write says why, as it always has
        kept = replace(row, status=DayStatus.KEPT)
        self.rows = [kept if shown is row else shown for shown in self.rows]
        palette = Palette.of(self.app)
        self.query_one(FittedTable).show_cell(
            row.promise.id, "state", state_cell(kept.status, palette)
        )

    def action_uncheck(self) -> None:
        row, day = self._current(), self.day
        if row is None:
            self.tracker.say("Add a promise first: press a.")
            return
        promise = row.promise

        def said(change: Change[object]) -> None:
            if change.saved is not None:  # a mark was removed: say how to put it back
                self.tracker.announce(change)

        self.tracker.save(
            lambda: self.service.marks.unmark(promise, day), saved=said, after_frame=True
        )

    def action_excuse(self) -> None:
        row, day = self._current(), self.day
        if row is None:
            return
        try:
            self.service.marks.refuse_unmarkable(row.promise, day, MarkStatus.EXCUSED)
        except TrackerError as error:
            self.tracker.report(error)
            return
        # Imported here: the dialog (and its form widgets) is not needed to draw Today.
        from tracker.ui.dialogs.excuse import ExcuseDialog

        self.app.push_screen(ExcuseDialog(row.promise, day, self.tracker.today))

    def action_note_day(self) -> None:
        """Kept, with a few words kept with the day (on a kept day: change its note)."""
        row, day = self._current(), self.day
        if row is None:
            return
        try:
            self.service.marks.refuse_unmarkable(row.promise, day)
        except TrackerError as error:
            self.tracker.report(error)
            return
        from tracker.ui.dialogs.day_note import DayNoteDialog

        self.app.push_screen(DayNoteDialog(row.promise, day, row.mark))

    def action_go_through_open(self) -> None:
        """One question per promise still open today: y kept, n missed, s excused."""
        questions = self.service.asking.open_days()
        if not questions:
            self.tracker.say("Nothing is open today: every promise due is answered.")
            return
        from tracker.ui.dialogs.ask import AskDialog

        self.app.push_screen(AskDialog(questions))

    def action_previous_day(self) -> None:
        self.shown_day = self.day - ONE_DAY

    def action_next_day(self) -> None:
        following = self.day + ONE_DAY
        self.shown_day = None if following == self.tracker.today else following

    def action_show_today(self) -> None:
        self.shown_day = None

    def action_edit_promise(self) -> None:
        row = self._current()
        if row is None:
            self.tracker.action_add_promise()
            return
        self.tracker.edit_promise(row.promise)

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        """Enter on a promise opens it for editing."""
        event.stop()
        self.action_edit_promise()
