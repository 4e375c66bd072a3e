"""The schemas: the JSON form of DESIGN.md section 8, the manual's field lengths, Y/N, upper-casing, errors by number."""

from __future__ import annotations

import json
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pydantic
import pytest

from carsplus_tui.domain import (
    FIELDS,
    PAGE2_COMPUTED,
    PAGE2_INPUTS,
    DamageReportData,
    ReportValidationError,
    describe,
    errors_from_pydantic,
    load_report,
)
from carsplus_tui.domain.examples import complete_example_data, manual_example_report
from carsplus_tui.domain.fields import pattern_of

D = Decimal

# The keys of DESIGN.md section 8, exactly.
IDENTITY = ["report_number", "version", "last_modified_by", "last_modified_at"]
PAGE1 = """ra_number non_rev_number unit_number vehicle renter accident_details witnesses customer_present renter_driving
other_driver driver_injured third_party_involved third_parties admits_fault fault_description damage_covered coverage_sold
excess charge_on_ra nature_of_breach renters_claim_number excess_charged accident_description damage_lines""".split()
WORK_ORDER = ["work_order"]
PAGE2 = """report_status claim_status work_order_status report_checked external_claim external_closed external_type
accident_category follow_up_date claim_location claim_employee maximum_liability our_repair_costs misc_costs loss_of_use
third_party_costs third_party_recovery goodwill_deduction final_liability excess_charged_ra charge_refund_due
amount_refunded amount_charged amount_outstanding notes""".split()
NESTED = {
    "vehicle": "unit_number licence make model year owning_location",
    "renter": "name address city state zip",
    "accident_details": "date_time address1 address2 police_name police_badge police_station police_report_number "
    "witnesses rental_violation legal_violation",
    "witnesses": "last_name first_name address city state zip phone customer_number",
    "other_driver": "last_name first_name phone dob dl_number dl_state dl_expiry customer_number",
    "third_parties": "last_name first_name address city state zip dl_number dl_state dl_expiry dob phone cell "
    "description insurance_company reg_number injured rented_vehicle customer_number notes",
    "damage_lines": "code description type",
    "notes": "at employee text",
}


def test_json_keys_are_design_section_8() -> None:
    dumped = DamageReportData().model_dump(mode="json")
    assert list(dumped) == IDENTITY + PAGE1 + WORK_ORDER + PAGE2
    full = manual_example_report().model_dump(mode="json")
    full["witnesses"] = [{}]
    full["other_driver"] = {}
    full["notes"] = [{"at": "2009-07-22T10:00:00", "employee": "JD", "text": "x"}]
    loaded = DamageReportData.model_validate(full).model_dump(mode="json")
    for key, names in NESTED.items():
        value = loaded[key]
        item = value[0] if isinstance(value, list) else value
        assert list(item) == names.split(), key


def test_absent_values_are_null_and_lists_present() -> None:
    dumped = DamageReportData().model_dump(mode="json")
    assert all(dumped[k] == [] for k in ("witnesses", "third_parties", "fault_description", "accident_description", "damage_lines", "notes"))
    assert all(v is None for k, v in dumped.items() if not isinstance(v, list))


def test_json_round_trip_of_the_manuals_example() -> None:
    r = manual_example_report()
    text = json.dumps(r.model_dump(mode="json"))
    again = DamageReportData.model_validate(json.loads(text))
    assert again == r
    dumped = json.loads(text)
    assert dumped["excess"] == "1500.00" and dumped["excess_charged"] == "150.00"
    assert dumped["accident_details"]["date_time"] == "2009-07-21T14:30:00"
    assert dumped["third_parties"][0]["dob"] == "1981-05-02"
    assert dumped["vehicle"]["year"] == 2007


def test_json_form_has_no_float() -> None:
    def walk(value: Any) -> None:
        assert not isinstance(value, float), value
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(manual_example_report().model_dump(mode="json"))


def test_money_in_python_mode_is_decimal() -> None:
    r = manual_example_report()
    assert r.model_dump()["excess_charged"] == D("150.00")
    assert isinstance(r.excess, Decimal)


