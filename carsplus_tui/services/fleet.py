"""`carsplus fleet import FILE`: vehicles and rental agreements from the rental system (CARS+ RA Open / RA Close),
so a company's own database can hold the RAs its damage reports are written on.

The document has the shape of the sample data's files (sample_data/README.md), each list optional:

    {"customers": [...customers.json rows...], "vehicles": [...vehicles.json rows...],
     "rental_agreements": [...rental_agreements.json rows...]}

Every record is checked first and every problem is one line naming the record (`vehicle 592 TUS: ...`,
`RA A0001294: ...`); one problem refuses the whole file and nothing is written. Records are upserted: a vehicle by
Unit # and owning location (several owners may share a Unit #), an RA by RA #, a customer by customer #. A vehicle's
`id` in the file is only the key its RAs' `vehicles` lists use; an RA may also name a vehicle already in the
database by its id, or by a Unit # that only one vehicle carries. Locations must already exist (`carsplus codes add
locations`). Re-importing an RA replaces its vehicles and its rental charges; the charges damage reports added stay.
The rows are built by the same code as `carsplus sample load` (services/sample.py).

Every record added or changed gets one maintenance audit entry (program FLEET, in the same transaction, so a
refused file leaves no audit either): record `UNIT <unit #> <owner>`, `RA <RA #>` or `CUST <customer #>`; a new
record's field is `added`, a changed record's field names the changed fields with their old and new values. A
record the file holds unchanged is neither written nor audited nor counted as changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.services.maintenance import shown
from carsplus_tui.services.reports import refresh_reports_on
from carsplus_tui.services.sample import customer_values, ra_charges, ra_vehicles, rental_agreement_values

MONEY = re.compile(r"^-?\d{1,9}(\.\d{1,2})?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VEHICLE_FIELDS = {"id": int, "unit_number": str, "licence": str, "vin": str, "make": str, "model": str,
                  "model_code": str, "year": int, "owning_location": str, "vehicle_class": str}
VEHICLE_LENGTHS = {"unit_number": 10, "licence": 10, "vin": 17, "make": 15, "model": 15, "model_code": 6,
                   "vehicle_class": 12}
CUSTOMER_LENGTHS = {"customer_type": 3, "last_name": 20, "first_name": 15, "address": 30, "city": 20, "state": 2,
                    "zip": 10, "phone": 14, "cell": 14, "dl_number": 20, "dl_state": 2}
RA_FIELDS = {"ra_number", "renter_customer_number", "status", "open_date", "open_location", "close_date",
             "close_location", "coverage_sold", "excess", "daily_rate", "vehicles", "charges"}
CHARGE_KINDS = ("rental", "optional", "additional")
PROGRAM = "FLEET"


class FleetImportError(ValueError):
    """The file was refused: one line per problem, each naming its record. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class FleetImportResult:
    customers_added: int = 0
    customers_changed: int = 0
    vehicles_added: int = 0
    vehicles_changed: int = 0
    ras_added: int = 0
    ras_changed: int = 0

    def __str__(self) -> str:
        return (f"fleet imported: {self.vehicles_added} vehicles added, {self.vehicles_changed} changed; "
                f"{self.ras_added} rental agreements added, {self.ras_changed} changed; "
                f"{self.customers_added} customers added, {self.customers_changed} changed")


def _text(problems: list[str], key: str, row: dict[str, Any], name: str, length: int, *, required: bool) -> None:
    value = row.get(name)
    if value is None:
        if required:
            problems.append(f"{key}: {name} is required")
        return
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: {name} must be text")
    elif len(value) > length:
        problems.append(f"{key}: {name} {value!r} is longer than {length} characters")


