"""The damage report as data: page 1, its pop-ups and page 2, with the manual's field lengths.

Field names are exactly the JSON keys of DESIGN.md section 8, so ``DamageReportData.model_validate(json)`` reads
the JSON form and ``model_dump(mode="json")`` writes it: money as ``"150.00"``, dates ISO, Y/N as ``"Y"``/``"N"``
/``None``, every key present, lists always present.

Input conventions (the green screen's):
- text is stripped and upper-cased ("Upper-case input, fixed field widths"); an empty string is ``None``;
  control characters are refused; length is checked after upper-casing;
- Y/N fields take ``Y``/``N`` in either case (and ``True``/``False``);
- dates take the counter's forms (``07-21-09``, ``072109``, ``07/21/09``, ``07-21-2009``) and ISO;
- money is ``Decimal`` with two places (see ``money.py``: no binary floats);
- line pop-ups (fault description 5 x 60, accident description 9 x 60, 3rd-party notes 5 x 60) take a list of
  lines or one text with newlines; trailing blank lines are dropped;
- page-2 notes (``NoteEntry.text``) are kept as typed (only trailing blanks stripped, not upper-cased): they are
  an append-only record and must read back exactly as written;
- the page-2 computed fields (statuses, Maximum Liability, Our Repair Costs, Final Liability, Excess Charged RA,
  Charge/Refund Due, Amount Outstanding, Work Order Status) are read leniently and never trusted: the engine
  recomputes them (``engine.apply_computed``); an unreadable value there becomes ``None`` instead of an error.

A position in ``witnesses``/``third_parties``/``damage_lines`` whose every field is blank counts as not entered
(``is_blank()``); the rules and the engine skip it.
"""

import re
import textwrap
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationError

from .dates import CounterDateTime, OptionalCounterDate, OptionalCounterDateTime, expand_year
from .errors import ReportValidationError, errors_from_pydantic
from .fields import LINE_WIDTH
from .money import OptionalNonNegativeMoney, parse_money
from .shown import printable

__all__ = [
    "AccidentDetails",
    "DamageLine",
    "DamageReportData",
    "NoteEntry",
    "OtherDriver",
    "RenterInfo",
    "ThirdParty",
    "VehicleInfo",
    "Witness",
    "YN",
    "load_report",
    "text_max",
    "wrap_lines",
]

ACCIDENT_DESC_SUMMARY = 50  # characters of the accident description shown in field 14

# --- field types ---------------------------------------------------------------------------------------------------


def _clean_text(value: Any, length: int, *, upper: bool = True) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("must be text")
    text = str(value).strip()
    if not text:
        return None
    if upper:
        text = text.upper()
    if not text.isprintable():
        raise ValueError("may not contain control characters")
    if len(text) > length:
        raise ValueError(f"may be at most {length} character{'s' if length != 1 else ''}")
    return text


def text_max(length: int) -> PlainValidator:
    """The validator of an optional upper-cased text field of at most ``length`` characters, used as
    ``Annotated[str | None, text_max(20)]`` (a written-out type, so a type checker sees ``str | None``)."""

    def validate(value: Any) -> str | None:
        return _clean_text(value, length)

    return PlainValidator(validate)


def _yn(value: Any) -> str | None:
    if value is None:
        return None
    if value is True:
        return "Y"
    if value is False:
        return "N"
    if isinstance(value, str):
        text = value.strip().upper()
        if not text:
            return None
        if text in ("Y", "N"):
            return text
    raise ValueError("must be Y or N")


YN = Annotated[Literal["Y", "N"] | None, PlainValidator(_yn)]


def _line(value: Any) -> str:
    if value is None:
        return ""
    return _clean_text(value, LINE_WIDTH) or ""


