"""DMS Activity (issue 9): a damage report's link to the company's accounting or dealer-management system.

Properties (DMS Repair ID, Customer ID, Vehicle ID), receipts and their export, and the history of events.

Exactly once: before the DMS is called, the receipt gets its idempotency key, `export_started_at` and the in-doubt
mark in a committed transaction of its own; the call sends that key; the outcome is written in a second
transaction. A process killed between the two (or a time-out, a 409 "still processing", an answer not understood)
leaves the receipt IN DOUBT with its key, and the next export sends the same key again, which the DMS answers with
the payment it already holds instead of a second one. A receipt in doubt cannot be voided, adjusted or corrected
until an export settles it. Adjustments against a posted receipt never add up to more than it. A receipt the DMS
refused can be corrected and goes again under a new key, the refused attempt kept in the history.

Bad input raises `DmsInputError` (a ValueError with one upper-case line) and changes nothing.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.domain import permissions
from carsplus_tui.domain.dates import format_counter_date, format_shown_datetime
from carsplus_tui.domain.money import grouped_money
from carsplus_tui.services.report_mapping import access_settings
from carsplus_tui.dms import (
    NOT_UNDERSTOOD,
    Budget,
    DmsConnector,
    DmsCustomer,
    DmsError,
    DmsRejectedError,
    DmsStoppedError,
    DmsUnavailableError,
    DmsUnsupportedError,
    DmsVehicle,
    NewCustomer,
    NewVehicle,
    PaymentRequest,
    connector_from_settings,
)
from carsplus_tui.dms.answers import clean_message

__all__ = [
    "CUSTOMER_NOT_LISTED",
    "PAYER_TYPES",
    "STATUSES",
    "VEHICLE_NOT_LISTED",
    "Activity",
    "DmsAccessError",
    "DmsError",
    "DmsInputError",
    "DmsUnsupportedError",
    "ExportSummary",
    "add_receipt",
    "choose_customer",
    "choose_vehicle",
    "connector_from_settings",
    "correct_posted_receipt",
    "correct_refused_receipt",
    "export_limits",
    "export_ready_payments",
    "history",
    "history_csv",
    "history_pdf",
    "load_activity",
    "print_history",
    "require_dms_edit",
    "reserve_repair_id",
    "set_repair_id",
    "void_receipt",
]

STATUSES = m.DMS_RECEIPT_STATUSES
PAYER_TYPES = m.DMS_PAYER_TYPES
CUSTOMER_NOT_LISTED = "CUSTOMER NOT LISTED - EXPORT AS NEW CUSTOMER RECORD"
VEHICLE_NOT_LISTED = "VEHICLE NOT LISTED - EXPORT AS NEW VEHICLE RECORD"
_CENT = Decimal("0.01")


class DmsInputError(ValueError):
    """Bad input from the clerk or a script: one line, nothing changed."""


class DmsAccessError(DmsInputError):
    """The employee's Access Claim does not allow this (DESIGN.md §6a): one line, nothing changed."""


def require_dms_edit(db: Database, employee: str) -> None:
    """Every change in the DMS Activity window — IDs, receipts, adjustments, voids, exports — needs Access Claim
    edit, whichever path it comes by (the window, `carsplus dms`)."""
    with db.read() as session:
        row = reference.get_employee(session, employee.strip().upper())
        if row is None:
            raise DmsAccessError(f"EMPLOYEE {employee.strip().upper()[:6]} IS NOT ON FILE")
        reason = permissions.dms_denied_reason(access_settings(row), change=True)
    if reason:
        raise DmsAccessError(reason)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


# ----------------------------------------------------------------------------------------------------------------
# What the window shows
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    report_number: int
    renter: str
    claim_amount: Decimal | None
    insurance_company: str
    vehicle: str  # year and model
    vin_or_unit: str


@dataclass(frozen=True)
class Properties:
    connection: str
    repair_id: str | None
    customer_id: str | None
    customer_new: bool
    vehicle_id: str | None
    vehicle_new: bool
    vehicle_make: str | None
    vehicle_model: str | None


@dataclass(frozen=True)
class Receipt:
    id: int
    payer_type: str
    payer_name: str
    amount: Decimal
    received_date: date
    status: str
    posted_at: datetime | None
    reference_id: str | None
    failure_message: str | None
    idempotency_key: str | None
    export_started_at: datetime | None
    in_doubt: bool  # an export started and was not settled: the DMS may hold it (not voidable, adjustable, correctable)
    corrects_receipt_id: int | None

    @property
    def shown_status(self) -> str:
        return "IN DOUBT" if self.in_doubt and self.status in ("Ready", "Failed") else self.status


@dataclass(frozen=True)
class Event:
    at: datetime
    completed_by: str
    description: str
    amount: Decimal | None
    status: str | None
    reference_id: str | None


@dataclass(frozen=True)
class Activity:
    header: Header
    properties: Properties
    receipts: tuple[Receipt, ...]
    events: tuple[Event, ...]


def _report(session: Session, report_number: int) -> m.DamageReport:
    report = session.get(m.DamageReport, report_number)
    if report is None:
        raise ReportNotFoundError(report_number)
    return report


