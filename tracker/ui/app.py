"""TrackerApp: the four views, keys, themes, the command palette, staying in step with the store.

The app holds no rules of its own: views call `tracker.actions` and the store, and
show any TrackerError as a message. It keeps itself current three ways: a poll of
`store.revision()` every two seconds (another terminal's `tracker check`), a timer
to the user's next day start (the midnight rollover, re-checked on every poll in
case the machine slept), and a reload after each of its own writes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import DescendantFocus
from textual.timer import Timer

from tracker import actions
from tracker.clock import Clock
from tracker.daybreak import next_day_start, seconds_until
from tracker.errors import TrackerError
from tracker.model import Note, Promise, Settings
from tracker.reminders import FAILURE_TITLE as DESKTOP_FAILURE_TITLE
from tracker.store import Store
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.today import TodayScreen
from tracker.ui.stylesheets import stylesheet_paths
from tracker.ui.themes import DARK, LIGHT, THEMES

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

POLL_SECONDS = 2.0
REMINDER_SECONDS = 30.0

# The hook the reminders package plugs into: called every 30 s with the local time, it
# returns (title, message) pairs to show as toasts. It must return quickly.
ReminderTick = Callable[[datetime], Iterable[tuple[str, str]]]


# Only Today is needed to draw the first screen. The other views, the dialogs and the
# command palette are imported when first used, which keeps start-up close to a bare app.


def _together_view() -> Screen:
    from tracker.ui.screens.quality import QualityScreen

    return QualityScreen()


def _streaks_view() -> Screen:
    from tracker.ui.screens.streaks import StreaksScreen

    return StreaksScreen()


def _notes_view() -> Screen:
    from tracker.ui.screens.notes import NotesScreen

    return NotesScreen()


def _tracker_commands() -> type[Provider]:
    from tracker.ui.commands import TrackerCommands

    return TrackerCommands


@dataclass(frozen=True)
class Undo:
    """One step the user can take back with ctrl+z (this session only)."""

    label: str
    run: Callable[[], object]


class TrackerApp(App[int]):
    """The tracker's terminal app."""

    TITLE = "tracker"
    CSS_PATH: ClassVar[list[str | PurePath]] = list(stylesheet_paths())
    MODES: ClassVar = {
        "today": TodayScreen,
        "together": _together_view,
        "streaks": _streaks_view,
        "notes": _notes_view,
    }
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {_tracker_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "goto('today')", "Today", show=False),
        Binding("2", "goto('together')", "Together", show=False),
        Binding("3", "goto('streaks')", "Streaks", show=False),
        Binding("4", "goto('notes')", "Notes", show=False),
        Binding("question_mark", "help", "Keys"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        Binding("comma", "settings", "Settings", show=False),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        reminder_tick: ReminderTick | None = None,
        poll_seconds: float = POLL_SECONDS,
        cursor_blink: bool = True,
    ) -> None:
        # What is imported by now lives as long as the app: freezing it keeps the garbage
        # collector's full passes (tens of ms over Textual's objects) out of keypresses.
        gc.freeze()
        super().__init__()
        self.store = store
        self.clock = clock
        self.reminder_tick = reminder_tick
        self.poll_seconds = poll_seconds
        self.cursor_blink = cursor_blink
        self.data_version = 0
        self.undo_steps: list[Undo] = []
        self.next_rollover: datetime | None = None
        self._rollover_timer: Timer | None = None
        self._revision: tuple[object, ...] | None = None
        self._remember_themes = False
        self.settings = Settings()
        self._read_settings()
        self.today: date = self.current_day()
        for theme in THEMES:
            self.register_theme(theme)
        self._start_in_theme(
            self.settings.theme if self.settings.theme in self.available_themes else DARK
        )

    def _start_in_theme(self, name: str) -> None:
        """Start in the user's theme without paying for a theme change.

        Setting `theme` runs its watcher, which reparses every stylesheet after the
        first view was styled: two full CSS parses before the first frame. Before the
        app runs nothing is styled yet, so when the theme is as dark as Textual's
        default (same terminal colour mapping) it is set without the watcher, doing
        the watcher's visible duties by hand: the theme's class, and the theme's
        colours as the stylesheet's variables, before its one parse.
        """
        if self.get_theme(name).dark == self.current_theme.dark:
            self.set_reactive(App.theme, name)
            self.add_class(f"-theme-{name}", update=False)
            self.stylesheet.set_variables(self.get_css_variables())
        else:
            self.theme = name

    # -- life cycle ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.call_after_refresh(gc.freeze)  # the first screen's widgets live on too
        self._revision = self.store.revision()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._remember_themes = True
        self.set_interval(self.poll_seconds, self.poll_store, name="poll-store")
        if self.reminder_tick is not None:
            self.set_interval(REMINDER_SECONDS, self.tick_reminders, name="reminders")
        self._schedule_rollover()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Tests and snapshots turn the blinking cursor off so screenshots are stable.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def current_day(self) -> date:
        return self.clock.today(self.settings.day_starts_at)

    def _read_settings(self) -> None:
        try:
            settings = self.store.settings()
        except TrackerError as error:
            if self.is_running:
                self.report(error, title="Cannot read the data")
            return
        day_start_moved = settings.day_starts_at != self.settings.day_starts_at
        self.settings = settings
        if day_start_moved and self.is_running:
            self._schedule_rollover()

    # -- staying current --------------------------------------------------------------

    def poll_store(self) -> None:
        """Reload the views if another process saved or the day rolled over."""
        changed = False
        revision = self.store.revision()
        if revision != self._revision:
            self._revision = revision
            self._read_settings()
            changed = True
        changed = self._roll_over_if_new_day() or changed
        if changed:
            self.refresh_views()

    def _roll_over_if_new_day(self) -> bool:
        day = self.current_day()
        if day == self.today:
            return False
        old_today, self.today = self.today, day
        for screen in self._tracker_screens():
            if isinstance(screen, TodayScreen):
                screen.day_changed(old_today)
        self._schedule_rollover()
        return True

    def _schedule_rollover(self) -> None:
        """A timer to the next day start; the poll re-checks in case the machine slept."""
        if self._rollover_timer is not None:
            self._rollover_timer.stop()
        now = self.clock.now()
        self.next_rollover = next_day_start(now, self.settings.day_starts_at)
        delay = max(1.0, seconds_until(self.next_rollover, now) + 0.5)
        self._rollover_timer = self.set_timer(delay, self.poll_store, name="rollover")

    def after_write(self) -> None:
        """After this app saved: remember the revision and redraw from the store."""
        self._revision = self.store.revision()
        self._read_settings()
        self._roll_over_if_new_day()
        self.refresh_views()

    def refresh_views(self) -> None:
        """Redraw the open views now; the others reload when they are next shown."""
        self.data_version += 1
        for screen in self._tracker_screens():
            screen.reload()

    def _tracker_screens(self) -> list[TrackerScreen]:
        return [screen for screen in self.screen_stack if isinstance(screen, TrackerScreen)]

    # -- messages ---------------------------------------------------------------------

    def say(self, message: str, *, title: str = "") -> None:
        """A toast; the text is shown literally (it often quotes user text)."""
        self.notify(message, title=title, markup=False)

    def report(self, error: TrackerError, *, title: str = "Not saved") -> None:
        """A refused action or a store problem, in plain words; nothing crashes."""
        self.notify(str(error), title=title, severity="warning", markup=False, timeout=8)

    def tick_reminders(self) -> None:
        """The reminders hook: show what the reminders package says is due now."""
        if self.reminder_tick is None:
            return
        try:
            reminders = list(self.reminder_tick(self.clock.now()))
        except TrackerError as error:
            self.report(error)
            return
        for title, message in reminders:
            self.notify(message, title=title, markup=False, timeout=15)
        if any(title == DESKTOP_FAILURE_TITLE for title, _message in reminders):
            # The desktop did not show a reminder: the terminal bell is the fallback.
            self.bell()

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); with words typed in an open form, ask before dropping them."""
        from tracker.ui.dialogs.form import FormDialog

        form = self.screen
        if not (isinstance(form, FormDialog) and form.has_unsaved_text()):
            self.exit()
            return
        from textual.content import Content

        from tracker.ui.dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(Content("Quit without saving what you wrote?"), "Quit"), answered
        )

    # -- undo -------------------------------------------------------------------------

    def offer_undo(self, label: str, run: Callable[[], object]) -> None:
        self.undo_steps.append(Undo(label, run))
        self.refresh_bindings()

    def action_undo(self) -> None:
        if not self.undo_steps:
            self.say("Nothing to undo.")
            return
        step = self.undo_steps.pop()
        try:
            step.run()
        except TrackerError as error:
            self.undo_steps.append(step)
            self.report(error)
            return
        self.say(f"Undone: {step.label.lower()}.")
        self.after_write()

    # -- themes -----------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def _remember_theme(self, _theme: object) -> None:
        if not self._remember_themes or self.settings.theme == self.theme:
            return
        try:
            theme = self.theme
            self.settings = self.store.change_settings(lambda now: replace(now, theme=theme))
        except TrackerError as error:
            self.report(error)
            return
        self._revision = self.store.revision()
        # Colours drawn into tables come from the theme: redraw them.
        self.refresh_views()

    # -- actions any view (and the command palette) can start ----------------------------

    def action_goto(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from tracker.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from tracker.ui.dialogs.settings import SettingsDialog

        self.push_screen(SettingsDialog())

    def action_add_promise(self) -> None:
        from tracker.ui.dialogs.promise_editor import PromiseEditor

        self.push_screen(PromiseEditor(self.today), self._promise_saved)

    def edit_promise(self, promise: Promise) -> None:
        from tracker.ui.dialogs.promise_editor import PromiseEditor

        self.push_screen(PromiseEditor(self.today, promise), self._promise_saved)

    def _promise_saved(self, promise: Promise | None) -> None:
        if promise is not None and not promise.archived:
            self.say(f"Saved '{promise.title}'.")

    def action_log_time(self) -> None:
        self.action_goto("together")
        self.call_after_refresh(self._focus_time_form)

    def _focus_time_form(self) -> None:
        focus_form = getattr(self.screen, "focus_form", None)
        if focus_form is not None:
            focus_form()

    def action_new_note(self) -> None:
        from tracker.ui.dialogs.note_editor import NoteEditor

        self.push_screen(NoteEditor(self.today, self.write_note), self._note_saved)

    def edit_note(self, note: Note) -> None:
        from tracker.ui.dialogs.note_editor import NoteEditor

        def save_edit(edited: Note) -> Note:
            return self.write_note(edited, base=note)

        self.push_screen(NoteEditor(self.today, save_edit, note), self._note_saved)

    def write_note(self, note: Note, base: Note | None = None) -> Note:
        saved = actions.write_note(self.store, note, self.today, base=base)
        self.after_write()
        return saved

    def _note_saved(self, note: Note | None) -> None:
        if note is not None:
            self.say("Note saved. Only you can read it.")
            self.call_after_refresh(self._highlight_note, note.id)

    def _highlight_note(self, note_id: int) -> None:
        """The note just written is the one the user is thinking of: put the cursor on it."""
        from tracker.ui.widgets.fitted_table import FittedTable

        for table in self.screen.query("#notes-table").results(FittedTable):
            table.move_to_key(note_id)

    def check_off_today(self, promise: Promise) -> None:
        """From the command palette: mark `promise` kept today."""
        try:
            actions.check_off(self.store, promise, self.today, self.today)
        except TrackerError as error:
            self.report(error)
            return
        self.after_write()
        self.say(f"Kept: '{promise.title}'.")


def run_app(store: Store, clock: Clock, reminder_tick: ReminderTick | None = None) -> int:
    """Run the app until the user quits; the exit code for the shell."""
    TrackerApp(store, clock, reminder_tick=reminder_tick).run()
    return 0
