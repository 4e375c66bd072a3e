"""Another terminal holding the database's write lock, as a second connection of its own (not the app's pool):
SQLite `BEGIN IMMEDIATE`; PostgreSQL an open transaction holding EXCLUSIVE locks on the tables a save writes
(reads go on, writes wait for the lock time-out)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from carsplus_tui.db.database import Database

# What a save or a draft writes: every one of them waits.
PG_TABLES = ("report_counter", "damage_reports", "report_drafts", "work_orders", "work_order_counter")


@contextmanager
def write_lock_held(db: Database, tables: tuple[str, ...] = PG_TABLES) -> Iterator[None]:
    """`tables`: on PostgreSQL, the tables locked (SQLite locks the whole file)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        holder = sqlite3.connect(url.database, isolation_level=None, timeout=30)
        try:
            holder.execute("BEGIN IMMEDIATE")
            yield
        finally:
            holder.rollback()
            holder.close()
        return
    with _pg_tables_locked(db, tables, "EXCLUSIVE"):
        yield


@contextmanager
def reads_blocked(db: Database, tables: tuple[str, ...] = ("damage_reports",)) -> Iterator[None]:
    """Another process holding the database so that even reads wait (and time out): SQLite in exclusive locking
    mode inside a transaction (it can take the file only while no other connection has it open: dispose the app's
    pool first); on PostgreSQL an ACCESS EXCLUSIVE lock on `tables` (as a long migration takes)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        holder = sqlite3.connect(url.database, isolation_level=None, timeout=5)
        try:
            holder.execute("PRAGMA locking_mode = EXCLUSIVE")
            holder.execute("BEGIN EXCLUSIVE")
            holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
            yield
        finally:
            holder.rollback()
            holder.execute("PRAGMA locking_mode = NORMAL")
            holder.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the exclusive lock goes at the next read
            holder.close()
        return
    with _pg_tables_locked(db, tables, "ACCESS EXCLUSIVE"):
        yield


@contextmanager
def _pg_tables_locked(db: Database, tables: tuple[str, ...], mode: str) -> Iterator[None]:
    """A connection of its own holding `tables` in lock `mode` until the block ends."""
    import psycopg

    holder = psycopg.connect(db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        holder.execute(f"LOCK TABLE {', '.join(tables)} IN {mode} MODE")
        yield
    finally:
        holder.rollback()
        holder.close()