def _header(session: Session, report: m.DamageReport) -> Header:
    renter = ""
    ra = report.rental_agreement
    if ra is not None and ra.renter is not None:
        renter = ", ".join(p for p in (ra.renter.last_name, ra.renter.first_name) if p)
    insurer = next((t.insurance_company for t in report.third_parties if t.insurance_company), "") or ""
    work_order = report.work_order
    claim = sum((line.amount for line in work_order.cost_lines), Decimal("0.00")) if work_order else None
    vehicle = report.vehicle
    described = " ".join(str(p) for p in (vehicle.year, vehicle.make, vehicle.model) if p) if vehicle else ""
    vin_or_unit = (vehicle.vin if vehicle is not None and vehicle.vin else None) or report.unit_number or ""
    return Header(report.report_number, renter, claim, insurer, described, vin_or_unit)


def _properties_row(session: Session, report_number: int) -> m.DmsProperties:
    row = session.get(m.DmsProperties, report_number)
    if row is None:
        row = m.DmsProperties(report_number=report_number, customer_new=False, vehicle_new=False)
        session.add(row)
    return row


def _properties(row: m.DmsProperties | None, connection: str) -> Properties:
    if row is None:
        return Properties(connection, None, None, False, None, False, None, None)
    return Properties(connection, row.repair_id, row.customer_id, row.customer_new, row.vehicle_id, row.vehicle_new,
                      row.vehicle_make, row.vehicle_model)


def _receipt(row: m.DmsReceipt) -> Receipt:
    return Receipt(row.id, row.payer_type, row.payer_name, row.amount, row.received_date, row.status, row.posted_at,
                   row.reference_id, row.failure_message, row.idempotency_key, row.export_started_at,
                   row.in_doubt, row.corrects_receipt_id)


def connection_name(connector: DmsConnector | None) -> str:
    if connector is None:
        return "NONE"
    return str(getattr(connector, "description", connector.name))


def load_activity(db: Database, report_number: int, connector: DmsConnector | None = None) -> Activity:
    with db.read() as session:
        report = _report(session, report_number)
        receipts = session.scalars(
            select(m.DmsReceipt).where(m.DmsReceipt.report_number == report_number).order_by(m.DmsReceipt.id)
        )
        return Activity(
            header=_header(session, report),
            properties=_properties(session.get(m.DmsProperties, report_number), connection_name(connector)),
            receipts=tuple(_receipt(r) for r in receipts),
            events=tuple(_history(session, report_number)),
        )


def _history(session: Session, report_number: int) -> list[Event]:
    rows = session.execute(
        select(m.DmsEvent, m.Employee.name)
        .outerjoin(m.Employee, m.Employee.code == m.DmsEvent.employee_code)
        .where(m.DmsEvent.report_number == report_number)
        .order_by(m.DmsEvent.at.desc(), m.DmsEvent.id.desc())
    )
    return [Event(e.at, name or e.employee_code, e.description, e.amount, e.status, e.reference_id)
            for e, name in rows]


def history(db: Database, report_number: int) -> list[Event]:
    """Every DMS event of the report, newest first."""
    with db.read() as session:
        _report(session, report_number)
        return _history(session, report_number)


def _event(session: Session, report_number: int, employee: str, description: str, *, at: datetime | None = None,
           amount: Decimal | None = None, status: str | None = None, reference_id: str | None = None,
           receipt_id: int | None = None) -> None:
    session.add(m.DmsEvent(report_number=report_number, at=at or now(), employee_code=employee[:6],
                           description=description[:60], amount=amount, status=status, reference_id=reference_id,
                           receipt_id=receipt_id))


# ----------------------------------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------------------------------


def _clean_id(value: str | None, what: str) -> str | None:
    text = (value or "").strip().upper()
    if not text:
        return None
    if len(text) > 30 or not all(c.isalnum() or c in "-_/." for c in text):
        raise DmsInputError(f"{what} MUST BE UP TO 30 LETTERS, DIGITS OR - _ / .")
    return text


def set_repair_id(db: Database, report_number: int, value: str | None, employee: str) -> str | None:
    """The clerk types (or clears) the DMS Repair ID by hand; allowed at any time."""
    require_dms_edit(db, employee)
    repair_id = _clean_id(value, "DMS REPAIR ID")
    with db.write() as session:
        _report(session, report_number)
        row = _properties_row(session, report_number)
        if row.repair_id == repair_id:
            return repair_id
        row.repair_id = repair_id
        row.updated_at = now()
        _event(session, report_number, employee, "DMS Repair ID added" if repair_id else "DMS Repair ID removed",
               reference_id=repair_id)
    return repair_id


def reserve_repair_id(db: Database, report_number: int, connector: DmsConnector, employee: str, *,
                      budget: Budget | None = None) -> str | None:
    """Fill the DMS Repair ID with the repair order number the DMS reserves, once the report has a work order and
    nobody has filled it yet. Returns the ID (None when there is no work order yet). `budget`: an export's."""
    with db.read() as session:
        report = _report(session, report_number)
        row = session.get(m.DmsProperties, report_number)
        if row is not None and row.repair_id:
            return row.repair_id
        if report.work_order is None:
            return None
    key = f"repair-order-{report_number}"
    number = (connector.reserve_repair_order(report_number, key) if budget is None
              else connector.reserve_repair_order(report_number, key, budget=budget))
    repair_id = _clean_id(number, "DMS REPAIR ID")
    try:
        with db.write() as session:
            row = _properties_row(session, report_number)
            if row.repair_id:  # another terminal filled it meanwhile
                return row.repair_id
            row.repair_id = repair_id
            row.updated_at = now()
            _event(session, report_number, employee, "DMS Repair ID added", reference_id=repair_id)
    except IntegrityError:  # another terminal made the report's DMS properties at the same moment: theirs stands
        with db.read() as session:
            row = session.get(m.DmsProperties, report_number)
            return row.repair_id if row is not None else None
    return repair_id


