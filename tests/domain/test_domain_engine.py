"""The claim-status engine, rule by rule (DESIGN.md section 4), each case quoting the manual sentence it enforces."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from carsplus_tui.domain import (
    ClaimFacts,
    DamageControl,
    DamageReportData,
    apply_computed,
    claim_money,
    claim_status,
    damage_covered_default,
    evaluate,
    excess_charged_default,
    external_claim_default,
    incomplete_reasons,
    report_status,
)
from carsplus_tui.domain.engine import page2_editable
from carsplus_tui.domain.examples import complete_example_data

D = Decimal
WO = ClaimFacts(has_work_order=True, work_order_status="OPEN", repair_cost_lines=(D("410.00"),), excess_charged_ra=D("400.00"))


def report(**changes: Any) -> DamageReportData:
    """The manual's completed example (status C) with some fields changed."""
    data = complete_example_data()
    for key, value in changes.items():
        if "__" in key:  # accident_details__date_time=... changes one field of a pop-up
            outer, inner = key.split("__")
            data[outer] = {**(data[outer] or {}), inner: value}
        else:
            data[key] = value
    return DamageReportData.model_validate(data)


OTHER_DRIVER = {"last_name": "SMITH", "first_name": "JO", "customer_number": "100300"}
WITNESS = {"last_name": "BROWN", "first_name": "AL", "customer_number": "100301"}

# --- report status ---------------------------------------------------------------------------------------------------

REPORT_STATUS_CASES = [
    pytest.param({}, "C", id="C = complete"),
    pytest.param(
        {"ra_number": None, "non_rev_number": None},
        "U",
        id="U = unreported. (There is not a RA number nor a Non-Rev number associated with the report.)",
    ),
    pytest.param({"ra_number": None, "non_rev_number": "N12345"}, "C", id="a Non-Rev number alone is reported"),
    pytest.param({"accident_details": None}, "I", id="I = Incomplete. The following fields are blank: Damage Date"),
    pytest.param({"accident_details__date_time": None}, "I", id="I: Damage Date blank in the Accident Details window"),
    pytest.param({"driver_injured": None}, "I", id="I: The following fields are blank: ... Driver Injured"),
    pytest.param({"accident_description": []}, "I", id="I: The following fields are blank: ... Accident Description"),
    pytest.param({"damage_covered": None}, "I", id="I: The following fields are blank: ... Damage Covered"),
    pytest.param(
        {"accident_details__witnesses": "Y", "witnesses": [{**WITNESS, "customer_number": None}]},
        "I",
        id="I: It's indicated that there was a witness, but the customer number field in the witness pop-up window is blank",
    ),
    pytest.param({"accident_details__witnesses": "Y", "witnesses": []}, "I", id="I: witnesses Y and the witness window empty"),
    pytest.param({"accident_details__witnesses": "Y", "witnesses": [WITNESS]}, "C", id="C: the witness has a customer #"),
    pytest.param(
        {"accident_details__witnesses": "Y", "witnesses": [WITNESS, {**WITNESS, "customer_number": None}]},
        "I",
        id="I: the second witness has no customer #",
    ),
    pytest.param(
        {"third_parties": [{"last_name": "JOHNSON", "customer_number": None}]},
        "I",
        id="I: It's indicated that a 3rd party was involved, but the customer number field in the 3rd party pop-up window is blank",
    ),
    pytest.param({"third_parties": []}, "I", id="I: 3rd party Y and the 3rd party window empty"),
    pytest.param(
        {"third_party_involved": "N", "admits_fault": None, "fault_description": [], "third_parties": []},
        "C",
        id="C: no 3rd party, no customer # needed",
    ),
    pytest.param(
        {"renter_driving": "N", "other_driver": None},
        "I",
        id="I: It's indicated that there was a different driver, but the customer number field in the other driver pop-up window is blank",
    ),
    pytest.param(
        {"renter_driving": "N", "other_driver": {**OTHER_DRIVER, "customer_number": None}},
        "I",
        id="I: other driver entered without a customer #",
    ),
    pytest.param({"renter_driving": "N", "other_driver": OTHER_DRIVER}, "C", id="C: the other driver has a customer #"),
]


