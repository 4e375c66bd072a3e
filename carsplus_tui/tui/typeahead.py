"""Type-ahead, as on the green screen: keys typed before the screen has caught up land where they were meant to.

A bar-code scanner, a fast agent, a browser or an ssh link sends "A0001310⏎⏎N⏎" in one burst. Textual hands every
key to the widget focused *when the key is read*, and a field moves the cursor on only after its key has been
handled — so without this, the keys after Enter pile into the old field (at sign-on, the password lands in
EMPLOYEE CODE, in clear), and in a line window the letters after the one that wraps a word to the next line stay
on the old line. Here, after every key, later keys wait until the app has finished with that key: the screen and its
widgets have handled their messages, the screen's look-ups (workers) are done and the cursor is where the key put
it. Then they are replayed in order. A key that only types a letter settles at once, so a burst costs little.

A bracketed paste is the same: its text becomes the keys it stands for — letters, and Enter for each line break —
queued like typed keys, so a paste lands exactly as the same text typed one key at a time, window after window.
Other control characters in a paste (ESC, tabs, bells) are dropped, never interpreted.
"""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.worker import WorkerState

from carsplus_tui.tui.widgets.field import next_action

# Never hold keys for ever behind a stuck look-up (a silent DMS, a locked database): after this they go on. Long
# enough for a loaded machine: keys let go early land in the field being left.
HOLD_LIMIT_SECONDS = 10.0
# Workers that run beside the agent's typing, not as a key's look-up: opening the database at start-up, a DMS
# export (it may run for a minute, and Esc must reach its window at once to cancel it), and keeping or discarding
# the crash-recovery draft and printing (they move no cursor; on a locked database each would otherwise hold the
# next field's keys for the whole lock time-out).
BACKGROUND_GROUPS = frozenset({"prepare", "dms-export", "draft", "draft-discard", "print"})
_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


def paste_keys(text: str) -> list[events.Key]:
    """The keys a pasted text stands for: its printable characters, and Enter for each line break (CR, LF or
    CR LF). Every other control character is dropped."""
    keys: list[events.Key] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for character in text:
        if character == "\n":
            keys.append(events.Key("enter", "\r"))
        elif character.isprintable():
            keys.append(events.Key(_character_to_key(character), character))
    return keys


class TypeAheadApp(App[None]):
    """An App that keeps keys typed ahead in order behind the key being handled."""

    _held_keys: list[events.Key] | None = None
    _held_since = 0.0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            for key in paste_keys(event.text):
                await self._take_key(key)
            return
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        await self._take_key(event)

    def drop_typed_ahead(self) -> int:
        """Forget the keys held behind the one being handled (a refusal that must not run on into the next fields);
        returns how many there were."""
        held = self._held_keys or []
        if self._held_keys is not None:
            self._held_keys = []
        return len(held)

    async def _take_key(self, event: events.Key) -> None:
        if self._held_keys is not None and self._settled():
            await self._replay_held_keys()
        if self._held_keys is not None:
            self._held_keys.append(event)
            if len(self._held_keys) == 1:
                self.call_later(self._release_when_settled)
            return
        await self._dispatch_key(event)

    async def _dispatch_key(self, event: events.Key) -> None:
        # Keys that come after this one wait until the app has finished with it. Whether it has is looked at when
        # the next key comes (above), and only while keys wait, again and again until it has: most keys find the
        # screen settled, and no time goes on checking a screen nobody is typing on.
        self._held_keys = []
        self._held_since = monotonic()
        if self.screen_stack:
            next_action(self.screen, event.key)  # an action's key clears the last action's message first
        await super().on_event(event)

    def _settled(self) -> bool:
        if monotonic() - self._held_since > HOLD_LIMIT_SECONDS:
            return True
        screen = self.screen
        if any(node.message_queue_size for node in screen.walk_children(with_self=True)):
            return False
        return not any(
            worker.state in _BUSY and worker.group not in BACKGROUND_GROUPS and (worker.node is screen or worker.node is self)
            for worker in self.workers
        )

    async def _release_when_settled(self, *, behind_queued_focus: bool = False) -> None:
        if self._held_keys is None or not self.screen_stack:  # (no screen: the app is closing)
            return
        if not self._settled():
            self.set_timer(0.005, self._release_when_settled)
            return
        if not behind_queued_focus:
            # The screen is done; the app may still have focus changes queued (Widget.focus goes through the app's
            # queue), so replay from the back of that queue.
            self.call_later(self._release_when_settled, behind_queued_focus=True)
            return
        await self._replay_held_keys()

    async def _replay_held_keys(self) -> None:
        held, self._held_keys = self._held_keys or [], None
        for index, key in enumerate(held):
            if self._held_keys is not None:  # a replayed key holds the rest again
                self._held_keys.extend(held[index:])
                self.call_later(self._release_when_settled)
                return
            await self._dispatch_key(key)
