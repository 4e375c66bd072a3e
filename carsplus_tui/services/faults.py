"""Faults are messages, never exits: what went wrong with the database (or anything else) in ONE line for the
message line, and the whole story (traceback, with every URL's password masked) in the log file.

The line never carries a traceback, a URL or a password; it says what the agent can do (`F1 AGAIN WHEN IT IS
BACK`). The screens call `fault_line` with the key that will work again once the cause is gone."""

from __future__ import annotations

import logging
import re
import sqlite3

log = logging.getLogger("carsplus")
log.addHandler(logging.NullHandler())  # nothing on stderr until the log file is configured (applog)

# user:password@ in any URL (postgresql+psycopg://user:secret@host/db) -> user:***@
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)(?P<password>[^@\s]+)(?P<tail>@)")
# password=secret in a libpq connection string or a psycopg message
_KEYWORD_PASSWORD = re.compile(r"(?i)(?P<head>password\s*=\s*)(?P<password>'[^']*'|\S+)")

# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html)
_PG_BUSY = {"55P03", "57014", "40001", "40P01"}  # lock_not_available, query_canceled (timeouts), serialization, deadlock
_PG_RANGE = {"22003", "22001", "22008"}  # numeric_value_out_of_range, string_data_right_truncation, datetime overflow
_PG_FULL = {"53100", "53200", "53300"}  # disk_full, out_of_memory, too_many_connections
_PG_READ_ONLY = {"25006"}  # read_only_sql_transaction
_PG_GONE_CLASSES = ("08", "57P")  # connection exceptions; admin shutdown, crash shutdown, cannot connect now


def mask_secrets(text: str) -> str:
    """`text` with the password of every URL (and every `password=`) replaced by ***."""
    text = _URL_PASSWORD.sub(r"\g<head>***\g<tail>", text)
    return _KEYWORD_PASSWORD.sub(r"\g<head>***", text)


def fault_kind(error: BaseException) -> str:
    """One of: gone, busy, full, read-only, range, unexpected."""
    from sqlalchemy import exc as sa_exc  # here: the sign-on screen shows before SQLAlchemy is imported

    if isinstance(error, OverflowError):
        return "range"  # a Python int too large for the driver (SQLite's 64-bit INTEGER)
    if is_driver_error(error):
        # The driver's own error, not wrapped by SQLAlchemy (e.g. psycopg's COPY): sorted as if it were.
        wrapped = sa_exc.DBAPIError.instance(None, None, error, Exception)  # type: ignore[arg-type]
        return fault_kind(wrapped) if isinstance(wrapped, sa_exc.DBAPIError) else "unexpected"
    if isinstance(error, sa_exc.TimeoutError):
        return "busy"  # no connection free in the pool in time
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return "gone"
        original = error.orig
        state = getattr(original, "sqlstate", None)
        if state:
            if state in _PG_BUSY:
                return "busy"
            if state in _PG_RANGE:
                return "range"
            if state in _PG_FULL:
                return "full"
            if state in _PG_READ_ONLY:
                return "read-only"
            if state.startswith(_PG_GONE_CLASSES):
                return "gone"
        text = str(original).lower()
        if isinstance(original, sqlite3.Error) or "sqlite" in type(original).__module__:
            if "locked" in text or "busy" in text:
                return "busy"
            if "full" in text:
                return "full"
            if "readonly" in text or "read-only" in text:
                return "read-only"
            if "too large" in text or "overflow" in text:
                return "range"
            if isinstance(error, sa_exc.OperationalError):
                return "gone"  # unable to open the file, disk I/O error, ...
        if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
            return "gone"  # the server refused or dropped the connection
        if isinstance(error, sa_exc.DataError):
            return "range"
    return "unexpected"


def is_driver_error(error: BaseException) -> bool:
    """A database driver's own exception (psycopg, sqlite3), not wrapped by SQLAlchemy."""
    module = type(error).__module__
    return isinstance(error, sqlite3.Error) or module == "psycopg" or module.startswith("psycopg.")


def fault_line(error: BaseException, again: str = "TRY") -> str:
    """The one line an agent reads for `error`. `again` is the key that works again once the cause is gone (F1,
    ENTER, F3...)."""
    kind = fault_kind(error)
    if kind == "gone":
        return f"DATABASE NOT AVAILABLE - {again} AGAIN WHEN IT IS BACK"
    if kind == "busy":
        return f"DATABASE BUSY - {again} AGAIN IN A MOMENT"
    if kind == "full":
        return f"DATABASE FULL - CALL IT, THEN {again} AGAIN"
    if kind == "read-only":
        return "DATABASE IS READ-ONLY - NOTHING WAS SAVED - CALL IT"
    if kind == "range":
        return "A NUMBER IS TOO LARGE - NOTHING WAS DONE"
    return f"UNEXPECTED ERROR ({type(error).__name__}) - LOGGED - {again} AGAIN OR CALL IT"[:78]


def log_fault(error: BaseException, where: str) -> None:
    """The whole story in the log file (a database that is merely away gets one line, anything else a traceback)."""
    kind = fault_kind(error)
    summary = mask_secrets(f"{where}: {type(error).__name__}: {error}".splitlines()[0])
    if kind == "unexpected":
        log.error(summary, exc_info=error)
    else:
        log.warning("%s (%s)", summary, kind)
