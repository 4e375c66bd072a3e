"""Opening the database the way each kind of user expects.

A counter on the embedded SQLite file: the first run creates, migrates and fills it with the sample data, so a new
user sees real records at once. A shared PostgreSQL server: IT migrates it on purpose (`carsplus db upgrade`),
so the app refuses to start on an out-of-date schema rather than migrating a server behind IT's back.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from carsplus_tui import files

from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database
from carsplus_tui.settings import Settings


class DatabaseNotReadyError(RuntimeError):
    """A shared database the app may not migrate itself is not at the schema this version needs."""


def open_database(settings: Settings) -> Database:
    url = settings.resolved_database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        # Claims and password hashes: the file (and so its -wal and -shm) readable by the owner (and group) only.
        files.private_sqlite_file(Path(parsed.database).expanduser())
    return Database(url, lock_timeout_s=settings.db_lock_timeout, statement_timeout_s=settings.db_statement_timeout)


def is_empty(db: Database) -> bool:
    return not inspect(db.engine).get_table_names()


def check_for_app(db: Database) -> None:
    """Cheap check before the app starts: a shared server must already be at this program's schema, and no database
    may be at a newer one (a newer program migrated it: this one would misread it, and cannot migrate it back)."""
    current = migrate.current_revision(db.engine)
    if migrate.is_newer_than_program(current):
        raise DatabaseNotReadyError(
            f"the database is at schema {current}, newer than this program's {migrate.HEAD}: "
            "run the newer carsplus that upgraded it"
        )
    if db.dialect != "sqlite" and current != migrate.HEAD:
        raise DatabaseNotReadyError(
            f"the database is at schema {current or 'none'}, "
            f"this program needs {migrate.HEAD}: run `carsplus db upgrade`"
        )


def prepare_for_app(db: Database, settings: Settings) -> bool:
    """Make the database ready for the terminal app. Returns True when it loaded the sample data (first run)."""
    if db.dialect == "sqlite":
        if migrate.is_up_to_date(db.engine):
            return False
        check_for_app(db)  # an embedded file a newer program migrated is refused, not "upgraded"
        first_run = is_empty(db)
        migrate.upgrade(db.engine)
        if first_run and settings.uses_default_database:
            from carsplus_tui.services.sample import load_sample_data

            load_sample_data(db)
            return True
        return False
    check_for_app(db)
    return False
