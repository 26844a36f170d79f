"""Keys handled in the order they were typed, however quickly they come.

Textual hands each key to the focused widget's own queue and goes straight on
to the next key. A key that moves focus (Tab, Enter in "what" moving on to
"when", Enter on a list line) does so only once it has travelled up the
widgets to the app's bindings and the message it causes has come back down;
by then the keys typed after it have already been handed to the field being
left. "Go to bed early", Tab, "fri" sent within a few milliseconds put "fri"
in the wrong field.

So the app holds each next key until the one before it is done: after a key
is handed on, a marker follows it up the same queues the key travels (the
focused widget, its parents, the screen, the app), twice, the second time to
catch what the key's binding set off. Only then is the next key handed on, to
whatever has focus by then. Textual's own order of handling within one key is
unchanged. A marker lost with a widget removed on the way is covered by a
short timer, so the keyboard can never stay held.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.dom import DOMNode
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App

# A marker goes up the widgets twice: once behind the key, once behind what its
# binding posted.
ROUNDS = 2
# If a marker never comes back (its widget was removed), the next key goes anyway.
RELEASE_AFTER = 0.5


class KeyOrder:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[events.Key] = deque()
        self.busy = False
        self.turn = 0  # which key's markers are travelling; older ones are ignored
        self.timer: Timer | None = None

    def hold(self, event: events.Event) -> bool:
        """True when `event` is a new key that must wait for the one before it."""
        if not isinstance(event, events.Key) or event.is_forwarded or not self.busy:
            return False
        self.held.append(event)
        return True

    @staticmethod
    def is_new_key(event: events.Event) -> bool:
        return isinstance(event, events.Key) and not event.is_forwarded

    def handed_on(self) -> None:
        """A key has just been handled or handed to the focused widget: follow it up."""
        self.busy = True
        self.turn += 1
        self._climb(self.app.focused or self.app.screen, self.turn, ROUNDS)
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.app.set_timer(RELEASE_AFTER, self._release)

    def _climb(self, node: DOMNode, turn: int, rounds: int) -> None:
        start = node

        def step(at: DOMNode) -> None:
            if turn != self.turn:
                return  # a marker of a key already released (by the timer)
            parent = at.parent
            if parent is None:  # the app: this round is done
                if rounds > 1 and start.is_attached:
                    self._climb(start, turn, rounds - 1)
                else:
                    self._release()
                return
            if not parent.call_later(step, parent):
                self._release()

        if not node.call_later(step, node):
            self._release()

    def _release(self) -> None:
        """The key before is done: the next one held goes now, ahead of anything
        queued since (`call_next`), so the order stays the order typed."""
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.busy = False
        self.turn += 1
        if self.held:
            self.app.call_next(self.app.on_event, self.held.popleft())
