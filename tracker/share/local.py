"""The files sharing keeps beside the data file, readable by their owner only.

    tracker.json            the data file
    tracker.share/          (0700)
        pairing.json        the key file: ids, names, folder, choices, the pair key (0600)
        state.json          the last sequence number written, and when (0600)
        partner.json        the partner's last good share as it arrived, still sealed (0600)
        publish-requested   the latest request to publish (`tracker.share.pending`)
        hello-pending.json  while pairing starts: the hello about to be written in the
                            synced folder, so a run killed before its key file is saved
                            has its hello removed by the next run (0600)
        lock                one tracker process at a time publishes or takes a share

Every write is atomic and durable (`tracker.store.files.write_atomically`: a temp
file, fsync, rename, folder fsync, mode 0600); every read refuses a symbolic link and
anything that is not a small regular file. A damaged file is reported with a way back
and never overwritten behind the user's back. Each run that takes the share's lock first
removes the temporary files a killed run left in this folder (one of them may hold the
pair key), and a hello a killed pairing left in the synced folder.
"""

from __future__ import annotations

import base64
import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from tracker.errors import TrackerError
from tracker.share.folder import NameKind, classify, read_bounded, remove_share
from tracker.share.pairing import Pairing, pairing_from_doc, pairing_to_doc
from tracker.share.pending import REQUEST_FILE, share_dir
from tracker.share.problems import ShareError, ShareRefused
from tracker.store.files import (
    content_of,
    ensure_private_dir,
    is_own_temp_name,
    remove_file,
    remove_stray_temp_files,
    write_atomically,
)
from tracker.store.locking import LockTimeout, ProcessLock

LOCAL_VERSION = 1
MAX_LOCAL_BYTES = 16 * 1024 * 1024
LOCK_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class LastGood:
    """The partner's last good share, sealed as it came, and when it came (our clock)."""

    data: bytes
    received_at: datetime


@dataclass(frozen=True)
class Written:
    """Our last share: its number and when it was written (our clock)."""

    sequence: int = 0
    at: datetime | None = None


