"""The tables of CARS+ damage tracking, as typed SQLAlchemy 2 models.

Names follow the manual (DMGENT chapter) so a reader can hold a column against the screen it comes from.
Column lengths are the manual's where it gives one (address 30, police name 18, ...) and DESIGN.md §4's otherwise.
Money is `Cents` (exact, see types.py). Y/N answers are a single character or NULL (blank on the screen).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    false,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from carsplus_tui.db.types import Cents

# Deterministic constraint names, so migrations can drop what they created on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

YN = String(1)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def yn_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IN ('Y', 'N')", name=f"{column}_yn")


# --------------------------------------------------------------------------------------------------------------
# Reference and control data
# --------------------------------------------------------------------------------------------------------------


class Location(Base):
    __tablename__ = "locations"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(30))
    city: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str | None] = mapped_column(String(2))
    zip: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(14))
    # Retired: no longer offered in look-ups or accepted on new entries; reports that used it keep it.
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Employee(Base):
    __tablename__ = "employees"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    location_code: Mapped[str] = mapped_column(ForeignKey("locations.code"))
    password_hash: Mapped[str] = mapped_column(String(200))
    # Sign-on lock-out (5 failures in a row lock the code for a while).
    failed_sign_ons: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)

    access: Mapped[UserAccess | None] = relationship(back_populates="employee", uselist=False, lazy="joined")


class UserAccess(Base):
    """The User Access File fields that DMGENT reads: "Restrict EDITCLOS" and "Access Claim"; plus `administrator`
    (control files, code tables, user access) and the first screen after sign-on (DMGENT or the MENU)."""

    __tablename__ = "user_access"
    __table_args__ = (
        CheckConstraint("access_claim IN ('edit', 'view', 'none')", name="access_claim_level"),
        CheckConstraint("first_screen IN ('DMGENT', 'MENU')", name="first_screen"),
    )

    employee_code: Mapped[str] = mapped_column(ForeignKey("employees.code", ondelete="CASCADE"), primary_key=True)
    restrict_editclos: Mapped[bool] = mapped_column(Boolean, default=False)
    access_claim: Mapped[str] = mapped_column(String(4), default="edit")
    administrator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    first_screen: Mapped[str] = mapped_column(String(6), default="DMGENT", server_default="DMGENT")

    employee: Mapped[Employee] = relationship(back_populates="access")


class DamageControl(Base):
    """The Edit Damage Control record (one row) plus the GVT switches the manual names (DMGCVDN, DMGENT67, BOOTRPT)."""

    __tablename__ = "damage_control"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    ausie_rules: Mapped[bool] = mapped_column(Boolean, default=False)
    witness_customer_type: Mapped[str] = mapped_column(String(3), default="WIT")
    third_party_customer_type: Mapped[str] = mapped_column(String(3), default="3RD")
    other_driver_customer_type: Mapped[str] = mapped_column(String(3), default="DRV")
    allow_charges_on_closed_ra: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_refunds_on_ra: Mapped[bool] = mapped_column(Boolean, default=True)
    damage_covered_default: Mapped[str] = mapped_column(YN, default="Y")  # DMGCVDN makes it N
    require_present_and_third_party: Mapped[bool] = mapped_column(Boolean, default=False)  # DMGENT67
    boot_report: Mapped[bool] = mapped_column(Boolean, default=False)  # BOOTRPT
    damage_option_code: Mapped[str | None] = mapped_column(String(6))  # Edit Misc Control Fields
    vehicle_lookup_by_licence: Mapped[bool] = mapped_column(Boolean, default=False)


class ClassDailyRate(Base):
    """The control record's daily rate per vehicle class: the loss-of-use rate when the RA holds none."""

    __tablename__ = "class_daily_rates"

    vehicle_class: Mapped[str] = mapped_column(String(12), primary_key=True)
    daily_rate: Mapped[Decimal] = mapped_column(Cents)


