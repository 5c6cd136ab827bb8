"""Partner: your partner's day, streaks, week and practices, from their share; read-only but
for one thing, telling them you noticed a promise they kept.

It draws from the app's last read of their share (`TrackerApp.partner`, read in a worker
whenever the share changes), so no key waits on the disk. Until sharing is set up it
explains, step by step, how to set it up; when something is wrong with their share it
says so plainly and keeps showing the last good one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from tracker.daybreak import ONE_DAY
from tracker.model import DayStatus
from tracker.parsing import format_ago, streak_words
from tracker.stats import strength_started
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.partner_text import (
    no_share_guide,
    practices_text,
    problems_line,
    setup_guide,
    thanks_text,
    waiting_guide,
    week_text,
)
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.streaks import heatmap_start, percent, strength_bar
from tracker.ui.screens.today import day_summary, describe_day
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, TitleWithTail, cell
from tracker.ui.widgets.heatmap import Heatmap
from tracker.ui.widgets.marks import legend, row_progress, row_state_cell

if TYPE_CHECKING:
    from tracker.day_view import DayRow
    from tracker.service.sharing import PartnerView
    from tracker.share.payload import SharedData
    from tracker.stats import PromiseStats

DAY_COLUMNS = (
    ColumnSpec("state", "", 9),
    ColumnSpec("promise", "Promise"),
    ColumnSpec("streak", "Streak", 9),
    ColumnSpec("noticed", "Noticed", 8),
)
STREAK_COLUMNS = (
    ColumnSpec("promise", "Promise"),
    ColumnSpec("now", "Now", 8),
    ColumnSpec("best", "Best", 8),
    ColumnSpec("c30", "30d", 4),
    ColumnSpec("strength", "Strength", 8),
)
# How often "Sam's tracker wrote 2 hours ago" is said again (no disk: from the last read).
TIMES_SECONDS = 30.0
TABS = ("day", "streaks", "week", "practices")
DAY_ACTIONS = frozenset({"notice", "previous_day", "next_day", "their_today"})
# What the guide itself explains, so it is not said twice above it.
GUIDED = frozenset({"waiting-for-partner", "not-written-yet", "partner-stopped"})


def _tab_title(title: str) -> Content:
    """A tab's title with its first letter underlined: the key that shows it (d s w p)."""
    return Content.assemble((title[0], "underline"), title[1:])