@pytest.mark.parametrize(("changes", "expected"), REPORT_STATUS_CASES)
def test_report_status(changes: dict[str, Any], expected: str) -> None:
    assert report_status(report(**changes)) == expected


def test_incomplete_reasons_name_the_blank_fields() -> None:
    r = report(driver_injured=None, damage_covered=None)
    assert [path for path, _ in incomplete_reasons(r)] == ["driver_injured", "damage_covered"]
    assert incomplete_reasons(report()) == []
    assert incomplete_reasons(report(ra_number=None)) == []  # U, not I


# --- claim status ----------------------------------------------------------------------------------------------------

SETTLED = {"report_checked": "Y", "external_claim": "N"}  # with WO: due 410-400 = 10.00
CLAIM_STATUS_CASES = [
    pytest.param({"ra_number": None}, WO, 0, id="0 = The damage report status is U (unreported)."),
    pytest.param({**SETTLED, "driver_injured": None}, WO, 1, id="1 = The damage report status is I (incomplete)."),
    pytest.param(
        SETTLED,
        ClaimFacts(),
        2,
        id="2 = The damage report status is C (complete) but there is not a work order for the damage report.",
    ),
    pytest.param(
        {"report_checked": "N", "external_claim": "N"},
        WO,
        3,
        id="3 = The damage report status is C, there is a work order, but the Damage Report field 'Report Checked' is not Y.",
    ),
    pytest.param({"external_claim": "N"}, WO, 3, id="3: Report Checked blank is not Y"),
    pytest.param(
        {"report_checked": "Y", "external_claim": "Y", "external_closed": None},
        WO,
        4,
        id="4 = The External Claim field is set to 'Y', but the External Closed field is not set to 'Y'.",
    ),
    pytest.param(
        {"report_checked": "Y", "external_claim": None, "external_closed": "N"},
        WO,
        4,
        id="4: External Claim blank takes its default (Y: Renters Claim # CN1234)",
    ),
    pytest.param(
        {"report_checked": "Y", "external_claim": "Y", "external_closed": "Y"},
        WO,
        5,
        id="5 = There is a positive amount in the Damage Report field 'Amount Outstanding' (the renter owes)",
    ),
    pytest.param(
        {**SETTLED, "amount_charged": "4.00"},
        WO,
        5,
        id="5: 10.00 due, 4.00 charged, 6.00 outstanding",
    ),
    pytest.param(
        {**SETTLED, "amount_charged": "25.00"},
        WO,
        6,
        id="6 = There is a negative amount in the Damage Report field 'Amount Outstanding' (the renter overpaid)",
    ),
    pytest.param({**SETTLED, "amount_charged": "10.00"}, WO, 7, id="7 = All of the above criteria are met."),
    pytest.param(
        {**SETTLED, "goodwill_deduction": "10.00"},
        WO,
        7,
        id="7: the goodwill example settles the claim with nothing charged",
    ),
]


@pytest.mark.parametrize(("changes", "facts", "expected"), CLAIM_STATUS_CASES)
def test_claim_status(changes: dict[str, Any], facts: ClaimFacts, expected: int) -> None:
    r = report(**changes)
    assert claim_status(r, facts) == expected
    assert evaluate(r, facts, DamageControl()).claim_status == expected


def test_claim_status_accepts_a_known_report_status() -> None:
    r = report(**SETTLED)
    assert claim_status(r, WO, report_status="I") == 1
    assert claim_status(r, WO, report_status="C") == 5


def test_claim_status_does_not_depend_on_ausie_rules() -> None:
    """The status is always computed; Ausie Rules only gate which page-2 fields may be set."""
    r = report(**SETTLED, amount_charged="10.00")
    assert evaluate(r, WO, DamageControl(ausie_rules=True)).claim_status == 7
    assert evaluate(r, WO, DamageControl(ausie_rules=False)).claim_status == 7


# --- External Claim default ------------------------------------------------------------------------------------------

QUIET = {"renters_claim_number": None, "driver_injured": "N", "damage_covered": "Y"}  # nothing triggers the default

