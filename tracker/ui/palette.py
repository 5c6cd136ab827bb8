"""Rich styles taken from the current theme, for cells and charts drawn as Rich Text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.app import App
from textual.color import Color


@dataclass(frozen=True)
class Palette:
    """The few colours the views use; missed is quiet grey, never alarm red."""

    text: Style
    muted: Style
    faint: Style
    kept: Style
    kept_soft: Style
    excused: Style
    open: Style
    accent: Style
    primary: Style
    shares: tuple[Style, ...]  # from a little kept to all kept

    @classmethod
    def of(cls, app: App) -> Palette:
        """The palette of `app`'s current theme (cached per theme)."""
        cache: dict[str, Palette] = app.__dict__.setdefault("_tracker_palettes", {})
        palette = cache.get(app.theme)
        if palette is None:
            palette = cache[app.theme] = cls._build(app.get_css_variables())
        return palette

    @classmethod
    def _build(cls, variables: dict[str, str]) -> Palette:
        background = Color.parse(variables["background"])

        def solid(name: str, alpha: float = 1.0) -> Color:
            # Theme colours may carry alpha; Rich styles cannot, so blend onto the background.
            colour = Color.parse(variables[name])
            return background.blend(colour, colour.a * alpha).with_alpha(1.0)

        def style(name: str, alpha: float = 1.0, bold: bool = False) -> Style:
            return Style(color=solid(name, alpha).rich_color, bold=bold)

        return cls(
            text=style("foreground"),
            muted=style("foreground", 0.65),
            faint=style("foreground", 0.35),
            kept=style("success", bold=True),
            kept_soft=style("success", 0.75),
            excused=style("secondary"),
            open=style("accent"),
            accent=style("accent"),
            primary=style("primary"),
            shares=tuple(style("success", alpha) for alpha in (0.35, 0.55, 0.8, 1.0)),
        )
