"""Damage reports in the database: numbering, loading, and the version guard for updates."""

from __future__ import annotations

from carsplus_tui.domain.dates import format_shown_datetime

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.orm import Session, joinedload

from carsplus_tui.db.models import DamageReport, ReportCounter
from carsplus_tui.db.reference import held

# A report's one-to-one parts come in the report's own SELECT (a LEFT OUTER JOIN each) rather than one query
# each: a recall and a save read the report with three queries fewer (its lists stay one query each).
_WHOLE_REPORT = (
    joinedload(DamageReport.accident_details),
    joinedload(DamageReport.other_driver),
    joinedload(DamageReport.work_order),
    joinedload(DamageReport.loss_of_use),
)
_LOAD_REPORT = select(DamageReport).where(DamageReport.report_number == bindparam("number")).options(*_WHOLE_REPORT)


class StaleReportError(Exception):
    """The report changed since this terminal loaded it: the save is refused, naming who changed it and when."""

    def __init__(self, report_number: int, changed_by: str, changed_at: datetime) -> None:
        self.report_number = report_number
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(f"CHANGED BY {changed_by} AT {format_shown_datetime(changed_at)} - F3 TO RELOAD")


class ReportNotFoundError(LookupError):
    def __init__(self, report_number: int) -> None:
        self.report_number = report_number
        super().__init__(f"DAMAGE REPORT {report_number} NOT ON FILE")


def next_report_number(session: Session) -> int:
    """The next report number, taken inside the caller's saving transaction.

    UPDATE … RETURNING locks the counter row until commit, so concurrent saves queue and numbers come out
    consecutive; a save that rolls back gives its number back (a PostgreSQL sequence would skip it).
    """
    return session.connection().execute(_NEXT_NUMBER).scalar_one()


# The statements every save runs, built once (building and keying one costs more CPU than SQLite takes to run it),
# on the tables and run on the session's connection: the ORM's bulk-DML path around them (evaluating the Session's
# objects) cost more than the statements themselves, and the report is read afresh right after the claim.
_COUNTER = cast(Table, ReportCounter.__table__)
_REPORTS = cast(Table, DamageReport.__table__)
_NEXT_NUMBER = (update(_COUNTER).where(_COUNTER.c.id == 1).values(last_number=_COUNTER.c.last_number + 1)
                .returning(_COUNTER.c.last_number))
_CLAIM = (
    update(_REPORTS)
    .where(_REPORTS.c.report_number == bindparam("number"), _REPORTS.c.version == bindparam("expected"))
    .values(version=_REPORTS.c.version + 1, last_modified_by=bindparam("employee"), last_modified_at=bindparam("at"))
)


def set_report_counter(session: Session, last_number: int) -> None:
    """Move the counter past numbers given out elsewhere (sample data, bulk generation)."""
    session.execute(update(ReportCounter).where(ReportCounter.id == 1).values(last_number=last_number))


def load_report(session: Session, report_number: int) -> DamageReport | None:
    """The report with everything pages 1 and 2 show (pop-ups, lines, work order): the Session's own copy when it
    has one (as `Session.get`), else read by a statement built once (`get` with loader options built and keyed a
    new one on every call)."""
    return held(session, DamageReport, report_number) or session.execute(
        _LOAD_REPORT, {"number": report_number}).unique().scalar_one_or_none()


def claim_report_for_update(
    session: Session, report_number: int, expected_version: int, employee_code: str, at: datetime
) -> DamageReport:
    """Bump the report's version if it is still `expected_version`, else raise StaleReportError.

    The conditional UPDATE is the lock: on PostgreSQL it holds the row, on SQLite the write transaction is
    already exclusive (BEGIN IMMEDIATE), so two clerks saving the same report cannot both pass.
    """
    result = cast(CursorResult[Any], session.connection().execute(  # an UPDATE's result has a rowcount
        _CLAIM, {"number": report_number, "expected": expected_version, "employee": employee_code, "at": at}))
    if result.rowcount != 1:
        row = session.execute(
            select(DamageReport.last_modified_by, DamageReport.last_modified_at).where(
                DamageReport.report_number == report_number
            )
        ).first()
        if row is None:
            raise ReportNotFoundError(report_number)
        raise StaleReportError(report_number, row.last_modified_by, row.last_modified_at)
    # Read afresh (populate_existing): the UPDATE above moved the version and the last modification.
    return session.execute(_LOAD_REPORT, {"number": report_number},
                           execution_options={"populate_existing": True}).unique().scalar_one()


def report_exists(session: Session, report_number: int) -> bool:
    return session.scalar(select(DamageReport.report_number).where(DamageReport.report_number == report_number)) is not None
