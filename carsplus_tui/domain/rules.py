"""The manual's field rules for page 1 and page 2.

Each check returns ``FieldError``s in screen order, never raises, so the screen can show the first on its message
line and an import can list them all.  Reference-data checks (is service code D1 on file?) need the database and
live in the services; they build their errors with ``field_error``/``not_on_file`` so they read the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .control import DamageControl
from .engine import ClaimFacts, Evaluation, evaluate
from .errors import FieldError, field_error
from .fields import PAGE2_ORDER, describe
from .money import format_money
from .schemas import DamageReportData

__all__ = [
    "PAGE2_ORDER",
    "ReportContext",
    "field_error",
    "locked_reason",
    "not_on_file",
    "required_error",
    "validate_page1",
    "validate_page2",
    "validate_report",
]


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What page 1's rules need from outside the report."""

    control: DamageControl = field(default_factory=DamageControl)
    ra_excess: Decimal | None = None  # the RA's Excess; falls back to the report's display field ``excess``
    coverage_sold: str | None = None  # the RA's Cvg Sold; falls back to the report's ``coverage_sold``
    has_ra: bool = False
    today: date | None = None  # when given, dates are checked against it (no accident in the future, ...)


def _title(path: str) -> str:
    return describe(path).title()


def required_error(path: str) -> FieldError:
    return field_error(path, "is required")


def not_on_file(path: str, value: object, what: str) -> FieldError:
    """A reference-data error, e.g. ``not_on_file("damage_lines.0.type", "Q", "damage type")``
    -> ``16 Type: Q is not a valid damage type``."""
    return field_error(path, f"{value} is not a valid {what}")


# --- page 1 ----------------------------------------------------------------------------------------------------------


def validate_page1(report: DamageReportData, ctx: ReportContext) -> list[FieldError]:
    control = ctx.control
    ausie = control.ausie_rules
    dmgent67 = control.require_present_and_third_party
    errors: list[FieldError] = []
    add = errors.append

    # 1 RA# / 2 Non-Rev#: one transaction. "If the damage occurred while the vehicle was on a non-rev movement,
    # enter the non-rev ticket number. Otherwise, skip this field."
    if report.ra_number and report.non_rev_number:
        add(field_error("non_rev_number", "enter an RA# or a Non-Rev#, not both"))

    # 3 Unit #: "If the 'Ausie Rules' flag is not turned on in the Edit Damage Control Record, this field is required."
    if not ausie and not report.unit_number:
        add(required_error("unit_number"))

    # 4 Accident Details: "DATE/TIME Enter the date and time that the damage occurred. The date is a required field."
    details = report.accident_details
    if details is not None and not details.is_blank():
        if details.date_time is None:
            add(required_error("accident_details.date_time"))
        elif ctx.today is not None and details.date_time.date() > ctx.today:
            add(field_error("accident_details.date_time", "cannot be in the future"))
    # "When 'Y' is entered in this field, a second pop-up window automatically displays so that data about one or
    # two witnesses can be entered."
    witnesses_flag = details.witnesses if details is not None else None
    entered_witnesses = [(i, w) for i, w in enumerate(report.witnesses) if not w.is_blank()]
    if entered_witnesses and witnesses_flag != "Y":
        add(field_error("witnesses", f"are entered but {_title('accident_details.witnesses')} is not Y"))
    for i, witness in entered_witnesses:
        if not witness.last_name:
            add(required_error(f"witnesses.{i}.last_name"))

    # 5 Customer Present: "If the 'Ausie Rules' flag is turned on ... this field is required." / GVT DMGENT67:
    # "the 'Cust Present' and '3rd Party Invld' fields can be configured as required fields"
    if (ausie or dmgent67) and report.customer_present is None:
        add(required_error("customer_present"))

    # 6 Renter Driving?: "If the 'Ausie Rules' flag is turned on ..., this field is required."
    if ausie and report.renter_driving is None:
        add(required_error("renter_driving"))
    # "When 'N' is entered in this field, a pop-up window automatically displays so that data can be entered for
    # the other driver."
    driver = report.other_driver
    if driver is not None and not driver.is_blank():
        if report.renter_driving != "N":
            add(field_error("other_driver", f"is entered but {_title('renter_driving')} is not N"))
        if not driver.last_name:
            add(required_error("other_driver.last_name"))
        if ctx.today is not None and driver.dob is not None and driver.dob > ctx.today:
            add(field_error("other_driver.dob", "cannot be in the future"))

    # 8 3rd Party Invld?: required with Ausie Rules ("this field is required") or DMGENT67.
    if (ausie or dmgent67) and report.third_party_involved is None:
        add(required_error("third_party_involved"))
    # "When 'Y' is entered in this field, a pop-up window automatically displays so that data can be entered for up
    # to 5 additional parties."
    entered_parties = [(i, p) for i, p in enumerate(report.third_parties) if not p.is_blank()]
    if entered_parties and report.third_party_involved != "Y":
        add(field_error("third_parties", f"are entered but {_title('third_party_involved')} is not Y"))
    for i, party in entered_parties:
        if not party.last_name:
            add(required_error(f"third_parties.{i}.last_name"))
        if ctx.today is not None and party.dob is not None and party.dob > ctx.today:
            add(field_error(f"third_parties.{i}.dob", "cannot be in the future"))

    # 9 Admits Fault?: "Access is granted to this field only if a 'Y' was entered in the '3rd Party Involved' field."
    if report.admits_fault is not None and report.third_party_involved != "Y":
        add(field_error("admits_fault", f"only when {_title('third_party_involved')} is Y"))
    # "When 'Y' is entered in this field, a pop-up window automatically displays so that data can be entered
    # regarding the third party being at fault."
    if any(report.fault_description) and report.admits_fault != "Y":
        add(field_error("fault_description", f"only when {_title('admits_fault')} is Y"))

    # 11 Nature of Breach: "If coverage was sold and the 'Damage Covered' field is marked 'N', data must be entered
    # in this field to explain why the coverage was invalidated."
    coverage_sold = ctx.coverage_sold if ctx.coverage_sold is not None else report.coverage_sold
    if coverage_sold and report.damage_covered == "N" and not report.nature_of_breach:
        add(field_error("nature_of_breach", f"is required when coverage ({coverage_sold}) was sold and the damage is not covered"))

    # 13 Excess Charged: "This can be edited to a lower amount. The charge cannot be greater than the customer's
    # coverage responsibility."
    ra_excess = ctx.ra_excess if ctx.ra_excess is not None else report.excess
    if report.excess_charged and not report.ra_number:
        # No RA, no customer's coverage responsibility: nothing to charge (a file's "excess" is never one).
        add(field_error("excess_charged", "needs an RA# - there is no coverage responsibility to charge"))
    elif report.excess_charged is not None and ra_excess is not None and report.excess_charged > ra_excess:
        add(field_error("excess_charged", f"cannot exceed the RA's excess of {format_money(ra_excess)}"))

    # 15-24 Damage Code / Type.
    for i, line in enumerate(report.damage_lines):
        if line.is_blank():
            continue
        # "Each field that has data entered into it will create a unrepaired (not closed) Vehicle History Record"
        # -- a record needs its service code.
        if not line.code:
            add(field_error(f"damage_lines.{i}.code", "is required when a description or type is entered"))
        # 16 Type: "If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record, this field is required."
        if ausie and not line.type:
            add(required_error(f"damage_lines.{i}.type"))
    return errors


