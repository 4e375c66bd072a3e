"""Look-ups of reference data: RAs, vehicles, non-rev tickets, codes, locations, employees, the control record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from carsplus_tui.db.models import (
    ClaimCategory,
    DamageControl,
    DamageType,
    Employee,
    Location,
    NonRevTicket,
    RentalAgreement,
    ServiceCode,
    ServiceCodeModel,
    Vehicle,
    VehicleHistory,
)

_T = TypeVar("_T")


def get_control(session: Session) -> DamageControl:
    """The Edit Damage Control record; the defaults when none has been set up yet."""
    return session.get(DamageControl, 1) or DamageControl(
        id=1,
        ausie_rules=False,
        witness_customer_type="WIT",
        third_party_customer_type="3RD",
        other_driver_customer_type="DRV",
        allow_charges_on_closed_ra=True,
        allow_refunds_on_ra=True,
        damage_covered_default="Y",
        require_present_and_third_party=False,
        boot_report=False,
        damage_option_code=None,
        vehicle_lookup_by_licence=False,
    )


def control_and_employee(session: Session, code: str) -> tuple[DamageControl, Employee | None]:
    """The control record and an employee (with their access) in one statement, as a save starts: the control row
    is outer-joined, so a missing one still gives the defaults (`get_control`)."""
    row = session.execute(_CONTROL_AND_EMPLOYEE, {"code": code}).first()
    if row is None:
        return get_control(session), None
    employee, control = row
    return (control if control is not None else get_control(session)), employee


_CONTROL_AND_EMPLOYEE = (select(Employee, DamageControl).outerjoin(DamageControl, DamageControl.id == 1)
                         .where(Employee.code == bindparam("code")))


def find_rental_agreement(session: Session, ra_number: str) -> RentalAgreement | None:
    """The RA with its renter, the vehicles it carried (in order) and its charges."""
    return session.get(RentalAgreement, ra_number)


def load_rental_agreement(session: Session, ra_number: str) -> RentalAgreement | None:
    """`find_rental_agreement` in one query (renter, vehicles and charges joined; a save reads all three). The
    Session's own copy when it has one (as `Session.get`); else a statement built once: `get` with loader options
    built and keyed a new one on every save."""
    return held(session, RentalAgreement, ra_number) or session.execute(
        _LOAD_RA, {"ra": ra_number}).unique().scalar_one_or_none()


def held(session: Session, model: type[_T], key: object) -> _T | None:
    """The object the Session already holds under this primary key (None when it holds none)."""
    return session.identity_map.get(identity_key(model, key))  # type: ignore[return-value]


_LOAD_RA = (select(RentalAgreement).where(RentalAgreement.ra_number == bindparam("ra"))
            .options(joinedload(RentalAgreement.vehicles), joinedload(RentalAgreement.charges)))


def find_non_rev_ticket(session: Session, number: str) -> NonRevTicket | None:
    return session.get(NonRevTicket, number)


def vehicles_by_unit(session: Session, unit_number: str) -> Sequence[Vehicle]:
    """Every vehicle with this unit # — several owners may reuse one, so this is a list."""
    return session.scalars(
        select(Vehicle).where(Vehicle.unit_number == unit_number).order_by(Vehicle.owning_location, Vehicle.id)
    ).all()


def vehicle_by_licence(session: Session, licence: str) -> Vehicle | None:
    return session.scalars(select(Vehicle).where(Vehicle.licence == licence).order_by(Vehicle.id)).first()


def service_codes_for_model(session: Session, model_code: str | None) -> Sequence[ServiceCode]:
    """The Damage Code look-up: service codes shown on damage entry (not retired) that apply to every model or to
    this one."""
    limited = select(ServiceCodeModel.service_code).where(ServiceCodeModel.service_code == ServiceCode.code)
    condition = ~limited.exists()
    if model_code:
        condition = or_(condition, limited.where(ServiceCodeModel.model_code == model_code).exists())
    return session.scalars(
        select(ServiceCode)
        .where(ServiceCode.show_on_damage_entry.is_(True), ServiceCode.retired.is_(False), condition)
        .order_by(ServiceCode.code)
    ).all()


