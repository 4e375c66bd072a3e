"""The terminal's keys carry the read they came in (DESIGN.md §5: keys typed ahead of a refusal are dropped).

Textual's LinuxDriver reads the terminal in a thread and posts each key to the app's loop as the parser yields it. On a
loaded machine the app can take the first keys of a burst - an Enter whose value is refused - before the thread has
posted the rest. Those keys were typed ahead of the refusal as surely as the ones already held, but they come after
it, so tui/typeahead.py could not tell them from keys typed once the refusal was on the screen: they landed in the
refused field. Here every key is stamped with the number of the read it came in, and nothing else changes: the keys
are posted one by one, in the same order and at the same moments as Textual posts them. The app drops a key that
comes after a refusal in the same read as the refused key (`TypeAheadApp._take_key`).

`run_input_thread` is Textual 8.2.8's loop with the stamp added (tests/tui/test_internals.py checks that the method
it repeats has not changed under an upgrade; the parser it uses is Textual's, through tui/internals.py).

In a browser the app reads its keys from textual-serve's pipe (Textual's WebDriver): a burst typed in the browser, or
keys the browser sent while the app was busy, come in one read of that pipe, and the same race is there. `WebBurstDriver`
counts those reads and stamps each key with its read the same way, without repeating Textual's loop: the loop reads
through the driver's reader, which is wrapped. Pilot's headless driver is not touched: its keys carry no stamp.
"""

from __future__ import annotations

import os
import selectors
from collections import deque
from collections.abc import Iterator
from codecs import getincrementaldecoder
from contextlib import suppress
from itertools import count
from typing import Any

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver
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


class CountedReads:
    """The web driver's reader of its pipe, counting what it yields: the number of the read a key came in (a pass
    that read nothing counts too, so a lone Esc let go after its wait has a read of its own, as in a terminal)."""

    def __init__(self, reader: Any) -> None:  # noqa: ANN401 - Textual's InputReader
        self._reader = reader
        self.read = 0

    def close(self) -> None:
        self._reader.close()

    def __iter__(self) -> Iterator[bytes]:
        for data in self._reader:
            self.read += 1
            yield data


class WebBurstDriver(WebDriver):
    """Textual's WebDriver (textual-serve's sessions) whose keys carry the read of the pipe they came in."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(app, **kwargs)
        self._reads = CountedReads(self._input_reader)
        self._input_reader = self._reads  # type: ignore[assignment]  # Textual's loop reads through it

    def process_message(self, message: Message) -> None:
        """From the input thread (Textual's loop, iterating the counted reader): `message`, stamped with its read."""
        setattr(message, READ, self._reads.read)
        super().process_message(message)