class ServiceCode(Base):
    """Vehicle History Service Codes; those shown on damage entry are the Damage Code look-up."""

    __tablename__ = "service_codes"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    description: Mapped[str] = mapped_column(String(30))
    show_on_damage_entry: Mapped[bool] = mapped_column(Boolean, default=True)
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    model_codes: Mapped[list[ServiceCodeModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ServiceCodeModel.model_code"
    )


class ServiceCodeModel(Base):
    """Limits a service code to some model codes; a code with no rows here applies to every vehicle."""

    __tablename__ = "service_code_models"

    service_code: Mapped[str] = mapped_column(ForeignKey("service_codes.code", ondelete="CASCADE"), primary_key=True)
    model_code: Mapped[str] = mapped_column(String(6), primary_key=True)


class DamageType(Base):
    """Damage Type Codes (Edit Damage Codes Records): one character, e.g. D DENT."""

    __tablename__ = "damage_types"

    code: Mapped[str] = mapped_column(String(1), primary_key=True)
    description: Mapped[str] = mapped_column(String(20))
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ClaimCategory(Base):
    """Claim Category Codes (Edit Claim Category Codes): up to 3 characters."""

    __tablename__ = "claim_categories"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    description: Mapped[str] = mapped_column(String(30))
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Customer(Base):
    """Renters, witnesses, other drivers and third parties; `customer_type` tells which (from the control record)."""

    __tablename__ = "customers"

    customer_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_type: Mapped[str] = mapped_column(String(3))
    last_name: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(15))
    address: Mapped[str | None] = mapped_column(String(30))
    city: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str | None] = mapped_column(String(2))
    zip: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(14))
    cell: Mapped[str | None] = mapped_column(String(14))
    dob: Mapped[date | None] = mapped_column(Date)
    dl_number: Mapped[str | None] = mapped_column(String(20))
    dl_state: Mapped[str | None] = mapped_column(String(2))
    dl_expiry: Mapped[date | None] = mapped_column(Date)


class Vehicle(Base):
    """A unit of the fleet. Unit # is NOT unique: several owning locations may reuse one."""

    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_number: Mapped[str] = mapped_column(String(10), index=True)
    licence: Mapped[str | None] = mapped_column(String(10), index=True)
    vin: Mapped[str | None] = mapped_column(String(17))
    make: Mapped[str | None] = mapped_column(String(15))
    model: Mapped[str | None] = mapped_column(String(15))
    model_code: Mapped[str | None] = mapped_column(String(6))
    year: Mapped[int | None] = mapped_column(Integer)
    owning_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    # The vehicle class (ECONOMY, MIDSIZE, SUV, ...): the fleet a loss-of-use charge and its utilization log count.
    vehicle_class: Mapped[str | None] = mapped_column(String(12), index=True)


class RentalAgreement(Base):
    """An RA (contract). Status O open, C closed, P closed and posted."""

    __tablename__ = "rental_agreements"
    __table_args__ = (CheckConstraint("status IN ('O', 'C', 'P')", name="status_ocp"),)

    ra_number: Mapped[str] = mapped_column(String(10), primary_key=True)
    renter_customer_number: Mapped[int | None] = mapped_column(ForeignKey("customers.customer_number"))
    status: Mapped[Literal["O", "C", "P"]] = mapped_column(String(1), default="O")
    open_date: Mapped[date | None] = mapped_column(Date)
    open_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    close_date: Mapped[date | None] = mapped_column(Date)
    close_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    coverage_sold: Mapped[str | None] = mapped_column(String(6))  # the LDW-type option code ("Cvg Sold")
    excess: Mapped[Decimal | None] = mapped_column(Cents)  # the limit on the customer's responsibility
    daily_rate: Mapped[Decimal | None] = mapped_column(Cents)  # the time rate a day the RA was rented at

    renter: Mapped[Customer | None] = relationship(lazy="joined")
    vehicles: Mapped[list[RaVehicle]] = relationship(
        cascade="all, delete-orphan", order_by="RaVehicle.sequence", lazy="selectin"
    )
    charges: Mapped[list[RaCharge]] = relationship(
        cascade="all, delete-orphan", order_by="RaCharge.id", lazy="selectin"
    )


class RaVehicle(Base):
    """The vehicles an RA carried, in order (a vehicle exchange adds a row)."""

    __tablename__ = "ra_vehicles"

    ra_number: Mapped[str] = mapped_column(
        ForeignKey("rental_agreements.ra_number", ondelete="CASCADE"), primary_key=True
    )
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)

    vehicle: Mapped[Vehicle] = relationship(lazy="joined")


