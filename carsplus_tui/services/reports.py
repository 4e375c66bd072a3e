"""Use cases of a damage report: save (create or update, with every side effect, in one transaction), load for the
screens and the JSON form, import, history, and the RA's charges.

The rules and the arithmetic are the domain's (carsplus_tui.domain); this module gathers the facts from the
database, asks the domain, and writes the outcome.
"""

from __future__ import annotations

from carsplus_tui.domain.dates import format_counter_date, format_shown_datetime

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from carsplus_tui.db import models as m
from carsplus_tui.db import notes as notes_repo
from carsplus_tui.db import reference
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError, StaleReportError
from carsplus_tui.domain import engine, permissions, rules
from carsplus_tui.domain.audit import display_value, page2_changes
from carsplus_tui.domain.control import DamageControl as ControlSettings
from carsplus_tui.domain.defaults import new_report_defaults
from carsplus_tui.domain.errors import FieldError, ReportValidationError, field_error
from carsplus_tui.domain.printing import PrintQuestion, print_questions
from carsplus_tui.domain.schemas import MAX_NUMBER, DamageReportData, load_report
from carsplus_tui.domain.loss_of_use import LossOfUseData, LossOfUseError
from carsplus_tui.domain.money import format_money
from carsplus_tui.services import drafts, loss_of_use, ra_charges
from carsplus_tui.services.ra_charges import Posting
from carsplus_tui.services.report_mapping import (
    access_settings,
    apply_page1,
    apply_page2,
    control_settings,
    damage_charges,
    renter_info,
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
class SaveResult:
    report_number: int
    version: int
    created: bool
    report_status: str
    claim_status: int
    postings: tuple[Posting, ...] = ()
    print_questions: tuple[PrintQuestion, ...] = ()
    messages: tuple[str, ...] = field(default=())
    # `save_report(..., read_back=True)`: the report as saved, as `load_report_data` would read it after the commit.
    data: DamageReportData | None = None


MAX_NEW_NOTES = 50  # per save (an import is one save); each note is at most 1,000 characters (the schema's rule)


def now() -> datetime:
    """Counter time: local wall-clock time to the second, as the green screen shows it."""
    return datetime.now().replace(microsecond=0)


# ----------------------------------------------------------------------------------------------------------------
# Facts from the database that the engine needs
# ----------------------------------------------------------------------------------------------------------------


def claim_facts(
    report: m.DamageReport | None, ra: m.RentalAgreement | None, control: ControlSettings,
    report_number: int | None = None,
) -> engine.ClaimFacts:
    """`report_number` names a report just created (it has no `report` row loaded before the save, nor a work
    order) so its own RA charges count."""
    work_order = report.work_order if report is not None else None
    return engine.ClaimFacts(
        has_work_order=work_order is not None,
        work_order_status=work_order.status if work_order else None,
        repair_cost_lines=tuple(line.amount for line in work_order.cost_lines) if work_order else (),
        excess_charged_ra=ra_charges.excess_charged_ra(
            ra, control.damage_option_code, report.report_number if report else report_number
        ),
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
    # The RA in one query (report.rental_agreement would take three: the RA, its vehicles, its charges).
    ra = reference.load_rental_agreement(session, report.ra_number) if report.ra_number is not None else None
    data = report_to_data(report, list(notes_repo.notes_for(session, report.report_number)), control)
    data = engine.apply_computed(data, claim_facts(report, ra, control), control)
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
    discard_draft_of: drafts.DraftKey | str | None = None,
    keep_note_authors: bool = False,
    given: Collection[str] | None = None,
    read_back: bool = False,
) -> SaveResult:
    """F1 SAVE. A new report (no `report_number`) gets the next number; an existing one must carry the `version`
    it was loaded at, or the save is refused (StaleReportError) — so two clerks never overwrite each other.

    Everything — the report, its pop-ups and lines, customer records, vehicle history, RA charges, notes and the
    audit trail — is one transaction: a failure anywhere leaves nothing written. Invalid input raises
    ReportValidationError listing every broken rule by the manual's field number and label.
    `discard_draft_of` deletes that draft (an employee's at one terminal, services.drafts) in the same transaction,
    so a save cut off at any point leaves the report saved and no draft, or no report and the draft to recover — never both.
    `after_writes` runs last inside the transaction (tests use it to inject a failure).
    New notes are authored by `employee_code` at the time of the save, whatever the data says (only the sample
    loader, replaying the sample data's history, passes `keep_note_authors`).
    `given` (a file's fields, `report import`): a new report takes the blank screen's defaults and the RA's in every
    field the file left out (domain.defaults.new_report_defaults), as the screen gives them to an agent pressing Enter.
    `read_back` (the screen's F1): the result carries the report as saved (`data`), built inside the transaction from
    what the save holds — the report, its RA and vehicle are the session's own; only the notes are read — instead of
    a second transaction reading it all back after the commit.
    """
    at = at or now()
    with db.write() as session:
        result = _save(session, data, employee_code.upper(), at, keep_note_authors=keep_note_authors, given=given)
        if discard_draft_of is not None:
            drafts.discard_in(session, discard_draft_of)
        if after_writes is not None:
            after_writes(session)
        if read_back:
            report = session.get(m.DamageReport, result.report_number)  # the session's own (no SELECT)
            assert report is not None
            control = control_settings(reference.get_control(session))
            result = replace(result, data=_load_data(session, report, control))
        return result


def _save(
    session: Session, data: DamageReportData, employee_code: str, at: datetime, *, keep_note_authors: bool = False,
    given: Collection[str] | None = None,
) -> SaveResult:
    stored_control, employee = reference.control_and_employee(session, employee_code)
    control = control_settings(stored_control)
    if employee is None:
        raise ReportValidationError([field_error("last_modified_by", f"employee {employee_code} is not on file")])
    access = access_settings(employee)

    errors: list[FieldError] = []
    ra = _lookup(session, data.ra_number, reference.load_rental_agreement, "ra_number", errors)
    ticket = _lookup(session, data.non_rev_number, reference.find_non_rev_ticket, "non_rev_number", errors)
    if errors:
        raise ReportValidationError(errors)

    existing: m.DamageReport | None = None
    previous: DamageReportData | None = None
    old_ra: m.RentalAgreement | None = None
    if data.report_number is not None:
        if data.version is None:
            raise ReportValidationError([field_error("version", "is required to change a saved report")])
        existing = reports_repo.claim_report_for_update(session, data.report_number, data.version, employee_code, at)
        previous = _load_data(session, existing, control)
        old_ra = existing.rental_agreement
        if old_ra is not None and old_ra is not ra:
            _check_page1_access(access, old_ra)

    _check_page1_access(access, ra)
    if existing is None and given is not None:
        data = new_report_defaults(data, control, given=given, has_ra=ra is not None,
                                   coverage_sold=ra.coverage_sold if ra else None,
                                   ra_excess=ra.excess if ra else None, now=at)
    data = _keep_stored_external_claim(data, previous)
    data = _keep_stored_loss_of_use(data, previous)
    lou_changed = (previous.loss_of_use if previous is not None else None) != data.loss_of_use
    # "Access Claim" guards page 2 on every path in, not only on the screen.
    level = permissions.page2_access(access)
    if level != "edit" and (page2_changes(previous, data) or lou_changed):
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
    # Display-only fields come from the RA and the vehicle file, never from the screen or a file.
    data = _with_files(data, vehicle, ra, control)
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
    errors.extend(_loss_of_use_errors(session, data, existing, lou_changed))
    if errors:
        raise ReportValidationError(errors)

    entered = data
    data = _with_external_claim_default(data)
    created = existing is None
    if existing is None:
        number = reports_repo.next_report_number(session)
        report = m.DamageReport(
            report_number=number, version=1, created_at=at, created_by=employee_code,
            last_modified_at=at, last_modified_by=employee_code,
        )
        session.add(report)
        # A report saved now has no work order yet (a work order names a saved report): known, not read back.
        set_committed_value(report, "work_order", None)
    else:
        report = existing
    report.vehicle_id = vehicle.id if vehicle else None
    apply_page1(report, data)
    apply_page2(report, data)
    loss_of_use.write(report, data.loss_of_use)
    _set_statuses(report, engine.evaluate(data, facts, control))  # provisional: customers are not linked yet
    data = _link_customers(session, report, data, control)
    session.flush()

    _sync_vehicle_history(session, report, vehicle, at, created=created)
    postings, charge_notes = ra_charges.post_for_report(
        session, report, old_ra, ra,
        ra_charges.ChargeRules(control.damage_option_code, control.allow_charges_on_closed_ra,
                               control.allow_refunds_on_ra),
        at,
    )
    _append_notes(session, report.report_number, entered, previous, employee_code, at, keep_authors=keep_note_authors)
    if entered.external_claim != data.external_claim:
        notes_repo.add_audit_entry(session, report.report_number, employee_code, "2 External Claim (DEFAULT)",
                                   display_value(entered.external_claim), display_value(data.external_claim), at)
    for text in charge_notes:
        notes_repo.add_note(session, report.report_number, employee_code, text, at)
    if lou_changed:
        _audit_loss_of_use(session, report.report_number, previous, data, employee_code, at)

    # Re-evaluate with the charges just posted: Excess Charged RA may have changed. The RA's charges are the
    # session's (post_for_report changed them in place) and the work order is the one loaded with the report (a
    # save never changes it; a new report has none), so nothing needs reading back: the notes, the audit entries
    # and the changed charges go in one flush (one chaining of the notes and the audit trail).
    final = engine.evaluate(data, claim_facts(existing, ra, control, report.report_number), control)
    _set_statuses(report, final)
    _audit_figures(session, report.report_number, previous, final, employee_code, at)
    # A move: which report on each RA counts its unadopted RA Close charges may have changed. Not a new report: it
    # takes the highest number yet, so it never becomes the lowest-numbered (first) report on an RA that has others,
    # and re-reading every other report on its RA made each new report's save grow with the RA (29x its floor).
    if not created and old_ra is not ra:
        refresh_reports_on(session, (old_ra.ra_number if old_ra is not None else None,
                                     ra.ra_number if ra is not None else None), other_than=report.report_number)
    session.flush()
    return SaveResult(
        report_number=report.report_number,
        version=report.version,
        created=created,
        report_status=final.report_status,
        claim_status=final.claim_status,
        postings=tuple(postings),
        print_questions=tuple(
            print_questions(final.report_status, final.claim_status, data.customer_present, data.amount_charged, control,
                            loss_of_use_changed=lou_changed and data.loss_of_use is not None)
        ),
    )


def _keep_stored_external_claim(data: DamageReportData, previous: DamageReportData | None) -> DamageReportData:
    """A blank External Claim keeps the value stored before: "once stored, only a clerk with page-2 edit access
    changes it" (DESIGN.md §4), and a blank is no change."""
    if data.external_claim is not None or previous is None or previous.external_claim is None:
        return data
    return data.model_copy(update={"external_claim": previous.external_claim})


def _keep_stored_loss_of_use(data: DamageReportData, previous: DamageReportData | None) -> DamageReportData:
    """A file that does not name `loss_of_use` at all keeps the stored derivation (only a given value, or null,
    changes it)."""
    if previous is None or "loss_of_use" in data.model_fields_set:
        return data
    return data.model_copy(update={"loss_of_use": previous.loss_of_use})


def _loss_of_use_errors(session: Session, data: DamageReportData, existing: m.DamageReport | None,
                        changed: bool) -> list[FieldError]:
    """Misc Costs holds at least the loss of use; a new or changed derivation is computed again here from the work
    order, the rate and the fleet, and refused when it does not match (a screen or a file never sets it)."""
    if data.loss_of_use is None:
        return []
    lou = LossOfUseData.model_validate(data.loss_of_use)
    errors: list[FieldError] = []
    if changed:
        if existing is None:
            return [field_error("misc_costs", "LOSS OF USE NEEDS A SAVED REPORT WITH A WORK ORDER")]
        try:
            fresh = loss_of_use.derive_for_report(session, existing).data
        except LossOfUseError as exc:
            return [field_error("misc_costs", str(exc))]
        if fresh != lou:
            errors.append(field_error("misc_costs", f"THE LOSS OF USE IS NOW {fresh.derivation} - TYPE LOU AGAIN"))
    if (data.misc_costs or Decimal("0")) < lou.amount:
        errors.append(field_error(
            "misc_costs", f"may not be less than the loss of use charged ({format_money(lou.amount)}) - "
                          "TYPE LOU AGAIN OR NOLOU TO REMOVE IT"))
    return errors


def _audit_loss_of_use(session: Session, report_number: int, previous: DamageReportData | None,
                       data: DamageReportData, employee_code: str, at: datetime) -> None:
    def shown(value: dict | None) -> str:
        return LossOfUseData.model_validate(value).derivation if value else display_value(None)

    old = shown(previous.loss_of_use if previous is not None else None)
    new = shown(data.loss_of_use)
    title = "9 Misc Costs (Loss of Use)"
    notes_repo.add_audit_entry(session, report_number, employee_code, title, old, new, at)
    text = f"{title}: {old} -> {new}"
    if data.loss_of_use:
        lou = LossOfUseData.model_validate(data.loss_of_use)
        text += f" - {lou.period} - UTILIZATION: {lou.utilization_summary}"
    notes_repo.add_note(session, report_number, employee_code, text, at)


def _with_external_claim_default(data: DamageReportData) -> DamageReportData:
    """External Claim is never stored blank (DESIGN.md §4): a blank takes the manual's default ("This field
    defaults to Y in any of the following circumstances ..."), audited like any other change, so a later page-1
    edit never moves the claim status silently."""
    if data.external_claim is not None:
        return data
    return data.model_copy(update={"external_claim": engine.external_claim_default(data)})


# The page-2 figures the engine computes: a save that changes one (a page-1 edit, a charge posted, a move to
# another RA) leaves an entry in the report's history.
_FIGURES = (
    ("report_status", "RPT STATUS"), ("claim_status", "CLAIM STATUS"), ("maximum_liability", "MAXIMUM LIABILITY"),
    ("final_liability", "FINAL LIABILITY"), ("excess_charged_ra", "EXCESS CHARGED RA"),
    ("charge_refund_due", "CHARGE/REFUND DUE"), ("amount_outstanding", "AMOUNT OUTSTANDING"),
)


def _audit_figures(
    session: Session, report_number: int, previous: DamageReportData | None, final: engine.Evaluation,
    employee_code: str, at: datetime,
) -> None:
    if previous is None:
        return
    now_shown = engine.computed_fields(final)
    for name, title in _FIGURES:
        old, new = getattr(previous, name), now_shown[name]
        if old != new:
            notes_repo.add_audit_entry(session, report_number, employee_code, title, display_value(old),
                                       display_value(new), at)


def _set_statuses(report: m.DamageReport, evaluation: engine.Evaluation) -> None:
    # Stored so F6 can filter by status with an index; always the engine's verdict on the saved facts.
    report.report_status = evaluation.report_status
    report.claim_status = evaluation.claim_status
    _set_stored_money(report, evaluation.money.our_repair_costs, evaluation.money.amount_outstanding)


def _set_stored_money(report: m.DamageReport, our_repair_costs: Decimal | None,
                      amount_outstanding: Decimal | None) -> None:
    """The engine's Our Repair Costs and Amount Outstanding, whether the work order has repaired the damage and the
    damage date, stored with the statuses for the claims clerk's reports (models.DamageReport)."""
    report.our_repair_costs = our_repair_costs
    report.amount_outstanding = amount_outstanding
    work_order = report.work_order
    report.repaired = bool(work_order is not None and work_order.status == "CLOSED"
                           and work_order.repair_date is not None)
    details = report.accident_details
    report.damage_date = details.date_time if details is not None else None


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
        candidates = [v for v in carried if v.licence == unit]
    else:
        candidates = [v for v in carried if v.unit_number == unit]
    if (ra is not None or ticket is not None) and not candidates:
        # "If the damage should apply to another vehicle that was on the transaction earlier (vehicle exchange),
        # enter the unit number": a unit the RA or ticket never carried is refused, naming those it did.
        errors.append(field_error("unit_number", not_carried_message(unit, ra, ticket, control)))
        return None
    if not candidates:
        candidates = ([v] if (v := reference.vehicle_by_licence(session, unit)) else []) \
            if control.vehicle_lookup_by_licence else list(reference.vehicles_by_unit(session, unit))
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


def not_carried_message(unit: str, ra: m.RentalAgreement | None, ticket: m.NonRevTicket | None,
                        control: ControlSettings) -> str:
    """"UNIT 001888 WAS NOT ON RA T3001212 - IT CARRIED 777, 592" (by licence when so configured)."""
    carried = [rv.vehicle for rv in ra.vehicles] if ra else ([ticket.vehicle] if ticket else [])
    names = [(v.licence or "?") if control.vehicle_lookup_by_licence else v.unit_number for v in carried]
    where = f"RA {ra.ra_number}" if ra is not None else f"NON-REV {ticket.number}" if ticket is not None else ""
    return f"{unit} was not on {where} - it carried {', '.join(names) or 'no vehicle'}"


def _with_files(
    data: DamageReportData, vehicle: m.Vehicle | None, ra: m.RentalAgreement | None, control: ControlSettings
) -> DamageReportData:
    """The display-only fields as the RA and the vehicle file give them (renter, vehicle, Cvg Sold, Excess,
    Chg on RA): what a screen or a file says about them is never trusted."""
    update: dict[str, Any] = {
        "vehicle": vehicle_info(vehicle),
        "renter": renter_info(ra),
        "coverage_sold": ra.coverage_sold if ra else None,
        "excess": ra.excess if ra else None,
        "charge_on_ra": ("Y" if damage_charges(ra, control.damage_option_code) else "N") if ra else None,
    }
    if vehicle is not None and not data.unit_number:
        update["unit_number"] = vehicle.unit_number
    return data.model_copy(update=update)


def _reference_errors(session: Session, data: DamageReportData, vehicle: m.Vehicle | None,
                      previous: DamageReportData | None = None) -> list[FieldError]:
    """The checks that need the files: codes, locations, employees, customers. A retired code is refused unless
    the saved report already holds it there (old reports keep their codes)."""
    errors: list[FieldError] = []
    old_lines = {i: line for i, line in previous.entered_damage_lines()} if previous is not None else {}
    model_code = vehicle.model_code if vehicle else None
    for index, line in data.entered_damage_lines():
        kept = old_lines.get(index)
        same_code = kept is not None and kept.code == line.code
        if line.code and not same_code:
            service = reference.service_code_with_models(session, line.code)
            if service is None or not service.show_on_damage_entry:
                errors.append(field_error(f"damage_lines.{index}.code", f"{line.code} is not a damage code"))
            elif service.retired:
                errors.append(field_error(f"damage_lines.{index}.code", f"{line.code} is a retired damage code"))
            elif not reference.service_code_applies(service, model_code):
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
    for party_row in report.third_parties:
        party = data.third_parties[party_row.position - 1]
        party_row.customer_number = _upsert_customer(session, party, control.third_party_customer_type)
        parties[party_row.position - 1] = party.model_copy(update={"customer_number": str(party_row.customer_number)})
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
    session: Session, report: m.DamageReport, vehicle: m.Vehicle | None, at: datetime, *, created: bool = False
) -> None:
    """"Each field that has data entered into it will create a unrepaired (not closed) Vehicle History Record."
    A changed line updates its record; a cleared line removes its record while it is still unrepaired.
    A report created by this save has no records yet (they reference it), so there is nothing to read."""
    existing = {} if created else {
        row.line: row
        for row in session.scalars(_HISTORY_OF, {"number": report.report_number})
    }
    wanted = {line.line: line for line in report.damage_lines}
    for number, kept in existing.items():
        if number not in wanted and not kept.repaired:
            session.delete(kept)
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


