"""The command palette's tracker commands: every action, plus 'Check off <promise>'.

Besides the app's own actions, the palette offers every key of the view it was opened
over (read from the view's bindings, so it never falls behind the help screen), acting
on what the view has highlighted: the promise on Today and Streaks, the entry on
Together, the note on Notes, the day under the calendar's cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget

from tracker.errors import TrackerError
from tracker.ui.face import PaletteFace, palette_face
from tracker.ui.keys import binding_words, key_words
from tracker.ui.literal import literal
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.widgets.fitted_table import FittedTable

# What a view's keys act on, said in the palette (a new view adds a line).
CONTEXTS = {
    "today": "the highlighted promise, on the day shown",
    "together": "the highlighted entry",
    "streaks": "the highlighted promise",
    "notes": "the highlighted note",
    "partner": "their day or tab shown",
    "us": "the highlighted item of the section shown",
}
CALENDAR_CONTEXT = "the day under the calendar's cursor"
FLOW_CONTEXT = "the step shown"


def _export_report(app: App[Any]) -> None:
    from tracker.ui.exporting import export_report  # loaded when first asked for

    export_report(app)


def _lock(app: App[Any]) -> None:
    from tracker.ui.dialogs.lock import open_lock_dialog

    open_lock_dialog(app)


def _export_data(app: App[Any]) -> None:
    from tracker.ui.exporting import export_data

    export_data(app)


def _own_bindings(node: Widget) -> list[Binding]:
    """The bindings tracker declares for `node`, then its base classes' (a view's tag
    filter), not Textual's own (scrolling, the app's quit): the view's own keys first."""
    declared: list[BindingType] = []
    for cls in type(node).__mro__:
        if cls.__module__.startswith("tracker.") and "BINDINGS" in cls.__dict__:
            declared.extend(cls.__dict__["BINDINGS"])
    return list(Binding.make_bindings(declared))


def _named_apart(
    commands: list[tuple[str, Callable[[], object], str]],
    taken: list[tuple[str, Callable[[], object], str]],
) -> list[tuple[str, Callable[[], object], str]]:
    """A view's key named like one of the app's actions (Us' "Add a promise" for the
    highlighted need, beside the app's own) says what it acts on, so the two differ."""
    names = {name for name, _run, _help in taken}
    return [
        (f"{name} ({help_text.split(' · on ', 1)[-1]})" if name in names else name, run, help_text)
        for name, run, help_text in commands
    ]


