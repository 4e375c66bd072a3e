"""Least privilege on PostgreSQL: the app connects as a role that may read and write the tables it works with, but
may only SELECT and INSERT notes and audit entries (never UPDATE, DELETE or TRUNCATE them), may not touch the
schema, and owns nothing. Migrations run as the owning role. `carsplus db grant ROLE` prints (or applies) this.

The statements are made from the schema as it is now: run the command again after `carsplus db upgrade`.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text
from sqlalchemy.sql.compiler import IdentifierPreparer

__all__ = ["APPEND_ONLY", "app_roles", "grant_statements", "role_exists"]

# Entries are only ever added: SELECT and INSERT.
APPEND_ONLY = ("notes", "audit_entries", "maintenance_audit")
# What the app may do with the rest.
_READ_ONLY = ("alembic_version",)
_NO_DELETE = ("chain_heads",)  # the heads move forward with every entry, and are never removed


def grant_statements(connection: Connection, role: str) -> list[str]:
    """The GRANT and REVOKE statements that give `role` exactly what the app needs in this database."""
    quote = IdentifierPreparer(connection.dialect).quote
    who = quote(role)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    tables = sorted(inspect(connection).get_table_names(schema="public"))
    sequences = sorted(connection.execute(text(
        "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"
    )).scalars())
    statements = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {who}",
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"REVOKE CREATE ON SCHEMA public FROM {who}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}",
    ]
    for table in tables:
        if table in APPEND_ONLY:
            allowed = "SELECT, INSERT"
        elif table in _READ_ONLY:
            allowed = "SELECT"
        elif table in _NO_DELETE:
            allowed = "SELECT, INSERT, UPDATE"
        else:
            allowed = "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {allowed} ON TABLE {quote(table)} TO {who}")
    # Serial keys: nextval (USAGE), and setval after explicit keys were inserted (UPDATE).
    statements += [f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {quote(name)} TO {who}" for name in sequences]
    return statements


def role_exists(connection: Connection, role: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first() is not None


def app_roles(connection: Connection) -> list[str]:
    """Roles other than the owner that were granted INSERT on notes (by `carsplus db grant`): after an upgrade they
    need the grants made again, for the new tables."""
    return list(connection.execute(text(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_schema = 'public' AND table_name = 'notes' AND privilege_type = 'INSERT' "
        "AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'notes') "
        "ORDER BY grantee"
    )).scalars())
