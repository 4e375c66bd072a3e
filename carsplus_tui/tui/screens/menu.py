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

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.tui import keys
from carsplus_tui.tui.host import host
from carsplus_tui.tui.programs import PROGRAMS, find, may_run
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

if TYPE_CHECKING:

    from carsplus_tui.services.sign_on import SignedOn

TITLE = "DAMAGE TRACKING SUBMENU"


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
            host(self).run_program(PROGRAMS[0], self.employee, "", self)
            return
        action = keys.MENU_COMMANDS.get(text)
        if action is not None:
            keys.run_now(self, action)
            return
        program, rest = find(text)
        if program is None:
            self.refuse(f"{text} IS NOT AN OPTION - TYPE A LINE # OR A PROGRAM CODE (DMGENT ...)")
            return
        host(self).run_program(program, self.employee, rest, self)

    def action_sign_off(self) -> None:
        host(self).sign_off()

    def action_field_help(self) -> None:
        self.message("A LINE # OR CODE AT OPTION OPENS THE PROGRAM - 2 AND A REPORT # FOR ITS WORK ORDER - "
                     "F12 OR OFF SIGNS OFF")

    def action_leave(self) -> None:
        """Esc at OPTION (or EXIT): back to page 1 when it is under this menu."""
        page1 = host(self).page1()
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


__all__ = ["MenuScreen"]
