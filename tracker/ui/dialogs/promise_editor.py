"""Add or edit a promise, with the schedule explained and previewed as you type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from tracker.amounts import parse_measure
from tracker.errors import TrackerError, ValidationError
from tracker.model import Promise
from tracker.parsing import format_time, parse_date, parse_times
from tracker.schedule import next_due_dates, parse_schedule
from tracker.service import Change
from tracker.ui.dialogs.form import FormDialog, field_row
from tracker.ui.literal import literal
from tracker.ui.widgets.tag_fields import read_tags, read_triggers, tags_and_triggers_row

SCHEDULE_FORMS = "daily, weekdays, mon,wed,fri, 3/week, every 2 days"


def read_optional_date(text: str, today: date) -> date | None:
    spec = text.strip()
    if not spec or spec.lower() == "none":
        return None
    return parse_date(spec, today)


def sentence(words: str) -> str:
    """'every day' -> 'Every day' (str.capitalize would also lower 'Mon, Wed')."""
    return words[:1].upper() + words[1:]


def schedule_preview(schedule_text: str, start_text: str, today: date) -> tuple[bool, str]:
    """(ok, words) for the line under the schedule field: the meaning and next due days."""
    try:
        schedule = parse_schedule(schedule_text or "daily")
    except TrackerError as error:
        return False, str(error)
    try:
        start = read_optional_date(start_text, today) or today
    except TrackerError:
        start = today
    if schedule.is_weekly_target:
        return True, f"{sentence(schedule.describe())}: any days of each Monday-to-Sunday week."
    upcoming = next_due_dates(schedule, start, max(today, start), 3)
    days = ", ".join(f"{day:%a %-d %b}" for day in upcoming)
    return True, f"{sentence(schedule.describe())} · next: {days}"


class PromiseEditor(FormDialog[Promise]):
    """A modal form for one promise; editing keeps the promise's whole history."""

    AUTO_FOCUS = "#title"
    ANNOUNCE = True

    def __init__(
        self, today: date, promise: Promise | None = None, *, draft: Promise | None = None
    ) -> None:
        """Edit `promise`, or add a new one (its fields filled from `draft`, if given)."""
        super().__init__()
        self.today = today
        self.promise = promise
        self.draft = draft

    def compose(self) -> ComposeResult:
        heading = "Edit the promise" if self.promise else "A new promise"
        promise = self.promise or self.draft
        with Vertical(classes="dialog promise-editor"):
            yield Static(heading, classes="dialog-title")
            yield field_row(
                "Promise",
                Input(
                    promise.title if promise else "",
                    placeholder="small and concrete: Phone away at dinner",
                    id="title",
                    compact=True,
                ),
            )
            yield field_row(
                "When",
                Input(
                    promise.schedule.spec if promise else "daily",
                    placeholder="daily",
                    id="schedule",
                    compact=True,
                ),
            )
            yield Static("", id="schedule-help", classes="field-help")
            yield Static(Content(f"Try: {SCHEDULE_FORMS}"), classes="field-help muted")
            yield field_row(
                "Starts",
                Input(
                    (promise.start if promise else self.today).isoformat(),
                    placeholder="YYYY-MM-DD or today",
                    id="start",
                    compact=True,
                ),
            )
            yield Static("", id="start-help", classes="field-help muted")
            yield field_row(
                "Ends",
                Input(
                    promise.end.isoformat() if promise and promise.end else "",
                    placeholder="no end (or YYYY-MM-DD)",
                    id="end",
                    compact=True,
                ),
            )
            yield field_row(
                "Remind at",
                Input(
                    ", ".join(format_time(t) for t in promise.reminders) if promise else "",
                    placeholder="optional, such as 20:30",
                    id="reminders",
                    compact=True,
                ),
            )
            yield field_row(
                "Why",
                Input(
                    promise.why if promise else "",
                    placeholder="why it matters to you (optional)",
                    id="why",
                    compact=True,
                ),
            )
            yield field_row(
                "Measured",
                Input(
                    promise.measure.describe() if promise and promise.measure else "",
                    placeholder="optional: at least 10m, at most 1 late night",
                    id="measure",
                    compact=True,
                ),
            )
            yield tags_and_triggers_row(
                promise.tags if promise else (),
                promise.triggers if promise else (),
                self.tracker.service.tags.suggestions(),
            )
            yield from self.compose_error()
            yield from self.compose_buttons()
        yield Footer()

    def extra_buttons(self) -> ComposeResult:
        if self.promise is not None:
            label = "Restore" if self.promise.archived else "Archive"
            yield Button(label, id="archive", compact=True)

    def on_mount(self) -> None:
        self._update_preview()
        self._explain_start()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in {"schedule", "start"}:
            self._update_preview()
        if event.input.id in {"start", "end", "reminders", "measure"}:
            self._check_dates_and_times()
        if event.input.id == "start":
            self._explain_start()

    def _explain_start(self) -> None:
        """A start set back before the day the promise is added: those days are to fill in."""
        help_line = self.query_one("#start-help", Static)
        try:
            start = read_optional_date(self._value("start"), self.today) or self.today
        except TrackerError:
            start = self.today
        added = (
            self.today if self.promise is None else replace(self.promise, start=start).asked_from
        )
        help_line.display = start < added
        if start < added:
            last = added - timedelta(days=1)
            help_line.update(
                Content(f"{start:%-d %b}–{last:%-d %b}: yours to fill in, never counted as missed.")
            )

    def _check_dates_and_times(self) -> None:
        """Live validation: say what is wrong with a date or time as soon as it is typed."""
        try:
            start = read_optional_date(self._value("start"), self.today) or self.today
            end = read_optional_date(self._value("end"), self.today)
            parse_times(self._value("reminders"))
            parse_measure(self._value("measure"))
            if end is not None and end < start:
                raise ValidationError(f"It ends ({end.isoformat()}) before it starts.")
        except TrackerError as error:
            self.show_error(str(error))
            return
        self.clear_error()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def _update_preview(self) -> None:
        ok, words = schedule_preview(self._value("schedule"), self._value("start"), self.today)
        help_line = self.query_one("#schedule-help", Static)
        help_line.update(literal(("✓ " if ok else "✗ ") + words, one_line=False))
        help_line.set_class(not ok, "-invalid")

    def read_promise(self) -> Promise:
        """The promise the fields describe, or a TrackerError saying what to fix."""
        title = self._value("title")
        if not title.strip():
            raise ValidationError("Give the promise a few words, such as 'Phone away at dinner'.")
        written = Promise(
            title=title,
            schedule=parse_schedule(self._value("schedule").strip() or "daily"),
            start=read_optional_date(self._value("start"), self.today) or self.today,
            end=read_optional_date(self._value("end"), self.today),
            reminders=parse_times(self._value("reminders")),
            why=self._value("why"),
            tags=read_tags(self._value("tags")),
            triggers=read_triggers(self._value("triggers")),
            measure=parse_measure(self._value("measure")),
        )
        if self.promise is None:
            return written
        return replace(
            self.promise,
            title=written.title,
            schedule=written.schedule,
            start=written.start,
            end=written.end,
            reminders=written.reminders,
            why=written.why,
            tags=written.tags,
            triggers=written.triggers,
            measure=written.measure,
        )

    def save(self) -> Change[Promise]:
        promise = self.read_promise()
        promises = self.tracker.service.promises
        if self.promise is not None:
            return promises.edit(self.promise, promise)
        return promises.add(promise)

    def on_extra_button(self, button_id: str) -> None:
        """Archive (or restore) the promise, saved like the form itself."""
        if button_id != "archive" or self.promise is None:
            return
        if self._saving:  # already waiting for the data file: try again now
            self.tracker.saver.retry_now()
            return
        promise, promises = self.promise, self.tracker.service.promises
        self._saving = True
        self.tracker.save(
            lambda: promises.restore(promise) if promise.archived else promises.archive(promise),
            announce=True,
            saved=self._saved,
            refused=self._refused,
            waiting=self.show_error,
        )