def renter_name(db: Database, report_number: int) -> str:
    with db.read() as session:
        return _header(session, _report(session, report_number)).renter


def vehicle_search_text(db: Database, report_number: int) -> str:
    with db.read() as session:
        report = _report(session, report_number)
        vehicle = report.vehicle
        return (vehicle.vin if vehicle is not None and vehicle.vin else None) or report.unit_number or ""


def vehicle_search_texts(db: Database, report_number: int) -> list[str]:
    """What the DMS is searched by for the report's vehicle: its VIN and its unit # (a DMS that filed the car
    without its VIN, or under another one, still finds it by the unit #)."""
    with db.read() as session:
        report = _report(session, report_number)
        vehicle = report.vehicle
        vin = vehicle.vin if vehicle is not None and vehicle.vin else None
        return [text for text in dict.fromkeys((vin, report.unit_number)) if text]


def search_vehicles_by(connector: DmsConnector, texts: list[str]) -> list[DmsVehicle]:
    """Every DMS vehicle any of `texts` finds, each once, in the order found."""
    found: dict[str, DmsVehicle] = {}
    for text in texts:
        for vehicle in connector.search_vehicles(text):
            found.setdefault(vehicle.id, vehicle)
    return list(found.values())


def choose_customer(db: Database, report_number: int, connector: DmsConnector, employee: str,
                    customer_id: str | None, *, search_name: str | None = None) -> str:
    """Set the DMS Customer ID to a customer the DMS search found (`customer_id`), or with None: "customer not
    listed", which creates a new customer record in the DMS from the renter. An ID the DMS does not know is refused."""
    require_dms_edit(db, employee)
    with db.read() as session:
        report = _report(session, report_number)
        header = _header(session, report)
        renter = report.rental_agreement.renter if report.rental_agreement is not None else None
    if customer_id is not None:
        wanted = _clean_id(customer_id, "DMS CUSTOMER ID")
        found = connector.search_customers(search_name or header.renter)
        if wanted not in {c.id.upper() for c in found}:
            raise DmsInputError(f"DMS CUSTOMER ID {wanted} IS NOT IN THE DMS FOR {search_name or header.renter or '*'}")
        new = False
    else:
        if not header.renter:
            raise DmsInputError("THE REPORT HAS NO RENTER TO EXPORT AS A NEW CUSTOMER")
        details = NewCustomer(header.renter, *(getattr(renter, k) or "" for k in ("address", "city", "state", "zip")))
        wanted = _clean_id(connector.create_customer(details, f"customer-{report_number}"), "DMS CUSTOMER ID")
        new = True
    with db.write() as session:
        row = _properties_row(session, report_number)
        row.customer_id, row.customer_new, row.updated_at = wanted, new, now()
        _event(session, report_number, employee,
               "New DMS Customer ID added" if new else "DMS Customer ID added", reference_id=wanted)
    return wanted or ""


def choose_vehicle(db: Database, report_number: int, connector: DmsConnector, employee: str,
                   vehicle_id: str | None, *, make: str | None = None, model: str | None = None,
                   search_text: str | None = None) -> str:
    """Set the DMS Vehicle ID to a vehicle the DMS search found, or with None: "vehicle not listed", exported as a
    new vehicle record with the make and model the clerk confirmed."""
    require_dms_edit(db, employee)
    with db.read() as session:
        report = _report(session, report_number)
        vehicle = report.vehicle
        text = search_text or (vehicle.vin if vehicle is not None and vehicle.vin else None) or report.unit_number or ""
    if vehicle_id is not None:
        wanted = _clean_id(vehicle_id, "DMS VEHICLE ID")
        if wanted not in {v.id.upper() for v in connector.search_vehicles(text)}:
            raise DmsInputError(f"DMS VEHICLE ID {wanted} IS NOT IN THE DMS FOR {text or '*'}")
        new, make, model = False, None, None
    else:
        make = (make or (vehicle.make if vehicle else None) or "").strip().upper()
        model = (model or (vehicle.model if vehicle else None) or "").strip().upper()
        if not make or not model:
            raise DmsInputError("CONFIRM THE MAKE AND MODEL OF THE NEW VEHICLE RECORD")
        if len(make) > 15 or len(model) > 15:
            raise DmsInputError("MAKE AND MODEL ARE UP TO 15 CHARACTERS EACH")
        details = NewVehicle(make, model, vehicle.year if vehicle else None, (vehicle.vin or "") if vehicle else "",
                             report.unit_number or "")
        wanted = _clean_id(connector.create_vehicle(details, f"vehicle-{report_number}"), "DMS VEHICLE ID")
        new = True
    with db.write() as session:
        row = _properties_row(session, report_number)
        row.vehicle_id, row.vehicle_new, row.vehicle_make, row.vehicle_model = wanted, new, make, model
        row.updated_at = now()
        _event(session, report_number, employee,
               "New DMS Vehicle ID added" if new else "DMS Vehicle ID added", reference_id=wanted)
    return wanted or ""


def search_customers(connector: DmsConnector, name: str) -> list[DmsCustomer]:
    return connector.search_customers(name)


def search_vehicles(connector: DmsConnector, text: str) -> list[DmsVehicle]:
    return connector.search_vehicles(text)


# ----------------------------------------------------------------------------------------------------------------
# Receipts
# ----------------------------------------------------------------------------------------------------------------

