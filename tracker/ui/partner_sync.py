"""The app's side of sharing: the partner's share read in a worker when it changes, and ours
written in a worker once a burst of changes is over, and when the app closes.

Nothing here touches the disk on the app's thread but one `lstat` (is sharing set up?):
the partner's share is polled (`Sharing.revision()`, a few `lstat` calls) and read in a
thread worker, which hands the app a ready `PartnerView`; the Partner view and Today
redraw from it. Our share is written by a worker after a quiet moment (the debounce),
so five check-offs in a row write once and no keypress waits for it; a burst that goes
on is still written once it has waited `MAX_WAIT_SECONDS`, so the partner is never kept
waiting for it to end.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from tracker.practices.records import Appreciation
    from tracker.service import Tracker
    from tracker.service.sharing import PartnerView, Sharing
    from tracker.share.views import Noticed

POLL_SECONDS = 1.0
DEBOUNCE_SECONDS = 2.0
MAX_WAIT_SECONDS = 30.0  # as `tracker.share.pending` for the command line
READ = "partner-read"
PUBLISH = "share-publish"


class SyncingApp(Protocol):
    """What the partner's sync uses of the app: the service, timers and thread workers,
    reporting a problem, and redrawing what shows the partner."""

    @property
    def service(self) -> Tracker: ...
    def set_timer(
        self, delay: float, callback: Callable[[], object], *, name: str | None = None
    ) -> Timer: ...
    def set_interval(
        self, interval: float, callback: Callable[[], object], *, name: str | None = None
    ) -> Timer: ...
    def workers_in(self, group: str) -> list[Worker[object]]: ...
    def run_worker(
        self, work: Callable[[], None], *, group: str = "default", thread: bool = False
    ) -> Worker[None]: ...
    def call_from_thread(
        self, callback: Callable[..., object], *args: Any, **kwargs: Any
    ) -> Any: ...
    def report(self, error: TrackerError, *, title: str = "Not saved") -> None: ...
    def partner_changed(self) -> None: ...


class PartnerSync:
    """The partner's last view and our pending share, for one app."""

    def __init__(
        self,
        app: SyncingApp,
        poll_seconds: float = POLL_SECONDS,
        debounce_seconds: float = DEBOUNCE_SECONDS,
        max_wait_seconds: float = MAX_WAIT_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.poll_seconds = poll_seconds
        self.debounce_seconds = debounce_seconds
        self.max_wait_seconds = max_wait_seconds
        self.monotonic = monotonic
        self._unwritten_since: float | None = None  # the first change not yet written
        self.view: PartnerView | None = None
        self.day: date | None = None  # the partner's day the Partner view shows (None: today)
        self.read_at: float | None = None  # perf_counter when the last view was read
        self._revision: tuple[object, ...] | None = None
        self._again = False
        self._publish_timer: Timer | None = None
        # Our share could not be written (the folder was gone, read-only, full): every poll
        # looks again, even when nothing in the folder seems to have changed since.
        self._share_owed = False

    @property
    def service(self) -> Sharing:
        return self.app.service.sharing

    def start(self) -> None:
        self.app.set_interval(self.poll_seconds, self.poll, name="poll-partner")
        self.poll()

    # -- the partner's share -------------------------------------------------------------

    @property
    def noticed(self) -> Mapping[tuple[int, date], Noticed]:
        """What the partner noticed of your kept promises (for Today's rows)."""
        return {} if self.view is None else self.view.noticed

    @property
    def appreciations(self) -> Sequence[Appreciation]:
        """What the partner wrote in their share that they appreciate in you."""
        if self.view is None or self.view.share is None:
            return ()
        return self.view.share.appreciations

    @property
    def name(self) -> str:
        return "Partner" if self.view is None else self.view.partner

    def poll(self, *, force: bool = False) -> None:
        """Look whether the partner's share (or our pairing) changed, in a worker; `force`
        reads it again anyway (another day shown, an acknowledgement given)."""
        if not force and not self.service.is_set_up() and self._knows_it_is_not_set_up():
            return
        if self.app.workers_in(READ):
            self._again = self._again or force
            return
        self.app.run_worker(lambda: self._read(force), group=READ, thread=True)

    def _knows_it_is_not_set_up(self) -> bool:
        return self.view is None or self.view.status.state == "not-set-up"

    def show_day(self, day: date | None) -> None:
        """The Partner view looks at another of their days: read it (in a worker)."""
        self.day = day
        self.poll(force=True)

    def _read(self, force: bool) -> None:
        """In the worker: the view, if anything changed; handed to the app's thread."""
        try:
            revision = self.service.revision()
            owed = self._share_owed
            if not force and revision == self._revision and not owed:
                return
            view = self.service.view(self.day)  # writes a share that is owed, if it can
            if owed:
                self._share_owed = self.service.own_share_owed()
        except TrackerError as error:
            self.app.call_from_thread(self.app.report, error, title="Cannot read the share")
            return
        self.app.call_from_thread(self._arrived, view, revision)

    def _arrived(self, view: PartnerView, revision: tuple[object, ...]) -> None:
        self.view, self._revision = view, revision
        self.read_at = time.perf_counter()
        self.app.partner_changed()
        if self._again:
            self._again = False
            self.poll(force=True)

    # -- our share -----------------------------------------------------------------------

    def schedule_publish(self) -> None:
        """Something changed: write our share once no change has come for a moment, or
        once the first unwritten change has waited `max_wait_seconds`."""
        if not self.service.is_set_up():
            return
        now = self.monotonic()
        if self._unwritten_since is None:
            self._unwritten_since = now
        if self._publish_timer is not None:
            self._publish_timer.stop()
        left = self._unwritten_since + self.max_wait_seconds - now
        if left <= 0:
            self._publish_timer = None
            self._publish_in_worker()
            return
        self._publish_timer = self.app.set_timer(
            min(self.debounce_seconds, left), self._publish_in_worker, name=PUBLISH
        )

    def _publish_in_worker(self) -> None:
        self._publish_timer = None
        if self.app.workers_in(PUBLISH):  # one at a time; this one follows
            self._publish_timer = self.app.set_timer(
                self.debounce_seconds, self._publish_in_worker, name=PUBLISH
            )
            return
        self._unwritten_since = None
        self.app.run_worker(self._publish, group=PUBLISH, thread=True)

    def _publish(self) -> None:
        try:
            self._share_owed = self.service.publish().problem is not None
        except TrackerError as error:
            self._share_owed = True
            self.app.call_from_thread(self.app.report, error, title="Your share was not written")

    def publish_on_close(self) -> None:
        """The app is closing: write our share if it would say something new."""
        if self._publish_timer is not None:
            self._publish_timer.stop()
        if not self.service.is_set_up():
            return
        # Nothing is left to show a problem on: the reminder service or the next change
        # writes the share then.
        with contextlib.suppress(TrackerError):
            self.service.publish(only_if_changed=True)
