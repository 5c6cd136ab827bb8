"""Streaks: every promise's streaks, consistency and strength; one promise's year in detail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tracker.amounts import amount_of
from tracker.errors import TrackerError
from tracker.journey import journey_progress
from tracker.model import DayStatus, Mark, MarkStatus, Promise
from tracker.parsing import NO_STREAK, format_count, streak_words
from tracker.schedule import ScheduleKind, week_start
from tracker.service import PromiseStanding
from tracker.stats import PromiseStats, Run, strength_started
from tracker.text import visible
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.screens.tag_filter import TagFiltered
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, cell
from tracker.ui.widgets.heatmap import WEEKS, Heatmap, share_legend
from tracker.ui.widgets.marks import GLYPHS, legend, state_style
from tracker.ui.widgets.strength_chart import StrengthChart

COLUMNS = (
    ColumnSpec("promise", "Promise"),
    ColumnSpec("now", "Now", 8),
    ColumnSpec("best", "Best", 8),
    ColumnSpec("c7", "7d", 4),
    ColumnSpec("c30", "30d", 4),
    ColumnSpec("c90", "90d", 4),
    ColumnSpec("strength", "Strength", 8),
)

EMPTY_STATE = (
    "No streaks yet. Add a promise on Today (press 1, then a) and check it off: "
    "streaks, consistency and a year-long heatmap will grow here."
)


# How far ahead a promise's heatmap reaches to show an excuse planned ahead (a trip).
PLANNED_SHOWN_DAYS = 8 * 7

NO_TAGGED = "No promise carries this tag. f shows another, or every promise."


def measured(promise: Promise) -> str:
    """', at least 10 min' for a measured promise ('' for a yes/no one)."""
    if promise.measure is None:
        return ""
    per = " a week" if promise.schedule.is_weekly_target else " a day"
    return f", {promise.measure.describe()}{per}"


def planned_days(marks: Mapping[date, Mark], today: date) -> list[date]:
    """The days excused ahead of time (a trip), within what the heatmap shows ahead."""
    ahead = (today + timedelta(days=offset) for offset in range(1, PLANNED_SHOWN_DAYS + 1))
    # Only the days ahead are looked up: the years behind are not decoded for this.
    return [day for day in ahead if (mark := marks.get(day)) and mark.status is MarkStatus.EXCUSED]


def heatmap_start(today: date) -> date:
    """The Monday 52 weeks before this week's: the heatmaps' first full column."""
    return week_start(today) - timedelta(weeks=WEEKS - 1)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def journey_lines(start: date, today: date) -> list[str]:
    """The journey in words, longest first: 'Rebuilding since 3 Feb 2025 · 295 days ·
    ✓ 6 months ○ 1 year ○ 2 years · next: 1 year, in about 2 months', then shorter
    ones (without the milestones, then without what comes next) for narrow screens."""
    progress = journey_progress(start, today)
    names = {6: "6 months", 12: "1 year", 24: "2 years"}
    marks = " ".join(
        f"{'✓' if m.reached else '○'} {names.get(m.months, f'{m.months} months')}"
        for m in progress.milestones
    )
    days = f"{progress.days:,} day{'' if progress.days == 1 else 's'}"
    since = f"Rebuilding since {start:%-d %b %Y} · {days}"
    coming = progress.next_milestone
    if coming is None:
        ahead = "past the time frames people are told to expect"
    else:
        to_go = max(1, round(coming.months - progress.months))
        ahead = f"next: {coming.label}, in about {format_count(to_go, 'months')}"
    return [f"{since} · {marks} · {ahead}", f"{since} · {ahead}", f"{since} · {marks}", since]


class WholeLine(Static):
    """One line of text that is never cut mid-sentence: of the wordings it is given,
    longest first, it shows the longest that fits its width."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.wordings: list[str] = []

    def show(self, wordings: list[str]) -> None:
        self.wordings = wordings
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        room = self.content_region.width or self.size.width
        fitting = [words for words in self.wordings if cell_len(words) <= room]
        chosen = fitting[0] if fitting else (self.wordings[-1] if self.wordings else "")
        self.update(Content(chosen))


