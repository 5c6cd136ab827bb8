"""The command palette's tracker commands: every action, plus 'Check off <promise>'."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import ModalScreen

from tracker.errors import TrackerError
from tracker.ui.literal import literal

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


def _export_report(app: TrackerApp) -> None:
    from tracker.ui.exporting import export_report  # loaded when first asked for

    export_report(app)


def _export_data(app: TrackerApp) -> None:
    from tracker.ui.exporting import export_data

    export_data(app)


class TrackerCommands(Provider):
    """Go to a view, add a promise, log time, write a note, switch theme, check off a promise."""

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        from tracker.ui.practices_actions import practice_actions

        app = self.tracker
        theme_word = "light" if app.current_theme.dark else "dark"
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
                "Export a report",
                partial(_export_report, app),
                "the last weeks, for a counsellor: HTML that prints to PDF",
            ),
            (
                "Export my data",
                partial(_export_data, app),
                "everything as JSON, spreadsheets (CSV) or a calendar (ICS)",
            ),
            ("Show every key", app.action_help, "the keys of each view"),
            ("Undo the last change", app.action_undo, "puts back a mark, an entry or a note"),
            *practice_actions(app),
        ]

    def _available(self) -> list[tuple[str, Callable[[], object], str]]:
        """Over an open form, only what cannot strand it: the theme and the keys."""
        actions = self._actions()
        if not self._over_a_dialog:
            return actions
        return [action for action in actions if action[1] in self._harmless]

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
