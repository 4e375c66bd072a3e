"""Migrations: upgrade head → downgrade base → upgrade head, and no drift between the models and the migrations
(pytest-alembic's built-in tests), on SQLite and on PostgreSQL. Plus the hand-written DDL autogenerate cannot see."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_alembic.tests import (  # noqa: F401  (collected as tests)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine, inspect, text

from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database, make_engine


@pytest.fixture
def alembic_config():
    return migrate.alembic_config()


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def _triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            rows = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        else:
            rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        return {row[0] for row in rows}


def test_append_only_triggers_exist_after_upgrade_and_go_after_downgrade(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        migrate.upgrade(database.engine)
        triggers = _triggers(database.engine)
        assert any(name.startswith("notes_") for name in triggers)
        assert any(name.startswith("audit_entries_") for name in triggers)
        migrate.downgrade(database.engine, "base")
        assert _triggers(database.engine) == set()
        assert inspect(database.engine).get_table_names() == ["alembic_version"]
    finally:
        database.dispose()


def test_report_counter_row_is_created_at_zero_and_removed_on_downgrade(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        migrate.upgrade(database.engine)
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT id, last_number FROM report_counter")).all() == [(1, 0)]
        migrate.downgrade(database.engine, "base")
        assert "report_counter" not in inspect(database.engine).get_table_names()
        migrate.upgrade(database.engine)
        assert migrate.is_up_to_date(database.engine)
    finally:
        database.dispose()


def test_the_cheap_head_constant_is_the_real_head() -> None:
    """Starting the app compares the database with migrate.HEAD; a new migration must move it."""
    assert migrate.HEAD == migrate.head_revision()