IN_DOUBT_SHOWN = "IN DOUBT - EXPORT AGAIN"
EXPORTABLE = ("Ready", "Failed")  # in-doubt receipts are Ready (a killed export) or Failed (no answer) as well


def parse_amount(value: str | Decimal) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        raise DmsInputError(f"{str(value).strip() or 'BLANK'} IS NOT AN AMOUNT") from None
    if not amount.is_finite():
        raise DmsInputError(f"{value} IS NOT AN AMOUNT")
    if amount != amount.quantize(_CENT):
        raise DmsInputError("AN AMOUNT HAS AT MOST TWO DECIMAL PLACES")
    return amount.quantize(_CENT)


def _checked(payer_type: str, payer_name: str, amount: str | Decimal) -> tuple[str, str, Decimal]:
    kind = (payer_type or "").strip().upper()
    if kind not in PAYER_TYPES:
        raise DmsInputError(f"PAYER TYPE MUST BE ONE OF {', '.join(PAYER_TYPES)}")
    name = (payer_name or "").strip().upper()
    if not name:
        raise DmsInputError("ENTER WHO PAID (PAYER NAME)")
    if len(name) > 30:
        raise DmsInputError("PAYER NAME IS UP TO 30 CHARACTERS")
    value = parse_amount(amount)
    if value == 0:
        raise DmsInputError("A RECEIPT AMOUNT CANNOT BE ZERO")
    if value < 0 and kind != "ADJUSTMENT":
        raise DmsInputError("A RECEIPT AMOUNT CANNOT BE NEGATIVE - USE AN ADJUSTMENT RECEIPT TO CORRECT A POSTED ONE")
    if abs(value) >= Decimal("10000000"):
        raise DmsInputError("A RECEIPT AMOUNT MUST BE UNDER 10,000,000.00")
    return kind, name, value


def _adjusted(session: Session, receipt_id: int, *, besides: int | None = None) -> Decimal:
    """What the receipts correcting `receipt_id` (not void) add up to."""
    query = select(m.DmsReceipt.amount).where(m.DmsReceipt.corrects_receipt_id == receipt_id,
                                              m.DmsReceipt.status != "Void")
    if besides is not None:
        query = query.where(m.DmsReceipt.id != besides)
    return sum(session.scalars(query), Decimal("0.00"))


def _check_correction(session: Session, original_id: int, value: Decimal, *, besides: int | None = None) -> None:
    """An adjustment of `value` against receipt `original_id`: the receipt must be Posted, the adjustment of the
    opposite sign, and all its adjustments together never more than the receipt (locked while checking)."""
    original = session.get(m.DmsReceipt, original_id, with_for_update=True)
    if original is None:
        raise DmsInputError(f"RECEIPT {original_id} NOT ON FILE")
    if original.in_doubt:
        raise DmsInputError(f"RECEIPT {original_id} IS {IN_DOUBT_SHOWN} BEFORE ADJUSTING IT")
    if original.status != "Posted":
        raise DmsInputError("ONLY A POSTED RECEIPT IS CORRECTED BY AN ADJUSTMENT - VOID IT INSTEAD")
    if (value > 0) == (original.amount > 0):
        raise DmsInputError(f"AN ADJUSTMENT OF RECEIPT {original_id} MUST BE {'NEGATIVE' if original.amount > 0 else 'POSITIVE'}")
    already = _adjusted(session, original_id, besides=besides)
    if already == -original.amount:
        raise DmsInputError(f"RECEIPT {original_id} IS ALREADY FULLY REVERSED")
    if abs(already + value) > abs(original.amount):
        left = -(original.amount + already)
        raise DmsInputError(f"ADJUSTMENTS WOULD EXCEED RECEIPT {original_id} ({original.amount:,.2f}) - "
                            f"AT MOST {left:,.2f} LEFT")


def add_receipt(db: Database, report_number: int, *, payer_type: str, payer_name: str, amount: str | Decimal,
                received_date: date | None = None, employee: str, corrects_receipt_id: int | None = None) -> Receipt:
    """A receipt on the claim, status Ready. Only an ADJUSTMENT may be negative (it corrects a posted receipt, and
    the adjustments against one receipt never add up to more than it)."""
    require_dms_edit(db, employee)
    kind, name, value = _checked(payer_type, payer_name, amount)
    at = now()
    with db.write() as session:
        _report(session, report_number)
        if corrects_receipt_id is not None:
            if kind != "ADJUSTMENT":
                raise DmsInputError("ONLY AN ADJUSTMENT RECEIPT CORRECTS ANOTHER RECEIPT")
            _check_correction(session, corrects_receipt_id, value)
        row = m.DmsReceipt(report_number=report_number, payer_type=kind, payer_name=name, amount=value,
                           received_date=received_date or at.date(), status="Ready", in_doubt=False,
                           corrects_receipt_id=corrects_receipt_id, created_at=at, created_by=employee[:6])
        session.add(row)
        session.flush()
        _event(session, report_number, employee, f"Receipt added: {kind.title()}", at=at, amount=value,
               status="Ready", receipt_id=row.id)
        return _receipt(row)


