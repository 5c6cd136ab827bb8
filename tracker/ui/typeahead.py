"""Keys typed ahead land where they were meant to go.

Textual hands each key to the focused widget's queue and moves on to the next key at
once; a key the widget does not take travels up to the screen and the app, where the
bindings run (`a` opens the promise form, `3` switches view). In a burst (a paste
without bracketed paste, a fast typist) the keys after `a` were therefore handed to
the view underneath before the form existed, and the keys after a tab to the field it
was leaving.

`KeysInOrder` hands keys on one at a time: while a key is still on its way (it has not
reached the app again, nor been taken by a widget on the way) or while a screen it
opened is not yet shown, the keys behind it wait, in order. Whether a key's way is over
is told by a marker sent up the same path behind it: each widget's queue is handled in
order, so the marker reaches each widget after the key did. Forms move between fields
on a priority tab (see `FormDialog`), so "Listen first", tab, "weekdays" fill two fields.
At human speed nothing ever waits.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.timer import Timer

HELD = (events.Key, events.Paste)
# A marker lost with a widget that closed while a key was on its way: after this long
# the keys behind it go on anyway.
STUCK_SECONDS = 1.0
# How often a marker lets a widget's newer messages go first before it goes on up.
LINGER = 20


class KeysInOrder(App[int]):
    """An App that hands typed keys on one at a time, each after the one before."""

    _held: list[events.Event] | None = None
    _opening: list[Screen[Any]] | None = None
    # The number of the key on its way (None: none) and when it was handed on.
    _in_flight: int | None = None
    _in_flight_since = 0.0
    _keys_handed = 0
    _safety: Timer | None = None

    # -- opening screens -------------------------------------------------------------

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        shown = super().push_screen(screen, *args, **kwargs)
        self._hold_keys_until_shown(self.screen)
        return shown

    def switch_mode(self, mode: str) -> Any:
        switched = super().switch_mode(mode)
        self._hold_keys_until_shown(self.screen)
        return switched

    def _hold_keys_until_shown(self, screen: Screen[Any]) -> None:
        if self._opening is None:
            self._opening = []
        self._opening.append(screen)
        # Runs once the screen has composed, mounted, focused its first field and the
        # app has drawn it.
        screen.call_after_refresh(self._shown, screen)

    def _shown(self, screen: Screen[Any]) -> None:
        if self._opening is not None and screen in self._opening:
            self._opening.remove(screen)
        self._release_soon()

    def _opening_a_screen(self) -> bool:
        """Whether a screen opened here is still on its way (one closed before it was
        shown holds nothing back)."""
        stack = self.screen_stack
        return any(screen in stack for screen in self._opening or ())

    # -- keys on their way -------------------------------------------------------------

    @property
    def keys_held(self) -> int:
        """How many keys wait behind another (for tests)."""
        return len(self._held or ())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, HELD) and not event.is_forwarded and not self._straight_in(event):
            if self._held is None:
                self._held = []
            self._held.append(event)
            await self._release_keys()
            return
        await super().on_event(event)

    def _straight_in(self, event: events.Event) -> bool:
        """Whether `event` goes straight to its field, with nothing to wait for: a
        character or a paste typed into a text field (which takes it: it changes neither
        the focus nor the screen) while no key is on its way. The common case, and the
        cheap one: keys in a burst into one field are handled together."""
        if self._held or self._in_flight is not None or self._opening_a_screen():
            return False
        focused = self.focused
        if isinstance(focused, TextArea):
            takes_text = not focused.read_only
        else:
            takes_text = isinstance(focused, Input)
        if isinstance(event, events.Paste):
            return takes_text
        return takes_text and isinstance(event, events.Key) and event.is_printable

    def _release_soon(self) -> None:
        if self._held:
            # Through the app's queue: keys that came meanwhile are queued behind these.
            self.call_later(self._release_keys)

    async def _release_keys(self) -> None:
        """Hand the held keys on, in order, each once the one before has arrived."""
        while self._held and not self._waiting_for_one():
            event = self._held.pop(0)
            target: DOMNode = self.focused or self.screen
            self._keys_handed += 1
            number = self._in_flight = self._keys_handed
            self._in_flight_since = time.monotonic()
            await super().on_event(event)
            self._follow(target, number)
        if self._held and self._safety is None:
            # Should a marker be lost (its widget closed), look again in a while.
            self._safety = self.set_timer(STUCK_SECONDS * 1.5, self._look_again)

    async def _look_again(self) -> None:
        self._safety = None
        await self._release_keys()

    def _waiting_for_one(self) -> bool:
        if self._in_flight is not None and (
            time.monotonic() - self._in_flight_since > STUCK_SECONDS
        ):
            self._in_flight = None  # its marker was lost with a closed widget
        return self._in_flight is not None or self._opening_a_screen()

    def _follow(self, node: DOMNode, number: int, lingered: int = 0) -> None:
        """Send the marker of key `number` to `node`, behind the key (or behind what the
        key made `node` do: an Input's enter posts Submitted, which goes up too)."""
        if node is self or not node.call_later(self._marker_at, node, number, lingered):
            self.call_later(self._arrived, number, lingered)

    def _marker_at(self, node: DOMNode, number: int, lingered: int) -> None:
        if node.message_queue_size and lingered < LINGER:
            self._follow(node, number, lingered + 1)  # behind what the key set going
            return
        parent = node.parent
        if parent is None or parent is self:
            self.call_later(self._arrived, number, lingered)
        else:
            self._follow(parent, number, lingered)

    def _arrived(self, number: int, lingered: int) -> None:
        """The key has reached the app; what its bindings set going (a Submitted message
        on its way up from the field) is followed too before the next key goes."""
        if self._in_flight != number:
            return
        busy = next((node for node in self._focus_chain() if node.message_queue_size), None)
        if busy is not None and lingered < LINGER:
            self._follow(busy, number, lingered + 1)
            return
        self._in_flight = None
        self._release_soon()

    def _focus_chain(self) -> list[DOMNode]:
        """The focused widget and every node above it, up to its screen."""
        node: DOMNode | None = self.focused or self.screen
        chain = []
        while node is not None and node is not self:
            chain.append(node)
            node = node.parent
        return chain
