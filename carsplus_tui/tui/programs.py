"""The programs of the DAMAGE TRACKING SUBMENU, by line and code (issue 21, item 1): the menu lists them, and a
program's code typed at page 1's or page 2's OPTION opens it too. Only data: the screens themselves are opened by
`tui/navigation.py`, so no screen imports another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from carsplus_tui.domain.permissions import ADMINISTRATOR_ONLY

if TYPE_CHECKING:
    from carsplus_tui.services.sign_on import SignedOn

NOT_ADMINISTRATOR = ADMINISTRATOR_ONLY  # the MENU, the maintenance screens and the CLI say the same


@dataclass(frozen=True)
class Program:
    """One line of the menu. `page1`: the action of page 1 that runs it (page 1 is opened or gone back to first);
    otherwise the screen of the program's code in `tui/navigation.py` opens over the menu."""

    line: int
    label: str
    code: str
    page1: str | None = None
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
    Program(10, "EDIT DAMAGE CONTROL RECORD", "DMGCTL", administrator=True),
    Program(11, "EDIT DAMAGE CODES", "DMGCODE", administrator=True),
    Program(12, "VEHICLE HISTORY SERVICE CODES", "SVCCODE", administrator=True),
    Program(13, "EDIT CLAIM CATEGORY CODES", "CLMCAT", administrator=True),
    Program(14, "LOCATIONS", "LOCATN", administrator=True),
    Program(15, "EDIT USER ACCESS FILE", "USERACC", administrator=True),
    Program(16, "VEHICLE CLASS DAILY RATES", "CLSRATE", administrator=True),
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


__all__ = ["BY_CODE", "BY_LINE", "NOT_ADMINISTRATOR", "PROGRAMS", "Program", "find", "may_run"]