# --- text --------------------------------------------------------------------------------------------------------------


def test_strings_are_stripped_and_upper_cased_and_blank_is_none() -> None:
    r = DamageReportData.model_validate(
        {"ra_number": "  a0001310 ", "unit_number": "", "nature_of_breach": "   ", "renters_claim_number": "cn1234"}
    )
    assert (r.ra_number, r.unit_number, r.nature_of_breach, r.renters_claim_number) == ("A0001310", None, None, "CN1234")


def test_unit_number_given_as_a_number() -> None:
    assert DamageReportData.model_validate({"unit_number": 592}).unit_number == "592"


@pytest.mark.parametrize(("given", "expected"), [("Y", "Y"), ("y", "Y"), ("n", "N"), (" N ", "N"), ("", None), (None, None), (True, "Y"), (False, "N")])
def test_yes_no_fields(given: object, expected: str | None) -> None:
    assert DamageReportData.model_validate({"customer_present": given}).customer_present == expected


@pytest.mark.parametrize("given", ["YES", "X", "1", 1, "YN"])
def test_yes_no_fields_refuse(given: object) -> None:
    with pytest.raises(ReportValidationError) as info:
        load_report({"customer_present": given})
    assert str(info.value) == "5 Customer Present: must be Y or N"


def test_control_characters_are_refused() -> None:
    with pytest.raises(ReportValidationError, match="12 Renters Claim #: may not contain control characters"):
        load_report({"renters_claim_number": "CN\x1b[2J"})


