"""Canaries for the private Textual / textual-serve internals in carsplus_tui/tui/internals.py: an upgrade that moves
or changes one fails here, by name, instead of somewhere at the counter."""

from __future__ import annotations

import inspect

from textual.app import App
from textual_serve.server import Server

from carsplus_tui.tui import internals


def test_textuals_escape_sequence_table_still_maps_f1() -> None:
    table = internals.textual_key_table()
    assert isinstance(table, dict)
    assert "f1" in [getattr(k, "value", str(k)) for k in table["\x1bOP"]]


def test_textual_serve_server_still_has_what_our_server_overrides_and_calls() -> None:
    server = Server("true", host="127.0.0.1", port=0)
    missing = [name for name in internals.SERVE_MEMBERS if not hasattr(server, name)]
    assert missing == [], f"textual-serve no longer has {missing}"
    making = internals.make_serve_app(server)
    assert inspect.iscoroutine(making)  # what `serve` hands to aiohttp's run_app
    making.close()  # not run here: it would build the whole aiohttp application


def test_textual_app_still_keeps_its_exit_output_in_a_list() -> None:
    app = App()
    assert isinstance(app._exit_renderables, list)
    assert callable(App._handle_exception)
    internals.replace_exit_output(app, "one line")
    assert app._exit_renderables == ["one line"]


def test_textual_and_textual_serve_are_pinned_exactly() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if d.lower().startswith(("textual==", "textual-serve=="))]
    assert len(pins) == 2, pyproject["project"]["dependencies"]


def test_textuals_metaclass_still_joins_abcs_so_a_form_without_its_hooks_is_refused() -> None:
    from abc import abstractmethod

    import pytest
    from textual.screen import Screen

    class Base(Screen[None], metaclass=internals.AbstractScreenMeta):
        @abstractmethod
        def hook(self) -> None: ...

    class Written(Base):
        def hook(self) -> None:
            return None

    with pytest.raises(TypeError, match="hook"):
        Base()  # type: ignore[abstract]
    assert isinstance(Written(), Screen)


def test_textual_serve_still_opens_each_app_process_in_one_method() -> None:
    import weakref

    from textual_serve.app_service import AppService

    assert inspect.iscoroutinefunction(AppService._open_app_process)
    internals.track_app_processes(weakref.WeakSet())
    assert AppService._open_app_process.carsplus_tracked  # type: ignore[attr-defined]


def test_textuals_styles_cache_still_keeps_its_colours_in_an_lru_cache() -> None:
    from textual._styles_cache import StylesCache

    assert hasattr(StylesCache.get_inner_outer, "cache_clear")
    internals.forget_removed_widgets_lines()
    assert StylesCache.get_inner_outer.cache_info().currsize == 0


# Textual 8.2.8's LinuxDriver.run_input_thread, which tui/burst_driver.py repeats with each key stamped with its read:
# a new one must be read again (and the copy brought up to it) before the pin moves.
UPSTREAM_INPUT_LOOP = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"


def test_textuals_input_loop_is_still_the_one_the_burst_driver_repeats() -> None:
    import hashlib

    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == UPSTREAM_INPUT_LOOP, "LinuxDriver.run_input_thread changed"


def test_textuals_terminal_parser_still_reads_keys_and_names_characters() -> None:
    from textual import events

    parser = internals.terminal_parser(False)
    keys = [event.key for event in parser.feed("a.\r\x1bOP") if isinstance(event, events.Key)]
    assert keys == ["a", "full_stop", "enter", "f1"]
    assert issubclass(internals.parse_error(), Exception)
    assert internals.character_key(".") == "full_stop" and internals.character_key("A") == "A"


def test_textuals_web_driver_still_reads_its_pipe_through_the_reader_the_web_burst_driver_counts() -> None:
    """tui/burst_driver.py's WebBurstDriver wraps `WebDriver._input_reader` and stamps what `process_message` posts from
    the input thread: the loop must still take its reads from that reader and post each event that way."""
    from textual.drivers.web_driver import WebDriver

    source = inspect.getsource(WebDriver.run_input_thread)
    assert "input_reader = self._input_reader" in source and "for data in input_reader" in source
    assert source.count("self.process_message(event)") == 2  # the parser's events, and the Esc let go by tick()


def test_textual_still_keeps_a_peeked_message_and_callbacks_where_type_ahead_looks_for_them() -> None:
    """tui/typeahead.py holds keys while a widget has work in hand (`internals.has_work_in_hand`) or the app has a
    message of its own queued (`internals.has_app_work_queued`)."""
    from textual.message_pump import MessagePump

    assert "self._pending_message = message" in inspect.getsource(MessagePump._peek_message)
    from textual.events import Callback
    from textual.messages import InvokeLater
    from textual.screen import Screen

    source = inspect.getsource(MessagePump.call_later) + inspect.getsource(MessagePump.call_after_refresh)
    assert "events.Callback(callback=" in source and "messages.InvokeLater(" in source
    assert "self._next_callbacks.append" in inspect.getsource(MessagePump.call_next)
    assert "self._callbacks.append" in inspect.getsource(Screen._invoke_later)
    assert "_message_queue.values" not in source and hasattr(MessagePump()._message_queue, "values")
    assert Callback(callback=print).callback is print and InvokeLater(print).callback is print
    from textual import events

    key = events.Key("x", "x")
    assert not key.is_forwarded
    key._set_forwarded()
    assert key.is_forwarded  # (what Screen._forward_event marks a key it hands to the focused widget)
    pump = MessagePump()
    assert not internals.has_work_in_hand(pump)
    pump._pending_message = object()  # type: ignore[assignment]
    assert internals.has_work_in_hand(pump)
