"""Keys held behind a key's look-up (tui/typeahead.py) always go on once it is done, and only a look-up holds them:
the sign-on screen's keys do not wait for the database to open, and a held key is not lost to a Textual timer that
skipped its tick on a loaded machine."""

from __future__ import annotations

import asyncio
import threading
import types

import pytest
import textual.timer
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from carsplus_tui.services import entry
from carsplus_tui.services.opening import DatabaseOpening
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from carsplus_tui.tui.typeahead import TypeAheadApp
from tests.tui.conftest import SIZE, settle, signed_on
from tests.tui.test_counter_flow import focused_path, keys_handled


async def test_code_and_password_land_while_the_database_is_still_opening(make_app,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    opened = threading.Event()
    really_open = DatabaseOpening._open

    def slow_open(self: DatabaseOpening) -> None:
        opened.wait(30)  # the database answers only when the test says so
        really_open(self)

    monkeypatch.setattr(DatabaseOpening, "_open", slow_open)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, SignOnScreen) and focused_path(app) == "employee":
                break
        await pilot.press(*"DEMO", "enter", *"demo")
        for _ in range(10):
            await pilot.pause()
        assert not opened.is_set() and not app.database_ready.is_set()  # still opening
        screen = app.screen
        assert (screen.query_one("#employee").value, screen.query_one("#password").value) == ("DEMO", "demo")
        assert focused_path(app) == "password"
        await pilot.press("enter")  # the sign-on itself waits for the database
        opened.set()
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)


