"""What the command prints: our sentences with user text made visible, JSON, error lines.

Everything printed from the data goes through `tracker.text.visible`: a title holding an
escape sequence (ESC[41m), a C1 control (\\x9b) or an OSC sequence, from a hand-edited or
imported file, is shown as visible symbols and never acts on the terminal. In JSON those
characters are escaped (\\u009b) like every control character.
"""

from __future__ import annotations

import sys
from typing import Any

from tracker.text import visible


def _json_escapes() -> dict[int, str]:
    """Characters JSON may carry raw (json.dumps escapes only those below U+0020) that a
    terminal could act on or cannot print: DEL, the C1 controls, line separators, lone
    surrogates. Inside JSON strings their \\u escapes are valid JSON."""
    codes = [0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0xD800, 0xE000)]
    return {code: f"\\u{code:04x}" for code in codes}


def say(text: str = "") -> None:
    """Print our words (and the user text inside them) on standard output."""
    print(visible(text, one_line=False), flush=True)


def print_json(data: Any) -> None:
    import json  # only for --json: kept off the path of every other command and the app

    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(text.translate(_json_escapes()), flush=True)


def error_line(message: str) -> str:
    """`message` as the one line a failed command writes: the user's input shown literally."""
    return f"tracker: {visible(message)}"


def hint(message: str) -> None:
    """A kind aside on stderr (one line, never a question): stdout stays what scripts read."""
    print(f"tracker: {visible(message)}", file=sys.stderr, flush=True)


def complain(message: str) -> None:
    print(error_line(message), file=sys.stderr, flush=True)