def _lines_in(value: Any) -> Any:
    """Accept a list of lines or one text with newlines; drop trailing blank lines."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if isinstance(value, (list, tuple)):
        items = list(value)
        while items and (items[-1] is None or (isinstance(items[-1], str) and not items[-1].strip())):
            items.pop()
        return items
    return value


Line = Annotated[str, PlainValidator(_line)]


# A pop-up's lines; the number of lines is added where it is used: ``Annotated[Lines, Field(max_length=5)]``.
Lines = Annotated[list[Line], BeforeValidator(_lines_in)]


def _year(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("must be a year")
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) not in (2, 4):
            raise ValueError("must be a year such as 07 or 2007")
        value = int(text) if len(text) == 4 else expand_year(int(text))
    if isinstance(value, int):
        if 0 <= value <= 99:
            return expand_year(value)
        if 1900 <= value <= 2100:
            return value
    raise ValueError("must be a year such as 07 or 2007")


Year = Annotated[int | None, PlainValidator(_year)]


def _lenient(parse):
    """Computed outputs: read what is readable, drop the rest (the engine recomputes them)."""

    def validate(value: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError, ArithmeticError):
            return None

    return validate


def _money_or_none(value: Any) -> Decimal | None:
    if isinstance(value, str) and not value.strip():
        return None
    return parse_money(value)


def _status(value: Any) -> str | None:
    text = str(value).strip().upper()
    if text in ("U", "I", "C"):
        return text
    return None


def _claim_status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    number = int(str(value).strip())
    return number if 0 <= number <= 7 else None


def _ser_money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


ComputedMoney = Annotated[Decimal | None, PlainValidator(_lenient(_money_or_none)), PlainSerializer(_ser_money, when_used="json")]
ReportStatus = Annotated[Literal["U", "I", "C"] | None, PlainValidator(_lenient(_status))]
ClaimStatusValue = Annotated[int | None, PlainValidator(_lenient(_claim_status))]
WorkOrderStatus = Annotated[str | None, PlainValidator(_lenient(lambda v: _clean_text(v, 10)))]
# The report's work order as `report show` prints it (domain/work_orders.py's JSON form). Shown, never changed
# through the report: `carsplus workorder` and the Damage Work Entry screen change it, so an import ignores it.
def _work_order_view(value: Any) -> dict[str, Any] | None:
    from .errors import ReportValidationError
    from .work_orders import load_work_order

    if not isinstance(value, dict):
        return None
    try:
        return load_work_order(value).model_dump(mode="json")
    except ReportValidationError:
        return None


WorkOrderView = Annotated[dict[str, Any] | None, PlainValidator(_lenient(_work_order_view))]


# How Misc Costs' loss of use was computed (LOU at page 2's OPTION; domain/loss_of_use.py's JSON form). Kept with
# the report; a save re-derives it from the work order and the rate and refuses one that does not match.
def _loss_of_use_view(value: Any) -> dict[str, Any] | None:
    from .loss_of_use import LossOfUseData

    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("must be an object (the loss-of-use derivation) or null")
    try:
        return LossOfUseData.model_validate(value).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ValueError(f"{where}: {first.get('msg', 'is not valid')}") from None


LossOfUseView = Annotated[dict[str, Any] | None, PlainValidator(_loss_of_use_view)]

# Widths: the manual's where it gives one; ours otherwise (see fields.py).
LastName = Annotated[str | None, text_max(20)]
FirstName = Annotated[str | None, text_max(15)]
Address = Annotated[str | None, text_max(30)]
City = Annotated[str | None, text_max(20)]
State = Annotated[str | None, text_max(2)]
Zip = Annotated[str | None, text_max(10)]


def _entered_state(value: Any) -> str | None:  # noqa: ANN401
    text = _clean_text(value, 2)
    if text is not None and not (len(text) == 2 and text.isascii() and text.isalpha()):
        raise ValueError(f"{printable(text, 10)} is not a state - use its 2 letters, e.g. CA")
    return text


_ZIP = re.compile(r"\d{5}(-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d")  # a US ZIP (or ZIP+4), or a Canadian postal code


def _entered_zip(value: Any) -> str | None:  # noqa: ANN401
    text = _clean_text(value, 10)
    if text is not None and not _ZIP.fullmatch(text):
        raise ValueError(f"{printable(text, 12)} is not a zip code - use e.g. 92705 or 92705-1234")
    return text


# A state or zip typed at the counter (witnesses, other driver, 3rd parties): checked as it is typed, not only for
# length. The renter's, from the RA, is shown as the RA has it.
EnteredState = Annotated[str | None, PlainValidator(_entered_state)]
EnteredZip = Annotated[str | None, PlainValidator(_entered_zip)]
Phone = Annotated[str | None, text_max(14)]
DlNumber = Annotated[str | None, text_max(20)]
CustomerNumber = Annotated[str | None, text_max(10)]
# Report numbers, versions and customer numbers are INTEGER columns (32 bits on PostgreSQL): a bigger value could
# only fail in the database, with an error that names no field.
MAX_NUMBER = 2_147_483_647
EmployeeCode = Annotated[str | None, text_max(6)]
LocationCode = Annotated[str | None, text_max(6)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def is_blank(self) -> bool:
        """True when nothing was entered (every field blank)."""
        for value in self.__dict__.values():
            if value is None or value == [] or value == "":
                continue
            if isinstance(value, list) and all(not v for v in value):
                continue
            return False
        return True


# --- page 1 display-only blocks --------------------------------------------------------------------------------------


class VehicleInfo(_Model):
    """Display-only: the vehicle file's data for Unit # (right-hand column of page 1)."""

    unit_number: Annotated[str | None, text_max(10)] = None
    licence: Annotated[str | None, text_max(10)] = None  # "Reg#"
    make: Annotated[str | None, text_max(20)] = None
    model: Annotated[str | None, text_max(20)] = None
    year: Year = None
    owning_location: LocationCode = None  # "Own Loc"


