"""The entry point: parse, open the data through the service, run the command, exit status.

Exit statuses: 0 done, 1 a mistake or a refusal (said in one line), 2 a command line
that does not parse, 70 a bug (one line; TRACKER_DEBUG=1 prints the traceback too),
130 interrupted. A traceback never reaches a user who did not ask for it.

With no command, `tracker` opens the app; Textual is imported only then, so the
everyday commands stay quick.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.cli.output import complain
from tracker.cli.parser import UsageError, parse_arguments
from tracker.clock import Clock
from tracker.errors import DamagedFileError, TrackerError, ValidationError
from tracker.paths import default_data_file, expand_home
from tracker.service import Tracker

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130
DEBUG_ENV = "TRACKER_DEBUG"

# How long the app's writes wait for another tracker's save before the app says so and
# retries on its own (the command line waits the store's usual ten seconds).
APP_LOCK_WAIT_SECONDS = 0.25
DEMO_PURPOSE = "demo"  # the throwaway demo history's temporary folder


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = parse_arguments(arguments)
        except UsageError as error:
            raise _explain_dashed_value(arguments, error) from None
        clock = Clock.system()
        if args.demo:
            return _run_on_demo(args, clock)
        path = expand_home(args.db) if args.db else default_data_file()
        return _dispatch(args, path, clock)
    except UsageError as error:
        complain(str(error))
        return EXIT_USAGE
    except TrackerError as error:
        complain(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        complain("interrupted; nothing half-saved.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        _traceback_if_asked()
        complain(f"{error.strerror or error} ({error.filename or 'no file'}); nothing was changed.")
        return EXIT_ERROR
    except Exception as error:  # a bug: still one line, never a traceback in the user's face
        _traceback_if_asked()
        complain(
            f"something unexpected went wrong ({type(error).__name__}: {error}). "
            "Your saved data is safe (every save is all or nothing); please report this"
            + ("." if os.environ.get(DEBUG_ENV) else f" (run with {DEBUG_ENV}=1 for details).")
        )
        return EXIT_BUG


def _dispatch(args: argparse.Namespace, path: Path, clock: Clock) -> int:
    if args.command is None:
        if not _open_the_lock(args, path, ask_in_the_app=True):
            return EXIT_OK  # the person quit the unlock screen: nothing was opened
        return _run_app(Tracker.open(path, clock, lock_timeout=APP_LOCK_WAIT_SECONDS))
    from tracker.cli.commands import Access, Context

    access = Access.CHECKED if args.access is None else args.access(args)
    if access is not Access.NONE:
        _open_the_lock(args, path)
    match access:
        case Access.NONE:
            tracker = None
        case Access.REPAIR:
            tracker = Tracker.open_for_repair(path, clock)
        case Access.CHECKED:
            tracker = Tracker.open(path, clock)
    tell = tracker is not None and access is Access.CHECKED
    # A change is shared with the partner by itself (share commands publish themselves).
    before = None
    if tracker is not None and tell and getattr(args, "publish_after", True):
        before = tracker.revision()
    try:
        status = int(args.handler(Context(clock, tracker, json=args.json), args))
    except DamagedFileError:
        tell = False  # its message is the notice, with the way back
        raise
    finally:
        if tell and tracker is not None:
            _tell_notices(tracker)
    if tracker is not None and before is not None and tracker.revision() != before:
        _share_the_change(tracker)
    return status


def _open_the_lock(args: argparse.Namespace, path: Path, *, ask_in_the_app: bool = False) -> bool:
    """Locked data is opened once, before anything is read (nothing for unlocked data);
    False if the person quit the app's unlock screen instead."""
    from tracker.cli.background import KEY_FD_ENV
    from tracker.service.locking import needs_passphrase, take_over_key, unlock

    handed = os.environ.pop(KEY_FD_ENV, None)  # a parent tracker's pipe (background)
    if handed is not None and handed.isdigit():
        with os.fdopen(int(handed), "rb") as pipe:
            data = pipe.read(256)
        if needs_passphrase(path):
            take_over_key(path, data)
        return True
    if not needs_passphrase(path):
        return True
    from tracker.cli.passphrase import current_passphrase, on_a_terminal
    from tracker.service.locking import open_from_keyring

    if not args.passphrase_file and open_from_keyring(path):
        return True  # remembered on this computer (`tracker lock remember`)
    if ask_in_the_app and not args.passphrase_file and on_a_terminal():
        from tracker.ui.app import run_unlock

        return run_unlock(lambda secret: _opened(path, secret))
    unlock(path, current_passphrase(args))
    return True