EXTERNAL_DEFAULT_CASES = [
    pytest.param(QUIET, "N", id="no circumstance: N"),
    pytest.param({**QUIET, "renters_claim_number": "CN1234"}, "Y", id="There is a Renter Claim # (page 1)"),
    pytest.param({**QUIET, "driver_injured": "Y"}, "Y", id="The driver injured field is set to 'Y' (page 1)"),
    pytest.param(
        {**QUIET, "third_parties": [{"last_name": "JOHNSON", "injured": "Y", "customer_number": "1"}]},
        "Y",
        id="3rd Party Injured field is set to 'Y' (3rd Party pop-up window)",
    ),
    pytest.param(
        {
            **QUIET,
            "third_parties": [
                {"last_name": "A", "injured": "N", "customer_number": "1"},
                {"last_name": "B", "injured": "Y", "customer_number": "2"},
            ],
        },
        "Y",
        id="any 3rd party injured, not only the first",
    ),
    pytest.param({**QUIET, "damage_covered": "N"}, "Y", id="Damage Covered field is not set to 'Y' (page 1): N"),
    pytest.param({**QUIET, "damage_covered": None}, "Y", id="Damage Covered field is not set to 'Y' (page 1): blank"),
]


@pytest.mark.parametrize(("changes", "expected"), EXTERNAL_DEFAULT_CASES)
def test_external_claim_default(changes: dict[str, Any], expected: str) -> None:
    r = report(**changes)
    assert external_claim_default(r) == expected
    ev = evaluate(r, WO, DamageControl())
    assert ev.external_claim_default == expected
    assert ev.external_claim == expected  # blank External Claim reads as its default


def test_entered_external_claim_overrides_the_default() -> None:
    r = report(**QUIET, external_claim="Y", report_checked="Y")
    assert evaluate(r, WO, DamageControl()).external_claim == "Y"
    assert claim_status(r, WO) == 4  # Y entered, External Closed blank


# --- money -----------------------------------------------------------------------------------------------------------


def facts(repair: str = "0.00", charged_ra: str = "0.00") -> ClaimFacts:
    return ClaimFacts(has_work_order=True, repair_cost_lines=(D(repair),), excess_charged_ra=D(charged_ra))


