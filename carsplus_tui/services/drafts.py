"""Never lose a typed report: the report being typed is kept in the database (one draft per employee) and offered
back at the next sign-on (`RECOVER UNSAVED REPORT? (Y/N)`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from carsplus_tui.db.database import Database
from carsplus_tui.db.models import ReportDraft


def save_draft(db: Database, employee_code: str, payload: dict[str, Any], *, at: datetime | None = None) -> None:
    text = json.dumps(payload, sort_keys=True, default=str)
    with db.write() as session:
        draft = session.get(ReportDraft, employee_code)
        if draft is None:
            draft = ReportDraft(employee_code=employee_code)
            session.add(draft)
        draft.payload = text
        draft.report_number = payload.get("report_number")
        draft.updated_at = at or datetime.now().replace(microsecond=0)


def load_draft(db: Database, employee_code: str) -> dict[str, Any] | None:
    with db.read() as session:
        draft = session.get(ReportDraft, employee_code)
        return None if draft is None else json.loads(draft.payload)


def discard_draft(db: Database, employee_code: str) -> None:
    with db.write() as session:
        draft = session.get(ReportDraft, employee_code)
        if draft is not None:
            session.delete(draft)
