"""Tamper evidence: a DBA who switches the append-only triggers off and deletes, changes, inserts or reorders notes
and audit entries in SQL is caught by `carsplus audit verify`, which names each break; untouched reports verify.
On both databases (the sample data, whose notes and audit entries were written by the save use case)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, IntegrityError

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.services.audit import history_verdict, verify_report

TABLES = {"notes": "NOTES", "audit_entries": "AUDIT TRAIL"}
CHANGED_COLUMN = {"notes": "text", "audit_entries": "new_value"}


@contextmanager
def triggers_off(db: Database) -> Iterator:
    """A connection of the owner with the append-only triggers out of the way (what the issue's DBA did)."""
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            for table in TABLES:
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"))
        else:
            for table in TABLES:
                for action in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER {table}_no_{action}"))
        yield conn


def ids(db: Database, table: str, report: int) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(f"SELECT id FROM {table} WHERE report_number = :r ORDER BY id"), {"r": report})
                    .scalars())


def cli(db: Database, *args: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return CliRunner().invoke(main, ["audit", "verify", *args], catch_exceptions=False)


def test_sample_data_verifies(sample_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli(sample_db, "--all", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("every audit trail verified")
    assert history_verdict(sample_db, 1) == ["AUDIT TRAIL VERIFIED"]


@pytest.mark.parametrize("table", list(TABLES))
def test_each_tamper_is_named_and_untouched_reports_verify(
    sample_db: Database, table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = TABLES[table]
    deleted, changed, inserted, reordered, last_deleted = 1, 3, 4, 5, 6
    d, c, i, r, last = (ids(sample_db, table, n) for n in (deleted, changed, inserted, reordered, last_deleted))
    assert min(len(x) for x in (d, c, i, r, last)) >= 3
    column = CHANGED_COLUMN[table]
    with triggers_off(sample_db) as conn:
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": d[1]})
        conn.execute(text(f"UPDATE {table} SET {column} = 'RENTER NOT AT FAULT' WHERE id = :id"), {"id": c[1]})
        # a forged entry between two genuine ones, hashes copied from its neighbour so nothing is NULL
        conn.execute(text(
            f"INSERT INTO {table} (report_number, at, employee_code, {column}, prev_hash, row_hash"
            f"{', field' if table == 'audit_entries' else ''}) "
            f"SELECT report_number, at, 'HACKER', 'FORGED', prev_hash, row_hash"
            f"{', field' if table == 'audit_entries' else ''} FROM {table} WHERE id = :id"), {"id": i[1]})
        # two entries swap places (their ids), each left exactly as it was
        conn.execute(text(f"UPDATE {table} SET id = -id WHERE id IN (:a, :b)"), {"a": r[0], "b": r[1]})
        conn.execute(text(f"UPDATE {table} SET id = :b WHERE id = -:a"), {"a": r[0], "b": r[1]})
        conn.execute(text(f"UPDATE {table} SET id = :a WHERE id = -:b"), {"a": r[0], "b": r[1]})
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": last[-1]})

    def breaks(number: int) -> list[str]:
        return verify_report(sample_db, number).breaks

    assert breaks(deleted) == [f"{name}: ENTRIES DELETED between {label(sample_db, table, d[0])} and "
                               f"{label(sample_db, table, d[2])}"]
    assert breaks(changed) == [f"{name}: {label(sample_db, table, c[1])} CHANGED"]
    forged = ids(sample_db, table, inserted)[-1]
    assert breaks(inserted) == [f"{name}: {label(sample_db, table, forged)} INSERTED (not part of the chain)"]
    assert breaks(reordered) == [
        f"{name}: {label(sample_db, table, r[0])} REORDERED (written after {label(sample_db, table, r[1])})"
    ]
    assert breaks(last_deleted) == [f"{name}: 1 ENTRY DELETED AT THE END after {label(sample_db, table, last[-2])}"]
    assert history_verdict(sample_db, changed) == [
        "AUDIT TRAIL BROKEN:", f"{name}: {label(sample_db, table, c[1])} CHANGED"]

    result = cli(sample_db, "--all", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert sorted({int(line.split(":")[0].split()[1]) for line in lines[:-1]}) == [1, 3, 4, 5, 6]
    assert lines[-1] == "72 reports checked: 5 with breaks"
    for untouched in (2, 7, 8, 72):
        one = cli(sample_db, str(untouched), monkeypatch=monkeypatch)
        assert one.exit_code == 0 and "AUDIT TRAIL VERIFIED" in one.output


def label(db: Database, table: str, entry_id: int) -> str:
    with db.engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": entry_id}).mappings().one()
    at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(row["at"])
    if table == "notes":
        return f"NOTE #{entry_id} ({at:%m-%d-%y %H:%M} {row['employee_code']})"
    return f"AUDIT ENTRY #{entry_id} ({at:%m-%d-%y %H:%M} {row['field']})"


def test_generated_reports_are_chained_too(sample_db: Database) -> None:
    """`carsplus sample generate` inserts notes in bulk: they are chained like every other note."""
    from carsplus_tui.services.audit import verify_all
    from carsplus_tui.services.generate import generate_reports

    generate_reports(sample_db, 60, seed=3)
    results = list(verify_all(sample_db))
    assert len(results) == 132 and all(r.verified for r in results)
    assert sum(r.chains[0].entries for r in results[72:]) > 0


def test_an_entry_without_its_hashes_is_refused(sample_db: Database) -> None:
    """Every insert goes through the chain: one that bypasses it (no hashes) is refused by the database."""
    for statement in ("INSERT INTO notes (report_number, at, employee_code, text) VALUES (1, :at, 'X', 'FORGED')",
                      "INSERT INTO audit_entries (report_number, at, employee_code, field) VALUES (1, :at, 'X', 'F')"):
        with pytest.raises(IntegrityError), sample_db.engine.begin() as conn:
            conn.execute(text(statement), {"at": datetime(2026, 12, 1)})
    assert verify_report(sample_db, 1).verified


def test_truncate_is_refused_on_postgresql(sample_db: Database) -> None:
    if sample_db.dialect != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite has none)")
    for table in ("notes", "audit_entries", "chain_heads", "damage_reports CASCADE"):
        with pytest.raises(DatabaseError, match="cannot be truncated"):
            with sample_db.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {table}"))
    with sample_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_entries")).scalar() > 300
