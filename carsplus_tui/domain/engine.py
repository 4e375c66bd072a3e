"""The claim-status engine: a report's facts in, statuses and money out.  Pure functions, no I/O.

Everything a screen, an import, a print or a search shows as "Rpt status", "Claim Status", "Maximum Liability",
"Final Liability", "Charge/Refund Due" or "Amount Outstanding" comes from here (DESIGN.md section 4).

Speed: ``evaluate`` reads the validated report's attributes and never re-validates a pydantic model; it runs in a
few microseconds (``benchmarks/engine.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow, localcontext
from typing import Literal

from .control import DamageControl
from .fields import PAGE2_INPUTS
from .money import CENT, ZERO, parse_money
from .schemas import DamageReportData

__all__ = [
    "ALWAYS_EDITABLE",
    "CLAIM_STATUS_NAMES",
    "ClaimFacts",
    "ClaimMoney",
    "Evaluation",
    "apply_computed",
    "claim_money",
    "claim_status",
    "damage_covered_default",
    "effective_external_claim",
    "evaluate",
    "excess_charged_default",
    "external_claim_default",
    "incomplete_reasons",
    "levels_met",
    "page2_editable",
    "report_status",
]

ReportStatus = Literal["U", "I", "C"]
YN = Literal["Y", "N"]
# Page 2 shows the claim status as its number and this name ("Claim Status 2/NO WORK ORDER").
CLAIM_STATUS_NAMES = {0: "UNREPORTED", 1: "INCOMPLETE", 2: "NO WORK ORDER", 3: "NOT CHECKED", 4: "EXTERNAL OPEN",
                      5: "RENTER OWES", 6: "REFUND DUE", 7: "CLOSED"}

# Sums of two-place amounts are exact; trap Inexact so a rounding can never pass silently, whatever the caller's
# decimal context says.
_EXACT = Context(prec=40, traps=[InvalidOperation, Inexact, Overflow, DivisionByZero])


def _amount(value: object, name: str) -> Decimal:
    if isinstance(value, float) or isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    return parse_money(value)


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the engine needs from outside the report: the work order, the RA's money and coverage."""

    has_work_order: bool = False
    work_order_status: str | None = None
    # "The total repair costs associated with the work order matching this damage report"
    repair_cost_lines: tuple[Decimal, ...] = ()
    # "the amount of damage/responsibility that was charged on the rental agreement at the time of close"
    excess_charged_ra: Decimal = ZERO
    # the RA's Excess: "the limit on the customer's responsibility"
    ra_excess: Decimal | None = None
    # Cvg Sold: "If a LDW type option was on the RA, the option code displays in this field."
    coverage_sold: str | None = None
    # The work order's total, when the caller has the total rather than the lines; filled in from the lines
    # otherwise.  Given both, they must agree.
    our_repair_costs: Decimal | None = None

    def __post_init__(self) -> None:
        lines = tuple(_amount(v, "repair_cost_lines") for v in self.repair_cost_lines)
        object.__setattr__(self, "repair_cost_lines", lines)
        object.__setattr__(self, "excess_charged_ra", _amount(self.excess_charged_ra, "excess_charged_ra"))
        if self.ra_excess is not None:
            object.__setattr__(self, "ra_excess", _amount(self.ra_excess, "ra_excess"))
        with localcontext(_EXACT):
            total = sum(lines, ZERO)
        if self.our_repair_costs is not None:
            given = _amount(self.our_repair_costs, "our_repair_costs")
            if lines and given != total:
                raise ValueError(f"our_repair_costs {given} is not the sum of the repair cost lines ({total})")
            total = given
        object.__setattr__(self, "our_repair_costs", total)

    @property
    def repair_costs(self) -> Decimal:
        """Our Repair Costs, never None (``our_repair_costs`` is always filled after construction)."""
        return self.our_repair_costs  # type: ignore[return-value]


NO_FACTS = ClaimFacts()


@dataclass(frozen=True, slots=True)
class ClaimMoney:
    """Page 2, column two ("behaves much like an adding machine tape")."""

    our_repair_costs: Decimal
    maximum_liability: Decimal
    final_liability: Decimal
    excess_charged_ra: Decimal
    charge_refund_due: Decimal
    amount_outstanding: Decimal


