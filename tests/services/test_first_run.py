"""The first `carsplus` on a machine: the embedded database is created, migrated and filled with the sample data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from carsplus_tui.db import migrate
from carsplus_tui.db import models as m
from carsplus_tui.services.setup import open_database, prepare_for_app
from carsplus_tui.settings import Settings


def test_first_run_on_the_default_database_loads_the_sample_data(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url="")
    db = open_database(settings)
    try:
        assert prepare_for_app(db, settings) is True
        assert (tmp_path / "data" / "carsplus.db").exists()
        assert migrate.is_up_to_date(db.engine)
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(m.DamageReport)) >= 60
        # the second start finds it ready and loads nothing
        assert prepare_for_app(db, settings) is False
    finally:
        db.dispose()


def test_an_explicit_empty_sqlite_file_is_migrated_but_not_filled(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'mine.db'}")
    db = open_database(settings)
    try:
        assert prepare_for_app(db, settings) is False
        assert migrate.is_up_to_date(db.engine)
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(m.Employee)) == 0
    finally:
        db.dispose()
