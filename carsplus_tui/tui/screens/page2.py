"""Page 2: DAMAGE ENTRY - CLAIM INFO, laid out like the manual's screen.

Column one tracks the steps of the claim, column two "behaves much like an adding machine tape", and the Notes
subwindow fills the lower half. The screen holds the same `ReportEditor` as page 1 (it never reaches into page 1),
so F1 on either page saves the whole report. Every status and amount shown comes from the domain's
engine: the money column is re-evaluated on every keystroke in a money field, the claim status "whenever the cursor
is returned to the Option field".
"""

from __future__ import annotations

from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from carsplus_tui.domain import engine, permissions
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import PAGE2_ORDER, SHOWN_WIDTHS, describe
from carsplus_tui.domain.loss_of_use import LossOfUseData
from carsplus_tui.domain.money import format_money, parse_money
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.tui import keys, programs
from carsplus_tui.services.editor import Notice, ReportEditor, ReportReplaced
from carsplus_tui.services.sign_on import SignedOn
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.editing import ReportScreen
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.notes import note_lines
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.terminal_keys import missing_keys
from carsplus_tui.tui.validation import display_text, errors_message, schema_errors
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

LEFT_LABEL = 20
RIGHT_LABEL = 22
MONEY = SHOWN_WIDTHS["money"]  # width of a money field (the field registry's)
NOTES_SHOWN = 9  # lines of the Notes subwindow

# Enter order: the manual's numbers 1-14 (7 is two fields), as the field registry lists them.
ORDER = PAGE2_ORDER
MONEY_INPUTS = tuple(path for path in ORDER if describe(path).spec.kind == "money")
FIELD_NUMBERS = numbered(ORDER)
COMPUTED = ("our_repair_costs", "maximum_liability", "final_liability", "excess_charged_ra", "charge_refund_due",
            "amount_outstanding")
VIEW_ONLY = "CLAIM INFO - VIEW ONLY"


def money_text(value: Any, width: int = MONEY) -> str:  # noqa: ANN401
    """Money right-aligned with two decimals; blank when there is none."""
    if value is None or value == "":
        return ""
    try:
        return f"{format_money(parse_money(value)):>{width}}"
    except (ValueError, ArithmeticError, TypeError):
        return str(value)


def widget_id(path: str) -> str:
    return "p2-" + path


# What page 2's database calls answer; each comes back as DatabaseDone (tui/dbwork.py).
class FactsLoaded(NamedTuple):
    """What page 2 shows beside the report: the claim facts, the control switches and the codes it checks."""

    facts: engine.ClaimFacts
    control: Any  # services.entry's control record
    categories: dict[str, str]
    locations: set[str]
    employees: set[str]


class LossOfUseComputed(NamedTuple):
    lou: LossOfUseData


class Said(NamedTuple):
    """A line for the message line: where a print went."""

    line: str


class LossOfUseRefused(NamedTuple):
    """Why the loss of use cannot be counted (LOU refused)."""

    line: str


class HistoryRead(NamedTuple):
    number: int
    lines: list[str]
    verdict: list[str]


class LookupRead(NamedTuple):
    """Shift+F7: the codes for field `path`."""

    path: str
    choices: list


