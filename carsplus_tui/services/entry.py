"""What page 1 shows about an RA, a non-rev ticket or a vehicle, and the defaults the manual derives from them.

"If a RA number was entered in Field 1, several fields in the center and right hand columns will display pertinent
information about the RA and the vehicle."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.domain import engine
from carsplus_tui.domain.permissions import RaStatus
from carsplus_tui.services.report_mapping import control_settings, damage_charges


@dataclass(frozen=True)
class VehicleSummary:
    id: int
    unit_number: str
    licence: str | None
    make: str | None
    model: str | None
    model_code: str | None
    year: int | None
    owning_location: str | None


@dataclass(frozen=True)
class TransactionSummary:
    """An RA or a non-rev ticket as page 1's display-only fields show it."""

    kind: str  # "RA" or "NON-REV"
    number: str
    status: RaStatus  # O / C / P (a non-rev ticket: O / C)
    renter_name: str | None
    renter_address: str | None
    renter_city: str | None
    renter_state: str | None
    renter_zip: str | None
    open_date: date | None
    open_location: str | None
    close_date: date | None
    close_location: str | None
    coverage_sold: str | None
    excess: Decimal | None
    charge_on_ra: str | None  # Y / N
    vehicles: tuple[VehicleSummary, ...]  # in the order carried; the last is the one on it now
    damage_covered_default: str
    excess_charged_default: Decimal | None

    @property
    def current_vehicle(self) -> VehicleSummary | None:
        return self.vehicles[-1] if self.vehicles else None


def summarize_vehicle(vehicle: m.Vehicle) -> VehicleSummary:
    return VehicleSummary(vehicle.id, vehicle.unit_number, vehicle.licence, vehicle.make, vehicle.model,
                          vehicle.model_code, vehicle.year, vehicle.owning_location)


def lookup_rental_agreement(db: Database, ra_number: str) -> TransactionSummary | None:
    with db.read() as session:
        ra = reference.find_rental_agreement(session, ra_number)
        if ra is None:
            return None
        control = control_settings(reference.get_control(session))
        renter = ra.renter
        return TransactionSummary(
            kind="RA", number=ra.ra_number, status=ra.status,
            renter_name=renter.last_name if renter else None,
            renter_address=renter.address if renter else None, renter_city=renter.city if renter else None,
            renter_state=renter.state if renter else None, renter_zip=renter.zip if renter else None,
            open_date=ra.open_date, open_location=ra.open_location, close_date=ra.close_date,
            close_location=ra.close_location, coverage_sold=ra.coverage_sold, excess=ra.excess,
            charge_on_ra="Y" if damage_charges(ra, control.damage_option_code) else "N",
            vehicles=tuple(summarize_vehicle(rv.vehicle) for rv in ra.vehicles),
            damage_covered_default=engine.damage_covered_default(ra.coverage_sold, control, True),
            excess_charged_default=engine.excess_charged_default(ra.excess),
        )


def lookup_non_rev_ticket(db: Database, number: str) -> TransactionSummary | None:
    with db.read() as session:
        ticket = reference.find_non_rev_ticket(session, number)
        if ticket is None:
            return None
        control = control_settings(reference.get_control(session))
        return TransactionSummary(
            kind="NON-REV", number=ticket.number, status=ticket.status, renter_name=None, renter_address=None,
            renter_city=None, renter_state=None, renter_zip=None, open_date=ticket.out_date,
            open_location=ticket.out_location, close_date=ticket.in_date, close_location=ticket.in_location,
            coverage_sold=None, excess=None, charge_on_ra=None, vehicles=(summarize_vehicle(ticket.vehicle),),
            damage_covered_default=engine.damage_covered_default(None, control, False),
            excess_charged_default=None,
        )


def find_vehicles(db: Database, unit_or_licence: str) -> list[VehicleSummary]:
    """Field 3: every vehicle with this unit # (several owners may share one), or by licence when the system is
    configured "to access vehicles by their license number"."""
    with db.read() as session:
        control = reference.get_control(session)
        if control.vehicle_lookup_by_licence:
            vehicle = reference.vehicle_by_licence(session, unit_or_licence)
            return [summarize_vehicle(vehicle)] if vehicle else []
        return [summarize_vehicle(v) for v in reference.vehicles_by_unit(session, unit_or_licence)]


def get_vehicle(db: Database, vehicle_id: int) -> VehicleSummary | None:
    with db.read() as session:
        vehicle = session.get(m.Vehicle, vehicle_id)
        return summarize_vehicle(vehicle) if vehicle else None


def damage_covered_default_without_ra(db: Database) -> str:
    with db.read() as session:
        return engine.damage_covered_default(None, control_settings(reference.get_control(session)), False)


def control(db: Database):  # noqa: ANN201
    """The control switches as the domain sees them (Ausie Rules, DMGENT67, ...)."""
    with db.read() as session:
        return control_settings(reference.get_control(session))


@dataclass(frozen=True)
class DamageOnFile:
    """An unrepaired Vehicle History damage line."""

    report_number: int
    line: int
    code: str | None
    description: str | None
    damage_type: str | None


def unrepaired_damage_lines(db: Database, vehicle_id: int) -> list[DamageOnFile]:
    with db.read() as session:
        return [DamageOnFile(h.damage_report_number, h.line, h.service_code, h.description, h.damage_type)
                for h in reference.unrepaired_damage(session, vehicle_id)]