# The manual's lengths (and ours where it is silent), with the error that names the field.
LENGTHS = [
    ("accident_details.address1", 30, "Accident Details 2 Address 1"),  # "This field accepts up to 30 alphanumeric characters."
    ("accident_details.address2", 30, "Accident Details 3 Address 2"),
    ("accident_details.police_name", 18, "Accident Details 4 Police Name"),  # "up to 18 alphanumeric characters"
    ("accident_details.police_badge", 10, "Accident Details 5 Police Badge#"),  # "up to 10 alphanumeric characters"
    ("accident_details.police_station", 20, "Accident Details 6 Police Station"),  # "up to 20 alphanumeric characters"
    ("accident_details.police_report_number", 20, "Accident Details 7 Police Rpt#"),  # "up to 20 alphanumeric characters"
    ("accident_details.rental_violation", 20, "Accident Details 9 Rental Violation"),  # "Enter up to 20 characters"
    ("accident_details.legal_violation", 20, "Accident Details 10 Legal Violation"),  # "Enter up to 20 characters"
    ("nature_of_breach", 30, "11 Nature of Breach"),  # "Use up to 30 characters to explain the breach"
    ("renters_claim_number", 15, "12 Renters Claim #"),  # "Enter up to 15 alphanumeric characters"
    ("damage_lines.0.description", 30, "15 Damage Code (Description)"),  # "enter up to 30 alphanumeric characters"
    ("damage_lines.4.description", 30, "23 Damage Code (Description)"),
    ("damage_lines.1.type", 1, "18 Type"),  # "The single character entered in this field"
    ("fault_description.0", 60, "Fault Description Line 1"),  # "Each line will accept up to 60 characters."
    ("accident_description.8", 60, "Accident Description Line 9"),
    ("external_type", 12, "4 External Type"),  # "Enter up to 12 alphanumeric characters"
    ("accident_category", 3, "5 Accident Category"),  # "Enter up to 3 characters"
    ("ra_number", 10, "1 RA#"),
    ("non_rev_number", 10, "2 Non-Rev#"),
    ("unit_number", 10, "3 Unit #"),
    ("witnesses.0.last_name", 20, "Witness Data Entry 1 W1 Last/First (Last)"),
    ("witnesses.1.first_name", 15, "Witness Data Entry 5 W2 Last/First (First)"),
    ("witnesses.1.state", 2, "Witness Data Entry 7 W2 City/St/Zip (St)"),
    ("witnesses.0.phone", 14, "Witness Data Entry 4 W1 Phone"),
    ("other_driver.dl_number", 20, "Other Driver Entry 4 DL #/St/Exp (DL #)"),
    ("third_parties.0.description", 30, "3rd Party #1 7 Descr"),
    ("third_parties.4.insurance_company", 20, "3rd Party #5 8 Ins Co"),
    ("third_parties.2.reg_number", 10, "3rd Party #3 9 RegNo"),
    ("third_parties.0.zip", 10, "3rd Party #1 3 City/St/Zip (Zip)"),
    ("third_parties.0.notes.4", 60, "3rd Party #1 16 Notes"),
    ("claim_location", 6, "7 Claim Loc/Empl (Loc)"),
    ("claim_employee", 6, "7 Claim Loc/Empl (Empl)"),
]


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Put ``value`` at a dotted JSON path, creating the dicts and lists on the way."""
    parts = path.split(".")
    node: Any = data
    for part, nxt in zip(parts, parts[1:] + [None]):
        if part.isdigit():
            index = int(part)
            while len(node) <= index:
                node.append({} if nxt is not None and not nxt.isdigit() else "")
            if nxt is None:
                node[index] = value
            node = node[index]
        else:
            if nxt is None:
                node[part] = value
            else:
                node.setdefault(part, [] if nxt.isdigit() else {})
                node = node[part]
    return data


def filler(path: str, length: int) -> str:
    """A value of `length` characters the field takes but for its length (a typed zip must look like one)."""
    return ("92705-" + "1" * length)[:length] if path.endswith(".zip") else "X" * length


@pytest.mark.parametrize(("path", "length", "title"), LENGTHS, ids=[p for p, _, _ in LENGTHS])
def test_field_lengths(path: str, length: int, title: str) -> None:
    load_report(set_path({}, path, filler(path, length)))  # exactly the width: accepted
    with pytest.raises(ReportValidationError) as info:
        load_report(set_path({}, path, filler(path, length + 1)))
    [err] = info.value.errors
    assert err.field == path
    plural = "s" if length != 1 else ""
    assert str(err) == f"{title}: may be at most {length} character{plural}"


def test_every_text_field_in_the_registry_has_its_length_enforced() -> None:
    """Registry and schema agree: every text field with a length refuses one character more."""
    for spec in FIELDS.values():
        if spec.length is None or spec.kind != "text" or spec.name.startswith("notes.") or spec.name == "work_order_status":
            continue
        path = spec.name.replace("*", "0")
        load_report(set_path({}, path, filler(path, spec.length)))
        with pytest.raises(ReportValidationError) as info:
            load_report(set_path({}, path, filler(path, spec.length + 1)))
        assert [e.field for e in info.value.errors] == [path]


LIST_LIMITS = [
    ("witnesses", [{}] * 3, "Witness Data Entry Witnesses: may have at most 2 entries"),  # "one or two witnesses"
    ("third_parties", [{}] * 6, "3rd Party Data Entry: may have at most 5 entries"),  # "up to 5 additional parties"
    ("damage_lines", [{}] * 6, "Damage Codes: may have at most 5 entries"),  # fields 15-24
    ("fault_description", ["X"] * 6, "Fault Description: may have at most 5 entries"),
    ("accident_description", ["X"] * 10, "14 Accident Desc: may have at most 9 entries"),  # "up to 9 lines of notes"
]


@pytest.mark.parametrize(("key", "value", "message"), LIST_LIMITS, ids=[k for k, _, _ in LIST_LIMITS])
def test_list_limits(key: str, value: list[Any], message: str) -> None:
    load_report({key: value[:-1]})
    with pytest.raises(ReportValidationError) as info:
        load_report({key: value})
    assert str(info.value) == message


def test_lines_accept_text_and_drop_trailing_blank_lines() -> None:
    r = load_report({"accident_description": "third party rolled through stop sign\nhit front passenger side\n\n", "fault_description": ["a", "", "b", "", None]})
    assert r.accident_description == ["THIRD PARTY ROLLED THROUGH STOP SIGN", "HIT FRONT PASSENGER SIDE"]
    assert r.fault_description == ["A", "", "B"]


# --- money and dates in the schema -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["150", "150.00", 150, D("150"), "150.0"])
def test_money_fields_accept(given: object) -> None:
    assert load_report({"excess_charged": given}).excess_charged == D("150.00")


@pytest.mark.parametrize(
    ("key", "given", "message"),
    [
        ("excess_charged", "-1.00", "13 Excess Charged: may not be negative"),
        ("misc_costs", "-0.01", "9 Misc Costs: may not be negative"),
        ("amount_refunded", "-5", "13 Amount Refunded: may not be negative"),
        ("goodwill_deduction", "ten", "12 Goodwill Ded: 'ten' is not an amount (use e.g. 150.00)"),
        ("amount_charged", "10.005", "14 Amount Charged: may have at most 2 decimal places"),
        ("third_party_costs", 10.005, "10 Third Party Costs: must be an exact amount with at most 2 decimal places (give it as text)"),
    ],
)
def test_money_fields_refuse(key: str, given: object, message: str) -> None:
    with pytest.raises(ReportValidationError) as info:
        load_report({key: given})
    assert str(info.value) == message


def test_money_fields_accept_a_float_with_two_places_exactly() -> None:
    assert load_report({"misc_costs": 100.1}).misc_costs == D("100.10")


@pytest.mark.parametrize("given", ["07-21-09", "072109", "07/21/09", "07-21-2009", "2009-07-21", date(2009, 7, 21)])
def test_date_fields_take_the_counters_forms(given: object) -> None:
    assert load_report({"follow_up_date": given}).follow_up_date == date(2009, 7, 21)


def test_date_time_field() -> None:
    r = load_report({"accident_details": {"date_time": "07-21-09/1430"}})
    assert r.accident_details is not None and r.accident_details.date_time == datetime(2009, 7, 21, 14, 30)
    assert r.accident_details_flag() == "Y"
    assert load_report({"accident_details": {"address1": "X"}}).accident_details_flag() == "N"
    assert load_report({}).accident_details_flag() == "N"


def test_bad_date_names_the_field() -> None:
    with pytest.raises(ReportValidationError) as info:
        load_report({"other_driver": {"dob": "02-30-81"}, "follow_up_date": "13-01-09"})
    assert [str(e) for e in info.value.errors] == [
        "Other Driver Entry 3 DOB: '02-30-81' is not a date: day 30 does not exist in month 2 of 1981",
        "6 Follow-up Date: '13-01-09' is not a date: month 13 does not exist (use MM-DD-YY, e.g. 07-21-09)",
    ]


# --- computed outputs, unknown keys, pydantic errors ---------------------------------------------------------------------


def test_computed_fields_are_read_leniently() -> None:
    r = load_report({"report_status": "Z", "claim_status": 9, "amount_outstanding": "n/a", "charge_refund_due": "-30.00", "work_order_status": "open"})
    assert (r.report_status, r.claim_status, r.amount_outstanding) == (None, None, None)
    assert r.charge_refund_due == D("-30.00")  # a signed amount is fine here
    assert r.work_order_status == "OPEN"


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ReportValidationError) as info:
        load_report({"excess_chargd": "150"})
    assert str(info.value) == "Excess Chargd: is not a field of a damage report"


def test_errors_from_pydantic_map_locations_to_manual_fields() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        DamageReportData.model_validate({"third_parties": [{"last_name": "X" * 21}], "report_number": "abc", "notes": [{"text": "x"}]})
    errors = errors_from_pydantic(info.value)
    assert [(e.field, e.number, e.label, e.window) for e in errors] == [
        ("report_number", None, "Dmg Rpt", None),
        ("third_parties.0.last_name", "1", "Last/First (Last)", "3rd Party #1"),
        ("notes.0.at", None, "Note 1 Date/Time", None),
        ("notes.0.employee", None, "Note 1 Employee", None),
    ]
    assert str(errors[0]) == "Dmg Rpt: must be a whole number"
    assert str(errors[2]) == "Note 1 Date/Time: is required"


def test_load_report_raises_a_value_error() -> None:
    with pytest.raises(ValueError):
        load_report({"ra_number": "X" * 11})
    with pytest.raises(ReportValidationError):
        load_report("not an object")


# --- the registry ----------------------------------------------------------------------------------------------------


def _paths(model: type[pydantic.BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        out.append(path)
        ann = info.annotation
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann)
            if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
                out += _paths(inner, f"{path}.*.")
            continue
        for cls in typing.get_args(ann) or (ann,):
            if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
                out += _paths(cls, f"{path}.")
    return out


def test_every_schema_field_is_in_the_registry() -> None:
    missing = [p for p in _paths(DamageReportData) if pattern_of(p) not in FIELDS]
    assert missing == []


def test_page1_numbers_1_to_24_and_page2_numbers_1_to_14() -> None:
    """Page 1 fields 1-24 and page 2 fields 1-14 as the manual's illustrations number them."""
    page1 = {describe(p).number for p in [
        "ra_number", "non_rev_number", "unit_number", "accident_details", "customer_present", "renter_driving",
        "driver_injured", "third_party_involved", "admits_fault", "damage_covered", "nature_of_breach",
        "renters_claim_number", "excess_charged", "accident_description",
    ] + [f"damage_lines.{i}.{k}" for i in range(5) for k in ("code", "type")]}
    assert page1 == {str(n) for n in range(1, 25)}
    page2 = {describe(name).number for name in PAGE2_INPUTS} | {describe("maximum_liability").number}
    assert page2 == {str(n) for n in range(1, 15)}
    assert describe("report_checked").title() == "1 Report Checked"
    assert describe("amount_charged").title() == "14 Amount Charged"