class ShareHome:
    """The sharing files of one data file."""

    def __init__(self, data_file: Path) -> None:
        data_file = Path(os.path.expanduser(data_file)).absolute()
        self.data_file = data_file
        self.dir = share_dir(data_file)
        self.pairing_path = self.dir / "pairing.json"
        self.state_path = self.dir / "state.json"
        self.last_good_path = self.dir / "partner.json"
        self.hello_pending_path = self.dir / "hello-pending.json"
        self._lock = ProcessLock(self.dir / "lock", timeout=LOCK_TIMEOUT_SECONDS)

    # -- the lock ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        ensure_private_dir(self.dir)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise ShareError(
                "Another tracker is writing or reading the share for too long; try again."
            ) from None
        try:
            self._tidy()
            yield
        finally:
            self._lock.release()

    def _tidy(self) -> None:
        """Under the lock: remove what a killed run left (temporary files; a hello whose
        key file was never saved, and its temporary files in the synced folder)."""
        remove_stray_temp_files(self.dir)
        try:
            pending = self._read_json(self.hello_pending_path)
        except ShareError:
            pending = None  # damaged: only ever a note of a hello, so it simply goes
        if pending is not None and not os.path.lexists(self.pairing_path):
            name, where = pending.get("name"), pending.get("folder")
            ours = isinstance(name, str) and classify(name) is NameKind.SHARE
            if ours and isinstance(where, str):
                remove_share(Path(where), name)
                remove_stray_temp_files(Path(where), {name})
        remove_file(self.hello_pending_path)

    # -- a hello being written -----------------------------------------------------------------

    def tidy_after_killed_setup(self) -> None:
        """Not set up, but a setup was killed midway: remove its hello now (one `lstat`
        when there is nothing to do)."""
        if os.path.lexists(self.hello_pending_path):
            with self.locked():
                pass  # taking the lock tidies

    def note_hello(self, shared_folder: Path, name: str) -> None:
        """Before our hello is written: where it goes, for `_tidy` if the run is killed."""
        doc = {"v": LOCAL_VERSION, "folder": str(shared_folder), "name": name}
        self._write_json(self.hello_pending_path, doc)

    def hello_saved(self) -> None:
        """The hello and the key file are both in place: the note can go."""
        remove_file(self.hello_pending_path)

    # -- the pairing ---------------------------------------------------------------------------

    def load_pairing(self) -> Pairing | None:
        doc = self._read_json(self.pairing_path)
        if doc is None:
            return None
        try:
            return pairing_from_doc(doc)
        except ShareError:
            raise
        except (TrackerError, ValueError, TypeError) as error:
            raise self._damaged(self.pairing_path, str(error)) from None

    def save_pairing(self, pairing: Pairing) -> None:
        self._write_json(self.pairing_path, pairing_to_doc(pairing))

    # -- our numbers ---------------------------------------------------------------------------

    def load_written(self) -> Written:
        doc = self._read_json(self.state_path)
        if doc is None:
            return Written()
        try:
            sequence = doc["sequence"]
            if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
                raise ValueError("the sequence number is not a number")
            at = None if doc.get("at") is None else datetime.fromisoformat(doc["at"])
        except (KeyError, TypeError, ValueError) as error:
            raise self._damaged(self.state_path, str(error)) from None
        return Written(sequence, at)

    def save_written(self, written: Written) -> None:
        at = None if written.at is None else written.at.isoformat()
        self._write_json(
            self.state_path, {"v": LOCAL_VERSION, "sequence": written.sequence, "at": at}
        )

    # -- the partner's last good share ---------------------------------------------------------

    def load_last_good(self) -> LastGood | None:
        doc = self._read_json(self.last_good_path)
        if doc is None:
            return None
        try:
            return LastGood(
                base64.b64decode(doc["share"], validate=True),
                datetime.fromisoformat(doc["received_at"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise self._damaged(self.last_good_path, str(error)) from None

    def save_last_good(self, last: LastGood) -> None:
        doc = {
            "v": LOCAL_VERSION,
            "received_at": last.received_at.isoformat(),
            "share": base64.b64encode(last.data).decode("ascii"),
        }
        self._write_json(self.last_good_path, doc)

    # -- forgetting ----------------------------------------------------------------------------

    def forget(self) -> None:
        """Remove every sharing file beside the data file (the lock file goes with the folder)."""
        requested = self.dir / REQUEST_FILE
        for path in (
            self.state_path,
            self.last_good_path,
            requested,
            self.hello_pending_path,
            self.pairing_path,
        ):
            try:
                os.unlink(path)
            except FileNotFoundError:
                continue
            except OSError as error:
                raise ShareError(
                    f"{path} cannot be removed ({error.strerror}); remove it by hand to stop "
                    "sharing on this machine."
                ) from None
        # Under the lock no write of ours is under way: any temporary file here is a copy
        # of something forgotten now (the pair key, in one of pairing.json's).
        for entry in os.scandir(self.dir):
            if is_own_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                remove_file(Path(entry.path))

    def remove_dir(self) -> None:
        """Remove the (then empty but for its lock) folder, once nothing holds it."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.dir / "lock")
        with contextlib.suppress(OSError):
            self.dir.rmdir()

    # -- files ---------------------------------------------------------------------------------

    def _read_json(self, path: Path) -> Any | None:
        try:
            raw = read_bounded(path, MAX_LOCAL_BYTES)
        except ShareRefused as refused:
            raise self._damaged(path, refused.detail or refused.kind.value) from None
        if raw is None:
            return None
        raw = content_of(path, raw)
        try:
            doc = msgspec.json.decode(raw)
        except (msgspec.DecodeError, RecursionError):
            raise self._damaged(path, "it is not JSON (cut short or edited?)") from None
        if not isinstance(doc, dict):
            raise self._damaged(path, "it is not a record")
        version = doc.get("v")
        if isinstance(version, int) and version > LOCAL_VERSION and path != self.pairing_path:
            raise ShareError(f"{path} was written by a newer tracker. Update tracker to use it.")
        return doc

    def _write_json(self, path: Path, doc: dict[str, Any]) -> None:
        ensure_private_dir(self.dir)
        write_atomically(path, msgspec.json.format(msgspec.json.encode(doc), indent=2))

    def _damaged(self, path: Path, reason: str) -> ShareError:
        return ShareError(
            f"{path} is damaged ({reason}); it was left as it is. "
            "`tracker share stop` forgets sharing on this machine (your data file is not "
            "touched); then set up sharing again."
        )