def void_receipt(db: Database, receipt_id: int, employee: str) -> Receipt:
    """Void a Ready or Failed receipt. A Posted one is corrected by a negative adjustment receipt instead; one in
    doubt (the DMS may hold it) must be exported again first."""
    require_dms_edit(db, employee)
    with db.write() as session:
        row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
        if row is None:
            raise DmsInputError(f"RECEIPT {receipt_id} NOT ON FILE")
        if row.status == "Posted":
            raise DmsInputError("A POSTED RECEIPT CANNOT BE VOIDED - ADD A NEGATIVE ADJUSTMENT RECEIPT")
        if row.status == "Void":
            raise DmsInputError(f"RECEIPT {receipt_id} IS ALREADY VOID")
        if row.in_doubt:
            raise DmsInputError(f"THE DMS MAY HOLD RECEIPT {receipt_id}: {IN_DOUBT_SHOWN} BEFORE VOIDING IT")
        row.status = "Void"
        _event(session, row.report_number, employee, "Payment voided", amount=row.amount, status="Void",
               receipt_id=row.id)
        return _receipt(row)


def reversal_left(db: Database, receipt_id: int) -> Decimal:
    """How much of a Posted receipt is not adjusted out yet (what F6 would take back)."""
    with db.read() as session:
        row = session.get(m.DmsReceipt, receipt_id)
        if row is None:
            raise DmsInputError(f"RECEIPT {receipt_id} NOT ON FILE")
        return row.amount + _adjusted(session, receipt_id)


def correct_posted_receipt(db: Database, receipt_id: int, employee: str, received_date: date | None = None, *,
                           amount: str | Decimal | None = None) -> Receipt:
    """An ADJUSTMENT receipt that takes a Posted receipt back out of the DMS (exported like any other): `amount`
    (negative for a payment), or what is left of the receipt. A second full reversal is refused."""
    require_dms_edit(db, employee)
    with db.read() as session:
        row = session.get(m.DmsReceipt, receipt_id)
        if row is None:
            raise DmsInputError(f"RECEIPT {receipt_id} NOT ON FILE")
        if row.in_doubt:
            raise DmsInputError(f"RECEIPT {receipt_id} IS {IN_DOUBT_SHOWN} BEFORE ADJUSTING IT")
        if row.status != "Posted":
            raise DmsInputError("ONLY A POSTED RECEIPT IS CORRECTED BY AN ADJUSTMENT - VOID IT INSTEAD")
        report_number, name = row.report_number, row.payer_name
        left = row.amount + _adjusted(session, receipt_id)
    if left == 0:
        raise DmsInputError(f"RECEIPT {receipt_id} IS ALREADY FULLY REVERSED")
    return add_receipt(db, report_number, payer_type="ADJUSTMENT", payer_name=name,
                       amount=-left if amount is None else amount, received_date=received_date, employee=employee,
                       corrects_receipt_id=receipt_id)


def correct_refused_receipt(db: Database, receipt_id: int, employee: str, *, amount: str | Decimal | None = None,
                            payer_name: str | None = None, received_date: date | None = None) -> Receipt:
    """A receipt the DMS refused (Failed), corrected (amount, payer, date) and made Ready to go under a NEW
    idempotency key: the DMS already answered the old key, so resending it would only bring back the refusal. The
    refused attempt (its amount, payer, date, key and the DMS's message) stays in the history."""
    require_dms_edit(db, employee)
    with db.write() as session:
        row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
        if row is None:
            raise DmsInputError(f"RECEIPT {receipt_id} NOT ON FILE")
        if row.in_doubt:
            raise DmsInputError(f"RECEIPT {receipt_id} IS {IN_DOUBT_SHOWN} BEFORE CORRECTING IT")
        if row.status != "Failed":
            raise DmsInputError("ONLY A RECEIPT THE DMS REFUSED (FAILED) IS CORRECTED AND SENT AGAIN")
        kind, name, value = _checked(row.payer_type, row.payer_name if payer_name is None else payer_name,
                                     row.amount if amount is None else amount)
        when = received_date or row.received_date
        if (name, value, when) == (row.payer_name, row.amount, row.received_date):
            raise DmsInputError("NOTHING CHANGED - CHANGE THE AMOUNT, PAYER OR DATE (OR EXPORT AGAIN AS IT IS)")
        if row.corrects_receipt_id is not None:
            _check_correction(session, row.corrects_receipt_id, value, besides=row.id)
        at = now()
        _event(session, row.report_number, employee, f"Refused: {row.failure_message or 'REFUSED BY THE DMS'}",
               at=at, amount=row.amount, status="Failed", reference_id=(row.idempotency_key or "")[:40] or None,
               receipt_id=row.id)
        row.payer_name, row.amount, row.received_date = name, value, when
        row.status, row.idempotency_key, row.export_started_at = "Ready", None, None
        row.failure_message = row.reference_id = row.posted_at = None
        _event(session, row.report_number, employee,
               f"Receipt corrected: {name} {format_counter_date(when)}", at=at, amount=value, status="Ready", receipt_id=row.id)
        return _receipt(row)


# ----------------------------------------------------------------------------------------------------------------
# Export
# ----------------------------------------------------------------------------------------------------------------


