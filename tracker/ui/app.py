"""TrackerApp: the four views, keys, themes, the command palette, staying in step with the data.

The app holds no rules of its own: views read through the service (`tracker.service`)
and every change goes through `TrackerApp.save`, which writes through the service and
keeps the change's undo for ctrl+z; any TrackerError is shown as a message. It keeps
itself current three ways: a poll of the data's revision every two seconds (another
terminal's `tracker check`), a timer to the user's next day start (the midnight
rollover, re-checked on every poll in case the machine slept), and a reload after each
of its own writes. The day's automatic backup is taken in a worker at start and when
the calendar day turns, so the day's first change does not copy the whole history
while the user waits.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from tracker.daybreak import seconds_until
from tracker.errors import TrackerError
from tracker.model import Note, Promise, Settings
from tracker.reminders import Toast
from tracker.service import Change, Tracker, Undo
from tracker.ui.keys import APP_BINDINGS
from tracker.ui.partner_sync import PartnerSync
from tracker.ui.saving import Saver, Write
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.today import TodayScreen
from tracker.ui.stylesheets import stylesheet_paths
from tracker.ui.textual_private import start_in_theme
from tracker.ui.themes import DARK, LIGHT, THEMES
from tracker.ui.typeahead import KeysInOrder
from tracker.ui.widgets.fitted_table import FittedTable

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from tracker.practices.checkin import CheckIn
    from tracker.ui.face import PaletteFace
    from tracker.ui.reminder_toasts import SnoozeOffer

POLL_SECONDS = 2.0
REMINDER_SECONDS = 30.0

# The hook the reminders package plugs into: called every 30 s with the local time, it
# returns toasts to show (title, message, and the keys a snooze needs). It must return quickly.
ReminderTick = Callable[[datetime], Iterable[Toast]]


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


def _partner_view() -> Screen:
    from tracker.ui.screens.partner import PartnerScreen

    return PartnerScreen()


def _us_view() -> Screen:
    from tracker.ui.screens.us import UsScreen

    return UsScreen()


def _tracker_commands() -> type[Provider]:
    from tracker.ui.commands import TrackerCommands

    return TrackerCommands


DAILY_BACKUP = "daily-backup"
NOTICES = "notices"
# Polls between looks for damaged files when nothing was saved (about a minute).
NOTICE_POLLS = 30


class TrackerApp(KeysInOrder):
    """The tracker's terminal app."""

    TITLE = "tracker"
    CSS_PATH: ClassVar[list[str | PurePath]] = list(stylesheet_paths())
    MODES: ClassVar = {
        "today": TodayScreen,
        "together": _together_view,
        "streaks": _streaks_view,
        "notes": _notes_view,
        "partner": _partner_view,
        "us": _us_view,
    }
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {_tracker_commands}
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        service: Tracker,
        *,
        reminder_tick: ReminderTick | None = None,
        poll_seconds: float = POLL_SECONDS,
        cursor_blink: bool = True,
        on_first_frame: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.clock = service.clock
        self.reminder_tick = reminder_tick
        self.poll_seconds = poll_seconds
        self.cursor_blink = cursor_blink
        self.on_first_frame = on_first_frame
        self.data_version = 0
        self.undo_steps: list[Undo] = []
        self.saver = Saver(self)
        self.partner = PartnerSync(self)
        self.next_rollover: datetime | None = None
        self._rollover_timer: Timer | None = None
        self._revision: tuple[object, ...] | None = None
        self._polls_since_notices = 0
        self._notices_shown: set[str] = set()
        self._remember_themes = False
        # The calendar day whose automatic backup is known to be taken.
        self._backed_up_on: date | None = None
        # The last reminder toast's reminders, which z snoozes (tracker.ui.reminder_toasts).
        self.snooze_offer: SnoozeOffer | None = None
        # Writes that wait for the frame showing their key's effect (`save(after_frame=)`).
        self._after_frame: list[Write] = []
        self.settings = Settings()
        self._read_settings()
        self.today: date = self.current_day()
        for theme in THEMES:
            self.register_theme(theme)
        start_in_theme(
            self, self.settings.theme if self.settings.theme in self.available_themes else DARK
        )

    # -- life cycle ----------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.on_first_frame is not None:
            self.call_after_refresh(self.on_first_frame)
        self._revision = self.service.revision()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._remember_themes = True
        self.set_interval(self.poll_seconds, self.poll_store, name="poll-store")
        if self.reminder_tick is not None:
            self.set_interval(REMINDER_SECONDS, self.tick_reminders, name="reminders")
        self._schedule_rollover()
        # After the first frame: the backup must not delay drawing Today.
        self.call_after_refresh(self.take_daily_backup)
        self.call_after_refresh(self.check_notices)
        self.call_after_refresh(self.partner.start)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Tests and snapshots turn the blinking cursor off so screenshots are stable.
        if self.cursor_blink:
            return
        if isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def current_day(self) -> date:
        return self.service.today()

    def _read_settings(self) -> bool:
        """Whether the settings could be read (if not, the reason is shown)."""
        try:
            settings = self.service.settings.current()
        except TrackerError as error:
            if self.is_running:
                self.report(error, title="Cannot read the data")
            return False
        day_start_moved = settings.day_starts_at != self.settings.day_starts_at
        self.settings = settings
        if day_start_moved and self.is_running:
            self._schedule_rollover()
        return True

    # -- staying current --------------------------------------------------------------

    def poll_store(self) -> None:
        """Reload the views if another process saved or the day rolled over."""
        changed = False
        revision = self.service.revision()
        if revision != self._revision:
            self._revision = revision
            if not self._read_settings():
                return  # unreadable now (said once): the views keep what they show
            changed = True
        try:
            changed = self._roll_over_if_new_day() or changed
        except TrackerError:
            return  # unreadable now (said when its revision changed); the next poll retries
        if changed:
            self.refresh_views()
        self.take_daily_backup()
        self._polls_since_notices += 1
        # Damage written into a file in place changes no revision: look now and then too.
        if changed or self._polls_since_notices >= NOTICE_POLLS:
            self.check_notices()

    def check_notices(self) -> None:
        """Look for damaged or missing files (and a folder others may write in) in a
        worker; each new notice is shown once, as a calm warning that names the way back."""
        self._polls_since_notices = 0
        if not self.workers_in(NOTICES):
            self.run_worker(self._find_notices, group=NOTICES, thread=True)

    def _find_notices(self) -> None:
        """In the worker's thread: the notices, handed to the app's thread to show."""
        try:
            notices = self.service.notices()
        except TrackerError:
            return  # the main file itself: every read reports it, with its way back
        self.call_from_thread(self._show_notices, notices)

    def _show_notices(self, notices: list[str]) -> None:
        for notice in notices:
            if notice not in self._notices_shown:
                about_the_clock = notice == self.service.clock.notice
                title = "The time zone" if about_the_clock else "Something in your data needs care"
                self.notify(
                    notice,
                    title=title,
                    severity="warning",
                    markup=False,
                    timeout=30,
                )
        self._notices_shown = set(notices)

    def take_daily_backup(self) -> None:
        """Take the calendar day's automatic backup in a worker, once a day.

        Every write still takes it itself if it is not taken yet (the day's first change
        is never saved without the backup before it); this only takes that copy of the
        whole history off the keypress. A write that comes while the worker holds the
        lock waits briefly, or is retried (see tracker.ui.saving).
        """
        # The calendar day as the store dates its backups (the system's local date).
        day = self.clock.now().astimezone().date()
        if day == self._backed_up_on or self.workers_in(DAILY_BACKUP):
            return
        self.run_worker(self._backup_if_due, name=day.isoformat(), group=DAILY_BACKUP, thread=True)

    def _backup_if_due(self) -> bool:
        """In the worker's thread: whether the day's backup is taken (or was already)."""
        try:
            self.service.backups.take_if_due()
        except (TrackerError, OSError):
            # Not taken (another tracker held the data file, a full disk): the day's
            # first write takes it itself, and the next poll tries again.
            return False
        return True

    def workers_in(self, group: str) -> list[Worker[object]]:
        return [worker for worker in self.workers if worker.group == group]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == DAILY_BACKUP and worker.state is WorkerState.SUCCESS and worker.result:
            self._backed_up_on = date.fromisoformat(worker.name)

    def _roll_over_if_new_day(self) -> bool:
        day = self.current_day()
        if day == self.today:
            return False
        old_today, self.today = self.today, day
        for screen in self._tracker_screens():
            if isinstance(screen, TodayScreen):
                screen.day_changed(old_today)
        self._schedule_rollover()
        self.partner.schedule_publish()  # the partner's view of us moves on to the new day
        return True

    def _schedule_rollover(self) -> None:
        """A timer to the next day start; the poll re-checks in case the machine slept."""
        if self._rollover_timer is not None:
            self._rollover_timer.stop()
        now = self.clock.now()
        self.next_rollover = self.service.next_day_start()
        delay = max(1.0, seconds_until(self.next_rollover, now) + 0.5)
        self._rollover_timer = self.set_timer(delay, self.poll_store, name="rollover")

    # -- saving ---------------------------------------------------------------------------

    def save(
        self,
        write: Callable[[], Change[object]],
        *,
        announce: bool = False,
        saved: Callable[[Change[object]], object] | None = None,
        refused: Callable[[TrackerError], object] | None = None,
        waiting: Callable[[str], object] | None = None,
        undoable: bool = True,
        after_frame: bool = False,
    ) -> None:
        """Write a change through the service; what happens next is said in place.

        `write` calls one service operation. A refusal goes to `refused` (default: a
        message); a busy data file to `waiting` (default: a message) while the write is
        retried; once saved, the change's undo is kept for ctrl+z (`undoable`), the views
        redraw, `announce` shows the change's sentence, and `saved` gets the change.
        With `after_frame`, the write waits for the next frame (which shows the key's
        effect at once) instead of the frame waiting for the disk; writes asked for
        meanwhile wait behind it, so they are saved in the order of the keys.
        """

        def done(change: Change[object]) -> None:
            if announce:
                self.announce(change)
            if saved is not None:
                saved(change)

        change = Write(
            write,
            saved=done,
            refused=refused or self.report,
            waiting=waiting or self._say_waiting,
            undoable=undoable,
        )
        if after_frame or self._after_frame:
            self._after_frame.append(change)
            # A frame comes (the focused widget, which took the key, is drawn again),
            # and the write right after it.
            (self.screen.focused or self.screen).refresh()
            return
        self.saver.submit(change)

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        """Textual hands a drawn frame to the terminal (private API, see
        tracker.ui.textual_private): the writes that waited for it go now."""
        super()._display(screen, renderable)
        if renderable is not None and self._after_frame:
            self.call_next(self.save_waiting_writes)

    def save_waiting_writes(self) -> None:
        """Submit the writes that wait for a frame, in the order they were asked for."""
        waiting, self._after_frame = self._after_frame, []
        for change in waiting:
            self.saver.submit(change)

    def record(self, change: Change[object], *, undoable: bool = True) -> None:
        """A change was saved: keep its undo and redraw from the data."""
        if undoable and change.undo is not None:
            self.undo_steps.append(change.undo)
        self.after_write()

    def announce(self, change: Change[object]) -> None:
        """The change's own sentence (and, if it can be taken back, how)."""
        hint = " ctrl+z undoes it." if change.undo is not None else ""
        self.say(f"{change.message}{hint}")

    def _say_waiting(self, message: str) -> None:
        self.notify(message, title="Saving in a moment", markup=False, timeout=6)

    def after_write(self) -> None:
        """After this app saved: remember the revision and redraw from the data."""
        self._revision = self.service.revision()
        self._read_settings()
        self._roll_over_if_new_day()
        self.refresh_views()
        self.partner.schedule_publish()

    def refresh_views(self) -> None:
        """Redraw the views in sight now; the others (under the check-in, say) reload when
        they are next shown."""
        self.data_version += 1
        for screen in self._tracker_screens():
            if self._in_sight(screen):
                screen.reload()

    def _in_sight(self, screen: Screen) -> bool:
        """Whether nothing but dialogs (which show it dimmed) lies over `screen`."""
        above = self.screen_stack[self.screen_stack.index(screen) + 1 :]
        return all(isinstance(over, ModalScreen) for over in above)

    def partner_changed(self) -> None:
        """The partner's share was read again: redraw the views that show it."""
        for screen in self._tracker_screens():
            screen.partner_changed()

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
        from tracker.ui.reminder_toasts import show_reminders

        now = self.clock.now()
        try:
            reminders = list(self.reminder_tick(now))
        except TrackerError as error:
            self.report(error)
            return
        show_reminders(self, reminders, now)

    def action_snooze_reminder(self, minutes: int = 30) -> None:
        """Snooze the reminders of the last reminder toast (z), for `minutes`."""
        from tracker.ui.reminder_toasts import snooze_last_reminder

        snooze_last_reminder(self, minutes)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's screenshot, saved in a folder that exists (Textual's default,
        Downloads, may not); the message after saving says where."""
        from tracker.ui.screenshots import screenshot_folder

        folder = path if path is not None else str(screenshot_folder())
        return super().deliver_screenshot(filename, folder, time_format)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the app's voice (its theme picker, keys panel,
        maximize and screenshot are left out: the palette's own commands say those)."""
        yield SystemCommand("Quit tracker", "everything is saved as you go (q)", self.action_quit)

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); with words typed in an open form, or a change still waiting
        for the data file, ask before dropping them."""
        from tracker.ui.dialogs.form import FormDialog

        self.save_waiting_writes()  # a key's change is never dropped for want of a frame
        form = self.screen
        keep = getattr(form, "keep_before_quit", None)
        if keep is not None:  # the check-in keeps what was typed, however far it got
            keep()
        if self.saver.pending:
            question = "A change is still waiting to be saved (the data file is busy). Quit anyway?"
        elif isinstance(form, FormDialog) and form.has_unsaved_text():
            question = "Quit without saving what you wrote?"
        else:
            self.exit()
            return
        from tracker.ui.dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmDialog(Content(question), "Quit"), answered)

    # -- undo -------------------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.undo_steps:
            self.say("Nothing to undo.")
            return
        step = self.undo_steps.pop()

        def undo() -> Change[object]:
            step.run()
            return Change(None, f"Undone: {step.label.lower()}.")

        def refused(error: TrackerError) -> None:
            self.undo_steps.append(step)
            self.report(error)

        self.save(undo, announce=True, refused=refused, undoable=False)

    # -- themes -----------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def _remember_theme(self, _theme: object) -> None:
        if not self._remember_themes or self.settings.theme == self.theme:
            return
        theme = self.theme
        # Saving redraws the views: colours drawn into tables come from the theme.
        self.save(lambda: self.service.settings.change({"theme": theme}), undoable=False)

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

        self.push_screen(PromiseEditor(self.today))

    def edit_promise(self, promise: Promise) -> None:
        from tracker.ui.dialogs.promise_editor import PromiseEditor

        self.push_screen(PromiseEditor(self.today, promise))

    def action_log_time(self) -> None:
        self.action_goto("together")
        self.call_after_refresh(self._focus_time_form)

    def _focus_time_form(self) -> None:
        from tracker.ui.screens.quality import QualityScreen

        if isinstance(self.screen, QualityScreen):
            self.screen.focus_form()

    def action_new_note(self) -> None:
        from tracker.ui.dialogs.note_editor import NoteEditor

        self.push_screen(NoteEditor(self.today), self._note_saved)

    def edit_note(self, note: Note) -> None:
        from tracker.ui.dialogs.note_editor import NoteEditor

        self.push_screen(NoteEditor(self.today, note), self._note_saved)

    def _note_saved(self, note: Note | None) -> None:
        if note is not None:
            self.call_after_refresh(self._highlight_note, note.id)

    def _highlight_note(self, note_id: int) -> None:
        """The note just written is the one the user is thinking of: put the cursor on it."""
        for table in self.screen.query("#notes-table").results(FittedTable):
            table.move_to_key(note_id)

    def action_checkin(self) -> None:
        """The weekly check-in, full screen: a new one, or the draft where it was left."""
        from tracker.ui.screens.checkin import CheckInScreen

        if not any(isinstance(screen, CheckInScreen) for screen in self.screen_stack):
            self.push_screen(CheckInScreen())

    def action_checkins(self) -> None:
        """The finished check-ins, to read back."""
        from tracker.ui.screens.checkins import CheckInsScreen

        if not isinstance(self.screen, CheckInsScreen):
            self.push_screen(CheckInsScreen())

    def read_checkin(self, checkin: CheckIn) -> None:
        """One finished check-in, read back."""
        from tracker.ui.screens.checkins import CheckInReader

        self.push_screen(CheckInReader(checkin))

    def check_off_today(self, promise: Promise) -> None:
        """From the command palette: mark `promise` kept today."""
        today = self.today
        self.save(lambda: self.service.marks.check_off(promise, today), announce=True)


def run_app(service: Tracker, reminder_tick: ReminderTick | None = None) -> int:
    """Run the app until the user quits; the exit code for the shell."""
    # What is imported by now lives as long as the app, and so do the first screen's
    # widgets: freezing them keeps the garbage collector's full passes (tens of ms over
    # Textual's objects) out of keypresses.
    gc.freeze()
    app = TrackerApp(service, reminder_tick=reminder_tick, on_first_frame=gc.freeze)
    app.run()
    app.partner.publish_on_close()
    return 0


def run_unlock(open_with: Callable[[str], str | None]) -> bool:
    """The calm unlock screen before the app, for locked data: True once it is open
    (`open_with` returns None), False if the person quit instead."""
    from tracker.ui.unlock import UnlockApp

    return UnlockApp(open_with).run() is True


if TYPE_CHECKING:

    def _views_reach_the_app_through_face(app: TrackerApp) -> PaletteFace:
        """The type checker proves TrackerApp offers all a view and the palette may touch
        (tracker.ui.face)."""
        return app
