"""Loss of use with its evidence (issue 22): LOU on page 2 fills Misc Costs from the work order's out-of-service and
repair dates x the daily rate, and the fleet utilization log of the vehicle's class and location over those days
says whether a car of the class was really turned away.  The arithmetic is the domain's (domain/loss_of_use.py);
this module gathers the facts: the work order, the vehicle's class and location, the RA's daily rate or the control
record's rate for the class, the fleet, its RAs and its work orders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.domain.loss_of_use import (
    Interval,
    LossOfUseData,
    LossOfUseError,
    UtilizationLog,
    choose_rate,
    derive_loss_of_use,
    parse_class_rates,
    utilization_log,
)
from carsplus_tui.services.maintenance import CHANGED_ELSEWHERE, MaintenanceError, StaleRecordError, audit_changes

__all__ = [
    "LossOfUseError",
    "LossOfUseResult",
    "class_rates",
    "derive_for_report",
    "loss_of_use_for",
    "set_class_rate",
    "utilization_for",
]

PROGRAM = "CONTROL"


@dataclass(frozen=True)
class LossOfUseResult:
    data: LossOfUseData
    log: UtilizationLog


# ----------------------------------------------------------------------------------------------------------------
# The control record's daily rate per vehicle class
# ----------------------------------------------------------------------------------------------------------------


def rates_in(session: Session) -> dict[str, Decimal]:
    return {row.vehicle_class: row.daily_rate for row in session.scalars(select(m.ClassDailyRate))}


def class_rates(db: Database) -> dict[str, Decimal]:
    """The control record's daily rate per vehicle class (`carsplus control show`)."""
    with db.read() as session:
        return rates_in(session)


_UNCHECKED = object()


def set_class_rate(db: Database, vehicle_class: str, rate: str | Decimal | None, *, by: str,
                   expected: Decimal | None | object = _UNCHECKED) -> bool:
    """`carsplus control set daily_rate.CLASS RATE` (a blank or NONE rate removes the class's rate); audited like
    every control-record change (program CONTROL, field daily_rate.CLASS). True when it changed. `expected`: the
    rate as the screen read it (None: no rate then); a different one on file refuses the change (optimistic
    locking, StaleRecordError)."""
    remove = rate is None or str(rate).strip().upper() in ("", "NONE")
    try:
        parsed = parse_class_rates({vehicle_class: "0" if remove else rate})
    except ValueError as exc:
        raise MaintenanceError(str(exc)) from None
    ((cls, value),) = parsed.items()
    key = f"daily_rate.{cls}"
    with db.write() as session:
        row = session.get(m.ClassDailyRate, cls, with_for_update=True)
        before = {key: row.daily_rate if row is not None else None}
        if expected is not _UNCHECKED and before[key] != expected:
            raise StaleRecordError(CHANGED_ELSEWHERE)
        if remove:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(m.ClassDailyRate(vehicle_class=cls, daily_rate=value))
        else:
            row.daily_rate = value
        after = {key: None if remove else value}
        return bool(audit_changes(session, by, PROGRAM, "1", before, after))


# ----------------------------------------------------------------------------------------------------------------
# The fleet utilization log
# ----------------------------------------------------------------------------------------------------------------


def utilization_for(session: Session, vehicle_class: str | None, location: str | None, first_day: date,
                    end_day: date) -> UtilizationLog:
    """The per-day table of the class's fleet at the location for ``first_day`` up to, not including, ``end_day``.

    The fleet: vehicles of the class owned at the location.  On rent: each RA open on a day counts the vehicle it
    carried last (the RA data holds no exchange date, so a vehicle exchanged away is not counted on rent: the log
    never overstates how busy the class was).  Out of service: the fleet's work orders, from their out-of-service
    date to their repair date (open-ended while not repaired)."""
    fleet_ids = list(session.scalars(select(m.Vehicle.id).where(
        m.Vehicle.vehicle_class == vehicle_class, m.Vehicle.owning_location == location)))
    rentals: list[Interval] = []
    stops: list[Interval] = []
    if fleet_ids:
        overlapping = and_(m.RentalAgreement.open_date.is_not(None), m.RentalAgreement.open_date < end_day,
                           or_(m.RentalAgreement.close_date.is_(None), m.RentalAgreement.close_date >= first_day))
        touching = select(m.RaVehicle.ra_number).where(m.RaVehicle.vehicle_id.in_(fleet_ids))
        rows = session.execute(
            select(m.RaVehicle.ra_number, m.RaVehicle.sequence, m.RaVehicle.vehicle_id, m.RentalAgreement.open_date,
                   m.RentalAgreement.close_date)
            .join(m.RentalAgreement, m.RentalAgreement.ra_number == m.RaVehicle.ra_number)
            .where(overlapping, m.RaVehicle.ra_number.in_(touching))
            .order_by(m.RaVehicle.ra_number, m.RaVehicle.sequence)
        ).all()
        last: dict[str, Interval] = {}
        for ra_number, _, vehicle_id, opened, closed in rows:
            if opened is not None:  # the query asks for an open date; the type does not know
                last[ra_number] = Interval(vehicle_id, opened, closed)
        rentals = list(last.values())
        for stopped, out, back in session.execute(
            select(m.DamageReport.vehicle_id, m.WorkOrder.out_of_service_date, m.WorkOrder.repair_date)
            .join(m.DamageReport, m.DamageReport.report_number == m.WorkOrder.damage_report_number)
            .where(m.DamageReport.vehicle_id.in_(fleet_ids), m.WorkOrder.out_of_service_date.is_not(None),
                   m.WorkOrder.out_of_service_date < end_day,
                   or_(m.WorkOrder.repair_date.is_(None), m.WorkOrder.repair_date >= first_day))
        ).all():
            if stopped is not None and out is not None:
                stops.append(Interval(stopped, out, back))
    return utilization_log(fleet_ids, rentals, stops, first_day, end_day, vehicle_class=vehicle_class,
                           location=location)