class Circuit:
    """Stops calling a DMS that failed `failures` times in a row (no answer, 5xx, "still processing", an answer not
    understood), for `reset_seconds`; then one call is let through, and a success closes the circuit again.
    One per DMS per process (`circuit_for`), shared by every export of the process."""

    def __init__(self, failures: int = 3, reset_seconds: float = 30.0) -> None:
        self.failures = failures
        self.reset_seconds = reset_seconds
        self.in_a_row = 0
        self.opened_at: float | None = None
        self._lock = threading.Lock()

    def blocked(self) -> bool:
        """Open and its time not up yet (asking does not use up the one call a half-open circuit lets through)."""
        with self._lock:
            return (self.failures > 0 and self.opened_at is not None
                    and time.monotonic() - self.opened_at < self.reset_seconds)

    def allows(self) -> bool:
        """May the next call go? Half open (time up), this call is the one let through."""
        with self._lock:
            if self.failures <= 0 or self.opened_at is None:
                return True
            if time.monotonic() - self.opened_at >= self.reset_seconds:
                self.opened_at = time.monotonic()  # half open: this one call; another failure keeps it open
                return True
            return False

    def succeeded(self) -> None:
        with self._lock:
            self.in_a_row, self.opened_at = 0, None

    def failed(self) -> None:
        with self._lock:
            self.in_a_row += 1
            if self.failures > 0 and self.in_a_row >= self.failures:
                self.opened_at = time.monotonic()

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.failures > 0


_circuits: dict[str, Circuit] = {}
_circuits_lock = threading.Lock()


def circuit_for(connector: DmsConnector, failures: int = 3, reset_seconds: float = 30.0) -> Circuit:
    with _circuits_lock:
        circuit = _circuits.get(connection_name(connector))
        if circuit is None or (circuit.failures, circuit.reset_seconds) != (failures, reset_seconds):
            circuit = _circuits[connection_name(connector)] = Circuit(failures, reset_seconds)
        return circuit


def export_limits(settings, connector: DmsConnector) -> dict:  # noqa: ANN001
    """The budget and the circuit IT configured (CARSPLUS_DMS_EXPORT_BUDGET, _CIRCUIT_FAILURES, _CIRCUIT_RESET), as
    keyword arguments of `export_ready_payments`."""
    return {"budget_seconds": settings.dms_export_budget,
            "circuit": circuit_for(connector, settings.dms_circuit_failures, settings.dms_circuit_reset)}


@dataclass(frozen=True)
class ExportStep:
    done: int
    total: int
    receipt: Receipt
    message: str
    sending: bool = False  # True: about to be sent (the window shows it); False: its outcome


@dataclass(frozen=True)
class ExportSummary:
    posted: int
    failed: int
    total: int
    messages: tuple[str, ...]
    in_doubt: int = 0
    left: int = 0  # not reached: still Ready (budget used, cancelled, circuit open)
    stopped: str = ""  # why the export stopped before the end
    notices: tuple[str, ...] = ()  # what the export noticed on the way (a bad acknowledgement moved aside, ...)

    @property
    def line(self) -> str:
        if not self.total:
            return self.stopped or "NO READY PAYMENTS TO EXPORT"
        text = f"{self.posted} OF {self.total} PAYMENTS POSTED" + (f", {self.failed} FAILED" if self.failed else "")
        if self.in_doubt:
            text += f" ({self.in_doubt} IN DOUBT - EXPORT AGAIN)"
        if self.left:
            text += f" - {self.left} LEFT READY: {self.stopped}"
        return text


def _candidates(session: Session, report_number: int | None) -> list[int]:
    query = select(m.DmsReceipt.id).where(m.DmsReceipt.status.in_(EXPORTABLE)).order_by(m.DmsReceipt.id)
    if report_number is not None:
        query = query.where(m.DmsReceipt.report_number == report_number)
    return list(session.scalars(query))


def _read_acknowledgements(db: Database, connector: DmsConnector, report_number: int | None,
                           employee: str) -> list[str]:
    """Outbox only: a refusal the DMS wrote back for a payment posted to the outbox marks it Failed. An
    acknowledgement we cannot read is moved aside (quarantine) and named in the notices; the rest goes on."""
    acknowledgement = getattr(connector, "acknowledgement", None)
    if acknowledgement is None:
        return []
    notices: list[str] = []
    with db.read() as session:
        query = select(m.DmsReceipt.id, m.DmsReceipt.idempotency_key, m.DmsReceipt.status).where(
            m.DmsReceipt.idempotency_key.is_not(None),
            or_(m.DmsReceipt.status == "Failed", m.DmsReceipt.in_doubt.is_(True),
                and_(m.DmsReceipt.status == "Posted", m.DmsReceipt.reference_id.like("OUTBOX-%"))))
        if report_number is not None:
            query = query.where(m.DmsReceipt.report_number == report_number)
        pending = list(session.execute(query))
    for receipt_id, key, status in pending:
        try:
            ack = acknowledgement(key)
        except DmsError as exc:  # moved to quarantine (or unreadable): say so, and go on with the others
            notices.append(f"RECEIPT {receipt_id}: {exc}")
            continue
        if ack is None or status != "Posted":
            continue  # Failed / in doubt ones are sent again, which reads their acknowledgement
        with db.write() as session:
            row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
            if row is None or row.status != "Posted":
                continue
            if ack.ok:
                if ack.reference_id:
                    row.reference_id = ack.reference_id[:40]
                continue
            row.status, row.posted_at = "Failed", None
            row.failure_message = clean_message(ack.message, "REFUSED BY THE DMS")
            _event(session, row.report_number, employee, f"Payment failed: {row.failure_message}"[:60],
                   amount=row.amount, status="Failed", reference_id=row.reference_id, receipt_id=row.id)
    return notices


