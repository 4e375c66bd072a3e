"""Work orders for damage reports (Damage Work Entry, DESIGN.md §6b): opening one moves the claim past status 2,
its cost lines are "Our Repair Costs", its status is page 2's Work Order Status, creating it reserves the DMS
Repair ID ("Convert to RO"), and closing it marks the report's damage lines repaired in Vehicle History.

Every path that changes a work order -- the screen's F1, `carsplus workorder import`, the sample data -- goes
through `save_work_order`: the same validation, the same version check, the same audit trail.
"""

from __future__ import annotations

from carsplus_tui.domain.dates import format_shown_datetime

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import notes as notes_repo
from carsplus_tui.db import reference
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.domain import permissions
from carsplus_tui.domain.audit import display_value
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.loss_of_use import dates_moved_warning
from carsplus_tui.domain.work_orders import (
    LABELS,
    WorkOrderData,
    load_work_order,
    validate_work_order,
    work_order_error,
)
from carsplus_tui.services.report_mapping import access_settings
from carsplus_tui.services.reports import now, refresh_statuses

__all__ = [
    "CLOSED",
    "StaleWorkOrderError",
    "WorkOrderSaved",
    "import_work_order_json",
    "load_work_order_data",
    "record_work_order",
    "save_work_order",
    "work_order_json",
]

log = logging.getLogger(__name__)

CLOSED = "CLOSED"


class StaleWorkOrderError(Exception):
    """The work order changed since this terminal read it: the save is refused, naming who changed it and when."""

    def __init__(self, report_number: int, changed_by: str | None, changed_at: datetime | None) -> None:
        self.report_number = report_number
        self.changed_by = changed_by or "*"
        self.changed_at = changed_at
        when = format_shown_datetime(changed_at) if changed_at else "*"
        super().__init__(f"WORK ORDER CHANGED BY {self.changed_by} AT {when} - F3 TO RELOAD")


@dataclass(frozen=True)
class WorkOrderSaved:
    report_number: int
    number: int
    version: int
    created: bool
    claim_status: int
    work_order_status: str
    our_repair_costs: Decimal
    repair_id: str | None = None  # the DMS Repair ID reserved on creation, when the DMS answered
    dms_problem: str | None = None  # why it was not (the work order is saved all the same)
    repaired_lines: int = 0  # Vehicle History records this save marked repaired
    loss_of_use_warning: str | None = None  # the save moved the dates a loss of use charged was computed on

    @property
    def message(self) -> str:
        if self.loss_of_use_warning:  # one line: the claim status is on the screen beside it
            return f"SAVED - {self.loss_of_use_warning}"
        text = f"WORK ORDER {self.number} SAVED - CLAIM STATUS {self.claim_status}"
        if self.repair_id:
            text += f" - DMS REPAIR ID {self.repair_id}"
        elif self.dms_problem:
            text += " - DMS DID NOT ANSWER, REPAIR ID RESERVED LATER"
        return text


# ----------------------------------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------------------------------


def view_of(work_order: m.WorkOrder) -> WorkOrderData:
    """The stored work order in its JSON form (DESIGN.md §8 `work_order`)."""
    return WorkOrderData(
        number=work_order.number,
        report_number=work_order.damage_report_number,
        version=work_order.version,
        status=work_order.status,
        opened_date=work_order.opened_date,
        repair_shop=work_order.repair_shop,
        invoice_number=work_order.invoice_number,
        estimate=work_order.estimate,
        out_of_service_date=work_order.out_of_service_date,
        repair_date=work_order.repair_date,
        cost_lines=[{"description": line.description, "kind": line.kind or "O", "amount": line.amount}
                    for line in work_order.cost_lines],
        last_modified_by=work_order.last_modified_by,
        last_modified_at=work_order.last_modified_at,
    )


def load_work_order_data(db: Database, report_number: int) -> WorkOrderData | None:
    """The report's work order, or None when it has none (ReportNotFoundError when there is no such report)."""
    with db.read() as session:
        if not reports_repo.report_exists(session, report_number):
            raise ReportNotFoundError(report_number)
        work_order = _work_order_of(session, report_number)
        return view_of(work_order) if work_order is not None else None


def claim_status_of(db: Database, report_number: int) -> int | None:
    """The report's claim status as last saved (DAMAGE WORK ENTRY shows it beside the work order)."""
    with db.read() as session:
        return session.scalar(select(m.DamageReport.claim_status).where(m.DamageReport.report_number == report_number))


