"""`carsplus db backup FILE` and `carsplus db restore FILE` (README: "Backups and the audit trail").

SQLite: SQLite's online backup API, page by page, while terminals keep working (a consistent copy of the database
as of one moment, WAL included); the copy is checked with PRAGMA integrity_check.
PostgreSQL: pg_dump in its custom format (compressed; schema, data, triggers, functions and grants; one consistent
snapshot), checked with `pg_restore --list`; restored with pg_restore in one transaction, all or nothing.

A restore goes only onto an empty database (no tables), and ends with `audit verify` of every report.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

__all__ = ["BackupError", "Step", "backup", "pg_dump_command", "pg_restore_command", "restore"]


class BackupError(RuntimeError):
    """A backup or restore that cannot be done: said in one line, nothing changed."""


@dataclass(frozen=True)
class Step:
    """A program this runs, as it is shown to the person at the keyboard (without the password)."""

    argv: list[str]
    env: dict[str, str]

    def shown(self) -> str:
        return " ".join(_shell_quote(arg) for arg in self.argv)


def _shell_quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password (which goes in PGPASSWORD, never on a command line)."""
    # (not `url.set(password=None)`: set() leaves a None field as it was, password and all)
    plain = url._replace(drivername="postgresql", password=None)
    env = {"PGPASSWORD": url.password} if url.password else {}
    return plain.render_as_string(hide_password=False), env


def pg_dump_command(url: str, file: Path) -> Step:
    target, env = _libpq(make_url(url))
    # custom format: compressed, and pg_restore can list it, check it and restore it in dependency order;
    # schema, data, triggers, functions and grants; one snapshot (pg_dump reads in one repeatable-read transaction);
    # no waiting for ever behind a lock a running migration holds.
    return Step(["pg_dump", "--format=custom", "--lock-wait-timeout=30000", "--no-password",
                 f"--file={file}", f"--dbname={target}"], env)


def pg_restore_command(url: str, file: Path) -> Step:
    target, env = _libpq(make_url(url))
    # one transaction (all or nothing) that stops at the first error; the restoring role (the owning role that
    # runs migrations) owns what it creates; the app role's grants are given again with `carsplus db grant`.
    return Step(["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                 "--no-password", f"--dbname={target}", str(file)], env)


def _run(step: Step, say: Callable[[str], None]) -> str:
    if shutil.which(step.argv[0]) is None:
        raise BackupError(f"{step.argv[0]} is not installed here; run it where it is: {step.shown()}")
    say(f"running: {step.shown()}")
    done = subprocess.run(step.argv, env={**os.environ, **step.env}, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise BackupError(f"{step.argv[0]} failed: {reason}")
    return done.stdout


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(url.database).expanduser()


def backup(url: str, file: Path, say: Callable[[str], None]) -> str:
    """Back the database at `url` up into `file` (which must not exist yet); returns a one-line summary."""
    parsed = make_url(url)
    if file.exists():
        raise BackupError(f"{file} already exists: a backup never overwrites a file")
    if not file.parent.is_dir():
        raise BackupError(f"{file.parent}: no such folder")
    if parsed.get_backend_name() == "sqlite":
        source_path = _sqlite_path(parsed)
        if not source_path.exists():
            raise BackupError(f"{source_path}: no such database")
        source = sqlite3.connect(source_path, timeout=30)
        target = sqlite3.connect(file)
        try:
            source.backup(target)  # the online backup API: page by page, consistent, writers carry on
            target.execute("PRAGMA journal_mode = DELETE")  # the backup is this one file (no -wal beside it)
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
            reports = _count_reports(target)
        finally:
            target.close()
            source.close()
        if check != "ok":
            raise BackupError(f"the copy in {file} failed its integrity check: {check}")
        return f"backup of {source_path} written to {file} ({reports} damage reports, {file.stat().st_size:,} bytes)"
    _tables(url)  # a database that does not answer is one line (the connection's error), before pg_dump runs
    step = pg_dump_command(url, file)
    try:
        _run(step, say)
        listing = _run(Step(["pg_restore", "--list", str(file)], {}), say)
    except BackupError:
        file.unlink(missing_ok=True)
        raise
    tables = sum(" TABLE DATA " in line for line in listing.splitlines())
    return (f"backup of database {parsed.database} written to {file} ({tables} tables of data, "
            f"{file.stat().st_size:,} bytes; pg_restore --list reads it)")


def _count_reports(connection: sqlite3.Connection) -> str:
    try:
        return str(connection.execute("SELECT count(*) FROM damage_reports").fetchone()[0])
    except sqlite3.DatabaseError:
        return "no"


def _tables(url: str) -> list[str]:
    from carsplus_tui.db.database import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                return list(connection.execute(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def restore(file: Path, url: str, say: Callable[[str], None]) -> str:
    """Restore `file` (made by `backup`) onto the empty database at `url`; returns a one-line summary."""
    parsed = make_url(url)
    if not file.is_file():
        raise BackupError(f"{file}: no such file")
    if parsed.get_backend_name() == "sqlite":
        target_path = _sqlite_path(parsed)
        if target_path.exists() and _tables(url):
            raise BackupError(f"{target_path} is not empty: restore only onto a new database")
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)  # (a backup is in rollback-journal mode)
        try:
            try:
                has_schema = source.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
            except sqlite3.DatabaseError:
                raise BackupError(f"{file} is not a SQLite backup") from None
            if not has_schema:
                raise BackupError(f"{file} is not a backup of a carsplus database")
            target_path.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(target_path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        return f"{file} restored into {target_path}"
    if _tables(url):
        raise BackupError(f"database {parsed.database} is not empty: restore only onto a new database "
                          f"(createdb it, as the owning role)")
    _run(pg_restore_command(url, file), say)
    return f"{file} restored into database {parsed.database}"