def strength_wordings(since_words: str, since: float, now: float, judged: bool) -> list[str]:
    """The strength line, longest first (the longest that fits is shown, never cut):
    before a first judged day it says what is to come, not '0 → 0'."""
    forgives = "it forgives a single slip more than a run of them"
    if not judged:
        return [
            f"Strength grows from the first kept day on ({forgives})",
            "Strength grows from the first kept day on",
        ]
    figures = f"Strength {since_words}: {round(since)} → {round(now)} of 100"
    return [f"{figures} ({forgives})", figures]


def span(run: Run) -> str:
    """'3 Jan – 16 Feb 2026', or with both years when a run crosses New Year."""
    if run.start.year == run.end.year:
        return f"{run.start:%-d %b} – {run.end:%-d %b %Y}"
    return f"{run.start:%-d %b %Y} – {run.end:%-d %b %Y}"


# What a run counts, said with it: a Mon/Wed/Fri promise's run of 23 is 23 due days
# kept in a row, not 23 calendar days.
RUN_UNITS = {
    "days": "days kept in a row",
    "times": "due days kept in a row",
    "weeks": "weeks whose target was met, in a row",
}


def run_unit(promise: Promise, stats: PromiseStats) -> str:
    """'days' for an every-day promise, 'times' for other day schedules, 'weeks' for N/week."""
    if stats.streak_unit == "weeks":
        return "weeks"
    return "days" if promise.schedule.kind is ScheduleKind.DAILY else "times"


def strength_bar(strength: float, palette: Palette, *, started: bool = True) -> Text:
    if not started:
        return Text(NO_STREAK, style=palette.faint, end="")
    blocks = " ▁▂▃▄▅▆▇█"
    text = Text(blocks[min(8, round(strength / 100 * 8))], style=palette.kept_soft, end="")
    text.append(f" {round(strength):>3}", palette.text)
    return text


