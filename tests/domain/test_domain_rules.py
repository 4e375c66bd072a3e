"""Page 1 and page 2 field rules: each case quotes the manual and shows the switch that turns the rule off."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from carsplus_tui.domain import (
    ClaimFacts,
    DamageControl,
    DamageReportData,
    NoteEntry,
    ReportContext,
    ReportValidationError,
    field_error,
    not_on_file,
    raise_if_errors,
    validate_page1,
    validate_page2,
    validate_report,
)
from carsplus_tui.domain.examples import complete_example_data

D = Decimal
AUSIE = DamageControl(ausie_rules=True)
DMGENT67 = DamageControl(require_present_and_third_party=True)
PLAIN = DamageControl()
NO_THIRD_PARTY = {"third_party_involved": None, "third_parties": [], "admits_fault": None, "fault_description": []}


def report(**changes: Any) -> DamageReportData:
    data = complete_example_data()
    for key, value in changes.items():
        if "__" in key:
            outer, inner = key.split("__")
            data[outer] = {**(data[outer] or {}), inner: value}
        else:
            data[key] = value
    return DamageReportData.model_validate(data)


def page1(r: DamageReportData, control: DamageControl = PLAIN, **ctx: Any) -> list[str]:
    ctx.setdefault("ra_excess", D("1500.00"))
    return [str(e) for e in validate_page1(r, ReportContext(control=control, has_ra=True, **ctx))]


def test_the_manuals_example_passes() -> None:
    assert page1(report()) == []
    assert page1(report(), AUSIE) == []
    assert page1(report(), DMGENT67) == []


# Each row: (report changes, control, context, the error the rule gives or None when the rule must stay quiet).
PAGE1_CASES = [
    # 3 Unit #
    pytest.param(
        {"unit_number": None}, PLAIN, {}, "3 Unit #: is required",
        id="User tip: If the 'Ausie Rules' flag is not turned on in the Edit Damage Control Record, this field (Unit #) is required.",
    ),
    pytest.param({"unit_number": None}, AUSIE, {}, None, id="Unit # not required with Ausie Rules"),
    # 5 Customer Present
    pytest.param(
        {"customer_present": None}, AUSIE, {}, "5 Customer Present: is required",
        id="Cust Present: If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record this field is required.",
    ),
    pytest.param(
        {"customer_present": None}, DMGENT67, {}, "5 Customer Present: is required",
        id="the 'Cust Present' and '3rd Party Invld' fields can be configured as required fields ... GVT record DMGENT67 (Cust Present)",
    ),
    pytest.param({"customer_present": None}, PLAIN, {}, None, id="Customer Present optional without Ausie Rules or DMGENT67"),
    # 6 Renter Driving?
    pytest.param(
        {"renter_driving": None}, AUSIE, {}, "6 Renter Driving?: is required",
        id="Renter Driving: If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record, this field is required.",
    ),
    pytest.param({"renter_driving": None}, PLAIN, {}, None, id="Renter Driving optional without Ausie Rules"),
    pytest.param({"renter_driving": None}, DMGENT67, {}, None, id="DMGENT67 does not touch Renter Driving"),
    # 8 3rd Party Invld?
    pytest.param(
        NO_THIRD_PARTY, AUSIE, {}, "8 3rd Party Invld?: is required",
        id="3rd Party Invld: If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record, this field is required.",
    ),
    pytest.param(
        NO_THIRD_PARTY, DMGENT67, {}, "8 3rd Party Invld?: is required",
        id="the 'Cust Present' and '3rd Party Invld' fields can be configured as required fields ... GVT record DMGENT67 (3rd Party)",
    ),
    pytest.param(NO_THIRD_PARTY, PLAIN, {}, None, id="3rd Party Invld optional without Ausie Rules or DMGENT67"),
    # 9 Admits Fault?
    pytest.param(
        {**NO_THIRD_PARTY, "third_party_involved": "N", "admits_fault": "N"}, PLAIN, {},
        "9 Admits Fault?: only when 8 3rd Party Invld? is Y",
        id="Access is granted to this field only if a 'Y' was entered in the '3rd Party Involved' field.",
    ),
    pytest.param(
        {"admits_fault": "N"}, PLAIN, {}, "Fault Description: only when 9 Admits Fault? is Y",
        id="When 'Y' is entered in this field (Admits Fault), a pop-up window automatically displays (fault description)",
    ),
    pytest.param({"admits_fault": "N", "fault_description": []}, PLAIN, {}, None, id="Admits Fault N without a fault description"),
    # 11 Nature of Breach
    pytest.param(
        {"damage_covered": "N", "nature_of_breach": None}, PLAIN, {"coverage_sold": "LDW"},
        "11 Nature of Breach: is required when coverage (LDW) was sold and the damage is not covered",
        id="If coverage was sold and the 'Damage Covered' field is marked 'N', data must be entered in this field",
    ),
    pytest.param(
        {"damage_covered": "N", "nature_of_breach": None, "coverage_sold": "CDW"}, PLAIN, {},
        "11 Nature of Breach: is required when coverage (CDW) was sold and the damage is not covered",
        id="Nature of Breach: Cvg Sold taken from the report when the context has none",
    ),
    pytest.param({"damage_covered": "N", "nature_of_breach": None}, PLAIN, {}, None, id="no coverage sold: no breach to explain"),
    pytest.param(
        {"damage_covered": "Y", "nature_of_breach": None}, PLAIN, {"coverage_sold": "LDW"}, None,
        id="coverage sold and damage covered: no breach",
    ),
    pytest.param(
        {"damage_covered": "N", "nature_of_breach": "UNAUTHORIZED DRIVER"}, PLAIN, {"coverage_sold": "LDW"}, None,
        id="breach explained",
    ),
    # 13 Excess Charged
    pytest.param(
        {"excess_charged": "1500.01"}, PLAIN, {}, "13 Excess Charged: cannot exceed the RA's excess of 1500.00",
        id="The charge cannot be greater than the customer's coverage responsibility.",
    ),
    pytest.param({"excess_charged": "1500.00"}, PLAIN, {}, None, id="Excess Charged equal to the RA's excess"),
    pytest.param({"excess_charged": "120.00"}, PLAIN, {}, None, id="This can be edited to a lower amount."),
    pytest.param(
        {"excess_charged": "900.00", "excess": "750"}, PLAIN, {"ra_excess": None},
        "13 Excess Charged: cannot exceed the RA's excess of 750.00",
        id="Excess Charged: the report's Excess display field when the context has no RA excess",
    ),
    pytest.param({"excess_charged": "900.00", "excess": None}, PLAIN, {"ra_excess": None}, None, id="no RA excess known: no limit"),
    # 15-24
    pytest.param(
        {"damage_lines": [{"code": "D1", "type": "D"}, {"code": "S2", "description": "REAR BUMPER", "type": None}]}, AUSIE, {},
        "18 Type: is required",
        id="Type: If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record, this field is required.",
    ),
    pytest.param(
        {"damage_lines": [{"code": "D1", "type": None}]}, PLAIN, {}, None, id="Type optional without Ausie Rules"
    ),
    pytest.param(
        {"damage_lines": [{"code": "D1", "type": "D"}, {}, {"code": None, "type": "S"}]}, PLAIN, {},
        "19 Damage Code: is required when a description or type is entered",
        id="Each field that has data entered into it will create a unrepaired Vehicle History Record (a line needs its code)",
    ),
    pytest.param({"damage_lines": [{"code": "D1"}, {}, {}]}, AUSIE, {}, "16 Type: is required", id="blank lines are skipped, used ones checked"),
    # Accident Details
    pytest.param(
        {"accident_details__date_time": None}, PLAIN, {}, "Accident Details 1 Date/Time: is required",
        id="DATE/TIME Enter the date and time that the damage occurred. The date is a required field.",
    ),
    pytest.param(
        {"accident_details__date_time": "07-21-29/1430"}, PLAIN, {"today": date(2009, 7, 22)},
        "Accident Details 1 Date/Time: cannot be in the future",
        id="Date/Time: the date that the damage occurred has happened",
    ),
    pytest.param({"accident_details": None}, PLAIN, {}, None, id="4 Accident Details N: no window, no date required"),
    pytest.param(
        {"witnesses": [{"last_name": "BROWN", "customer_number": "1"}]}, PLAIN, {},
        "Witness Data Entry Witnesses: are entered but Accident Details 8 Witnesses? is not Y",
        id="When 'Y' is entered in this field (Witnesses), a second pop-up window automatically displays",
    ),
    pytest.param(
        {"accident_details__witnesses": "Y", "witnesses": [{"last_name": "BROWN"}, {"phone": "555-1212"}]}, PLAIN, {},
        "Witness Data Entry 5 W2 Last/First (Last): is required",
        id="Enter data in Fields 5 - 8 (W2) for the second witness (a witness needs a name)",
    ),
    # 6 Renter Driving? / Other Driver
    pytest.param(
        {"other_driver": {"last_name": "SMITH"}}, PLAIN, {},
        "Other Driver Entry: is entered but 6 Renter Driving? is not N",
        id="When 'N' is entered in this field, a pop-up window automatically displays ... for the other driver",
    ),
    pytest.param(
        {"renter_driving": "N", "other_driver": {"phone": "555-1212"}}, PLAIN, {},
        "Other Driver Entry 1 Last/First (Last): is required",
        id="Other driver needs a name",
    ),
    # 8 3rd Party
    pytest.param(
        {"third_party_involved": "N", "admits_fault": None, "fault_description": []}, PLAIN, {},
        "3rd Party Data Entry: are entered but 8 3rd Party Invld? is not Y",
        id="When 'Y' is entered in this field, a pop-up window automatically displays so that data can be entered for up to 5 additional parties",
    ),
    pytest.param(
        {"third_parties": [{"last_name": "JOHNSON", "customer_number": "1"}, {"first_name": "REMY"}]}, PLAIN, {},
        "3rd Party #2 1 Last/First (Last): is required",
        id="3rd party needs a name",
    ),
    pytest.param(
        {"third_parties": [{"last_name": "JOHNSON", "customer_number": "1", "dob": "05-02-29"}]}, PLAIN, {"today": date(2009, 7, 22)},
        "3rd Party #1 5 DL Expire/DOB (DOB): cannot be in the future",
        id="3rd party DOB in the past",
    ),
    # 1 RA# / 2 Non-Rev#
    pytest.param(
        {"non_rev_number": "N1234"}, PLAIN, {}, "2 Non-Rev#: enter an RA# or a Non-Rev#, not both",
        id="If the damage occurred while the vehicle was on a non-rev movement, enter the non-rev ticket number. Otherwise, skip this field.",
    ),
]


@pytest.mark.parametrize(("changes", "control", "ctx", "expected"), PAGE1_CASES)
def test_page1_rule(changes: dict[str, Any], control: DamageControl, ctx: dict[str, Any], expected: str | None) -> None:
    errors = page1(report(**changes), control, **ctx)
    if expected is None:
        assert errors == []
    else:
        assert expected in errors, errors


def test_page1_errors_carry_the_manual_number_and_label() -> None:
    [err] = validate_page1(report(excess_charged="2000"), ReportContext(ra_excess=D("1500"), has_ra=True))
    assert (err.field, err.number, err.label, err.window) == ("excess_charged", "13", "Excess Charged", None)
    assert err.message == "cannot exceed the RA's excess of 1500.00"
    assert str(err) == "13 Excess Charged: cannot exceed the RA's excess of 1500.00"


def test_page1_errors_come_in_screen_order() -> None:
    r = report(unit_number=None, customer_present=None, renter_driving=None, damage_lines=[{"code": "D1"}])
    assert [e.number for e in validate_page1(r, ReportContext(control=DamageControl(ausie_rules=True, require_present_and_third_party=True)))] == [
        "5",
        "6",
        "16",
    ]


# --- page 2 ----------------------------------------------------------------------------------------------------------

WO = ClaimFacts(has_work_order=True, repair_cost_lines=(D("410.00"),), excess_charged_ra=D("400.00"))


def page2(r: DamageReportData, control: DamageControl = PLAIN, facts: ClaimFacts = WO, previous: DamageReportData | None = None, **kw: Any) -> list[str]:
    return [str(e) for e in validate_page2(r, facts, control, previous, **kw)]


PAGE2_CASES = [
    pytest.param(
        {"driver_injured": None, "report_checked": "Y"}, PLAIN, WO,
        "1 Report Checked: is accessible for complete reports only (report status is I)",
        id="REPORT CHECKED: This field is accessible for complete reports only.",
    ),
    pytest.param({"report_checked": "Y"}, PLAIN, WO, None, id="Report Checked on a C report"),
    pytest.param(
        {"external_claim": "N", "external_closed": "Y"}, PLAIN, WO, "3 External Closed: is accessible only when 2 External Claim is Y",
        id="EXTERNAL CLOSED: This field is accessible only when the External Claim field is set to 'Y'.",
    ),
    pytest.param(
        {"external_claim": "N", "external_type": "INS"}, PLAIN, WO, "4 External Type: is accessible only when 2 External Claim is Y",
        id="EXTERNAL TYPE: This field is accessible only when the 'External Claim' field is set to 'Y'.",
    ),
    pytest.param(
        {"external_claim": None, "external_closed": "Y", "external_type": "INS"}, PLAIN, WO, None,
        id="External Closed with External Claim defaulted to Y",
    ),
    pytest.param(
        {"external_claim": "Y"}, AUSIE, ClaimFacts(), "2 External Claim: can be set when the Claim Status is 3 or more (it is 2)",
        id="When the 'Ausie Rules' flag is turned on ..., access to this field is granted when the Claim Status is 3 or more.",
    ),
    pytest.param({"external_claim": "Y"}, AUSIE, WO, None, id="Ausie Rules: External Claim at status 3"),
    pytest.param({"external_claim": "Y"}, PLAIN, ClaimFacts(), None, id="External Claim open at any status without Ausie Rules"),
    pytest.param(
        {"external_claim": "Y", "external_closed": "Y"}, AUSIE, ClaimFacts(),
        "3 External Closed: can be set when the Claim Status is 3 or more (it is 2)",
        id="Ausie Rules: a field that belongs to a higher level cannot be set until the lower levels are met (External Closed)",
    ),
    pytest.param(
        {"external_claim": "N", "amount_charged": "10.00"}, AUSIE, WO,
        "14 Amount Charged: can be set once the claim reaches status 5 (levels 0-4 met; it is 3)",
        id="Ausie Rules: In order to progress to the next higher claim level, the requirements for the previous level(s) have to be met (Amount Charged)",
    ),
    pytest.param(
        {"external_claim": "N", "amount_refunded": "10.00"}, AUSIE, WO,
        "13 Amount Refunded: can be set once the claim reaches status 5 (levels 0-4 met; it is 3)",
        id="Ausie Rules: Amount Refunded waits for levels 0-4",
    ),
    pytest.param({"external_claim": "N", "report_checked": "Y", "amount_charged": "10.00"}, AUSIE, WO, None, id="Ausie Rules: amounts at status 5+"),
    pytest.param({"external_claim": "N", "amount_charged": "10.00"}, PLAIN, WO, None, id="amounts open without Ausie Rules"),
    pytest.param(
        {"misc_costs": "100.00", "goodwill_deduction": "5.00", "accident_category": "1", "claim_location": "TUS"}, AUSIE, ClaimFacts(), None,
        id="Other page-2 inputs are always editable",
    ),
]


@pytest.mark.parametrize(("changes", "control", "facts", "expected"), PAGE2_CASES)
def test_page2_rule(changes: dict[str, Any], control: DamageControl, facts: ClaimFacts, expected: str | None) -> None:
    errors = page2(report(**changes), control, facts)
    if expected is None:
        assert errors == []
    else:
        assert expected in errors, errors


def test_page2_locked_field_may_keep_its_saved_value() -> None:
    """A field set while it was accessible keeps its value when the report later drops a level."""
    saved = report(report_checked="Y")
    now_incomplete = report(report_checked="Y", driver_injured=None)
    assert page2(now_incomplete, previous=saved) == []
    assert page2(now_incomplete) != []  # new report: the value was never allowed


def test_page2_locked_field_may_be_blanked() -> None:
    saved = report(report_checked="Y")
    assert page2(report(report_checked=None, driver_injured=None), previous=saved) == []


NOTE = {"at": "2009-07-22T10:00:00", "employee": "JD", "text": "Called renter"}
NOTE2 = {"at": "2009-07-23T10:00:00", "employee": "JD", "text": "Renter's insurer promises report by the 15th"}


def test_notes_can_be_added() -> None:
    """NOTES: "New entries can be added, but existing entries cannot be deleted or edited." """
    assert page2(report(notes=[NOTE, NOTE2]), previous=report(notes=[NOTE])) == []


@pytest.mark.parametrize(
    "notes",
    [
        pytest.param([], id="deleted"),
        pytest.param([{**NOTE, "text": "Called renter twice"}], id="edited"),
        pytest.param([NOTE2, NOTE], id="inserted before"),
    ],
)
def test_notes_cannot_be_deleted_or_edited(notes: list[dict[str, Any]]) -> None:
    """NOTES: "New entries can be added, but existing entries cannot be deleted or edited." """
    assert page2(report(notes=notes), previous=report(notes=[NOTE])) == ["Notes: existing entries cannot be deleted or edited"]


def test_follow_up_date_needs_its_note() -> None:
    """FOLLOW-UP DATE: "Entering a date in this field brings up a pop-up window of the next 5 available lines in the
    Notes record for the details of this follow-up event. Data must be entered in the first line." """
    previous = report(notes=[NOTE])
    assert page2(report(notes=[NOTE], follow_up_date="08-15-09"), previous=previous) == [
        "6 Follow-up Date: enter the follow-up details in the notes (the first line is required)"
    ]
    assert page2(report(notes=[NOTE, NOTE2], follow_up_date="08-15-09"), previous=previous) == []
    # unchanged date: no new note needed; removed date: fine ("Remove this date after the follow-up event")
    assert page2(report(notes=[NOTE], follow_up_date="08-15-09"), previous=report(notes=[NOTE], follow_up_date="08-15-09")) == []
    assert page2(report(notes=[NOTE]), previous=report(notes=[NOTE], follow_up_date="08-15-09")) == []


