"""Where the palette's "Save screenshot" puts its file: a folder that exists.

Textual saves into the Downloads folder and fails (in red) when there is none, as on
a fresh server or a minimal install. This picks the first of Downloads, Pictures and
the home folder that exists and can be written; the message after saving names the
file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from platformdirs import user_downloads_path, user_pictures_path


def screenshot_folder() -> Path:
    """The first existing, writable folder of Downloads, Pictures, home (else the
    temporary folder)."""
    for candidate in (user_downloads_path(), user_pictures_path(), Path.home()):
        if candidate.is_dir() and os.access(candidate, os.W_OK):
            return candidate
    return Path(tempfile.gettempdir())
