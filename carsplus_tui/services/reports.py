"""Use cases of a damage report: save (create or update, with every side effect, in one transaction), load for the
screens and the JSON form, import, history, and the RA's charges.

The rules and the arithmetic are the domain's (carsplus_tui.domain); this module gathers the facts from the
database, asks the domain, and writes the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m
from carsplus_tui.db import notes as notes_repo
from carsplus_tui.db import reference
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError, StaleReportError
from carsplus_tui.domain import engine, permissions, rules
from carsplus_tui.domain.audit import page2_changes
from carsplus_tui.domain.control import DamageControl as ControlSettings
from carsplus_tui.domain.errors import FieldError, ReportValidationError, field_error
from carsplus_tui.domain.printing import PrintQuestion, print_questions
from carsplus_tui.domain.schemas import MAX_NUMBER, DamageReportData, load_report
from carsplus_tui.services import drafts
from carsplus_tui.services.report_mapping import (
    access_settings,
    apply_page1,
    apply_page2,
    control_settings,
    damage_charges,
    excess_charged_ra,
    report_to_data,
    vehicle_info,
)

__all__ = [
    "Posting",
    "ReportNotFoundError",
    "SaveResult",
    "StaleReportError",
    "claim_facts_for",
    "describe_rental_agreement",
    "import_report_json",
    "load_report_data",
    "report_history",
    "report_json",
    "save_report",
]


@dataclass(frozen=True)
class Posting:
    """A charge a save put on (or took off) an RA, for the pop-up that shows what the RA close program will tax."""

    ra_number: str
    kind: str  # optional | additional
    source: str  # excess_charged | amount_charged | amount_refunded
    amount: Decimal  # the change this save made (negative for a refund or a lowered charge)


@dataclass(frozen=True)
class SaveResult:
    report_number: int
    version: int
    created: bool
    report_status: str
    claim_status: int
    postings: tuple[Posting, ...] = ()
    print_questions: tuple[PrintQuestion, ...] = ()
    messages: tuple[str, ...] = field(default=())


MAX_NEW_NOTES = 50  # per save (an import is one save); each note is at most 1,000 characters (the schema's rule)


def now() -> datetime:
    """Counter time: local wall-clock time to the second, as the green screen shows it."""
    return datetime.now().replace(microsecond=0)


# ----------------------------------------------------------------------------------------------------------------
# Facts from the database that the engine needs
# ----------------------------------------------------------------------------------------------------------------


def claim_facts(
    report: m.DamageReport | None, ra: m.RentalAgreement | None, control: ControlSettings
) -> engine.ClaimFacts:
    work_order = report.work_order if report is not None else None
    return engine.ClaimFacts(
        has_work_order=work_order is not None,
        work_order_status=work_order.status if work_order else None,
        repair_cost_lines=tuple(line.amount for line in work_order.cost_lines) if work_order else (),
        excess_charged_ra=excess_charged_ra(ra, control.damage_option_code, report.report_number if report else None),
        ra_excess=ra.excess if ra else None,
        coverage_sold=ra.coverage_sold if ra else None,
    )


def claim_facts_for(db: Database, report_number: int | None, ra_number: str | None) -> engine.ClaimFacts:
    """The facts page 2 works with while it is open: the saved report's work order (if any) and the RA typed on
    page 1 (its excess and the damage charges already on it)."""
    with db.read() as session:
        control = control_settings(reference.get_control(session))
        report = reports_repo.load_report(session, report_number) if report_number is not None else None
        ra = reference.find_rental_agreement(session, ra_number) if ra_number else None
        return claim_facts(report, ra, control)


def _load_data(session: Session, report: m.DamageReport, control: ControlSettings) -> DamageReportData:
    data = report_to_data(report, list(notes_repo.notes_for(session, report.report_number)), control)
    data = engine.apply_computed(data, claim_facts(report, report.rental_agreement, control), control)
    if report.work_order is not None:
        from carsplus_tui.services.work_orders import view_of

        data = data.model_copy(update={"work_order": view_of(report.work_order).model_dump(mode="json")})
    return data


def load_report_data(db: Database, report_number: int) -> DamageReportData:
    """The report as pages 1 and 2 show it, statuses and money computed by the engine."""
    if not 0 < report_number <= MAX_NUMBER:  # past the INTEGER column: no such report (not a DB error)
        raise ReportNotFoundError(report_number)
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:
            raise ReportNotFoundError(report_number)
        control = control_settings(reference.get_control(session))
        return _load_data(session, report, control)


def report_json(db: Database, report_number: int) -> dict[str, Any]:
    """DESIGN.md §8: `carsplus report show N`."""
    return load_report_data(db, report_number).model_dump(mode="json")


# ----------------------------------------------------------------------------------------------------------------
# Save
# ----------------------------------------------------------------------------------------------------------------


def save_report(
    db: Database,
    data: DamageReportData,
    employee_code: str,
    *,
    at: datetime | None = None,
    after_writes: Callable[[Session], None] | None = None,
    discard_draft_of: str | None = None,
    keep_note_authors: bool = False,
) -> SaveResult:
    """F1 SAVE. A new report (no `report_number`) gets the next number; an existing one must carry the `version`
    it was loaded at, or the save is refused (StaleReportError) — so two clerks never overwrite each other.

    Everything — the report, its pop-ups and lines, customer records, vehicle history, RA charges, notes and the
    audit trail — is one transaction: a failure anywhere leaves nothing written. Invalid input raises
    ReportValidationError listing every broken rule by the manual's field number and label.
    `discard_draft_of` deletes that employee's draft (services.drafts) in the same transaction, so a save cut off
    at any point leaves the report saved and no draft, or no report and the draft to recover — never both.
    `after_writes` runs last inside the transaction (tests use it to inject a failure).
    New notes are authored by `employee_code` at the time of the save, whatever the data says (only the sample
    loader, replaying the sample data's history, passes `keep_note_authors`).
    """
    at = at or now()
    with db.write() as session:
        result = _save(session, data, employee_code.upper(), at, keep_note_authors=keep_note_authors)
        if discard_draft_of is not None:
            drafts.discard_in(session, discard_draft_of)
        if after_writes is not None:
            after_writes(session)
        return result


def _save(
    session: Session, data: DamageReportData, employee_code: str, at: datetime, *, keep_note_authors: bool = False
) -> SaveResult:
    control = control_settings(reference.get_control(session))
    employee = reference.get_employee(session, employee_code)
    if employee is None:
        raise ReportValidationError([field_error("last_modified_by", f"employee {employee_code} is not on file")])
    access = access_settings(employee)

    errors: list[FieldError] = []
    ra = _lookup(session, data.ra_number, reference.find_rental_agreement, "ra_number", errors)
    ticket = _lookup(session, data.non_rev_number, reference.find_non_rev_ticket, "non_rev_number", errors)
    if errors:
        raise ReportValidationError(errors)

    existing: m.DamageReport | None = None
    previous: DamageReportData | None = None
    if data.report_number is not None:
        if data.version is None:
            raise ReportValidationError([field_error("version", "is required to change a saved report")])
        existing = reports_repo.claim_report_for_update(session, data.report_number, data.version, employee_code, at)
        previous = _load_data(session, existing, control)
        old_ra = existing.rental_agreement
        if old_ra is not None and old_ra is not ra:
            _check_page1_access(access, old_ra)

    _check_page1_access(access, ra)
    # "Access Claim" guards page 2 on every path in, not only on the screen.
    level = permissions.page2_access(access)
    if level != "edit" and page2_changes(previous, data):
        message = "NO ACCESS TO CLAIM INFO" if level == "none" else "CLAIM INFO IS VIEW ONLY FOR THIS EMPLOYEE"
        raise ReportValidationError([field_error("report_checked", message)])
    new_notes = data.notes[len(previous.notes):] if previous is not None else data.notes
    if new_notes and level != "edit":
        message = "NO ACCESS TO CLAIM INFO" if level == "none" else "CLAIM INFO IS VIEW ONLY FOR THIS EMPLOYEE"
        raise ReportValidationError([field_error("notes", message)])
    if len(new_notes) > MAX_NEW_NOTES:
        raise ReportValidationError([field_error(
            "notes", f"{len(new_notes)} new entries: at most {MAX_NEW_NOTES} may be added in one save")])

    vehicle = _resolve_vehicle(session, data, ra, ticket, control, errors)
    data = _with_vehicle(data, vehicle)
    facts = claim_facts(existing, ra, control)
    context = rules.ReportContext(
        control=control,
        ra_excess=ra.excess if ra else None,
        coverage_sold=ra.coverage_sold if ra else None,
        has_ra=ra is not None,
        # "Enter the next date into the future": dates are checked against the day of the save (no accident or
        # birth date after it, no new follow-up date before it).
        today=at.date(),
    )
    errors.extend(rules.validate_report(data, context, facts, previous))
    errors.extend(_reference_errors(session, data, vehicle, previous))
    if errors:
        raise ReportValidationError(errors)

    created = existing is None
    if existing is None:
        number = reports_repo.next_report_number(session)
        report = m.DamageReport(
            report_number=number, version=1, created_at=at, created_by=employee_code,
            last_modified_at=at, last_modified_by=employee_code,
        )
        session.add(report)
    else:
        report = existing
    report.vehicle_id = vehicle.id if vehicle else None
    apply_page1(report, data)
    apply_page2(report, data)
    _set_statuses(report, engine.evaluate(data, facts, control))  # provisional: customers are not linked yet
    data = _link_customers(session, report, data, control)
    session.flush()

    _sync_vehicle_history(session, report, vehicle, at)
    postings = _post_charges(session, report, ra, control, at)
    _append_notes(session, report.report_number, data, previous, employee_code, at, keep_authors=keep_note_authors)

    # Re-evaluate with the charges just posted: Excess Charged RA may have changed.
    session.flush()
    session.refresh(report)
    final = engine.evaluate(data, claim_facts(report, ra, control), control)
    _set_statuses(report, final)
    session.flush()
    return SaveResult(
        report_number=report.report_number,
        version=report.version,
        created=created,
        report_status=final.report_status,
        claim_status=final.claim_status,
        postings=tuple(postings),
        print_questions=tuple(
            print_questions(final.report_status, final.claim_status, data.customer_present, data.amount_charged, control)
        ),
    )


def _set_statuses(report: m.DamageReport, evaluation: engine.Evaluation) -> None:
    # Stored so F6 can filter by status with an index; always the engine's verdict on the saved facts.
    report.report_status = evaluation.report_status
    report.claim_status = evaluation.claim_status


def _lookup(session: Session, key: str | None, finder, path: str, errors: list[FieldError]):  # noqa: ANN001, ANN202
    if not key:
        return None
    found = finder(session, key)
    if found is None:
        errors.append(field_error(path, f"{key} is not on file"))
    return found


def _check_page1_access(access, ra: m.RentalAgreement | None) -> None:  # noqa: ANN001
    reason = permissions.page1_denied_reason(access, ra.status if ra else None)
    if reason:
        raise ReportValidationError([field_error("ra_number", reason)])


def _resolve_vehicle(
    session: Session,
    data: DamageReportData,
    ra: m.RentalAgreement | None,
    ticket: m.NonRevTicket | None,
    control: ControlSettings,
    errors: list[FieldError],
) -> m.Vehicle | None:
    """Field 3, Unit #: the vehicle on the RA or non-rev ticket (the one currently on it unless an earlier unit of a
    vehicle exchange is named), or the unit typed — by licence when the system is configured so."""
    carried = [rv.vehicle for rv in ra.vehicles] if ra else ([ticket.vehicle] if ticket else [])
    unit = data.unit_number
    if not unit:
        return carried[-1] if carried else None
    if control.vehicle_lookup_by_licence:
        candidates = [v for v in carried if v.licence == unit] or (
            [v] if (v := reference.vehicle_by_licence(session, unit)) else []
        )
    else:
        candidates = [v for v in carried if v.unit_number == unit] or list(reference.vehicles_by_unit(session, unit))
    if len(candidates) > 1 and data.vehicle is not None:
        wanted = data.vehicle
        narrowed = [
            v for v in candidates
            if (wanted.owning_location is None or v.owning_location == wanted.owning_location)
            and (wanted.licence is None or v.licence == wanted.licence)
        ]
        candidates = narrowed or candidates
    if not candidates:
        errors.append(field_error("unit_number", f"no vehicle {unit} on file"))
        return None
    if len(candidates) > 1:
        owners = ", ".join(sorted({v.owning_location or "?" for v in candidates}))
        errors.append(field_error("unit_number", f"{len(candidates)} vehicles are unit {unit} (owned by {owners}): choose one"))
        return None
    return candidates[0]


def _with_vehicle(data: DamageReportData, vehicle: m.Vehicle | None) -> DamageReportData:
    if vehicle is None:
        return data
    return data.model_copy(update={"unit_number": data.unit_number or vehicle.unit_number, "vehicle": vehicle_info(vehicle)})


def _reference_errors(session: Session, data: DamageReportData, vehicle: m.Vehicle | None,
                      previous: DamageReportData | None = None) -> list[FieldError]:
    """The checks that need the files: codes, locations, employees, customers. A retired code is refused unless
    the saved report already holds it there (old reports keep their codes)."""
    errors: list[FieldError] = []
    old_lines = {i: line for i, line in previous.entered_damage_lines()} if previous is not None else {}
    model_code = vehicle.model_code if vehicle else None
    valid_codes: set[str] | None = None
    for index, line in data.entered_damage_lines():
        kept = old_lines.get(index)
        same_code = kept is not None and kept.code == line.code
        if line.code and not same_code:
            service = reference.get_service_code(session, line.code)
            if service is None or not service.show_on_damage_entry:
                errors.append(field_error(f"damage_lines.{index}.code", f"{line.code} is not a damage code"))
            elif service.retired:
                errors.append(field_error(f"damage_lines.{index}.code", f"{line.code} is a retired damage code"))
            else:
                if valid_codes is None:
                    valid_codes = {s.code for s in reference.service_codes_for_model(session, model_code)}
                if line.code not in valid_codes:
                    errors.append(
                        field_error(f"damage_lines.{index}.code", f"{line.code} does not apply to model {model_code}")
                    )
        if line.type and not (kept is not None and kept.type == line.type):
            damage_type = reference.get_damage_type(session, line.type)
            if damage_type is None:
                errors.append(field_error(f"damage_lines.{index}.type", f"{line.type} is not a damage type"))
            elif damage_type.retired:
                errors.append(field_error(f"damage_lines.{index}.type", f"{line.type} is a retired damage type"))
    if data.accident_category and not (previous is not None and previous.accident_category == data.accident_category):
        category = reference.get_claim_category(session, data.accident_category)
        if category is None:
            errors.append(field_error("accident_category", f"{data.accident_category} is not a claim category"))
        elif category.retired:
            errors.append(field_error("accident_category", f"{data.accident_category} is a retired claim category"))
    if data.claim_location and not (previous is not None and previous.claim_location == data.claim_location):
        location = reference.get_location(session, data.claim_location)
        if location is None:
            errors.append(field_error("claim_location", f"location {data.claim_location} is not on file"))
        elif location.retired:
            errors.append(field_error("claim_location", f"location {data.claim_location} is retired"))
    if data.claim_employee and reference.get_employee(session, data.claim_employee) is None:
        errors.append(field_error("claim_employee", f"employee {data.claim_employee} is not on file"))
    people: list[tuple[str, Any]] = [(f"witnesses.{i}", w) for i, w in enumerate(data.witnesses)]
    people += [(f"third_parties.{i}", p) for i, p in enumerate(data.third_parties)]
    if data.other_driver is not None:
        people.append(("other_driver", data.other_driver))
    for path, person in people:
        number = person.customer_number
        if number is None:
            continue
        # ASCII digits within the INTEGER column: int() reads "١٠٠٠" as 1000 and fails on "²", and PostgreSQL
        # refuses a number past 2147483647 with an error that names no field.
        if not (number.isascii() and number.isdigit()) or int(number) > MAX_NUMBER:
            errors.append(field_error(f"{path}.customer_number", "must be a customer number"))
        elif session.get(m.Customer, int(number)) is None:
            errors.append(field_error(f"{path}.customer_number", f"customer {number} is not on file"))
    return errors


# ----------------------------------------------------------------------------------------------------------------
# Side effects of a save (DESIGN.md §4)
# ----------------------------------------------------------------------------------------------------------------


def _link_customers(
    session: Session, report: m.DamageReport, data: DamageReportData, control: ControlSettings
) -> DamageReportData:
    """"Customer records are created for witnesses entered in this window" (and other drivers, third parties), with
    the customer type the control record gives; a person who already has a Cust# has that record brought up to
    date. Returns `data` with the customer numbers filled in."""
    witnesses = list(data.witnesses)
    for row in report.witnesses:
        source = data.witnesses[row.position - 1]
        row.customer_number = _upsert_customer(session, source, control.witness_customer_type)
        witnesses[row.position - 1] = source.model_copy(update={"customer_number": str(row.customer_number)})
    parties = list(data.third_parties)
    for row in report.third_parties:
        source = data.third_parties[row.position - 1]
        row.customer_number = _upsert_customer(session, source, control.third_party_customer_type)
        parties[row.position - 1] = source.model_copy(update={"customer_number": str(row.customer_number)})
    driver = data.other_driver
    if report.other_driver is not None and driver is not None:
        report.other_driver.customer_number = _upsert_customer(session, driver, control.other_driver_customer_type)
        driver = driver.model_copy(update={"customer_number": str(report.other_driver.customer_number)})
    return data.model_copy(update={"witnesses": witnesses, "third_parties": parties, "other_driver": driver})


_CUSTOMER_FIELDS = ("first_name", "address", "city", "state", "zip", "phone", "cell", "dob", "dl_number",
                    "dl_state", "dl_expiry")


def _upsert_customer(session: Session, person: Any, customer_type: str) -> int:  # noqa: ANN401
    customer = session.get(m.Customer, int(person.customer_number)) if person.customer_number else None
    if customer is None:
        customer = m.Customer(customer_type=customer_type, last_name=person.last_name or "UNKNOWN")
        session.add(customer)
    elif person.last_name:
        customer.last_name = person.last_name
    for name in _CUSTOMER_FIELDS:
        value = getattr(person, name, None)
        if value is not None:
            setattr(customer, name, value)
    session.flush()
    return customer.customer_number


def _sync_vehicle_history(
    session: Session, report: m.DamageReport, vehicle: m.Vehicle | None, at: datetime
) -> None:
    """"Each field that has data entered into it will create a unrepaired (not closed) Vehicle History Record."
    A changed line updates its record; a cleared line removes its record while it is still unrepaired."""
    existing = {
        row.line: row
        for row in session.scalars(
            select(m.VehicleHistory).where(m.VehicleHistory.damage_report_number == report.report_number)
        )
    }
    wanted = {line.line: line for line in report.damage_lines}
    for number, row in existing.items():
        if number not in wanted and not row.repaired:
            session.delete(row)
    if vehicle is None:
        return
    for number, line in wanted.items():
        row = existing.get(number)
        if row is None:
            session.add(
                m.VehicleHistory(
                    vehicle_id=vehicle.id, damage_report_number=report.report_number, line=number,
                    service_code=line.service_code, description=line.description, damage_type=line.damage_type,
                    repaired=False, created_at=at,
                )
            )
        elif not row.repaired:
            row.vehicle_id = vehicle.id
            row.service_code = line.service_code
            row.description = line.description
            row.damage_type = line.damage_type


def _post_charges(
    session: Session, report: m.DamageReport, ra: m.RentalAgreement | None, control: ControlSettings, at: datetime
) -> list[Posting]:
    """Field 13 and page-2 fields 13/14 on the RA, as the manual says:
    "If the RA is open, the amount entered here will automatically be applied to the rental agreement as an
    optional charge. If the RA is closed and the Edit Damage Control Record allows damage charges to be added to
    Closed RAs, it will appear as an unposted additional charge." Only when a Damage Option Code is defined.

    Each field has a target total on the RA; a save adds the difference, adjusting this report's own unposted
    charge when there is one, so saving twice never charges twice."""
    option = control.damage_option_code
    if ra is None or not option:
        return []
    postings: list[Posting] = []
    number = report.report_number

    excess_target = report.excess_charged if report.excess_charged is not None else None
    if excess_target is not None or any(c.source == "excess_charged" and c.damage_report_number == number for c in ra.charges):
        # The RA's own damage charge ("Chg on RA") already counts towards field 13.
        already = excess_charged_ra(ra, option, number)
        delta = (excess_target or Decimal("0.00")) - already
        allowed = ra.status == "O" or control.allow_charges_on_closed_ra
        postings += _adjust(session, ra, number, "excess_charged", delta, allowed, option, "DAMAGE EXCESS", at)

    for source, amount, allowed_closed, description in (
        ("amount_charged", report.amount_charged, control.allow_charges_on_closed_ra, "DAMAGE CHARGE"),
        ("amount_refunded", -report.amount_refunded if report.amount_refunded is not None else None,
         control.allow_refunds_on_ra, "DAMAGE REFUND"),
    ):
        already = sum((c.amount for c in ra.charges if c.source == source and c.damage_report_number == number),
                      Decimal("0.00"))
        delta = (amount or Decimal("0.00")) - already
        allowed = allowed_closed if source == "amount_refunded" else (ra.status == "O" or allowed_closed)
        postings += _adjust(session, ra, number, source, delta, allowed, option, description, at)
    return postings


def _adjust(
    session: Session, ra: m.RentalAgreement, report_number: int, source: str, delta: Decimal, allowed: bool,
    option: str, description: str, at: datetime,
) -> list[Posting]:
    if delta == 0 or not allowed:
        return []
    kind = "optional" if ra.status == "O" else "additional"
    own = next(
        (c for c in ra.charges if c.source == source and c.damage_report_number == report_number and not c.posted),
        None,
    )
    if own is not None:
        own.amount += delta
        if own.amount == 0:
            ra.charges.remove(own)
            session.delete(own)
    else:
        ra.charges.append(
            m.RaCharge(code=option, description=description, amount=delta, kind=kind, posted=False,
                       damage_report_number=report_number, source=source, created_at=at)
        )
    return [Posting(ra_number=ra.ra_number, kind=kind, source=source, amount=delta)]


def _append_notes(
    session: Session,
    report_number: int,
    data: DamageReportData,
    previous: DamageReportData | None,
    employee_code: str,
    at: datetime,
    *,
    keep_authors: bool = False,
) -> None:
    """New note lines are appended (existing ones are never touched), and "When the data on page 2 is edited, an
    automatic entry is made on the Damage Note ... field name, old value, new value, employee code, date and time".
    A new note is the saving employee's, dated now: neither a screen nor a file can date or sign it otherwise."""
    known = {(n.at, n.employee, n.text) for n in (previous.notes if previous else [])}
    for note in data.notes:
        if (note.at, note.employee, note.text) not in known:
            if keep_authors:
                notes_repo.add_note(session, report_number, note.employee, note.text, note.at)
            else:
                notes_repo.add_note(session, report_number, employee_code, note.text, at)
    for change in page2_changes(previous, data):
        notes_repo.add_audit_entry(session, report_number, employee_code, change.title, change.old, change.new, at)
        notes_repo.add_note(session, report_number, employee_code, change.text, at)