def test_follow_up_date_is_in_the_future() -> None:
    """ "Enter the next date into the future when this claim should be looked at again for some follow-up." """
    r = report(notes=[NOTE], follow_up_date="07-01-09")
    assert "6 Follow-up Date: cannot be in the past" in page2(r, today=date(2009, 7, 22))
    assert page2(report(notes=[NOTE], follow_up_date="08-01-09"), today=date(2009, 7, 22)) == []


def test_validate_report_combines_both_pages() -> None:
    r = report(unit_number=None, driver_injured=None, report_checked="Y")
    errors = validate_report(r, ReportContext(ra_excess=D("1500"), has_ra=True), WO)
    assert [str(e) for e in errors] == [
        "3 Unit #: is required",
        "1 Report Checked: is accessible for complete reports only (report status is I)",
    ]
    with pytest.raises(ReportValidationError) as info:
        raise_if_errors(errors)
    assert info.value.errors == errors
    assert str(info.value) == "3 Unit #: is required\n1 Report Checked: is accessible for complete reports only (report status is I)"
    raise_if_errors([])  # nothing to raise


def test_helpers_for_reference_data_checks_read_like_the_domains() -> None:
    assert str(not_on_file("damage_lines.0.type", "Q", "damage type")) == "16 Type: Q is not a valid damage type"
    assert str(not_on_file("damage_lines.2.code", "ZZ", "service code")) == "19 Damage Code: ZZ is not a valid service code"
    assert str(field_error("accident_category", "is not a valid claim category")) == "5 Accident Category: is not a valid claim category"
    assert str(field_error("claim_employee", "is not on file")) == "7 Claim Loc/Empl (Empl): is not on file"
    assert str(field_error("third_parties.1.insurance_company", "x")) == "3rd Party #2 8 Ins Co: x"


def test_note_entries_are_immutable() -> None:
    note = NoteEntry(at=datetime(2009, 7, 22, 10), employee="jd", text="Called renter")
    assert note.employee == "JD" and note.text == "Called renter"  # free text kept as typed
    with pytest.raises(Exception):
        note.text = "changed"  # type: ignore[misc]


def test_external_closed_cannot_outlive_its_external_claim() -> None:
    """ "This field is accessible only when the External Claim field is set to 'Y'." -- turning External Claim to N
    leaves an External Closed Y saved earlier standing alone; the clerk must clear it."""
    saved = report(external_claim="Y", external_closed="Y", external_type="INS")
    now = report(external_claim="N", external_closed="Y", external_type="INS")
    assert page2(now, previous=saved) == [
        "3 External Closed: is accessible only when 2 External Claim is Y",
        "4 External Type: is accessible only when 2 External Claim is Y",
    ]
    assert page2(report(external_claim="N"), previous=saved) == []
