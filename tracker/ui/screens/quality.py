"""Time together: log an entry, see this week against the target and the last 12 weeks."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from tracker.errors import TrackerError
from tracker.model import QualityKind, QualityTime
from tracker.parsing import format_duration
from tracker.schedule import week_start
from tracker.service import Change
from tracker.ui.dialogs.quality_entry import (
    QualityEntryEditor,
    connection_select,
    kind_select,
    read_entry,
)
from tracker.ui.literal import literal, literal_cell
from tracker.ui.palette import Palette
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.stylesheets import stylesheet
from tracker.ui.widgets.bids_panel import BidsPanel
from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, cell
from tracker.ui.widgets.tag_fields import tags_input
from tracker.ui.widgets.week_bars import WeekBars

WEEKS_SHOWN = 12
RECENT_SHOWN = 100

SHORT_KINDS = {
    QualityKind.CONVERSATION: "Conversation",
    QualityKind.DATE_NIGHT: "Date night",
    QualityKind.QUIET_MOMENT: "Quiet moment",
    QualityKind.CLOSENESS: "Closeness",
    QualityKind.OTHER: "Other",
}

COLUMNS = (
    ColumnSpec("day", "Date", 10),
    ColumnSpec("kind", "Kind", 12),
    ColumnSpec("time", "Time", 7),
    ColumnSpec("close", "Close", 5),
    ColumnSpec("note", "Note"),
)

EMPTY_TABLE = (
    "No time together logged yet. Type how long (45m, 1h30 or 1:30) above and press enter; "
    "choose another kind first if it was not a conversation (ctrl+s logs it from the kind "
    "too). A walk holding hands counts."
)


def week_summary(minutes: int, target: int) -> str:
    if not target:
        return f"This week: {format_duration(minutes) if minutes else 'nothing yet'}."
    if minutes >= target:
        return f"This week: {format_duration(minutes)}. Your {format_duration(target)} goal is met."
    done = format_duration(minutes) if minutes else "nothing yet"
    return (
        f"This week: {done} of your {format_duration(target)} goal · "
        f"{format_duration(target - minutes)} to go"
    )


def progress_bar(minutes: int, target: int, width: int, palette: Palette) -> Text:
    share = min(1.0, minutes / target) if target else 0.0
    filled = round(share * width)
    bar = Text(no_wrap=True, end="")
    bar.append("█" * filled, palette.kept if share >= 1 else palette.primary)
    bar.append("░" * (width - filled), palette.faint)
    bar.append(f" {round(share * 100)}%", palette.muted)
    return bar


def closeness(rating: int | None, palette: Palette) -> Text:
    if rating is None:
        return cell("–", style=palette.faint)
    text = cell("●" * rating, style=palette.accent)
    text.append("○" * (5 - rating), palette.faint)
    return text


class QualityScreen(TrackerScreen):
    """Log time together and watch the weeks add up."""

    CSS_PATH = stylesheet("quality.tcss")
    AUTO_FOCUS = "#quality-table"

    MODE = "together"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "focus_form", "Log time"),
        # Enter on the kind opens its list; ctrl+s logs from anywhere in the form.
        Binding("ctrl+s", "log_entry", "Log it", show=False, priority=True),
        Binding("e", "edit_entry", "Edit"),
        Binding("d,delete", "delete_entry", "Delete"),
        Binding("g", "app.settings", "Weekly goal"),
        Binding("b", "log_bid", "Log a bid", show=False),
        Binding("escape", "focus_table", "Back to the list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[QualityTime] = []
        self._logging = False  # an entry waits for the data file

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with Vertical(id="quality-form", classes="inline-form"):
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label")
                yield Input(placeholder="today", id="q-day", compact=True)
                yield Label("How long", classes="form-label")
                yield Input(placeholder="45m, 1h30", id="q-duration", compact=True)
                yield Label("Kind", classes="form-label")
                yield kind_select(id="q-kind")
            with Horizontal(classes="form-row"):
                yield Label("Closeness", classes="form-label")
                yield connection_select(id="q-connection")
                yield Label("Note", classes="form-label")
                yield Input(placeholder="optional", id="q-note", compact=True)
                yield Label("Tags", classes="form-label")
                yield tags_input((), self.service.tags.suggestions(), id="q-tags")
                yield Button("Log it", id="q-log", variant="primary", compact=True)
        yield Static("", id="quality-error", classes="form-error")
        with Horizontal(id="quality-week"):
            yield Static("", id="quality-summary", classes="summary")
            yield Static("", id="quality-progress")
        yield Static("", id="quality-chart-title", classes="section-title")
        with Horizontal(id="quality-charts"):
            yield WeekBars(id="quality-chart")
            yield BidsPanel(id="quality-bids")
        yield Static("", id="quality-recent", classes="section-title")
        yield FittedTable(COLUMNS, id="quality-table")
        yield Static(EMPTY_TABLE, id="quality-empty", classes="empty-state")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#quality-error").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is offered only while typing in a field (it goes back to the list)."""
        if action == "focus_table":
            return not isinstance(self.focused, FittedTable)
        return True

    def load(self) -> None:
        together, today = self.service.together, self.tracker.today
        entries = together.entries()
        target = together.target_minutes()
        palette = Palette.of(self.app)
        this_week = together.this_week()
        self.query_one("#quality-summary", Static).update(Content(week_summary(this_week, target)))
        self.query_one("#quality-progress", Static).update(
            Content.from_rich_text(progress_bar(this_week, target, 16, palette))
        )
        monday = week_start(today)
        mondays = [monday - timedelta(weeks=WEEKS_SHOWN - 1 - i) for i in range(WEEKS_SHOWN)]
        totals = together.weekly_minutes(WEEKS_SHOWN)
        self.query_one(WeekBars).show(totals, mondays, target)
        self.query_one(BidsPanel).show(self.service.bids.summary())
        goal = f" · ✓ the {format_duration(target)} goal met" if target else ""
        self.query_one("#quality-chart-title", Static).update(
            Content(f"Last 12 weeks, hours together{goal}")
        )
        self.entries = sorted(entries, key=lambda e: (e.day, e.id), reverse=True)[:RECENT_SHOWN]
        shown = len(self.entries)
        recent = (
            f"Recent entries ({shown} of {len(entries)})"
            if len(entries) > shown
            else "Recent entries"
        )
        self.query_one("#quality-recent", Static).update(Content(recent))
        rows = [
            (
                entry.id,
                [
                    cell(f"{entry.day:%a %-d %b}"),
                    cell(SHORT_KINDS[entry.kind]),
                    cell(format_duration(entry.minutes)),
                    closeness(entry.connection, palette),
                    literal_cell(entry.note, palette.muted),
                ],
            )
            for entry in self.entries
        ]
        table = self.query_one(FittedTable)
        table.show_rows(rows)
        table.display = bool(rows)
        self.query_one("#quality-empty").display = not rows
        # Nothing logged yet: no chart of twelve empty weeks, room for the welcome.
        for part in ("#quality-chart-title", "#quality-chart", "#quality-recent"):
            self.query_one(part).display = bool(entries)

    # -- the form ------------------------------------------------------------------------

    def focus_form(self) -> None:
        self.query_one("#q-duration", Input).focus()

    def action_focus_form(self) -> None:
        self.focus_form()

    def action_focus_table(self) -> None:
        self.query_one(FittedTable).focus()

    def action_log_entry(self) -> None:
        self.log_entry()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.log_entry()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "q-log":
            event.stop()
            self.log_entry()

    def log_entry(self) -> None:
        """Save the form's entry; on a refusal the form keeps its text and says why."""
        if self._logging:  # already waiting for the data file: try again now
            self.tracker.saver.retry_now()
            return
        self._logging = True

        def log() -> Change[QualityTime]:
            entry = read_entry(
                day_text=self.query_one("#q-day", Input).value,
                duration_text=self.query_one("#q-duration", Input).value,
                kind=self.query_one("#q-kind", Select).value,
                connection=self.query_one("#q-connection", Select).value,
                note=self.query_one("#q-note", Input).value,
                today=self.tracker.today,
                tags_text=self.query_one("#q-tags", Input).value,
            )
            return self.service.together.log(entry)

        self.tracker.save(
            log,
            announce=True,
            saved=self._logged,
            refused=self._refused,
            waiting=self._show_problem,
        )

    def _refused(self, problem: TrackerError) -> None:
        self._logging = False
        self._show_problem(str(problem))

    def _show_problem(self, problem: str) -> None:
        """Why the entry is not saved (yet), under the form; the fields keep their text."""
        error = self.query_one("#quality-error", Static)
        error.update(literal(problem, one_line=False))
        error.display = True

    def _logged(self, _change: Change[object]) -> None:
        self._logging = False
        self.query_one("#quality-error", Static).display = False
        for field_id in ("#q-duration", "#q-note", "#q-tags"):
            self.query_one(field_id, Input).value = ""
        self.query_one("#q-connection", Select).clear()
        # Done typing: keys are the view's again (3 switches view, n logs another).
        self.action_focus_table()

    # -- the list ------------------------------------------------------------------------

    def _current(self) -> QualityTime | None:
        key = self.query_one(FittedTable).current_key
        return next((entry for entry in self.entries if entry.id == key), None)

    def on_data_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        entry = self._current()
        if entry is not None:
            self.app.push_screen(QualityEntryEditor(entry, self.tracker.today))

    def action_log_bid(self) -> None:
        from tracker.ui.dialogs.practices import BidDialog

        self.app.push_screen(BidDialog(self.tracker.today))

    def action_delete_entry(self) -> None:
        """Delete at once; ctrl+z brings the entry back (same number, same everything)."""
        entry = self._current()
        if entry is not None:
            self.tracker.save(lambda: self.service.together.delete(entry), announce=True)
