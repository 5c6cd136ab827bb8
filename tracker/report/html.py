"""Building HTML where user text is data: `Html` is markup we wrote, anything else is escaped.

Every piece of the report is made with `element(...)`/`join(...)`: a plain `str` given
to them is escaped (a title like ``<b>me</b>`` shows those characters); only `Html`
values, which these helpers return, pass through as markup. Later sections (check-ins,
appreciations, bids) build their bodies with the same helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


class Html(str):
    """Markup made by these helpers (never user text as such)."""

    __slots__ = ()


Content = Html | str | int | float | None


def text(value: Content) -> Html:
    """`value` as HTML: markup passes, anything else is escaped."""
    if value is None:
        return Html("")
    if isinstance(value, Html):
        return value
    return Html(escape(str(value), quote=True))


def join(parts: Iterable[Content], separator: str = "") -> Html:
    return Html(separator.join(text(part) for part in parts))


def element(name: str, *children: Content, **attributes: Content) -> Html:
    """`<name attr="...">children</name>`; `class_` writes `class`; None attributes are left out."""
    attrs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{text(value)}"'
        for key, value in attributes.items()
        if value is not None
    )
    return Html(f"<{name}{attrs}>{join(children)}</{name}>")


def lines(value: str) -> Html:
    """Multi-line user text: escaped, its line breaks kept."""
    return join((text(line) for line in value.split("\n")), "<br>")
