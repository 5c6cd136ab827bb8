"""User text made safe to show: control characters become visible, never act on a terminal.

A title read from a hand-edited or imported file may hold an escape sequence (ESC[41m),
a C1 control (\\x9b, which some terminals read as ESC[) or an OSC sequence. Both faces
show such text through `visible`: the app in its widgets, the command line in
everything it prints from the data, so nothing a file holds can drive the terminal.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_SURROGATES = range(0xD800, 0xE000)


@cache
def _pictures(one_line: bool) -> dict[int, str]:
    """What each control character becomes (built when first needed, then kept)."""
    pictures = {code: chr(0x2400 + code) for code in range(0x20)}
    pictures[0x7F] = "\u2421"
    pictures.update({code: "\ufffd" for code in range(0x80, 0xA0)})
    pictures[0x2028] = pictures[0x2029] = " "
    # Lone surrogates (undecodable bytes from a shell, "\udcff" in a file) cannot be
    # printed: shown as their escape.
    pictures.update({code: f"\\u{code:04x}" for code in _SURROGATES})
    if one_line:
        pictures.update({0x0A: " ", 0x0D: " ", 0x09: " "})
    else:
        pictures.update({0x0A: "\n", 0x09: "    "})
    return pictures


def visible(text: str, *, one_line: bool = True) -> str:
    """`text` with control characters made visible (and newlines folded on one line)."""
    return str(text).translate(_pictures(one_line))


def cell_width(text: str) -> int:
    """How many terminal columns `text` takes: wide (CJK, most emoji) characters take two,
    combining marks, joiners and variation selectors none."""
    return sum(_cells(char) for char in text)


def _cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(char) in _WIDE else 1


_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})  # marks, ZWJ, variation selectors...
_WIDE = frozenset({"W", "F"})


def cut_to_cells(text: str, width: int) -> str:
    """`text` in at most `width` columns: cut with an ellipsis when it is longer."""
    if cell_width(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for char in text:
        cells = _cells(char)
        if used + cells > width - 1:
            break
        kept.append(char)
        used += cells
    return "".join(kept) + "…"


def pad_to_cells(text: str, width: int) -> str:
    """`text` in exactly `width` columns: cut with an ellipsis, or padded with spaces."""
    cut = cut_to_cells(text, width)
    return cut + " " * (width - cell_width(cut))