class RaCharge(Base):
    """A charge on an RA. A damage report adds `optional` charges (open RA) or unposted `additional` ones (closed RA).

    `source` says which damage-report field made it: excess_charged, amount_charged or amount_refunded
    (a refund is a negative amount); NULL for charges that came from the rental itself.
    """

    __tablename__ = "ra_charges"
    __table_args__ = (CheckConstraint("kind IN ('rental', 'optional', 'additional')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ra_number: Mapped[str] = mapped_column(ForeignKey("rental_agreements.ra_number", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Cents)
    kind: Mapped[str] = mapped_column(String(10))
    posted: Mapped[bool] = mapped_column(Boolean, default=False)
    damage_report_number: Mapped[int | None] = mapped_column(
        ForeignKey("damage_reports.report_number"), index=True
    )
    source: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime | None] = mapped_column(DateTime)


class NonRevTicket(Base):
    """A non-revenue movement of a vehicle (field 2, Non-Rev#)."""

    __tablename__ = "non_rev_tickets"
    __table_args__ = (CheckConstraint("status IN ('O', 'C')", name="status_oc"),)

    number: Mapped[str] = mapped_column(String(10), primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    status: Mapped[Literal["O", "C"]] = mapped_column(String(1), default="O")
    out_date: Mapped[date | None] = mapped_column(Date)
    out_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    in_date: Mapped[date | None] = mapped_column(Date)
    in_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    driver_employee: Mapped[str | None] = mapped_column(String(6))

    vehicle: Mapped[Vehicle] = relationship(lazy="joined")


# --------------------------------------------------------------------------------------------------------------
# The damage report
# --------------------------------------------------------------------------------------------------------------


class ReportCounter(Base):
    """One row: the last report number given out. Bumped with UPDATE … RETURNING inside the saving transaction,
    so numbers are sequential and never skipped or reused ("assigned sequentially upon saving")."""

    __tablename__ = "report_counter"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class DamageReport(Base):
    __tablename__ = "damage_reports"
    __table_args__ = (
        CheckConstraint("report_status IN ('U', 'I', 'C')", name="report_status_uic"),
        CheckConstraint("claim_status BETWEEN 0 AND 7", name="claim_status_0_7"),
        yn_check("customer_present"),
        yn_check("renter_driving"),
        yn_check("driver_injured"),
        yn_check("third_party_involved"),
        yn_check("admits_fault"),
        yn_check("damage_covered"),
        yn_check("report_checked"),
        yn_check("external_claim"),
        yn_check("external_closed"),
        # F6 search paths: status filter with each key, newest first; a follow-up date's reports in the page's
        # order (PostgreSQL's index would hold them in table order: migration 0014).
        Index("ix_damage_reports_follow_up_date", "follow_up_date", "report_number"),
        Index("ix_damage_reports_status_follow_up", "report_status", "follow_up_date", "report_number"),
        Index("ix_damage_reports_status_vehicle", "report_status", "vehicle_id"),
        # The claims clerk's reports (migrations 0009-0012): DMGSUM, the ageing and VICRPT of one location by
        # location and category, VICRPT by VIR status, claim type and third party; each covers its report's
        # columns, so a million claims are read from the index alone.
        Index("ix_damage_reports_dmgsum", "claim_location", "accident_category", "claim_status", "repaired",
              "our_repair_costs", "misc_costs", "third_party_costs", "third_party_recovery", "goodwill_deduction",
              "amount_outstanding", "unit_number", "report_status", "external_type", "third_party_involved",
              "damage_date"),
        Index("ix_damage_reports_vicrpt", "report_status", "external_type", "third_party_involved", "claim_status",
              "claim_location", "created_at", "amount_outstanding"),
    )

    report_number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Optimistic locking: every update says which version it read; a stale one is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(ForeignKey("employees.code"))
    last_modified_at: Mapped[datetime] = mapped_column(DateTime)
    last_modified_by: Mapped[str] = mapped_column(ForeignKey("employees.code"))

    # Page 1
    ra_number: Mapped[str | None] = mapped_column(ForeignKey("rental_agreements.ra_number"), index=True)
    non_rev_number: Mapped[str | None] = mapped_column(ForeignKey("non_rev_tickets.number"), index=True)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"), index=True)
    unit_number: Mapped[str | None] = mapped_column(String(10), index=True)  # as typed in field 3
    customer_present: Mapped[str | None] = mapped_column(YN)
    renter_driving: Mapped[str | None] = mapped_column(YN)
    driver_injured: Mapped[str | None] = mapped_column(YN)
    third_party_involved: Mapped[str | None] = mapped_column(YN)
    admits_fault: Mapped[str | None] = mapped_column(YN)
    damage_covered: Mapped[str | None] = mapped_column(YN)
    nature_of_breach: Mapped[str | None] = mapped_column(String(30))
    renters_claim_number: Mapped[str | None] = mapped_column(String(15))
    excess_charged: Mapped[Decimal | None] = mapped_column(Cents)
    # The FAULT DESCRIPTION (5 × 60) and ACCIDENT DESC (9 lines) pop-ups, one line per row of text.
    fault_description: Mapped[str | None] = mapped_column(Text)
    accident_description: Mapped[str | None] = mapped_column(Text)

    # Page 2, column one (the statuses are the engine's, stored so F6 can filter and index them)
    report_status: Mapped[str] = mapped_column(String(1), index=True)
    claim_status: Mapped[int] = mapped_column(Integer)
    report_checked: Mapped[str | None] = mapped_column(YN)
    external_claim: Mapped[str | None] = mapped_column(YN)
    external_closed: Mapped[str | None] = mapped_column(YN)
    external_type: Mapped[str | None] = mapped_column(String(12))
    accident_category: Mapped[str | None] = mapped_column(ForeignKey("claim_categories.code"))
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    claim_location: Mapped[str | None] = mapped_column(ForeignKey("locations.code"))
    claim_employee: Mapped[str | None] = mapped_column(ForeignKey("employees.code"))

    # Page 2, column two: the amounts the clerk types (the rest is computed by the engine)
    misc_costs: Mapped[Decimal | None] = mapped_column(Cents)
    third_party_costs: Mapped[Decimal | None] = mapped_column(Cents)
    third_party_recovery: Mapped[Decimal | None] = mapped_column(Cents)
    goodwill_deduction: Mapped[Decimal | None] = mapped_column(Cents)
    amount_refunded: Mapped[Decimal | None] = mapped_column(Cents)
    amount_charged: Mapped[Decimal | None] = mapped_column(Cents)

    # The engine's verdict on the saved facts, stored beside the statuses (same moments: every save, every work-order
    # save, `refresh_statuses`) so the claims clerk's reports (DMGSUM, VICRPT, ageing, the follow-up queue) sum a
    # million claims from one table, never by joining every report to its work order and RA charges (issue 22).
    # Page 2 still computes them afresh; tests hold the stored values to the engine's.
    our_repair_costs: Mapped[Decimal | None] = mapped_column(Cents)
    amount_outstanding: Mapped[Decimal | None] = mapped_column(Cents)
    repaired: Mapped[bool | None] = mapped_column(Boolean)  # the work order is CLOSED with a repair date
    damage_date: Mapped[datetime | None] = mapped_column(DateTime)  # the Accident Details' date/time (the ageing)

    accident_details: Mapped[AccidentDetails | None] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="selectin"
    )
    witnesses: Mapped[list[Witness]] = relationship(
        cascade="all, delete-orphan", order_by="Witness.position", lazy="selectin"
    )
    other_driver: Mapped[OtherDriver | None] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="selectin"
    )
    third_parties: Mapped[list[ThirdParty]] = relationship(
        cascade="all, delete-orphan", order_by="ThirdParty.position", lazy="selectin"
    )
    damage_lines: Mapped[list[DamageLine]] = relationship(
        cascade="all, delete-orphan", order_by="DamageLine.line", lazy="selectin"
    )
    work_order: Mapped[WorkOrder | None] = relationship(uselist=False, lazy="selectin", viewonly=True)
    vehicle: Mapped[Vehicle | None] = relationship(lazy="joined")
    rental_agreement: Mapped[RentalAgreement | None] = relationship(lazy="select")
    loss_of_use: Mapped[LossOfUse | None] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="selectin"
    )


