"""Keys carry the terminal read they came in (tui/burst_driver.py), and a refusal drops the keys of the refused key's
read however late they reach the app (tui/typeahead.py): on a loaded machine Textual's input thread may still be
posting a burst when the app has already refused its first Enter."""

from __future__ import annotations

import os
import threading
import time

from textual import events
from textual.pilot import Pilot

from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.burst_driver import BurstDriver, WebBurstDriver
from carsplus_tui.tui.internals import character_key
from carsplus_tui.tui.typeahead import READ, read_of
from tests.tui.conftest import message, settle, signed_on
from tests.tui.test_counter_flow import focused_path, keys_handled
from tests.tui.test_refusals import DROPPED, RA_LOOK_UP, f6_search, list_line, signed_on_patient



def test_a_terminal_app_gets_the_burst_driver() -> None:
    assert CarsplusApp(None).get_driver_class() is BurstDriver


async def test_each_key_is_stamped_with_its_read_and_posted_in_order() -> None:  # (a driver is made on a running loop)
    posted: list[tuple[str, int | None]] = []
    driver = BurstDriver(CarsplusApp(None), size=(80, 24))
    reading, writing = os.pipe()
    driver.fileno = reading
    driver.process_message = lambda message: posted.append(  # type: ignore[method-assign]
        (message.key, read_of(message)) if isinstance(message, events.Key) else ("", None))
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(writing, b"ZZZ\r15\r\x1bOP")  # a refused answer, a field number behind it, then F1: one read
        deadline = time.monotonic() + 10
        while len(posted) < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.write(writing, b"A")
        while len(posted) < 9 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(writing)
        os.close(reading)
    keys = [key for key, _read in posted]
    assert keys == ["Z", "Z", "Z", "enter", "1", "5", "enter", "f1", "A"]
    reads = [read for _key, read in posted]
    assert reads[0] is not None and set(reads[:8]) == {reads[0]}
    assert reads[8] is not None and reads[8] > reads[0]


def post_read(pilot: Pilot, read: int, text: str) -> None:
    """`text` ("\r" for Enter), posted as the terminal driver posts the keys of terminal read `read`."""
    for character in text:
        key = events.Key("enter", "\r") if character == "\r" else events.Key(character_key(character), character)
        post_key(pilot, key, read)


def post_key(pilot: Pilot, key: events.Key, read: int) -> None:
    setattr(key, READ, read)
    key.set_sender(pilot.app)
    pilot.app.post_message(key)


