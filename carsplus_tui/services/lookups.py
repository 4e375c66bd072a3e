"""The pick lists of page 1 and page 2: the Vehicle File Search (field 3, a unit # with several owners) and the
Shift+F7 code look-ups (Damage Code, damage Type, Accident Category, claim location and employee).

Screens get plain frozen values, never ORM objects, so nothing they hold can reach back into a closed Session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database

__all__ = [
    "CodeChoice",
    "VehicleChoice",
    "claim_categories",
    "damage_codes_for_model",
    "damage_types",
    "employees",
    "locations",
    "vehicle_for_licence",
    "vehicles_for_unit",
]


@dataclass(frozen=True)
class CodeChoice:
    """One line of a Shift+F7 pop-up: the code and its description."""

    code: str
    description: str


@dataclass(frozen=True)
class VehicleChoice:
    """One line of the Vehicle File Search."""

    id: int
    unit_number: str
    licence: str | None
    make: str | None
    model: str | None
    year: int | None
    owning_location: str | None
    model_code: str | None = None  # decides which damage codes apply (Shift+F7 on fields 15-23)


def _vehicle(v: m.Vehicle) -> VehicleChoice:
    return VehicleChoice(
        id=v.id,
        unit_number=v.unit_number,
        licence=v.licence,
        make=v.make,
        model=v.model,
        year=v.year,
        owning_location=v.owning_location,
        model_code=v.model_code,
    )


def _codes(pairs: Iterable[tuple[str, str]]) -> list[CodeChoice]:
    return [CodeChoice(code, description) for code, description in pairs]


def vehicles_for_unit(db: Database, unit_number: str) -> list[VehicleChoice]:
    """Every vehicle on file with this unit # (several owners may reuse one), by owning location."""
    with db.read() as session:
        return [_vehicle(v) for v in reference.vehicles_by_unit(session, unit_number.strip().upper())]


def vehicle_for_licence(db: Database, licence: str) -> VehicleChoice | None:
    """The vehicle with this licence plate (when the system looks vehicles up by licence)."""
    with db.read() as session:
        vehicle = reference.vehicle_by_licence(session, licence.strip().upper())
        return _vehicle(vehicle) if vehicle is not None else None


def damage_codes_for_model(db: Database, model_code: str | None) -> list[CodeChoice]:
    """Fields 15-23 Damage Code: the service codes shown on damage entry for every model or for this model code."""
    with db.read() as session:
        return _codes((s.code, s.description) for s in reference.service_codes_for_model(session, model_code))


def damage_types(db: Database) -> list[CodeChoice]:
    """Fields 16-24 Type: D DENT, S SCRATCH, ... (not the retired ones)"""
    with db.read() as session:
        return _codes((t.code, t.description) for t in reference.damage_types(session, active_only=True))


def damage_type_table(db: Database) -> tuple[dict[str, str], frozenset[str]]:
    """Every damage type (code -> description; a report that used a retired one still shows it) and the retired
    codes (not offered)."""
    with db.read() as session:
        every = reference.damage_types(session)
        return {t.code: t.description for t in every}, frozenset(t.code for t in every if t.retired)


def claim_categories(db: Database, *, include_retired: bool = False) -> list[CodeChoice]:
    """Page 2 field 5 Accident Category (the Claim Category Codes); retired ones only when asked (an old report
    still shows its category's description)."""
    with db.read() as session:
        rows = reference.claim_categories(session, active_only=not include_retired)
        return _codes((c.code, c.description) for c in rows)


def locations(db: Database, *, include_retired: bool = False) -> list[CodeChoice]:
    with db.read() as session:
        return _codes((loc.code, loc.name) for loc in reference.locations(session, active_only=not include_retired))


def employees(db: Database) -> list[CodeChoice]:
    with db.read() as session:
        return _codes((e.code, e.name) for e in reference.employees(session))
