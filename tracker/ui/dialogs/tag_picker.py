"""Pick a tag to look at (Today and Streaks), or every promise again."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.ui.literal import literal
from tracker.ui.stylesheets import stylesheet

EVERYTHING = ""


class TagPicker(ModalScreen[str | None]):
    """Dismisses with the tag chosen, EVERYTHING for no filter, or None when cancelled."""

    CSS_PATH: ClassVar = [stylesheet("dialogs.tcss"), stylesheet("us.tcss")]
    AUTO_FOCUS = "#tag-options"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, in_use: Counter[str], current: str | None) -> None:
        super().__init__()
        self.in_use = in_use
        self.current = current

    def compose(self) -> ComposeResult:
        tags = sorted(self.in_use, key=lambda tag: (-self.in_use[tag], tag))
        options = [Option(Content("Every promise"), id="\x00all")]
        options += [
            Option(
                Content.assemble(literal(tag), (f"  ({self.in_use[tag]})", "$text-muted")), id=tag
            )
            for tag in tags
        ]
        with Vertical(classes="dialog tag-picker"):
            yield Static("Show only the promises tagged…", classes="dialog-title")
            if not tags:
                yield Static(
                    Content(
                        "No tags yet. Add some to a promise in its form (e, then Tags): "
                        "a free word, or a love language such as “quality time”."
                    ),
                    classes="field-help muted",
                )
            yield OptionList(*options, id="tag-options")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current:
            try:
                options.highlighted = options.get_option_index(self.current)
            except LookupError:
                options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or ""
        self.dismiss(EVERYTHING if chosen == "\x00all" else chosen)