class LossOfUse(Base):
    """How page 2's Misc Costs' loss of use was computed (LOU): the work order's days x the daily rate, and the
    utilization summary of those days for the vehicle's class at its location. Saved with the report (F1)."""

    __tablename__ = "loss_of_use"
    __table_args__ = (CheckConstraint("rate_source IN ('RA', 'CLASS')", name="rate_source"),)

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    out_of_service_date: Mapped[date] = mapped_column(Date)
    repair_date: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    daily_rate: Mapped[Decimal] = mapped_column(Cents)
    rate_source: Mapped[str] = mapped_column(String(5))
    vehicle_class: Mapped[str | None] = mapped_column(String(12))
    location: Mapped[str | None] = mapped_column(String(6))
    amount: Mapped[Decimal] = mapped_column(Cents)
    fleet_size: Mapped[int] = mapped_column(Integer, default=0)
    days_none_free: Mapped[int] = mapped_column(Integer, default=0)
    days_idle: Mapped[int] = mapped_column(Integer, default=0)


class AccidentDetails(Base):
    """The ACCIDENT DETAILS pop-up (field 4)."""

    __tablename__ = "accident_details"

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    date_time: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    address1: Mapped[str | None] = mapped_column(String(30))
    address2: Mapped[str | None] = mapped_column(String(30))
    police_name: Mapped[str | None] = mapped_column(String(18))
    police_badge: Mapped[str | None] = mapped_column(String(10))
    police_station: Mapped[str | None] = mapped_column(String(20))
    police_report_number: Mapped[str | None] = mapped_column(String(20))
    witnesses: Mapped[str | None] = mapped_column(YN)
    rental_violation: Mapped[str | None] = mapped_column(String(20))
    legal_violation: Mapped[str | None] = mapped_column(String(20))


