"""Go through what's open: each promise still open today, one question at a time.

The app's face of `tracker ask`: space kept, m missed, x excused (a reason may follow),
enter skips, q or escape stops. On a measured promise space asks how much (3, 15m),
added to the day's amount. Each answer is saved as it is given (ctrl+z takes
them back one by one), so stopping half way keeps what was answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from tracker.errors import TrackerError
from tracker.model import MarkStatus
from tracker.parsing import format_count, parse_amount
from tracker.service import Change, OpenDay
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.face import Face, face_of
from tracker.ui.literal import literal
from tracker.ui.stylesheets import stylesheet


class AskDialog(ModalScreen[int]):
    """Asks about each open day in turn; dismisses with the number of answers saved."""

    CSS_PATH = stylesheet("dialogs.tcss")
    # Nothing focused: the keys are the answers (the reason's field takes focus on s).
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        # Today's keys mean the same here (space kept, x excused); n is not "missed",
        # as on Today it is "kept, with a note": m is.
        Binding("space,y", "answer('kept')", "Kept", key_display="space"),
        Binding("m", "answer('missed')", "Missed"),
        Binding("x,s", "answer('excused')", "Excused", key_display="x"),
        Binding("enter", "skip", "Skip"),
        Binding("q,escape", "stop", "Stop"),
    ]

    def __init__(self, questions: list[OpenDay]) -> None:
        super().__init__()
        self.questions = questions
        self.index = 0
        self.answered = 0
        # Whether the field under the question takes an amount (space on a measured
        # promise) rather than an excuse's reason.
        self.asking_amount = False

    @property
    def tracker(self) -> Face:
        return face_of(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog ask-dialog"):
            yield Static("", id="ask-count", classes="dialog-title")
            yield Static("", id="ask-question", classes="ask-question")
            error = Static("", id="ask-error", classes="dialog-error")
            error.display = False
            yield error
            # Hidden (and so not focused) until s asks for a reason.
            reason = Input(placeholder="why (optional), then enter", id="ask-reason", compact=True)
            reason.display = False
            yield reason
            yield Static(
                Content("space kept · m missed · x excused · enter skip · q stop"),
                classes="muted",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.show_question()

    @property
    def current(self) -> OpenDay:
        return self.questions[self.index]

    def show_question(self) -> None:
        if self.index >= len(self.questions):
            self.finish()
            return
        question = self.current
        self.query_one("#ask-count", Static).update(
            Content(f"What's open · {self.index + 1} of {len(self.questions)}")
        )
        when = "today" if question.day == self.tracker.today else f"{question.day:%a %-d %b}"
        measure = question.promise.measure_on(question.day)
        rhythm = question.promise.schedule.describe()
        if measure is not None:
            rhythm += f", {measure.describe()}"
        self.query_one("#ask-question", Static).update(
            Content.assemble(
                literal(question.promise.title, "bold"),
                (f"\n{rhythm} · {when}", "$foreground-muted"),
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a reason is typed, the letters are the reason's, not answers."""
        return not (action in {"answer", "skip"} and self.query_one("#ask-reason").display)

    def action_answer(self, status_name: str) -> None:
        status = MarkStatus(status_name)
        question = self.current
        measured = question.promise.measure_on(question.day) is not None
        if status is MarkStatus.EXCUSED or (status is MarkStatus.KEPT and measured):
            self.asking_amount = status is MarkStatus.KEPT
            field = self.query_one("#ask-reason", Input)
            field.placeholder = (
                "how much (3, 15m, 1h30), then enter"
                if self.asking_amount
                else "why (optional), then enter"
            )
            field.display = True
            field.focus()
            self.refresh_bindings()
            return
        self.write(status)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = self.query_one("#ask-reason", Input)
        if not self.asking_amount:
            self.write(MarkStatus.EXCUSED, field.value)
            return
        try:
            amount, _ = parse_amount(field.value)
        except TrackerError as error:
            self.show_error(error)  # the field keeps what was typed, to be corrected
            return
        question, marks = self.current, self.tracker.service.marks
        self.save(lambda: marks.enter(question.promise, question.day, amount))

    def show_error(self, error: TrackerError) -> None:
        error_line = self.query_one("#ask-error", Static)
        error_line.update(Content(str(error)))
        error_line.display = True

    def write(self, status: MarkStatus, reason: str = "") -> None:
        question, marks = self.current, self.tracker.service.marks
        self.save(lambda: marks.set(question.promise, question.day, status, reason=reason))

    def save(self, write: Callable[[], Change[object]]) -> None:
        """Write one answer; once saved, the next question."""

        def saved(_change: Change[object]) -> None:
            self.answered += 1
            self.next_question()

        self.tracker.save(write, saved=saved, refused=self.show_error)

    def action_skip(self) -> None:
        self.next_question()

    def next_question(self) -> None:
        reason = self.query_one("#ask-reason", Input)
        reason.value = ""
        reason.display = False
        self.asking_amount = False
        self.refresh_bindings()
        self.query_one("#ask-error").display = False
        self.index += 1
        self.show_question()

    def action_stop(self) -> None:
        reason = self.query_one("#ask-reason", Input)
        if not reason.display:
            self.finish()
        elif not reason.value.strip():  # escape leaves the reason, not the walk
            self.drop_reason()
        else:  # words typed are never dropped without asking

            def answered(drop: bool | None) -> None:
                if drop:
                    self.drop_reason()

            self.app.push_screen(
                ConfirmDialog(Content("Drop what you typed?"), "Drop it"), answered
            )

    def drop_reason(self) -> None:
        reason = self.query_one("#ask-reason", Input)
        reason.value = ""
        reason.display = False
        self.asking_amount = False
        self.refresh_bindings()

    def finish(self) -> None:
        answered = self.answered
        self.tracker.say(
            f"{format_count(answered, 'answers')} saved. ctrl+z takes the last one back."
            if answered
            else "Nothing changed."
        )
        self.dismiss(answered)
