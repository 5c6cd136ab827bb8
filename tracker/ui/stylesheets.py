"""Where the TCSS files live, from the source tree or from an installed wheel."""

from __future__ import annotations

from pathlib import Path

import tracker

# One file per screen plus the app-wide one and the dialogs; order matters (later wins).
STYLESHEETS = (
    "app.tcss",
    "today.tcss",
    "quality.tcss",
    "streaks.tcss",
    "notes.tcss",
    "dialogs.tcss",
)


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


def stylesheet_paths() -> list[Path]:
    folder = styles_dir()
    return [folder / name for name in STYLESHEETS]