def service_code_applies(code: ServiceCode, model_code: str | None) -> bool:
    """Is `code` (shown on damage entry, not retired) in `service_codes_for_model(model_code)`? Read from the
    code's own model limits (loaded with it), not by listing every code."""
    limits = code.model_codes
    return not limits or (bool(model_code) and any(limit.model_code == model_code for limit in limits))


def service_code_with_models(session: Session, code: str) -> ServiceCode | None:
    """`get_service_code` with its model limits in the same query (a save checks both); built once, like
    `load_rental_agreement`'s."""
    return held(session, ServiceCode, code) or session.execute(
        _SERVICE_CODE_WITH_MODELS, {"code": code}).unique().scalar_one_or_none()


_SERVICE_CODE_WITH_MODELS = (select(ServiceCode).where(ServiceCode.code == bindparam("code"))
                             .options(joinedload(ServiceCode.model_codes)))


def get_service_code(session: Session, code: str) -> ServiceCode | None:
    return session.get(ServiceCode, code)


def damage_types(session: Session, *, active_only: bool = False) -> Sequence[DamageType]:
    """Every code (a report that used a retired one still shows it); `active_only`: the look-up's list."""
    query = select(DamageType).order_by(DamageType.code)
    return session.scalars(query.where(DamageType.retired.is_(False)) if active_only else query).all()


def get_damage_type(session: Session, code: str) -> DamageType | None:
    return session.get(DamageType, code)


def claim_categories(session: Session, *, active_only: bool = False) -> Sequence[ClaimCategory]:
    """Every code (a report that used a retired one still shows it); `active_only`: the look-up's list."""
    query = select(ClaimCategory).order_by(ClaimCategory.code)
    return session.scalars(query.where(ClaimCategory.retired.is_(False)) if active_only else query).all()


def get_claim_category(session: Session, code: str) -> ClaimCategory | None:
    return session.get(ClaimCategory, code)


def locations(session: Session, *, active_only: bool = False) -> Sequence[Location]:
    """Every code (a report that used a retired one still shows it); `active_only`: the look-up's list."""
    query = select(Location).order_by(Location.code)
    return session.scalars(query.where(Location.retired.is_(False)) if active_only else query).all()


def get_location(session: Session, code: str) -> Location | None:
    return session.get(Location, code)


def employees(session: Session) -> Sequence[Employee]:
    return session.scalars(select(Employee).order_by(Employee.code)).all()


def get_employee(session: Session, code: str) -> Employee | None:
    return session.get(Employee, code)


def unrepaired_damage(session: Session, vehicle_id: int) -> Sequence[VehicleHistory]:
    """The vehicle's unrepaired (not closed) Vehicle History damage records, newest report first."""
    return session.scalars(
        select(VehicleHistory)
        .where(VehicleHistory.vehicle_id == vehicle_id, VehicleHistory.repaired.is_(False))
        .order_by(VehicleHistory.damage_report_number.desc(), VehicleHistory.line)
    ).all()


# Tables whose keys the sample data and the generator give explicitly (customer numbers, vehicle ids, work order
# numbers). PostgreSQL's sequences do not see explicit keys, so they are moved past them afterwards.
EXPLICIT_KEYS = (("customers", "customer_number"), ("vehicles", "id"), ("work_orders", "number"))


def sync_key_sequences(session: Session) -> None:
    """After explicit keys were inserted: make the next generated key follow the largest one (PostgreSQL only;
    SQLite takes the largest key + 1 by itself). The work-order counter row follows the largest work order too."""
    from sqlalchemy import text

    session.execute(text(
        "UPDATE work_order_counter SET last_number = (SELECT COALESCE(MAX(number), 0) FROM work_orders) "
        "WHERE id = 1 AND last_number < (SELECT COALESCE(MAX(number), 0) FROM work_orders)"
    ))
    if session.get_bind().dialect.name != "postgresql":
        return

    for table, column in EXPLICIT_KEYS:
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
        ))
