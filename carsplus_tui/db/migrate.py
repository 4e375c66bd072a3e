"""Run Alembic from code, so `carsplus db upgrade` works from any directory and inside a plain wheel install."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, Engine, String, Text, column, func, inspect, select, text
from sqlalchemy import table as table_clause

from carsplus_tui.resources import resource_path

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration's revision. Starting the app only compares this with the database (one query) instead of
# loading Alembic and every migration script; tests/db/test_migrations.py checks it is the real head.
HEAD = "0014"


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resource_path("migrations")))
    if url:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _with_connection(engine: Engine, action) -> None:  # noqa: ANN001
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # A migration that fills a new column of every report (0009 at a million reports) runs longer than a
            # terminal's statement time-out (database.STATEMENT_TIMEOUT_S): it is not a terminal's call.
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        config.attributes["connection"] = connection
        action(config)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _with_connection(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _with_connection(engine, lambda config: command.downgrade(config, revision))


def downgrade_losses(engine: Engine, revision: str) -> list[str]:
    """What a downgrade to `revision` would remove or cut short, measured by doing it in a transaction that is then
    rolled back (both databases change their schema transactionally): tables dropped with their rows, columns dropped
    with their values, rows deleted, text shortened. Empty when nothing that holds data would go."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            before = _measure(connection)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            after = _measure(connection)
        finally:
            transaction.rollback()
    return _losses(before, after)


# Rows the migrations themselves put there, which hold nothing anyone entered.
_NOT_DATA = {"report_counter": "last_number = 0", "work_order_counter": "last_number = 0"}


def _measure(connection: Connection) -> dict[str, tuple[int, dict[str, tuple[int, int]]]]:
    """Per table: its rows, and per column its values (not NULL) and their total length (text columns)."""
    found: dict[str, tuple[int, dict[str, tuple[int, int]]]] = {}
    inspector = inspect(connection)
    for name in inspector.get_table_names():
        if name == "alembic_version":
            continue
        columns = inspector.get_columns(name)
        table = table_clause(name, *(column(c["name"]) for c in columns))
        measures: list[ColumnElement[int]] = [func.count()]
        for c in columns:
            measures.append(func.count(table.c[c["name"]]))
            textual = isinstance(c["type"], (String, Text))
            measures.append(func.coalesce(func.sum(func.length(table.c[c["name"]])), 0) if textual else func.count())
        query = select(*measures).select_from(table)
        if name in _NOT_DATA:
            query = query.where(text(f"NOT ({_NOT_DATA[name]})"))
        row = connection.execute(query).one()
        values = {c["name"]: (int(row[1 + 2 * i]), int(row[2 + 2 * i])) for i, c in enumerate(columns)}
        found[name] = (int(row[0]), values)
    return found


def _losses(before: dict, after: dict) -> list[str]:
    losses = []
    for name, (rows, columns) in sorted(before.items()):
        if name not in after:
            if rows:
                losses.append(f"drops table {name} with {rows:,} row{'s' if rows != 1 else ''}")
            continue
        rows_after, columns_after = after[name]
        if rows_after < rows:
            losses.append(f"deletes {rows - rows_after:,} of the {rows:,} rows of {name}")
        for field, (count, length) in sorted(columns.items()):
            if field not in columns_after:
                if count:
                    losses.append(f"drops column {name}.{field} with {count:,} value{'s' if count != 1 else ''}")
                continue
            count_after, length_after = columns_after[field]
            if rows_after == rows and count_after < count:
                losses.append(f"empties {count - count_after:,} values of {name}.{field}")
            elif rows_after == rows and length_after < length:
                losses.append(f"shortens text in {name}.{field}: {length - length_after:,} characters cut")
    return losses


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None when it was never migrated), read with one query."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str | None:
    """The newest revision among the migration scripts (loads them; HEAD is the cheap copy)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_newer_than_program(revision: str | None) -> bool:
    """A revision this program does not know and that sorts after its HEAD (revisions are numbered 0001, 0002...)."""
    return revision is not None and revision.isdigit() and int(revision) > int(HEAD)


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == HEAD
