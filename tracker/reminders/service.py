"""`tracker remind`: the foreground service that fires reminders while the app is closed.

It also keeps the partner's view current when sharing is set up: each time it wakes it
writes our share if it would say something new (a change no process shared, a new day).

It sleeps until the next reminder, claims it in the store's fired-log, then shows it.
Sleeps are capped at a minute: a monotonic sleep does not count time the machine spent
suspended, and a promise added meanwhile may bring the next reminder closer. After a
suspend or a clock jump, reminders within the grace window still fire and older ones
become one "missed reminders" notice. Nothing stops it but SIGTERM or ctrl+c: a failed
notification, a locked or damaged data file are logged in one line and retried.

Where the desktop shows buttons, a reminder's notification offers "Snooze 30 min" and
"Snooze 1 hour". A click is heard in the notifier's listening thread; it is handed to
the loop (a queue, and a wake-up), which keeps the snooze in the data like any other
change, so it survives a restart. Stopping takes the waiting buttons down.
"""

from __future__ import annotations

import os
import queue
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from tracker.errors import LockedError, TrackerError
from tracker.parsing import format_count
from tracker.reminder_rules.messages import Notice
from tracker.reminders.desktop_actions import SNOOZE_ACTIONS, snooze_minutes
from tracker.reminders.notifier import Delivery, Notifier
from tracker.reminders.wakeup import Wakeup
from tracker.service import Firing, Tracker
from tracker.store.files import (
    link_target,
    lstat_or_none,
    read_bytes_nofollow,
    remove_file,
    user_name,
    write_atomically,
)
from tracker.store.locking import LockTimeout, ProcessLock

MAX_SLEEP_SECONDS = 60.0
# Wake a hair after the reminder's instant, so that it is inside the window (now-grace, now].
WAKE_MARGIN_SECONDS = 0.05

Log = Callable[[str], None]


@dataclass(frozen=True)
class SnoozeChoice:
    """A snooze button clicked on a notification: which notice, how long, and when."""

    notice: Notice
    minutes: int
    at: datetime


def instance_lock_path(data_path: Path) -> Path:
    return Path(f"{data_path}.remind.lock")


def pid_file_path(data_path: Path) -> Path:
    return Path(f"{data_path}.remind.pid")


