"""The terminal's keys carry the read they came in (DESIGN.md §5: keys typed ahead of a refusal are dropped).

Textual's LinuxDriver reads the terminal in a thread and posts each key to the app's loop as the parser yields it. On a
loaded machine the app can take the first keys of a burst - an Enter whose value is refused - before the thread has
posted the rest. Those keys were typed ahead of the refusal as surely as the ones already held, but they come after
it, so tui/typeahead.py could not tell them from keys typed once the refusal was on the screen: they landed in the
refused field. Here every key is stamped with the number of the read it came in, and nothing else changes: the keys
are posted one by one, in the same order and at the same moments as Textual posts them. The app drops a key that
comes after a refusal in the same read as the refused key (`TypeAheadApp._take_key`).

`run_input_thread` is Textual 8.2.8's loop with the stamp added (tests/tui/test_internals.py checks that the method
it repeats has not changed under an upgrade; the parser it uses is Textual's, through tui/internals.py). The browser
(textual-serve's driver) and Pilot's headless driver are not touched: their keys carry no stamp and are handled as
before.
"""

from __future__ import annotations

import os
import selectors
from collections import deque
from codecs import getincrementaldecoder
from contextlib import suppress
from itertools import count

from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from carsplus_tui.tui.internals import parse_error, terminal_parser
from carsplus_tui.tui.typeahead import READ


class BurstDriver(LinuxDriver):
    """LinuxDriver whose input thread stamps each event with the number of the read it was parsed from."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = terminal_parser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        reads = count(1)

        def read_round(selected: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            read = next(reads)
            for index, (_key, mask) in enumerate(selected):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, 1024 * 4), final=final and index == len(selected) - 1)
                    if not data:  # (stdin piped and closed)
                        break
                    for event in parser.feed(data):
                        self.stamped(event, read)
            for event in parser.tick():  # a lone Esc, once its wait is over: a read of its own
                self.stamped(event, next(reads))

        try:
            while not self.exit_event.is_set():
                read_round(selector.select(0.1))
            selector.unregister(self.fileno)
            read_round(selector.select(0.1), final=True)
        finally:
            selector.close()
            # Textual ends its parser the same way: fed nothing, it lets go of what it held; events left are not
            # wanted any more (the app is ending), and an incomplete sequence at the end is no error worth telling.
            with suppress(EOFError, parse_error()):
                deque(parser.feed(""), maxlen=0)

    def stamped(self, message: Message, read: int) -> None:
        """From the input thread: `message`, stamped with its read, posted to the app as Textual posts it."""
        setattr(message, READ, read)
        self.process_message(message)