MONEY_CASES = [
    # (report changes, facts, expected: our, maximum, final, due, outstanding)
    pytest.param(
        {"damage_covered": "Y", "excess_charged": "150.00"},
        facts("900.00"),
        ("900.00", "150.00", "150.00", "150.00", "150.00"),
        id="If the damage is covered (Damage Covered = Y), the amount of the edited damage responsibility (Field 13) displays here.",
    ),
    pytest.param(
        {"damage_covered": "Y", "excess_charged": None},
        facts("900.00"),
        ("900.00", "0.00", "0.00", "0.00", "0.00"),
        id="covered with Excess Charged blank: nothing is the renter's",
    ),
    pytest.param(
        {"damage_covered": "N", "third_party_costs": "200.00", "third_party_recovery": "50.00"},
        facts("900.00"),
        ("900.00", "1050.00", "1050.00", "1050.00", "1050.00"),
        id="If the damage is not covered, it displays the repair costs plus third party costs and third party recovery",
    ),
    pytest.param(
        {"damage_covered": "N", "third_party_recovery": "1000.00"},
        facts("900.00"),
        ("900.00", "0.00", "0.00", "0.00", "0.00"),
        id="a recovery beyond our costs leaves no liability (never below zero)",
    ),
    pytest.param(
        {"damage_covered": "Y", "excess_charged": "1500.00", "misc_costs": "100.00"},
        facts("900.00"),
        ("900.00", "1500.00", "1000.00", "1000.00", "1000.00"),
        id="FINAL LIABILITY This is the lesser of the Maximum Liability or our costs less the adjustments above (costs)",
    ),
    pytest.param(
        {"damage_covered": "Y", "excess_charged": "500.00", "misc_costs": "100.00"},
        facts("900.00"),
        ("900.00", "500.00", "500.00", "500.00", "500.00"),
        id="FINAL LIABILITY: the lesser is the Maximum Liability",
    ),
    pytest.param(
        {"damage_covered": "N", "misc_costs": "100.00", "third_party_costs": "20.00", "third_party_recovery": "30.00", "goodwill_deduction": "40.00"},
        facts("900.00"),
        ("900.00", "990.00", "950.00", "950.00", "950.00"),
        id="not covered: the maximum is repairs + misc + 3rd party costs - recovery (DESIGN.md section 4)",
    ),
    pytest.param(
        {"damage_covered": "N", "misc_costs": "100.00"},
        facts("210.00", charged_ra="150.00"),
        ("210.00", "310.00", "310.00", "160.00", "160.00"),
        id="9 MISC COSTS: any loss of use charge that is to be applied is charged to an uncovered renter",
    ),
    pytest.param(
        {"damage_covered": "N", "misc_costs": "100.00", "goodwill_deduction": "160.00"},
        facts("210.00", charged_ra="150.00"),
        ("210.00", "310.00", "150.00", "0.00", "0.00"),
        id="with Misc Costs, Goodwill equal to the Charge/Refund Due still writes it off",
    ),
    pytest.param(
        {"damage_covered": "N", "goodwill_deduction": "5000.00"},
        facts("900.00"),
        ("900.00", "900.00", "0.00", "0.00", "0.00"),
        id="final liability is never negative",
    ),
    pytest.param(
        {"damage_covered": "Y", "excess_charged": "150.00"},
        facts("900.00", charged_ra="150.00"),
        ("900.00", "150.00", "150.00", "0.00", "0.00"),
        id="CHARGE/REFUND DUE ... calculated by subtracting the Excess Charged RA from the Final Liability",
    ),
    pytest.param(
        {"damage_covered": "N"},
        facts("120.00", charged_ra="150.00"),
        ("120.00", "120.00", "120.00", "-30.00", "-30.00"),
        id="If this amount is negative, you owe the renter this amount as a refund",
    ),
    pytest.param(
        {"damage_covered": "N", "amount_refunded": "30.00"},
        facts("120.00", charged_ra="150.00"),
        ("120.00", "120.00", "120.00", "-30.00", "0.00"),
        id="Enter this amount in Field 13 to refund the amount to the renter",
    ),
    pytest.param(
        {"damage_covered": "N", "amount_charged": "60.00"},
        facts("210.00", charged_ra="150.00"),
        ("210.00", "210.00", "210.00", "60.00", "0.00"),
        id="If this amount is positive ... enter this amount in field 14 below to invoice the renter",
    ),
    pytest.param(
        {"damage_covered": "N", "goodwill_deduction": "60.00"},
        facts("210.00", charged_ra="150.00"),
        ("210.00", "210.00", "150.00", "0.00", "0.00"),
        id="... or enter this amount in field 12 above to write the amount owed off",
    ),
]


@pytest.mark.parametrize(("changes", "claim_facts", "expected"), MONEY_CASES)
def test_claim_money(changes: dict[str, Any], claim_facts: ClaimFacts, expected: tuple[str, ...]) -> None:
    money = claim_money(report(**changes), claim_facts)
    got = (money.our_repair_costs, money.maximum_liability, money.final_liability, money.charge_refund_due, money.amount_outstanding)
    assert got == tuple(D(x) for x in expected)
    assert [str(x) for x in got] == list(expected)  # two places, exactly
    assert money.excess_charged_ra == claim_facts.excess_charged_ra


@pytest.mark.parametrize("covered", ["Y", "N"])
def test_goodwill_example(covered: str) -> None:
    """ "For example, the renter may have been charged $400 for the damage. If the repair cost came to $410, to avoid
    charging the renter for the $10 balance, enter $10 in this field as a 'goodwill' reduction you are extending to
    the renter." """
    before = claim_money(report(damage_covered=covered, excess_charged="1500.00"), facts("410.00", charged_ra="400.00"))
    assert before.charge_refund_due == D("10.00")  # without goodwill the renter would owe the $10 balance
    money = claim_money(
        report(damage_covered=covered, excess_charged="1500.00", goodwill_deduction="10.00"), facts("410.00", charged_ra="400.00")
    )
    assert money.our_repair_costs == D("410.00")
    assert money.final_liability == D("400.00")
    assert money.charge_refund_due == D("0.00")
    assert money.amount_outstanding == D("0.00")