async def test_a_key_held_behind_a_slow_look_up_lands_though_textuals_timers_skip(make_app,  # noqa: ANN001
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The RA look-up is slow; the agent types on into 2 Non-Rev#. Textual's one-shot timers are made to skip, as one
    does when its task runs later than its delay (a worker thread holding the GIL): the held key lands all the same,
    once the look-up is done."""
    answer = threading.Event()
    look_up = entry.lookup_rental_agreement

    def slow_look_up(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        answer.wait(30)
        return look_up(*args, **kwargs)

    app = make_app()
    async with signed_on(app) as pilot:
        await settle(pilot)
        assert focused_path(app) == "ra_number"
        monkeypatch.setattr(entry, "lookup_rental_agreement", slow_look_up)
        with monkeypatch.context() as late_timers:  # (Textual's own clock back before the app closes)
            late = iter(range(10**9))  # every reading of Textual's timer clock a second after the last one
            late_timers.setattr(textual.timer, "_time", types.SimpleNamespace(get_time=lambda: float(next(late))))
            await pilot.press(*"A0001310", "enter", "X")
            for _ in range(5):
                await pilot.pause()
            assert app._held_keys  # X waits behind the look-up
            answer.set()
            await keys_handled(pilot)
        await settle(pilot)
        assert focused_path(app) == "non_rev_number" and app.screen.field("non_rev_number").value == "X"


@pytest.fixture
def key_trace(tmp_path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """CARSPLUS_KEY_TRACE on, into a log folder of the test's own (the app sets its log up as it starts); the
    logging as it was afterwards."""
    import logging

    from carsplus_tui.applog import KEY_TRACE, LOG_FILE

    logger = logging.getLogger("carsplus")
    before = (list(logger.handlers), logger.level, logger.propagate)
    monkeypatch.setenv("CARSPLUS_LOG_DIR", str(tmp_path))
    monkeypatch.setenv("CARSPLUS_KEY_TRACE", "1")
    yield tmp_path / LOG_FILE
    for handler in logger.handlers:
        if handler not in before[0]:
            logger.removeHandler(handler)
            handler.close()
    for handler in before[0]:
        if handler not in logger.handlers:
            logger.addHandler(handler)
    logger.setLevel(before[1])
    logger.propagate = before[2]
    logging.getLogger(KEY_TRACE).setLevel(logging.NOTSET)


async def test_the_key_trace_says_where_each_key_went_and_never_what_a_password_was(make_app, key_trace) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, password="demo") as pilot:
        await pilot.press(*"T3", "enter")  # no such RA: refused
        await keys_handled(pilot)
    lines = key_trace.read_text().splitlines()
    assert [line for line in lines if "refusal: keys of read None still to come are dropped" in line]
    handled = [line.split(" key ", 1)[1] for line in lines if " handled: " in line]
    assert "T handled: read None, screen DamageEntryScreen, field ra_number, 0 held" in handled
    assert not [line for line in handled if line.startswith(("d ", "e ", "m ", "o "))]  # the password's letters
    assert [line for line in handled if line.startswith("* handled: read None, screen SignOnScreen")]


# A key waits for a message the screen still has in hand ---------------------------------------------------------

class Slow(Message):
    """Handled by awaiting, as many of Textual's own handlers do."""


class MoveOn(Message):
    """Moves the cursor to the second field."""


class Mover(Static):
    async def on_slow(self, _message: Slow) -> None:
        await asyncio.sleep(0.3)

    def on_move_on(self, _message: MoveOn) -> None:
        self.screen.set_focus(self.screen.query_one("#second", Input))


class TwoFields(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")
        yield Mover()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        mover = self.query_one(Mover)
        mover.post_message(Slow())
        mover.post_message(MoveOn())  # taken out of the queue, in hand, while Slow is handled


class TwoFieldsApp(TypeAheadApp):
    def on_mount(self) -> None:
        self.push_screen(TwoFields())


async def test_a_key_typed_behind_enter_waits_for_a_message_the_screen_holds_out_of_its_queue() -> None:
    """Textual's loop takes a widget's next message out of its queue while it handles the one before (to see whether
    the two combine). The queue then looks empty; the key typed behind Enter must still wait for that message,
    which moves the cursor, and land in the second field."""
    app = TwoFieldsApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "first"
        for key in (events.Key("enter", "\r"), events.Key("x", "x")):  # one burst
            key.set_sender(app)
            app.post_message(key)
        await keys_handled(pilot)
        assert (app.screen.query_one("#first", Input).value, app.screen.query_one("#second", Input).value) == ("", "x")


class SlowToMount(Static):
    async def on_mount(self) -> None:
        await asyncio.sleep(0.3)


class Line(Horizontal):
    """A line mounted by Enter (as a list's lines or a window's are); it puts the cursor in its field as it mounts."""

    def compose(self) -> ComposeResult:
        yield Input(id="added")
        yield SlowToMount()

    def on_mount(self) -> None:
        self.screen.set_focus(self.query_one("#added", Input))


class AddsALine(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="first")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.mount(Line())


class AddsALineApp(TypeAheadApp):
    def on_mount(self) -> None:
        self.push_screen(AddsALine())


async def test_a_key_typed_behind_enter_waits_for_the_line_it_mounts() -> None:
    """A widget mounting runs its compose and mount outside its queue: the key typed behind the Enter that mounted
    it waits until it is mounted (and has put the cursor in its field). (Textual also queues a message on a widget
    that is mounting, which holds the key too today; `_settled` does not count on that.)"""
    app = AddsALineApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in (events.Key("enter", "\r"), events.Key("x", "x")):  # one burst
            key.set_sender(app)
            app.post_message(key)
        await keys_handled(pilot)
        assert (app.screen.query_one("#first", Input).value, app.screen.query_one("#added", Input).value) == ("", "x")


class Keys(Static, can_focus=True):
    """A field that keeps the letters typed into it (and nothing else: no cursor blinking, no messages of its own)."""

    typed = ""

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            self.typed += event.character or ""


class FocusLater(Screen[None]):
    """Enter's answer comes a moment later (as a look-up's does) and moves the cursor with `Widget.focus`, which
    Textual does later still, through the app's queue; the terminal's next key reaches that queue first, as it
    does on a loaded machine when the input thread posts it while the answer is being handled."""

    def compose(self) -> ComposeResult:
        yield Keys(id="first")
        yield Keys(id="second")

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            self.set_timer(0.05, self.answered)

    answered_yet = False

    def answered(self) -> None:
        self.answered_yet = True
        key = events.Key("x", "x")
        key.set_sender(self.app)
        self.app.post_message(key)  # typed right behind the Enter, reaching the app now
        # The cursor moved through the app's queue, as `Widget.focus` moves it (less the refresh it also asks for,
        # which happens to hold the key too), or after the app's next refresh.
        later = self.app.call_later if getattr(self.app, "later", "") == "call_later" else self.app.call_after_refresh
        later(self.set_focus, self.query_one("#second", Keys))


class FocusLaterApp(TypeAheadApp):
    def __init__(self, later: str) -> None:
        super().__init__()
        self.later = later

    def on_mount(self) -> None:
        self.push_screen(FocusLater())


@pytest.mark.parametrize("later", ["call_later", "call_after_refresh"])
async def test_a_key_that_reaches_the_app_before_the_cursor_move_it_follows_waits_for_it(later: str) -> None:
    app = FocusLaterApp(later)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "first"
        key = events.Key("enter", "\r")
        key.set_sender(app)
        app.post_message(key)
        for _ in range(500):  # a bound, not a timing: until the answer has come (and typed the x behind the Enter)
            if getattr(app.screen, "answered_yet", False):
                break
            await asyncio.sleep(0.01)
        await keys_handled(pilot)
        assert (app.screen.query_one("#first", Keys).typed, app.screen.query_one("#second", Keys).typed) == ("", "x")


async def test_a_key_that_reaches_the_app_before_the_enter_in_front_of_it_comes_back_waits_for_it(make_app) -> None:  # noqa: ANN001
    """Enter goes to the field, and back up to the app, which runs its binding (submit: the cursor moves on). On a
    loaded machine the terminal's next key - the password's first letter - can reach the app's queue while the
    Enter is still on its way back up: it must wait for it, not land in EMPLOYEE CODE (seen under load: a letter of
    the next field typed into the field being left)."""
    from textual._context import active_message_pump

    app = make_app()
    sent = False

    def typed_on(message: Message) -> None:  # as the Enter reaches the screen on its way back: the next key comes
        nonlocal sent
        if not sent and isinstance(message, events.Key) and message.key == "enter" \
                and active_message_pump.get() is app.screen:
            sent = True
            key = events.Key("d", "d")
            key.set_sender(app)
            app.post_message(key)

    async with app.run_test(size=SIZE, message_hook=typed_on) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignOnScreen) and focused_path(app) == "employee"
        await pilot.press(*"DEMO")
        await keys_handled(pilot)
        key = events.Key("enter", "\r")
        key.set_sender(app)
        app.post_message(key)
        await keys_handled(pilot)
        assert sent
        screen = app.screen
        assert (screen.query_one("#employee", Input).value, screen.query_one("#password", Input).value) == ("DEMO", "d")
