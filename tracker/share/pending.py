"""Asking for a publish without paying for it: a burst of changes is written once, later.

A command that changed something (`tracker check`) should not wait for a share to be
built, sealed and written, nor import `cryptography`: it calls `request_publish`, which
touches one small file, and starts whatever publishes later (a detached
`tracker share publish --after TOKEN`, the app's timer, the reminder service). That
publisher waits the debounce delay, and publishes only if no later request came
(`is_latest`): five check-offs in a row write one share. A burst that goes on for
minutes is still written every `MAX_WAIT_SECONDS` (`publish_due`), so the partner is never
left waiting for it to end. Imports nothing heavy.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.errors import TrackerError
from tracker.store.files import content_of, ensure_private_dir, write_atomically

DEBOUNCE_SECONDS = 2.0
# A burst that goes on (a check-off every second for minutes) still reaches the partner:
# once it has lasted this long, a publisher writes the share even though more changes
# came, and again each time this long has passed since the last share was written.
MAX_WAIT_SECONDS = 30.0
REQUEST_FILE = "publish-requested"


@dataclass(frozen=True)
class Request:
    """The latest request to publish: its token, when the burst it belongs to started,
    and when it was made (seconds since the epoch, on the caller's clock)."""

    token: str
    burst_started: float
    at: float


def share_dir(data_file: Path) -> Path:
    """Where sharing keeps its files beside `data_file` (as `tracker.share.local.ShareHome`)."""
    data_file = Path(os.path.abspath(os.path.expanduser(data_file)))
    folder = data_file.with_name(data_file.stem + ".share")
    return folder if folder != data_file else data_file.with_name(data_file.name + ".share")


def is_set_up(data_file: Path) -> bool:
    """Whether sharing is set up beside `data_file`: one `stat`, nothing imported."""
    return os.path.lexists(share_dir(data_file) / "pairing.json")


def request_publish(data_file: Path, now: datetime | None = None) -> str:
    """Note that the share should be written again; returns the token of this request."""
    token = os.urandom(8).hex()  # as secrets.token_hex(8), without importing hmac
    moment = time.time() if now is None else now.timestamp()
    earlier = latest_request(data_file)
    started = moment
    if earlier is not None and 0 <= moment - earlier.at < MAX_WAIT_SECONDS:
        started = earlier.burst_started  # the same burst goes on
    folder = share_dir(data_file)
    ensure_private_dir(folder)
    write_atomically(folder / REQUEST_FILE, f"{token} {started:.3f} {moment:.3f}")
    return token


def latest_request(data_file: Path) -> Request | None:
    """The latest request, or None if there is none (or it cannot be read)."""
    path = share_dir(data_file) / REQUEST_FILE
    try:
        with open(path, "rb") as handle:
            raw = content_of(path, handle.read(512))
    except (OSError, TrackerError):
        return None
    words = raw[:128].decode("ascii", "replace").split()
    if not words:
        return None
    try:
        started, at = (float(word) for word in words[1:3])
    except ValueError:  # written by an older tracker: the token alone
        return Request(words[0], 0.0, 0.0)
    return Request(words[0], started, at)


def is_latest(data_file: Path, token: str) -> bool:
    """Whether `token` is still the latest request (no change came after it)."""
    latest = latest_request(data_file)
    return latest is not None and latest.token == token


def publish_due(data_file: Path, token: str, now: datetime, last_written: datetime | None) -> bool:
    """Whether the publisher of `token` writes the share now: no change came after it, or
    the burst has lasted `MAX_WAIT_SECONDS` and no share was written for as long."""
    latest = latest_request(data_file)
    if latest is None:
        return False
    if latest.token == token:
        return True
    moment = now.timestamp()
    if moment - latest.burst_started < MAX_WAIT_SECONDS:
        return False
    return last_written is None or moment - last_written.timestamp() >= MAX_WAIT_SECONDS
