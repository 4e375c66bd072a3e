"""The terminal's keys reach the app a whole read at a time (DESIGN.md §5: keys typed ahead land in order).

Textual's LinuxDriver reads the terminal in a thread and posts each key to the app's loop as the parser yields it. On a
loaded machine the app can then take the first keys of a burst - an Enter whose value is refused - before the thread
has posted the rest, and the rest are not "typed ahead" of the refusal: they land in the refused field instead of
being dropped (tui/typeahead.py). Here the keys of one read (and of one select round) are parsed first and handed to
the app's loop in ONE callback, so a burst that arrived together is queued together, as it is under Pilot.

`run_input_thread` is Textual 8.2.8's loop with that one change (tests/tui/test_internals.py checks that the method
it replaces has not changed under an upgrade). The browser (textual-serve's driver) and Pilot's headless driver are
not touched: `TypeAheadApp.get_driver_class` swaps only the LinuxDriver.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message


class BurstDriver(LinuxDriver):
    """LinuxDriver whose input thread hands each read's events to the app in one go."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def read_round(selected: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            batch: list[Message] = []
            for last, (_key, mask) in loop_last(selected):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                    if not data:  # (stdin piped and closed)
                        break
                    batch.extend(parser.feed(data))
            batch.extend(parser.tick())  # a lone Esc, once its wait is over
            if batch:
                self.post_batch(batch)

        try:
            while not self.exit_event.is_set():
                read_round(selector.select(0.1))
            selector.unregister(self.fileno)
            read_round(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def post_batch(self, batch: list[Message]) -> None:
        """From the input thread: `batch` processed on the app's loop in one callback (all queued before any runs)."""
        self._loop.call_soon_threadsafe(self.process_batch, batch)  # the loop the app runs on (Driver.__init__)

    def process_batch(self, batch: list[Message]) -> None:
        for message in batch:
            self.process_message(message)  # on the app's thread, post_message queues at once