async def test_keys_of_a_refused_reads_that_come_after_the_refusal_are_dropped(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        post_read(pilot, 7, "T3001299\r")  # the first part of a read: handled, and refused, before the rest is posted
        await keys_handled(pilot)
        assert message(app) == "RA# T3001299 NOT ON FILE"
        post_read(pilot, 7, "592")  # the rest of the same read, posted late: typed ahead of the refusal all the same
        await keys_handled(pilot)
        assert message(app) == f"RA# T3001299 NOT ON FILE - {DROPPED}"
        assert focused_path(app) == "ra_number" and app.focused.selected_text == "T3001299"
        assert screen.field("unit_number").value == ""
        post_read(pilot, 8, "T3001212\r")  # the next read: the agent's fix, taken
        await keys_handled(pilot)
        assert screen.field("ra_number").value == "T3001212"
        assert focused_path(app) != "ra_number"


async def test_a_late_key_of_a_refused_read_is_dropped_on_a_list_and_at_a_y_n_question(make_app) -> None:  # noqa: ANN001
    """The late word reaches the lines that are not a form's MessageLine too: F6 SEARCH's own line and a Y/N
    question's."""
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        page1, search = await f6_search(pilot)
        post_read(pilot, 11, "ZZZ\r")
        await keys_handled(pilot)
        assert "ZZZ IS NOT AN OPTION" in list_line(app, "search") and DROPPED not in list_line(app, "search")
        post_read(pilot, 11, "1")  # would be typed at OPTION
        await keys_handled(pilot)
        assert app.screen is search and list_line(app, "search").endswith(DROPPED)
        assert app.focused.id == "search-option" and app.focused.value == ""  # (a refused answer is cleared)
        await pilot.press("escape")
        await keys_handled(pilot)
        assert app.screen is page1

        post_read(pilot, 20, "T3001212\r\r592\r")
        await keys_handled(pilot)
        question = "VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)"
        prompt = app.screen.query_one("#prompt")
        assert str(prompt.render()) == question
        post_read(pilot, 21, "X")
        await keys_handled(pilot)
        assert str(prompt.render()) == f"{question} - TYPE Y OR N"
        post_read(pilot, 21, "Y")  # behind the X in the same read: not an answer
        await keys_handled(pilot)
        assert str(prompt.render()) == f"{question} - TYPE Y OR N - {DROPPED}"
        assert app.screen.query("#prompt")
        post_read(pilot, 22, "N")
        await keys_handled(pilot)
        assert app.screen is page1


async def test_a_late_key_of_a_read_whose_look_up_failed_is_dropped_with_the_word(sample_db) -> None:  # noqa: ANN001
    """The database does not answer the RA look-up; the rest of the burst reaches the app only after the failure's
    line: dropped, and the line says so (dbwork.show_line through say_refusal). Enter looks again once it is back."""
    async with signed_on_patient(sample_db) as (app, pilot, held):
        screen = app.screen
        with held(RA_LOOK_UP):
            post_read(pilot, 40, "T3001212\r")
            await keys_handled(pilot)
            await settle(pilot, 6)
            assert "AGAIN" in message(app) and DROPPED not in message(app), message(app)
            post_read(pilot, 40, "592")  # (it would be typed on at the end of the RA#)
            await keys_handled(pilot)
            assert "AGAIN" in message(app) and message(app).endswith(DROPPED), message(app)
            assert focused_path(app) == "ra_number" and screen.field("ra_number").value == "T3001212"
        post_read(pilot, 41, "\r")
        await keys_handled(pilot)
        await settle(pilot, 6)
        assert focused_path(app) == "non_rev_number", message(app)


def test_a_browser_app_gets_the_web_burst_driver(monkeypatch) -> None:  # noqa: ANN001
    from textual import constants

    # As textual-serve starts a session (TEXTUAL_DRIVER in its environment, read as Textual is imported).
    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.web_driver:WebDriver")
    assert CarsplusApp(None).get_driver_class() is WebBurstDriver


async def test_a_browser_sessions_keys_are_stamped_with_the_read_of_the_pipe(monkeypatch) -> None:  # noqa: ANN001
    """textual-serve writes what the tab sends as packets into the session's pipe; what one read takes (here two
    packets: a refused answer and the keys sent behind it) is one read for the keys, as in a terminal."""
    import textual.drivers.web_driver as web_driver
    from textual.driver import Driver

    def packet(text: str) -> bytes:
        return b"D" + len(text.encode()).to_bytes(4, "big") + text.encode()

    closed: list[bool] = []

    class Pipe:  # Textual's InputReader, reading these
        def __init__(self) -> None:
            self.reads = [packet("ZZZ\r") + packet("15\r\x1bOP"), b"", packet("A")]

        def __iter__(self):  # noqa: ANN204
            yield from self.reads

        def close(self) -> None:
            closed.append(True)

    posted: list[tuple[str, int | None]] = []
    monkeypatch.setattr(web_driver, "InputReader", Pipe)
    monkeypatch.setattr(Driver, "process_message", lambda _driver, message: posted.append(
        (message.key, read_of(message)) if isinstance(message, events.Key) else ("", None)))
    driver = WebBurstDriver(CarsplusApp(None), size=(80, 24))
    driver.run_input_thread()  # (reads until the pipe has no more)
    assert [key for key, _read in posted] == ["Z", "Z", "Z", "enter", "1", "5", "enter", "f1", "A"]
    reads = [read for _key, read in posted]
    assert reads[0] is not None and set(reads[:8]) == {reads[0]}
    assert reads[8] is not None and reads[8] > reads[0]
    assert closed  # the counted reader closes the pipe's reader, as Textual's loop asks it to at the end
