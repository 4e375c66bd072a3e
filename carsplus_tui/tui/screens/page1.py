"""Page 1: DAMAGE REPORT ENTRY, laid out like the manual's screen.

The report being typed lives in the `ReportEditor` (services/editor.py) this page shares with page 2; every field
writes into it when the agent leaves the field, the draft is kept in the database after each change (a closed
terminal loses nothing), and F1 hands it to the editor's save. Rules come from the domain; the screen only decides
where the cursor goes next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from carsplus_tui.domain import defaults, permissions, rules
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.money import format_money
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services import entry
from carsplus_tui.services.editor import (
    EditorStore,
    Fetched,
    Notice,
    ReportEditor,
    ReportReplaced,
    shown_date,
    transaction_dates_shown,
    transaction_shown,
    vehicle_shown,
)
from carsplus_tui.services.editor import blank_report as editor_blank_report
from carsplus_tui.services.entry import TransactionSummary, VehicleSummary
from carsplus_tui.services.reports import ReportNotFoundError
from carsplus_tui.services.sign_on import SignedOn
from carsplus_tui.tui import keys, programs
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.editing import ReportScreen, posting_lines
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.other_driver import OtherDriverModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.modals.third_parties import ThirdPartyListModal
from carsplus_tui.tui.terminal_keys import missing_keys
from carsplus_tui.tui.validation import display_text, errors_message, rule_errors, schema_errors
from carsplus_tui.tui.host import host
from carsplus_tui.tui.widgets.field import (
    Display,
    Field,
    Label,
    MessageLine,
    numbered,
    registry_field,
    row_label,
    show_values,
    shown,
)

LEFT = 19  # width of the left column's labels
DAMAGE_LINES = 5
ACCIDENT_DESC_SHOWN = 50  # "Upon exiting the pop-up widow, the first 50 characters of notes will display"

# Field number (as typed at OPTION) -> the widget's JSON path; the numbers are the field registry's.
FIELD_NUMBERS: dict[str, str] = numbered((
    "ra_number", "non_rev_number", "unit_number", "accident_details_flag", "customer_present", "renter_driving",
    "driver_injured", "third_party_involved", "admits_fault", "damage_covered", "nature_of_breach",
    "renters_claim_number", "excess_charged", "accident_desc",
    *(f"damage_lines.{i}.{part}" for i in range(DAMAGE_LINES) for part in ("code", "type")),
))
YN_FIELDS = ("customer_present", "renter_driving", "driver_injured", "third_party_involved", "admits_fault",
             "damage_covered")


def blank_report(control: Any = None) -> dict[str, Any]:  # noqa: ANN401
    """A new report in the JSON form as the manual's blank screen shows it (domain.defaults: Renter Driving Y,
    Driver Injured N, Damage Covered from the control record, Chg on RA N)."""
    return dict(editor_blank_report(control))


def widget_id(path: str) -> str:
    return "f-" + path.replace(".", "-")


# What page 1's database calls answer; each comes back as DatabaseDone (tui/dbwork.py).
class TransactionRestored(NamedTuple):
    """A recovered draft's RA or non-rev ticket, for its dates."""

    found: TransactionSummary


class ReferenceLoaded(NamedTuple):
    """The control switches and the damage types as on file now."""

    control: Any  # services.entry's control record
    types: dict[str, str]
    retired: Any  # the retired damage type codes


class TransactionLookedUp(NamedTuple):
    """RA# or NON-REV# typed: the transaction (None: not on file), the reports found by the automatic search, and
    for a new report the control switches as they are now."""

    kind: str
    number: str
    found: TransactionSummary | None
    unrepaired: list
    control: Any = None


class VehiclesFound(NamedTuple):
    unit: str
    vehicles: list[VehicleSummary]


class UnrepairedFound(NamedTuple):
    """The vehicle's unrepaired damage reports (this one left out)."""

    rows: list


class DamageCodeChecked(NamedTuple):
    """A typed damage code, and the codes this vehicle's model may have (code: description)."""

    line: int  # the damage line (0-4)
    code: str
    codes: dict[str, str]


class TypesForLookup(NamedTuple):
    line: int  # the damage line (0-4)
    types: dict[str, str]
    retired: frozenset[str]


class CodesForLookup(NamedTuple):
    line: int  # the damage line (0-4)
    codes: list


class Recalled(NamedTuple):
    fetched: Fetched


class NotOnFile(NamedTuple):
    line: str


class HistoryRead(NamedTuple):
    number: int
    lines: list[str]