class Witness(Base):
    """WITNESS DATA ENTRY: W1 and W2."""

    __tablename__ = "witnesses"
    __table_args__ = (CheckConstraint("position IN (1, 2)", name="position_1_2"),)

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(15))
    address: Mapped[str | None] = mapped_column(String(30))
    city: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str | None] = mapped_column(String(2))
    zip: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(14))
    customer_number: Mapped[int | None] = mapped_column(ForeignKey("customers.customer_number"))


class OtherDriver(Base):
    """OTHER DRIVER ENTRY (Renter Driving? = N)."""

    __tablename__ = "other_drivers"

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    last_name: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(15))
    phone: Mapped[str | None] = mapped_column(String(14))
    dob: Mapped[date | None] = mapped_column(Date)
    dl_number: Mapped[str | None] = mapped_column(String(20))
    dl_state: Mapped[str | None] = mapped_column(String(2))
    dl_expiry: Mapped[date | None] = mapped_column(Date)
    customer_number: Mapped[int | None] = mapped_column(ForeignKey("customers.customer_number"))


class ThirdParty(Base):
    """3RD PARTY DATA ENTRY: up to five parties, each with the detail window's fields 1–16."""

    __tablename__ = "third_parties"
    __table_args__ = (
        CheckConstraint("position BETWEEN 1 AND 5", name="position_1_5"),
        yn_check("injured"),
        yn_check("rented_vehicle"),
    )

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(15))
    address: Mapped[str | None] = mapped_column(String(30))
    city: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str | None] = mapped_column(String(2))
    zip: Mapped[str | None] = mapped_column(String(10))
    dl_number: Mapped[str | None] = mapped_column(String(20))
    dl_state: Mapped[str | None] = mapped_column(String(2))
    dl_expiry: Mapped[date | None] = mapped_column(Date)
    dob: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(14))
    cell: Mapped[str | None] = mapped_column(String(14))
    description: Mapped[str | None] = mapped_column(String(30))  # "Descr": the third party's vehicle
    insurance_company: Mapped[str | None] = mapped_column(String(20))
    reg_number: Mapped[str | None] = mapped_column(String(10))
    injured: Mapped[str | None] = mapped_column(YN)
    rented_vehicle: Mapped[str | None] = mapped_column(YN)
    customer_number: Mapped[int | None] = mapped_column(ForeignKey("customers.customer_number"))
    notes: Mapped[str | None] = mapped_column(Text)  # fields 12–16, one line per row of text


class DamageLine(Base):
    """Fields 15–24: five Damage Code / description / Type lines."""

    __tablename__ = "damage_lines"
    __table_args__ = (CheckConstraint("line BETWEEN 1 AND 5", name="line_1_5"),)

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    line: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_code: Mapped[str | None] = mapped_column(ForeignKey("service_codes.code"))
    description: Mapped[str | None] = mapped_column(String(30))
    damage_type: Mapped[str | None] = mapped_column(ForeignKey("damage_types.code"))


