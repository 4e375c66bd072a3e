"""Type-ahead, as on the green screen: keys typed before the screen has caught up land where they were meant to.

A bar-code scanner, a fast agent, a browser or an ssh link sends "A0001310⏎⏎N⏎" in one burst. Textual hands every
key to the widget focused *when the key is read*, and a field moves the cursor on only after its key has been
handled — so without this, the keys after Enter pile into the old field (at sign-on, the password lands in
EMPLOYEE CODE, in clear), and in a line window the letters after the one that wraps a word to the next line stay
on the old line. Here, after every key, later keys wait until the app has finished with that key: the key has come
back up to the app from the field (the app runs its binding then: Enter submits), the screen and its widgets are
mounted and have handled their messages (those Textual holds out of the queue too) and callbacks, the app has run
the cursor moves asked through its queue (`Widget.focus`), the screen's look-ups (workers) are done and the cursor
is where the key put it. Then they are replayed in order. A key that only types a letter settles at once, so a burst
costs little. (Each of these was seen to let a key through early on a loaded machine; the key trace,
CARSPLUS_KEY_TRACE, shows where every key went.)

A bracketed paste is the same: its text becomes the keys it stands for — letters, and Enter for each line break —
queued like typed keys, so a paste lands exactly as the same text typed one key at a time, window after window.
Other control characters in a paste (ESC, tabs, bells) are dropped, never interpreted.

A refusal drops the keys held behind the refused one (`drop_typed_ahead`), and also any key that reaches the app after
the refusal but came in the same read (of the terminal, or of a browser session's pipe) as the refused key
(tui/burst_driver.py stamps each key with its read): on a loaded machine Textual's input thread may still be posting
a burst when the app has already refused its first Enter, and those keys were typed ahead of the refusal all the same.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from time import monotonic

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.widget import Widget
from textual.worker import WorkerState

from carsplus_tui.applog import KEY_TRACE
from carsplus_tui.tui.internals import character_key, has_app_work_queued, has_work_in_hand
from carsplus_tui.tui.widgets.field import next_action

# Never hold keys for ever behind a stuck look-up (a silent DMS, a locked database): after this they go on. Long
# enough for a loaded machine: keys let go early land in the field being left.
HOLD_LIMIT_SECONDS = 10.0
RECHECK_SECONDS = 0.005  # how often held keys look whether the screen has caught up
# Workers that run beside the agent's typing, not as a key's look-up: opening the database at start-up and the
# sign-on screen's first-run notice (it waits for that opening: the code and password typed meanwhile must not wait
# with it), a DMS export (it may run for a minute, and Esc must reach its window at once to cancel it), and keeping or
# discarding the crash-recovery draft and printing (they move no cursor; on a locked database each would otherwise
# hold the next field's keys for the whole lock time-out).
BACKGROUND_GROUPS = frozenset({"prepare", "first-run", "dms-export", "draft", "draft-discard", "print"})
_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)
READ = "carsplus_read"  # the attribute tui/burst_driver.py keeps a key's terminal read number in
_trace = logging.getLogger(KEY_TRACE)  # CARSPLUS_KEY_TRACE: each key's way, in the log file


def read_of(key: events.Key) -> int | None:
    """The number of the terminal (or browser pipe) read `key` came in; None when it came another way (Pilot, a
    paste)."""
    read: int | None = getattr(key, READ, None)
    return read


def paste_keys(text: str) -> list[events.Key]:
    """The keys a pasted text stands for: its printable characters, and Enter for each line break (CR, LF or
    CR LF). Every other control character is dropped."""
    keys: list[events.Key] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for character in text:
        if character == "\n":
            keys.append(events.Key("enter", "\r"))
        elif character.isprintable():
            keys.append(events.Key(character_key(character), character))
    return keys


class TypeAheadApp(App[None]):
    """An App that keeps keys typed ahead in order behind the key being handled."""

    _held_keys: list[events.Key] | None = None
    _held_since = 0.0
    _handling_read: int | None = None  # the terminal read of the key being handled (tui/burst_driver.py)
    _refused_read: int | None = None  # the read of the last refused key: its later keys are dropped as they come
    _said_late: Callable[[], None] | None = None  # puts the word on the refusal's line when they are

    def get_driver_class(self) -> type[Driver]:
        """In a terminal and in a browser, the driver that stamps each key with the read it came in
        (tui/burst_driver.py); any other driver (Windows, Pilot's) as is."""
        from textual.drivers.linux_driver import LinuxDriver
        from textual.drivers.web_driver import WebDriver

        from carsplus_tui.tui.burst_driver import BurstDriver, WebBurstDriver

        driver = super().get_driver_class()
        if driver is LinuxDriver:
            return BurstDriver
        return WebBurstDriver if driver is WebDriver else driver

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            for key in paste_keys(event.text):
                await self._take_key(key)
            return
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        await self._take_key(event)

    def drop_typed_ahead(self, said_late: Callable[[], None] | None = None) -> int:
        """Forget the keys held behind the one being handled (a refusal that must not run on into the next fields),
        and the keys of its terminal read still to come; returns how many were held. When none were, `said_late` is
        called if a key of that read comes after all (it puts the word on the refusal's line)."""
        held = self._held_keys or []
        if self._held_keys is not None:
            self._held_keys = []
        self._refused_read = self._handling_read
        _trace.debug("refusal: keys of read %s still to come are dropped", self._refused_read)
        for key in held:
            self._trace("dropped (held behind a refusal)", key)
        self._said_late = None if held else said_late
        return len(held)

    def _not_refused(self, keys: list[events.Key]) -> list[events.Key]:
        """`keys` less those that came in the refused key's read (typed ahead of the refusal, however late they
        reached the app); the refusal's line gets its word if any are dropped here."""
        kept = [key for key in keys if self._refused_read is None or read_of(key) != self._refused_read]
        if len(kept) < len(keys) and self._said_late is not None:
            said_late, self._said_late = self._said_late, None
            said_late()
        return kept

    async def _take_key(self, event: events.Key) -> None:
        if not self._not_refused([event]):
            self._trace("dropped (its read was refused)", event)
            return
        if self._held_keys is not None and self._settled():
            await self._replay_held_keys()
        if self._held_keys is not None:
            self._held_keys.append(event)
            self._trace("held", event)
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
        self._handling_read = read_of(event)
        if self.screen_stack:
            next_action(self.screen, event.key)  # an action's key clears the last action's message first
        self._trace("handled", event)
        await super().on_event(event)

    def _trace(self, what: str, key: events.Key) -> None:
        """One line of the key trace (CARSPLUS_KEY_TRACE): what became of `key`, its read, and where the app is."""
        if not _trace.isEnabledFor(logging.DEBUG):
            return
        from textual.widgets import Input

        screen = self.screen if self.screen_stack else None
        secret = screen is not None and any(field.password for field in screen.query(Input))
        name = "*" if secret and key.is_printable else key.key
        focused = screen.focused if screen is not None else None
        where = getattr(focused, "path", None) or (focused.id if focused is not None else None)
        _trace.debug("key %s %s: read %s, screen %s, field %s, %d held", name, what, read_of(key),
                     type(screen).__name__, where, len(self._held_keys or []))

    def _settled(self) -> bool:
        if monotonic() - self._held_since > HOLD_LIMIT_SECONDS:
            return True
        screen = self.screen
        # Every widget of the screen mounted (a window or line just mounted runs its compose and mount outside its
        # queue, and may move the cursor there) and done with its messages and callbacks, queued or in hand.
        if any(node.message_queue_size or (isinstance(node, Widget) and not node.is_mounted) or has_work_in_hand(node)
               for node in screen.walk_children(with_self=True)):
            return False
        # And the app done with the key: a key comes back up to the app, which runs its binding (Enter submits), and a
        # cursor move (`Widget.focus`) or a callback after the next refresh goes through the app's queue too. A key
        # that reached the app before these (a loaded machine: the input thread posting while they were on their
        # way) must still wait for them.
        if has_app_work_queued(self, besides=self._release_when_settled) or self._next_callbacks:
            return False
        return not any(
            worker.state in _BUSY and worker.group not in BACKGROUND_GROUPS and (worker.node is screen or worker.node is self)
            for worker in self.workers
        )

    async def _release_when_settled(self, *, behind_queued_focus: bool = False) -> None:
        if self._held_keys is None or not self.screen_stack:  # (no screen: the app is closing)
            return
        if not self._settled():
            # Asked again in 5 ms through asyncio's own timer, not Textual's: a Textual one-shot timer whose task is
            # held up past its delay (a worker thread holding the GIL, a loaded machine) skips its only tick, and the
            # keys would wait for ever (seen in the suite: a sign-on typed at start-up that never arrived).
            asyncio.get_running_loop().call_later(RECHECK_SECONDS, self.call_later, self._release_when_settled)
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
            if self._held_keys is not None:  # a replayed key holds the rest again (less any it had refused)
                self._held_keys.extend(self._not_refused(held[index:]))
                self.call_later(self._release_when_settled)
                return
            await self._dispatch_key(key)
