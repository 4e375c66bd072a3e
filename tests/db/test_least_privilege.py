"""Least privilege on PostgreSQL: migrations run as the owning role; the app connects as a role given exactly
`carsplus db grant ROLE`. That role saves reports (notes and audit entries included, chained), but may not UPDATE,
DELETE or TRUNCATE notes or audit entries, switch their triggers off, or change the schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from carsplus_tui.cli import main
from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database
from carsplus_tui.services.audit import verify_report
from carsplus_tui.services.reports import load_report_data, save_report


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def cli(url: str, monkeypatch: pytest.MonkeyPatch, *args: str):  # noqa: ANN202
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def app_role(sample_db: Database) -> Iterator[str]:
    if sample_db.dialect != "postgresql":
        pytest.skip("roles and grants are PostgreSQL's")
    role = f"carsplus_app_{os.getpid()}"
    with sample_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'app'"))
    yield role
    sample_db.dispose()
    with sample_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))  # its grants in this database
        conn.execute(text(f"DROP ROLE {role}"))


def test_grant_is_postgresqls(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if db.dialect != "sqlite":
        pytest.skip("the SQLite answer")
    result = cli(url_of(db), monkeypatch, "db", "grant", "carsplus_app")
    assert result.exit_code == 1 and "grants are PostgreSQL's" in result.output


def test_the_app_role_saves_but_cannot_rewrite_the_trail(
    sample_db: Database, app_role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = url_of(sample_db)
    printed = cli(owner, monkeypatch, "db", "grant", app_role)
    assert printed.exit_code == 0, printed.output
    assert f'GRANT SELECT, INSERT ON TABLE notes TO {app_role};' in printed.output
    assert f'GRANT SELECT, INSERT ON TABLE audit_entries TO {app_role};' in printed.output
    missing = cli(owner, monkeypatch, "db", "grant", "no_such_role_here")
    assert missing.exit_code == 1 and "does not exist" in missing.output
    assert cli(owner, monkeypatch, "db", "grant", app_role, "--apply").exit_code == 0
    assert f"carsplus db grant {app_role} --apply" in cli(owner, monkeypatch, "db", "upgrade").output

    app_url = make_url(owner).set(username=app_role, password="app").render_as_string(hide_password=False)
    app = Database(app_url)
    try:
        # the counter's work: recall, change a page-2 figure and add a note, F1
        report = load_report_data(app, 1)
        notes = [*report.notes, {"at": "2026-12-01T09:15:00", "employee": "DEMO", "text": "SAVED AS THE APP ROLE"}]
        changed = report.model_validate({**report.model_dump(mode="json"), "misc_costs": "12.34", "notes": notes})
        save_report(app, changed, "DEMO")
        assert load_report_data(app, 1).misc_costs == Decimal("12.34")
        assert verify_report(app, 1).verified

        refused = [
            "UPDATE notes SET text = 'X'",
            "DELETE FROM notes",
            "TRUNCATE notes",
            "UPDATE audit_entries SET new_value = 'X'",
            "DELETE FROM audit_entries",
            "TRUNCATE audit_entries",
            "TRUNCATE chain_heads",
            "DELETE FROM chain_heads",
            "ALTER TABLE notes DISABLE TRIGGER notes_append_only",
            "DROP TRIGGER audit_entries_append_only ON audit_entries",
            "CREATE TABLE sneaky (id integer)",
            "UPDATE alembic_version SET version_num = '0001'",
        ]
        for statement in refused:
            with pytest.raises(DatabaseError, match="permission denied|must be owner"), app.engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        app.dispose()
    assert verify_report(sample_db, 1).verified


def test_the_app_role_runs_the_apps_commands_but_not_migrations(sample_db: Database, app_role: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own commands run as the app role once granted; migrations do not (they need the owner)."""
    owner = url_of(sample_db)
    assert cli(owner, monkeypatch, "db", "grant", app_role, "--apply").exit_code == 0
    app_url = make_url(owner).set(username=app_role, password="app").render_as_string(hide_password=False)
    assert cli(app_url, monkeypatch, "audit", "verify", "--all").exit_code == 0
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")
    assert cli(app_url, monkeypatch, "report", "show", "1", "--employee", "CLERK").exit_code == 0  # signs on, too
    downgrade = cli(app_url, monkeypatch, "db", "downgrade", "0003", "--yes")
    assert downgrade.exit_code == 1 and "Traceback" not in downgrade.output
    engine = create_engine(owner)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.HEAD
    finally:
        engine.dispose()