# ----------------------------------------------------------------------------------------------------------------
# Import, history, RA
# ----------------------------------------------------------------------------------------------------------------


def import_report_json(db: Database, payload: Any, *, employee_code: str) -> SaveResult:  # noqa: ANN401
    """`carsplus report import`: the JSON form through the same validation as the screens. With a report_number,
    it updates that report (its version must match); without, it creates a new one."""
    data = load_report(payload)
    # An import is a file, not a clerk at F1: a report that is not on file or has moved on since that version is
    # bad input like any other, reported on its field (the CLI prints it as one line, never a traceback).
    try:
        return save_report(db, data, employee_code)
    except ReportNotFoundError as exc:
        raise ReportValidationError([field_error("report_number", f"report {exc.report_number} is not on file")]) from None
    except StaleReportError as exc:
        raise ReportValidationError([field_error(
            "version",
            f"{data.version} is not report {exc.report_number}'s current version: changed by {exc.changed_by} at "
            f"{exc.changed_at:%m-%d-%y %H:%M} (export it again with `carsplus report show {exc.report_number}`)",
        )]) from None


def report_history(db: Database, report_number: int) -> list[str]:
    """Every recorded modification: creation, each page-2 change, and the last modification."""
    if not 0 < report_number <= MAX_NUMBER:  # past the INTEGER column: no such report (not a DB error)
        raise ReportNotFoundError(report_number)
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:
            raise ReportNotFoundError(report_number)
        lines = [f"{report.created_at:%m-%d-%y %H:%M}  {report.created_by:<6}  CREATED DAMAGE REPORT {report_number}"]
        for entry in notes_repo.audit_for(session, report_number):
            lines.append(
                f"{entry.at:%m-%d-%y %H:%M}  {entry.employee_code:<6}  {entry.field}: "
                f"{entry.old_value or '*'} -> {entry.new_value or '*'}"
            )
        lines.append(
            f"{report.last_modified_at:%m-%d-%y %H:%M}  {report.last_modified_by:<6}  LAST MODIFIED "
            f"(VERSION {report.version})"
        )
        return lines