def export_ready_payments(db: Database, connector: DmsConnector, employee: str, *, report_number: int | None = None,
                          progress: Callable[[ExportStep], None] | None = None,
                          budget_seconds: float | None = None, cancel: threading.Event | None = None,
                          circuit: Circuit | None = None) -> ExportSummary:
    """EXPORT ALL READY PAYMENTS: every Ready, Failed or in-doubt receipt (of one report, or all), one at a time.

    Each receipt is marked in doubt (with its idempotency key) in a committed transaction before the DMS hears of
    it, and settled afterwards: Posted (a well-formed answer), Failed (the DMS refused it: it holds nothing), or left
    in doubt (no answer, "still processing", an answer not understood) until a later export settles it with the same
    key. The others carry on. The export stops early, leaving the rest Ready, once `budget_seconds` are used, when
    `cancel` is set, or when `circuit` is open. When the DMS does not take payments at all nothing is changed and
    `DmsUnsupportedError` says so."""
    budget = Budget.of(budget_seconds, cancel)
    require_dms_edit(db, employee)
    if report_number is not None:
        with db.read() as session:
            _report(session, report_number)
    if not connector.can_post_payments:
        raise DmsUnsupportedError("THIS DMS DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
    prepare = getattr(connector, "prepare_export", None)
    notices: list[str] = list(prepare()) if prepare is not None else []
    notices += _read_acknowledgements(db, connector, report_number, employee)
    with db.read() as session:
        ids = _candidates(session, report_number)
        numbers = sorted(set(session.scalars(
            select(m.DmsReceipt.report_number).where(m.DmsReceipt.id.in_(ids))))) if ids else []
    for number in numbers:
        # Payments carry the DMS Repair ID: reserve it now for a report whose work order has none yet.
        if (circuit is not None and circuit.blocked()) or budget.used or budget.cancelled.is_set():
            break
        try:
            reserve_repair_id(db, number, connector, employee, budget=budget)
        except DmsUnavailableError:  # the payment goes without; the clerk may type the ID by hand
            if circuit is not None:
                circuit.failed()
        except DmsError:  # refused, or stopped before sending: the payments go without it
            continue
    posted = failed = in_doubt = 0
    stopped = ""
    left = 0
    messages: list[str] = []
    touched: dict[int, list[int]] = {}
    for done, receipt_id in enumerate(ids, start=1):
        stopped = _stop_reason(budget, budget_seconds, circuit)
        if stopped:
            left = len(ids) - done + 1
            break
        # 1. Mark it in doubt, with its key, before the DMS hears of it (committed on its own).
        with db.write() as session:
            row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
            if row is None or row.status not in EXPORTABLE:
                continue
            if row.idempotency_key is None:
                row.idempotency_key = uuid.uuid4().hex
            before = (row.status, row.export_started_at, row.in_doubt)
            started = datetime.now()  # to the microsecond: tells this export's mark from another terminal's
            row.in_doubt, row.export_started_at = True, started
            key = row.idempotency_key
            props = session.get(m.DmsProperties, row.report_number)
            request = PaymentRequest(row.report_number, row.id, props.repair_id if props else None,
                                     props.customer_id if props else None, row.payer_type, row.payer_name,
                                     row.amount, row.received_date)
            view = _receipt(row)
        if progress is not None:
            progress(ExportStep(done, len(ids), view, "SENDING ...", sending=True))
        # 2. The DMS.
        outcome: str
        try:
            result = connector.post_payment(request, key, budget=budget)
        except DmsUnsupportedError:
            with db.write() as session:  # the DMS takes no payments: it holds none of them
                row = session.get(m.DmsReceipt, receipt_id)
                if row is not None and row.in_doubt and row.export_started_at == started:
                    row.status, row.export_started_at, row.in_doubt = before
            raise
        except DmsStoppedError as exc:  # nothing was sent: it goes back to what it was, and the export stops
            with db.write() as session:
                row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
                if row is not None and row.in_doubt and row.export_started_at == started:
                    row.status, row.export_started_at, row.in_doubt = before
            stopped, left = _stop_reason(budget, budget_seconds, None) or str(exc), len(ids) - done + 1
            break
        except DmsRejectedError as exc:
            outcome, message, reference = "Failed", str(exc)[:200], None
        except DmsError as exc:  # no answer, still processing, not understood, stopped mid-way: Failed, in doubt
            outcome, message, reference = "Unsettled", str(exc)[:200] or NOT_UNDERSTOOD, None
        else:
            outcome, message, reference = "Posted", "", result.reference_id[:40]
        if circuit is not None:
            circuit.failed() if outcome == "Unsettled" else circuit.succeeded()
        # 3. The outcome.
        with db.write() as session:
            row = session.get(m.DmsReceipt, receipt_id, with_for_update=True)
            if row is None or not row.in_doubt or row.status not in EXPORTABLE or row.idempotency_key != key:
                continue  # another terminal's export settled it meanwhile (same key, so the DMS holds it once)
            at = now()
            row.status = "Posted" if outcome == "Posted" else "Failed"
            row.in_doubt = outcome == "Unsettled"
            row.failure_message = message or None
            if outcome == "Posted":
                row.posted_at, row.reference_id = at, reference
                posted += 1
                _event(session, row.report_number, employee, "Payment posted", at=at, amount=row.amount,
                       status="Posted", reference_id=reference, receipt_id=row.id)
            else:
                failed += 1
                in_doubt += row.in_doubt
                messages.append(f"RECEIPT {row.id}: {message}")
                label = "Payment in doubt" if row.in_doubt else "Payment failed"
                _event(session, row.report_number, employee, f"{label}: {message}"[:60], at=at,
                       amount=row.amount, status="In doubt" if row.in_doubt else "Failed",
                       reference_id=row.reference_id, receipt_id=row.id)
            touched.setdefault(row.report_number, []).append(1 if outcome == "Posted" else 0)
            view = _receipt(row)
        if progress is not None:
            progress(ExportStep(done, len(ids), view, message or f"REFERENCE {reference}"))
    with db.write() as session:
        for number, outcomes in touched.items():
            ok = sum(outcomes)
            _event(session, number, employee, f"Export: {ok} posted, {len(outcomes) - ok} failed",
                   status="Export")
    return ExportSummary(posted, failed, posted + failed + left, tuple(messages), in_doubt=in_doubt, left=left,
                         stopped=stopped, notices=tuple(notices))


def _stop_reason(budget: Budget, seconds: float | None, circuit: Circuit | None) -> str:
    if budget.cancelled.is_set():
        return "EXPORT CANCELLED"
    if budget.used:
        return f"EXPORT TIME BUDGET OF {seconds:g} S USED - EXPORT AGAIN"
    if circuit is not None and not circuit.allows():
        return (f"THE DMS FAILED {circuit.in_a_row} TIMES IN A ROW - NOT CALLED FOR {circuit.reset_seconds:g} S")
    return ""


# ----------------------------------------------------------------------------------------------------------------
# History: CSV, PDF, print
# ----------------------------------------------------------------------------------------------------------------

HISTORY_COLUMNS = ("Date", "Completed By", "Description", "Amount $", "Status", "Reference ID")


def _rows(events: list[Event]) -> list[tuple[str, ...]]:
    return [(format_shown_datetime(e.at), e.completed_by, e.description, grouped_money(e.amount), e.status or "",
             e.reference_id or "") for e in events]


def history_csv(db: Database, report_number: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("Report #", *HISTORY_COLUMNS))
    for row in _rows(history(db, report_number)):
        writer.writerow((report_number, *row))
    return buffer.getvalue()


def history_pdf(db: Database, report_number: int, *, company: str = "", at: datetime | None = None) -> bytes:
    """The DMS Transaction History as a PDF (reportlab): the window's header, then the events, newest first."""
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas

    activity = load_activity(db, report_number)
    h = activity.header
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=landscape(letter), invariant=True)
    pdf.setTitle(f"{report_number} - DMS Activity")
    width, height = landscape(letter)
    widths = (95, 140, 250, 80, 60, 110)

    def page_top() -> float:
        y = height - 40
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(36, y, f"{report_number} - DMS ACTIVITY - DMS TRANSACTION HISTORY")
        pdf.setFont("Helvetica", 9)
        printed = format_shown_datetime(at or now())
        pdf.drawRightString(width - 36, y, f"{company}  PRINTED {printed}".strip())
        y -= 16
        claim = f"${grouped_money(h.claim_amount)}" if h.claim_amount is not None else ""
        pdf.drawString(36, y, "   ".join(p for p in (h.renter, claim, h.insurance_company, h.vehicle, h.vin_or_unit) if p))
        y -= 20
        pdf.setFont("Helvetica-Bold", 9)
        x = 36
        for title, w in zip(HISTORY_COLUMNS, widths, strict=True):
            pdf.drawString(x, y, title)
            x += w
        pdf.line(36, y - 3, width - 36, y - 3)
        pdf.setFont("Helvetica", 9)
        return y - 15

    y = page_top()
    for row in _rows(list(activity.events)) or [("", "", "NO DMS ACTIVITY", "", "", "")]:
        if y < 40:
            pdf.showPage()
            y = page_top()
        x = 36
        for i, (text, w) in enumerate(zip(row, widths, strict=True)):
            if i == 3:
                pdf.drawRightString(x + w - 10, y, text)
            else:
                pdf.drawString(x, y, text[: int(w / 4.6)])
            x += w
        y -= 13
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class HistoryPrint:
    pdf_path: Path
    sent_to: str | None
    message: str