# --- report status ---------------------------------------------------------------------------------------------------


def _incomplete(report: DamageReportData) -> Iterator[tuple[str, str]]:
    """Why a report with a transaction is "I".  The manual: "I = Incomplete. The following fields are blank: Damage
    Date, Driver Injured, Accident Description, Damage Covered. It's indicated that there was a witness, but the
    customer number field in the witness pop-up window is blank. It's indicated that a 3rd party was involved, but
    the customer number field in the 3rd party pop-up window is blank. It's indicated that there was a different
    driver, but the customer number field in the other driver pop-up window is blank." """
    details = report.accident_details
    if details is None or details.date_time is None:
        yield "accident_details.date_time", "the damage date is blank"
    if report.driver_injured is None:
        yield "driver_injured", "is blank"
    if not any(report.accident_description):
        yield "accident_description", "is blank"
    if report.damage_covered is None:
        yield "damage_covered", "is blank"
    if details is not None and details.witnesses == "Y":
        entered = [(i, w) for i, w in enumerate(report.witnesses) if not w.is_blank()]
        if not entered:
            yield "witnesses.0.customer_number", "is blank but 8 Witnesses? is Y"
        for i, witness in entered:
            if not witness.customer_number:
                yield f"witnesses.{i}.customer_number", "is blank but 8 Witnesses? is Y"
    if report.third_party_involved == "Y":
        entered_tp = [(i, p) for i, p in enumerate(report.third_parties) if not p.is_blank()]
        if not entered_tp:
            yield "third_parties.0.customer_number", "is blank but 8 3rd Party Invld? is Y"
        for i, party in entered_tp:
            if not party.customer_number:
                yield f"third_parties.{i}.customer_number", "is blank but 8 3rd Party Invld? is Y"
    if report.renter_driving == "N":
        driver = report.other_driver
        if driver is None or not driver.customer_number:
            yield "other_driver.customer_number", "is blank but 6 Renter Driving? is N"


def incomplete_reasons(report: DamageReportData) -> list[tuple[str, str]]:
    """(JSON path, reason) for every test that makes the report "I" (empty when it is U or C)."""
    if not report.ra_number and not report.non_rev_number:
        return []
    return list(_incomplete(report))


def report_status(report: DamageReportData) -> ReportStatus:
    """U, I or C (DESIGN.md section 4)."""
    # "U = unreported. (There is not a RA number nor a Non-Rev number associated with the report.)"
    if not report.ra_number and not report.non_rev_number:
        return "U"
    for _ in _incomplete(report):
        return "I"
    return "C"


_report_status = report_status


# --- External Claim -------------------------------------------------------------------------------------------------


def external_claim_default(report: DamageReportData) -> YN:
    """ "This field defaults to 'Y' in any of the following circumstances: There is a Renter Claim # (page 1); The
    driver injured field is set to 'Y' (page 1); 3rd Party Injured field is set to 'Y' (3rd Party pop-up window);
    Damage Covered field is not set to 'Y' (page 1)" """
    if report.renters_claim_number or report.driver_injured == "Y" or report.damage_covered != "Y":
        return "Y"
    for party in report.third_parties:
        if party.injured == "Y":
            return "Y"
    return "N"


def effective_external_claim(report: DamageReportData) -> YN:
    """External Claim as the claim column reads it: what the clerk entered, or the default when blank."""
    return report.external_claim if report.external_claim is not None else external_claim_default(report)


# --- claim status ----------------------------------------------------------------------------------------------------


def levels_met(report: DamageReportData, facts: ClaimFacts, report_status: ReportStatus | None = None) -> int:
    """The first failing level among 0-4, or 5 when levels 0-4 are all met (the money decides 5, 6 or 7)."""
    rs = report_status or _report_status(report)
    if rs == "U":  # "0 = The damage report status is U (unreported)."
        return 0
    if rs == "I":  # "1 = The damage report status is I (incomplete)."
        return 1
    if not facts.has_work_order:  # "2 = ... C (complete) but there is not a work order for the damage report."
        return 2
    if report.report_checked != "Y":  # "3 = ... there is a work order, but ... 'Report Checked' is not Y."
        return 3
    # "4 = The External Claim field is set to 'Y', but the External Closed field is not set to 'Y'."
    if effective_external_claim(report) == "Y" and report.external_closed != "Y":
        return 4
    return 5