class PartnerScreen(TrackerScreen):
    """Their day (n: you noticed), their streaks and one promise's year, their week and
    what each of you noticed, the practices they share."""

    CSS_PATH = stylesheet("partner.tcss")
    MODE = "partner"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "notice", "I noticed"),
        Binding(
            "left,left_square_bracket",
            "previous_day",
            "Day",
            key_display="←/→",
            priority=True,
            tooltip="Their previous day",
        ),
        Binding("right,right_square_bracket", "next_day", "Next day", show=False, priority=True),
        Binding("t", "their_today", "Back to their today", show=False),
        Binding("d", "show_tab('day')", "Their day", show=False),
        Binding("s", "show_tab('streaks')", "Their streaks", show=False),
        Binding("w", "show_tab('week')", "Their week, noticed", show=False),
        Binding("p", "show_tab('practices')", "Practices they share", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DayRow] = []
        self.stats: list[tuple[int, PromiseStats]] = []
        self.drawn: PartnerView | None = None
        self._drawn_tabs: set[str] = set()
        self._detail_for: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static("", id="partner-heading", classes="heading")
        yield Static("", id="partner-wrote", classes="summary")
        yield Static("", id="partner-problems", classes="partner-problems")
        with VerticalScroll(id="partner-guide"):
            yield Static("", id="partner-guide-text")
        with TabbedContent(id="partner-tabs", initial="day"):
            with TabPane(_tab_title("Day"), id="day"):
                yield FittedTable(DAY_COLUMNS, id="partner-day")
                yield Static("", id="partner-day-hint", classes="hint")
            with TabPane(_tab_title("Streaks"), id="streaks"):
                yield FittedTable(STREAK_COLUMNS, id="partner-streaks")
                yield Static("", id="partner-detail-title", classes="section-title")
                yield Heatmap(id="partner-heatmap")
                yield Static("", id="partner-legend", classes="legend")
            with TabPane(_tab_title("Week"), id="week"), VerticalScroll(classes="partner-page"):
                yield Static("", id="partner-week")
                yield Static("", id="partner-thanks")
            with (
                TabPane(_tab_title("Practices"), id="practices"),
                VerticalScroll(classes="partner-page"),
            ):
                yield Static("", id="partner-practices")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(TIMES_SECONDS, self._redraw_times, name="partner-times")
        if self.tracker.partner.view is None:
            self.tracker.partner.poll(force=True)

    # -- drawing ---------------------------------------------------------------------------

    def load(self) -> None:
        self.draw(self.tracker.partner.view)

    def partner_changed(self) -> None:
        self.draw(self.tracker.partner.view)

    def draw(self, view: PartnerView | None) -> None:
        """Everything from one read of their share (no disk)."""
        self.drawn = view
        share = None if view is None else view.share
        self.query_one("#partner-guide").display = share is None
        self.query_one("#partner-tabs").display = share is not None
        if view is None or share is None:
            self._draw_guide(view)
        else:
            self._draw_share(view, share)
        self.refresh_bindings()

    def _draw_guide(self, view: PartnerView | None) -> None:
        from tracker.share.sharing import PairingState

        state = None if view is None else view.status.state
        heading, guide = "Share with your partner", Content("")
        if view is None:
            if self.service.sharing.is_set_up():
                heading = "Reading your partner's share…"
            else:
                guide = setup_guide(self.service.data_path)
        elif state is PairingState.NOT_SET_UP:
            guide = setup_guide(self.service.data_path)
        elif state is PairingState.WAITING:
            heading = "Waiting for your partner to join"
            guide = waiting_guide(view.status)
        else:
            heading = f"Sharing with {view.partner}"
            guide = no_share_guide(view.status)
        self.query_one("#partner-heading", Static).update(Content.styled(heading, "bold"))
        self._show_line("#partner-wrote", "")
        problems = "" if view is None else problems_line(view.status, self._now(), GUIDED)
        self._show_line("#partner-problems", problems)
        self.query_one("#partner-guide-text", Static).update(guide)
        if self.is_active:
            self.query_one("#partner-guide").focus()

    def _show_line(self, selector: str, text: Content | str) -> None:
        """A line that takes no room while it has nothing to say."""
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(str(text))

    def _now(self) -> datetime:
        return self.tracker.clock.now()

    def _draw_share(self, view: PartnerView, share: SharedData) -> None:
        partner = view.partner
        day = view.day
        assert day is not None
        when = describe_day(day.day, day.today)
        heading = Content.assemble(
            literal(f"{partner}'s {day.day:%A %-d %B}", "bold"),
            (f"  {when} for them", "$foreground-muted"),
        )
        # How their day stands goes on the line below, with when it was written: on one
        # line with the heading it was cut at 80 columns ("1 still open · 1 e…").
        self.query_one("#partner-heading", Static).update(heading)
        self._draw_times(view)
        # Only the tab in view is drawn now; the others when they are shown.
        self._drawn_tabs = set()
        active = self.query_one("#partner-tabs", TabbedContent).active or "day"
        self._draw_tab(active)
        if self.is_active and (self.focused is None or self.focused.id == "partner-guide"):
            self._focus_tab(active)

    def _draw_times(self, view: PartnerView) -> None:
        """The lines that say how long ago their tracker wrote and a problem came: drawn
        with the share, and again every little while, so "2 hours ago" stays true."""
        day = view.day
        if view.share is None or day is None:
            return
        now = self._now()
        wrote = f"{view.partner}'s tracker wrote {format_ago(day.updated_at, now)}."
        if day.is_behind:
            wrote += " Their new day shows once it writes again."
        summary = day_summary(day.as_day_view())
        line = literal(wrote)
        if summary:
            line = Content.assemble(Content(summary), ("  ·  ", "$foreground-muted"), line)
        self._show_line("#partner-wrote", line)
        self._show_line("#partner-problems", problems_line(view.status, now))

    def _redraw_times(self) -> None:
        if self.drawn is not None and self.is_active:
            self._draw_times(self.drawn)

    def _draw_tab(self, tab: str) -> None:
        view = self.drawn
        if view is None or view.share is None or tab in self._drawn_tabs:
            return
        self._drawn_tabs.add(tab)
        if tab == "day":
            self._draw_day(view)
        elif tab == "streaks":
            self._draw_streaks(view)
        elif tab == "week":
            assert view.week is not None
            self.query_one("#partner-week", Static).update(week_text(view.partner, view.week))
            thanks = thanks_text(view.partner, view.acknowledgements)
            self.query_one("#partner-thanks", Static).update(thanks)
        elif tab == "practices":
            self.query_one("#partner-practices", Static).update(practices_text(view.share))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._draw_tab(event.pane.id)
        self.refresh_bindings()

    def _draw_day(self, view: PartnerView) -> None:
        day = view.day
        assert day is not None
        palette = Palette.of(self.app)
        self.rows = list(day.rows)
        week_words = day.as_day_view().week_words
        rows = []
        for row in self.rows:
            name = literal_cell(row.promise.title, "" if row.due else palette.muted)
            tail = Text(row_progress(row, week_words), palette.muted)
            # The title gives way to "11 of 10 min" at 80 columns, as on Today.
            title: RenderableType = TitleWithTail(name, tail) if tail else name
            streak = cell(streak_words(row.streak, row.streak_unit))
            noticed = cell("♥ you", palette.accent) if row.promise.id in day.noticed else cell("")
            rows.append((row.promise.id, [row_state_cell(row, palette), title, streak, noticed]))
        self.query_one("#partner-day", FittedTable).show_rows(rows)
        partner = view.partner
        if not self.rows:
            hint = f"{partner} had no shared promise active on this day."
        elif day.day > day.known_until:
            hint = f"Not judged yet: {partner}'s share was written before this day."
        else:
            hint = f"n: tell {partner} you noticed a kept promise · ←/→ another day · t their today"
        self.query_one("#partner-day-hint", Static).update(literal(hint))

    def _draw_streaks(self, view: PartnerView) -> None:
        streaks = view.streaks
        assert streaks is not None
        palette = Palette.of(self.app)
        self.stats = [(promise.id, stats) for promise, stats in streaks.stats]
        rows = []
        for promise, stats in streaks.stats:
            rows.append(
                (
                    promise.id,
                    [
                        literal_cell(promise.title),
                        cell(streak_words(stats.current_streak, stats.streak_unit)),
                        cell(streak_words(stats.best_streak, stats.streak_unit), palette.muted),
                        cell(percent(stats.consistency_30)),
                        strength_bar(stats.strength, palette, started=strength_started(stats)),
                    ],
                )
            )
        self.query_one("#partner-streaks", FittedTable).show_rows(rows)
        self.query_one("#partner-legend", Static).update(Content.from_rich_text(legend(palette)))
        self._detail_for = None
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted promise's year, day by day, as far as their share speaks."""
        view, table = self.drawn, self.query_one("#partner-streaks", FittedTable)
        if view is None or view.share is None or view.day is None:
            return
        share = view.share
        promise = next((p for p in share.promises if p.id == table.current_key), None)
        if promise is None:
            return
        if self._detail_for == (promise.id, id(view)):
            return
        self._detail_for = (promise.id, id(view))
        today = view.day.today
        self.query_one("#partner-detail-title", Static).update(
            Content.assemble(
                literal(promise.title, "bold"),
                (
                    f" · {promise.schedule.describe()} · since {promise.start:%-d %b %Y}",
                    "$foreground-muted",
                ),
            )
        )
        states = self.service.sharing.heatmap(share, promise, heatmap_start(today), today)
        self.query_one("#partner-heatmap", Heatmap).show_states(states, today)

    def on_data_table_row_highlighted(self, event: FittedTable.RowHighlighted) -> None:
        if event.data_table.id == "partner-streaks":
            self.show_detail()

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "partner-day":
            self.action_notice()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Their day's keys are hidden while there is no share to act on."""
        has_share = self.drawn is not None and self.drawn.share is not None
        if action in DAY_ACTIONS:
            # Elsewhere ← → belong to what is shown (the tabs, a page).
            return has_share and self.query_one("#partner-tabs", TabbedContent).active == "day"
        if action == "show_tab":
            return has_share
        return True

    def _current(self) -> DayRow | None:
        key = self.query_one("#partner-day", FittedTable).current_key
        return next((row for row in self.rows if row.promise.id == key), None)

    def action_notice(self) -> None:
        view = self.drawn
        row = self._current()
        if view is None or view.share is None or view.day is None or row is None:
            return
        partner = view.partner
        if row.status is not DayStatus.KEPT:
            self.tracker.say(
                f"Only a kept promise can be noticed: '{row.promise.title}' is "
                f"{row.status.label} on {view.day.day:%a %-d %b} for {partner}."
            )
            return
        from tracker.ui.dialogs.notice import NoticeDialog

        self.app.push_screen(NoticeDialog(view.share, row.promise, view.day.day), self._noticed)

    def _noticed(self, saved: object) -> None:
        if saved is not None:
            self.tracker.partner.poll(force=True)  # "♥ you" on the row

    def _shown_day(self) -> date | None:
        view = self.drawn
        return None if view is None or view.day is None else view.day.day

    def _show_day(self, day: date | None) -> None:
        self.tracker.partner.show_day(day)

    def action_previous_day(self) -> None:
        shown = self._shown_day()
        if shown is not None:
            self._show_day(shown - ONE_DAY)

    def action_next_day(self) -> None:
        view = self.drawn
        shown = self._shown_day()
        if view is None or view.day is None or shown is None:
            return
        following = shown + ONE_DAY
        self._show_day(None if following == view.day.today else following)

    def action_their_today(self) -> None:
        self._show_day(None)

    def action_show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.query_one("#partner-tabs", TabbedContent).active = tab
            self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        """Keys go to what the tab shows: its table, or its page (which then scrolls)."""
        pane = self.query_one(f"#{tab}", TabPane)
        pane.query("FittedTable, .partner-page").first().focus()