def test_page2_inputs_and_outputs() -> None:
    assert PAGE2_INPUTS == {
        "report_checked", "external_claim", "external_closed", "external_type", "accident_category", "follow_up_date",
        "claim_location", "claim_employee", "misc_costs", "third_party_costs", "third_party_recovery",
        "goodwill_deduction", "amount_refunded", "amount_charged",
    }
    assert PAGE2_COMPUTED == {
        "report_status", "claim_status", "work_order_status", "work_order", "maximum_liability", "our_repair_costs",
        "final_liability", "excess_charged_ra", "charge_refund_due", "amount_outstanding",
        "loss_of_use",  # how LOU computed Misc Costs' loss of use: set by LOU, re-derived by the save
    }


def test_registry_gives_screens_labels_and_widths() -> None:
    spec = FIELDS["accident_details.police_name"]
    assert (spec.numbers, spec.label, spec.length, spec.window) == (("4",), "Police Name", 18, "Accident Details")
    assert describe("witnesses.1.phone").title() == "Witness Data Entry 8 W2 Phone"
    assert describe("damage_lines.3.code").number == "21"
    assert describe("third_parties.2.notes.0").title() == "3rd Party #3 12 Notes"


def test_complete_example_data_is_fresh_each_call() -> None:
    a = complete_example_data()
    a["ra_number"] = "CHANGED"
    assert complete_example_data()["ra_number"] == "A0001310"


def test_accident_desc_summary_shows_the_first_50_characters() -> None:
    """ACCIDENT DESC: "Upon exiting the pop-up widow, the first 50 characters of notes will display in this field." """
    r = load_report({"accident_description": ["THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER", "SIDE; BROKE HEADLIGHT"]})
    assert r.accident_desc_summary() == "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PA"
    assert len(r.accident_desc_summary()) == 50
    assert load_report({}).accident_desc_summary() == ""


def test_wrap_lines() -> None:
    """FAULT DESCRIPTION: "Each line will accept up to 60 characters. Data entered with automatically wrap to the next line." """
    from carsplus_tui.domain.schemas import wrap_lines

    text = "Mr Johnson rolled through the stop sign and hit the renter's vehicle. Minor damage to passenger side."
    assert wrap_lines(text, 60, 5) == [
        "MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
        "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE.",
    ]
    assert all(len(line) <= 60 for line in wrap_lines("X" * 130))
    with pytest.raises(ValueError):
        wrap_lines("WORD " * 100, 60, 5)