class RenterInfo(_Model):
    """Display-only: the RA's renter (centre column of page 1)."""

    name: Annotated[str | None, text_max(30)] = None
    address: Address = None
    city: City = None
    state: State = None
    zip: Zip = None


# --- pop-ups ---------------------------------------------------------------------------------------------------------


class AccidentDetails(_Model):
    """Page 1 field 4's pop-up window."""

    date_time: OptionalCounterDateTime = None  # 1 Date/Time  ("The date is a required field.")
    address1: Address = None  # 2 Address 1 (30)
    address2: Address = None  # 3 Address 2 (30)
    police_name: Annotated[str | None, text_max(18)] = None  # 4 Police Name (18)
    police_badge: Annotated[str | None, text_max(10)] = None  # 5 Police Badge# (10)
    police_station: Annotated[str | None, text_max(20)] = None  # 6 Police Station (20)
    police_report_number: Annotated[str | None, text_max(20)] = None  # 7 Police Rpt# (20)
    witnesses: YN = None  # 8 Witnesses?
    rental_violation: Annotated[str | None, text_max(20)] = None  # 9 Rental Violation (20)
    legal_violation: Annotated[str | None, text_max(20)] = None  # 10 Legal Violation (20)


class Witness(_Model):
    """One of the two witnesses (W1 fields 1-4, W2 fields 5-8)."""

    last_name: LastName = None
    first_name: FirstName = None
    address: Address = None
    city: City = None
    state: EnteredState = None
    zip: EnteredZip = None
    phone: Phone = None
    customer_number: CustomerNumber = None


class OtherDriver(_Model):
    """The Other Driver Entry window (page 1 field 6 = N)."""

    last_name: LastName = None
    first_name: FirstName = None
    phone: Phone = None
    dob: OptionalCounterDate = None
    dl_number: DlNumber = None
    dl_state: EnteredState = None
    dl_expiry: OptionalCounterDate = None
    customer_number: CustomerNumber = None


class ThirdParty(_Model):
    """One 3rd Party Data Entry detail window (fields 1-16)."""

    last_name: LastName = None  # 1
    first_name: FirstName = None  # 1
    address: Address = None  # 2
    city: City = None  # 3
    state: EnteredState = None  # 3
    zip: EnteredZip = None  # 3
    dl_number: DlNumber = None  # 4
    dl_state: EnteredState = None  # 4
    dl_expiry: OptionalCounterDate = None  # 5
    dob: OptionalCounterDate = None  # 5
    phone: Phone = None  # 6
    cell: Phone = None  # 6
    description: Annotated[str | None, text_max(30)] = None  # 7 Descr: the 3rd party's vehicle
    insurance_company: Annotated[str | None, text_max(20)] = None  # 8 Ins Co
    reg_number: Annotated[str | None, text_max(10)] = None  # 9 RegNo: the 3rd party's licence number
    injured: YN = None  # 10 3rd Party Injured?
    rented_vehicle: YN = None  # 11 Rented Vehicle?
    customer_number: CustomerNumber = None
    # 12-16 "the first 5 lines of Notes attached to the 3rd party"
    notes: Annotated[Lines, Field(max_length=5)] = Field(default_factory=list)