_HISTORY_OF = select(m.VehicleHistory).where(m.VehicleHistory.damage_report_number == bindparam("number"))


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
        return save_report(db, data, employee_code, given=data.model_fields_set)
    except ReportNotFoundError as exc:
        raise ReportValidationError([field_error("report_number", f"report {exc.report_number} is not on file")]) from None
    except StaleReportError as exc:
        raise ReportValidationError([field_error(
            "version",
            f"{data.version} is not report {exc.report_number}'s current version: changed by {exc.changed_by} at "
            f"{format_shown_datetime(exc.changed_at)} (export it again with `carsplus report show {exc.report_number}`)",
        )]) from None


def report_history(db: Database, report_number: int) -> list[str]:
    """Every recorded modification: creation, each page-2 change, and the last modification."""
    if not 0 < report_number <= MAX_NUMBER:  # past the INTEGER column: no such report (not a DB error)
        raise ReportNotFoundError(report_number)
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:
            raise ReportNotFoundError(report_number)
        lines = [f"{format_shown_datetime(report.created_at)}  {report.created_by:<6}  CREATED DAMAGE REPORT {report_number}"]
        for entry in notes_repo.audit_for(session, report_number):
            lines.append(
                f"{format_shown_datetime(entry.at)}  {entry.employee_code:<6}  {entry.field}: "
                f"{entry.old_value or '*'} -> {entry.new_value or '*'}"
            )
        lines.append(
            f"{format_shown_datetime(report.last_modified_at)}  {report.last_modified_by:<6}  LAST MODIFIED "
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
            f"OPEN {format_counter_date(ra.open_date) or '*'} {ra.open_location or '*'}   "
            f"CLOSE {format_counter_date(ra.close_date) or '*'} {ra.close_location or '*'}",
            f"CVG SOLD {ra.coverage_sold or '*'}  EXCESS {ra.excess if ra.excess is not None else '*'}",
            "VEHICLES: " + ", ".join(f"{rv.vehicle.unit_number} ({rv.vehicle.owning_location})" for rv in ra.vehicles),
            "CHARGES:",
        ]
        for charge in ra.charges:
            origin = f"DMG RPT {charge.damage_report_number} {(charge.source or 'ra close').upper()}" if charge.damage_report_number else ""
            lines.append(
                f"  {charge.code:<6} {charge.description:<30} {charge.amount:>10}  {charge.kind.upper():<10} "
                f"{'POSTED' if charge.posted else 'UNPOSTED':<8} {origin}".rstrip()
            )
        control = control_settings(reference.get_control(session))
        lines.append(f"CHG ON RA {'Y' if damage_charges(ra, control.damage_option_code) else 'N'}")
        lines += _reconciliation(session, ra, control)
        return "\n".join(lines)


