"""Every SQL statement a database runs while a block runs, whichever way it is sent: through SQLAlchemy (the
engine's `before_cursor_execute`) or straight to the driver (`Database.fetch_driver_rows`, the search pages), and
how many rows the driver handed back for the latter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from carsplus_tui.db.database import Database


@dataclass
class SqlLog:
    statements: list[str] = field(default_factory=list)
    driver_rows: list[int] = field(default_factory=list)  # rows fetched per driver-level statement

    @property
    def selects(self) -> list[str]:
        return [s for s in self.statements if s.lstrip().upper().startswith("SELECT")]


@contextmanager
def recording(db: Database) -> Iterator[SqlLog]:
    log = SqlLog()
    real = db.fetch_driver_rows

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:  # noqa: ANN401
        log.statements.append(statement)

    def fetch_driver_rows(sql: str, parameters: Any) -> list[tuple[Any, ...]]:  # noqa: ANN401
        log.statements.append(sql)
        rows = real(sql, parameters)
        log.driver_rows.append(len(rows))
        return rows

    event.listen(db.engine, "before_cursor_execute", seen)
    db.fetch_driver_rows = fetch_driver_rows  # type: ignore[method-assign]
    try:
        yield log
    finally:
        del db.fetch_driver_rows  # the class's method again
        event.remove(db.engine, "before_cursor_execute", seen)
