"""`carsplus config export|import`: the control record, the code tables and the employees with their User Access
records as one JSON document, to set up a new database like an existing one. The import is validated as a whole
and written in one transaction (all or nothing), into a database that holds none of it yet."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.domain.loss_of_use import parse_class_rates
from carsplus_tui.domain.money import format_money, parse_money
from carsplus_tui.services.control_file import SWITCHES, parse
from carsplus_tui.services.maintenance import MaintenanceError, audit_changes

FORMAT = "carsplus-config"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocationIn(_Strict):
    code: str = Field(min_length=1, max_length=6)
    name: str = Field(min_length=1, max_length=30)
    address: str | None = Field(None, max_length=30)
    city: str | None = Field(None, max_length=20)
    state: str | None = Field(None, max_length=2)
    zip: str | None = Field(None, max_length=10)
    phone: str | None = Field(None, max_length=14)
    retired: bool = False


class CodeIn(_Strict):
    code: str = Field(min_length=1, max_length=3)
    description: str = Field(min_length=1, max_length=30)
    retired: bool = False


class DamageTypeIn(CodeIn):
    code: str = Field(min_length=1, max_length=1)
    description: str = Field(min_length=1, max_length=20)


class ServiceCodeIn(_Strict):
    code: str = Field(min_length=1, max_length=6)
    description: str = Field(min_length=1, max_length=30)
    show_on_damage_entry: bool = True
    model_codes: list[str] = []
    retired: bool = False


class EmployeeIn(_Strict):
    code: str = Field(min_length=1, max_length=6)
    name: str = Field(min_length=1, max_length=30)
    location: str
    password_hash: str = Field(min_length=1, max_length=200)
    access_claim: Literal["edit", "view", "none"]
    restrict_editclos: bool = False
    administrator: bool = False
    first_screen: Literal["DMGENT", "MENU"] = "DMGENT"


class ConfigDocument(_Strict):
    format: Literal["carsplus-config"]
    version: Literal[1]
    control: dict[str, Any]
    locations: list[LocationIn]
    damage_types: list[DamageTypeIn]
    service_codes: list[ServiceCodeIn]
    claim_categories: list[CodeIn]
    employees: list[EmployeeIn]
    # the control record's loss-of-use daily rate per vehicle class ("MIDSIZE": "36.99"); absent = none
    class_daily_rates: dict[str, str] = Field(default_factory=dict)


def export_config(db: Database) -> dict[str, Any]:
    with db.read() as session:
        control = reference.get_control(session)
        return {
            "format": FORMAT,
            "version": 1,
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "control": {s.key: getattr(control, s.key) for s in SWITCHES},
            "class_daily_rates": {row.vehicle_class: format_money(row.daily_rate)
                                  for row in session.scalars(select(m.ClassDailyRate)
                                                             .order_by(m.ClassDailyRate.vehicle_class))},
            "locations": [{"code": x.code, "name": x.name, "address": x.address, "city": x.city, "state": x.state,
                           "zip": x.zip, "phone": x.phone, "retired": x.retired}
                          for x in reference.locations(session)],
            "damage_types": [{"code": x.code, "description": x.description, "retired": x.retired}
                             for x in reference.damage_types(session)],
            "service_codes": [{"code": x.code, "description": x.description,
                               "show_on_damage_entry": x.show_on_damage_entry,
                               "model_codes": [mc.model_code for mc in x.model_codes], "retired": x.retired}
                              for x in session.scalars(select(m.ServiceCode).order_by(m.ServiceCode.code))],
            "claim_categories": [{"code": x.code, "description": x.description, "retired": x.retired}
                                 for x in reference.claim_categories(session)],
            "employees": [{"code": e.code, "name": e.name, "location": e.location_code,
                           "password_hash": e.password_hash,
                           "access_claim": e.access.access_claim if e.access else "none",
                           "restrict_editclos": bool(e.access and e.access.restrict_editclos),
                           "administrator": bool(e.access and e.access.administrator),
                           "first_screen": (e.access.first_screen if e.access else None) or "DMGENT"}
                          for e in reference.employees(session)],
        }


def _validate(payload: Any) -> ConfigDocument:  # noqa: ANN401
    payload = dict(payload) if isinstance(payload, dict) else payload
    if isinstance(payload, dict):
        payload.pop("exported_at", None)
    try:
        document = ConfigDocument.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MaintenanceError(f"not a valid configuration: {where}: {first['msg']}") from None
    try:
        control = {key: parse(key, value) for key, value in document.control.items()}
    except MaintenanceError as exc:
        raise MaintenanceError(f"not a valid configuration: control: {exc}") from None
    document.control.update(control)
    try:
        rates = parse_class_rates(document.class_daily_rates)
    except ValueError as exc:
        raise MaintenanceError(f"not a valid configuration: class_daily_rates: {exc}") from None
    document.class_daily_rates = {cls: format_money(rate) for cls, rate in rates.items()}
    codes = {x.code for x in document.locations}
    for e in document.employees:
        if e.location not in codes:
            raise MaintenanceError(f"not a valid configuration: employee {e.code}: location {e.location} is not in it")
    for name in ("locations", "damage_types", "service_codes", "claim_categories", "employees"):
        seen = [x.code for x in getattr(document, name)]
        if len(seen) != len(set(seen)):
            raise MaintenanceError(f"not a valid configuration: {name}: a code appears twice")
    if not any(e.administrator for e in document.employees):
        raise MaintenanceError("not a valid configuration: no employee is an administrator")
    return document


def import_config(db: Database, payload: Any, *, by: str) -> str:  # noqa: ANN401
    """Write the document into a database that holds no employees, locations or codes yet; a summary line."""
    document = _validate(payload)
    with db.write() as session:
        for model in (m.Employee, m.Location, m.DamageType, m.ServiceCode, m.ClaimCategory):
            if session.scalar(select(func.count()).select_from(model)):
                raise MaintenanceError(f"the database already holds {model.__tablename__}: import into an empty one")
        row = session.get(m.DamageControl, 1) or reference.get_control(session)
        session.add(row)
        for key, value in document.control.items():
            setattr(row, key, value)
        for cls, rate in document.class_daily_rates.items():
            session.merge(m.ClassDailyRate(vehicle_class=cls, daily_rate=parse_money(rate)))
        for location in document.locations:
            session.add(m.Location(**location.model_dump()))
        for damage_type in document.damage_types:
            session.add(m.DamageType(**damage_type.model_dump()))
        for category in document.claim_categories:
            session.add(m.ClaimCategory(**category.model_dump()))
        for service_code in document.service_codes:
            code = m.ServiceCode(**service_code.model_dump(exclude={"model_codes"}))
            code.model_codes = [m.ServiceCodeModel(model_code=mc) for mc in sorted(set(service_code.model_codes))]
            session.add(code)
        session.flush()
        for x in document.employees:
            employee = m.Employee(code=x.code, name=x.name, location_code=x.location, password_hash=x.password_hash,
                                  failed_sign_ons=0)
            employee.access = m.UserAccess(access_claim=x.access_claim, restrict_editclos=x.restrict_editclos,
                                           administrator=x.administrator, first_screen=x.first_screen)
            session.add(employee)
        summary = (f"{len(document.locations)} locations, {len(document.damage_types)} damage types, "
                   f"{len(document.service_codes)} service codes, {len(document.claim_categories)} claim categories, "
                   f"{len(document.employees)} employees")
        audit_changes(session, by, "CONFIG", "IMPORT", {}, {"imported": summary})
    return summary
