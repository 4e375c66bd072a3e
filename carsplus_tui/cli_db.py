"""`carsplus db backup | restore | grant`: IT commands run with the database's own credentials (the URL in
CARSPLUS_DATABASE_URL), so they need no employee sign-on. README: "Backups and the audit trail"."""

from __future__ import annotations

from pathlib import Path

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors, get_settings


def _say(line: str) -> None:
    click.echo(line, err=True)


def _usable_url() -> str:
    """CARSPLUS_DATABASE_URL, once SQLAlchemy knows its kind (else the one line every command gives for it)."""
    from sqlalchemy.engine import make_url

    url = get_settings().resolved_database_url
    make_url(url).get_dialect()
    return url


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_friendly_errors
def db_backup(file: Path) -> None:
    """Back the database up into FILE (a new file) while terminals keep working: SQLite's online backup API, or
    pg_dump in its custom format on PostgreSQL (shown before it runs)."""
    from carsplus_tui.services.backup import BackupError, backup

    url = _usable_url()
    try:
        click.echo(backup(url, file, _say))
    except BackupError as exc:
        raise CliError(str(exc)) from None


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_friendly_errors
def db_restore(file: Path) -> None:
    """Restore a backup FILE onto the empty database in CARSPLUS_DATABASE_URL, then verify every report's audit
    trail (`carsplus audit verify --all`)."""
    from carsplus_tui.db import migrate
    from carsplus_tui.services.audit import verify_all
    from carsplus_tui.services.backup import BackupError, restore

    url = _usable_url()
    try:
        click.echo(restore(file, url, _say))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    with _database(require_schema=False) as database:
        revision = migrate.current_revision(database.engine)
        checked = broken = 0
        for result in verify_all(database):
            checked += 1
            if not result.verified:
                broken += 1
                for line in result.lines():
                    click.echo(line)
    state = "" if revision == migrate.HEAD else f"; schema {revision}: run `carsplus db upgrade`"
    click.echo(f"audit verify: {checked} reports checked, "
               + (f"{broken} with breaks" if broken else "every audit trail verified") + state)
    if broken:
        raise SystemExit(1)


@click.command("grant")
@click.argument("role")
@click.option("--apply", "apply_now", is_flag=True, help="Run the statements (as the owning role) instead of printing.")
@_friendly_errors
def db_grant(role: str, apply_now: bool) -> None:
    """Least privilege on PostgreSQL: the GRANTs that let ROLE (the role the app connects as) read and write what the
    app needs, but only SELECT and INSERT notes and audit entries and change no schema. Prints them, or runs them
    with --apply. Run it again after every `carsplus db upgrade`."""
    from carsplus_tui.db.privileges import grant_statements, role_exists

    with _database() as database:
        if database.dialect != "postgresql":
            raise CliError("grants are PostgreSQL's: a SQLite database has no roles (protect its file instead)")
        with database.engine.begin() as connection:
            if not role_exists(connection, role):
                raise CliError(f"role {role} does not exist: CREATE ROLE {role} LOGIN PASSWORD '…' first")
            statements = grant_statements(connection, role)
            if apply_now:
                for statement in statements:
                    connection.exec_driver_sql(statement)
    for statement in statements:
        click.echo(f"{statement};")
    if apply_now:
        click.echo(f"-- applied: {role} may now only SELECT and INSERT notes and audit entries", err=True)


def register(group: click.Group) -> None:
    for command in (db_backup, db_restore, db_grant):
        group.add_command(command)
