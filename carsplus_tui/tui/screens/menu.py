"""DAMAGE TRACKING SUBMENU: the manual's "type DMGENT (RET) at any menu OPTION field or the appropriate line number on
the Damage Tracking Submenu" (issue 21, item 1).

    OPTION: ______  DAMAGE TRACKING SUBMENU                         12-06-26
      1. DAMAGE REPORT ENTRY                     DMGENT
      2. DAMAGE WORK ENTRY (2 AND REPORT #)      DMGWRK
      ...

A line number or a program code typed at OPTION opens the program; Enter alone opens Damage Report Entry (page 1 is
one keystroke away for an employee whose first screen is the menu). Every program is one line of `PROGRAMS`
(adding a report is one line there). The maintenance programs need the administrator flag of the User Access File:
they are not listed for anyone else, and typing their code or line is refused with a message.

Navigation: the app has at most one page 1. Choosing a program that lives on page 1 (entry, search, follow-up
queue) goes back to the page 1 under this menu (its typing kept) or opens one; MENU at page 1's OPTION puts a menu
over it. The maintenance screens open over the menu and come back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.tui import keys
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

if TYPE_CHECKING:
    from textual.app import App

    from carsplus_tui.services.sign_on import SignedOn

TITLE = "DAMAGE TRACKING SUBMENU"
NOT_ADMINISTRATOR = "NOT AUTHORISED - ADMINISTRATOR ONLY (USER ACCESS FILE)"


@dataclass(frozen=True)
class Program:
    """One line of the menu. `page1`: the action of page 1 that runs it (page 1 is opened or gone back to first);
    `screen`: "module:Class" of a screen opened over the menu, built as Class(employee)."""

    line: int
    label: str
    code: str
    page1: str | None = None
    screen: str | None = None
    administrator: bool = False
    report_number: bool = False  # the line takes a damage report # after it ("2 12345")


# The menu, in line order. A program added to the product is one line here.
PROGRAMS: tuple[Program, ...] = (
    Program(1, "DAMAGE REPORT ENTRY", "DMGENT", page1="enter"),
    Program(2, "DAMAGE WORK ENTRY (LINE 2 AND REPORT #)", "DMGWRK", report_number=True),
    Program(3, "DAMAGE REPORT SEARCH", "DMGSRCH", page1="action_search"),
    Program(4, "FOLLOW-UP QUEUE", "FOLLOW", page1="action_follow_ups"),
    # 5-7: the claims clerk's reports (no access for an Access Claim of none, as page 2); 8-9 free.
    Program(5, "DAMAGE SUMMARY REPORT", "DMGSUM", page1="action_damage_summary"),
    Program(6, "VEHICLE INCIDENT CLEARANCE REPORT", "VICRPT", page1="action_clearance_report"),
    Program(7, "AGEING OF OPEN CLAIMS", "AGEING", page1="action_ageing"),
    # 10-: the maintenance programs (administrators only).
    Program(10, "EDIT DAMAGE CONTROL RECORD", "DMGCTL", screen="control_record:ControlRecordScreen",
            administrator=True),
    Program(11, "EDIT DAMAGE CODES", "DMGCODE", screen="damage_types:DamageTypeCodesScreen", administrator=True),
    Program(12, "VEHICLE HISTORY SERVICE CODES", "SVCCODE", screen="service_codes:ServiceCodesScreen",
            administrator=True),
    Program(13, "EDIT CLAIM CATEGORY CODES", "CLMCAT", screen="claim_categories:ClaimCategoriesScreen",
            administrator=True),
    Program(14, "LOCATIONS", "LOCATN", screen="locations:LocationsScreen", administrator=True),
    Program(15, "EDIT USER ACCESS FILE", "USERACC", screen="user_access:UserAccessScreen", administrator=True),
)
BY_CODE = {p.code: p for p in PROGRAMS}
BY_LINE = {p.line: p for p in PROGRAMS}


def may_run(program: Program, employee: SignedOn) -> bool:
    return not program.administrator or bool(employee.access.administrator)


def find(text: str) -> tuple[Program | None, str]:
    """The program a typed OPTION names (line number or code, optionally followed by a report #) and the rest."""
    word, _, rest = " ".join(text.upper().split()).partition(" ")
    program = BY_LINE.get(int(word)) if word.isdigit() else BY_CODE.get(word)
    return program, rest.lstrip("#").strip()


class MenuScreen(FormScreen):
    """DAMAGE TRACKING SUBMENU for the signed-on employee."""

    BINDINGS = [*FormScreen.BINDINGS, *keys.bindings(keys.MENU_KEYS)]

    def __init__(self, employee: SignedOn) -> None:
        super().__init__()
        self.employee = employee

    @property
    def fields(self) -> list[Field]:
        return []

    def compose(self) -> ComposeResult:
        with Vertical(id="menu"):
            yield Horizontal(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                             Label(f" {TITLE}", classes="title"),
                             Label(f"  {format_counter_date(date.today())}", classes="label"), classes="row")
            yield Label(f"EMPLOYEE {self.employee.code} {self.employee.name}"[:78], classes="label",
                        id="menu-employee")
            yield Label("")
            for program in PROGRAMS:
                if may_run(program, self.employee):
                    yield Label(f"{program.line:>4}. {program.label:<44} {program.code}", classes="menu-line",
                                id=f"menu-line-{program.line}")
        yield MessageLine()
        yield Label(keys.legend(keys.MENU_KEYS, self.missing_keys), id="legend")

    def on_mount(self) -> None:
        self.query_one("#option", Field).focus()
        self.message("TYPE A LINE # OR A PROGRAM CODE AT OPTION AND PRESS ENTER - ENTER ALONE: DMGENT")

    def leave_field(self, field: Field) -> None:  # only OPTION on this screen
        return

    def run_option(self, text: str) -> None:
        if not text:  # Enter alone: Damage Report Entry, one keystroke away (the counter's program)
            open_program(self.app, PROGRAMS[0], self.employee, "", self)
            return
        action = keys.MENU_COMMANDS.get(text)
        if action is not None:
            keys.run_now(self, action)
            return
        program, rest = find(text)
        if program is None:
            self.message(f"{text} IS NOT AN OPTION - TYPE A LINE # OR A PROGRAM CODE (DMGENT ...)")
            return
        open_program(self.app, program, self.employee, rest, self)

    def action_sign_off(self) -> None:
        self.app.sign_off()  # type: ignore[attr-defined]

    def action_field_help(self) -> None:
        self.message("A LINE # OR CODE AT OPTION OPENS THE PROGRAM - 2 AND A REPORT # FOR ITS WORK ORDER - "
                     "F12 OR OFF SIGNS OFF")

    def action_leave(self) -> None:
        """Esc at OPTION (or EXIT): back to page 1 when it is under this menu."""
        page1 = page1_under(self.app)
        if page1 is not None:
            self.dismiss(None)
            page1.refresh_reference()
        else:
            self.message("F12 OR OFF AT OPTION SIGNS OFF - 1 OR DMGENT FOR DAMAGE REPORT ENTRY")

    def action_option(self) -> None:
        option = self.query_one("#option", Field)
        if self.focused is option and not option.value:
            self.action_leave()
            return
        option.value = ""
        option.focus()


def page1_under(app: App[Any]) -> Any:  # noqa: ANN401 - a DamageEntryScreen
    page1 = getattr(app, "page1", None)
    return page1() if callable(page1) else None


def go_to_page1(app: App[Any], employee: SignedOn) -> Any:  # noqa: ANN401 - the DamageEntryScreen
    """Page 1 on top: the one already under the menus (what was typed on it kept), or a new one."""
    page1 = page1_under(app)
    if page1 is None:
        page1 = app.new_page1(employee)  # type: ignore[attr-defined]  # the app keeps its editor (drafts, sign-off)
        app.push_screen(page1)
        return page1
    while app.screen is not page1 and len(app.screen_stack) > 1:
        app.pop_screen()
    page1.refresh_reference()
    return page1


def open_program(app: App[Any], program: Program, employee: SignedOn, rest: str = "",
                 menu: MenuScreen | None = None) -> None:
    """Open `program` for `employee` (from the menu, or a program code typed at page 1's or page 2's OPTION)."""
    def say(text: str) -> None:
        from carsplus_tui.tui.dbwork import show_line

        show_line(menu if menu is not None else app, text)

    if not may_run(program, employee):
        say(f"{program.code}: {NOT_ADMINISTRATOR}")
        return
    if program.report_number:
        if not rest.isdigit():
            say(f"TYPE {program.line} (OR {program.code}) AND THE DAMAGE REPORT #, E.G. {program.line} 12345")
            return
        from carsplus_tui.tui.screens.work_order import open_work_order

        open_work_order(menu or app.screen, int(rest), employee)  # type: ignore[arg-type]
        return
    if program.page1 is not None:
        page1 = go_to_page1(app, employee)
        if program.page1 != "enter":
            app.call_after_refresh(getattr(page1, program.page1))
        return
    if program.screen is not None:
        module, _, name = program.screen.partition(":")
        screen_class = getattr(import_module(f"carsplus_tui.tui.screens.{module}"), name)
        app.push_screen(screen_class(employee))


__all__ = ["PROGRAMS", "MenuScreen", "Program", "open_program"]
