"""`carsplus sample load`: the shipped sample data (sample_data/*.json, described in sample_data/README.md).

Reference data is inserted directly; the damage reports go through the same save use case as the screens, so the
sample can never hold a report the program itself would refuse.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from carsplus_tui.db import migrate, reference
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import PAGE2_INPUTS
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.resources import resource_path
from carsplus_tui.services.passwords import hash_password
from carsplus_tui.services.reports import load_report_data, save_report
from carsplus_tui.services.work_orders import record_work_order

REPORT_EXTRA_KEYS = ("created_by", "created_at", "work_order")


class SampleDataError(RuntimeError):
    """The sample data cannot be loaded: a file missing or wrong, or a database that already holds data."""


def _read(directory: Path, name: str) -> Any:  # noqa: ANN401
    path = directory / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SampleDataError(f"sample data file {path} is missing") from None
    except json.JSONDecodeError as exc:
        raise SampleDataError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _money(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


# The record shapes of sample_data's customers / vehicles / rental_agreements files, shared with `carsplus fleet
# import` (services/fleet.py), which loads the same shapes from the rental system.
def customer_values(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "dob": _date(row.get("dob")), "dl_expiry": _date(row.get("dl_expiry"))}


def rental_agreement_values(row: dict[str, Any]) -> dict[str, Any]:
    """The RA's own columns (not its vehicles or charges)."""
    return {
        "ra_number": row["ra_number"], "renter_customer_number": row.get("renter_customer_number"),
        "status": row["status"], "open_date": _date(row.get("open_date")), "open_location": row.get("open_location"),
        "close_date": _date(row.get("close_date")), "close_location": row.get("close_location"),
        "coverage_sold": row.get("coverage_sold"), "excess": _money(row.get("excess")),
        "daily_rate": _money(row.get("daily_rate")),
    }


def ra_vehicles(vehicle_ids: list[int]) -> list[m.RaVehicle]:
    return [m.RaVehicle(sequence=i, vehicle_id=vid) for i, vid in enumerate(vehicle_ids, start=1)]


def ra_charges(row: dict[str, Any]) -> list[m.RaCharge]:
    return [
        m.RaCharge(code=c["code"], description=c["description"], amount=Decimal(c["amount"]), kind=c["kind"],
                   posted=c["posted"])
        for c in row.get("charges", [])
    ]


def database_holds_data(db: Database) -> str | None:
    """A short description of what the database holds, or None when it is empty."""
    with db.read() as session:
        counts = {
            "reports": session.scalar(select(func.count()).select_from(m.DamageReport)),
            "employees": session.scalar(select(func.count()).select_from(m.Employee)),
            "locations": session.scalar(select(func.count()).select_from(m.Location)),
        }
    if not any(counts.values()):
        return None
    return ", ".join(f"{count} {name}" for name, count in counts.items() if count)


def load_sample_data(db: Database, *, force: bool = False, directory: Path | None = None) -> str:
    """Load the sample data into an empty (migrated) database. A database that holds data is refused unless
    `force`, which empties it first (all tables are dropped and re-created by the migrations)."""
    directory = directory or resource_path("sample_data")
    held = database_holds_data(db)
    if held:
        if not force:
            raise SampleDataError(f"the database already holds data ({held}); use --force to replace it")
        migrate.downgrade(db.engine, "base")
        migrate.upgrade(db.engine)

    _load_reference(db, directory)
    reports = _read(directory, "damage_reports.json")
    for position, raw in enumerate(reports, start=1):
        _load_report(db, position, raw)
    with db.read() as session:
        employees = session.scalar(select(func.count()).select_from(m.Employee))
        vehicles = session.scalar(select(func.count()).select_from(m.Vehicle))
        ras = session.scalar(select(func.count()).select_from(m.RentalAgreement))
    return (
        f"sample data loaded: {employees} employees, {vehicles} vehicles, {ras} rental agreements, "
        f"{len(reports)} damage reports"
    )


