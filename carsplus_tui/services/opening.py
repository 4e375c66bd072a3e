"""The database a terminal opens behind its sign-on screen (the app starts before SQLAlchemy is even imported).

One worker prepares it (opens, checks the schema, migrates the embedded database, loads the sample data on the very
first run) while the agent types the sign-on; the sign-on's own workers wait for it, and after a failure try again.
`DatabaseOpening` is thread-safe (an event and a lock) and is handed to those workers as an argument: besides the
open `Database` (a Session per call), it is the only shared thing a UI worker touches.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database
    from carsplus_tui.settings import Settings


class DatabaseOpening:
    """`db` is None until opened (unless given); `problem` is the message line's text of the last failure, `fatal`
    the one line the app ends with when it can never start (a database a newer program migrated)."""

    def __init__(self, db: Database | None, settings: Settings | None = None) -> None:
        self.db = db
        self.owned = db is None  # opened here: disposed of by the app at its end
        self.settings = settings
        self.problem: str | None = None
        self.fatal: str | None = None
        self.ready = threading.Event()
        self._lock = threading.Lock()

    def _settings(self) -> Settings:
        from carsplus_tui.settings import get_settings

        return self.settings or get_settings()

    def _open(self) -> None:
        """Under the lock: open (once), check and prepare; raises what failed."""
        from carsplus_tui.services.setup import check_for_app, open_database, prepare_for_app

        settings = self._settings()
        if self.db is None:
            self.db = open_database(settings)
            self.owned = True
        check_for_app(self.db)
        prepare_for_app(self.db, settings)
        self.problem = None

    def prepare(self) -> bool:
        """Worker thread, at start-up. False when the app cannot start at all (`fatal` says why); any other
        failure is logged and kept as `problem` for the sign-on screen (its Enter tries again)."""
        from carsplus_tui.applog import configure_logging
        from carsplus_tui.services.faults import fault_line, log_fault
        from carsplus_tui.services.setup import DatabaseNotReadyError

        configure_logging(self._settings())
        try:
            with self._lock:
                self._open()
        except DatabaseNotReadyError as exc:
            self.fatal = str(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - shown on the sign-on screen's message line, tried again there
            log_fault(exc, "prepare_database")
            self.problem = fault_line(exc, "ENTER")
        finally:
            self.ready.set()
        return True

    def wait(self) -> Database | None:
        """Worker thread: the database once the start-up has prepared it (None when that failed)."""
        self.ready.wait()
        return None if self.problem else self.db

    def again(self) -> Database:
        """Worker thread, after the start-up failed: prepare it again (raises what still fails)."""
        self.ready.wait()
        with self._lock:
            if self.problem:
                self._open()
            if self.db is None:
                raise RuntimeError("the database is not open yet")
            return self.db


__all__ = ["DatabaseOpening"]