# ----------------------------------------------------------------------------------------------------------------
# The charge
# ----------------------------------------------------------------------------------------------------------------


def derive_for_report(session: Session, report: m.DamageReport,
                      rates: Mapping[str, Decimal] | None = None) -> LossOfUseResult:
    """LOU for a saved report: its work order's dates, its RA's rate or its vehicle's class rate, and the log."""
    order = report.work_order
    if order is None:
        raise LossOfUseError("LOU: THE REPORT HAS NO WORK ORDER - F2 TO OPEN ONE")
    vehicle = report.vehicle
    if vehicle is None:
        raise LossOfUseError("LOU: THE REPORT HAS NO VEHICLE")
    ra = report.rental_agreement
    rate, source = choose_rate(ra.daily_rate if ra is not None else None, vehicle.vehicle_class,
                               rates if rates is not None else rates_in(session))
    # the dates are checked before the log is built (the domain names what is missing)
    derive_loss_of_use(order.out_of_service_date, order.repair_date, rate, source)
    assert order.out_of_service_date is not None and order.repair_date is not None
    log = utilization_for(session, vehicle.vehicle_class, vehicle.owning_location, order.out_of_service_date,
                          order.repair_date)
    data = derive_loss_of_use(order.out_of_service_date, order.repair_date, rate, source,
                              vehicle_class=vehicle.vehicle_class, location=vehicle.owning_location, log=log)
    return LossOfUseResult(data, log)


def loss_of_use_for(db: Database, report_number: int | None) -> LossOfUseResult:
    """LOU at page 2's OPTION: the charge and its log (LossOfUseError says why not, in the screen's words)."""
    if report_number is None:
        raise LossOfUseError("LOU: SAVE THE REPORT FIRST (F1) - LOSS OF USE NEEDS ITS WORK ORDER")
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:
            raise ReportNotFoundError(report_number)
        return derive_for_report(session, report)


def utilization_log_for(db: Database, report_number: int) -> UtilizationLog:
    """The log of the report's stored loss of use (its days, class and location as charged)."""
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:
            raise ReportNotFoundError(report_number)
        lou = report.loss_of_use
        if lou is None:
            raise LossOfUseError(f"REPORT {report_number} HAS NO LOSS OF USE CHARGED - LOU ON PAGE 2 FIRST")
        return utilization_for(session, lou.vehicle_class, lou.location, lou.out_of_service_date, lou.repair_date)


def stored(row: m.LossOfUse | None) -> dict | None:
    """The stored derivation in the JSON form."""
    if row is None:
        return None
    return LossOfUseData(
        out_of_service_date=row.out_of_service_date, repair_date=row.repair_date, days=row.days,
        daily_rate=row.daily_rate, rate_source=row.rate_source,  # type: ignore[arg-type]
        vehicle_class=row.vehicle_class, location=row.location, amount=row.amount, fleet_size=row.fleet_size,
        days_none_free=row.days_none_free, days_idle=row.days_idle,
    ).model_dump(mode="json")


def write(report: m.DamageReport, value: Mapping | None) -> None:
    """Keep the derivation with the report (None removes it)."""
    if value is None:
        report.loss_of_use = None
        return
    data = LossOfUseData.model_validate(value)
    row = report.loss_of_use or m.LossOfUse()
    row.out_of_service_date = data.out_of_service_date
    row.repair_date = data.repair_date
    row.days = data.days
    row.daily_rate = data.daily_rate
    row.rate_source = data.rate_source
    row.vehicle_class = data.vehicle_class
    row.location = data.location
    row.amount = data.amount
    row.fleet_size = data.fleet_size
    row.days_none_free = data.days_none_free
    row.days_idle = data.days_idle
    report.loss_of_use = row
