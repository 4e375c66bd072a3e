"""Run Alembic from code, so `carsplus db upgrade` works from any directory and inside a plain wheel install."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from carsplus_tui.resources import resource_path

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration's revision. Starting the app only compares this with the database (one query) instead of
# loading Alembic and every migration script; tests/db/test_migrations.py checks it is the real head.
HEAD = "0004"


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
        config.attributes["connection"] = connection
        action(config)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _with_connection(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _with_connection(engine, lambda config: command.downgrade(config, revision))


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


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == HEAD