def _opened(path: Path, secret: str) -> str | None:
    """Open the locked data at `path`; None once open, else what to tell the person."""
    from tracker.service.locking import unlock

    try:
        unlock(path, secret)
    except TrackerError as error:
        return str(error)
    return None


def _share_the_change(tracker: Tracker) -> None:
    """After a change: our share is written in a moment by a detached process (nothing
    is imported, nothing started, when sharing is not set up)."""
    from tracker.cli.background import publish_later

    try:
        publish_later(tracker)
    except (TrackerError, OSError) as error:
        complain(
            f"your change is saved; your share could not be scheduled ({error}). "
            "`tracker share publish` writes it."
        )


def _tell_notices(tracker: Tracker) -> None:
    """One calm line on standard error for each damaged or missing file (archived promises'
    included) and for a data folder others may write in; asked at the end, when what the
    command read and wrote is known, so nothing is read twice. Standard output (and its
    JSON) stays as it was."""
    try:
        notices = tracker.notices()
    except TrackerError:
        return  # the main file itself: every read reports it, with its way back
    for notice in notices:
        complain(notice)


def _run_app(tracker: Tracker) -> int:
    # The one place the command line opens the app (the import contracts allow only this).
    from tracker.reminders import LazyInAppReminders
    from tracker.ui.app import run_app

    return run_app(tracker, reminder_tick=LazyInAppReminders(tracker))


def _run_on_demo(args: argparse.Namespace, clock: Clock) -> int:
    """Run the app (or a command) on a throwaway demo history, removed afterwards."""
    import shutil
    import stat
    import tempfile

    from tracker.demo import write_demo
    from tracker.store.files import create_temp_dir, stray_temp_paths

    temporary = Path(tempfile.gettempdir())
    # What a killed demo left (a demo's history only, never the user's data).
    for stray in stray_temp_paths(temporary, {DEMO_PURPOSE}, kind=stat.S_IFDIR):
        shutil.rmtree(stray, ignore_errors=True)
    folder = create_temp_dir(temporary, DEMO_PURPOSE)
    try:
        path = folder / "demo.json"
        write_demo(path, years=5, promises=20, today=clock.today(), seed=2026, practices=True)
        from tracker.demo_partner import add_demo_partner

        add_demo_partner(path, clock.today())
        return _dispatch(args, path, clock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _safe_streams() -> None:
    """Never crash on printing text the shell passed in undecodable (invalid UTF-8)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _traceback_if_asked() -> None:
    if os.environ.get(DEBUG_ENV):
        import traceback

        traceback.print_exc()


# argparse reads a value such as -5m as an unknown option and then complains about
# something else ("the following arguments are required: kind"): say what is wrong. It is
# a mistake in a value, like any other (exit status 1).
_DASHED_VALUE = re.compile(r"^-\d")
_DASHED_DURATION = re.compile(r"^-[\d.:]+\s*[hm]?", re.IGNORECASE)


def _explain_dashed_value(argv: Sequence[str], error: UsageError) -> TrackerError:
    dashed = [arg for arg in argv if _DASHED_VALUE.match(arg) and " " not in arg]
    if not dashed:
        return error
    value = dashed[0]
    if "log" in argv or _DASHED_DURATION.fullmatch(value):
        return ValidationError(
            f"'{value[:40]}' is not a duration: it cannot be negative. "
            "Write it like 45m, 1h30, 1h30m or 1:30."
        )
    return ValidationError(f"'{value[:40]}' cannot be negative here.")