def test_our_repair_costs_is_the_sum_of_the_work_order_lines() -> None:
    """ "OUR REPAIR COSTS The total repair costs associated with the work order matching this damage report" """
    f = ClaimFacts(has_work_order=True, repair_cost_lines=(D("0.10"), D("0.20"), D("1234.56")))
    assert f.our_repair_costs == D("1234.86")
    assert claim_money(report(), f).our_repair_costs == D("1234.86")
    assert ClaimFacts().our_repair_costs == D("0.00")


@pytest.mark.parametrize("bad", [0.1, "0.10", None])
def test_claim_facts_take_decimals_only(bad: object) -> None:
    with pytest.raises(TypeError):
        ClaimFacts(repair_cost_lines=(bad,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ClaimFacts(excess_charged_ra=bad)  # type: ignore[arg-type]


# --- page 1 defaults -------------------------------------------------------------------------------------------------

DAMAGE_COVERED_DEFAULT_CASES = [
    pytest.param("LDW", DamageControl(), True, "Y", id="LDW accepted on the RA: defaults to Y"),
    pytest.param(None, DamageControl(), True, "N", id="no LDW on the RA: defaults to N"),
    pytest.param("", DamageControl(), True, "N", id="Cvg Sold blank: defaults to N"),
    pytest.param(
        "LDW",
        DamageControl(damage_covered_default="N"),
        True,
        "N",
        id="To change the default for this field to 'N', contact Thermeon Customer Support to have GVT record 'DMGCVDN' set up.",
    ),
    pytest.param(None, DamageControl(), False, "Y", id="no RA: the control record's default"),
    pytest.param(None, DamageControl(damage_covered_default="N"), False, "N", id="no RA with DMGCVDN: N"),
]


@pytest.mark.parametrize(("coverage", "control", "has_ra", "expected"), DAMAGE_COVERED_DEFAULT_CASES)
def test_damage_covered_default(coverage: str | None, control: DamageControl, has_ra: bool, expected: str) -> None:
    """ "Based on whether or not LDW was accepted on the RA or included in the rate, this field will default to
    either 'Y' or 'N'." """
    assert damage_covered_default(coverage, control, has_ra) == expected


def test_excess_charged_default() -> None:
    """ "The default amount for this field is the coverage responsibility that applies to the RA." """
    assert excess_charged_default(D("1500")) == D("1500.00")
    assert str(excess_charged_default(D("1500"))) == "1500.00"
    assert excess_charged_default(None) is None


# --- page 2 access by level ------------------------------------------------------------------------------------------

ALWAYS = {
    "accident_category",
    "follow_up_date",
    "claim_location",
    "claim_employee",
    "misc_costs",
    "third_party_costs",
    "third_party_recovery",
    "goodwill_deduction",
}
AMOUNTS = {"amount_refunded", "amount_charged"}
EXTERNAL = {"external_closed", "external_type"}

EDITABLE_CASES = [
    # (report status, claim status, effective external claim, ausie rules, expected extra fields beyond ALWAYS)
    pytest.param("I", 1, "N", False, {"external_claim"} | AMOUNTS, id="Report Checked: This field is accessible for complete reports only."),
    pytest.param("C", 2, "N", False, {"report_checked", "external_claim"} | AMOUNTS, id="Report Checked accessible on a C report"),
    pytest.param(
        "C", 2, "Y", False, {"report_checked", "external_claim"} | EXTERNAL | AMOUNTS,
        id="External Closed/Type: This field is accessible only when the External Claim field is set to 'Y'.",
    ),
    pytest.param(
        "C", 2, "Y", True, {"report_checked"},
        id="Ausie Rules: access to this field (External Claim) is granted when the Claim Status is 3 or more (status 2)",
    ),
    pytest.param("C", 3, "N", True, {"report_checked", "external_claim"}, id="Ausie Rules: External Claim at status 3"),
    pytest.param("C", 3, "Y", True, {"report_checked", "external_claim"} | EXTERNAL, id="Ausie Rules: External Closed at status 3 with External Claim Y"),
    pytest.param(
        "C", 4, "Y", True, {"report_checked", "external_claim"} | EXTERNAL,
        id="Ausie Rules: In order to progress to the next higher claim level, the requirements for the previous level(s) have to be met (amounts wait at 4)",
    ),
    pytest.param("C", 5, "N", True, {"report_checked", "external_claim"} | AMOUNTS, id="Ausie Rules: amounts from status 5"),
    pytest.param("C", 7, "Y", True, {"report_checked", "external_claim"} | EXTERNAL | AMOUNTS, id="Ausie Rules: everything at 7"),
    pytest.param("U", 0, "Y", True, set(), id="Ausie Rules: a U report sets only the always-open fields"),
]


@pytest.mark.parametrize(("rs", "cs", "external", "ausie", "extra"), EDITABLE_CASES)
def test_page2_editable(rs: str, cs: int, external: str, ausie: bool, extra: set[str]) -> None:
    assert page2_editable(rs, cs, external, DamageControl(ausie_rules=ausie)) == frozenset(ALWAYS | extra)  # type: ignore[arg-type]


def test_evaluate_gates_with_the_reports_own_statuses() -> None:
    ausie = DamageControl(ausie_rules=True)
    ev = evaluate(report(external_claim="N"), WO, ausie)  # C, WO, not checked -> 3
    assert ev.claim_status == 3
    assert "external_claim" in ev.page2_editable and "amount_charged" not in ev.page2_editable
    ev = evaluate(report(**SETTLED), WO, ausie)  # 5
    assert {"amount_charged", "amount_refunded"} <= ev.page2_editable
    ev = evaluate(report(**SETTLED), ClaimFacts(), ausie)  # 2: no work order
    assert "external_claim" not in ev.page2_editable and "report_checked" in ev.page2_editable


# --- apply_computed --------------------------------------------------------------------------------------------------


def test_apply_computed_fills_every_output_and_leaves_inputs() -> None:
    r = report(**SETTLED, amount_charged="4.00")
    out = apply_computed(r, WO, DamageControl())
    assert (out.report_status, out.claim_status, out.work_order_status) == ("C", 5, "OPEN")
    assert out.our_repair_costs == D("410.00")
    assert out.maximum_liability == D("410.00")
    assert out.final_liability == D("410.00")
    assert out.excess_charged_ra == D("400.00")
    assert out.charge_refund_due == D("10.00")
    assert out.amount_outstanding == D("6.00")
    assert out.model_dump(exclude=set(COMPUTED)) == r.model_dump(exclude=set(COMPUTED))
    assert r.report_status is None  # the original is untouched
    dumped = out.model_dump(mode="json")
    assert dumped["amount_outstanding"] == "6.00" and dumped["claim_status"] == 5


COMPUTED = (
    "report_status",
    "claim_status",
    "work_order_status",
    "maximum_liability",
    "our_repair_costs",
    "final_liability",
    "excess_charged_ra",
    "charge_refund_due",
    "amount_outstanding",
)


def test_imported_computed_values_are_recomputed() -> None:
    r = report(report_status="U", claim_status=7, amount_outstanding="999.99", final_liability="junk")
    assert r.final_liability is None  # unreadable computed value: dropped, not an error
    out = apply_computed(r, WO, DamageControl())
    assert out.report_status == "C" and out.claim_status == 3 and out.amount_outstanding == D("10.00")


def test_claim_facts_take_a_total_instead_of_lines() -> None:
    assert ClaimFacts(has_work_order=True, our_repair_costs=D("410")).our_repair_costs == D("410.00")
    assert claim_money(report(damage_covered="N"), ClaimFacts(our_repair_costs=D("410.00"))).maximum_liability == D("410.00")
    assert ClaimFacts(repair_cost_lines=(D("400"), D("10")), our_repair_costs=D("410.00")).our_repair_costs == D("410.00")
    with pytest.raises(ValueError):
        ClaimFacts(repair_cost_lines=(D("400"),), our_repair_costs=D("410.00"))