def _reconciliation(session: Session, ra: m.RentalAgreement, control: ControlSettings) -> list[str]:
    """Each damage charge with the report that owns it, the per-report totals, and RECONCILED or what does not
    add up (DESIGN.md §4: RA damage charges belong to one report each)."""
    rules_ = ra_charges.ChargeRules(control.damage_option_code, control.allow_charges_on_closed_ra,
                                    control.allow_refunds_on_ra)
    option = control.damage_option_code
    lines = ["DAMAGE CHARGES:"]
    for charge in (c for c in ra.charges if ra_charges.is_damage(c, option)):
        owner = f"DMG RPT {charge.damage_report_number}" if charge.damage_report_number else "UNADOPTED"
        lines.append(f"  {ra_charges.SOURCE_WORDS.get(charge.source, charge.source or ''):<8} {charge.amount:>10}  "
                     f"{owner}")
    totals, problems = ra_charges.reconcile(session, ra, rules_)
    lines.append("PER REPORT:  RPT#   FIELD 13  EXCESS CHARGED RA   AMT CHARGED  ON RA   AMT REFUNDED  ON RA")
    for t in totals:
        def shown(value: Decimal | None) -> str:
            return "*" if value is None else str(value)
        lines.append(f"  {t.report_number:>10} {shown(t.excess_charged):>10} {t.excess_charged_ra:>18} "
                     f"{shown(t.amount_charged):>13} {t.charged_on_ra:>6} {shown(t.amount_refunded):>14} "
                     f"{t.refunded_on_ra:>6}{'' if t.on_this_ra else '  (MOVED AWAY)'}")
    loose = ra_charges.total(ra_charges.unadopted(ra, option))
    lines.append(f"UNADOPTED DAMAGE CHARGES {loose}")
    lines += problems or ["RECONCILED"]
    return lines


