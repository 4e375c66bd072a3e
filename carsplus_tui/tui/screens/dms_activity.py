"""`<report #> - DMS ACTIVITY`: the damage report's link to the DMS (the company's accounting or dealer-management
system), after the CCC DMS Activity job aid, drawn as a green screen of 80 x 24.

A header (report #, renter, claim amount, insurance company, vehicle, VIN or unit #) and three tabs switched by keys:
F2 PROPERTIES (DMS Repair ID, Customer ID, Vehicle ID), F3 PAYMENTS (the claim's receipts, export, void) and
F4 HISTORY (every DMS event, newest first; print and export summary). Esc goes to OPTION, and Esc at OPTION
(or the OPTION command EXIT) goes back to the page it came from.
Every database or DMS call runs in a worker thread through services/dms.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList
from textual.widgets.option_list import Option

from carsplus_tui.domain import permissions
from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.domain.money import grouped_money
from carsplus_tui.services import dms as dms_service
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.dms_export import ExportingModal
from carsplus_tui.tui.modals.dms_receipt import ReceiptModal
from carsplus_tui.tui.modals.new_vehicle import NewVehicleModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Display, Field, Label, MessageLine
from carsplus_tui.tui.host import host

TABS = ("properties", "payments", "history")
# The keys, legends and OPTION words are in tui/keys.py (a terminal without a key gets its word in the legend).
TAB_KEYS = dict(zip(TABS, keys.DMS_TAB_KEYS, strict=True))
COMMANDS = keys.DMS_COMMANDS
LIST_ROWS = 12
if TYPE_CHECKING:
    from carsplus_tui.db.database import Database
    from carsplus_tui.services.sign_on import SignedOn
    from carsplus_tui.settings import Settings

NOT_LISTED = "\x00NOT LISTED"  # the choice-list value of the "... NOT LISTED - EXPORT AS NEW ..." line


# What the window's database (and DMS) calls answer; each comes back as DatabaseDone (tui/dbwork.py).
class Said(NamedTuple):
    """A line for the message line: a refusal (bad input, the DMS said no) or where a print went."""

    line: str


class Refused(NamedTuple):
    """A value or a command the DMS rules refuse (MessageLine.refuse): why, and the ID field it was typed in."""

    line: str
    focus: str | None = None


class Case(NamedTuple):
    """Whose claim the window works on: what every worker of the window is handed (captured on the UI thread)."""

    report_number: int
    employee_code: str


class ActivityLoaded(NamedTuple):
    activity: dms_service.Activity
    note: str | None
    saved: str | None = None  # the ID field whose Enter saved it (shown as saved; the others keep any typing)


class Changed(NamedTuple):
    """An ID or a receipt changed: the window read again with `note`, the cursor to `focus` (a field id) if given;
    `saved`, the ID field that was saved."""

    note: str
    focus: str | None = None
    saved: str | None = None


class CustomersFound(NamedTuple):
    name: str
    found: list


class VehiclesFound(NamedTuple):
    text: str
    found: list


def _date(value: date | None) -> str:
    """MM-DD-YY, as every other screen shows a date."""
    return format_counter_date(value) if value else ""


def receipt_line(r: dms_service.Receipt) -> str:
    posted = _date(r.posted_at.date()) if r.posted_at else ""
    return (f"{r.id:>4} {r.payer_type[:11]:<11} {r.payer_name[:18]:<18} {grouped_money(r.amount):>11} "
            f"{_date(r.received_date):<8} {r.shown_status:<8} {posted:<8}")


RECEIPT_HEADER = f"{'#':>4} {'PAYER TYPE':<11} {'PAYER':<18} {'AMOUNT $':>11} {'RECEIVED':<8} {'STATUS':<8} POSTED"


EVENT_FIXED = 66  # the columns before REFERENCE ID


def event_line(e: dms_service.Event, width: int = 80) -> str:
    """One history line; the reference ID takes what the terminal's width leaves (13 at 80 columns, all of it at
    100)."""
    status = "DOUBT" if e.status == "In doubt" else (e.status or "")
    return (f"{_date(e.at.date()):<8} {e.completed_by[:12]:<12} {e.description[:26]:<26} {grouped_money(e.amount):>9} "
            f"{status[:6]:<6} {(e.reference_id or '')[:max(13, width - EVENT_FIXED - 1)]}")


EVENT_HEADER = f"{'DATE':<8} {'COMPLETED BY':<12} {'DESCRIPTION':<26} {'AMOUNT $':>9} {'STATUS':<6} REFERENCE ID"


ID_FIELDS = ("p-repair", "p-customer", "p-vehicle")  # the PROPERTIES tab's fields, in Enter order


class DmsActivityScreen(FormScreen):
    """`<report #> - DMS ACTIVITY`. A green form like page 1 (tui/screens/form.py): OPTION, Enter/Tab from field to
    field, Shift+Tab back, the message line; its fields are the three IDs of the PROPERTIES tab."""

    BINDINGS = [*FormScreen.BINDINGS, *keys.bindings(keys.DMS_KEYS)]

    def __init__(self, report_number: int, employee_code: str, *, connector=None, tab: str = "properties",  # noqa: ANN001
                 level: str = "edit") -> None:
        super().__init__()
        self.report_number = report_number
        self.employee_code = employee_code
        self.case = Case(report_number, employee_code)
        # Access Claim (DESIGN.md §6a): "edit" adds, adjusts, voids, exports and sets the IDs; "view" only looks
        # (the services refuse a change from anyone else too; the window says so before trying).
        self.level = level
        self._connector = connector
        self.tab = tab
        self.activity: dms_service.Activity | None = None
        self.ids_shown: dict[str, str] = {}  # each ID field's value as last read from the database

    # -- layout -------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        def row(*widgets, **kw):  # noqa: ANN002, ANN003, ANN202
            return Horizontal(*widgets, classes="row", **kw)

        n = self.report_number
        with Vertical(id="dms-activity"):
            view_only = " - VIEW ONLY" if self.level != "edit" else ""
            yield row(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                      Label(f" {n} - DMS ACTIVITY{view_only}", classes="title", id="dms-title"))
            yield row(Label("Rpt#", width=5, classes="label"), Display(9, id="h-report"),
                      Label("Renter", width=7, classes="label"), Display(30, id="h-renter"),
                      Label("Claim $", width=8, classes="label"), Display(13, id="h-claim"))
            yield row(Label("Ins", width=4, classes="label"), Display(20, id="h-insurer"),
                      Label("Veh", width=4, classes="label"), Display(24, id="h-vehicle"),
                      Label("VIN/Unit", width=9, classes="label"), Display(17, id="h-vin"))
            yield row(*[Label(f" {TAB_KEYS[t].legend_for(self.missing_keys)} ", id=f"tab-{t}", classes="dms-tab")
                        for t in TABS], id="dms-tabs")
            with ContentSwitcher(initial=self.tab, id="dms-tab-content"):
                with Vertical(id="properties"):
                    yield row(Label("DMS Connection", width=20, classes="label"), Display(57, id="p-connection"))
                    yield Label("")
                    yield row(Label("1 DMS Repair ID", width=20, classes="label"), Field("repair_id", 30, id="p-repair"))
                    yield row(Label("2 DMS Customer ID", width=20, classes="label"),
                              Field("customer_id", 30, id="p-customer"), Display(26, id="p-customer-note"))
                    yield row(Label("3 DMS Vehicle ID", width=20, classes="label"),
                              Field("vehicle_id", 30, id="p-vehicle"), Display(26, id="p-vehicle-note"))
                    yield Label("")
                    yield Label("The Repair ID is the repair order the DMS reserved for the work order; it may be",
                                classes="label")
                    yield Label("typed over at any time. Enter on a blank Customer or Vehicle ID searches the DMS.",
                                classes="label")
                with Vertical(id="payments"):
                    yield Label(RECEIPT_HEADER, classes="label list-header")
                    yield OptionList(id="receipt-list", classes="dms-list")
                    yield Display(78, id="receipt-detail")
                with Vertical(id="history"):
                    yield Label("DMS TRANSACTION HISTORY", classes="title")
                    yield Label(EVENT_HEADER, classes="label list-header")
                    yield OptionList(id="history-list", classes="dms-list")
                    yield Display(78, id="event-detail")
        yield MessageLine()
        yield Label(keys.dms_legend(self.tab, self.missing_keys), id="legend")

    def on_mount(self) -> None:
        self.show_tab(self.tab)
        self.message(f"LOADING DMS ACTIVITY FOR DAMAGE REPORT {self.report_number} ...")
        self.load(reserve=self.level == "edit")

    # -- helpers ------------------------------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        return host(self).open_db

    @property
    def connector(self):  # noqa: ANN201
        if self._connector is None:
            from carsplus_tui.settings import get_settings

            settings = getattr(self.app, "settings", None) or get_settings()
            self._connector = dms_service.connector_from_settings(settings)
        return self._connector

    @property
    def fields(self) -> list[Field]:
        """The ID fields, in Enter order (the last field the cursor was in before OPTION is what LOOKUP searches)."""
        return [self.query_one(f"#{name}", Field) for name in ID_FIELDS]

    def view_only(self) -> bool:
        """True (and the message line says so) when this employee may only look."""
        if self.level == "edit":
            return False
        self.refuse(permissions.DMS_VIEW_ONLY)
        return True

    def selected_receipt(self) -> dms_service.Receipt | None:
        if self.activity is None or not self.activity.receipts:
            return None
        index = self.query_one("#receipt-list", OptionList).highlighted
        return self.activity.receipts[index] if index is not None and index < len(self.activity.receipts) else None

    # -- loading ------------------------------------------------------------------------------------------------
    def load(self, reserve: bool = False, note: str | None = None, saved: str | None = None) -> None:
        try:
            connector, problem = self.connector, None
        except ValueError as exc:
            connector, problem = None, str(exc).upper()
        self.read_activity(self.case, connector, problem, reserve, note, saved)

    @db_work(group="dms-load", again="F4")
    def read_activity(self, case: Case, connector: Any, problem: str | None,  # noqa: ANN401
                      reserve: bool, note: str | None, saved: str | None) -> ActivityLoaded | Said:
        try:
            if reserve and connector is not None:
                try:
                    dms_service.reserve_repair_id(self.db, case.report_number, connector, case.employee_code)
                except dms_service.DmsError as exc:
                    problem = f"DMS REPAIR ID NOT RESERVED: {exc}"
            activity = dms_service.load_activity(self.db, case.report_number, connector)
        except LookupError as exc:
            return Said(str(exc))
        return ActivityLoaded(activity, problem or note, saved)

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case Said(line):
                self.message(line)
            case Refused(line, focus):
                self.refuse(line, self.query_one(f"#{focus}", Field) if focus else None)
            case ActivityLoaded(activity, note, saved):
                self.loaded(activity, note, saved)
            case Changed(note, focus, saved):
                self.load(note=note, saved=saved)
                if focus is not None:
                    self.query_one(f"#{focus}").focus()
            case CustomersFound(name, found):
                self.offer_customers(name, found)
            case VehiclesFound(text, found):
                self.offer_vehicles(text, found)

    def loaded(self, activity: dms_service.Activity, note: str | None, saved: str | None = None) -> None:
        self.activity = activity
        h, p = activity.header, activity.properties
        self.query_one("#h-report", Display).show(h.report_number)
        self.query_one("#h-renter", Display).show(h.renter or None)
        self.query_one("#h-claim", Display).show(grouped_money(h.claim_amount) or None)
        self.query_one("#h-insurer", Display).show(h.insurance_company or None)
        self.query_one("#h-vehicle", Display).show(h.vehicle or None)
        self.query_one("#h-vin", Display).show(h.vin_or_unit or None)
        self.query_one("#p-connection", Display).show(p.connection)
        for field_id, value in zip(ID_FIELDS, (p.repair_id, p.customer_id, p.vehicle_id), strict=True):
            field = self.query_one(f"#{field_id}", Field)
            # An ID typed over since the window was last read, and not the one just saved, stays as typed (Enter
            # saves it): the window is read again after every save, and must not undo typing in another ID.
            typed = field_id in self.ids_shown and field.value.strip() != self.ids_shown[field_id]
            if not typed or field_id == saved:
                field.value = value or ""
            self.ids_shown[field_id] = value or ""
        if isinstance(self.focused, Field) and self.focused.id != "option":
            self.focused.select_all()  # overtype, as when the cursor arrives in a field
        # The chosen customer by name (as the DMS search listed it), not a bare `*`.
        chosen = self.customer_names.get(p.customer_id or "") if hasattr(self, "customer_names") else None
        self.query_one("#p-customer-note", Display).show(
            " NEW CUSTOMER RECORD" if p.customer_new else f" {chosen}" if chosen else " ")
        self.query_one("#p-vehicle-note", Display).show(
            f" NEW: {p.vehicle_make} {p.vehicle_model}" if p.vehicle_new else None)
        receipts = self.query_one("#receipt-list", OptionList)
        highlighted = receipts.highlighted
        receipts.clear_options()
        receipts.add_options([Option(receipt_line(r)) for r in activity.receipts])
        if activity.receipts:
            receipts.highlighted = min(highlighted or 0, len(activity.receipts) - 1)
        self.show_receipt_detail()
        events = self.query_one("#history-list", OptionList)
        events.clear_options()
        events.add_options([Option(event_line(e, self.app.size.width)) for e in activity.events])
        if activity.events:
            events.highlighted = 0
        self.show_event_detail()
        self.message(note or f"DAMAGE REPORT {h.report_number} - {len(activity.receipts)} RECEIPT(S), "
                     f"{sum(r.status == 'Ready' for r in activity.receipts)} READY")

    def show_receipt_detail(self) -> None:
        r = self.selected_receipt()
        detail = None
        if r is not None:
            if r.in_doubt:
                detail = f"{dms_service.IN_DOUBT_SHOWN}: {r.failure_message or 'NOT SETTLED'}"
            elif r.status == "Failed":
                detail = f"FAILED: {r.failure_message or ''}"
            elif r.reference_id:
                detail = f"REFERENCE ID {r.reference_id}"
            elif r.corrects_receipt_id:
                detail = f"CORRECTS RECEIPT {r.corrects_receipt_id}"
        self.query_one("#receipt-detail", Display).show(detail)

    def show_event_detail(self) -> None:
        """The highlighted event's reference ID whole (its column keeps 13 characters at 80 columns) and its
        description whole: what a clerk quotes to the DMS."""
        events = self.activity.events if self.activity else []
        index = self.query_one("#history-list", OptionList).highlighted
        e = events[index] if index is not None and index < len(events) else None
        detail = None
        if e is not None and e.reference_id:
            detail = f"REFERENCE ID {e.reference_id} - {e.description}"
        elif e is not None:
            detail = e.description
        self.query_one("#event-detail", Display).show(detail[:78] if detail else None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "receipt-list":
            self.show_receipt_detail()
        elif event.option_list.id == "history-list":
            self.show_event_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    # -- tabs ---------------------------------------------------------------------------------------------------
    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.query_one(ContentSwitcher).current = tab
        for t in TABS:
            self.query_one(f"#tab-{t}", Label).set_class(t == tab, "-active")
        self.query_one("#legend", Label).update(keys.dms_legend(tab, self.missing_keys))
        target = {"properties": "#p-repair", "payments": "#receipt-list", "history": "#history-list"}[tab]
        self.query_one(target).focus()

    def action_tab(self, tab: str) -> None:
        self.show_tab(tab)
        if self.activity is None:  # the window opened while the database was away: F4 AGAIN (any tab) loads it
            self.message(f"LOADING DMS ACTIVITY FOR DAMAGE REPORT {self.report_number} ...")
            self.load(reserve=self.level == "edit")
            return
        self.message(f"{tab.upper()}")

    def action_escape(self) -> None:
        """Esc goes to OPTION; Esc at OPTION leaves the window."""
        option = self.query_one("#option", Field)
        if self.focused is option:
            self.action_leave()
        else:
            option.focus()

    def action_leave(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F9 and F10 carry two meanings each (keys.Key.state): the current tab's binding runs, the other's not."""
        state = keys.STATE_OF_ACTION.get(action)
        return state is None or state == self.tab

    # -- OPTION and Enter ---------------------------------------------------------------------------------------
    def leave_field(self, field: Field) -> None:
        """Enter (or Tab) in an ID field: it is saved, or a blank Customer or Vehicle ID searches the DMS."""
        if self.view_only():
            return
        if field.id == "p-repair":
            self.save_repair_id(self.case, field.value.strip())
        elif field.id == "p-customer":
            self.enter_customer(field.value.strip())
        elif field.id == "p-vehicle":
            self.enter_vehicle(field.value.strip())

    def run_option(self, text: str) -> None:
        if not text:
            return
        action = COMMANDS.get(text)
        if action is None and text in ("1", "2", "3"):
            self.show_tab("properties")
            self.fields[int(text) - 1].focus()
            return
        if action is None:
            self.refuse(f"{text} IS NOT AN OPTION - PROPS PAY HIST ADD ADJUST VOID EXPORT PRINT LOOKUP EXIT")
            return
        keys.run_now(self, action)  # at once, as the key would

    # -- properties ---------------------------------------------------------------------------------------------
    @db_work(group="dms-write", again="ENTER")
    def save_repair_id(self, case: Case, value: str) -> Changed | Refused:
        try:
            saved = dms_service.set_repair_id(self.db, case.report_number, value, case.employee_code)
        except dms_service.DmsInputError as exc:
            return Refused(str(exc), "p-repair")
        return Changed(f"DMS REPAIR ID {saved}" if saved else "DMS REPAIR ID REMOVED", focus="p-customer",
                       saved="p-repair")

    def enter_customer(self, value: str) -> None:
        if value:
            self.choose_customer(value)
        else:
            self.search_customers()

    def enter_vehicle(self, value: str) -> None:
        if value:
            self.choose_vehicle(value, None, None)
        else:
            self.search_vehicles()

    def dms(self, field: str | None = None) -> Any | None:  # noqa: ANN401 - the DMS connector
        """The DMS this window talks to, for a worker (None, and the message line says why, when the settings
        name none that works; the cursor to `field`, the ID it was for)."""
        try:
            return self.connector
        except ValueError as exc:
            self.refuse(str(exc), self.query_one(f"#{field}", Field) if field else None)
            return None

    def search_customers(self) -> None:
        if (connector := self.dms()) is not None:
            self.find_customers(self.case, connector)

    def search_vehicles(self) -> None:
        if (connector := self.dms()) is not None:
            self.find_vehicles(self.case, connector)

    def choose_customer(self, customer_id: str | None) -> None:
        if (connector := self.dms("p-customer")) is not None:
            self.set_customer(self.case, connector, customer_id)

    def choose_vehicle(self, vehicle_id: str | None, make: str | None, model: str | None) -> None:
        if (connector := self.dms("p-vehicle")) is not None:
            self.set_vehicle(self.case, connector, vehicle_id, make, model)

    def action_lookup(self) -> None:
        if self.tab != "properties" or self.view_only():
            return
        # Typed at OPTION (LOOKUP), it searches for the ID field the cursor came from.
        field = self.last_field if self.focused is self.query_one("#option") else self.focused
        if field is self.query_one("#p-vehicle"):
            self.search_vehicles()
        else:
            self.search_customers()

    @db_work(group="dms-search", again="ENTER")
    def find_customers(self, case: Case, connector: Any) -> CustomersFound | Said:  # noqa: ANN401
        # A progress line while the DMS is asked (it may take seconds), not an answer.
        self.app.call_from_thread(self.message, "SEARCHING THE DMS FOR THE RENTER ...")
        try:
            name = dms_service.renter_name(self.db, case.report_number)
            found = dms_service.search_customers(connector, name) if name else []
        except (dms_service.DmsError, ValueError) as exc:
            return Said(str(exc))
        return CustomersFound(name, found)

    def offer_customers(self, name: str, found: list) -> None:
        self.customer_names = {c.id: c.name for c in found}
        lines = [(f"{c.id:<12} {c.name[:30]:<30} {c.address[:18]}", c.id) for c in found]
        lines.append((dms_service.CUSTOMER_NOT_LISTED, NOT_LISTED))
        self.message("")  # the search's progress line is over: the list is the answer

        def chosen(choice: str | None) -> None:
            if choice is None:  # Esc
                self.message("NO CUSTOMER CHOSEN")
            elif choice == NOT_LISTED:
                self.choose_customer(None)
            else:
                self.choose_customer(str(choice))

        self.app.push_screen(ChoiceModal(f"DMS CUSTOMERS - {name or '*'}"[:60], "ID           NAME", lines,
                                         classes="dms-choice"), chosen)

    @db_work(group="dms-write", again="ENTER")
    def set_customer(self, case: Case, connector: Any, customer_id: str | None) -> Changed | Refused:  # noqa: ANN401
        try:
            saved = dms_service.choose_customer(self.db, case.report_number, connector, case.employee_code,
                                                customer_id)
        except (dms_service.DmsError, ValueError) as exc:
            return Refused(str(exc), "p-customer")
        return Changed(f"DMS CUSTOMER ID {saved}", focus="p-vehicle", saved="p-customer")

    @db_work(group="dms-search", again="ENTER")
    def find_vehicles(self, case: Case, connector: Any) -> VehiclesFound | Said:  # noqa: ANN401
        # A progress line while the DMS is asked (it may take seconds), not an answer.
        self.app.call_from_thread(self.message, "SEARCHING THE DMS FOR THE VEHICLE ...")
        try:
            texts = dms_service.vehicle_search_texts(self.db, case.report_number)  # the VIN and the unit #
            found = dms_service.search_vehicles_by(connector, texts)
            text = " OR ".join(texts)
        except (dms_service.DmsError, ValueError) as exc:
            return Said(str(exc))
        return VehiclesFound(text, found)

    def offer_vehicles(self, text: str, found: list) -> None:
        lines = [(f"{v.id:<12} {v.description[:30]:<30} {v.vin[:17]}", v.id) for v in found]
        lines.append((dms_service.VEHICLE_NOT_LISTED, NOT_LISTED))
        self.message("")  # the search's progress line is over: the list is the answer

        def chosen(choice: str | None) -> None:
            if choice is None:  # Esc
                self.message("NO VEHICLE CHOSEN")
            elif choice == NOT_LISTED:
                self.confirm_new_vehicle()
            else:
                self.choose_vehicle(str(choice), None, None)

        self.app.push_screen(ChoiceModal(f"DMS VEHICLES - {text or '*'}"[:60], "ID           DESCRIPTION", lines,
                                         classes="dms-choice"), chosen)

    def confirm_new_vehicle(self) -> None:
        header = self.activity.header if self.activity else None
        words = (header.vehicle.split() if header else [])
        make = words[1] if len(words) > 1 and words[0].isdigit() else (words[0] if words else "")
        model = " ".join(words[2:] if len(words) > 1 and words[0].isdigit() else words[1:])

        def confirmed(values: dict[str, str] | None) -> None:
            if values is None:
                self.message("NEW VEHICLE RECORD NOT EXPORTED")
                return
            self.choose_vehicle(None, values["make"], values["model"])

        self.app.push_screen(NewVehicleModal(make, model), confirmed)

    @db_work(group="dms-write", again="ENTER")
    def set_vehicle(self, case: Case, connector: Any, vehicle_id: str | None,  # noqa: ANN401
                    make: str | None, model: str | None) -> Changed | Refused:
        try:
            saved = dms_service.choose_vehicle(self.db, case.report_number, connector, case.employee_code,
                                               vehicle_id, make=make, model=model)
        except (dms_service.DmsError, ValueError) as exc:
            return Refused(str(exc), "p-vehicle")
        return Changed(f"DMS VEHICLE ID {saved}", saved="p-vehicle")

    # -- payments -----------------------------------------------------------------------------------------------
    def action_add_receipt(self) -> None:
        if self.tab != "payments":
            self.show_tab("payments")
        if self.view_only():
            return

        def added(receipt: dms_service.Receipt | None) -> None:
            if receipt is not None:
                self.load(note=f"RECEIPT {receipt.id} ADDED - {grouped_money(receipt.amount)} READY TO EXPORT")

        self.app.push_screen(ReceiptModal(self.report_number, self.employee_code), added)

    def action_void_receipt(self) -> None:
        if self.view_only():
            return
        r = self.selected_receipt()
        if r is None:
            self.refuse("NO RECEIPT TO VOID")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.void(self.case, r.id)

        self.app.push_screen(YesNoPrompt(f"VOID RECEIPT {r.id} {r.payer_name} {grouped_money(r.amount)}?"), answered)

    @db_work(group="dms-write", again="ENTER")
    def void(self, case: Case, receipt_id: int) -> Changed | Refused:
        try:
            dms_service.void_receipt(self.db, receipt_id, case.employee_code)
        except dms_service.DmsInputError as exc:
            return Refused(str(exc))
        return Changed(f"RECEIPT {receipt_id} VOIDED")

    def action_adjust_receipt(self) -> None:
        if self.view_only():
            return
        r = self.selected_receipt()
        if r is not None and r.in_doubt:
            self.refuse(f"RECEIPT {r.id} IS {dms_service.IN_DOUBT_SHOWN} BEFORE ADJUSTING IT")
            return
        if r is not None and r.status == "Failed":
            self.correct_refused(r)
            return
        if r is None or r.status != "Posted":
            self.refuse("HIGHLIGHT A POSTED RECEIPT TO ADJUST, OR A FAILED ONE TO CORRECT AND SEND AGAIN")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.adjust(self.case, r.id)

        self.app.push_screen(YesNoPrompt(f"ADJUST OUT POSTED RECEIPT {r.id} ({grouped_money(r.amount)})?"), answered)

    def correct_refused(self, r: dms_service.Receipt) -> None:
        def corrected(receipt: dms_service.Receipt | None) -> None:
            if receipt is not None:
                self.load(note=f"RECEIPT {receipt.id} CORRECTED - {grouped_money(receipt.amount)} READY TO EXPORT "
                               "UNDER A NEW KEY")

        self.app.push_screen(ReceiptModal(self.report_number, self.employee_code, correcting=r), corrected)

    @db_work(group="dms-write", again="ENTER")
    def adjust(self, case: Case, receipt_id: int) -> Changed | Refused:
        try:
            added = dms_service.correct_posted_receipt(self.db, receipt_id, case.employee_code)
        except dms_service.DmsInputError as exc:
            return Refused(str(exc))
        return Changed(f"ADJUSTMENT RECEIPT {added.id} ({grouped_money(added.amount)}) READY TO EXPORT")

    def action_export_payments(self) -> None:
        if self.tab != "payments":
            self.show_tab("payments")
        if self.view_only():
            return
        try:
            connector = self.connector
        except ValueError as exc:
            self.refuse(str(exc))
            return
        if not connector.can_post_payments:
            # The manual's note: payments stay listed, but nothing is transferred to this DMS.
            self.refuse("THIS DMS PARTNER DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
            return

        def finished(_: object = None) -> None:
            self.load(note=screen.summary_line)

        screen = ExportingModal(self.report_number, self.employee_code, connector)
        self.app.push_screen(screen, finished)

    # -- history ------------------------------------------------------------------------------------------------
    def action_print_history(self) -> None:
        self.message("PRINTING DMS HISTORY ...")
        self.print_worker(self.case, getattr(self.app, "settings", None))

    @db_work(group="dms-print", again="TRY")
    def print_worker(self, case: Case, settings: Settings | None) -> Said:
        try:
            outcome = dms_service.print_history(self.db, case.report_number, settings=settings)
        except (OSError, LookupError) as exc:
            return Said(str(exc))
        return Said(outcome.message)

    def action_export_summary(self) -> None:
        from carsplus_tui.settings import get_settings

        self.summary_worker(self.case, getattr(self.app, "settings", None) or get_settings())

    @db_work(group="dms-print", again="TRY")
    def summary_worker(self, case: Case, settings: Settings) -> Said:
        from carsplus_tui.printing.dispatch import short_path

        try:
            csv_path, _pdf = dms_service.export_summary(self.db, case.report_number, settings.resolved_spool_dir,
                                                        company=settings.company_name)
        except (OSError, LookupError) as exc:
            return Said(str(exc))
        return Said(f"SUMMARY SAVED AS CSV AND PDF: {short_path(csv_path.with_suffix('.*'), 50)}")


def open_dms_activity(screen: Screen, report_number: int | None, employee: SignedOn) -> None:
    """Page 1 and page 2 call this for F4=DMS (and the OPTION command DMS). Access Claim none: not opened."""
    refused = permissions.dms_denied_reason(employee.access, change=False)
    if refused:
        screen.query_one(MessageLine).refuse(refused)
        return
    if report_number is None:
        screen.query_one(MessageLine).refuse("SAVE OR RECALL A DAMAGE REPORT FIRST - DMS ACTIVITY BELONGS TO A REPORT")
        return
    screen.app.push_screen(DmsActivityScreen(int(report_number), employee.code,
                                             level=permissions.dms_access(employee.access)))


__all__ = ["DmsActivityScreen", "open_dms_activity"]
