"""What every maintenance program shares (control record, code tables, User Access File), on the screens and in
the CLI: the administrator check, the audit entry per change, and optimistic locking by comparing what the
administrator read with what is on file now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.dates import format_shown_datetime
from carsplus_tui.domain.permissions import ADMINISTRATOR_ONLY

NOT_ADMINISTRATOR = ADMINISTRATOR_ONLY  # the MENU, the maintenance screens and the CLI say the same
CHANGED_ELSEWHERE = "CHANGED ON ANOTHER TERMINAL - READ AGAIN AND RETYPE"


class MaintenanceError(ValueError):
    """A refused maintenance change: the message is for the person at the keyboard; nothing was changed."""


class NotAdministratorError(MaintenanceError):
    """The employee's User Access File record does not carry the administrator flag."""


class StaleRecordError(MaintenanceError):
    """The record changed since it was read (optimistic locking)."""


def require_administrator(employee: Any) -> None:  # noqa: ANN401 - a SignedOn (or anything with .access)
    access = getattr(employee, "access", None)
    if not getattr(access, "administrator", False):
        raise NotAdministratorError(NOT_ADMINISTRATOR)


def shown(value: Any) -> str | None:  # noqa: ANN401
    """A value as the audit trail keeps it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)[:70]
    return str(value)[:70]


def audit_changes(
    session: Session,
    employee_code: str,
    program: str,
    record_key: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    at: datetime | None = None,
) -> list[str]:
    """One maintenance_audit row per field whose value changed; the names of the changed fields."""
    at = at or datetime.now()
    changed = []
    for field, value in new.items():
        before = old.get(field)
        if shown(before) == shown(value):
            continue
        session.add(m.MaintenanceAudit(
            at=at, employee_code=employee_code, program=program, record_key=record_key[:20], field=field,
            old_value=shown(before), new_value=shown(value),
        ))
        changed.append(field)
    return changed


def check_not_stale(expected: Mapping[str, Any] | None, current: Mapping[str, Any]) -> None:
    """Refuse when the record on file is no longer what the screen read (someone saved in between)."""
    if expected is None:
        return
    for field, value in expected.items():
        if shown(current.get(field)) != shown(value):
            raise StaleRecordError(CHANGED_ELSEWHERE)


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    employee_code: str
    program: str
    record_key: str
    field: str
    old_value: str | None
    new_value: str | None

    def __str__(self) -> str:
        return (f"{format_shown_datetime(self.at)}  {self.employee_code:<6}  {self.program:<8}  {self.record_key:<8}  "
                f"{self.field}: {self.old_value or ''} -> {self.new_value or ''}")


def audit_trail(db: Database, program: str | None = None, record_key: str | None = None) -> Sequence[AuditLine]:
    """The maintenance changes, oldest first (optionally of one program / one record)."""
    with db.read() as session:
        query = select(m.MaintenanceAudit).order_by(m.MaintenanceAudit.id)
        if program:
            query = query.where(m.MaintenanceAudit.program == program)
        if record_key:
            query = query.where(m.MaintenanceAudit.record_key == record_key)
        return [AuditLine(a.at, a.employee_code, a.program, a.record_key, a.field, a.old_value, a.new_value)
                for a in session.scalars(query)]