def _status_from_outstanding(outstanding: Decimal) -> int:
    # "5 = There is a positive amount in ... 'Amount Outstanding' (the renter owes for damage charges)."
    if outstanding > 0:
        return 5
    # "6 = There is a negative amount in ... 'Amount Outstanding' (the renter overpaid for damage charges)."
    if outstanding < 0:
        return 6
    return 7  # "7 = All of the above criteria are met."


def claim_status(report: DamageReportData, facts: ClaimFacts, report_status: ReportStatus | None = None) -> int:
    """0-7: "In order to progress to the next higher claim level, the requirements for the previous level(s) have
    to be met."  Walk the levels in order and stop at the first that fails."""
    level = levels_met(report, facts, report_status)
    if level < 5:
        return level
    return _status_from_outstanding(claim_money(report, facts).amount_outstanding)


# --- money -----------------------------------------------------------------------------------------------------------


def claim_money(report: DamageReportData, facts: ClaimFacts) -> ClaimMoney:
    """Column two of page 2, exact."""
    our = facts.repair_costs
    misc = report.misc_costs or ZERO
    tp_costs = report.third_party_costs or ZERO
    tp_recovery = report.third_party_recovery or ZERO
    goodwill = report.goodwill_deduction or ZERO
    charged = report.amount_charged or ZERO
    refunded = report.amount_refunded or ZERO
    with localcontext(_EXACT):
        if report.damage_covered == "Y":
            # "If the damage is covered, (Page 1, Field 10 Damage Covered = Y), the amount of the edited damage
            # responsibility (Field 13 on Page 1) displays here."
            maximum = report.excess_charged or ZERO
        else:
            # "If the damage is not covered, it displays the repair costs plus third party costs and third party
            # recovery" -- recovery reduces what the renter owes ("third party recovery costs received for this
            # claim that will reduce the amount owed by the renter"), so it is subtracted.  Misc Costs count too
            # (DESIGN.md section 4): an uncovered renter "is responsible for all damage costs", Misc Costs is the
            # "loss of use" charge "to be applied", and a positive Charge/Refund Due can be written off "in field
            # 12" -- with Misc Costs left out of the maximum, Goodwill would change nothing.  A liability is never
            # below zero (recoveries beyond our costs are not the renter's).
            maximum = max(our + misc + tp_costs - tp_recovery, ZERO)
        # "This is the lesser of the Maximum Liability or our costs less the adjustments above."
        costs = our + misc + tp_costs - tp_recovery - goodwill
        final = max(min(maximum, costs), ZERO)
        # "It is calculated by subtracting the Excess Charged RA from the Final Liability."
        due = final - facts.excess_charged_ra
        # "Any balance due from or owed to the customer. The goal of a completed claim is to bring this amount to zero"
        outstanding = due - charged + refunded
    return ClaimMoney(
        our_repair_costs=_q(our),
        maximum_liability=_q(maximum),
        final_liability=_q(final),
        excess_charged_ra=_q(facts.excess_charged_ra),
        charge_refund_due=_q(due),
        amount_outstanding=_q(outstanding),
    )


def _q(amount: Decimal) -> Decimal:
    # every input has two places, so this never rounds; it fixes the exponent ("0" -> "0.00") and the sign of zero
    if not amount:
        return ZERO
    return amount.quantize(CENT, context=_EXACT)


# --- page 1 defaults -------------------------------------------------------------------------------------------------


def damage_covered_default(coverage_sold: str | None, control: DamageControl, has_ra: bool) -> YN:
    """ "Based on whether or not LDW was accepted on the RA or included in the rate, this field will default to
    either 'Y' or 'N'." ... "To change the default for this field to 'N', contact Thermeon Customer Support to have
    GVT record 'DMGCVDN' set up." """
    if has_ra and not coverage_sold:
        return "N"  # no LDW on the RA: nothing covers the damage
    return control.damage_covered_default


