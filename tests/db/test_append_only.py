"""Notes and audit entries: "New entries can be added, but existing entries cannot be deleted or edited."
The database itself refuses UPDATE and DELETE, even through raw SQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from carsplus_tui.db import notes
from carsplus_tui.db.database import Database
from carsplus_tui.db.models import DamageReport, Employee, Location

AT = datetime(2009, 7, 21, 10, 30)


def _report(db: Database) -> int:
    with db.write() as session:
        session.add(Location(code="TUS", name="TUCSON AIRPORT"))
        session.flush()
        session.add(Employee(code="CLERK", name="CLAIMS CLERK", location_code="TUS", password_hash="x"))
        session.flush()
        session.add(
            DamageReport(
                report_number=1, version=1, created_at=AT, created_by="CLERK", last_modified_at=AT,
                last_modified_by="CLERK", report_status="U", claim_status=0,
            )
        )
        session.flush()
        notes.add_note(session, 1, "CLERK", "RENTER CALLED ABOUT THE CLAIM", AT)
        notes.add_audit_entry(session, 1, "CLERK", "MISC COSTS", None, "100.00", AT)
    return 1


@pytest.mark.parametrize("table", ["notes", "audit_entries"])
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET employee_code = 'HACKER'", "DELETE FROM {table}"],
    ids=["update", "delete"],
)
def test_raw_sql_cannot_change_or_remove_entries(db: Database, table: str, statement: str) -> None:
    _report(db)
    with pytest.raises(DatabaseError, match="append-only"):
        with db.write() as session:
            session.execute(text(statement.format(table=table)))
    with db.read() as session:
        assert session.execute(text(f"SELECT employee_code FROM {table}")).scalars().all() == ["CLERK"]


def test_new_entries_can_still_be_added(db: Database) -> None:
    number = _report(db)
    with db.write() as session:
        notes.add_note(session, number, "CLERK", "SECOND NOTE", AT)
    with db.read() as session:
        assert [n.text for n in notes.notes_for(session, number)] == ["RENTER CALLED ABOUT THE CLAIM", "SECOND NOTE"]
        assert [(a.field, a.old_value, a.new_value) for a in notes.audit_for(session, number)] == [
            ("MISC COSTS", None, "100.00")
        ]
