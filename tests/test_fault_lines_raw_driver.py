"""A database driver's own error that SQLAlchemy did not wrap (psycopg's COPY in `sample generate`, a bare sqlite3
call) is sorted like a wrapped one: the agent's line names the fault, not "unexpected error"."""

from __future__ import annotations

import sqlite3

import pytest
from psycopg import errors

from carsplus_tui.services.faults import fault_line


@pytest.mark.parametrize(("error", "line"), [
    (errors.ReadOnlySqlTransaction("cannot execute COPY FROM in a read-only transaction"),
     "DATABASE IS READ-ONLY - NOTHING WAS SAVED - CALL IT"),
    (errors.NumericValueOutOfRange("integer out of range"), "A NUMBER IS TOO LARGE - NOTHING WAS DONE"),
    (errors.LockNotAvailable("canceling statement due to lock timeout"), "DATABASE BUSY - F1 AGAIN IN A MOMENT"),
    (sqlite3.OperationalError("database is locked"), "DATABASE BUSY - F1 AGAIN IN A MOMENT"),
    (ValueError("not a database error"), "UNEXPECTED ERROR (ValueError) - LOGGED - F1 AGAIN OR CALL IT"),
])
def test_a_raw_driver_error_gets_the_line_of_its_kind(error: BaseException, line: str) -> None:
    assert fault_line(error, "F1") == line