class ClaimInfoScreen(ReportScreen):
    """DAMAGE ENTRY - CLAIM INFO (page 2). Dismissed with what the agent asked for here that page 1 does: "erase"
    (F3), "follow_ups" (FOLLOW), or None (F8)."""

    BINDINGS = keys.bindings(keys.PAGE2_KEYS)

    def __init__(self, editor: ReportEditor, employee: SignedOn) -> None:
        super().__init__(editor, employee)
        self.level = permissions.page2_access(employee.access)
        self.view_only = self.level != "edit"
        self.facts: engine.ClaimFacts | None = None
        self.control = editor.control
        self.categories: dict[str, str] = {}
        self.locations: set[str] | None = None
        self.employees: set[str] | None = None
        self.evaluation: engine.Evaluation | None = None

    # ------------------------------------------------------------------------------------------------------------
    # Layout: the manual's two columns, then the Notes subwindow
    # ------------------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yn = {"restrict": r"[YNyn]?", "refusal": "ENTER Y OR N"}
        money: dict[str, str] = {}  # any character is taken and the amount checked on Enter, never dropped

        def label(text: str, width: int) -> Label:
            return Label(text, width=width, classes="label")

        def field(path: str, **kw: Any) -> Field:  # noqa: ANN401
            return registry_field(path, id=widget_id(path), **kw)  # as wide as the field registry says

        def row(left: list, right: list) -> Horizontal:
            return Horizontal(Horizontal(*left, classes="p2-left"), Horizontal(*right, classes="p2-right"),
                              classes="row")

        def amount(path: str) -> list:
            return [row_label(path, RIGHT_LABEL), field(path, **money)]

        def left(path: str, **kw: Any) -> list:  # noqa: ANN401
            return [row_label(path, LEFT_LABEL), field(path, **kw)]

        def displayed(name: str, label_width: int | None = None) -> list:
            return shown(2, name, label_width)

        def computed(path: str) -> list:
            return [row_label(path, RIGHT_LABEL), Display(MONEY + 1, id=f"d-{path}", classes="p2-money")]

        with Vertical(id="page2"):
            yield Horizontal(label("OPTION:", 8), Field("option", 14, id="option"),
                             Label(" DAMAGE ENTRY - CLAIM INFO", classes="title"), classes="row")
            # Column one's statuses: labels and widths from the field registry (SHOWN), values from the editor.
            yield row([*displayed("claim_status", LEFT_LABEL), Label("/"), *displayed("claim_status_name")],
                      computed("our_repair_costs"))
            yield row([*displayed("report_number", LEFT_LABEL), Label("/"), *displayed("report_status")],
                      amount("misc_costs"))
            yield row(displayed("work_order_status", LEFT_LABEL), amount("third_party_costs"))
            yield row(left("report_checked", **yn), amount("third_party_recovery"))
            yield row(left("external_claim", **yn), amount("goodwill_deduction"))
            yield row(left("external_closed", **yn), computed("final_liability"))
            yield row(left("external_type"), computed("excess_charged_ra"))
            yield row([*left("accident_category"), Label("/"), *displayed("category")],
                      computed("charge_refund_due"))
            yield row(left("follow_up_date"), amount("amount_refunded"))
            yield row([*left("claim_location"), Label("/"), field("claim_employee")], amount("amount_charged"))
            yield row([row_label("maximum_liability", LEFT_LABEL),
                       Display(MONEY + 1, id="d-maximum_liability", classes="p2-money")],
                      computed("amount_outstanding"))
            yield Label("NOTES", id="p2-notes-title", classes="title")
            yield Static("", id="p2-notes", markup=False)
        yield MessageLine()
        yield Label(keys.legend(keys.PAGE2_KEYS, missing_keys(self.app)), id="legend")

    # ------------------------------------------------------------------------------------------------------------
    # Start-up: the facts from the database once, then everything from the engine
    # ------------------------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.show_report()
        if self.view_only:
            self.message(VIEW_ONLY)
        self.query_one("#option", Field).focus()
        self.load_facts()

    def load_facts(self) -> None:
        self.read_facts(self.report.get("report_number"), self.report.get("ra_number"), self.control)

    # ENTER at OPTION asks again (run_option): F8 would leave for page 1.
    @db_work(group="page2-facts", again="ENTER")
    def read_facts(self, number: int | None, ra_number: str | None, control: Any) -> FactsLoaded:  # noqa: ANN401
        """The claim facts of report `number` on RA `ra_number` (as on the screen when they were asked for), and the
        control switches unless the page has them."""
        from carsplus_tui.services import entry, lookups
        from carsplus_tui.services.reports import claim_facts_for

        facts = claim_facts_for(self.db, number, ra_number)
        control = control or entry.control(self.db)
        # Retired codes too: an old report keeps and shows them (the save refuses a retired code newly typed).
        categories = {c.code: c.description for c in lookups.claim_categories(self.db, include_retired=True)}
        locations = {c.code for c in lookups.locations(self.db, include_retired=True)}
        employees = {c.code for c in lookups.employees(self.db)}
        return FactsLoaded(facts, control, categories, locations, employees)

    def on_database_done(self, event: DatabaseDone) -> None:
        """Page 2's own answers (the editor's save and reload: ReportScreen)."""
        match event.result:
            case FactsLoaded(facts, control, categories, locations, employees):
                self.facts_loaded(facts, control, categories, locations, employees)
            case LossOfUseComputed(lou):
                self.loss_of_use_computed(lou)
            case Said(line):
                self.message(line)
            case LossOfUseRefused(line):
                self.refuse(line)
            case HistoryRead(number, lines, verdict):
                self.show_history(number, lines, verdict)
            case LookupRead(path, choices):
                self.show_lookup(path, choices)

    def facts_loaded(self, facts: engine.ClaimFacts, control, categories: dict[str, str],  # noqa: ANN001
                     locations: set[str], employees: set[str]) -> None:
        self.facts = facts
        self.control = control
        self.categories = categories
        self.locations = locations
        self.employees = employees
        self.show_category()
        self.refresh_claim(statuses=True)

    # ------------------------------------------------------------------------------------------------------------
    # The report on the screen
    # ------------------------------------------------------------------------------------------------------------
    def field(self, path: str) -> Field:
        return self.query_one("#" + widget_id(path), Field)

    @property
    def fields(self) -> list[Field]:
        return [self.field(path) for path in ORDER]

    def show_report(self) -> None:
        """Every input from the report (after opening, a save or a reload) and the figures from the engine."""
        for field in self.fields:
            value = self.report.get(field.path)
            if field.path in MONEY_INPUTS:
                field.value = money_text(value)
            else:
                field.value = display_text(field.path, value)
        self.show_category()
        self.show_notes()
        self.show_loss_of_use()
        self.refresh_claim(statuses=True)

    def loss_of_use(self) -> LossOfUseData | None:
        value = self.report.get("loss_of_use")
        if not value:
            return None
        try:
            return LossOfUseData.model_validate(value)
        except ValueError:
            return None

    def show_loss_of_use(self) -> None:
        """The derivation of the loss of use in Misc Costs, on the Notes title line."""
        lou = self.loss_of_use()
        if lou is None:
            text = "NOTES"
        else:
            text = f"NOTES   LOSS OF USE {lou.period}: {lou.derivation}"
            if len(text) > 80:  # a long stay at a high rate: the short word, so it still fits the screen
                text = f"NOTES  LOU {lou.period}: {lou.derivation}"
        self.query_one("#p2-notes-title", Label).update(text)

    def show_category(self) -> None:
        code = self.report.get("accident_category")
        self.query_one("#d-category", Display).show(self.categories.get(code) if code else None)

    def show_notes(self) -> None:
        lines = note_lines(self.report.get("notes") or [])
        if len(lines) > NOTES_SHOWN:
            lines = [f"({len(lines) - NOTES_SHOWN + 1} EARLIER LINES - N AT OPTION FOR ALL NOTES)",
                     *lines[-(NOTES_SHOWN - 1):]]
        self.query_one("#p2-notes", Static).update("\n".join(lines) or "NO NOTES YET")

    def evaluate(self, report: Any = None) -> engine.Evaluation | None:
        if self.facts is None or self.control is None:
            return None
        try:
            data = load_report(report if report is not None else self.report)
        except ReportValidationError:
            return None
        return engine.evaluate(data, self.facts, self.control)

    def refresh_claim(self, *, statuses: bool = False, report: Any = None) -> None:  # noqa: ANN401
        """The money column from the engine; with `statuses`, column one's statuses and the fields' access too."""
        ev = self.evaluate(report)
        if ev is None:
            return
        self.show_money(ev)
        if statuses:
            self.evaluation = ev
            show_values(self, self.editor.page2_statuses(ev))
            self.apply_access(ev)

    def show_money(self, ev: engine.Evaluation) -> None:
        money = ev.money
        for name in COMPUTED:
            self.query_one(f"#d-{name}", Display).show(money_text(getattr(money, name), MONEY + 1))

    def apply_access(self, ev: engine.Evaluation) -> None:
        """Which fields the clerk may set now (the engine's `page2_editable`); none when view-only."""
        for field in self.fields:
            field.disabled = self.view_only or field.path not in ev.page2_editable
        external = self.field("external_claim")
        if not external.value and self.report.get("external_claim") is None:
            # "This field defaults to 'Y' in any of the following circumstances ..."
            external.value = ev.external_claim_default

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        if isinstance(field, Field) and field.path in MONEY_INPUTS and self.focused is field:
            # Live figures: what is typed counts before Enter.
            self.refresh_claim(report={**self.report, field.path: field.value.strip() or None})

    def on_descendant_focus(self, event) -> None:  # noqa: ANN001
        # "the claim status is re-evaluated whenever the cursor is returned to the Option field"
        if getattr(event.widget, "id", None) == "option":
            self.refresh_claim(statuses=True)

    # ------------------------------------------------------------------------------------------------------------
    # Moving between fields
    # ------------------------------------------------------------------------------------------------------------
    def put(self, path: str, value: Any) -> bool:  # noqa: ANN401
        return self.editor.put(path, value)

    def store_and_check(self, field: Field) -> bool:
        value = field.value.strip() or None
        if field.path in MONEY_INPUTS and value:
            try:
                value = format_money(parse_money(value))
            except ValueError:
                pass  # the schema check below names the problem
        self.put(field.path, value)
        errors = schema_errors(self.report, field.path)
        if errors:
            self.refuse(str(errors[0]), field)
            return False
        self.message("")
        return True

    def leave_field(self, field: Field) -> None:
        """Enter in a field: store it, check it against the files, run what the manual says happens there."""
        if not self.store_and_check(field):
            return
        path = field.path
        value = self.report.get(path)
        lou = self.loss_of_use()
        if path == "misc_costs" and lou is not None and parse_money(self.report.get("misc_costs") or "0") < lou.amount:
            self.refuse(f"9 MISC COSTS: MAY NOT BE LESS THAN THE LOSS OF USE ({format_money(lou.amount)}) - "
                        "NOLOU AT OPTION REMOVES IT", field)
            return
        if path == "accident_category" and value and self.categories and value not in self.categories:
            self.refuse(f"5 ACCIDENT CATEGORY: {value} IS NOT A CLAIM CATEGORY - SHIFT+F7 FOR THE LIST", field)
            return
        if path == "claim_location" and value and self.locations is not None and value not in self.locations:
            self.refuse(f"7 CLAIM LOC: LOCATION {value} IS NOT ON FILE - SHIFT+F7 FOR THE LIST", field)
            return
        if path == "claim_employee" and value and self.employees is not None and value not in self.employees:
            self.refuse(f"7 CLAIM EMPL: EMPLOYEE {value} IS NOT ON FILE - SHIFT+F7 FOR THE LIST", field)
            return
        if path == "external_claim" and value != "Y":
            # "accessible only when the External Claim field is set to 'Y'": they may not stand beside an N.
            for other in ("external_closed", "external_type"):
                if self.report.get(other) is not None:
                    self.put(other, None)
                    self.field(other).value = ""
        if path in MONEY_INPUTS:
            field.value = money_text(value)
        self.show_category()
        self.keep_draft()
        if path == "follow_up_date" and value and value != (self.editor.loaded or {}).get(path):
            self.follow_up_notes(field)
            return
        self.refresh_claim(statuses=True)
        self.move_from(field)

    def follow_up_notes(self, field: Field) -> None:
        """6. FOLLOW-UP DATE: "Entering a date in this field brings up a pop-up window of the next 5 available lines
        in the Notes record for the details of this follow-up event. Data must be entered in the first line." """
        def done(lines: list[str] | None) -> None:
            if not lines or not lines[0].strip():
                self.put("follow_up_date", (self.editor.loaded or {}).get("follow_up_date"))
                field.value = display_text("follow_up_date", self.report.get("follow_up_date"))
                self.refuse("6 FOLLOW-UP DATE: THE FIRST NOTE LINE IS REQUIRED - DATE NOT TAKEN", field)
                return
            self.add_note(lines)
            self.refresh_claim(statuses=True)
            self.move_from(field)

        self.app.push_screen(LinesModal("FOLLOW-UP - NEXT 5 NOTE LINES (FIRST REQUIRED)", [], 5, path="notes"),
                             done)

    def add_note(self, lines: list[str]) -> None:
        self.editor.add_note(lines, line="")
        self.keep_draft()

    # ------------------------------------------------------------------------------------------------------------
    # OPTION and the keys
    # ------------------------------------------------------------------------------------------------------------
    def run_option(self, text: str) -> None:
        if not text:
            if self.facts is None:  # the claim facts never came (the database was away): ask again
                self.load_facts()
            return
        if text in FIELD_NUMBERS:
            target = self.field(FIELD_NUMBERS[text])
            if target.disabled:
                self.refuse(VIEW_ONLY if self.view_only else self.closed_reason(target.path))
            else:
                target.focus()
            return
        action = keys.PAGE2_COMMANDS.get(text)
        if action:
            self.run_key_command(action)
            return
        if text.startswith("#"):  # as on page 1: #12345 recalls report 12345 (on page 1, then its page 2 here)
            number = text[1:].strip()
            if number.isdigit() and int(number) > 0:
                self.dismiss(f"recall {int(number)}")  # type: ignore[arg-type]
            else:
                self.refuse("TYPE # AND THE DAMAGE REPORT NUMBER, E.G. #12345")
            return
        program, rest = programs.find(text)
        if program is not None and not text[:1].isdigit():  # a program's code, as at any menu OPTION
            app, employee = self.app, self.employee
            app.pop_screen()
            app.run_program(program, employee, rest)  # type: ignore[attr-defined]
            return
        self.refuse(f"{text} IS NOT AN OPTION - TYPE #REPORT, A FIELD NUMBER, OR SAVE/ERASE/PREV/NOTES/HISTORY/LOU")

    # ------------------------------------------------------------------------------------------------------------
    # Loss of use (LOU, NOLOU, UTIL at OPTION)
    # ------------------------------------------------------------------------------------------------------------
    def action_loss_of_use(self) -> None:
        """LOU: 9 Misc Costs = the work order's days out of service x the daily rate (the RA's, or the control
        record's for the vehicle's class); when cars of the class stood idle on those days, ask first."""
        if self.view_only:
            self.refuse(VIEW_ONLY)
            return
        number = self.report.get("report_number")
        if number is None:
            self.refuse("LOU: SAVE THE REPORT FIRST (F1) - LOSS OF USE NEEDS ITS WORK ORDER")
            return
        self.message("LOU: COUNTING THE FLEET ...")
        self.compute_loss_of_use(number)

    @db_work(group="page2-lou", again="LOU")
    def compute_loss_of_use(self, number: int) -> LossOfUseComputed | LossOfUseRefused:
        from carsplus_tui.services.loss_of_use import LossOfUseError, loss_of_use_for

        try:
            result = loss_of_use_for(self.db, number)
        except LossOfUseError as exc:
            return LossOfUseRefused(str(exc))
        return LossOfUseComputed(result.data)

    def loss_of_use_computed(self, lou: LossOfUseData) -> None:
        if lou.idle_warning is None:
            self.charge_loss_of_use(lou)
            return
        question = (f"{lou.vehicle_class or 'THE CLASS'} HAD A CAR FREE ON {lou.days_idle} OF {lou.days} DAYS - "
                    "CHARGE LOSS OF USE ANYWAY?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.charge_loss_of_use(lou)
            else:
                self.message(f"LOSS OF USE NOT CHARGED - {lou.utilization_summary}")

        self.message(lou.idle_warning)
        self.app.push_screen(YesNoPrompt(question), answered)

    def charge_loss_of_use(self, lou: LossOfUseData) -> None:
        self.put("loss_of_use", lou.model_dump(mode="json"))
        self.put("misc_costs", format_money(lou.amount))
        self.field("misc_costs").value = money_text(lou.amount)
        self.keep_draft()
        self.show_loss_of_use()
        self.refresh_claim(statuses=True)
        self.message(f"9 MISC COSTS = LOSS OF USE {lou.derivation} - F1 TO SAVE")

    def action_remove_loss_of_use(self) -> None:
        """NOLOU: the loss of use leaves Misc Costs (what else was in it stays)."""
        if self.view_only:
            self.refuse(VIEW_ONLY)
            return
        lou = self.loss_of_use()
        if lou is None:
            self.refuse("NO LOSS OF USE IS CHARGED")
            return
        rest = parse_money(self.report.get("misc_costs") or "0") - lou.amount
        self.put("loss_of_use", None)
        self.put("misc_costs", format_money(rest) if rest > 0 else None)
        self.field("misc_costs").value = money_text(self.report.get("misc_costs"))
        self.keep_draft()
        self.show_loss_of_use()
        self.refresh_claim(statuses=True)
        self.message("LOSS OF USE REMOVED FROM 9 MISC COSTS - F1 TO SAVE")

    def action_utilization_log(self) -> None:
        """UTIL: print the fleet utilization log of the loss of use as saved."""
        number = self.report.get("report_number")
        saved = (self.editor.loaded or {}).get("loss_of_use")
        if number is None or not saved:
            self.refuse("NO LOSS OF USE SAVED ON THIS REPORT - LOU, THEN F1")
            return
        self.print_utilization_log(number)

    @db_work(group="page2-util", again="UTIL")
    def print_utilization_log(self, number: int) -> Said:
        from carsplus_tui.domain.printing import PrintForm
        from carsplus_tui.services.printing import print_form

        return Said(print_form(self.db, number, PrintForm.UTILIZATION_LOG).message)

    def closed_reason(self, path: str) -> str:
        """Why a page-2 field cannot be set now, as the rules say it (`5 ... CAN BE SET ONCE THE CLAIM ...`)."""
        from carsplus_tui.domain.errors import field_error
        from carsplus_tui.domain.rules import locked_reason

        ev = getattr(self, "evaluation", None)
        return str(field_error(path, locked_reason(path, ev))) if ev is not None else f"{path}: NOT OPEN YET"

    def action_next_page(self) -> None:
        """F8: back to page 1."""
        self.dismiss(None)

    def action_follow_ups(self) -> None:
        """FOLLOW at OPTION: back to page 1, which opens the FOLLOW-UP QUEUE."""
        self.dismiss("follow_ups")  # type: ignore[arg-type]

    def action_menu(self) -> None:
        """MENU at OPTION: back to page 1, which opens the DAMAGE TRACKING SUBMENU over it."""
        self.dismiss("menu")  # type: ignore[arg-type]

    def action_erase(self) -> None:
        """F3: after a refused save, reload the report and re-apply what was typed; otherwise page 1's ERASE."""
        if self.editor.stale:
            self.reload_after_stale()
            return
        self.dismiss("erase")  # type: ignore[arg-type]

    def notes_changed(self) -> None:
        self.show_notes()

    def action_dms(self) -> None:
        """F4: the report's DMS ACTIVITY window, from page 2 as from page 1."""
        host(self).open_program("DMS", self, report=self.report.get("report_number"),
                              employee=self.employee)

    def action_work_order(self) -> None:
        """F2 (WORK at OPTION): DAMAGE WORK ENTRY; its lines come back as Our Repair Costs, its status as Work
        Order Status."""
        host(self).open_program("DMGWRK", self, report=self.report.get("report_number"),
                              employee=self.employee, on_saved=self.refresh_after_work_order)

    def action_history(self) -> None:
        number = self.report.get("report_number")
        if number is None:
            self.refuse("NO HISTORY - THE REPORT IS NOT SAVED YET")
            return
        self.load_history(number)

    @db_work(group="page2-history", again="F9")
    def load_history(self, number: int) -> HistoryRead:
        from carsplus_tui.services.audit import history_verdict
        from carsplus_tui.services.reports import report_history

        return HistoryRead(number, report_history(self.db, number), history_verdict(self.db, number))

    def show_history(self, number: int, lines: list[str], verdict: list[str] | None = None) -> None:
        from carsplus_tui.tui.modals.history import HistoryModal

        self.app.push_screen(HistoryModal(number, lines, verdict))

    def action_lookup(self) -> None:
        """Shift+F7 on 5 Accident Category (and the claim location and employee)."""
        field = self.focused
        if not isinstance(field, Field) or field.disabled or field.path not in (
                "accident_category", "claim_location", "claim_employee"):
            self.refuse("NO LOOK-UP FOR THIS FIELD")
            return
        self.lookup(field.path)

    @db_work(group="page2-lookup", again="SHIFT+F7")
    def lookup(self, path: str) -> LookupRead:
        from carsplus_tui.services import lookups

        finder = {"accident_category": lookups.claim_categories, "claim_location": lookups.locations,
                  "claim_employee": lookups.employees}[path]
        return LookupRead(path, finder(self.db))

    def show_lookup(self, path: str, choices: list) -> None:
        title = {"accident_category": "CLAIM CATEGORIES", "claim_location": "LOCATIONS",
                 "claim_employee": "EMPLOYEES"}[path]
        field = self.field(path)

        def chosen(code: str | None) -> None:
            if code:
                field.value = code
                self.leave_field(field)
            else:
                field.focus()

        self.app.push_screen(ChoiceModal(title, "CODE   DESCRIPTION",
                                         [(f"{c.code:<6} {c.description}", c.code) for c in choices]), chosen)

    def action_field_help(self) -> None:
        from carsplus_tui.tui.field_help import help_message

        if isinstance(self.focused, Field) and self.focused.id != "option":
            self.message(help_message(self.focused.path))  # the manual's words for the field, its format and keys
            return
        if self.focused is self.query_one("#option", Field):
            self.message(keys.LEAVE_HELP)  # F7 at OPTION: how to leave
            return
        self.message("ENTER MOVES ON - F5 BACKS UP - ESC GOES TO OPTION - SHIFT+F7 LOOKS UP CODES")

    def action_sign_off(self) -> None:
        """F12 or OFF at OPTION: as on page 1 (the field the cursor is in counts, the report is kept as a draft)."""
        host(self).sign_off()

    def capture_typing(self) -> None:
        focused = self.focused
        if isinstance(focused, Field) and focused.id != "option" and not focused.disabled:
            value = focused.value.strip() or None
            if value != self.report.get(focused.path):
                self.put(focused.path, value)

    # ------------------------------------------------------------------------------------------------------------
    # Page 1's save path reports here while page 2 is shown
    # ------------------------------------------------------------------------------------------------------------
    def show_errors(self, exc: ReportValidationError) -> None:
        path = exc.errors[0].field.split(".")[0]
        target = self.field(path) if path in ORDER else None
        self.refuse(errors_message(exc.errors), target)  # the first reason, then the other fields by name

    def after_notice(self, notice: Notice) -> None:
        """The report as saved or reloaded: new facts (postings change Excess Charged RA)."""
        if isinstance(notice, ReportReplaced) and notice.why in ("saved", "reloaded"):
            if notice.why == "saved" and not self.editor.dirty:  # typing on since F1 keeps the cursor
                self.query_one("#option", Field).focus()
            self.load_facts()


__all__ = ["ClaimInfoScreen"]