def _date(problems: list[str], key: str, row: dict[str, Any], name: str, *, required: bool = False) -> None:
    from datetime import date

    value = row.get(name)
    if value is None:
        if required:
            problems.append(f"{key}: {name} is required")
        return
    try:
        if not isinstance(value, str) or not DATE.match(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        problems.append(f"{key}: {name} {value!r} is not a date (YYYY-MM-DD)")


def _money(problems: list[str], key: str, value: Any, name: str) -> None:  # noqa: ANN401
    if value is not None and not (isinstance(value, str) and MONEY.match(value)):
        problems.append(f"{key}: {name} {value!r} is not an amount (text such as \"1500.00\")")


def _unknown(problems: list[str], key: str, row: dict[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(row) - set(allowed))
    if extra:
        problems.append(f"{key}: unknown field(s) {', '.join(extra)}")


def _rows(problems: list[str], document: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = document.get(name, [])
    if not isinstance(rows, list):
        problems.append(f"{name}: must be a list of records")
        return []
    good = [row for row in rows if isinstance(row, dict)]
    if len(good) != len(rows):
        problems.append(f"{name}: every entry must be a record ({{...}})")
    return good


def vehicle_key(row: dict[str, Any]) -> str:
    return f"vehicle {row.get('unit_number')} {row.get('owning_location') or ''}".rstrip()


def import_fleet(db: Database, document: Any, *, by: str) -> FleetImportResult:  # noqa: ANN401, C901, PLR0912, PLR0915
    """Check every record of `document`, then upsert all of them in one transaction, each one added or changed
    audited as made by employee `by` (or raise FleetImportError with every problem and write nothing)."""
    if not isinstance(document, dict):
        raise FleetImportError(["the file must hold one JSON object with customers, vehicles, rental_agreements"])
    problems: list[str] = []
    _unknown(problems, "file", document, ("customers", "vehicles", "rental_agreements"))
    customers = _rows(problems, document, "customers")
    vehicles = _rows(problems, document, "vehicles")
    ras = _rows(problems, document, "rental_agreements")

    with db.read() as session:
        locations = set(session.scalars(select(m.Location.code)))
        known_customers = set(session.scalars(select(m.Customer.customer_number)))
        db_vehicles = {v.id: (v.unit_number, v.owning_location) for v in session.scalars(select(m.Vehicle))}

    # customers
    file_customers: set[int] = set()
    for row in customers:
        number = row.get("customer_number")
        key = f"customer {number}"
        if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
            problems.append(f"{key}: customer_number must be a whole number above 0")
        elif number in file_customers:
            problems.append(f"{key}: appears twice in the file")
        else:
            file_customers.add(number)
        _unknown(problems, key, row, {"customer_number", *CUSTOMER_LENGTHS, "dob", "dl_expiry"})
        for name, length in CUSTOMER_LENGTHS.items():
            _text(problems, key, row, name, length, required=name in ("customer_type", "last_name"))
        _date(problems, key, row, "dob")
        _date(problems, key, row, "dl_expiry")

    # vehicles
    file_ids: dict[int, tuple[str, str | None]] = {}
    seen_units: set[tuple[str, str | None]] = set()
    for row in vehicles:
        key = vehicle_key(row)
        _unknown(problems, key, row, VEHICLE_FIELDS)
        for name, length in VEHICLE_LENGTHS.items():
            _text(problems, key, row, name, length, required=name == "unit_number")
        for name in ("id", "year"):
            value = row.get(name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                problems.append(f"{key}: {name} must be a whole number")
        location = row.get("owning_location")
        if location is not None and location not in locations:
            problems.append(f"{key}: owning location {location} is not on file (carsplus codes add locations)")
        unit = (row.get("unit_number"), location)
        if unit in seen_units:
            problems.append(f"{key}: appears twice in the file")
        seen_units.add(unit)  # type: ignore[arg-type]
        if isinstance(row.get("id"), int):
            if row["id"] in file_ids:
                problems.append(f"{key}: id {row['id']} is used by another vehicle of the file")
            file_ids[row["id"]] = unit  # type: ignore[assignment]

    units_everywhere: dict[str, set[tuple[str, str | None]]] = {}
    for unit in [*db_vehicles.values(), *seen_units]:
        units_everywhere.setdefault(unit[0], set()).add(unit)

    # rental agreements
    seen_ras: set[str] = set()
    for row in ras:
        number = row.get("ra_number")
        key = f"RA {number}"
        _unknown(problems, key, row, RA_FIELDS)
        _text(problems, key, row, "ra_number", 10, required=True)
        if number in seen_ras:
            problems.append(f"{key}: appears twice in the file")
        seen_ras.add(number)  # type: ignore[arg-type]
        if row.get("status") not in ("O", "C", "P"):
            problems.append(f"{key}: status {row.get('status')!r} must be O (open), C (closed) or P (posted)")
        _date(problems, key, row, "open_date", required=True)
        _date(problems, key, row, "close_date", required=row.get("status") in ("C", "P"))
        for name in ("open_location", "close_location"):
            code = row.get(name)
            if code is None:
                if name == "open_location" or row.get("status") in ("C", "P"):
                    problems.append(f"{key}: {name} is required")
            elif code not in locations:
                problems.append(f"{key}: {name} {code} is not on file (carsplus codes add locations)")
        _text(problems, key, row, "coverage_sold", 6, required=False)
        _money(problems, key, row.get("excess"), "excess")
        _money(problems, key, row.get("daily_rate"), "daily_rate")
        renter = row.get("renter_customer_number")
        if renter is not None and renter not in file_customers and renter not in known_customers:
            problems.append(f"{key}: renter customer {renter} is not on file nor in the file's customers")
        carried = row.get("vehicles")
        if not isinstance(carried, list) or not carried:
            problems.append(f"{key}: vehicles must list the vehicle(s) the RA carried")
        else:
            for ref in carried:
                if isinstance(ref, bool) or not isinstance(ref, int | str):
                    problems.append(f"{key}: vehicle {ref!r} must be a vehicle id or a Unit #")
                elif isinstance(ref, int) and ref not in file_ids and ref not in db_vehicles:
                    problems.append(f"{key}: vehicle id {ref} is neither in the file nor on file")
                elif isinstance(ref, str) and len(units_everywhere.get(ref, ())) != 1:
                    found = len(units_everywhere.get(ref, ()))
                    problems.append(f"{key}: Unit # {ref} is " + (
                        "not on file" if not found else f"carried by {found} vehicles: give the vehicle id"))
        charges = row.get("charges", [])
        if not isinstance(charges, list) or not all(isinstance(c, dict) for c in charges):
            problems.append(f"{key}: charges must be a list of records")
            continue
        for position, charge in enumerate(charges, start=1):
            where = f"{key}: charge {position}"
            _unknown(problems, where, charge, ("code", "description", "amount", "kind", "posted"))
            _text(problems, where, charge, "code", 6, required=True)
            _text(problems, where, charge, "description", 30, required=True)
            if charge.get("amount") is None:
                problems.append(f"{where}: amount is required")
            _money(problems, where, charge.get("amount"), "amount")
            if charge.get("kind") not in CHARGE_KINDS:
                problems.append(f"{where}: kind {charge.get('kind')!r} must be one of {', '.join(CHARGE_KINDS)}")
            if not isinstance(charge.get("posted"), bool):
                problems.append(f"{where}: posted must be true or false")
    if problems:
        raise FleetImportError(problems)
    return _write(db, customers, vehicles, ras, by)


def _audit(session: Session, by: str, key: str, before: dict[str, Any] | None, after: dict[str, Any]) -> None:
    """One audit entry for the record: `added`, or the changed fields with their old and new values."""
    if before is None:
        field, old, new = "added", None, "added"
    else:
        changed = [name for name, value in after.items() if before.get(name) != value]
        field = " ".join(changed)
        old = " ".join(shown(before.get(name)) or "-" for name in changed)
        new = " ".join(shown(after[name]) or "-" for name in changed)
    session.add(m.MaintenanceAudit(
        at=datetime.now(), employee_code=by[:6], program=PROGRAM, record_key=key[:20], field=field[:40],
        old_value=None if old is None else old[:70], new_value=new[:70],
    ))


def _charge_values(charges: Iterable[m.RaCharge]) -> list[tuple[Any, ...]]:
    return [(c.code, c.description, c.amount, c.kind, c.posted) for c in charges]


def _write(db: Database, customers: list[dict[str, Any]], vehicles: list[dict[str, Any]],  # noqa: C901, PLR0912
           ras: list[dict[str, Any]], by: str) -> FleetImportResult:
    counts = dict.fromkeys(("customers_added", "customers_changed", "vehicles_added", "vehicles_changed",
                            "ras_added", "ras_changed"), 0)
    with db.write() as session:
        for row in customers:
            values = customer_values(row)
            key = f"CUST {values['customer_number']}"
            existing = session.get(m.Customer, values["customer_number"])
            if existing is None:
                session.add(m.Customer(**values))
                _audit(session, by, key, None, values)
                counts["customers_added"] += 1
            else:
                before = {name: getattr(existing, name) for name in values}
                if before != values:
                    for name, value in values.items():
                        setattr(existing, name, value)
                    _audit(session, by, key, before, values)
                    counts["customers_changed"] += 1
        session.flush()
        id_map: dict[int, int] = {}
        by_unit: dict[str, list[int]] = {}
        for row in vehicles:
            values = {k: v for k, v in row.items() if k != "id"}
            key = f"UNIT {row['unit_number']} {row.get('owning_location') or ''}".rstrip()
            vehicle_row: m.Vehicle | None = session.scalars(select(m.Vehicle).where(
                m.Vehicle.unit_number == row["unit_number"],
                m.Vehicle.owning_location.is_(None) if row.get("owning_location") is None
                else m.Vehicle.owning_location == row["owning_location"],
            )).first()
            if vehicle_row is None:
                vehicle_row = m.Vehicle(**values)
                session.add(vehicle_row)
                _audit(session, by, key, None, values)
                counts["vehicles_added"] += 1
            else:
                before = {name: getattr(vehicle_row, name) for name in values}
                if before != values:
                    for name, value in values.items():
                        setattr(vehicle_row, name, value)
                    _audit(session, by, key, before, values)
                    counts["vehicles_changed"] += 1
            session.flush()
            if row.get("id") is not None:
                id_map[row["id"]] = vehicle_row.id
        for vehicle in session.scalars(select(m.Vehicle)):
            by_unit.setdefault(vehicle.unit_number, []).append(vehicle.id)
        changed_ras: list[str] = []
        for row in ras:
            ids = [id_map.get(ref, ref) if isinstance(ref, int) else by_unit[ref][0] for ref in row["vehicles"]]
            values = rental_agreement_values(row)
            key = f"RA {values['ra_number']}"
            existing_ra = reference.load_rental_agreement(session, values["ra_number"])
            if existing_ra is None:
                ra = m.RentalAgreement(**values)
                ra.vehicles = ra_vehicles(ids)
                ra.charges = ra_charges(row)
                session.add(ra)
                _audit(session, by, key, None, values)
                counts["ras_added"] += 1
            else:
                kept = [c for c in existing_ra.charges if c.damage_report_number is not None or c.source]
                rental = [c for c in existing_ra.charges if c not in kept]
                before = {name: getattr(existing_ra, name) for name in values}
                before["vehicles"] = [v.vehicle_id for v in sorted(existing_ra.vehicles, key=lambda v: v.sequence)]
                before["charges"] = _charge_values(rental)
                after = {**values, "vehicles": ids, "charges": _charge_values(ra_charges(row))}
                if before == after:
                    continue
                for name, value in values.items():
                    setattr(existing_ra, name, value)
                existing_ra.vehicles = []
                session.flush()
                existing_ra.vehicles = ra_vehicles(ids)
                existing_ra.charges = [*kept, *ra_charges(row)]
                if before["charges"] != after["charges"]:  # the audit names them, their values are too long
                    before["charges"] = len(before["charges"])
                    after["charges"] = len(after["charges"])
                _audit(session, by, key, before, after)
                counts["ras_changed"] += 1
                changed_ras.append(existing_ra.ra_number)
        # The first report on an RA counts its unadopted RA Close damage charges: its stored money follows them.
        refresh_reports_on(session, changed_ras)
        session.flush()
        reference.sync_key_sequences(session)
    return FleetImportResult(**counts)
