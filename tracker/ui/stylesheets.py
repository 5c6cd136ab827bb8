"""Where the TCSS files live, from the source tree or from an installed wheel.

The app loads `app.tcss` (what every view shares) and `today.tcss` (the first view) at
start; every other view and the dialogs name their own file in `CSS_PATH`, which
Textual loads when one of them is first shown. Start-up parses only what it draws.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import tracker

# One file per screen plus the app-wide one and the dialogs.
AT_START = ("app.tcss", "today.tcss")
STYLESHEETS = (
    *AT_START,
    "quality.tcss",
    "streaks.tcss",
    "notes.tcss",
    "dialogs.tcss",
    "us.tcss",
    "partner.tcss",
    "checkin.tcss",
)


@cache
def styles_dir() -> Path:
    """The folder holding the TCSS files.

    The wheel force-includes the top-level `styles/` as `tracker/styles`; a source
    checkout (or an editable install) has it beside the package.
    """
    package = Path(tracker.__file__).resolve().parent
    for candidate in (package / "styles", package.parent / "styles"):
        if (candidate / STYLESHEETS[0]).is_file():
            return candidate
    raise FileNotFoundError(
        f"tracker's styles are missing (looked in {package / 'styles'} and "
        f"{package.parent / 'styles'}); reinstall tracker."
    )


def stylesheet(name: str) -> Path:
    """One TCSS file, for a screen's `CSS_PATH`."""
    return styles_dir() / name


def stylesheet_paths() -> list[Path]:
    """The files the app loads at start."""
    return [stylesheet(name) for name in AT_START]