class TrackerCommands(Provider):
    """Go to a view, add a promise, log time, write a note, switch theme, check off a promise."""

    @property
    def tracker(self) -> PaletteFace:
        return palette_face(self.app)

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        from tracker.ui.practices_actions import practice_actions

        app = self.tracker
        theme_word = "light" if self.app.current_theme.dark else "dark"
        return [
            ("Go to Today", partial(app.action_goto, "today"), "check off today's promises"),
            ("Go to Time together", partial(app.action_goto, "together"), "log and see time"),
            ("Go to Streaks", partial(app.action_goto, "streaks"), "streaks and heatmaps"),
            ("Go to Notes", partial(app.action_goto, "notes"), "forgiveness notes"),
            (
                "Go to Partner",
                partial(app.action_goto, "partner"),
                "your partner's day and streaks; say you noticed what they kept",
            ),
            ("Add a promise", app.action_add_promise, "something small and concrete"),
            ("Log time together", app.action_log_time, "a conversation, a date night, a walk"),
            ("Write a forgiveness note", app.action_new_note, "what happened, how I feel"),
            ("Weekly check-in", app.action_checkin, "eight short steps together (c)"),
            ("Read past check-ins", app.action_checkins, "the check-ins you finished"),
            (
                f"Switch to the {theme_word} theme",
                app.action_toggle_theme,
                "remembered next time",
            ),
            ("Settings", app.action_settings, "weekly target, when the day starts"),
            (
                "Lock my data (or unlock it for good)",
                partial(_lock, self.app),
                "encrypt everything tracker keeps, behind a passphrase",
            ),
            (
                "Export a report",
                partial(_export_report, self.app),
                "the last weeks, for a counsellor: HTML that prints to PDF",
            ),
            (
                "Export my data",
                partial(_export_data, self.app),
                "everything as JSON, spreadsheets (CSV) or a calendar (ICS)",
            ),
            ("Show every key", app.action_help, "the keys of each view"),
            ("Undo the last change", app.action_undo, "puts back a mark, an entry or a note"),
            *practice_actions(self.app),
        ]

    def _available(self) -> list[tuple[str, Callable[[], object], str]]:
        """Over an open form, only what cannot strand it: the theme and the keys; over
        a full-screen flow (the check-in), its own keys too."""
        actions = self._actions()
        if not self._over_a_dialog:
            # The view's own keys first: what can be done here is what is wanted first.
            return [*_named_apart(self._view_commands(), actions), *actions]
        harmless = [action for action in actions if action[1] in self._harmless]
        if isinstance(self.screen, ModalScreen):
            return harmless
        return [*harmless, *self._view_commands()]

    def _view_commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """Every key of the view under the palette (and of the part of it that has the
        focus: the calendar, a check-in step), by name, run on what it has highlighted."""
        from tracker.ui.widgets.calendar_heatmap import CalendarHeatmap

        screen = self.screen
        if isinstance(screen, TrackerScreen):
            context = CONTEXTS.get(screen.MODE, "this view")
        elif getattr(screen, "IS_FLOW", False):
            context = FLOW_CONTEXT
        else:
            return []
        sources: list[tuple[Widget, str]] = [(screen, context)]
        focused = screen.focused
        for node in focused.ancestors_with_self if focused is not None else ():
            if node is screen:
                break
            # A table's home/end only move its cursor; the calendar's keys mark days.
            if (
                isinstance(node, Widget)
                and _own_bindings(node)
                and not isinstance(node, FittedTable)
            ):
                where = CALENDAR_CONTEXT if isinstance(node, CalendarHeatmap) else context
                sources.insert(0, (node, where))
        # Keys that do not act on the highlighted row (a day back, the next section) say
        # only their key: "Previous day" is not done "on the highlighted promise".
        row_actions: frozenset[str] | None = getattr(screen, "ROW_ACTIONS", None)
        commands: list[tuple[str, Callable[[], object], str]] = []
        seen: set[str] = set()
        for node, context in sources:
            for binding in _own_bindings(node):
                action = binding.action
                if action.startswith("app.") or action in seen:
                    continue  # the app's own actions are listed above
                seen.add(action)
                name = binding_words(binding)
                help_text = f"key {key_words(binding)}"
                if node is not screen or row_actions is None or action in row_actions:
                    help_text += f" · on {context}"
                commands.append((name, partial(node.run_action, action), help_text))
        return commands

    @property
    def _over_a_dialog(self) -> bool:
        # A full-screen flow (the weekly check-in) holds typing like a form does.
        return isinstance(self.screen, ModalScreen) or getattr(self.screen, "IS_FLOW", False)

    @property
    def _harmless(self) -> tuple[Callable[[], object], ...]:
        return (self.tracker.action_toggle_theme, self.tracker.action_help)

    def _promise_commands(self) -> list[tuple[str, Content, Callable[[], object]]]:
        """'Check off <title>' for each active promise (titles shown literally)."""
        app = self.tracker
        if self._over_a_dialog:
            return []
        try:
            promises = app.service.promises.active_on(app.today)
        except TrackerError:
            return []
        return [
            (
                f"Check off {promise.title}",
                Content.assemble("Check off ", literal(promise.title)),
                partial(app.check_off_today, promise),
            )
            for promise in promises
        ]

    async def discover(self) -> Hits:
        for name, run, help_text in self._available():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._available():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=help_text)
        for text, display, run in self._promise_commands():
            score = matcher.match(text)
            if score > 0:
                # Not matcher.highlight: it would read the title as markup.
                yield Hit(score, display, run, text=text, help="mark it kept for today")
