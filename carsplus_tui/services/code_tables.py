"""The code tables IT keeps: Damage Type codes (Edit Damage Codes), Vehicle History Service Codes shown on damage
entry (with the model codes they apply to), Claim Category codes, and Locations.

A code in use cannot be deleted (the refusal says where it is used); it can be retired, so it no longer appears in
the Shift+F7 look-ups nor is accepted on a new entry, while the reports that used it keep it.
Every change is audited (program = the table's name, record = the code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.maintenance import MaintenanceError, audit_changes, check_not_stale


@dataclass(frozen=True)
class Table:
    name: str  # as typed in `carsplus codes … TABLE`
    model: Any
    width: int  # of the code
    description_width: int
    description_attr: str = "description"


TABLES = {
    "damage-types": Table("damage-types", m.DamageType, 1, 20),
    "service-codes": Table("service-codes", m.ServiceCode, 6, 30),
    "claim-categories": Table("claim-categories", m.ClaimCategory, 3, 30),
    "locations": Table("locations", m.Location, 6, 30, "name"),
}


@dataclass(frozen=True)
class CodeRow:
    code: str
    description: str
    retired: bool = False
    show_on_damage_entry: bool | None = None  # service codes only
    model_codes: tuple[str, ...] = field(default_factory=tuple)  # service codes only: empty = every vehicle

    def fields(self) -> dict[str, Any]:
        return {"description": self.description, "retired": self.retired,
                "show_on_damage_entry": self.show_on_damage_entry, "model_codes": list(self.model_codes)}


def table(name: str) -> Table:
    found = TABLES.get(name.strip().lower())
    if found is None:
        raise MaintenanceError(f"no code table {name!r}; one of: {', '.join(TABLES)}")
    return found


def _row(t: Table, obj: Any) -> CodeRow:  # noqa: ANN401
    if t.model is m.ServiceCode:
        return CodeRow(obj.code, obj.description, bool(obj.retired), bool(obj.show_on_damage_entry),
                       tuple(sorted(mc.model_code for mc in obj.model_codes)))
    return CodeRow(obj.code, getattr(obj, t.description_attr), bool(obj.retired))


def _check_code(t: Table, code: str) -> str:
    code = code.strip().upper()
    if not code or len(code) > t.width or not code.isalnum():
        raise MaintenanceError(f"a {t.name} code is 1 to {t.width} letters or digits, not {code!r}")
    return code


def _check_description(t: Table, description: str) -> str:
    description = " ".join(description.split()).upper()
    if not description:
        raise MaintenanceError("the description may not be blank")
    if len(description) > t.description_width:
        raise MaintenanceError(f"the description is at most {t.description_width} characters")
    return description


def _model_codes(codes: Sequence[str]) -> list[str]:
    cleaned = sorted({c.strip().upper() for c in codes if c.strip()})
    for c in cleaned:
        if len(c) > 6 or not c.isalnum():
            raise MaintenanceError(f"model code {c!r} must be 1 to 6 letters or digits")
    return cleaned


def list_codes(db: Database, name: str) -> list[CodeRow]:
    t = table(name)
    with db.read() as session:
        return [_row(t, obj) for obj in session.scalars(select(t.model).order_by(t.model.code))]


def add_code(db: Database, name: str, code: str, description: str, *, by: str,
             show_on_damage_entry: bool = True, model_codes: Sequence[str] = ()) -> CodeRow:
    """Add a code (a retired one with this code is brought back with the new description)."""
    t = table(name)
    code = _check_code(t, code)
    description = _check_description(t, description)
    limited = _model_codes(model_codes)
    with db.write() as session:
        obj = session.get(t.model, code, with_for_update=True)
        before = _row(t, obj).fields() if obj is not None else {}
        if obj is not None and not obj.retired:
            raise MaintenanceError(f"{t.name} code {code} already exists")
        if obj is None:
            obj = t.model(code=code)
            session.add(obj)
        setattr(obj, t.description_attr, description)
        obj.retired = False
        if t.model is m.ServiceCode:
            obj.show_on_damage_entry = show_on_damage_entry
            obj.model_codes = [m.ServiceCodeModel(model_code=mc) for mc in limited]
        elif limited:
            raise MaintenanceError("only service codes are limited to model codes")
        session.flush()
        after = _row(t, obj)
        audit_changes(session, by, t.name.upper()[:10], code, before, after.fields())
        return after


def update_code(db: Database, name: str, code: str, *, by: str, description: str | None = None,
                retired: bool | None = None, show_on_damage_entry: bool | None = None,
                model_codes: Sequence[str] | None = None, expected: CodeRow | None = None) -> list[str]:
    """Change a code's description, retired flag, or (service codes) shown-on-entry and model codes."""
    t = table(name)
    code = _check_code(t, code)
    with db.write() as session:
        obj = session.get(t.model, code, with_for_update=True)
        if obj is None:
            raise MaintenanceError(f"{t.name} code {code} is not on file")
        before = _row(t, obj)
        check_not_stale(expected.fields() if expected else None, before.fields())
        if description is not None:
            setattr(obj, t.description_attr, _check_description(t, description))
        if retired is not None:
            obj.retired = retired
        if t.model is m.ServiceCode:
            if show_on_damage_entry is not None:
                obj.show_on_damage_entry = show_on_damage_entry
            if model_codes is not None:
                obj.model_codes = [m.ServiceCodeModel(model_code=mc) for mc in _model_codes(model_codes)]
        elif show_on_damage_entry is not None or model_codes:
            raise MaintenanceError("only service codes have model codes and a shown-on-entry flag")
        session.flush()
        return audit_changes(session, by, t.name.upper()[:10], code, before.fields(), _row(t, obj).fields())


