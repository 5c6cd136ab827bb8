"""The app's own keys, anywhere in it: the app binds them and the Keys screen lists them
(kept apart from tracker.ui.app so the Keys screen need not import the app); and a key
and what it does said in words, as both the Keys screen and the palette name them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("1", "goto('today')", "Today", show=False),
    Binding("2", "goto('together')", "Together", show=False),
    Binding("3", "goto('streaks')", "Streaks", show=False),
    Binding("4", "goto('notes')", "Notes", show=False),
    Binding("5", "goto('partner')", "Partner", show=False),
    Binding("6", "goto('us')", "Us", show=False),
    Binding("z", "snooze_reminder", "Snooze a reminder", show=False),
    Binding("c", "checkin", "Weekly check-in", show=False),
    Binding("question_mark", "help", "Keys"),
    Binding("ctrl+z", "undo", "Undo", show=False),
    Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
    Binding("comma", "settings", "Settings", show=False),
    Binding("q", "quit", "Quit", show=False),
]


KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "comma": ",",
    "slash": "/",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "delete": "del",
}


def key_words(binding: Binding) -> str:
    """The key of one binding as the footer would name it: '←' for previous day and '→'
    for next day (a footer's shared '←/→' is two actions' keys, not one's)."""
    display = binding.key_display
    if display and "/" not in display:
        return display
    first = binding.key.split(",")[0].strip()
    return KEY_NAMES.get(first, first)


def binding_words(binding: Binding) -> str:
    """What a key does, in words: its tooltip when the footer's label is too short."""
    return binding.tooltip or binding.description or binding.action