def describe_rental_agreement(db: Database, ra_number: str) -> str:
    with db.read() as session:
        ra = reference.find_rental_agreement(session, ra_number)
        if ra is None:
            raise LookupError(f"RA {ra_number} is not on file")
        status = {"O": "OPEN", "C": "CLOSED", "P": "CLOSED AND POSTED"}[ra.status]
        renter = ra.renter.last_name if ra.renter else "*"
        lines = [
            f"RA# {ra.ra_number}  {status}  RENTER {renter}",
            f"OPEN {ra.open_date or '*'} {ra.open_location or '*'}   CLOSE {ra.close_date or '*'} {ra.close_location or '*'}",
            f"CVG SOLD {ra.coverage_sold or '*'}  EXCESS {ra.excess if ra.excess is not None else '*'}",
            "VEHICLES: " + ", ".join(f"{rv.vehicle.unit_number} ({rv.vehicle.owning_location})" for rv in ra.vehicles),
            "CHARGES:",
        ]
        for charge in ra.charges:
            origin = f"DMG RPT {charge.damage_report_number} {charge.source.upper()}" if charge.damage_report_number else ""
            lines.append(
                f"  {charge.code:<6} {charge.description:<30} {charge.amount:>10}  {charge.kind.upper():<10} "
                f"{'POSTED' if charge.posted else 'UNPOSTED':<8} {origin}".rstrip()
            )
        control = control_settings(reference.get_control(session))
        lines.append(f"CHG ON RA {'Y' if damage_charges(ra, control.damage_option_code) else 'N'}")
        return "\n".join(lines)


def refresh_statuses(session: Session, report: m.DamageReport) -> DamageReportData:
    """Re-evaluate a stored report's statuses after something outside it changed (a work order, the RA's charges)."""
    control = control_settings(reference.get_control(session))
    data = _load_data(session, report, control)
    report.report_status = data.report_status
    report.claim_status = data.claim_status
    return data