class StreaksScreen(TagFiltered):
    """The table of every promise, and the highlighted one's heatmap, strength and best runs."""

    CSS_PATH = stylesheet("streaks.tcss")
    MODE = "streaks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit_promise", "Edit"),
        Binding("h", "toggle_archived", "Archived"),
        Binding("a", "app.add_promise", "Add", show=False),
        Binding("pagedown", "scroll_detail(1)", "More below", key_display="PgDn", priority=True),
        Binding("pageup", "scroll_detail(-1)", "Back up", show=False, priority=True),
    ]

    # Archived promises shown too (h); a change redraws the view.
    show_archived: reactive[bool] = reactive(False, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.stats: list[PromiseStanding] = []
        self._detail_for: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield WholeLine(id="journey", classes="summary")
        yield FittedTable(COLUMNS, id="streaks-table")
        yield Static(EMPTY_STATE, id="streaks-empty", classes="empty-state")
        # Not focusable itself (pgup/pgdn scroll it): tab goes from the table to the map.
        with VerticalScroll(id="streaks-detail", can_focus=False):
            yield Static("", id="detail-title", classes="section-title")
            yield CalendarHeatmap(id="promise-heatmap")
            yield Static("", id="day-readout", classes="legend")
            yield Static("", id="promise-legend", classes="legend")
            yield WholeLine(id="strength-title", classes="section-title")
            yield StrengthChart(id="strength-line")
            yield Static("", id="best-runs", classes="legend")
            yield Static("All promises: the share kept each day", classes="section-title")
            yield Heatmap(id="all-heatmap")
            yield Static("", id="all-legend", classes="legend")
        yield from self.compose_footer()

    def load(self) -> None:
        streaks, today = self.service.streaks, self.tracker.today
        self.stats = self.tagged_standings(streaks.table(include_archived=self.show_archived))
        palette = Palette.of(self.app)
        table = self.query_one(FittedTable)
        table.show_rows(
            [(row.promise.id, self._cells(row.promise, row.stats, palette)) for row in self.stats]
        )
        has_rows = bool(self.stats)
        table.display = has_rows
        self.query_one("#streaks-detail").display = has_rows
        self.query_one("#streaks-empty").display = not has_rows
        start = streaks.journey_start(row.promise for row in self.stats)
        self.query_one("#journey", WholeLine).show(
            journey_lines(start, today) if start and start <= today else []
        )
        self.show_tag_figures()
        if not has_rows:
            return
        # Every promise's map lies below the fold: drawn right after the view is shown.
        self.call_after_refresh(self.show_all_heatmap, self.loaded_version)
        self.query_one("#all-legend", Static).update(Content.from_rich_text(share_legend(palette)))
        promise_legend = legend(palette)
        promise_legend.append("  · tab: choose a day", palette.muted)
        self.query_one("#promise-legend", Static).update(Content.from_rich_text(promise_legend))
        self._detail_for = None
        self.show_detail()

    def show_all_heatmap(self, version: int) -> None:
        """The share of every promise kept each day (skipped if a newer load came)."""
        if version != self.loaded_version:
            return
        today = self.tracker.today
        promises = [row.promise for row in self.stats if not row.promise.archived]
        try:
            shares = self.service.streaks.share_kept_by_day(promises, heatmap_start(today))
        except TrackerError as error:
            self.tracker.report(error, title="Cannot read the data")
            return
        self.query_one("#all-heatmap", Heatmap).show_shares(shares, today)

    def show_tag_figures(self) -> None:
        """With a tag, in place of the journey: its promises taken together (and its time)."""
        empty = self.query_one("#streaks-empty", Static)
        empty.update(Content(EMPTY_STATE if self.tag is None else NO_TAGGED))
        if self.tag is not None:
            from tracker.practices.tags import tag_summary

            figures = self.service.tags.figures(self.tag)
            self.query_one("#journey", WholeLine).show([tag_summary(figures)])

    def _cells(self, promise: Promise, stats: PromiseStats, palette: Palette) -> list[Text]:
        title = literal_cell(promise.title, palette.muted if promise.archived else "")
        if promise.archived:
            title.append("  (archived)", palette.faint)
        return [
            title,
            cell(streak_words(stats.current_streak, stats.streak_unit)),
            cell(streak_words(stats.best_streak, stats.streak_unit), style=palette.muted),
            cell(percent(stats.consistency_7)),
            cell(percent(stats.consistency_30)),
            cell(percent(stats.consistency_90)),
            strength_bar(stats.strength, palette, started=strength_started(stats)),
        ]

    def _current(self) -> PromiseStanding | None:
        key = self.query_one(FittedTable).current_key
        return next((row for row in self.stats if row.promise.id == key), None)

    def on_data_table_row_highlighted(self, _event: FittedTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted promise's year: heatmap, strength over time, best runs."""
        current = self._current()
        if current is None:
            return
        promise, stats = current.promise, current.stats
        if self._detail_for == (promise.id, self.loaded_version):
            return
        self._detail_for = (promise.id, self.loaded_version)
        service, today = self.service, self.tracker.today
        first = heatmap_start(today)
        self.query_one("#detail-title", Static).update(
            Content.assemble(
                literal(promise.title, "bold"),
                (
                    f" · {promise.schedule.describe()}{measured(promise)}"
                    f" · since {promise.start:%-d %b %Y}",
                    "$foreground-muted",
                ),
            )
        )
        states = service.marks.states(promise, first, today)
        planned = planned_days(service.marks.of(promise), today)
        states.update(dict.fromkeys(planned, DayStatus.EXCUSED))
        heatmap = self.query_one("#promise-heatmap", CalendarHeatmap)
        heatmap.today = today
        heatmap.show_states(states, max([today, *planned]))
        self.show_day()
        series = service.streaks.strength_over_time(promise)
        chart = self.query_one("#strength-line", StrengthChart)
        chart.show(series, first, today)
        since = chart.value_on(first)
        if since is None:  # newer than the chart: from its first judged day
            since_words = f"since {series[0][0]:%-d %b}" if series else "so far"
            since = series[0][1] if series else 0.0
        else:
            since_words = "over the last year"
        self.query_one("#strength-title", WholeLine).show(
            strength_wordings(since_words, since, stats.strength, bool(series))
        )
        runs = service.streaks.best_runs(promise)
        unit = run_unit(promise, stats)
        words = [f"{format_count(run.length, unit)} ({span(run)})" for run in runs]
        self.query_one("#best-runs", Static).update(
            Content(
                f"Best runs ({RUN_UNITS[unit]}): " + (" · ".join(words) if words else "none yet")
            )
        )

    # -- the day under the heatmap's cursor ----------------------------------------------

    def on_calendar_heatmap_day_chosen(self, _event: CalendarHeatmap.DayChosen) -> None:
        self.show_day()

    def show_day(self) -> None:
        """The day under the cursor: its date, its state, its note or reason."""
        current, heatmap = self._current(), self.query_one(CalendarHeatmap)
        readout = self.query_one("#day-readout", Static)
        day = heatmap.cursor
        if current is None or day is None:
            readout.update("")
            return
        promise, palette = current.promise, Palette.of(self.app)
        state = heatmap.state_of(day)
        marks = self.service.marks.of(promise)
        mark = marks.get(day)
        words = Text(f"{day:%a %-d %b %Y} · ", style=palette.text, end="")
        if state is not None:
            words.append(f"{GLYPHS[state]} {state.label}", state_style(state, palette))
            if day > self.tracker.today:
                words.append(" ahead (u takes it back)", palette.muted)
        elif day > self.tracker.today:
            words.append("ahead: x excuses it", palette.muted)
        measure = promise.measure_on(day)
        if measure is not None and state is not None and day <= self.tracker.today:
            words.append(f" · {measure.progress(amount_of(promise, marks, day) or 0.0)}")
        said = (mark.note or mark.reason) if mark is not None else ""
        if said:
            words.append(" · ", palette.muted)
            words.append(visible(said), palette.text)
        readout.update(Content.from_rich_text(words))

    def action_mark_day(self, kind: str) -> None:
        """space, x, u, n on the heatmap: the same as on Today, for the day under it."""
        current, day = self._current(), self.query_one(CalendarHeatmap).cursor
        if current is None or day is None:
            return
        promise, marks, tracker = current.promise, self.service.marks, self.tracker
        status = MarkStatus.EXCUSED if kind == "excused" else MarkStatus.KEPT
        if kind != "unmark":
            try:
                marks.refuse_unmarkable(promise, day, status)
            except TrackerError as error:
                tracker.report(error)
                return
        measure = promise.measure_on(day)
        if kind == "kept" and measure is not None:
            from tracker.ui.dialogs.amount import AmountDialog

            had = marks.of(promise).get(day)
            amount = 0.0 if had is None or had.amount is None else had.amount
            self.app.push_screen(AmountDialog(promise, measure, day, amount))
        elif kind == "kept":
            tracker.save(lambda: marks.check_off(promise, day), announce=True)
        elif kind == "unmark":
            tracker.save(lambda: marks.unmark(promise, day), announce=True)
        elif kind == "excused":
            from tracker.ui.dialogs.excuse import ExcuseDialog

            self.app.push_screen(ExcuseDialog(promise, day, tracker.today))
        else:
            from tracker.ui.dialogs.day_note import DayNoteDialog

            self.app.push_screen(DayNoteDialog(promise, day, marks.of(promise).get(day)))

    def action_edit_promise(self) -> None:
        current = self._current()
        if current is not None:
            self.tracker.edit_promise(current.promise)

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        event.stop()
        self.action_edit_promise()

    def action_scroll_detail(self, pages: int) -> None:
        """Scroll the lower pane (strength, best runs, every promise's map) by a page."""
        detail = self.query_one("#streaks-detail", VerticalScroll)
        step = max(1, detail.size.height - 2)
        detail.scroll_relative(y=pages * step, animate=False)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived

    def watch_show_archived(self, shown: bool) -> None:
        self.tracker.say("Showing archived promises too." if shown else "Hiding archived promises.")
        self.reload()