class ReminderService:
    """The loop behind `tracker remind`; `stop()` (or a signal) ends it between steps."""

    def __init__(
        self,
        tracker: Tracker,
        notifier: Notifier,
        log: Log,
        *,
        max_sleep: float = MAX_SLEEP_SECONDS,
        offer_snooze: bool = True,
    ) -> None:
        self.tracker = tracker
        self.clock = tracker.clock
        self.notifier = notifier
        self.log = log
        self.max_sleep = max_sleep
        # `tracker remind --once` exits at once: nobody would hear a button's click.
        self.offer_snooze = offer_snooze
        self._stopping = False
        self._wakeup = Wakeup()
        self._choices: queue.SimpleQueue[SnoozeChoice] = queue.SimpleQueue()
        self._last_problem = ""
        self._last_share_problem = ""
        self.failed_deliveries = 0

    def stop(self) -> None:
        """End the loop at its next step; safe from any thread and from a signal handler
        (it takes no lock)."""
        self._stopping = True
        self._wakeup.wake()

    def woken_by_signals(self) -> AbstractContextManager[None]:
        """A signal cuts the loop's sleep short, whichever thread the kernel gave it to."""
        return self._wakeup.woken_by_signals()

    def close(self) -> None:
        """Let go of the wake-up pipe (once no signal can write to it any more)."""
        self._wakeup.close()

    def run(self) -> None:
        """Fire reminders until stopped."""
        since: datetime | None = None
        self.log(
            f"watching {self.tracker.data_path} for reminders (backend: {self._backend_name()})"
        )
        while not self._stopping:
            now = self.clock.now()
            self.keep_snoozes()
            firing = self.fire_once(now, since)
            if firing is not None:
                since = firing.checked_at
            self.share_if_new(now)
            self._wakeup.sleep(self._seconds_to_sleep(now, firing))
        self.notifier.withdraw_offers()
        self.keep_snoozes()  # a click heard while stopping is kept too
        self.log("stopped")

    def fire_once(self, now: datetime, since: datetime | None = None) -> Firing | None:
        """Claim and show what is due at `now`; None if the data could not be used."""
        try:
            firing = self.tracker.reminders.claim(now, since)
        except TrackerError as error:
            self._problem(f"{now:%Y-%m-%d %H:%M} could not read or save reminders: {error}")
            return None
        self._last_problem = ""
        for notice in firing.notices:
            self._show(now, notice)
        return firing

    def share_if_new(self, now: datetime) -> None:
        """Write our share if sharing is set up and it would tell the partner something
        new; problems are logged once, like the reminders'."""
        sharing = self.tracker.sharing
        try:
            if not sharing.is_set_up():
                return
            published = sharing.publish(only_if_changed=True)
        except TrackerError as error:
            self._share_problem(f"{now:%Y-%m-%d %H:%M} could not write your share: {error}")
            return
        if published.problem is not None:
            self._share_problem(f"{now:%Y-%m-%d %H:%M} your share: {published.problem.message}")
            return
        self._last_share_problem = ""
        if published.written:
            self.log(f"{now:%Y-%m-%d %H:%M} wrote your share for your partner")

    def _share_problem(self, message: str) -> None:
        if message.split(": ", 1)[-1] != self._last_share_problem.split(": ", 1)[-1]:
            self.log(message)
        self._last_share_problem = message

    def _show(self, now: datetime, notice: Notice) -> Delivery:
        if self.offer_snooze and notice.keys:
            delivery = self.notifier.send_with_actions(
                notice, SNOOZE_ACTIONS, lambda key: self._chosen(notice, key)
            )
        else:
            delivery = self.notifier.send(notice)
        # The summary is always our own words ("A promise is due"), never user text.
        if delivery.ok:
            self.log(f'{now:%Y-%m-%d %H:%M} sent "{notice.summary}" through {delivery.backend}')
        else:
            self.failed_deliveries += 1
            self.log(
                f'{now:%Y-%m-%d %H:%M} could not show "{notice.summary}": {delivery.error}. '
                "Still running; `tracker doctor` can help."
            )
        return delivery

    def _chosen(self, notice: Notice, action_key: str) -> None:
        """A button was clicked (in the notifier's listening thread): hand it to the loop."""
        minutes = snooze_minutes(action_key)
        if minutes is not None:
            self._choices.put(SnoozeChoice(notice, minutes, self.clock.now()))
            self._wakeup.wake()

    def keep_snoozes(self) -> None:
        """Keep in the data the snoozes clicked since the last look (the loop's thread)."""
        while True:
            try:
                choice = self._choices.get_nowait()
            except queue.Empty:
                return
            try:
                self.tracker.snoozes.snooze_keys(choice.notice.keys, choice.minutes, choice.at)
            except LockedError as error:
                self._choices.put(choice)  # the data file is busy: the next look keeps it
                self._problem(f"{choice.at:%Y-%m-%d %H:%M} could not keep a snooze yet: {error}")
                return
            except TrackerError as error:
                self.log(f"{choice.at:%Y-%m-%d %H:%M} could not keep a snooze: {error}")
                continue
            # The summary is our own words, never user text.
            self.log(
                f'{choice.at:%Y-%m-%d %H:%M} snoozed "{choice.notice.summary}" '
                f"for {format_count(choice.minutes, 'minutes')}"
            )

    def _seconds_to_sleep(self, now: datetime, firing: Firing | None) -> float:
        if firing is None or firing.next_at is None:
            return self.max_sleep
        until = (firing.next_at.astimezone(UTC) - now.astimezone(UTC)).total_seconds()
        return max(0.0, min(self.max_sleep, until + WAKE_MARGIN_SECONDS))

    def _problem(self, message: str) -> None:
        # Once per distinct problem: a data file locked for an hour is one line, not sixty.
        if message.split(": ", 1)[-1] != self._last_problem.split(": ", 1)[-1]:
            self.log(message)
        self._last_problem = message

    def _backend_name(self) -> str:
        backend = self.notifier.backend
        return backend.name if backend.found else f"none ({backend.advice})"


