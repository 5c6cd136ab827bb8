"""Asking for a publish without paying for it: a burst of changes is written once, later.

A command that changed something (`tracker check`) should not wait for a share to be
built, sealed and written, nor import `cryptography`: it calls `request_publish`, which
touches one small file, and starts whatever publishes later (a detached
`tracker share publish --after TOKEN`, the app's timer, the reminder service). That
publisher waits the debounce delay, and publishes only if no later request came
(`is_latest`): five check-offs in a row write one share. Imports nothing heavy.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.store.files import ensure_private_dir, write_atomically

DEBOUNCE_SECONDS = 2.0
REQUEST_FILE = "publish-requested"


def share_dir(data_file: Path) -> Path:
    """Where sharing keeps its files beside `data_file` (as `tracker.share.local.ShareHome`)."""
    data_file = Path(os.path.abspath(os.path.expanduser(data_file)))
    folder = data_file.with_name(data_file.stem + ".share")
    return folder if folder != data_file else data_file.with_name(data_file.name + ".share")


def is_set_up(data_file: Path) -> bool:
    """Whether sharing is set up beside `data_file`: one `stat`, nothing imported."""
    return os.path.lexists(share_dir(data_file) / "pairing.json")


def request_publish(data_file: Path) -> str:
    """Note that the share should be written again; returns the token of this request."""
    token = os.urandom(8).hex()  # as secrets.token_hex(8), without importing hmac
    folder = share_dir(data_file)
    ensure_private_dir(folder)
    write_atomically(folder / REQUEST_FILE, token)
    return token


def is_latest(data_file: Path, token: str) -> bool:
    """Whether `token` is still the latest request (no change came after it)."""
    try:
        with open(share_dir(data_file) / REQUEST_FILE, "rb") as handle:
            return handle.read(64).decode("ascii", "replace") == token
    except OSError:
        return False