def work_order_json(db: Database, report_number: int) -> dict[str, Any] | None:
    """`carsplus workorder show N`."""
    order = load_work_order_data(db, report_number)
    return order.model_dump(mode="json") if order is not None else None


def _work_order_of(session: Session, report_number: int) -> m.WorkOrder | None:
    return session.scalar(select(m.WorkOrder).where(m.WorkOrder.damage_report_number == report_number))


# ----------------------------------------------------------------------------------------------------------------
# Saving
# ----------------------------------------------------------------------------------------------------------------


def next_work_order_number(session: Session) -> int:
    """The next work-order number, taken inside the saving transaction (UPDATE … RETURNING holds the counter row
    until commit, so two clerks creating work orders queue; a rollback gives the number back)."""
    return session.execute(
        update(m.WorkOrderCounter).where(m.WorkOrderCounter.id == 1)
        .values(last_number=m.WorkOrderCounter.last_number + 1)
        .returning(m.WorkOrderCounter.last_number)
    ).scalar_one()


def save_work_order(
    db: Database,
    report_number: int,
    order: WorkOrderData,
    employee_code: str,
    *,
    at: datetime | None = None,
    connector: Any = None,  # noqa: ANN401 - a DmsConnector; imported lazily
    reserve: bool = True,
) -> WorkOrderSaved:
    """F1 on Damage Work Entry (and `workorder import`). A new work order (`order.version` None) gets the next
    number; a change must carry the version it was read at, or it is refused (StaleWorkOrderError). One
    transaction: the work order, its lines, the audit trail, the report's statuses and Vehicle History.

    Given a connector, creating the work order then asks the DMS to reserve the repair order, as the DMS job aid
    says ("On a Convert to RO, the DMS Repair ID will automatically populate with the reserved repair order
    number"). A DMS that does not answer does not stop the work order: the ID is then reserved when the DMS window
    opens or at the next export, and `dms_problem` says why."""
    at = at or now()
    employee_code = employee_code.upper()
    with db.write() as session:
        saved = _save(session, report_number, order, employee_code, at)
    if not (saved.created and reserve and connector is not None):
        return saved
    from carsplus_tui.dms import DmsError
    from carsplus_tui.services import dms

    try:
        repair_id = dms.reserve_repair_id(db, report_number, connector, employee_code)
    except (DmsError, ValueError, OSError) as exc:
        log.warning("work order %s: DMS Repair ID not reserved: %s", saved.number, exc)
        return _replace(saved, dms_problem=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return _replace(saved, repair_id=repair_id)


def _replace(saved: WorkOrderSaved, **changes: Any) -> WorkOrderSaved:  # noqa: ANN401
    from dataclasses import replace

    return replace(saved, **changes)


def _save(session: Session, report_number: int, order: WorkOrderData, employee_code: str,
          at: datetime) -> WorkOrderSaved:
    employee = reference.get_employee(session, employee_code)
    if employee is None:
        raise ReportValidationError([work_order_error("last_modified_by", f"employee {employee_code} is not on file")])
    denied = permissions.work_order_denied_reason(access_settings(employee))
    if denied is not None:
        raise ReportValidationError([work_order_error("status", denied)])
    report = reports_repo.load_report(session, report_number)
    if report is None:
        raise ReportNotFoundError(report_number)
    if order.report_number is not None and order.report_number != report_number:
        raise ReportValidationError([work_order_error(
            "report_number", f"{order.report_number} is not report {report_number}")])

    existing = _work_order_of(session, report_number)
    if order.version is None:
        # Creating: take the number first (it queues concurrent creators), then look again.
        number = next_work_order_number(session)
        existing = _work_order_of(session, report_number)
        if existing is not None:
            raise StaleWorkOrderError(report_number, existing.last_modified_by, existing.last_modified_at)
        previous = None
    else:
        if existing is None:
            raise ReportValidationError([work_order_error(
                "version", f"report {report_number} has no work order yet (leave version blank to create one)")])
        if order.number is not None and order.number != existing.number:
            raise ReportValidationError([work_order_error(
                "number", f"{order.number} is not report {report_number}'s work order ({existing.number})")])
        previous = view_of(existing)
        _claim_for_update(session, existing, order.version, employee_code, at)
        number = existing.number

    if order.opened_date is None:
        order = order.model_copy(update={"opened_date": previous.opened_date if previous else at.date()})
    errors = validate_work_order(order, at.date(), previous)
    if errors:
        raise ReportValidationError(errors)

    if existing is None:
        existing = m.WorkOrder(number=number, damage_report_number=report_number, version=1,
                               last_modified_by=employee_code, last_modified_at=at)
        session.add(existing)
    _apply(existing, order)
    session.flush()
    repaired = _sync_vehicle_history(session, report_number, existing)
    _audit(session, report_number, previous, view_of(existing), employee_code, at)
    session.flush()
    session.expire(report, ["work_order"])
    data = refresh_statuses(session, report)
    session.flush()
    return WorkOrderSaved(
        report_number=report_number, number=existing.number, version=existing.version, created=previous is None,
        claim_status=data.claim_status or 0, work_order_status=existing.status,
        our_repair_costs=data.our_repair_costs or Decimal("0.00"), repaired_lines=repaired,
        loss_of_use_warning=_loss_of_use_warning(report, previous, existing),
    )


def _loss_of_use_warning(report: m.DamageReport, previous: WorkOrderData | None,
                         saved: m.WorkOrder) -> str | None:
    """Only a save that moved the dates says so (a later save of the shop or the lines does not repeat it)."""
    dates = (saved.out_of_service_date, saved.repair_date)
    if previous is None or (previous.out_of_service_date, previous.repair_date) == dates:
        return None
    charged = report.loss_of_use
    return dates_moved_warning(
        (charged.out_of_service_date, charged.repair_date) if charged is not None else None, *dates)


def _claim_for_update(session: Session, work_order: m.WorkOrder, expected: int, employee_code: str,
                      at: datetime) -> None:
    """Bump the version if it is still `expected` (the conditional UPDATE is the lock), else StaleWorkOrderError."""
    result = cast(CursorResult[Any], session.execute(  # an UPDATE's result is a CursorResult: it has rowcount
        update(m.WorkOrder)
        .where(m.WorkOrder.number == work_order.number, m.WorkOrder.version == expected)
        .values(version=m.WorkOrder.version + 1, last_modified_by=employee_code, last_modified_at=at)
        .execution_options(synchronize_session=False)
    ))
    if result.rowcount != 1:
        session.refresh(work_order)
        raise StaleWorkOrderError(work_order.damage_report_number, work_order.last_modified_by,
                                  work_order.last_modified_at)
    session.refresh(work_order)


def _apply(work_order: m.WorkOrder, order: WorkOrderData) -> None:
    work_order.status = order.status
    work_order.opened_date = order.opened_date
    work_order.repair_shop = order.repair_shop
    work_order.invoice_number = order.invoice_number
    work_order.estimate = order.estimate
    work_order.out_of_service_date = order.out_of_service_date
    work_order.repair_date = order.repair_date
    old = [(line.description, line.kind, line.amount) for line in work_order.cost_lines]
    new = [(line.description, line.kind, line.amount) for line in order.cost_lines]
    if old != new:
        work_order.cost_lines = [m.WorkOrderCostLine(description=d, kind=k, amount=a) for d, k, a in new]


def _sync_vehicle_history(session: Session, report_number: int, work_order: m.WorkOrder) -> int:
    """CLOSED with a repair date: the report's damage records are repaired on that date (the unrepaired-damage
    prompt stops offering them; F6 shows the date). Reopened: they are unrepaired again."""
    rows = session.scalars(select(m.VehicleHistory).where(m.VehicleHistory.damage_report_number == report_number))
    marked = 0
    for row in rows:
        if work_order.status == CLOSED and work_order.repair_date is not None:
            if not row.repaired or row.repaired_date != work_order.repair_date:
                row.repaired = True
                row.repaired_date = work_order.repair_date
                marked += 1
        elif row.repaired:
            row.repaired = False
            row.repaired_date = None
    return marked


def _text(value: object) -> str:
    return display_value(value)


def _audit(session: Session, report_number: int, previous: WorkOrderData | None, current: WorkOrderData,
           employee_code: str, at: datetime) -> None:
    """Like page 2: "an automatic entry is made on the Damage Note. The data recorded is the field name, old value,
    new value, employee code, data and time of the edit" -- one audit entry and one note per changed field."""
    for title, old, new in audit_changes(previous, current):
        notes_repo.add_audit_entry(session, report_number, employee_code, title, old, new, at)
        notes_repo.add_note(session, report_number, employee_code, f"{title}: {_text(old)} -> {_text(new)}", at)


def audit_changes(previous: WorkOrderData | None, current: WorkOrderData) -> list[tuple[str, str | None, str | None]]:
    """(field title, old, new) of every field a save changed; a new work order says so first."""
    out: list[tuple[str, str | None, str | None]] = []
    if previous is None:
        out.append(("WORK ORDER", None, str(current.number)))
    for name in ("status", "opened_date", "repair_shop", "invoice_number", "estimate", "out_of_service_date",
                 "repair_date"):
        old = getattr(previous, name) if previous is not None else None
        new = getattr(current, name)
        if old != new:
            number, label = LABELS[name]
            out.append((f"WORK ORDER {number} {label}", _value(old), _value(new)))
    old_lines = _lines(previous.cost_lines if previous is not None else [])
    new_lines = _lines(current.cost_lines)
    for i in range(max(len(old_lines), len(new_lines))):
        old = old_lines[i] if i < len(old_lines) else None
        new = new_lines[i] if i < len(new_lines) else None
        if old != new:
            out.append((f"WORK ORDER LINE {i + 1}", old, new))
    return out


def _value(value: object) -> str | None:
    return None if value is None or value == "" else display_value(value)


def _lines(lines: Iterable[Any]) -> list[str]:
    return [f"{line.description} {line.kind} {display_value(line.amount)}" for line in lines]


# ----------------------------------------------------------------------------------------------------------------
# Import and the sample data
# ----------------------------------------------------------------------------------------------------------------


def import_work_order_json(db: Database, report_number: int | None, payload: Any, *, employee_code: str,  # noqa: ANN401
                           connector: Any = None) -> WorkOrderSaved:  # noqa: ANN401
    """`carsplus workorder import FILE`: the JSON form through the same validation and version check as the
    screen's F1. The report is the file's `report_number` (or the one given)."""
    order = load_work_order(payload)
    number = report_number or order.report_number
    if number is None:
        raise ReportValidationError([work_order_error("report_number", "is required (the damage report's number)")])
    try:
        return save_work_order(db, number, order, employee_code, connector=connector)
    except ReportNotFoundError as exc:
        raise ReportValidationError([work_order_error(
            "report_number", f"report {exc.report_number} is not on file")]) from None
    except StaleWorkOrderError as exc:
        when = format_shown_datetime(exc.changed_at) if exc.changed_at else "*"
        raise ReportValidationError([work_order_error(
            "version",
            f"{order.version if order.version is not None else 'blank'} is not the work order's current version: "
            f"changed by {exc.changed_by} at {when} (export it again with `carsplus workorder show {number}`)",
        )]) from None


def record_work_order(
    session: Session,
    report_number: int,
    *,
    number: int,
    status: str,
    opened_date: date | None,
    repair_date: date | None = None,
    cost_lines: Iterable[tuple[str, Decimal] | tuple[str, str, Decimal]] = (),
    repair_shop: str | None = None,
    employee_code: str | None = None,
    at: datetime | None = None,
) -> m.WorkOrder:
    """Sample data and the bulk generator: a work order with its given number, written straight into an open
    session (the counter row follows by `reference.sync_key_sequences`). Lines are (description, amount) or
    (description, kind, amount)."""
    report = reports_repo.load_report(session, report_number)
    if report is None:
        raise ReportNotFoundError(report_number)
    work_order = _work_order_of(session, report_number)
    if work_order is None:
        work_order = m.WorkOrder(number=number, damage_report_number=report_number, version=1)
        session.add(work_order)
    work_order.status = status.upper()
    work_order.opened_date = opened_date
    work_order.repair_date = repair_date
    work_order.repair_shop = repair_shop
    work_order.last_modified_by = employee_code
    work_order.last_modified_at = at
    lines = []
    for line in cost_lines:
        description, kind, amount = line if len(line) == 3 else (line[0], "O", line[1])  # type: ignore[misc]
        lines.append(m.WorkOrderCostLine(description=description.upper()[:30], kind=kind, amount=amount))
    work_order.cost_lines = lines
    session.flush()
    _sync_vehicle_history(session, report_number, work_order)
    session.expire(report, ["work_order"])
    refresh_statuses(session, report)
    return work_order
