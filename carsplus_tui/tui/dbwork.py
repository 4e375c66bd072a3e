"""One way for the UI to do database work, and one place where a failed call becomes a message.

`@db_work(group=..., again="F1")` runs the method in a thread worker that never takes the app down
(`exit_on_error=False`). The method gets every input as an argument (never reads the screen from its thread) and
returns its answer: a small typed result (a NamedTuple or dataclass of its parts, or the service's own refusal
exception when a rule says no), which comes to the node that started the work, on the UI thread, as a
`DatabaseDone` message. The screen takes every answer in one `on_database_done` that matches on the result's type:

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case RowsRead(rows, note):
                self.list_read(rows, note)
            case MaintenanceError() as refusal:
                self.refused(refusal)

(Textual calls `on_database_done` of every class in the screen's MRO, so a base class and its screen each match
their own result types; neither calls `super()`.) When the method raises — the database is down, locked, full,
slow, or a value is out of range — `DatabaseWork` (a mixin of every screen, pop-up and the app) logs the error
(traceback and all, the password masked) and posts a typed `DatabaseFailed` message to the node that started the
work; its default handler puts ONE line on the message line (`DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK`).
Nothing typed is lost: the screen is left as it was, so the same key works again once the database is back.

In its thread a method uses only its arguments and these thread-safe handles: the database (`self.db`,
`self.open_db`, `host(self).db`, `host(self).open_db`: one `Database`, a Session per call), `self.post_message`,
`self.app.call_from_thread`, and the class's constants (`self.TABLE`). Everything else it needs of the screen — a
field's value, the report (a copy, or the editor's frozen `worker_side`), the vehicle's model, the DMS connector,
the settings — is captured on the UI thread where the work starts and handed over as an argument, so typing on while
the worker runs cannot change what it works on. tests/test_db_work_everywhere.py reads every worker (and the methods
and properties of its own it calls) and fails on anything else.

`call_from_thread` is left only for progress shown while a worker runs (SEARCHING THE DMS ..., each receipt of an
export as it goes), never for an answer; tests/test_db_work_everywhere.py names each place.

A screen that must do more on failure (undo a "SAVING ..." state, go back to a field) handles `DatabaseFailed`
itself and looks at `event.group`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState

from carsplus_tui.services.faults import fault_line, log_fault

F = TypeVar("F", bound=Callable[..., Any])

# The key that works again after a failure, per running worker (filled on the UI thread when the worker starts,
# read there when its failure arrives, so no lock is needed).
_AGAIN: weakref.WeakKeyDictionary[Worker, str] = weakref.WeakKeyDictionary()


class DatabaseFailed(Message, bubble=False):
    """A database call started with `db_work` failed. `line` is what the agent reads; `group` is the worker's group
    (e.g. "save"), `error` the exception (already logged). Posted to the node that started the work; it does not
    bubble (the app would say the line a second time)."""

    def __init__(self, group: str, line: str, error: BaseException) -> None:
        super().__init__()
        self.group = group
        self.line = line
        self.error = error


class DatabaseDone(Message, bubble=False):
    """A database call started with `db_work` returned: `result` is what the method returned, `group` the
    worker's group. Posted to the node that started the work, handled on the UI thread by the node's
    `on_database_done` (matching on the result's type); it does not bubble (a screen's answers are not the app's)."""

    def __init__(self, group: str, result: Any) -> None:  # noqa: ANN401
        super().__init__()
        self.group = group
        self.result = result


def db_work(*, group: str, again: str = "TRY", exclusive: bool = True) -> Callable[[F], F]:
    """Run the decorated method in a thread worker of `group` that reports failure as `DatabaseFailed` instead of
    ending the app. `again` names the key that repeats the action (F1, ENTER, F3...) for the message."""

    def decorator(method: F) -> F:
        @wraps(method)
        def answer(self: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            result = method(self, *args, **kwargs)
            # Posted from the thread as it returns, not on the worker's SUCCESS:
            # a worker an exclusive group cancels keeps running in its thread, and what it read is still delivered.
            self.post_message(DatabaseDone(group, result))
            return result

        threaded = work(answer, thread=True, exit_on_error=False, group=group, exclusive=exclusive)

        @wraps(method)
        def start(self: Any, *args: Any, **kwargs: Any) -> Worker:  # noqa: ANN401
            worker = threaded(self, *args, **kwargs)
            _AGAIN[worker] = again
            return worker

        return start  # type: ignore[return-value]

    return decorator


def failure_line(worker: Worker) -> str | None:
    """The message line's text for a worker started by `db_work` that failed (None for any other worker)."""
    if worker.state != WorkerState.ERROR or worker not in _AGAIN or worker.error is None:
        return None
    return fault_line(worker.error, _AGAIN[worker])


class DatabaseWork:
    """Mixed into every screen, pop-up and the app: failed `db_work` becomes a `DatabaseFailed` message to this node,
    shown on its message line unless the node handles the message itself."""

    # By name, not @on: Textual collects @on handlers only from classes it builds, and this is a plain mixin.
    # Textual calls the handler of every class in the MRO, so a screen's own on_worker_state_changed runs too.
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        line = failure_line(event.worker)
        if line is None or event.worker.error is None or getattr(event, "reported", False):
            return
        # The event bubbles on (a screen's worker's to the app, itself a DatabaseWork): one line, not two - a second
        # would say the failure again without the keys it dropped.
        event.reported = True  # type: ignore[attr-defined]
        error = event.worker.error
        log_fault(error, f"{type(self).__name__}.{event.worker.name}")
        self.post_message(DatabaseFailed(event.worker.group, line, error))  # type: ignore[attr-defined]

    def on_database_failed(self, event: DatabaseFailed) -> None:
        from carsplus_tui.tui.typeahead import BACKGROUND_GROUPS

        # A key's work failed: like any refusal, the keys typed ahead of it are dropped (they were meant for the
        # field or screen it would have led to). Work beside the typing (a draft, printing) drops nothing.
        said = show_line(self, event.line, refusal=event.group not in BACKGROUND_GROUPS)
        top = self.app.screen  # type: ignore[attr-defined]
        if top is not self and self is not self.app:  # type: ignore[attr-defined]
            show_line(top, said)  # a pop-up (or another screen) is over the one whose work failed: said there too


def show_line(node: Any, text: str, *, refusal: bool = False) -> str:  # noqa: ANN401
    """`text` on the message line of `node` (a screen), or of the screen on top when `node` is the app; a
    `refusal` drops the keys typed ahead, with a word (widgets/field.py `say_refusal`). Returns what was said."""
    from textual.app import App

    from carsplus_tui.tui.widgets.field import MessageLine, say_refusal

    screen = node.screen if isinstance(node, App) else node
    say = getattr(screen, "message", None)
    if not callable(say):
        found = screen.query(MessageLine)
        say = found.last().say if found else (lambda _text: None)
    if refusal:
        return say_refusal(screen, text, say)
    say(text)
    return text
