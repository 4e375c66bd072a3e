"""Notes and the audit trail: append-only. There is deliberately no function here that updates or deletes them,
and the database's triggers reject UPDATE and DELETE on both tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from carsplus_tui.db import chain
from carsplus_tui.db.models import AuditEntry, Note

AUDIT_VALUE_WIDTH = 70  # the audit columns old_value and new_value


def add_note(session: Session, report_number: int, employee_code: str, text: str, at: datetime) -> None:
    chain.pend(session, Note, {"report_number": report_number, "employee_code": employee_code, "text": text, "at": at})


def add_audit_entry(
    session: Session,
    report_number: int,
    employee_code: str,
    field: str,
    old_value: str | None,
    new_value: str | None,
    at: datetime,
) -> None:
    chain.pend(session, AuditEntry, {
        "report_number": report_number,
        "employee_code": employee_code,
        "field": field,
        "old_value": None if old_value is None else old_value[:AUDIT_VALUE_WIDTH],
        "new_value": None if new_value is None else new_value[:AUDIT_VALUE_WIDTH],
        "at": at,
    })


def notes_for(session: Session, report_number: int) -> Sequence[Note]:
    chain.write_pending(session)
    return session.scalars(_NOTES_FOR, {"number": report_number}).all()


_NOTES_FOR = select(Note).where(Note.report_number == bindparam("number")).order_by(Note.at, Note.id)


def audit_for(session: Session, report_number: int) -> Sequence[AuditEntry]:
    chain.write_pending(session)
    return session.scalars(
        select(AuditEntry).where(AuditEntry.report_number == report_number).order_by(AuditEntry.at, AuditEntry.id)
    ).all()
