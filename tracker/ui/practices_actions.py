"""The couple's practices in the command palette: every action of the Us view by name,
a tag filter for Today and Streaks, and snoozing the last reminder."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App

from tracker.ui.face import palette_face
from tracker.ui.screens.tag_filter import TagFiltered

Action = tuple[str, Callable[[], object], str]


def practice_actions(app: App[Any]) -> list[Action]:
    face = palette_face(app)
    return [
        ("Go to Us", partial(face.action_goto, "us"), "appreciations, bids, boundaries, goals…"),
        ("Keep an appreciation", partial(new_appreciation, app), "one specific thanks"),
        ("Log a bid for connection", partial(log_bid, app), "turned toward, away or against"),
        ("Add a boundary", partial(new_boundary, app), "what one of you needs, agreed"),
        ("Add a shared goal", partial(new_goal, app), "and the promises that serve it"),
        ("Write a letter", partial(new_letter, app), "what trust means to me…"),
        ("See what needs care", partial(show_section, app, "care"), "triggers and promises"),
        ("Show only one tag", partial(pick_tag, app), "on Today or Streaks"),
        (
            "Snooze the last reminder for 30 minutes",
            partial(face.action_snooze_reminder, 30),
            "it comes back once",
        ),
        (
            "Snooze the last reminder for 1 hour",
            partial(face.action_snooze_reminder, 60),
            "it comes back once",
        ),
    ]


def show_section(app: App[Any], name: str) -> None:
    """Go to Us and bring the section `name` forward."""
    from tracker.ui.screens.us import UsScreen

    palette_face(app).action_goto("us")

    def bring_forward() -> None:
        if isinstance(app.screen, UsScreen):
            app.screen.show_section(name)

    app.call_after_refresh(bring_forward)


def new_appreciation(app: App[Any]) -> None:
    from tracker.ui.dialogs.practices import AppreciationEditor

    app.push_screen(AppreciationEditor(palette_face(app).today))


def log_bid(app: App[Any]) -> None:
    from tracker.ui.dialogs.practices import BidDialog

    app.push_screen(BidDialog(palette_face(app).today))


def new_boundary(app: App[Any]) -> None:
    from tracker.ui.dialogs.practices import BoundaryEditor

    app.push_screen(BoundaryEditor(palette_face(app).today))


def new_goal(app: App[Any]) -> None:
    from tracker.ui.dialogs.practices import GoalEditor

    face = palette_face(app)
    app.push_screen(GoalEditor(face.today, face.service.promises.all()))


def new_letter(app: App[Any]) -> None:
    from tracker.ui.dialogs.letter_editor import LetterEditor

    app.push_screen(LetterEditor(palette_face(app).today))


def pick_tag(app: App[Any]) -> None:
    """The tag filter of the view shown (Today or Streaks); from elsewhere, Today's."""
    if not isinstance(app.screen, TagFiltered):
        palette_face(app).action_goto("today")

    def pick() -> None:
        if isinstance(app.screen, TagFiltered):
            app.screen.action_pick_tag()

    app.call_after_refresh(pick)