class DamageLine(_Model):
    """Page 1 fields 15-24: a service code with its description (30) and a one-character damage type."""

    code: Annotated[str | None, text_max(6)] = None
    description: Annotated[str | None, text_max(30)] = None
    type: Annotated[str | None, text_max(1)] = None


class NoteEntry(_Model):
    """A page-2 note: "New entries can be added, but existing entries cannot be deleted or edited." """

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: CounterDateTime
    employee: Annotated[str, PlainValidator(lambda v: _required_text(v, 6))]
    text: Annotated[str, PlainValidator(lambda v: _note_text(v))]


def _required_text(value: Any, length: int) -> str:
    text = _clean_text(value, length)
    if text is None:
        raise ValueError("is required")
    return text


def _note_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    lines = [line.rstrip() for line in value.splitlines()]
    # Blank lines are dropped at both ends after splitting: "\t\rA" must read back as it is shown ("A"), or a
    # report whose note began with them could never be imported again (its notes would look edited).
    while lines and not lines[0]:
        lines.pop(0)
    text = "\n".join(lines).rstrip()
    if not text:
        raise ValueError("is required")
    if len(text) > 1000:
        raise ValueError("may be at most 1000 characters")
    if any(not (ch.isprintable() or ch == "\n") for ch in text):
        raise ValueError("may not contain control characters")
    return text


# --- the report ------------------------------------------------------------------------------------------------------