def _load_reference(db: Database, directory: Path) -> None:
    control = _read(directory, "control.json")
    with db.write() as session:
        session.add(m.DamageControl(id=1, **control))
        for row in _read(directory, "locations.json"):
            session.add(m.Location(**row))
        session.flush()
        for row in _read(directory, "employees.json"):
            employee = m.Employee(
                code=row["code"], name=row["name"], location_code=row["location"],
                password_hash=hash_password(row["password"]), failed_sign_ons=0,
            )
            employee.access = m.UserAccess(access_claim=row["access_claim"], restrict_editclos=row["restrict_editclos"],
                                           administrator=row.get("administrator", False))
            session.add(employee)
        for row in _read(directory, "damage_types.json"):
            session.add(m.DamageType(**row))
        for row in _read(directory, "claim_categories.json"):
            session.add(m.ClaimCategory(**row))
        if (directory / "class_daily_rates.json").exists():  # the control record's loss-of-use rates
            for row in _read(directory, "class_daily_rates.json"):
                session.add(m.ClassDailyRate(vehicle_class=row["vehicle_class"], daily_rate=_money(row["daily_rate"])))
        for row in _read(directory, "service_codes.json"):
            code = m.ServiceCode(code=row["code"], description=row["description"],
                                 show_on_damage_entry=row["show_on_damage_entry"])
            code.model_codes = [m.ServiceCodeModel(model_code=mc) for mc in row.get("model_codes", [])]
            session.add(code)
        for row in _read(directory, "customers.json"):
            session.add(m.Customer(**customer_values(row)))
        session.flush()
        for row in _read(directory, "vehicles.json"):
            session.add(m.Vehicle(**row))
        session.flush()
        for row in _read(directory, "rental_agreements.json"):
            ra = m.RentalAgreement(**rental_agreement_values(row))
            ra.vehicles = ra_vehicles(row["vehicles"])
            ra.charges = ra_charges(row)
            session.add(ra)
        for row in _read(directory, "non_rev_tickets.json"):
            session.add(m.NonRevTicket(**{**row, "out_date": _date(row.get("out_date")),
                                          "in_date": _date(row.get("in_date"))}))
        session.flush()
        reference.sync_key_sequences(session)


def _load_report(db: Database, position: int, raw: dict[str, Any]) -> None:
    """As it happens at the counter: the agent who created the report saves page 1; then a claims clerk with edit
    access to page 2 fills in the claim and the notes (which writes the audit trail); then the work order."""
    payload = {k: v for k, v in raw.items() if k not in REPORT_EXTRA_KEYS}
    expected_number = payload.pop("report_number", None) or position
    payload["version"] = None
    created_at = datetime.fromisoformat(raw["created_at"])
    try:
        full = load_report(payload)
        page1 = full.model_copy(update={**{name: None for name in PAGE2_INPUTS}, "notes": []})
        result = save_report(db, page1, raw["created_by"], at=created_at)
        if result.report_number != expected_number:
            raise SampleDataError(
                f"sample damage report {expected_number} was saved as {result.report_number}: "
                "load into an empty database"
            )
        if any(getattr(full, name) is not None for name in PAGE2_INPUTS) or full.notes:
            saved = load_report_data(db, result.report_number)
            clerk = _clerk_for(db, full.claim_employee)
            at = max([created_at + timedelta(hours=1), *(note.at for note in full.notes)])
            page2 = saved.model_copy(
                update={**{name: getattr(full, name) for name in PAGE2_INPUTS}, "notes": list(full.notes)}
            )
            save_report(db, page2, clerk, at=at, keep_note_authors=True)  # the sample history's own notes
    except ReportValidationError as exc:
        raise SampleDataError(f"sample damage report {expected_number} is invalid:\n{exc}") from None
    work_order = raw.get("work_order")
    if work_order:
        with db.write() as session:
            record_work_order(
                session, result.report_number, number=work_order["number"], status=work_order["status"],
                opened_date=_date(work_order.get("opened_date")), repair_date=_date(work_order.get("repair_date")),
                cost_lines=[(line["description"], line.get("kind") or "O", Decimal(line["amount"]))
                            for line in work_order["cost_lines"]],
                repair_shop=work_order.get("repair_shop"), employee_code=_clerk_for(db, raw.get("claim_employee")),
                at=datetime.fromisoformat(raw["last_modified_at"]) if raw.get("last_modified_at") else None,
            )
            reference.sync_key_sequences(session)


def _clerk_for(db: Database, preferred: str | None) -> str:
    """The claim's employee when they may edit page 2, else the first employee who may."""
    with db.read() as session:
        editors = session.scalars(
            select(m.UserAccess.employee_code).where(m.UserAccess.access_claim == "edit")
            .order_by(m.UserAccess.employee_code)
        ).all()
    if not editors:
        raise SampleDataError("no employee in employees.json may edit claims (access_claim edit)")
    return preferred if preferred is not None and preferred in editors else editors[0]


def sample_passwords_in_use(db: Database, *, directory: Path | None = None) -> list[str]:
    """The employee codes that still sign on with the password the shipped sample data gave them (anyone who has
    read sample_data/README.md knows it). `carsplus serve` refuses to listen beyond loopback while there is one."""
    from carsplus_tui.services.passwords import verify_password

    shipped = {row["code"]: row["password"] for row in _read(directory or resource_path("sample_data"), "employees.json")}
    with db.read() as session:
        stored = dict(session.execute(
            select(m.Employee.code, m.Employee.password_hash).where(m.Employee.code.in_(shipped))).all())
    return sorted(code for code, password_hash in stored.items() if verify_password(shipped[code], password_hash))
