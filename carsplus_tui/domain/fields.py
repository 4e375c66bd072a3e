"""The registry of every field of the damage report: JSON path -> manual number, label, length, window.

It is data, so the screens take labels and widths from here, errors name fields from here, and the numbers match
the manual's illustrations (page 1 fields 1-24, the pop-ups' own numbering, page 2 fields 1-14). The display-only
values beside them (VIR Sta, Open Date, Clos Loc, Damage#/Rpt status ...) are in ``SHOWN``: label and width here,
the value from the ReportEditor (services/editor.py).

A path is the dotted JSON path of DESIGN.md section 8 with list positions as numbers (``third_parties.1.last_name``);
a pattern replaces them with ``*`` (``third_parties.*.last_name``).  Where one manual field holds several values
("1 Last/First", "3 City/St/Zip") each value has its own entry with the same number and a ``part``
("Last", "First"), so an error says ``1 Last/First (First): ...``.

Templates: ``numbers`` lists the field number for each position of the innermost list (W1 uses 1-4, W2 5-8;
damage lines 15/17/19/21/23); ``{n}`` in a label or window is the 1-based position in the outermost list and
``{m}`` the 1-based position in the innermost one.

Widths where the manual is silent (our choice): last name 20, first name 15, city 20, state 2, zip 10, phone 14,
DL number 20, insurance company 20, reg number 10, 3rd-party vehicle description 30, unit number 10, RA number 10,
Non-Rev number 10, customer number 10, employee code 6, location code 6, service code 6, make/model 20, renter
name 30, coverage code 6, work order status 10.  Line pop-ups (fault description, accident description, 3rd-party
notes) are 60 wide; the manual gives 60 for the fault description and we use it for the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

from .shown import printable

__all__ = [
    "FIELDS",
    "FieldRef",
    "FieldSpec",
    "HELP",
    "Kind",
    "LINE_WIDTH",
    "PAGE2_COMPUTED",
    "PAGE2_INPUTS",
    "PAGE2_ORDER",
    "SHOWN",
    "SHOWN_WIDTHS",
    "ShownSpec",
    "describe",
    "field_format",
    "field_help",
    "field_spec",
    "pattern_of",
    "row_title",
    "shown_width",
]

Kind = Literal["text", "yn", "date", "datetime", "money", "int", "lines", "list", "object", "status"]

LINE_WIDTH = 60  # fault description (the manual's 60), accident description and 3rd-party notes (our choice)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field as the manual shows it."""

    name: str  # JSON path pattern, e.g. "third_parties.*.last_name"
    numbers: tuple[str, ...]  # manual field number(s); one entry, or one per position of the innermost list; () = none
    label: str  # the manual's label, e.g. "Last/First"; may hold {n}/{m}
    length: int | None = None  # characters allowed (text) or None
    window: str | None = None  # pop-up title; None on page 1 and page 2 themselves; may hold {n}
    page: int = 1
    kind: Kind = "text"
    part: str | None = None  # which part of a combined field ("Last" of "Last/First")
    input: bool = True  # False for display-only (RA/vehicle data) and computed (page 2 right column) fields
    max_items: int | None = None  # for lists

    def number_at(self, index: int | None) -> str | None:
        if not self.numbers:
            return None
        if len(self.numbers) == 1 or index is None:
            return self.numbers[0]
        return self.numbers[index] if index < len(self.numbers) else None


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A field resolved for one concrete path: what an error message or a screen needs."""

    path: str
    number: str | None
    label: str  # manual label with the part, e.g. "Last/First (First)"
    window: str | None
    spec: FieldSpec
    heading: str = ""  # the manual's label without the part, as a form row shows it: "Claim Loc/Empl", "W2 Phone"

    def title(self) -> str:
        """``"13 Excess Charged"``, ``"Accident Details 1 Date/Time"``, ``"3rd Party #2 1 Last/First (Last)"``."""
        return " ".join(p for p in (self.window, self.number, self.label) if p)


def _s(name: str, numbers: str | tuple[str, ...] | None, label: str, length: int | None = None, **kw) -> FieldSpec:
    if numbers is None:
        nums: tuple[str, ...] = ()
    elif isinstance(numbers, str):
        nums = (numbers,)
    else:
        nums = numbers
    return FieldSpec(name, nums, label, length, **kw)


def _yn(name: str, numbers, label: str, **kw) -> FieldSpec:
    return _s(name, numbers, label, 1, kind="yn", **kw)


_ACC = "Accident Details"
_WIT = "Witness Data Entry"
_DRV = "Other Driver Entry"
_TP = "3rd Party #{n}"
_W = lambda a, b: (a, b)  # noqa: E731 - W1 number, W2 number
_DMG_CODE = ("15", "17", "19", "21", "23")
_DMG_TYPE = ("16", "18", "20", "22", "24")

_SPECS: tuple[FieldSpec, ...] = (
    # identity
    _s("report_number", None, "Dmg Rpt", kind="int", input=False),
    _s("version", None, "Version", kind="int", input=False),
    _s("last_modified_by", None, "Last Modified By", 6, input=False),
    _s("last_modified_at", None, "Last Modified At", kind="datetime", input=False),
    # page 1, left column
    _s("ra_number", "1", "RA#", 10),
    _s("non_rev_number", "2", "Non-Rev#", 10),
    _s("unit_number", "3", "Unit #", 10),
    _s("accident_details", "4", "Accident Details", kind="object"),
    _yn("customer_present", "5", "Customer Present"),
    _yn("renter_driving", "6", "Renter Driving?"),
    _yn("driver_injured", "7", "Driver Injured?"),
    _yn("third_party_involved", "8", "3rd Party Invld?"),
    _yn("admits_fault", "9", "Admits Fault?"),
    _yn("damage_covered", "10", "Damage Covered?"),
    _s("nature_of_breach", "11", "Nature of Breach", 30),
    _s("renters_claim_number", "12", "Renters Claim #", 15),
    _s("excess_charged", "13", "Excess Charged", kind="money"),
    _s("accident_description", "14", "Accident Desc", kind="lines", max_items=9),
    _s("accident_description.*", None, "Line {m}", LINE_WIDTH, window="Accident Description"),
    _s("damage_lines", None, "Damage Codes", kind="list", max_items=5),
    _s("damage_lines.*", _DMG_CODE, "Damage Code", kind="object"),  # the line as a whole
    _s("damage_lines.*.code", _DMG_CODE, "Damage Code", 6),
    _s("damage_lines.*.description", _DMG_CODE, "Damage Code", 30, part="Description"),
    _s("damage_lines.*.type", _DMG_TYPE, "Type", 1),
    # page 1, display-only columns (from the RA and the vehicle file)
    _s("vehicle", None, "Vehicle", kind="object", input=False),
    _s("vehicle.unit_number", None, "Unit #", 10, input=False),
    _s("vehicle.licence", None, "Reg#", 10, input=False),
    _s("vehicle.make", None, "Make", 20, input=False),
    _s("vehicle.model", None, "Model", 20, input=False),
    _s("vehicle.year", None, "Year", kind="int", input=False),
    _s("vehicle.owning_location", None, "Own Loc", 6, input=False),
    _s("renter", None, "Renter", kind="object", input=False),
    _s("renter.name", None, "Renter", 30, input=False),
    _s("renter.address", None, "Address", 30, input=False),
    _s("renter.city", None, "City/St/Z", 20, part="City", input=False),
    _s("renter.state", None, "City/St/Z", 2, part="St", input=False),
    _s("renter.zip", None, "City/St/Z", 10, part="Z", input=False),
    _s("coverage_sold", None, "Cvg Sold", 6, input=False),
    _s("excess", None, "Excess", kind="money", input=False),
    _yn("charge_on_ra", None, "Chg on RA", input=False),
    # Accident Details pop-up
    _s("accident_details.date_time", "1", "Date/Time", window=_ACC, kind="datetime"),
    _s("accident_details.address1", "2", "Address 1", 30, window=_ACC),
    _s("accident_details.address2", "3", "Address 2", 30, window=_ACC),
    _s("accident_details.police_name", "4", "Police Name", 18, window=_ACC),
    _s("accident_details.police_badge", "5", "Police Badge#", 10, window=_ACC),
    _s("accident_details.police_station", "6", "Police Station", 20, window=_ACC),
    _s("accident_details.police_report_number", "7", "Police Rpt#", 20, window=_ACC),
    _yn("accident_details.witnesses", "8", "Witnesses?", window=_ACC),
    _s("accident_details.rental_violation", "9", "Rental Violation", 20, window=_ACC),
    _s("accident_details.legal_violation", "10", "Legal Violation", 20, window=_ACC),
    # Witness Data Entry pop-up: W1 fields 1-4, W2 fields 5-8
    _s("witnesses", None, "Witnesses", window=_WIT, kind="list", max_items=2),
    _s("witnesses.*", None, "W{n}", window=_WIT, kind="object"),
    _s("witnesses.*.last_name", _W("1", "5"), "W{n} Last/First", 20, window=_WIT, part="Last"),
    _s("witnesses.*.first_name", _W("1", "5"), "W{n} Last/First", 15, window=_WIT, part="First"),
    _s("witnesses.*.address", _W("2", "6"), "W{n} Address", 30, window=_WIT),
    _s("witnesses.*.city", _W("3", "7"), "W{n} City/St/Zip", 20, window=_WIT, part="City"),
    _s("witnesses.*.state", _W("3", "7"), "W{n} City/St/Zip", 2, window=_WIT, part="St"),
    _s("witnesses.*.zip", _W("3", "7"), "W{n} City/St/Zip", 10, window=_WIT, part="Zip"),
    _s("witnesses.*.phone", _W("4", "8"), "W{n} Phone", 14, window=_WIT),
    _s("witnesses.*.customer_number", None, "W{n} Cust#", 10, window=_WIT),
    # Other Driver Entry pop-up
    _s("other_driver", None, "Other Driver Entry", kind="object"),
    _s("other_driver.last_name", "1", "Last/First", 20, window=_DRV, part="Last"),
    _s("other_driver.first_name", "1", "Last/First", 15, window=_DRV, part="First"),
    _s("other_driver.phone", "2", "Phone", 14, window=_DRV),
    _s("other_driver.dob", "3", "DOB", window=_DRV, kind="date"),
    _s("other_driver.dl_number", "4", "DL #/St/Exp", 20, window=_DRV, part="DL #"),
    _s("other_driver.dl_state", "4", "DL #/St/Exp", 2, window=_DRV, part="St"),
    _s("other_driver.dl_expiry", "4", "DL #/St/Exp", window=_DRV, kind="date", part="Exp"),
    _s("other_driver.customer_number", None, "Cust#", 10, window=_DRV),
    # 3rd Party Data Entry detail pop-up, one per party
    _s("third_parties", None, "3rd Party Data Entry", kind="list", max_items=5),
    _s("third_parties.*", None, "3rd Party", window=_TP, kind="object"),
    _s("third_parties.*.last_name", "1", "Last/First", 20, window=_TP, part="Last"),
    _s("third_parties.*.first_name", "1", "Last/First", 15, window=_TP, part="First"),
    _s("third_parties.*.address", "2", "Address", 30, window=_TP),
    _s("third_parties.*.city", "3", "City/St/Zip", 20, window=_TP, part="City"),
    _s("third_parties.*.state", "3", "City/St/Zip", 2, window=_TP, part="St"),
    _s("third_parties.*.zip", "3", "City/St/Zip", 10, window=_TP, part="Zip"),
    _s("third_parties.*.dl_number", "4", "DL #/St", 20, window=_TP, part="DL #"),
    _s("third_parties.*.dl_state", "4", "DL #/St", 2, window=_TP, part="St"),
    _s("third_parties.*.dl_expiry", "5", "DL Expire/DOB", window=_TP, kind="date", part="DL Expire"),
    _s("third_parties.*.dob", "5", "DL Expire/DOB", window=_TP, kind="date", part="DOB"),
    _s("third_parties.*.phone", "6", "Phone/Cell", 14, window=_TP, part="Phone"),
    _s("third_parties.*.cell", "6", "Phone/Cell", 14, window=_TP, part="Cell"),
    _s("third_parties.*.description", "7", "Descr", 30, window=_TP),
    _s("third_parties.*.insurance_company", "8", "Ins Co", 20, window=_TP),
    _s("third_parties.*.reg_number", "9", "RegNo", 10, window=_TP),
    _yn("third_parties.*.injured", "10", "3rd Party Injured?", window=_TP),
    _yn("third_parties.*.rented_vehicle", "11", "Rented Vehicle?", window=_TP),
    _s("third_parties.*.customer_number", None, "Cust#", 10, window=_TP),
    _s("third_parties.*.notes", None, "Notes", window=_TP, kind="lines", max_items=5),
    _s("third_parties.*.notes.*", ("12", "13", "14", "15", "16"), "Notes", LINE_WIDTH, window=_TP),
    # Fault Description pop-up (after "9 Admits Fault? Y")
    _s("fault_description", None, "Fault Description", kind="lines", max_items=5),
    _s("fault_description.*", None, "Line {m}", LINE_WIDTH, window="Fault Description"),
    # page 2, column one
    _s("report_status", None, "Rpt status", 1, page=2, kind="status", input=False),
    _s("claim_status", None, "Claim Status", 1, page=2, kind="int", input=False),
    _s("work_order_status", None, "Work Order Status", 10, page=2, input=False),
    _s("work_order", None, "Work Order", page=2, kind="object", input=False),  # Damage Work Entry's, shown only
    _yn("report_checked", "1", "Report Checked", page=2),
    _yn("external_claim", "2", "External Claim", page=2),
    _yn("external_closed", "3", "External Closed", page=2),
    _s("external_type", "4", "External Type", 12, page=2),
    _s("accident_category", "5", "Accident Category", 3, page=2),
    _s("follow_up_date", "6", "Follow-up Date", page=2, kind="date"),
    _s("claim_location", "7", "Claim Loc/Empl", 6, page=2, part="Loc"),
    _s("claim_employee", "7", "Claim Loc/Empl", 6, page=2, part="Empl"),
    _s("maximum_liability", "8", "Maximum Liability", page=2, kind="money", input=False),
    # page 2, column two
    _s("our_repair_costs", None, "Our Repair Costs", page=2, kind="money", input=False),
    _s("misc_costs", "9", "Misc Costs", page=2, kind="money"),
    _s("loss_of_use", "9", "Misc Costs (Loss of Use)", page=2, kind="object", input=False),  # LOU at OPTION
    _s("third_party_costs", "10", "Third Party Costs", page=2, kind="money"),
    _s("third_party_recovery", "11", "Third Pty Recovery", page=2, kind="money"),
    _s("goodwill_deduction", "12", "Goodwill Ded", page=2, kind="money"),
    _s("final_liability", None, "Final Liability", page=2, kind="money", input=False),
    _s("excess_charged_ra", None, "Excess Charged RA", page=2, kind="money", input=False),
    _s("charge_refund_due", None, "Charge/Refund Due", page=2, kind="money", input=False),
    _s("amount_refunded", "13", "Amount Refunded", page=2, kind="money"),
    _s("amount_charged", "14", "Amount Charged", page=2, kind="money"),
    _s("amount_outstanding", None, "Amount Outstanding", page=2, kind="money", input=False),
    # page 2, notes subwindow
    _s("notes", None, "Notes", page=2, kind="list"),
    _s("notes.*", None, "Note {n}", page=2, kind="object"),
    _s("notes.*.at", None, "Note {n} Date/Time", page=2, kind="datetime"),
    _s("notes.*.employee", None, "Note {n} Employee", 6, page=2),
    _s("notes.*.text", None, "Note {n} Text", 1000, page=2),
)

FIELDS: MappingProxyType[str, FieldSpec] = MappingProxyType({spec.name: spec for spec in _SPECS})


@dataclass(frozen=True, slots=True)
class ShownSpec:
    """A display-only value of page 1 or page 2 (the RA's and the vehicle's data, the statuses): the label the
    manual's screen gives it and how many characters of it that screen shows. Its value comes from the
    `ReportEditor` (services/editor.py); the screen only places it (widget id ``d-<name>``, ``_`` as ``-``)."""

    name: str  # the value's key, e.g. "report_status"
    label: str  # e.g. "VIR Sta"; a part of a combined row ("Damage#/Rpt status") repeats the row's label
    width: int  # characters of the value the screen shows
    page: int = 1
    after: str = ""  # the manual's hint after the value, e.g. "(Y/N)"


def _shown(name: str, label: str, width: int, **kw) -> ShownSpec:
    """`label` is a report path whose registry label the screen shows (``"renter.city"``), or the label itself."""
    return ShownSpec(name, FIELDS[label].label if label in FIELDS else label, width, **kw)


_SHOWN_SPECS: tuple[ShownSpec, ...] = (
    # page 1, middle column: the renter (from the RA) and the transaction's open and close
    _shown("renter", "renter.name", 20),
    _shown("address", "renter.address", 20),
    _shown("city", "renter.city", 20),
    _shown("open_date", "Open Date", 20),
    _shown("open_loc", "Open Loc", 20),
    _shown("close_date", "Clos Date", 20),
    _shown("close_loc", "Clos Loc", 20),
    # page 1, right column: the report and the vehicle
    _shown("report_number", "report_number", 11),
    _shown("report_status", "VIR Sta", 11),  # page 1's name for the report status (page 2: Rpt status)
    _shown("licence", "vehicle.licence", 11),
    _shown("make", "vehicle.make", 11),
    _shown("model", "vehicle.model", 11),
    _shown("year", "vehicle.year", 11),
    _shown("own_loc", "vehicle.owning_location", 11),
    # page 1, under field 10: the RA's coverage
    _shown("coverage", "coverage_sold", 7),
    _shown("excess", "excess", 9),
    _shown("charge_on_ra", "charge_on_ra", 2, after="(Y/N)"),
    # page 2, column one: the statuses
    _shown("claim_status", "claim_status", 1, page=2),
    _shown("claim_status_name", "claim_status", 14, page=2),
    _shown("report_number", "Damage#/Rpt status", 8, page=2),
    _shown("report_status", "Damage#/Rpt status", 1, page=2),
    _shown("work_order_status", "work_order_status", 10, page=2),
    _shown("category", "accident_category", 16, page=2),  # the category code's description
)
# (page, name) -> the display-only value's spec.
SHOWN: MappingProxyType[tuple[int, str], ShownSpec] = MappingProxyType({(s.page, s.name): s for s in _SHOWN_SPECS})

# Page-2 fields the clerk types (the numbered ones, less 8 Maximum Liability which is computed).
# The page-2 fields a clerk types, in screen order (1 Report Checked ... 14 Amount Charged).
PAGE2_ORDER: tuple[str, ...] = (
    "report_checked", "external_claim", "external_closed", "external_type", "accident_category", "follow_up_date",
    "claim_location", "claim_employee", "misc_costs", "third_party_costs", "third_party_recovery",
    "goodwill_deduction", "amount_refunded", "amount_charged",
)
PAGE2_INPUTS: frozenset[str] = frozenset(s.name for s in _SPECS if s.page == 2 and s.input and "." not in s.name and s.name != "notes")
assert PAGE2_INPUTS == frozenset(PAGE2_ORDER), "PAGE2_ORDER must list every page-2 input"
# Page-2 fields the engine fills in; an import's values for them are ignored.
PAGE2_COMPUTED: frozenset[str] = frozenset(s.name for s in _SPECS if s.page == 2 and not s.input)

_INDEX = re.compile(r"^\d+$")


def pattern_of(path: str) -> str:
    """``"third_parties.1.last_name"`` -> ``"third_parties.*.last_name"``."""
    return ".".join("*" if _INDEX.match(p) else p for p in path.split("."))


def field_spec(path: str) -> FieldSpec | None:
    """The spec for a concrete path or a pattern; falls back to the nearest enclosing field."""
    pattern = pattern_of(path)
    while pattern:
        spec = FIELDS.get(pattern)
        if spec is not None:
            return spec
        pattern = pattern.rpartition(".")[0]
    return None


@lru_cache(maxsize=2048)
def describe(path: str) -> FieldRef:
    """Resolve a concrete JSON path to its manual number, label and window."""
    parts = path.split(".")
    indexes = [int(p) for p in parts if _INDEX.match(p)]
    spec = field_spec(path)
    if spec is None:
        # A key that is no field came from the file: shown escaped and cut short, never as raw control characters.
        label = printable(path.replace("_", " ").title(), 40)
        return FieldRef(path, None, label, None, FieldSpec(path, (), path), label)
    # only the indexes that belong to the matched pattern count
    n_wild = spec.name.split(".").count("*")
    indexes = indexes[:n_wild]
    outer = indexes[0] if indexes else None
    inner = indexes[-1] if indexes else None
    fmt = {"n": "" if outer is None else outer + 1, "m": "" if inner is None else inner + 1}
    heading = label = spec.label.format(**fmt).strip()
    if spec.part and pattern_of(path) == spec.name:
        label = f"{label} ({spec.part})"
    window = spec.window.format(**fmt) if spec.window else None
    return FieldRef(path, spec.number_at(inner), label, window, spec, heading)


# How many characters a field takes on a form when the registry gives no length: by its kind (a date MM-DD-YY,
# a date/time MM-DD-YY/HHMM, an amount, Y or N); anything else 10.
SHOWN_WIDTHS: MappingProxyType[str, int] = MappingProxyType({"date": 8, "datetime": 13, "money": 10, "yn": 1})


def shown_width(path: str) -> int:
    """The width of the field at `path` on a form: its length, else its kind's."""
    spec = describe(path).spec
    return spec.length or SHOWN_WIDTHS.get(spec.kind, 10)


