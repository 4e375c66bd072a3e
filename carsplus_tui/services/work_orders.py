"""Work orders for damage reports (the Damage Work Entry side): opening one moves the claim past status 2, its cost
lines are "Our Repair Costs", and closing it marks the report's damage lines repaired in Vehicle History."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.services.reports import refresh_statuses

CLOSED = "CLOSED"


def record_work_order(
    session: Session,
    report_number: int,
    *,
    number: int,
    status: str,
    opened_date: date | None,
    repair_date: date | None = None,
    cost_lines: Iterable[tuple[str, Decimal]] = (),
) -> m.WorkOrder:
    """Create or replace the report's work order, then bring the report's statuses and vehicle history up to date."""
    report = reports_repo.load_report(session, report_number)
    if report is None:
        raise ReportNotFoundError(report_number)
    work_order = session.scalar(select(m.WorkOrder).where(m.WorkOrder.damage_report_number == report_number))
    if work_order is None:
        work_order = m.WorkOrder(number=number, damage_report_number=report_number)
        session.add(work_order)
    work_order.status = status.upper()
    work_order.opened_date = opened_date
    work_order.repair_date = repair_date
    work_order.cost_lines = [m.WorkOrderCostLine(description=d.upper()[:30], amount=a) for d, a in cost_lines]
    session.flush()
    if work_order.status == CLOSED:
        for row in session.scalars(
            select(m.VehicleHistory).where(
                m.VehicleHistory.damage_report_number == report_number, m.VehicleHistory.repaired.is_(False)
            )
        ):
            row.repaired = True
            row.repaired_date = repair_date
    session.refresh(report)
    refresh_statuses(session, report)
    return work_order


def save_work_order(db: Database, report_number: int, *, employee: str = "SYSTEM", connector=None,  # noqa: ANN001
                    **values) -> int:  # noqa: ANN003
    """Create or replace the work order. Given the DMS connector, also ask the DMS to reserve the repair order, as
    the DMS job aid says ("On a Convert to RO, the DMS Repair ID will automatically populate with the reserved
    repair order number"). A DMS that does not answer does not stop the work order: the ID is then reserved when
    the DMS window opens or at the next export."""
    with db.write() as session:
        number = record_work_order(session, report_number, **values).number
    if connector is not None:
        from carsplus_tui.dms import DmsError
        from carsplus_tui.services import dms

        try:
            dms.reserve_repair_id(db, report_number, connector, employee)
        except DmsError:
            pass  # reserved later (DMS window or export); the work order itself is saved
    return number
