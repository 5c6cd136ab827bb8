"""A checkbox whose state shows in its glyph, not only in its colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

TICKED = "✓"
UNTICKED = " "


class TickBox(Checkbox):
    """Checked shows ✓, unchecked an empty box (Textual's shows X for both)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super()._button
