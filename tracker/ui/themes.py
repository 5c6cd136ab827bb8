"""The two themes: calm colours, no alarm red for a missed day (red is kept for real errors)."""

from __future__ import annotations

from textual.theme import Theme

DARK = "tracker-dark"
LIGHT = "tracker-light"

TRACKER_DARK = Theme(
    name=DARK,
    primary="#7FB4CA",
    secondary="#A3A0D8",
    accent="#E0B36A",
    warning="#D9A45B",
    error="#D97A6C",
    success="#8FBF7F",
    foreground="#E6E1D8",
    background="#1B1F24",
    surface="#22272E",
    panel="#2D333B",
    dark=True,
    variables={
        "footer-key-foreground": "#E0B36A",
        "block-cursor-text-style": "bold",
    },
)

TRACKER_LIGHT = Theme(
    name=LIGHT,
    primary="#2F6F8F",
    secondary="#6B66A8",
    accent="#A86B1F",
    warning="#9A6A1A",
    error="#B0483A",
    success="#3F7F3A",
    foreground="#2F2A24",
    background="#F7F4EE",
    surface="#FFFDF8",
    panel="#E9E3D7",
    dark=False,
    variables={
        "footer-key-foreground": "#A86B1F",
        "block-cursor-text-style": "bold",
    },
)

THEMES = (TRACKER_DARK, TRACKER_LIGHT)


def other_theme(name: str) -> str:
    """The theme a toggle switches to: light from anything dark, dark from anything light."""
    return DARK if name == LIGHT else LIGHT