class DamageReportData(_Model):
    """A damage report, page 1 and page 2, in the JSON form of DESIGN.md section 8."""

    # identity
    report_number: Annotated[int | None, Field(ge=1, le=MAX_NUMBER)] = None
    version: Annotated[int | None, Field(ge=0, le=MAX_NUMBER)] = None
    last_modified_by: EmployeeCode = None
    last_modified_at: OptionalCounterDateTime = None

    # page 1
    ra_number: Annotated[str | None, text_max(10)] = None  # 1 RA#
    non_rev_number: Annotated[str | None, text_max(10)] = None  # 2 Non-Rev#
    unit_number: Annotated[str | None, text_max(10)] = None  # 3 Unit #
    vehicle: VehicleInfo | None = None
    renter: RenterInfo | None = None
    accident_details: AccidentDetails | None = None  # 4 Accident Details
    witnesses: Annotated[list[Witness], Field(max_length=2)] = Field(default_factory=list)
    customer_present: YN = None  # 5 Customer Present
    renter_driving: YN = None  # 6 Renter Driving?
    other_driver: OtherDriver | None = None
    driver_injured: YN = None  # 7 Driver Injured?
    third_party_involved: YN = None  # 8 3rd Party Invld?
    third_parties: Annotated[list[ThirdParty], Field(max_length=5)] = Field(default_factory=list)
    admits_fault: YN = None  # 9 Admits Fault?
    # "Each line will accept up to 60 characters."
    fault_description: Annotated[Lines, Field(max_length=5)] = Field(default_factory=list)
    damage_covered: YN = None  # 10 Damage Covered?
    coverage_sold: Annotated[str | None, text_max(6)] = None  # Cvg Sold (display)
    excess: OptionalNonNegativeMoney = None  # Excess (display): the RA's limit on the customer's responsibility
    charge_on_ra: YN = None  # Chg on RA (display)
    nature_of_breach: Annotated[str | None, text_max(30)] = None  # 11 Nature of Breach (30)
    renters_claim_number: Annotated[str | None, text_max(15)] = None  # 12 Renters Claim # (15)
    excess_charged: OptionalNonNegativeMoney = None  # 13 Excess Charged
    # 14 Accident Desc: "up to 9 lines"
    accident_description: Annotated[Lines, Field(max_length=9)] = Field(default_factory=list)
    damage_lines: Annotated[list[DamageLine], Field(max_length=5)] = Field(default_factory=list)  # 15-24

    # the work order (Damage Work Entry), shown only
    work_order: WorkOrderView = None

    # page 2, column one
    report_status: ReportStatus = None  # computed
    claim_status: ClaimStatusValue = None  # computed
    work_order_status: WorkOrderStatus = None  # computed (from the work order)
    report_checked: YN = None  # 1
    external_claim: YN = None  # 2
    external_closed: YN = None  # 3
    external_type: Annotated[str | None, text_max(12)] = None  # 4 (12)
    accident_category: Annotated[str | None, text_max(3)] = None  # 5 (3)
    follow_up_date: OptionalCounterDate = None  # 6
    claim_location: LocationCode = None  # 7a
    claim_employee: EmployeeCode = None  # 7b
    maximum_liability: ComputedMoney = None  # 8, computed

    # page 2, column two
    our_repair_costs: ComputedMoney = None  # computed
    misc_costs: OptionalNonNegativeMoney = None  # 9
    loss_of_use: LossOfUseView = None  # 9's loss of use, as LOU computed it
    third_party_costs: OptionalNonNegativeMoney = None  # 10
    third_party_recovery: OptionalNonNegativeMoney = None  # 11
    goodwill_deduction: OptionalNonNegativeMoney = None  # 12
    final_liability: ComputedMoney = None  # computed
    excess_charged_ra: ComputedMoney = None  # computed (from the RA)
    charge_refund_due: ComputedMoney = None  # computed
    amount_refunded: OptionalNonNegativeMoney = None  # 13
    amount_charged: OptionalNonNegativeMoney = None  # 14
    amount_outstanding: ComputedMoney = None  # computed

    notes: list[NoteEntry] = Field(default_factory=list)

    # -- helpers the rules and screens share --

    def accident_date(self) -> date | None:
        """The damage date: the Accident Details window's Date/Time."""
        details = self.accident_details
        if details is None or details.date_time is None:
            return None
        return details.date_time.date()

    def accident_details_flag(self) -> Literal["Y", "N"]:
        """Field 4 on a recalled report: "this field displays a 'Y' if an accident date was previously entered in the
        pop-up window 'Date/Time' field. If that field is blank, a 'N' displays in this field." """
        return "Y" if self.accident_date() is not None else "N"

    def accident_desc_summary(self) -> str:
        """Field 14 on page 1: "Upon exiting the pop-up widow, the first 50 characters of notes will display in this
        field." """
        return " ".join(line for line in self.accident_description if line)[:ACCIDENT_DESC_SUMMARY]

    def entered_witnesses(self) -> list[Witness]:
        return [w for w in self.witnesses if not w.is_blank()]

    def entered_third_parties(self) -> list[ThirdParty]:
        return [p for p in self.third_parties if not p.is_blank()]

    def entered_damage_lines(self) -> list[tuple[int, DamageLine]]:
        """(position, line) for each of fields 15-24 that holds anything."""
        return [(i, line) for i, line in enumerate(self.damage_lines) if not line.is_blank()]


def wrap_lines(text: str, width: int = LINE_WIDTH, max_lines: int | None = None) -> list[str]:
    """Word-wrap typed text into pop-up lines: "Data entered with automatically wrap to the next line."

    Upper-cased like every field; words longer than a line are cut.  Raises ``ValueError`` when the text needs more
    than ``max_lines`` lines.
    """
    lines: list[str] = []
    for paragraph in text.upper().splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""])
    while lines and not lines[-1]:
        lines.pop()
    if max_lines is not None and len(lines) > max_lines:
        raise ValueError(f"does not fit in {max_lines} lines of {width} characters")
    return lines


def load_report(data: Any) -> DamageReportData:
    """Validate the JSON form; raise ``ReportValidationError`` naming fields by manual number and label."""
    try:
        return DamageReportData.model_validate(data)
    except ValidationError as exc:
        raise ReportValidationError(errors_from_pydantic(exc)) from None

