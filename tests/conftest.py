"""Shared fixtures: a fresh, migrated database per test, on SQLite or on the PostgreSQL server named by
CARSPLUS_TEST_DATABASE_URL (which `.ci/run` starts). The same tests run on both."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database

PG_URL = os.environ.get("CARSPLUS_TEST_DATABASE_URL", "")
BACKEND = "postgresql" if PG_URL else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    return f"carsplus test database: {BACKEND} {make_url(PG_URL).render_as_string() if PG_URL else '(temporary files)'}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A run that collected no test must fail, never pass quietly (pytest's exit code 5 is not success here).
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


class DatabaseFactory:
    """Makes fresh databases quickly: SQLite by copying a migrated file, PostgreSQL with CREATE DATABASE … TEMPLATE."""

    _counter = itertools.count()

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._templates: dict[str, str] = {}
        self._created: list[str] = []
        if PG_URL:
            self._admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")

    # -- templates ---------------------------------------------------------------------------------------------
    def template(self, name: str, build) -> str:  # noqa: ANN001
        """A migrated database called `name`, built once per session by `build(Database)`; returns its URL."""
        if name not in self._templates:
            url = self._new_url(f"tpl_{name}")
            database = Database(url)
            try:
                migrate.upgrade(database.engine)
                build(database)
            finally:
                database.dispose()
            self._templates[name] = url
        return self._templates[name]

    def fresh(self, template: str | None = None) -> Database:
        """A new database, a copy of `template` (a URL from `template()`), or migrated to head when None."""
        if template is None:
            template = self.template("empty", lambda _db: None)
        url = self._new_url(f"t{next(self._counter)}", copy_of=template)
        return Database(url)

    # -- backends ----------------------------------------------------------------------------------------------
    def _new_url(self, name: str, copy_of: str | None = None) -> str:
        if PG_URL:
            dbname = f"carsplus_{os.getpid()}_{name}"
            with self._admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
                if copy_of:
                    conn.execute(text(f'CREATE DATABASE "{dbname}" TEMPLATE "{make_url(copy_of).database}"'))
                else:
                    conn.execute(text(f'CREATE DATABASE "{dbname}"'))
            self._created.append(dbname)
            return make_url(PG_URL).set(database=dbname).render_as_string(hide_password=False)
        path = self.workdir / f"{name}.db"
        if copy_of:
            shutil.copyfile(make_url(copy_of).database, path)
        return f"sqlite:///{path}"

    def drop(self, database: Database) -> None:
        database.dispose()
        if PG_URL:
            with self._admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database.engine.url.database}" WITH (FORCE)'))

    def close(self) -> None:
        if PG_URL:
            with self._admin.connect() as conn:
                for dbname in self._created:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
            self._admin.dispose()


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"))
    yield factory
    factory.close()


@pytest.fixture
def db(database_factory: DatabaseFactory) -> Iterator[Database]:
    """An empty database migrated to head (reference data not loaded)."""
    database = database_factory.fresh()
    yield database
    database_factory.drop(database)


def _load_sample(database: Database) -> None:
    from carsplus_tui.services.sample import load_sample_data

    load_sample_data(database)


@pytest.fixture
def sample_db(database_factory: DatabaseFactory) -> Iterator[Database]:
    """A database holding the shipped sample data (`carsplus sample load`)."""
    database = database_factory.fresh(database_factory.template("sample", _load_sample))
    yield database
    database_factory.drop(database)


@pytest.fixture
def empty_database_url(database_factory: DatabaseFactory) -> Iterator[str]:
    """The URL of a brand-new database with no tables at all (for migration and first-run tests)."""
    url = database_factory._new_url(f"raw{next(DatabaseFactory._counter)}")
    yield url
    database_factory.drop(Database(url))
