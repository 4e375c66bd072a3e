"""`carsplus db backup FILE` and `carsplus db restore FILE`: backup -> restore onto an empty database -> every audit
trail verified -> `report show` the same for every report. On both databases (SQLite's online backup API; pg_dump
and pg_restore on PostgreSQL). And the refusals: an existing file, a database that is not empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    def invoke(url: str, *args: str):  # noqa: ANN202
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", url)
        monkeypatch.setenv("CARSPLUS_EMPLOYEE", "DEMO")  # `report show` and `report history` sign on
        monkeypatch.setenv("CARSPLUS_PASSWORD", "demo")
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def restore_url(sample_db: Database, empty_database_url: str, tmp_path: Path) -> str:
    """A new, empty database of the same kind as sample_db."""
    if sample_db.dialect == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return empty_database_url


def test_backup_restore_verify_and_every_report_the_same(run, sample_db: Database, restore_url: str,  # noqa: ANN001
                                                         tmp_path: Path) -> None:
    source = url_of(sample_db)
    file = tmp_path / "carsplus.backup"
    made = run(source, "db", "backup", str(file))
    assert made.exit_code == 0, made.output
    assert str(file) in made.output and file.stat().st_size > 0
    if sample_db.dialect == "postgresql":
        assert "running: pg_dump --format=custom" in made.output

    restored = run(restore_url, "db", "restore", str(file))
    assert restored.exit_code == 0, restored.output
    assert "audit verify: 72 reports checked, every audit trail verified" in restored.output

    with sample_db.read() as session:
        numbers = list(session.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)))
    assert len(numbers) == 72
    for number in numbers:
        before = run(source, "report", "show", str(number))
        after = run(restore_url, "report", "show", str(number))
        assert after.exit_code == 0 and json.loads(after.output) == json.loads(before.output)
    history = run(restore_url, "report", "history", "1")
    assert history.output.strip().endswith("AUDIT TRAIL VERIFIED")
    # the restored database is a working one: the append-only triggers came back too
    assert run(restore_url, "audit", "verify", "--all").exit_code == 0
    restored_db = Database(restore_url)
    try:
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError

        with pytest.raises(DatabaseError, match="append-only"), restored_db.engine.begin() as conn:
            conn.execute(text("DELETE FROM notes"))
    finally:
        restored_db.dispose()


def test_backup_never_overwrites_and_restore_needs_an_empty_database(run, sample_db: Database,  # noqa: ANN001
                                                                    tmp_path: Path) -> None:
    file = tmp_path / "exists.backup"
    file.write_text("precious")
    refused = run(url_of(sample_db), "db", "backup", str(file))
    assert refused.exit_code == 1 and "already exists" in refused.output and file.read_text() == "precious"

    good = tmp_path / "good.backup"
    assert run(url_of(sample_db), "db", "backup", str(good)).exit_code == 0
    onto_data = run(url_of(sample_db), "db", "restore", str(good))
    assert onto_data.exit_code == 1 and "is not empty" in onto_data.output
    assert "Traceback" not in onto_data.output


def test_pg_dump_never_gets_the_password_on_its_command_line() -> None:
    from carsplus_tui.services.backup import pg_dump_command, pg_restore_command

    url = "postgresql+psycopg://clerk:s3cret-pw@db.example:5432/carsplus"
    for step in (pg_dump_command(url, Path("/tmp/x.backup")), pg_restore_command(url, Path("/tmp/x.backup"))):
        assert "s3cret-pw" not in step.shown() and "s3cret-pw" not in " ".join(step.argv)
        assert "--dbname=postgresql://clerk@db.example:5432/carsplus" in step.argv
        assert step.env == {"PGPASSWORD": "s3cret-pw"}
