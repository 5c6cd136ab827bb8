"""User text made safe to show: control characters become visible, never act on a terminal.

A title read from a hand-edited or imported file may hold an escape sequence (ESC[41m),
a C1 control (\\x9b, which some terminals read as ESC[) or an OSC sequence. Both faces
show such text through `visible`: the app in its widgets, the command line in
everything it prints from the data, so nothing a file holds can drive the terminal.
"""

from __future__ import annotations

_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_CONTROL_PICTURES[0x2028] = " "
_CONTROL_PICTURES[0x2029] = " "
# Lone surrogates (undecodable bytes from a shell, "\udcff" in a file) cannot be printed:
# shown as their escape.
_CONTROL_PICTURES.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
_ONE_LINE = {**_CONTROL_PICTURES, 0x0A: " ", 0x0D: " ", 0x09: " "}
_MULTI_LINE = {**_CONTROL_PICTURES, 0x0A: "\n", 0x09: "    "}


def visible(text: str, *, one_line: bool = True) -> str:
    """`text` with control characters made visible (and newlines folded on one line)."""
    return str(text).translate(_ONE_LINE if one_line else _MULTI_LINE)