def refresh_statuses(session: Session, report: m.DamageReport) -> DamageReportData:
    """Re-evaluate a stored report's statuses after something outside it changed (a work order, the RA's charges)."""
    control = control_settings(reference.get_control(session))
    data = _load_data(session, report, control)
    assert data.report_status is not None and data.claim_status is not None  # _load_data computed both
    report.report_status = data.report_status
    report.claim_status = data.claim_status
    _set_stored_money(report, data.our_repair_costs, data.amount_outstanding)
    return data


def refresh_reports_on(session: Session, ra_numbers: Iterable[str | None], *, other_than: int | None = None) -> None:
    """Re-evaluate the stored figures of the reports on these RAs after the RAs' damage charges changed outside those
    reports' own saves: the rental system's RA Close charge (`fleet import`), or a report moving off or onto the RA
    (which report counts an unadopted RA Close charge in its Excess Charged RA depends on the others: the first one
    on the RA). `other_than`: the report being saved, which sets its own."""
    wanted = {number for number in ra_numbers if number}
    if not wanted:
        return
    session.flush()
    query = select(m.DamageReport.report_number).where(m.DamageReport.ra_number.in_(sorted(wanted)))
    if other_than is not None:
        query = query.where(m.DamageReport.report_number != other_than)
    for number in session.scalars(query.order_by(m.DamageReport.report_number)).all():
        report = reports_repo.load_report(session, number)
        if report is not None:
            refresh_statuses(session, report)