# --- page 2 ----------------------------------------------------------------------------------------------------------



def locked_reason(name: str, ev: Evaluation) -> str:
    """Why page-2 field `name` cannot be set now (the manual's access rule)."""
    if name == "report_checked":
        return f"is accessible for complete reports only (report status is {ev.report_status})"
    if name in ("external_closed", "external_type") and ev.external_claim != "Y":
        return f"is accessible only when {_title('external_claim')} is Y"
    if name in ("external_claim", "external_closed", "external_type"):
        return f"can be set when the Claim Status is 3 or more (it is {ev.claim_status})"
    if name in ("amount_refunded", "amount_charged"):
        return f"can be set once the claim reaches status 5 (levels 0-4 met; it is {ev.claim_status})"
    return "cannot be set now"  # pragma: no cover - every gated field is named above


def validate_page2(
    report: DamageReportData,
    facts: ClaimFacts,
    control: DamageControl,
    previous: DamageReportData | None = None,
    *,
    today: date | None = None,
    evaluation: Evaluation | None = None,
) -> list[FieldError]:
    """Page 2's rules; ``previous`` is the report as last saved (``None`` for a new report or an import).

    Run it on the clerk's data before the save appends its automatic audit notes: a new Follow-up Date needs a note
    the clerk wrote.
    """
    ev = evaluation or evaluate(report, facts, control)
    errors: list[FieldError] = []
    add = errors.append
    flagged: set[str] = set()

    # "This field is accessible only when the External Claim field is set to 'Y'." (3 External Closed, 4 External
    # Type) -- whatever the previous value, they may not stand beside an External Claim that is not Y.
    for name in ("external_closed", "external_type"):
        if getattr(report, name) is not None and ev.external_claim != "Y":
            add(field_error(name, f"is accessible only when {_title('external_claim')} is Y"))
            flagged.add(name)

    # A field is set (changed to a non-blank value) only while it is accessible. Blanking a field is always allowed.
    for name in PAGE2_ORDER:
        if name in flagged or name in ev.page2_editable:
            continue
        new = getattr(report, name)
        old = getattr(previous, name) if previous is not None else None
        if new is not None and new != old:
            add(field_error(name, locked_reason(name, ev)))

    # 6 Follow-up Date: "Entering a date in this field brings up a pop-up window of the next 5 available lines in the
    # Notes record for the details of this follow-up event. Data must be entered in the first line."
    previous_notes = previous.notes if previous is not None else []
    old_follow_up = previous.follow_up_date if previous is not None else None
    if report.follow_up_date is not None and report.follow_up_date != old_follow_up:
        if len(report.notes) <= len(previous_notes):
            add(field_error("follow_up_date", "enter the follow-up details in the notes (the first line is required)"))
        # "Enter the next date into the future when this claim should be looked at again"
        if today is not None and report.follow_up_date < today:
            add(field_error("follow_up_date", "cannot be in the past"))

    # NOTES: "New entries can be added, but existing entries cannot be deleted or edited."
    if previous_notes and list(report.notes[: len(previous_notes)]) != list(previous_notes):
        add(field_error("notes", "existing entries cannot be deleted or edited"))
    return errors


def validate_report(
    report: DamageReportData,
    ctx: ReportContext,
    facts: ClaimFacts,
    previous: DamageReportData | None = None,
) -> list[FieldError]:
    """Both pages' rules, page 1 first."""
    return validate_page1(report, ctx) + validate_page2(report, facts, ctx.control, previous, today=ctx.today)