class Note(Base):
    """The Notes subwindow: dated entries; "New entries can be added, but existing entries cannot be deleted or
    edited." Database triggers reject UPDATE and DELETE (see the initial migration)."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_number: Mapped[int] = mapped_column(ForeignKey("damage_reports.report_number"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    employee_code: Mapped[str] = mapped_column(String(6))
    text: Mapped[str] = mapped_column(Text)  # whole: the Notes window takes up to 1,000 characters
    # Tamper evidence (domain/chain.py): set by the flush hook in db/chain.py, never by hand.
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditEntry(Base):
    """One page-2 edit: "the field name, old value, new value, employee code, date and time of the edit".
    Append-only like notes."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_number: Mapped[int] = mapped_column(ForeignKey("damage_reports.report_number"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    employee_code: Mapped[str] = mapped_column(String(6))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(String(70))
    new_value: Mapped[str | None] = mapped_column(String(70))
    # Tamper evidence (domain/chain.py): set by the flush hook in db/chain.py, never by hand.
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """The end of one hash chain of notes or audit entries ("notes:1234", "audit:1234"): how many entries were
    chained and the last one's hash, so an entry removed from the end shows as well. Written with the entries."""

    __tablename__ = "chain_heads"

    chain: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_count: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class MaintenanceAudit(Base):
    """One change made by a maintenance program (control record, code tables, User Access File) or its CLI twin:
    which program, which record, the field, old and new value, the employee and when. Append-only."""

    __tablename__ = "maintenance_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    employee_code: Mapped[str] = mapped_column(String(6))
    program: Mapped[str] = mapped_column(String(10))
    record_key: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(String(70))
    new_value: Mapped[str | None] = mapped_column(String(70))


class WorkOrderCounter(Base):
    """One row: the last work-order number given out, bumped with UPDATE … RETURNING inside the saving transaction
    like report numbers (sequential, never skipped or reused)."""

    __tablename__ = "work_order_counter"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class WorkOrder(Base):
    """The repair work order for a damage report (Damage Work Entry); its cost lines are Our Repair Costs."""

    __tablename__ = "work_orders"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    damage_report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10))
    opened_date: Mapped[date | None] = mapped_column(Date)
    repair_date: Mapped[date | None] = mapped_column(Date)
    repair_shop: Mapped[str | None] = mapped_column(String(30))
    invoice_number: Mapped[str | None] = mapped_column(String(15))
    estimate: Mapped[Decimal | None] = mapped_column(Cents)
    out_of_service_date: Mapped[date | None] = mapped_column(Date)
    # Optimistic locking, as on the report: a save names the version it read; a stale one is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_modified_by: Mapped[str | None] = mapped_column(String(6))
    last_modified_at: Mapped[datetime | None] = mapped_column(DateTime)

    cost_lines: Mapped[list[WorkOrderCostLine]] = relationship(
        cascade="all, delete-orphan", order_by="WorkOrderCostLine.id", lazy="selectin"
    )


