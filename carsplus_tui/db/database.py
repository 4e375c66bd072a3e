"""Engine and transaction set-up for SQLite (the embedded default) and PostgreSQL (many terminals).

Only db/ and services/ open sessions; the UI asks services, which use `Database.read()` / `Database.write()`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

# A write on SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE) so two terminals never deadlock upgrading a
# read lock; reads keep the default deferred BEGIN so they never wait for a writer (WAL).
_WRITE_OPTION = "carsplus_write"
# A lone SELECT needs no transaction of its own on SQLite (it reads one consistent snapshot anyway): skipping
# BEGIN/ROLLBACK saves two round trips on every search page.
_SINGLE_OPTION = "carsplus_single_statement"
SQLITE_SYNCHRONOUS = "FULL"
# How long a call waits for a lock another terminal holds before it fails (and the agent gets a message): a few
# seconds, not a frozen screen. PostgreSQL also ends any one statement after STATEMENT_TIMEOUT_S, and gives up
# connecting after CONNECT_TIMEOUT_S. Settings (CARSPLUS_DB_LOCK_TIMEOUT, ...) override the first two for the app.
LOCK_TIMEOUT_S = 5.0
STATEMENT_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 5


def _install_sqlite_pragmas(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (SQLAlchemy's documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "memory":
            cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a save the agent was told is saved survives a power cut (NORMAL in WAL mode may roll the last
        # commits back, and their report numbers would be given out again). README: its cost per save.
        cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        options = conn.get_execution_options()
        if options.get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif not options.get(_SINGLE_OPTION):
            conn.exec_driver_sql("BEGIN")


def make_engine(url: str, *, echo: bool = False, lock_timeout_s: float = LOCK_TIMEOUT_S,
                statement_timeout_s: float = STATEMENT_TIMEOUT_S, **server_options: Any) -> Engine:  # noqa: ANN401
    """An engine for `url` with the project's settings (WAL, foreign keys and BEGIN IMMEDIATE on SQLite; lock and
    statement time-outs on PostgreSQL). A pooled connection is checked before use (`pool_pre_ping`), so the first
    call after a database restart reconnects instead of failing. `server_options` (a server database only) are
    create_engine's and replace those."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": lock_timeout_s})
        _install_sqlite_pragmas(engine, lock_timeout_s)
        return engine
    connect_args: dict = {}
    if parsed.get_backend_name() == "postgresql":
        options = f"-c lock_timeout={int(lock_timeout_s * 1000)} -c statement_timeout={int(statement_timeout_s * 1000)}"
        connect_args = {"options": options, "connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(url, **{"echo": echo, "pool_pre_ping": True, "connect_args": connect_args, **server_options})


class Database:
    """One database: the engine and the two kinds of unit of work the services use."""

    def __init__(self, url: str, *, echo: bool = False, lock_timeout_s: float = LOCK_TIMEOUT_S,
                 statement_timeout_s: float = STATEMENT_TIMEOUT_S) -> None:
        # The URL object (not the text): its repr masks the password, so no traceback or log can show it.
        self.url = make_url(url)
        self.engine = make_engine(url, echo=echo, lock_timeout_s=lock_timeout_s,
                                  statement_timeout_s=statement_timeout_s)
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            bind=self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        # Search pages (fetch_driver_rows) on a server: a pool of their own, in autocommit and not pinged before
        # use. The ping (a SELECT 1) and BEGIN/ROLLBACK were each a round trip to the server, and on a busy machine
        # each round trip waits for the server's process to be scheduled: one lone SELECT per page, as the raw
        # driver would send it (benchmarks/search.py). A connection the server dropped fails its page once; that
        # pool is then emptied and the page read again on a new connection.
        self._page_engine = self.engine
        if self.dialect == "postgresql":
            self._page_engine = make_engine(url, echo=echo, lock_timeout_s=lock_timeout_s,
                                            statement_timeout_s=statement_timeout_s, pool_pre_ping=False,
                                            isolation_level="AUTOCOMMIT")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking things up; nothing it does is committed (closing it rolls back, and the objects
        it loaded stay readable afterwards)."""
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back whole if anything in it fails."""
        with self._write_sessions() as session, session.begin():
            yield session

    def fetch_all(self, statement, parameters: dict | None = None) -> list:  # noqa: ANN001
        """Run one SELECT and return its rows: the lightest read there is (no Session; on SQLite no BEGIN)."""
        with self.engine.connect().execution_options(**{_SINGLE_OPTION: True}) as connection:
            return list(connection.execute(statement, parameters or {}).all())

    def fetch_driver_rows(self, sql: str, parameters: tuple | dict) -> Sequence[tuple[Any, ...]]:
        """Run one SELECT that is already compiled for this engine's dialect (SQL text and driver parameters) on a
        pooled DBAPI connection and return the driver's plain tuples: for the hottest reads (F6 search pages),
        where SQLAlchemy's per-execution work costs more than the database's answer. Errors come back as
        SQLAlchemy's (OperationalError, ...), and a connection the database dropped is discarded, as
        `Connection.execute` would do. The lone SELECT runs without a transaction: on SQLite without BEGIN, like
        `fetch_all`; on PostgreSQL in autocommit (the page pool above). One statement reads one consistent snapshot
        either way."""
        try:
            return self._fetch_driver_rows(sql, parameters)
        except DBAPIError as exc:
            if not exc.connection_invalidated or self._page_engine is self.engine:
                raise  # (the main pool pings before use: its connections were alive)
            self._page_engine.dispose()  # the server restarted: its other connections are gone too
            return self._fetch_driver_rows(sql, parameters)

    def _fetch_driver_rows(self, sql: str, parameters: tuple | dict) -> Sequence[tuple[Any, ...]]:
        connection = self._page_engine.raw_connection()  # the pool's checkin rolls back whatever a driver began
        cursor = None
        try:
            cursor = connection.cursor()
            cursor.execute(sql, parameters)
            return cursor.fetchall()
        except Exception as exc:
            dialect = self._page_engine.dialect
            if not isinstance(exc, dialect.loaded_dbapi.Error):
                raise
            lost = dialect.is_disconnect(exc, connection.dbapi_connection, cursor)
            if lost:
                connection.invalidate(exc)
            raise DBAPIError.instance(
                sql, parameters, exc, dialect.loaded_dbapi.Error, connection_invalidated=lost, dialect=dialect
            ) from exc
        finally:
            if cursor is not None:
                cursor.close()
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._page_engine is not self.engine:
            self._page_engine.dispose()
