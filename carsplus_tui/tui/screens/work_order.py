"""DAMAGE WORK ENTRY: the work order of a saved damage report, as a green screen (DESIGN.md §6b).

Reached with F2 (or WORK at OPTION) from page 1 and page 2 of a saved report. Fields 1-7 (status, opened date,
repair shop, invoice #, estimate, out-of-service date, repair date) and up to 10 cost lines (description, kind P/L/B/O
with a Shift+F7 look-up, amount); the total -- page 2's Our Repair Costs -- shows live. F1 saves through
services/work_orders.py (version check, audit, DMS Repair ID, vehicle history); F9 prints the damage sticker.
Every database call runs in a worker thread that reports back and never stops the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from carsplus_tui.domain.dates import format_counter_date, parse_counter_date
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.money import format_money, parse_money
from carsplus_tui.domain.work_orders import COST_KINDS, MAX_COST_LINES, STATUSES, WorkOrderData, load_work_order
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseFailed, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.terminal_keys import missing_keys
from carsplus_tui.tui.widgets.field import Display, Field, Label, MessageLine

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database

HEAD = ("status", "opened_date", "repair_shop", "invoice_number", "estimate", "out_of_service_date", "repair_date")
WIDTHS = {"status": 9, "opened_date": 8, "repair_shop": 30, "invoice_number": 15, "estimate": 10,
          "out_of_service_date": 8, "repair_date": 8}
LABELS = {"status": "1 Status", "opened_date": "2 Opened Date", "repair_shop": "3 Repair Shop",
          "invoice_number": "4 Invoice #", "estimate": "5 Estimate", "out_of_service_date": "6 Out of Service",
          "repair_date": "7 Repair Date"}
DATES = ("opened_date", "out_of_service_date", "repair_date")
STATUS_WORDS = {"O": "OPEN", "I": "IN REPAIR", "R": "IN REPAIR", "C": "CLOSED", **{s: s for s in STATUSES}}
VIEW_ONLY = "DAMAGE WORK ENTRY - VIEW ONLY"


class OrderRead(NamedTuple):
    """The report's work order (None: none yet) and the report's claim status."""

    order: WorkOrderData | None
    claim_status: int | None


class OrderSaved(NamedTuple):
    saved: Any  # services.work_orders.SavedWorkOrder: its claim status and message
    fresh: WorkOrderData | None


class OrderRefused(NamedTuple):
    """F1 refused: changed on another terminal (`stale`), or a rule broken (`path`: the field to go back to)."""

    text: str
    stale: bool = False
    path: str | None = None


class StickerPrinted(NamedTuple):
    message: str


def _money(value: Any) -> str:  # noqa: ANN401
    return "" if value is None or value == "" else format_money(parse_money(value))


class WorkOrderScreen(FormScreen):
    """DAMAGE WORK ENTRY for one saved damage report."""

    BINDINGS = keys.bindings(keys.WORK_ORDER_KEYS)

    def __init__(self, report_number: int, employee_code: str, *, view_only: bool,
                 on_saved: Callable[[], None] | None = None, connector: Any = None) -> None:  # noqa: ANN401
        super().__init__()
        self.report_number = report_number
        self.employee_code = employee_code
        self.view_only = view_only
        self.on_saved = on_saved
        self._connector = connector
        self.loaded: WorkOrderData | None = None  # as read (None: the report has no work order yet)
        self.stale = False
        self.busy = False

    @property
    def db(self) -> Database:
        return host(self).open_db

    # -- layout -------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="work-order"):
            yield Horizontal(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                             Label(" DAMAGE WORK ENTRY", classes="title"), classes="row")
            yield Horizontal(Label("Damage Rpt#", width=12, classes="label"), Display(8, id="wo-report"),
                             Label("Work Order#", width=12, classes="label"), Display(8, id="wo-number"),
                             Label("Claim Status", width=13, classes="label"), Display(1, id="wo-claim-status"),
                             classes="row")
            for path in HEAD:
                restrict = r"[0-9/-]*" if path in DATES else (r"[0-9., ]*" if path == "estimate" else None)
                yield Horizontal(Label(LABELS[path], width=18, classes="label"),
                                 Field(path, WIDTHS[path], id=f"wo-{path}", restrict=restrict), classes="row")
            yield Label(f"{'8 LN':<5}{'DESCRIPTION':<31}{'KIND':<8}{'AMOUNT':>10}", classes="label wo-lines-head")
            for i in range(MAX_COST_LINES):
                yield Horizontal(
                    Label(f"{i + 1:>3}  ", width=5, classes="label"),
                    Field(f"cost_lines.{i}.description", 30, id=f"wo-line-{i}-description"),
                    Field(f"cost_lines.{i}.kind", 1, id=f"wo-line-{i}-kind", restrict=r"[PLBOplbo]?"),
                    Display(7, id=f"wo-line-{i}-kind-name"),  # LABOUR and a space before the amount
                    Field(f"cost_lines.{i}.amount", 10, id=f"wo-line-{i}-amount", restrict=r"[0-9., ]*"),
                    classes="row wo-line")
            yield Horizontal(Label("TOTAL (OUR REPAIR COSTS)", width=44, classes="label"),
                             Display(11, id="wo-total", classes="wo-money"), classes="row")
        yield MessageLine()
        yield Label(keys.legend(keys.WORK_ORDER_KEYS, missing_keys(self.app)), id="legend")

    # -- fields -------------------------------------------------------------------------------------------------
    def field(self, path: str) -> Field:
        if path.startswith("cost_lines."):
            _, i, name = path.split(".")
            return self.query_one(f"#wo-line-{i}-{name}", Field)
        return self.query_one(f"#wo-{path}", Field)

    @property
    def fields(self) -> list[Field]:
        order = [self.field(p) for p in HEAD]
        for i in range(MAX_COST_LINES):
            order += [self.field(f"cost_lines.{i}.{n}") for n in ("description", "kind", "amount")]
        return order

    def on_mount(self) -> None:
        self.query_one("#wo-report", Display).show(self.report_number)
        for field in self.fields:
            field.disabled = self.view_only
        self.query_one("#option", Field).focus()
        self.message(f"READING WORK ORDER OF DAMAGE REPORT {self.report_number} ...")
        self.load(self.db, self.report_number)

    # -- reading (a worker; a fault is a message) ---------------------------------------------------------------
    @db_work(group="work-order-load", again="F3")
    def load(self, db: Any, report_number: int) -> OrderRead:  # noqa: ANN401
        from carsplus_tui.services.work_orders import claim_status_of, load_work_order_data

        order = load_work_order_data(db, report_number)  # a fault is one line on the message line (db_work)
        return OrderRead(order, claim_status_of(db, report_number))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case OrderRead(order, claim_status):
                self.show_order(order)
                self.query_one("#wo-claim-status", Display).show(claim_status)
            case OrderSaved(saved, fresh):
                self.saved(saved, fresh)
            case OrderRefused(text, stale, path):
                self.refused(text, stale=stale, path=path)
            case StickerPrinted(message):
                self.message(message)

    def on_database_failed(self, event: DatabaseFailed) -> None:
        if event.group == "work-order-save":
            self.busy = False  # F1 works again once the cause is gone; everything typed is still on the screen

    def show_order(self, order: WorkOrderData | None) -> None:
        self.loaded = order
        self.stale = False
        shown = order or WorkOrderData(status="OPEN", opened_date=date.today())
        for path in HEAD:
            value = getattr(shown, path)
            if path in DATES:
                text = format_counter_date(value) if value else ""
            elif path == "estimate":
                text = _money(value)
            else:
                text = value or ""
            self.field(path).value = text
        for i in range(MAX_COST_LINES):
            line = shown.cost_lines[i] if i < len(shown.cost_lines) else None
            self.field(f"cost_lines.{i}.description").value = line.description if line else ""
            self.field(f"cost_lines.{i}.kind").value = line.kind if line else ""
            self.field(f"cost_lines.{i}.amount").value = _money(line.amount) if line else ""
            self.query_one(f"#wo-line-{i}-kind-name", Display).show(COST_KINDS.get(line.kind) if line else None)
        self.query_one("#wo-number", Display).show(order.number if order else "NEW")
        self.show_total()
        if self.view_only:
            self.message(VIEW_ONLY)
        elif order is None:
            self.message("NO WORK ORDER YET - TYPE IT AND PRESS F1 TO CREATE IT")
        else:
            self.message(f"WORK ORDER {order.number} - {order.status}")

    # -- the work order as typed --------------------------------------------------------------------------------
    def typed(self) -> dict[str, Any]:
        """The screen's values in the JSON form (what F1 sends); raises ValueError naming a field it cannot read."""
        values: dict[str, Any] = {}
        for path in HEAD:
            text = self.field(path).value.strip().upper()
            if not text:
                values[path] = None
            elif path == "status":
                values[path] = STATUS_WORDS.get(text, text)
            elif path in DATES:
                try:
                    values[path] = parse_counter_date(text).isoformat()
                except ValueError:
                    raise ValueError(f"{LABELS[path].upper()}: {text} IS NOT A DATE (MM-DD-YY)") from None
            else:
                values[path] = text
        lines = []
        for i in range(MAX_COST_LINES):
            parts = [self.field(f"cost_lines.{i}.{n}").value.strip() for n in ("description", "kind", "amount")]
            if any(parts):
                lines.append({"description": parts[0] or None, "kind": parts[1].upper() or None,
                              "amount": parts[2] or None})
        values["cost_lines"] = lines
        return values

    def show_total(self, pending: tuple[str, str] | None = None) -> None:
        total = Decimal("0.00")
        for i in range(MAX_COST_LINES):
            path = f"cost_lines.{i}.amount"
            text = pending[1] if pending and pending[0] == path else self.field(path).value
            try:
                total += parse_money(text) if text.strip() else Decimal("0.00")
            except (ValueError, ArithmeticError):
                continue
        self.query_one("#wo-total", Display).show(f"{format_money(total):>11}")

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        if isinstance(field, Field) and field.path.endswith(".amount"):
            self.show_total((field.path, field.value))  # live, before Enter

    def leave_field(self, field: Field) -> None:
        """Enter in a field: read it, say what is wrong in one line (the cursor stays), or move on."""
        text = field.value.strip().upper()
        path = field.path
        problem = None
        if path == "status" and text:
            if text not in STATUS_WORDS:
                problem = "1 STATUS: OPEN, IN REPAIR OR CLOSED (O, I, C)"
            else:
                field.value = STATUS_WORDS[text]
        elif path in DATES and text:
            try:
                field.value = format_counter_date(parse_counter_date(text))
            except ValueError:
                problem = f"{LABELS[path].upper()}: {text} IS NOT A DATE (MM-DD-YY)"
        elif (path == "estimate" or path.endswith(".amount")) and text:
            try:
                field.value = _money(text)
            except (ValueError, ArithmeticError):
                problem = f"{text} IS NOT AN AMOUNT"
        elif path.endswith(".kind"):
            if text and text not in COST_KINDS:
                problem = "KIND: P PARTS, L LABOUR, B PAINT, O OTHER - SHIFT+F7 FOR THE LIST"
            else:
                i = path.split(".")[1]
                self.query_one(f"#wo-line-{i}-kind-name", Display).show(COST_KINDS.get(text))
        if problem:
            self.refuse(problem, field)
            return
        self.message("")
        self.show_total()
        if path.endswith(".description") and not text:
            # a blank description at a line: the lines are done, go to OPTION
            self.query_one("#option", Field).focus()
            self.message('PRESS "F1" AT "OPTION" TO SAVE')
            return
        self.move_from(field)

    # -- OPTION and keys ----------------------------------------------------------------------------------------
    def run_option(self, text: str) -> None:
        if not text:
            return
        if text.isdigit() and 1 <= int(text) <= len(HEAD):
            self.field(HEAD[int(text) - 1]).focus()
            return
        if text == "8":
            self.field("cost_lines.0.description").focus()
            return
        action = keys.WORK_ORDER_COMMANDS.get(text)
        if action:
            self.run_key_command(action)
            return
        self.refuse(f"{text} IS NOT AN OPTION - TYPE 1-8, SAVE, RELOAD, STICKER OR EXIT")

    def action_escape(self) -> None:
        if self.focused is self.query_one("#option", Field):
            self.action_leave()
        else:
            self.action_option()

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_field_help(self) -> None:
        self.message("ENTER MOVES ON - F5 BACKS UP - ESC GOES TO OPTION - SHIFT+F7 ON KIND LISTS P/L/B/O")

    def action_lookup(self) -> None:
        """Shift+F7 on a line's kind: P parts, L labour, B paint, O other."""
        field = self.focused
        if not isinstance(field, Field) or not field.path.endswith(".kind") or field.disabled:
            self.refuse("NO LOOK-UP FOR THIS FIELD - SHIFT+F7 WORKS ON A LINE'S KIND")
            return
        from carsplus_tui.tui.modals.choice import ChoiceModal

        def chosen(code: str | None) -> None:
            self.set_focus(field)  # at once: a deferred focus() would pull the cursor back after leave_field
            if code:
                field.value = code
                self.leave_field(field)

        self.app.push_screen(ChoiceModal("COST LINE KINDS", "KIND  DESCRIPTION",
                                         [(f"{k}     {v}", k) for k, v in COST_KINDS.items()]), chosen)

    def action_reload(self) -> None:
        """F3: read the work order again (after a refused save: as the other clerk left it)."""
        self.message("READING THE WORK ORDER AGAIN ...")
        self.load(self.db, self.report_number)

    def action_save(self) -> None:
        """F1: create or change the work order."""
        if self.view_only:
            self.refuse(VIEW_ONLY)
            return
        if self.stale:
            self.refuse("THE WORK ORDER WAS CHANGED BY ANOTHER CLERK - F3 TO RELOAD")
            return
        if self.busy:
            return
        focused = self.focused
        try:
            values = self.typed()
            values["version"] = self.loaded.version if self.loaded is not None else None
            values["number"] = self.loaded.number if self.loaded is not None else None
            order = load_work_order(values)
        except ValueError as exc:
            self.refuse(str(exc).splitlines()[0], focused if isinstance(focused, Field) else None)
            return
        self.busy = True
        self.message("SAVING THE WORK ORDER ...")
        self.save(self.db, self.report_number, order, self.employee_code, self.connector())

    @db_work(group="work-order-save", again="F1")
    def save(self, db: Any, report_number: int, order: WorkOrderData, employee_code: str,  # noqa: ANN401
             connector: Any) -> OrderSaved | OrderRefused:  # noqa: ANN401
        from carsplus_tui.services.work_orders import StaleWorkOrderError, load_work_order_data, save_work_order

        try:
            saved = save_work_order(db, report_number, order, employee_code, connector=connector)
            fresh = load_work_order_data(db, report_number)
        except StaleWorkOrderError as exc:
            return OrderRefused(str(exc), stale=True)
        except ReportValidationError as exc:
            from carsplus_tui.tui.validation import errors_message

            return OrderRefused(errors_message(exc.errors), path=exc.errors[0].field)
        # Any other failure (database down, locked, full...) is one line from db_work; on_database_failed
        # lets F1 work again.
        return OrderSaved(saved, fresh)

    def connector(self):  # noqa: ANN201
        if self._connector is None:
            from carsplus_tui.dms import connector_from_settings
            from carsplus_tui.settings import get_settings

            try:
                self._connector = connector_from_settings(getattr(self.app, "settings", None) or get_settings())
            except ValueError:
                return None
        return self._connector

    def refused(self, text: str, *, stale: bool = False, path: str | None = None) -> None:
        self.busy = False
        self.stale = stale
        target = None
        if path:
            try:
                target = self.field(path.removeprefix("work_order."))
            except Exception:  # noqa: BLE001 - a path the screen has no field for: the message says it all
                target = None
        self.refuse(text, target)

    def saved(self, saved: Any, fresh: WorkOrderData | None) -> None:  # noqa: ANN401
        self.busy = False
        self.show_order(fresh)
        self.query_one("#wo-claim-status", Display).show(saved.claim_status)
        self.query_one("#option", Field).focus()
        self.message(saved.message)
        if self.on_saved is not None:
            self.on_saved()

    def action_sticker(self) -> None:
        """F9: "This 'sticker' can also be printed from the Damage Work Entry program as well." """
        self.message("PRINTING THE DAMAGE STICKER ...")
        self.print_sticker(self.db, self.report_number)

    @db_work(group="work-order-print", again="F9")
    def print_sticker(self, db: Any, report_number: int) -> StickerPrinted:  # noqa: ANN401
        from carsplus_tui.domain.printing import PrintForm
        from carsplus_tui.services.printing import print_form

        outcome = print_form(db, report_number, PrintForm.DAMAGE_STICKER)  # a fault is one line (db_work)
        return StickerPrinted(outcome.message)


def open_work_order(screen: FormScreen, report_number: int | None, employee: Any,  # noqa: ANN401
                    on_saved: Callable[[], None] | None = None) -> None:
    """Page 1 and page 2 call this for F2 (and WORK at OPTION): "Access Claim" decides as for page 2 -- edit
    changes the work order, view only looks, none does not open it."""
    from carsplus_tui.domain import permissions

    if report_number is None:
        screen.refuse("SAVE OR RECALL A DAMAGE REPORT FIRST - A WORK ORDER BELONGS TO A SAVED REPORT")
        return
    level = permissions.page2_access(employee.access)
    if level == "none":
        screen.refuse("NO ACCESS TO CLAIM INFO - DAMAGE WORK ENTRY NEEDS IT")
        return
    screen.app.push_screen(WorkOrderScreen(int(report_number), employee.code, view_only=level != "edit",
                                           on_saved=on_saved))


__all__ = ["WorkOrderScreen", "open_work_order"]