class WorkOrderCostLine(Base):
    __tablename__ = "work_order_cost_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_order_number: Mapped[int] = mapped_column(
        ForeignKey("work_orders.number", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(String(30))
    # P parts, L labour, B paint (body), O other
    kind: Mapped[str] = mapped_column(String(1), default="O", server_default="O")
    amount: Mapped[Decimal] = mapped_column(Cents)


class VehicleHistory(Base):
    """Vehicle History: "Each field that has data entered into it will create a unrepaired (not closed) Vehicle
    History Record". One row per damage line of a report."""

    __tablename__ = "vehicle_history"
    __table_args__ = (
        UniqueConstraint("damage_report_number", "line", name="uq_vehicle_history_report_line"),
        Index("ix_vehicle_history_vehicle_unrepaired", "vehicle_id", "repaired"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    damage_report_number: Mapped[int] = mapped_column(ForeignKey("damage_reports.report_number"))
    line: Mapped[int] = mapped_column(Integer)
    service_code: Mapped[str | None] = mapped_column(ForeignKey("service_codes.code"))
    description: Mapped[str | None] = mapped_column(String(30))
    damage_type: Mapped[str | None] = mapped_column(ForeignKey("damage_types.code"))
    repaired: Mapped[bool] = mapped_column(Boolean, default=False)
    repaired_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ReportDraft(Base):
    """The report a counter agent is typing, kept so a closed terminal never loses it: one per employee and terminal
    (the same employee at two terminals has two). `holder` names the program typing it (host:pid) while the
    employee is signed on there; NULL once they signed off (then any terminal of theirs may offer it back)."""

    __tablename__ = "report_drafts"

    employee_code: Mapped[str] = mapped_column(ForeignKey("employees.code", ondelete="CASCADE"), primary_key=True)
    terminal: Mapped[str] = mapped_column(String(60), primary_key=True, default="")
    holder: Mapped[str | None] = mapped_column(String(80))
    report_number: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # the report's JSON form (DESIGN.md §8)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# --------------------------------------------------------------------------------------------------------------
# DMS Activity: the claim's link to the dealer-management / accounting system (issue 9)
# --------------------------------------------------------------------------------------------------------------

DMS_RECEIPT_STATUSES = ("Ready", "Posted", "Void", "Failed")
DMS_PAYER_TYPES = ("CUSTOMER", "INSURANCE", "THIRD PARTY", "ADJUSTMENT")


class DmsProperties(Base):
    """The Properties tab: the report's DMS Repair ID, Customer ID and Vehicle ID. A "not listed" choice is kept as
    a flag (the record is exported as a new one) with the make/model the clerk confirmed for a new vehicle."""

    __tablename__ = "dms_properties"

    report_number: Mapped[int] = mapped_column(
        ForeignKey("damage_reports.report_number", ondelete="CASCADE"), primary_key=True
    )
    repair_id: Mapped[str | None] = mapped_column(String(30))
    customer_id: Mapped[str | None] = mapped_column(String(30))
    customer_new: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicle_id: Mapped[str | None] = mapped_column(String(30))
    vehicle_new: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicle_make: Mapped[str | None] = mapped_column(String(15))
    vehicle_model: Mapped[str | None] = mapped_column(String(15))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)


class DmsReceipt(Base):
    """A receipt on the claim (Payments tab). Status is the manual's: Ready, Posted, Void, Failed; `in_doubt` (shown
    IN DOUBT) marks one whose export started and was not settled (no answer, 409 "still processing", an answer not
    understood, a killed process): the DMS may hold it, so it cannot be voided, adjusted or corrected until an
    export settles it.

    Exactly once: `idempotency_key`, `export_started_at` and `in_doubt` are written and committed before the DMS is
    called; every retry sends the same key, so the DMS applies the payment once however often it is sent."""

    __tablename__ = "dms_receipts"
    __table_args__ = (
        CheckConstraint("status IN ('Ready', 'Posted', 'Void', 'Failed')", name="status"),
        CheckConstraint("payer_type IN ('CUSTOMER', 'INSURANCE', 'THIRD PARTY', 'ADJUSTMENT')", name="payer_type"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_number: Mapped[int] = mapped_column(ForeignKey("damage_reports.report_number"), index=True)
    payer_type: Mapped[str] = mapped_column(String(12))
    payer_name: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Cents)
    received_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(6), default="Ready")
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    export_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    posted_at: Mapped[datetime | None] = mapped_column(DateTime)
    reference_id: Mapped[str | None] = mapped_column(String(40))
    failure_message: Mapped[str | None] = mapped_column(String(200))
    # In doubt: sent (or about to be) and not settled; only an export settles it (the column keeps its first name).
    in_doubt: Mapped[bool] = mapped_column("outcome_unknown", Boolean, default=False)
    corrects_receipt_id: Mapped[int | None] = mapped_column(ForeignKey("dms_receipts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(6))


class DmsEvent(Base):
    """The History tab: one row per event (IDs added, payments posted, failed, voided, exports)."""

    __tablename__ = "dms_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_number: Mapped[int] = mapped_column(ForeignKey("damage_reports.report_number"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    employee_code: Mapped[str] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(String(60))
    amount: Mapped[Decimal | None] = mapped_column(Cents)
    status: Mapped[str | None] = mapped_column(String(10))
    reference_id: Mapped[str | None] = mapped_column(String(40))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("dms_receipts.id"))


# Every note and audit entry is chained as it is flushed, whoever adds it (see db/chain.py).
from carsplus_tui.db import chain as _chain  # noqa: E402, F401