@contextmanager
def single_instance(data_path: Path) -> Iterator[None]:
    """Refuse a second `tracker remind` service on the same data file.

    The lock and the pid file beside the data file follow the store's rules: never
    through a link, 0600, owner kept (run as root, they are the data folder owner's).
    """
    problem = service_files_problem(data_path)
    if problem is not None:
        raise TrackerError(problem)
    lock = ProcessLock(instance_lock_path(data_path), timeout=0)
    try:
        lock.acquire()
    except LockTimeout:
        pid = running_service_pid(data_path)
        who = f" (process {pid})" if pid else ""
        raise TrackerError(
            f"A reminder service is already running for {data_path}{who}. "
            "One is enough: it fires reminders for the app too."
        ) from None
    except OSError as error:
        path = instance_lock_path(data_path)
        raise TrackerError(
            f"The reminder service cannot use its lock {path} ({error.strerror}). "
            f"Remove that file (rm '{path}') and start the service again."
        ) from None
    try:
        pid_path = pid_file_path(data_path)
        write_atomically(pid_path, str(os.getpid()), durable=False)
        try:
            yield
        finally:
            remove_file(pid_path)
    finally:
        lock.release()


def service_files_problem(data_path: Path) -> str | None:
    """Why this user's reminder service could not use its lock or pid file, or None.

    A link, something that is not a file, or another user's file (left by a run as
    root, say) is named with its path and what to do.
    """
    for path in (instance_lock_path(data_path), pid_file_path(data_path)):
        try:
            info = lstat_or_none(path)
        except TrackerError as error:
            return str(error)
        if info is None:
            continue
        remove = f"remove it (rm '{path}'), then start the service again"
        if stat.S_ISLNK(info.st_mode):
            return (
                f"{path} is a symbolic link (to {link_target(path)}), and tracker never "
                f"writes through one: {remove}."
            )
        if not stat.S_ISREG(info.st_mode):
            return f"{path} is not a regular file: {remove}."
        euid = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
        if euid not in (0, info.st_uid):
            return (
                f"{path} belongs to {user_name(info.st_uid)}, so your reminder service "
                f"cannot use it: remove it (sudo rm '{path}'), then start the service again."
            )
    return None


def running_service_pid(data_path: Path) -> int | None:
    """The pid of the reminder service running on this data file (0 if it cannot be read),
    or None when none runs."""
    lock = ProcessLock(instance_lock_path(data_path), timeout=0)
    try:
        lock.acquire()
    except LockTimeout:
        try:
            text = (read_bytes_nofollow(pid_file_path(data_path), max_size=32) or b"").strip()
        except TrackerError:
            return 0
        return int(text) if text.isdigit() else 0
    except OSError:
        return None
    lock.release()
    return None


@contextmanager
def stop_on_signals(service: ReminderService) -> Iterator[None]:
    """SIGTERM (systemd stop) and SIGINT (ctrl+c) end the loop cleanly."""

    def handle(_signum: int, _frame: FrameType | None) -> None:
        service.stop()

    wanted = [signal.SIGTERM, signal.SIGINT]
    if hasattr(signal, "SIGHUP"):
        wanted.append(signal.SIGHUP)  # the terminal it ran in was closed
    previous = {signum: signal.signal(signum, handle) for signum in wanted}
    try:
        with service.woken_by_signals():
            yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        service.close()