def retire_code(db: Database, name: str, code: str, *, by: str) -> list[str]:
    return update_code(db, name, code, by=by, retired=True)


def where_used(session: Session, t: Table, code: str) -> list[str]:
    """Where a code is used, e.g. ['3 damage lines (reports 4, 9, 12)']."""
    uses: list[tuple[str, Any, Any]] = []  # (what, column, report-number column or None)
    if t.model is m.DamageType:
        uses = [("damage lines", m.DamageLine.damage_type, m.DamageLine.report_number),
                ("vehicle history records", m.VehicleHistory.damage_type, m.VehicleHistory.damage_report_number)]
    elif t.model is m.ServiceCode:
        uses = [("damage lines", m.DamageLine.service_code, m.DamageLine.report_number),
                ("vehicle history records", m.VehicleHistory.service_code, m.VehicleHistory.damage_report_number)]
    elif t.model is m.ClaimCategory:
        uses = [("damage reports", m.DamageReport.accident_category, m.DamageReport.report_number)]
    else:
        uses = [("damage reports (claim location)", m.DamageReport.claim_location, m.DamageReport.report_number),
                ("employees", m.Employee.location_code, None), ("vehicles", m.Vehicle.owning_location, None)]
        ra = m.RentalAgreement
        count = session.scalar(select(func.count()).select_from(ra).where(
            or_(ra.open_location == code, ra.close_location == code)))
        nr = m.NonRevTicket
        tickets = session.scalar(select(func.count()).select_from(nr).where(
            or_(nr.out_location == code, nr.in_location == code)))
        extra = [f"{count} rental agreements"] if count else []
        extra += [f"{tickets} non-rev tickets"] if tickets else []
    found = []
    for what, column, report_column in uses:
        count = session.scalar(select(func.count()).where(column == code)) or 0
        if not count:
            continue
        if report_column is not None:
            numbers = sorted(set(session.scalars(select(report_column).where(column == code).limit(50))))
            shown = ", ".join(str(n) for n in numbers[:5]) + (", ..." if len(numbers) > 5 else "")
            found.append(f"{count} {what} (reports {shown})")
        else:
            found.append(f"{count} {what}")
    if t.model is m.Location:
        found += extra
    return found


def delete_code(db: Database, name: str, code: str, *, by: str) -> None:
    """Delete a code no record uses; one in use is refused, naming where (retire it instead)."""
    t = table(name)
    code = _check_code(t, code)
    with db.write() as session:
        obj = session.get(t.model, code, with_for_update=True)
        if obj is None:
            raise MaintenanceError(f"{t.name} code {code} is not on file")
        used = where_used(session, t, code)
        if used:
            raise MaintenanceError(f"{t.name} code {code} is used by {'; '.join(used)}: retire it instead")
        before = _row(t, obj).fields()
        session.delete(obj)
        audit_changes(session, by, t.name.upper()[:10], code, before, {"deleted": True})
