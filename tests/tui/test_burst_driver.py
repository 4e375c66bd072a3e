"""The terminal driver hands one read's keys to the app together (tui/burst_driver.py): a burst that arrived in one read
is queued whole before the app takes its first key, so a refusal drops the rest however loaded the machine."""

from __future__ import annotations

import hashlib
import inspect
import os
import threading
import time

from textual import events
from textual.drivers.linux_driver import LinuxDriver

from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.burst_driver import BurstDriver

# Textual 8.2.8's LinuxDriver.run_input_thread, which BurstDriver.run_input_thread repeats with one change: a new one
# must be read again (and the copy brought up to it) before the pin moves.
UPSTREAM_LOOP = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"


def test_textuals_input_loop_is_the_one_burst_driver_repeats() -> None:
    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == UPSTREAM_LOOP


def test_a_terminal_app_gets_the_burst_driver() -> None:
    assert CarsplusApp(None).get_driver_class() is BurstDriver


class Recorder:
    """Stands for the app: what the driver hands over, batch by batch."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []


async def test_one_read_is_one_batch_in_order() -> None:  # (a driver is made on a running loop)
    recorder = Recorder()
    driver = BurstDriver(recorder, size=(80, 24))  # type: ignore[arg-type]
    reading, writing = os.pipe()
    driver.fileno = reading
    driver.post_batch = lambda batch: recorder.batches.append(  # type: ignore[method-assign]
        [event.key for event in batch if isinstance(event, events.Key)])
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(writing, b"ZZZ\r15\r\x1bOP")  # a refused answer, a field number behind it, then F1
        deadline = time.monotonic() + 10
        while not recorder.batches and time.monotonic() < deadline:
            time.sleep(0.01)
        os.write(writing, b"A")
        while len(recorder.batches) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(writing)
        os.close(reading)
    assert recorder.batches[0] == ["Z", "Z", "Z", "enter", "1", "5", "enter", "f1"]
    assert recorder.batches[1] == ["A"]