def excess_charged_default(ra_excess: Decimal | None) -> Decimal | None:
    """ "The default amount for this field is the coverage responsibility that applies to the RA." """
    if ra_excess is None:
        return None
    return parse_money(ra_excess)


# --- page 2 access by level ------------------------------------------------------------------------------------------

ALWAYS_EDITABLE: frozenset[str] = frozenset(
    {
        "accident_category",
        "follow_up_date",
        "claim_location",
        "claim_employee",
        "misc_costs",
        "third_party_costs",
        "third_party_recovery",
        "goodwill_deduction",
    }
)
assert ALWAYS_EDITABLE <= PAGE2_INPUTS

_EDITABLE_CACHE: dict[tuple[bool, bool, bool, bool], frozenset[str]] = {}


def page2_editable(rs: ReportStatus, cs: int, external_claim: YN, control: DamageControl) -> frozenset[str]:
    """Names of the page-2 input fields the clerk may set now."""
    ausie = control.ausie_rules
    # "This field is accessible for complete reports only."
    checked = rs == "C"
    # "When the 'Ausie Rules' flag is turned on ..., access to this field is granted when the Claim Status is 3 or
    # more."  External Closed/Type belong to level 4, so with Ausie Rules they wait for level 3 too.
    level3 = not ausie or cs >= 3
    # "This field is accessible only when the External Claim field is set to 'Y'."
    external = external_claim == "Y" and level3
    # Amounts settle levels 5-7: with Ausie Rules they wait until levels 0-4 are met.
    level5 = not ausie or cs >= 5
    key = (checked, level3, external, level5)
    found = _EDITABLE_CACHE.get(key)
    if found is None:
        names = set(ALWAYS_EDITABLE)
        if checked:
            names.add("report_checked")
        if level3:
            names.add("external_claim")
        if external:
            names.update(("external_closed", "external_type"))
        if level5:
            names.update(("amount_refunded", "amount_charged"))
        found = _EDITABLE_CACHE[key] = frozenset(names)
    return found


# --- all at once -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evaluation:
    report_status: ReportStatus
    claim_status: int
    money: ClaimMoney
    external_claim_default: YN
    external_claim: YN  # what the claim column uses: entered, or the default when blank
    work_order_status: str | None
    page2_editable: frozenset[str]


def evaluate(report: DamageReportData, facts: ClaimFacts, control: DamageControl) -> Evaluation:
    """Statuses, money and page-2 access for one report."""
    rs = _report_status(report)
    money = claim_money(report, facts)
    level = levels_met(report, facts, rs)
    cs = level if level < 5 else _status_from_outstanding(money.amount_outstanding)
    default = external_claim_default(report)
    external = report.external_claim if report.external_claim is not None else default
    return Evaluation(
        report_status=rs,
        claim_status=cs,
        money=money,
        external_claim_default=default,
        external_claim=external,
        work_order_status=facts.work_order_status,
        page2_editable=page2_editable(rs, cs, external, control),
    )


def computed_fields(evaluation: Evaluation) -> dict[str, object]:
    """The page-2 output fields of an evaluation, by JSON name."""
    money = evaluation.money
    return {
        "report_status": evaluation.report_status,
        "claim_status": evaluation.claim_status,
        "work_order_status": evaluation.work_order_status,
        "maximum_liability": money.maximum_liability,
        "our_repair_costs": money.our_repair_costs,
        "final_liability": money.final_liability,
        "excess_charged_ra": money.excess_charged_ra,
        "charge_refund_due": money.charge_refund_due,
        "amount_outstanding": money.amount_outstanding,
    }


def apply_computed(report: DamageReportData, facts: ClaimFacts, control: DamageControl) -> DamageReportData:
    """A copy of the report with every page-2 computed field filled in (inputs untouched)."""
    return report.model_copy(update=computed_fields(evaluate(report, facts, control)))


def sum_amounts(amounts: Iterable[Decimal]) -> Decimal:
    """Exact sum of two-place amounts (for services totalling work-order lines)."""
    with localcontext(_EXACT):
        return _q(sum((_amount(a, "amount") for a in amounts), ZERO))