def print_history(db: Database, report_number: int, *, settings=None, printer: str | None = None) -> HistoryPrint:  # noqa: ANN001
    """Print: the history PDF into the spool folder, then to the printer with `lp` (the printing issue's path)."""
    from carsplus_tui.printing.dispatch import MESSAGE_WIDTH, keep_file, kept_line, send_to_printer
    from carsplus_tui.settings import get_settings

    settings = settings or get_settings()
    at = datetime.now()
    pdf = history_pdf(db, report_number, company=settings.company_name, at=at.replace(microsecond=0))
    path = keep_file(pdf, settings.resolved_spool_dir, f"{report_number:06d}-dms-history-{at:%Y%m%d-%H%M%S}")
    queue = (printer or settings.printer or "").strip() or None
    sent = send_to_printer(path, queue) if queue else None
    if queue and sent is not None and sent.accepted:
        return HistoryPrint(path, queue, f"DMS HISTORY SENT TO PRINTER {queue.upper()}"[:MESSAGE_WIDTH])
    prefix = f"{'NO PRINTER SET' if sent is None else sent.reason} - KEPT IN "
    return HistoryPrint(path, None, kept_line(prefix, path))


def export_summary(db: Database, report_number: int, folder: Path, *, company: str = "") -> tuple[Path, Path]:
    """Export Summary: the history as CSV and PDF files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now().strftime("%Y%m%d-%H%M%S")
    csv_path = folder / f"{report_number:06d}-dms-summary-{stamp}.csv"
    pdf_path = csv_path.with_suffix(".pdf")
    csv_path.write_text(history_csv(db, report_number), encoding="utf-8")
    pdf_path.write_bytes(history_pdf(db, report_number, company=company))
    return csv_path, pdf_path


# Re-exported for callers that catch them.
DmsRejected = DmsRejectedError
