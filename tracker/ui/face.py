"""What a screen, dialog or widget may touch of the app: the one narrow door to it.

Views reach the app only through `Face` (see DESIGN.md, "Faces hold no rules, and know
what they may touch"): the service, today, saving with undo, saying and reporting, and
the few app actions a view starts. The command palette's helpers see a little more
(`PaletteFace`: every action it lists). `TrackerApp` implements both; nothing here
imports the app, so nothing under tracker.ui but the app itself names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from tracker.clock import Clock
    from tracker.errors import TrackerError
    from tracker.model import Note, Promise
    from tracker.practices.checkin import CheckIn
    from tracker.practices.records import Appreciation
    from tracker.service import Change, Tracker
    from tracker.service.sharing import PartnerView
    from tracker.share.views import Noticed


class PartnerShare(Protocol):
    """The app's last read of the partner's share (tracker.ui.partner_sync)."""

    @property
    def view(self) -> PartnerView | None: ...
    @property
    def noticed(self) -> Mapping[tuple[int, date], Noticed]: ...
    @property
    def appreciations(self) -> Sequence[Appreciation]: ...
    @property
    def name(self) -> str: ...
    def poll(self, *, force: bool = False) -> None: ...
    def show_day(self, day: date | None) -> None: ...


class PendingSave(Protocol):
    """A change waiting for a busy data file (tracker.ui.saving)."""

    def retry_now(self) -> None: ...


class Face(Protocol):
    """What the views use of the app, and nothing more."""

    @property
    def service(self) -> Tracker: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def today(self) -> date: ...
    @property
    def data_version(self) -> int: ...
    @property
    def partner(self) -> PartnerShare: ...
    @property
    def saver(self) -> PendingSave: ...

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
    ) -> None: ...
    def announce(self, change: Change[object]) -> None: ...
    def say(self, message: str, *, title: str = "") -> None: ...
    def report(self, error: TrackerError, *, title: str = "Not saved") -> None: ...

    def edit_promise(self, promise: Promise) -> None: ...
    def edit_note(self, note: Note) -> None: ...
    def read_checkin(self, checkin: CheckIn) -> None: ...
    def action_add_promise(self) -> None: ...
    def action_checkin(self) -> None: ...
    def action_checkins(self) -> None: ...
    def action_help(self) -> None: ...
    def action_toggle_theme(self) -> None: ...


class PaletteFace(Face, Protocol):
    """What the command palette's helpers use besides: the app's actions it lists."""

    def action_goto(self, mode: str) -> None: ...
    def action_log_time(self) -> None: ...
    def action_new_note(self) -> None: ...
    def action_settings(self) -> None: ...
    def action_undo(self) -> None: ...
    def action_snooze_reminder(self, minutes: int = 30) -> None: ...
    def check_off_today(self, promise: Promise) -> None: ...


def face_of(node: DOMNode) -> Face:
    """The app `node` runs in, seen through the door views may use."""
    return cast("Face", node.app)


def palette_face(app: App[Any]) -> PaletteFace:
    """The app (Textual's, for screens and workers) seen through the palette's door."""
    return cast("PaletteFace", app)
