"""The fields for tags and triggers in the forms: comma-separated words, completed as typed.

Tags are free words; the ones in use and the five love languages are offered as the
rest of the word being typed (→ or ctrl+e takes it, as in any Textual input). The
hurts a promise answers are the notes' triggers, completed the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Horizontal
from textual.suggester import Suggester
from textual.widgets import Input, Label

from tracker.model import Trigger, clean_tags
from tracker.practices.causes import triggers_named

# Short enough for the narrowest tags field at 80 columns (Together's); the words in
# use are offered as you type (→ takes one).
TAGS_PLACEHOLDER = "optional"
TRIGGER_WORDS = tuple(trigger.label.lower() for trigger in Trigger)


class ListSuggester(Suggester):
    """Completes the last comma-separated item of the value from `choices`."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.choices = tuple(choices)

    async def get_suggestion(self, value: str) -> str | None:
        head, _comma, last = value.rpartition(",")
        typed = last.lstrip().casefold()
        if not typed:
            return None
        taken = {part.strip().casefold() for part in head.split(",")}
        for choice in self.choices:
            if choice.casefold().startswith(typed) and choice.casefold() not in taken:
                return value + choice[len(typed) :]
        return None


def tags_input(tags: Sequence[str], suggestions: Sequence[str], *, id: str) -> Input:
    """A field for tags, offering `suggestions` (those in use, then the love languages)."""
    return Input(
        ", ".join(tags),
        placeholder=TAGS_PLACEHOLDER,
        suggester=ListSuggester(suggestions),
        id=id,
        compact=True,
    )


def triggers_input(triggers: Sequence[Trigger], *, id: str) -> Input:
    """A field for the hurts a promise answers (the notes' triggers)."""
    return Input(
        ", ".join(trigger.label.lower() for trigger in triggers),
        placeholder="neglect, dishonesty… (optional)",
        suggester=ListSuggester(TRIGGER_WORDS),
        id=id,
        compact=True,
    )


def read_tags(text: str) -> tuple[str, ...]:
    """The tags typed in one field, separated by commas; refuses what cannot be a tag."""
    return clean_tags(part for part in text.split(",") if part.strip())


def read_triggers(text: str) -> tuple[Trigger, ...]:
    return triggers_named(text)


def tags_and_triggers_row(
    tags: Sequence[str], triggers: Sequence[Trigger], suggestions: Sequence[str]
) -> Horizontal:
    """One line of the promise form: its tags, and the hurts it answers."""
    return Horizontal(
        Label("Tags", classes="field-label"),
        tags_input(tags, suggestions, id="tags"),
        Label("Answers", classes="field-label short"),
        triggers_input(triggers, id="triggers"),
        classes="field-row tags-row",
    )
