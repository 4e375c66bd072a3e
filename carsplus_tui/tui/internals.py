"""Every private Textual / textual-serve internal the product leans on, in one place.

Both packages are pinned exactly in pyproject.toml; `tests/tui/test_internals.py` is the canary: it fails loudly,
naming the internal, when an upgrade moves or changes one of these."""

from __future__ import annotations

from abc import ABCMeta
from typing import Any

from textual.message_pump import _MessagePumpMeta

# textual-serve Server members our subclass (tui/serve.py) overrides or calls.
SERVE_MEMBERS = ("_make_app", "handle_index", "handle_websocket", "on_shutdown", "on_startup", "initialize_logging",
                 "request_exit", "public_url", "console", "host", "port", "title", "debug")


def textual_key_table() -> dict[str, Any]:
    """Textual's table of escape sequences -> key names (`textual._ansi_sequences.ANSI_SEQUENCES_KEYS`)."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    return ANSI_SEQUENCES_KEYS  # type: ignore[return-value]


def character_key(character: str) -> str:
    """The key name Textual gives a printable character (`textual.keys._character_to_key`: "a", "A", "full_stop")."""
    from textual.keys import _character_to_key

    return _character_to_key(character)


def terminal_parser(debug: bool) -> Any:  # noqa: ANN401 - an XTermParser
    """Textual's parser of terminal input (`textual._xterm_parser.XTermParser`): `feed(text)` and `tick()` yield the
    events (keys, mouse, paste) the text stands for. tui/burst_driver.py reads the terminal with it, as Textual's
    LinuxDriver does."""
    from textual._xterm_parser import XTermParser

    return XTermParser(debug)


def parse_error() -> type[Exception]:
    """What the parser raises on input it cannot read at the end (`textual._parser.ParseError`)."""
    from textual._parser import ParseError

    return ParseError


def has_work_in_hand(node: Any) -> bool:  # noqa: ANN401 - a Textual MessagePump
    """Whether `node` has work outside its queue: the next message, which Textual's loop takes out of the queue to
    see whether it combines with the one being handled (`MessagePump._peek_message` keeps it in `_pending_message`,
    so `message_queue_size` does not count it); callbacks to run once its queue is empty (`_next_callbacks`); and on
    a screen, `call_after_refresh`'s callbacks waiting for the next repaint (`Screen._callbacks`)."""
    return node._pending_message is not None or bool(node._next_callbacks) or bool(getattr(node, "_callbacks", None))


def has_app_work_queued(app: Any, besides: Any) -> bool:  # noqa: ANN401 - a Textual App, a callable
    """Whether the app's queue (or the message it has in hand) holds work other than input still to come and the
    callback `besides`: a key on its way back up from the focused field (the app runs the key's binding then: Enter
    submits), a `call_later` (`Widget.focus` moves the cursor that way), a `call_after_refresh` (handed on to the
    screen), a message bubbling up. Input events that came from the terminal and were not yet handled do not
    count: they are the keys typed ahead."""
    from textual.events import Callback, InputEvent

    def work(message: object) -> bool:
        if message is None or (isinstance(message, InputEvent) and not message.is_forwarded):
            return False
        return not (isinstance(message, Callback) and getattr(message.callback, "func", None) == besides)

    return work(app._pending_message) or any(work(message) for message in app._message_queue.values)


def make_serve_app(server: Any) -> Any:  # noqa: ANN401
    """textual-serve's aiohttp application for `server` (`Server._make_app`)."""
    return server._make_app()


def track_app_processes(processes: Any) -> None:  # noqa: ANN401 - a weakref.WeakSet
    """Add every app process textual-serve starts (`AppService._open_app_process`) to `processes`, so stopping the
    server can end a session whose app does not quit when asked (textual-serve would wait for it for ever)."""
    from textual_serve.app_service import AppService

    original = AppService._open_app_process
    if getattr(original, "carsplus_tracked", False):
        return

    async def opened(self: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        process = await original(self, *args, **kwargs)
        processes.add(process)
        return process

    opened.carsplus_tracked = True  # type: ignore[attr-defined]
    AppService._open_app_process = opened  # type: ignore[method-assign]


def forget_removed_widgets_lines() -> None:
    """Empty Textual's `StylesCache.get_inner_outer` (an `lru_cache(1024)` on a method): its keys hold the styles
    cache, with every line it drew, of the last 1,024 widgets, removed ones included. Refilled on the next draw."""
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def replace_exit_output(app: Any, line: str) -> None:  # noqa: ANN401
    """After an unexpected exception: what Textual prints when the app ends (`App._exit_renderables`, a traceback
    with its local variables, which can hold a database URL) becomes one line. The traceback is in the log file."""
    app._exit_renderables.clear()
    app._exit_renderables.append(line)


# Textual's metaclass (`textual.message_pump._MessagePumpMeta`) joined with abc's, so a screen base class can declare
# the hooks its subclasses must write as `@abstractmethod`: Python then refuses to build a screen that lacks one
# (a plain `abc.ABC` base clashes with Textual's metaclass).
class AbstractScreenMeta(_MessagePumpMeta, ABCMeta):
    """The metaclass of a Textual class with abstract methods (`class X(Screen[None], metaclass=AbstractScreenMeta)`)."""