def row_title(path: str) -> str:
    """A form row's number and label, as the manual's screens show them: ``"1 RA#"``, ``"7 Claim Loc/Empl"``,
    ``"Our Repair Costs"`` (no number), ``"5 W2 Last/First"``."""
    ref = describe(path)
    return " ".join(p for p in (ref.number, ref.heading) if p)


# ---------------------------------------------------------------------------------------------------------------------
# F7: what each field means, in the manual's words (the sentence the manual says about it), keyed like FIELDS.
# Where the manual says only "Most of the fields are self-explanatory" (the people in the pop-ups), its sentence
# about the window is used.
# ---------------------------------------------------------------------------------------------------------------------
_PARTY = "Data can be entered for up to 5 additional parties."
_WITNESS = "Data about one or two witnesses can be entered."
_DRIVER = "Data can be entered for the other driver."
HELP: MappingProxyType[str, str] = MappingProxyType({
    "ra_number": "If the damage occurred while the vehicle was on rent, enter the contract number.",
    "non_rev_number": "If the damage occurred while the vehicle was on a non-rev movement, enter the non-rev ticket "
                      "number.",
    "unit_number": "The unit on the RA or non-rev is entered automatically; otherwise enter the vehicle number "
                   "involved.",
    "accident_details": "Y = A pop-up window will appear where accident details can be entered. N = There are no "
                        "details to enter.",
    "customer_present": "Indicate whether or not the primary renting customer was present at the time of the "
                        "accident/damage.",
    "renter_driving": "Indicate whether or not the primary renting customer was driving when the damage occurred. "
                      "N opens OTHER DRIVER ENTRY.",
    "driver_injured": "Indicate whether or not the driver was injured when the damage occurred.",
    "third_party_involved": "Indicate whether or not there was a third party involved in the accident. Y opens 3RD "
                            "PARTY DATA ENTRY.",
    "admits_fault": "Indicate whether or not the 3rd party admits to being at fault. Y opens FAULT DESCRIPTION.",
    "damage_covered": "Y = Yes, the damage is covered. N = No, the customer is responsible for all damage costs.",
    "nature_of_breach": "If coverage was sold and Damage Covered is N, explain why the coverage was invalidated.",
    "renters_claim_number": "Enter the renter's claim number.",
    "excess_charged": "The charge cannot be greater than the customer's coverage responsibility (the default).",
    "accident_description": "A pop-up window where up to 9 lines of notes can be entered.",
    "accident_description.*": "Up to 9 lines of notes about the accident; words wrap to the next line.",
    "damage_lines.*.code": "Used to record where the damage incurred on the vehicle.",
    "damage_lines.*.description": "To accept the existing description, press (RET). Or type over it.",
    "damage_lines.*.type": "A code for the type of damage that occurred, such as: scratch, dent, broken, missing.",
    "accident_details.date_time": "Enter the date and time that the damage occurred. The date is a required field.",
    "accident_details.address1": "Enter the street address where the damage occurred.",
    "accident_details.address2": "Enter the locality (city, state/province, and postal code) of where the damage "
                                 "occurred.",
    "accident_details.police_name": "If a police officer was called to the scene, enter the officer's last name.",
    "accident_details.police_badge": "Enter the officer's badge number.",
    "accident_details.police_station": "Enter the police officer's station.",
    "accident_details.police_report_number": "Enter the police report number.",
    "accident_details.witnesses": "Indicate whether or not there were witnesses when the damage occurred. Y opens "
                                  "WITNESS DATA ENTRY.",
    "accident_details.rental_violation": "Note if there was a violation of the rental agreement terms.",
    "accident_details.legal_violation": "Note if there was a legal violation that caused the damage.",
    **{f"witnesses.*.{name}": _WITNESS for name in ("last_name", "first_name", "address", "city", "state", "zip",
                                                    "phone")},
    **{f"other_driver.{name}": _DRIVER for name in ("last_name", "first_name", "phone", "dob", "dl_number",
                                                    "dl_state", "dl_expiry")},
    **{f"third_parties.*.{name}": _PARTY for name in ("last_name", "first_name", "address", "city", "state", "zip",
                                                      "dl_number", "dl_state", "dl_expiry", "dob", "phone", "cell")},
    "third_parties.*.description": "A description of the 3rd party's vehicle.",
    "third_parties.*.insurance_company": "Provided for the 3rd party's insurance company data.",
    "third_parties.*.reg_number": "The 3rd party's vehicle license number.",
    "third_parties.*.injured": "Indicate with a Y for yes or N for no.",
    "third_parties.*.rented_vehicle": "Indicate with a Y for yes or N for no.",
    "third_parties.*.notes.*": "The first 5 lines of Notes attached to the 3rd party.",
    "fault_description.*": "Data regarding the third party being at fault. Data entered will wrap to the next line.",
    "report_checked": "Indicate whether or not a staff member has read and checked this damage report.",
    "external_claim": "Indicate whether or not there is a claim filed with an insurance company.",
    "external_closed": "Indicate if the external claim is closed.",
    "external_type": "Enter the external claim type.",
    "accident_category": "A Claim Category Code to indicate the general direction the processing of this claim is "
                         "taking.",
    "follow_up_date": "Enter the next date into the future when this claim should be looked at again.",
    "claim_location": "The location that will be held responsible to tracking this claim until it is closed.",
    "claim_employee": "The individual who will be held responsible to tracking this claim until it is closed.",
    "misc_costs": "Any other costs not included in the Work Order repair costs, such as a loss of use charge.",
    "third_party_costs": "Enter any third party costs that are owed and thus need to be included in this claim.",
    "third_party_recovery": "Third party recovery received for this claim that will reduce the amount owed by the "
                            "renter.",
    "goodwill_deduction": "An amount entered in this field is deducted from the damage charged to the renter.",
    "amount_refunded": "If the customer was charged more than the repair costs, enter the amount to be refunded.",
    "amount_charged": "If the repair costs were more than the initial charge, enter the balance charged.",
    "notes.*": "New entries can be added, but existing entries cannot be deleted or edited.",
    "notes.*.text": "New entries can be added, but existing entries cannot be deleted or edited.",
})


def field_format(path: str) -> str:
    """What a field takes, as a counter agent types it: ``Y OR N``, ``DATE MM-DD-YY``, ``UP TO 30 CHARACTERS``."""
    spec = describe(path).spec
    if spec.kind == "yn":
        return "Y OR N"
    if spec.kind == "date":
        return "DATE MM-DD-YY"
    if spec.kind == "datetime":
        return "DATE/TIME MM-DD-YY/HHMM"
    if spec.kind == "money":
        return "AMOUNT, E.G. 150.00"
    if spec.kind == "lines":
        return f"UP TO {spec.max_items} LINES OF {LINE_WIDTH}"
    if spec.length == 1:
        return "ONE CHARACTER"
    if spec.length:
        return f"UP TO {spec.length} CHARACTERS"
    return ""


def field_help(path: str) -> str:
    """F7 on a field: its number and label, what it means in the manual's words, and what it takes."""
    ref = describe(path)
    meaning = HELP.get(ref.spec.name, "")
    return " - ".join(p for p in (f"{ref.title()}: {meaning}".rstrip(": "), field_format(path)) if p)