class DamageEntryScreen(ReportScreen):
    """DAMAGE REPORT ENTRY (page 1)."""

    BINDINGS = keys.bindings(keys.PAGE1_KEYS)

    def __init__(self, employee: SignedOn, editor: ReportEditor | None = None) -> None:
        super().__init__(editor or ReportEditor(employee.code, access=employee.access), employee)
        self.damage_types: dict[str, str] = {}
        self.retired_types: set[str] = set()
        self.page2_after_recall: int | None = None  # a report chosen in the FOLLOW-UP QUEUE: page 2 once recalled

    # What the editor holds about the report, as page 1 names it.
    @property
    def transaction(self) -> TransactionSummary | None:
        return self.editor.transaction

    @property
    def vehicle(self) -> VehicleSummary | None:
        return self.editor.vehicle

    def model_code(self) -> str | None:
        """The vehicle's model code now (damage codes depend on it), for a worker."""
        return self.vehicle.model_code if self.vehicle else None

    @property
    def control(self) -> Any:  # noqa: ANN401
        return self.editor.control

    @control.setter
    def control(self, value: Any) -> None:  # noqa: ANN401
        self.editor.control = value

    @property
    def dirty(self) -> bool:
        return self.editor.dirty

    # ------------------------------------------------------------------------------------------------------------
    # Layout: the manual's rows, 80 columns
    # ------------------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        def row(*widgets):  # noqa: ANN002, ANN202
            return Horizontal(*widgets, classes="row")

        def left(path: str, width: int | None = None, **kw: Any) -> list:  # noqa: ANN401
            # number, label and width from the field registry (domain/fields.py)
            return [row_label(path, LEFT), registry_field(path, id=widget_id(path), width=width, **kw)]

        def line_field(path: str) -> Field:
            return registry_field(path, id=widget_id(path))

        def pad(width: int) -> Label:
            return Label("", width=width)

        def middle(name: str) -> list:
            return shown(1, name, 10)  # label and width from the field registry, the value from the editor

        def right(name: str) -> list:
            # a column apart, so a 20-character renter name or address never runs into Dmg Rpt / VIR Sta
            return [pad(1), *shown(1, name, 8)]

        yn: dict[str, Any] = {"restrict": r"[YNyn]?", "refusal": "ENTER Y OR N"}  # the Y/N fields' Field arguments
        with Vertical(id="page1"):
            yield row(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                      Label(" DAMAGE REPORT ENTRY", classes="title"))
            yield row(*left("ra_number"), pad(1), *middle("renter"), *right("report_number"))
            yield row(*left("non_rev_number"), pad(1), *middle("address"), *right("report_status"))
            yield row(*left("unit_number"), pad(1), *middle("city"))
            # Field 4 is Y/N (registry: the window's object), one character.
            yield row(*left("accident_details_flag", 1, **yn), pad(10), pad(30), *right("licence"))
            yield row(*left("customer_present", **yn), pad(10), *middle("open_date"), *right("make"))
            yield row(*left("renter_driving", **yn), pad(10), *middle("open_loc"), *right("model"))
            yield row(*left("driver_injured", **yn))
            yield row(*left("third_party_involved", **yn), pad(10), *middle("close_date"), *right("year"))
            yield row(*left("admits_fault", **yn), pad(10), *middle("close_loc"), *right("own_loc"))
            yield row(*left("damage_covered", **yn), pad(1), *shown(1, "coverage", 9), *shown(1, "excess", 7),
                      *shown(1, "charge_on_ra", 10))
            yield row(*left("nature_of_breach"))
            yield row(*left("renters_claim_number"))
            # Any character is taken and the amount is checked on Enter: a letter is refused with a word, never dropped.
            yield row(*left("excess_charged"))
            yield row(*left("accident_desc", ACCIDENT_DESC_SHOWN))
            yield row(Label(""))
            for i in range(DAMAGE_LINES):
                code, description, kind = (f"damage_lines.{i}.{part}" for part in ("code", "description", "type"))
                yield row(
                    row_label(code, 15), line_field(code), line_field(description),
                    row_label(kind, 9, lead=" "), line_field(kind),
                    Display(12, id=f"d-type-{i}"),
                )
        yield MessageLine()
        yield Label(keys.legend(keys.PAGE1_KEYS, missing_keys(self.app)), id="legend")

    # ------------------------------------------------------------------------------------------------------------
    # Start-up
    # ------------------------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.load_reference()
        self.show_report()
        self.field("ra_number").focus()
        ra, ticket = self.report.get("ra_number"), self.report.get("non_rev_number")
        if self.editor.dirty and self.transaction is None and (ra or ticket):
            # A recovered draft: its RA's Open Date and Open Loc (not part of the report) are shown again.
            self.restore_transaction("RA" if ra else "NON-REV", str(ra or ticket))

    @db_work(group="lookup", exclusive=False, again="ENTER")
    def restore_transaction(self, kind: str, number: str) -> TransactionRestored | None:
        found = (entry.lookup_rental_agreement if kind == "RA" else entry.lookup_non_rev_ticket)(self.db, number)
        return None if found is None else TransactionRestored(found)

    def on_database_done(self, event: DatabaseDone) -> None:
        """Page 1's own answers (the editor's save and reload: ReportScreen)."""
        match event.result:
            case TransactionRestored(found):
                self.transaction_restored(found)
            case ReferenceLoaded(control, types, retired):
                self.retired_types = set(retired)  # shown on old reports, not offered
                self._reference_loaded(control, types)
            case TransactionLookedUp(kind, number, found, unrepaired, control):
                if control is not None:
                    self.editor.control = control
                self.transaction_found(kind, number, found, unrepaired)
            case VehiclesFound(unit, vehicles):
                self.vehicles_found(unit, vehicles)
            case UnrepairedFound(rows):
                self.unrepaired_found(rows)
            case DamageCodeChecked(index, code, codes):
                self.damage_code_checked(index, code, codes)
            case TypesForLookup(index, types, retired):
                self.show_type_lookup(index, types, retired)
            case CodesForLookup(index, codes):
                self.show_code_lookup(index, codes)
            case Recalled(fetched):
                self.editor.recalled(fetched, f"CLAIM STATUS {fetched.report.get('claim_status')}")
            case NotOnFile(line):
                self.refuse(line)
            case HistoryRead(number, lines):
                from carsplus_tui.tui.modals.history import HistoryModal

                self.app.push_screen(HistoryModal(number, lines))  # it checks the audit trail

    def transaction_restored(self, found: TransactionSummary) -> None:
        if self.editor.transaction is None and found.number in (self.report.get("ra_number"),
                                                                 self.report.get("non_rev_number")):
            self.editor.transaction = found
            show_values(self, transaction_dates_shown(found))

    @db_work(group="reference", exclusive=False, again="F3")
    def load_reference(self) -> ReferenceLoaded:
        from carsplus_tui.services.lookups import damage_type_table

        control = entry.control(self.db)
        types, retired = damage_type_table(self.db)
        return ReferenceLoaded(control, types, retired)

    def _reference_loaded(self, control, types: dict[str, str]) -> None:  # noqa: ANN001
        self.editor.control = control
        self.damage_types = types
        self.show_damage_types()
        if not self.report.get("ra_number") and self.report.get("damage_covered") is None:
            default = defaults.blank_report(control).damage_covered
            self.editor.shows(damage_covered=default)  # a default: nothing typed yet
            self.field("damage_covered").value = default or ""

    # ------------------------------------------------------------------------------------------------------------
    # Fields <-> the report
    # ------------------------------------------------------------------------------------------------------------
    def field(self, path: str) -> Field:
        return self.query_one("#" + widget_id(path), Field)

    @property
    def fields(self) -> list[Field]:
        """The fields in Enter order (OPTION excluded)."""
        return [f for f in self.query(Field) if f.id != "option"]

    def get(self, path: str) -> Any:  # noqa: ANN401
        return self.editor.get(path)

    def put(self, path: str, value: Any) -> bool:  # noqa: ANN401
        return self.editor.put(path, value)

    def show_report(self) -> None:
        """Put the whole report on the screen (after recall, erase or recovering a draft)."""
        for field in self.fields:
            if field.path == "accident_details_flag":
                field.value = self.accident_details_flag()
            elif field.path == "accident_desc":
                field.value = " ".join(self.report.get("accident_description") or [])[:ACCIDENT_DESC_SHOWN]
            else:
                field.value = display_text(field.path, self.get(field.path))
        show_values(self, self.editor.page1_shown())
        self.update_admits_fault_access()
        self.show_damage_types()

    def show_damage_types(self) -> None:
        for i in range(DAMAGE_LINES):
            code = self.get(f"damage_lines.{i}.type") if i < len(self.report.get("damage_lines") or []) else None
            self.query_one(f"#d-type-{i}", Display).show(self.damage_types.get(code, "") if code else None)

    def accident_details_flag(self) -> str:
        """Field 4 "displays a Y if an accident date was previously entered in the pop-up window Date/Time field.
        If that field is blank, a N displays in this field." """
        details = self.report.get("accident_details") or {}
        return "Y" if details.get("date_time") else "N"

    def update_admits_fault_access(self) -> None:
        # "Access is granted to this field only if a Y was entered in the 3rd Party Involved field."
        self.field("admits_fault").disabled = self.report.get("third_party_involved") != "Y"

    # ------------------------------------------------------------------------------------------------------------
    # Moving between fields
    # ------------------------------------------------------------------------------------------------------------
    def leave_field(self, field: Field) -> None:
        """Enter in a field: store it, check it, run what the manual says happens there, then move on."""
        path = field.path
        handler = getattr(self, f"leave_{path.split('.')[0] if path.startswith('damage_lines') else path}", None)
        if handler is None:
            if not self.store_and_check(field):
                return
            self.move_from(field)
            return
        handler(field)

    def store_and_check(self, field: Field) -> bool:
        value = field.value.strip() or None
        self.put(field.path, value)
        errors = schema_errors(self.report, field.path)
        if not errors and self.control is not None:
            try:
                data = load_report(self.report)
            except ReportValidationError:
                data = None
            if data is not None:
                errors = rule_errors(data, self.context(), field.path)
        if errors:
            self.refuse(str(errors[0]), field)
            return False
        self.message("")
        self.keep_draft()
        return True

    def context(self) -> rules.ReportContext:
        t = self.transaction
        return rules.ReportContext(
            control=self.control, ra_excess=t.excess if t else None, coverage_sold=t.coverage_sold if t else None,
            has_ra=bool(t and t.kind == "RA"),
        )

    # ------------------------------------------------------------------------------------------------------------
    # The fields with behaviour of their own (the manual's field descriptions)
    # ------------------------------------------------------------------------------------------------------------
    def leave_ra_number(self, field: Field) -> None:
        """1. RA#: "An automatic search of the Vehicle Damage File will take place." """
        value = field.value.strip()
        if value.startswith("#") and value[1:].strip().isdigit():
            # "#12345" recalls a report here too, as at OPTION: the cursor starts in RA# after sign-on.
            field.value = self.report.get("ra_number") or ""
            self.recall(int(value[1:].strip()))
            return
        self.put("ra_number", value or None)
        if not value:
            self.move_from(field)
            return
        self.message("LOOKING UP RA ...")
        self.lookup_transaction("RA", value, new=not self.report.get("report_number"))

    def leave_non_rev_number(self, field: Field) -> None:
        value = field.value.strip()
        self.put("non_rev_number", value or None)
        if not value:
            self.move_from(field)
            return
        self.message("LOOKING UP NON-REV TICKET ...")
        self.lookup_transaction("NON-REV", value, new=not self.report.get("report_number"))

    @db_work(group="lookup", again="ENTER")
    def lookup_transaction(self, kind: str, number: str, *, new: bool = False) -> TransactionLookedUp:
        # A new report: the control switches as they are now (an administrator may have changed them since this
        # terminal signed on; no restart needed).
        control = entry.control(self.db) if new else None
        found = (entry.lookup_rental_agreement if kind == "RA" else entry.lookup_non_rev_ticket)(self.db, number)
        unrepaired = []
        if found is not None:
            from carsplus_tui.services.search import (
                unrepaired_reports_for_ra,
                unrepaired_reports_for_vehicle,
            )

            # "An automatic search of the Vehicle Damage File will take place": the RA's reports, or for a non-rev
            # ticket the unrepaired damage of the vehicle it moved.
            if kind == "RA":
                unrepaired = unrepaired_reports_for_ra(self.db, number)
            elif found.current_vehicle is not None:
                unrepaired = unrepaired_reports_for_vehicle(self.db, found.current_vehicle.id)
        return TransactionLookedUp(kind, number, found, unrepaired, control)

    def transaction_found(self, kind: str, number: str, found: TransactionSummary | None, unrepaired: list) -> None:
        path = "ra_number" if kind == "RA" else "non_rev_number"
        field = self.field(path)
        if found is None:
            self.refuse(f"{'RA#' if kind == 'RA' else 'NON-REV#'} {number} NOT ON FILE", field)
            return
        reason = permissions.page1_denied_reason(self.employee.access, found.status) if kind == "RA" else None
        if reason:
            self.refuse(reason, field)
            return
        self.editor.transaction = found
        self.show_transaction(found)
        if unrepaired:
            self.offer_reports(unrepaired, field)
            return
        self.message("")
        self.keep_draft()
        self.move_from(field)

    def show_transaction(self, t: TransactionSummary) -> None:
        """The display-only RA fields, Unit # (the vehicle now on it) and the defaults of fields 10 and 13."""
        show_values(self, transaction_shown(t))
        self.editor.shows(coverage_sold=t.coverage_sold,
                          excess=format_money(t.excess) if t.excess is not None else None, charge_on_ra=t.charge_on_ra)
        if t.renter_name:
            self.editor.shows(renter={"name": t.renter_name, "address": t.renter_address, "city": t.renter_city,
                                      "state": t.renter_state, "zip": t.renter_zip})
        current = t.current_vehicle
        if current is not None and not self.report.get("unit_number"):
            self.set_vehicle(current)
        if self.report.get("report_number") is None:
            # "Based on whether or not LDW was accepted on the RA ... this field will default to either Y or N."
            self.put("damage_covered", t.damage_covered_default)
            self.field("damage_covered").value = t.damage_covered_default
            # "The default amount for this field is the coverage responsibility that applies to the RA."
            if t.excess_charged_default is not None and not self.report.get("excess_charged"):
                self.put("excess_charged", format_money(t.excess_charged_default))
                self.field("excess_charged").value = format_money(t.excess_charged_default)

    def set_vehicle(self, v: VehicleSummary) -> None:
        self.editor.vehicle = v
        self.put("unit_number", v.unit_number)
        self.field("unit_number").value = v.unit_number
        self.editor.shows(vehicle={"unit_number": v.unit_number, "licence": v.licence, "make": v.make,
                                  "model": v.model, "year": v.year, "owning_location": v.owning_location})
        show_values(self, vehicle_shown(v))

    def leave_unit_number(self, field: Field) -> None:
        """3. UNIT #: the vehicle on the transaction, or every vehicle with that unit # (several owners → choose)."""
        value = field.value.strip()
        if not value:
            self.put("unit_number", None)
            if self.control is not None and not self.control.ausie_rules:
                # "If the Ausie Rules flag is not turned on in the Edit Damage Control Record, this field is required."
                self.refuse("3 UNIT #: IS REQUIRED", field)
                return
            self.move_from(field)
            return
        carried = [v for v in (self.transaction.vehicles if self.transaction else ()) if v.unit_number == value]
        if carried:
            self.set_vehicle(carried[-1])
            self.check_unrepaired(carried[-1], self.editor.report_number)
            return
        if self.transaction is not None and (self.report.get("ra_number") or self.report.get("non_rev_number")):
            # DESIGN.md §4: Unit # must be a vehicle the RA (or the non-rev ticket) carried.
            t = self.transaction
            units = ", ".join(v.unit_number for v in t.vehicles) or "NO VEHICLE"
            where = f"RA {t.number}" if t.kind == "RA" else f"NON-REV {t.number}"
            self.refuse(f"3 UNIT #: {value} WAS NOT ON {where} - IT CARRIED {units}", field)
            return
        self.message("LOOKING UP VEHICLE ...")
        self.lookup_vehicles(value)

    @db_work(group="lookup", again="ENTER")
    def lookup_vehicles(self, unit: str) -> VehiclesFound:
        return VehiclesFound(unit, entry.find_vehicles(self.db, unit))

    def vehicles_found(self, unit: str, vehicles: list[VehicleSummary]) -> None:
        if not vehicles:
            self.refuse(f"NO VEHICLE {unit} ON FILE", self.field("unit_number"))
            return
        if len(vehicles) == 1:
            self.set_vehicle(vehicles[0])
            self.check_unrepaired(vehicles[0], self.editor.report_number)
            return

        # "the Vehicle File Search program will automatically be called and all vehicles with a matching unit
        # number will be displayed for selection."
        def chosen(vehicle: VehicleSummary | None) -> None:
            if vehicle is None:
                self.message("SELECT A VEHICLE")
                self.field("unit_number").focus()
                return
            self.set_vehicle(vehicle)
            self.check_unrepaired(vehicle, self.editor.report_number)

        lines = [(f"{v.unit_number:<10} {v.licence or '':<10} {v.make or '':<10} {v.model or '':<10} "
                  f"{(v.year or 0) % 100:02d}  {v.owning_location or ''}", v) for v in vehicles]
        self.app.push_screen(
            ChoiceModal("VEHICLE FILE SEARCH", "UNIT #     REG#       MAKE       MODEL      YR  OWN", lines,
                        numbers_only=True),
            chosen,
        )

    @db_work(group="lookup", again="ENTER")
    def check_unrepaired(self, vehicle: VehicleSummary, this_report: int | None) -> UnrepairedFound:
        """The vehicle's unrepaired reports other than `this_report` (the one on the screen)."""
        from carsplus_tui.services.search import unrepaired_reports_for_vehicle

        return UnrepairedFound([r for r in unrepaired_reports_for_vehicle(self.db, vehicle.id)
                                if r.report_number != this_report])

    def unrepaired_found(self, rows: list) -> None:
        field = self.field("unit_number")
        self.keep_draft()
        if not rows:
            self.message("")
            self.move_from(field)
            return

        def answered(see: bool | None) -> None:
            if see:
                self.offer_reports(rows, field)
            else:
                self.message("")
                self.move_from(field)

        self.app.push_screen(
            YesNoPrompt("VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE?"), answered
        )

    def offer_reports(self, rows: list, field: Field) -> None:
        """The damage reports "display in the search in the lower part of the screen. Enter a line number to
        display the report data." A blank Enter (or Esc) goes on with this report; a typed line number recalls that
        report, asking first when it would replace what is typed."""
        def chosen(report_number: int | None) -> None:
            if report_number is None:
                self.message("")
                self.move_from(field)
            else:
                self.recall(report_number, or_else=lambda: self.move_from(field))

        # The owning location beside the unit, as the F6 list shows it (`592/TUS`): two unit-592 cars look alike.
        def vehicle(r: Any) -> str:  # noqa: ANN401 - a search row
            return f"{r.vehicle}/{r.owning_location}" if r.owning_location else str(r.vehicle)

        lines = [(f"{vehicle(r):<14} {r.report_number:>8}  {shown_date(r.damage_date) or '*':<8}  "
                  f"{r.ra_number or '*':<10} {r.report_status}", r.report_number) for r in rows]
        self.app.push_screen(
            ChoiceModal("UNREPAIRED DAMAGE", f"{'VEH#/OWN':<14} DMG RPT#  DMG DATE  RA#        STATUS", lines,
                        classes="lower", numbers_only=True),
            chosen,
        )

    def leave_accident_details_flag(self, field: Field) -> None:
        """4. ACCIDENT DETAILS: Y calls the pop-up window (and passing through on a saved report re-opens it)."""
        if field.value.strip().upper() != "Y":
            field.value = field.value.strip().upper() or "N"
            self.move_from(field)
            return

        def stored(values: dict[str, Any] | None) -> None:
            if values is not None:
                # Passing through without changing anything is no change (F3 then does not warn).
                witnesses = values.pop("__witnesses__", self.report.get("witnesses") or [])
                changed = self.put("witnesses", witnesses)
                if self.put("accident_details", values) or changed:
                    self.keep_draft()
            field.value = self.accident_details_flag()
            self.move_from(field)

        self.app.push_screen(
            AccidentDetailsModal(self.report.get("accident_details"), self.report.get("witnesses") or []), stored
        )

    def leave_renter_driving(self, field: Field) -> None:
        """6. RENTER DRIVING?: N calls OTHER DRIVER ENTRY."""
        if not self.store_and_check(field):
            return
        if self.report.get("renter_driving") != "N":
            self.move_from(field)
            return

        def stored(values: dict[str, Any] | None) -> None:
            if values is not None and self.put("other_driver", values):
                self.keep_draft()
            self.move_from(field)

        self.app.push_screen(OtherDriverModal(self.report.get("other_driver")), stored)

    def leave_third_party_involved(self, field: Field) -> None:
        """8. 3rd PARTY INVLD?: Y calls 3RD PARTY DATA ENTRY (up to 5 parties)."""
        if not self.store_and_check(field):
            return
        self.update_admits_fault_access()
        if self.report.get("third_party_involved") != "Y":
            self.move_from(field)
            return

        def stored(parties: list[dict[str, Any]] | None) -> None:
            if parties is not None and self.put("third_parties", parties):
                self.keep_draft()
            self.move_from(field)

        self.app.push_screen(ThirdPartyListModal(self.report.get("third_parties") or []), stored)

    def leave_admits_fault(self, field: Field) -> None:
        """9. ADMITS FAULT?: Y calls FAULT DESCRIPTION (5 lines of 60)."""
        if not self.store_and_check(field):
            return
        if self.report.get("admits_fault") != "Y":
            self.move_from(field)
            return
        self.edit_lines("FAULT DESCRIPTION", "fault_description", 5, field)

    def leave_accident_desc(self, field: Field) -> None:
        """14. ACCIDENT DESC: Enter calls a window of up to 9 lines; the first 50 characters show in the field."""
        self.edit_lines("ACCIDENT DESCRIPTION", "accident_description", 9, field)

    @on(Input.Changed, "#f-accident_desc")
    def typed_in_accident_desc(self, event: Input.Changed) -> None:
        # Typing straight into field 14 starts the window with what was typed.
        shown = " ".join(self.report.get("accident_description") or [])[:ACCIDENT_DESC_SHOWN]
        if event.value != shown and self.focused is event.input and not self.report.get("accident_description"):
            self.put("accident_description", [event.value])
            self.edit_lines("ACCIDENT DESCRIPTION", "accident_description", 9, event.input)  # type: ignore[arg-type]

    def edit_lines(self, title: str, path: str, max_lines: int, field: Field) -> None:
        def stored(lines: list[str] | None) -> None:
            if lines is not None and self.put(path, lines):
                self.keep_draft()
            if path == "accident_description":
                with self.prevent(Input.Changed):
                    field.value = " ".join(self.report.get("accident_description") or [])[:ACCIDENT_DESC_SHOWN]
            self.move_from(field)

        typed = self.report.get(path)  # one of the report's lists of lines
        self.app.push_screen(LinesModal(title, typed if isinstance(typed, list) else [], max_lines, path=path), stored)

    def leave_damage_lines(self, field: Field) -> None:
        """15-24: Damage Code, its description (the code's, or up to 30 characters typed over it), and Type."""
        _, index, part = field.path.split(".")
        i = int(index)
        if not self.store_and_check(field):
            return
        if part == "code" and field.value.strip():
            self.check_damage_code(i, field.value.strip(), self.model_code())
            return
        if part == "type":
            code = field.value.strip().upper()
            if code and self.damage_types and code not in self.damage_types:
                self.refuse(f"{16 + 2 * i} TYPE: {code} IS NOT A DAMAGE TYPE - SHIFT+F7 FOR THE LIST", field)
                return
            self.show_damage_types()
        if part == "code" and not field.value.strip():
            # an empty line ends the damage lines
            self.query_one("#option", Field).focus()
            self.message('PRESS "F1" AT "OPTION" TO SAVE')
            return
        self.move_from(field)

    @db_work(group="lookup", again="ENTER")
    def check_damage_code(self, index: int, code: str, model: str | None) -> DamageCodeChecked:
        """Is `code` a damage code for vehicles of `model` (the vehicle's model code when ENTER was pressed)?"""
        from carsplus_tui.services.lookups import damage_codes_for_model

        codes = {c.code: c.description for c in damage_codes_for_model(self.db, model)}
        return DamageCodeChecked(index, code, codes)

    def damage_code_checked(self, index: int, code: str, codes: dict[str, str]) -> None:
        field = self.field(f"damage_lines.{index}.code")
        if code not in codes:
            self.refuse(f"{15 + 2 * index} DAMAGE CODE: {code} IS NOT A DAMAGE CODE FOR THIS VEHICLE - SHIFT+F7",
                        field)
            return
        description = self.field(f"damage_lines.{index}.description")
        if not description.value.strip():
            description.value = codes[code]
            self.put(f"damage_lines.{index}.description", codes[code])
        self.message("")
        self.keep_draft()
        description.focus()  # "Press (RET) again to move the cursor to the description field."

    # ------------------------------------------------------------------------------------------------------------
    # Shift+F7 look-ups
    # ------------------------------------------------------------------------------------------------------------
    def action_lookup(self) -> None:
        field = self.focused
        if not isinstance(field, Field):
            return
        if field.path.startswith("damage_lines.") and field.path.endswith((".code", ".description")):
            self.lookup_codes(int(field.path.split(".")[1]), self.model_code())
        elif field.path.startswith("damage_lines.") and field.path.endswith(".type"):
            self.lookup_types(int(field.path.split(".")[1]))
        elif field.path == "third_party_involved" and self.report.get("third_party_involved") == "Y":
            self.leave_third_party_involved(field)
        else:
            self.refuse("NO LOOK-UP FOR THIS FIELD")

    @db_work(group="lookup", again="SHIFT+F7")
    def lookup_types(self, index: int) -> TypesForLookup:
        """The Damage Type codes as on file now (an administrator may have added or retired one meanwhile)."""
        from carsplus_tui.services.lookups import damage_type_table

        types, retired = damage_type_table(self.db)
        return TypesForLookup(index, types, retired)

    def show_type_lookup(self, index: int, types: dict[str, str], retired: frozenset[str]) -> None:
        self.damage_types, self.retired_types = types, set(retired)
        lines = [(f"{code}  {word}", code) for code, word in types.items() if code not in retired]
        self.app.push_screen(ChoiceModal("DAMAGE TYPES", "CODE DESCRIPTION", lines),
                             lambda code: self.type_chosen(index, code))

    def refresh_reference(self) -> None:
        """Back from the menu: on a blank screen (no report begun) the switches and damage types as on file now."""
        if not self.dirty and not self.report.get("report_number") and not self.report.get("ra_number"):
            self.load_reference()
            self.field("ra_number").focus()  # "If called from the Damage Menu, there will not be data in any fields"

    @db_work(group="lookup", again="ENTER")
    def lookup_codes(self, index: int, model: str | None) -> CodesForLookup:
        from carsplus_tui.services.lookups import damage_codes_for_model

        return CodesForLookup(index, damage_codes_for_model(self.db, model))

    def show_code_lookup(self, index: int, codes: list) -> None:
        lines = [(f"{c.code:<6} {c.description}", c) for c in codes]

        def chosen(choice) -> None:  # noqa: ANN001
            if choice is None:
                self.field(f"damage_lines.{index}.code").focus()
                return
            code = self.field(f"damage_lines.{index}.code")
            code.value = choice.code
            self.put(f"damage_lines.{index}.code", choice.code)
            self.damage_code_checked(index, choice.code, {choice.code: choice.description})
            # "Highlight the code and press (RET) to select it. Press (RET) again to move the cursor to the
            # description field": the cursor stays on the code chosen.
            code.focus()

        self.app.push_screen(ChoiceModal("DAMAGE CODES", "CODE   DESCRIPTION", lines), chosen)

    def type_chosen(self, index: int, code: str | None) -> None:
        field = self.field(f"damage_lines.{index}.type")
        if code:
            field.value = code
            self.put(f"damage_lines.{index}.type", code)
            self.show_damage_types()
            self.keep_draft()
            self.move_from(field)
        else:
            field.focus()

    # ------------------------------------------------------------------------------------------------------------
    # OPTION, F1, F3, recall
    # ------------------------------------------------------------------------------------------------------------
    def run_option(self, text: str) -> None:
        """The OPTION field: `#12345` recalls a report, a field number jumps there, a command word runs a key."""
        if not text:
            return
        if text.startswith("#"):
            number = text[1:].strip()
            if number.isdigit():
                self.recall(int(number))
            else:
                self.refuse("TYPE # AND THE DAMAGE REPORT NUMBER, E.G. #12345")
            return
        if text in FIELD_NUMBERS:
            target = self.field(FIELD_NUMBERS[text])
            if target.disabled:  # only 9 Admits Fault? closes on page 1
                # "Access is granted to this field only if a Y was entered in the 3rd Party Involved field."
                self.refuse("9 ADMITS FAULT?: OPEN ONLY WHEN 8 3RD PARTY INVLD? IS Y" if target.path == "admits_fault"
                            else f"FIELD {text} IS NOT OPEN NOW")
            else:
                target.focus()
            return
        action = keys.COMMANDS.get(text)
        if action:
            # Screen.run_action is a coroutine: call the action itself so the command runs at once.
            self.run_key_command(action)
            return
        program, rest = programs.find(text)
        if program is not None and not text[:1].isdigit():  # a program's code (DMGCTL ...), as at any menu OPTION
            host(self).run_program(program, self.employee, rest)
            return
        self.refuse(f"{text} IS NOT AN OPTION - TYPE #REPORT, A FIELD NUMBER, OR SAVE/ERASE/SEARCH/MAP/NOTES")

    def recall(self, number: int, *, or_else: Callable[[], None] | None = None) -> None:
        """Bring report `number` to the screen. Over a report with unsaved typing, ask first (N keeps the typing and
        runs `or_else`)."""
        if self.dirty and self.report.get("report_number") != number:
            typed = self.report.get("report_number")
            what = f"YOUR CHANGES TO DAMAGE REPORT {typed}" if typed else "THE REPORT BEING TYPED"
            ra = self.report.get("ra_number") or self.report.get("non_rev_number")

            def answered(yes: bool | None) -> None:
                if yes:
                    self.recall_now(number)
                else:
                    self.message(f"DAMAGE REPORT {number} NOT RECALLED")
                    if or_else is not None:
                        or_else()

            self.app.push_screen(YesNoPrompt(f"RECALL DAMAGE REPORT {number}? {what}{f' FOR {ra}' if ra else ''}"
                                             " WILL NOT BE SAVED"), answered)
            return
        self.recall_now(number)

    def recall_now(self, number: int) -> None:
        self.message(f"RECALLING DAMAGE REPORT {number} ...")
        self.load_saved(number)

    @db_work(group="lookup", again="ENTER")
    def load_saved(self, number: int) -> Recalled | NotOnFile:
        try:
            return Recalled(EditorStore.fetch_in(self.db, number))
        except ReportNotFoundError as exc:
            return NotOnFile(str(exc))

    def after_notice(self, notice: Notice) -> None:
        if not isinstance(notice, ReportReplaced):
            return
        if notice.why == "recalled":
            self.field("ra_number").focus()
            number = self.editor.report_number
            if self.page2_after_recall is not None and self.page2_after_recall == number:
                self.page2_after_recall = None
                self.action_next_page()
        elif notice.why == "saved" and not self.editor.dirty:  # typing on since F1 keeps the cursor
            self.query_one("#option", Field).focus()
        elif notice.why == "erased":
            self.field("ra_number").focus()

    def show_errors(self, exc: ReportValidationError) -> None:
        target = self.widget_for(exc.errors[0].field)
        self.refuse(errors_message(exc.errors), target)  # the first reason, then the other fields by name

    def widget_for(self, path: str) -> Field | None:
        parts = path.split(".")
        candidates = [path, ".".join(parts[:3]), parts[0]]
        if parts[0] in ("accident_details", "witnesses"):
            candidates.append("accident_details_flag")
        if parts[0] == "accident_description":
            candidates.append("accident_desc")
        if parts[0] == "fault_description":
            candidates.append("admits_fault")
        if parts[0] == "other_driver":
            candidates.append("renter_driving")
        if parts[0] == "third_parties":
            candidates.append("third_party_involved")
        for candidate in candidates:
            found = self.query("#" + widget_id(candidate))
            if found:
                return found.first(Field)
        return None

    def action_erase(self) -> None:
        """F3: ERASE — clear the screen, nothing saved (asking first when there are unsaved changes)."""
        if self.editor.stale:
            self.reload_after_stale()
            return

        def erase(yes: bool | None) -> None:
            if yes:
                self.discard_draft(self.editor.worker_side, self.editor.erase())
                self.load_reference()  # the next report: the control switches and damage types as they are now

        if self.dirty:
            self.app.push_screen(YesNoPrompt("ERASE THE SCREEN? CHANGES WILL NOT BE SAVED"), erase)
        else:
            erase(True)

    def action_search(self) -> None:
        """F6: DAMAGE REPORT SEARCH."""
        def chosen(number: int | None) -> None:
            if number is not None:
                self.recall(number)

        host(self).open_program("DMGSRCH", self, done=chosen)

    def action_follow_ups(self) -> None:
        """FOLLOW at OPTION: the signed-on employee's FOLLOW-UP QUEUE; a line chosen there is recalled here and its
        page 2 opened. The queue is claim information (claim status, Amount Outstanding, the clerks' notes): never for
        an employee whose Access Claim is none, as page 2 and `carsplus followups`."""
        if not permissions.page2_visible(self.employee.access):
            self.refuse("NO ACCESS TO CLAIM INFO")
            return

        def chosen(number: int | None) -> None:
            if number is None:
                return
            self.page2_after_recall = number
            self.recall(number, or_else=lambda: setattr(self, "page2_after_recall", None))

        host(self).open_program("FOLLOW", self, employee=self.employee, done=chosen)

    def action_menu(self) -> None:
        """MENU at OPTION: the DAMAGE TRACKING SUBMENU over this page (what is typed here stays)."""
        host(self).open_program("MENU", self, employee=self.employee)

    def action_next_page(self) -> None:
        """F8: page 2 (claim info), as the employee's Access Claim allows. Page 2 holds the same editor; it comes
        back with what the agent asked for there (F3 ERASE, FOLLOW, MENU)."""
        level = permissions.page2_access(self.employee.access)
        if level == "none":
            self.refuse("NO ACCESS TO CLAIM INFO")
            return
        focused = self.focused
        if isinstance(focused, Field) and self.typed_path(focused):
            self.put(focused.path, focused.value.strip() or None)

        def back(then: str | None) -> None:
            if then == "erase":
                self.action_erase()
            elif then == "follow_ups":
                self.action_follow_ups()
            elif then == "menu":
                self.action_menu()
            elif then and then.startswith("recall "):  # #N at page 2's OPTION: report N, on its page 2
                number = int(then.split()[1])
                self.page2_after_recall = number
                self.recall(number, or_else=lambda: setattr(self, "page2_after_recall", None))

        host(self).open_claim_info(self.editor, self.employee, back)

    def action_history(self) -> None:
        """F9 (HISTORY at OPTION): every modification of the saved report, as on page 2."""
        number = self.report.get("report_number")
        if number is None:
            self.refuse("NO HISTORY - THE REPORT IS NOT SAVED YET")
            return
        refused = permissions.claim_info_denied_reason(self.employee.access)
        if refused:  # the history holds page 2's changes and money, as `carsplus report history` refuses it
            self.message(refused)
            return
        self.load_history(int(number))

    @db_work(group="history", again="F9")
    def load_history(self, number: int) -> HistoryRead:
        from carsplus_tui.services.reports import report_history

        return HistoryRead(number, report_history(self.db, number))

    def action_map(self) -> None:
        """F10: a drawn top view of the vehicle with this report's damage and its other unrepaired damage."""
        from carsplus_tui.tui.modals.damage_map import DamageMapModal

        self.app.push_screen(DamageMapModal(self.db, self.report, self.vehicle))

    def action_work_order(self) -> None:
        """F2 (WORK at OPTION): DAMAGE WORK ENTRY, the saved report's work order."""
        host(self).open_program("DMGWRK", self, report=self.report.get("report_number"),
                              employee=self.employee, on_saved=self.refresh_after_work_order)

    def action_dms(self) -> None:
        """F4: the report's DMS ACTIVITY window (properties, payments, history)."""
        host(self).open_program("DMS", self, report=self.report.get("report_number"),
                              employee=self.employee)

    def action_field_help(self) -> None:
        """F7: help for the current field, from the field registry."""
        from carsplus_tui.tui.field_help import help_message

        if isinstance(self.focused, Field) and self.focused.id != "option":
            self.message(help_message(self.focused.path))  # the manual's words for the field, its format and keys
            return
        if self.focused is self.query_one("#option", Field):
            self.message(keys.LEAVE_HELP)  # F7 at OPTION: how to leave
            return
        self.message("ENTER MOVES ON - F5 BACKS UP - ESC GOES TO OPTION - SHIFT+F7 LOOKS UP CODES")

    def action_sign_off(self) -> None:
        """F12 or OFF at OPTION: back to the sign-on screen for the next agent. What was typed, down to the field
        the cursor was in, is kept as this employee's draft and offered at their next sign-on."""
        host(self).sign_off()

    def capture_typing(self) -> None:
        """Before a sign-off: what is typed in the field the cursor is (or was last) in counts, without Enter."""
        focused = self.focused
        field = focused if isinstance(focused, Field) and focused.id != "option" else self.last_field
        if field is not None and field.is_attached and not field.disabled and (
                field.path in self.report or field.path.startswith("damage_lines.")):
            value = field.value.strip() or None
            if value != self.get(field.path):
                self.put(field.path, value)


__all__ = ["DamageEntryScreen", "blank_report", "posting_lines"]
