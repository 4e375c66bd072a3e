"""End to end in a real terminal (tmux), issue 21's look-up journey: an administrator adds damage type W WINDSHIELD
(EDIT DAMAGE CODES), a service code limited to model code CARAV (VEHICLE HISTORY SERVICE CODES) and claim category HAL
(EDIT CLAIM CATEGORY CODES) through the menu's programs; page 1's Shift+F7 look-ups offer the type, and the service
code only for a CARAV (RA A0001310's unit), not for the F-150 of RA L4005187; page 2's Accident Category look-up offers
the category. (Retiring them is the Pilot test tests/tui/test_code_table_screens.py.)"""

from __future__ import annotations

import pytest

from carsplus_tui.services.code_tables import list_codes
from tests.e2e.terminal import Counter, Terminal

pytestmark = pytest.mark.slow


def open_program(term: Terminal, line: str, title: str) -> None:
    term.at_option()
    term.type("MENU")
    term.wait_for("DAMAGE TRACKING SUBMENU")
    term.wait_cursor("OPTION:")
    term.type(line)
    term.wait_for(title)


def leave_program(term: Terminal) -> None:
    term.at_option()
    term.keys("Escape")  # Esc at OPTION: back to the menu
    term.wait_for("DAMAGE TRACKING SUBMENU")
    term.wait_cursor("OPTION:")


def damage_code_lookup(term: Terminal, last: str) -> str:
    """Shift+F7 on 15 Damage Code; End: the end of the list (in code order), once `last` is on it; Esc."""
    term.at_option()
    term.type("15")
    term.wait_cursor("15 Damage Code")
    term.keys("S-F7")
    term.wait_for("DAMAGE CODES", "LINE #")
    term.keys("End")
    shown = term.wait_for(last)
    term.keys("Escape")
    term.wait_gone("LINE #")
    return shown


def test_new_codes_reach_the_look_ups_of_the_right_vehicles(counter: Counter) -> None:
    term = counter.signed_on("DEMO", "demo")

    open_program(term, "11", "EDIT DAMAGE CODES")
    term.fill("1 Type", "W")
    term.wait_for("W IS A NEW TYPE")
    term.fill("2 Description", "WINDSHIELD", enter=False)
    term.keys("F1")
    term.wait_for("TYPE W ADDED")
    leave_program(term)

    term.type("12")
    term.wait_for("VEHICLE HISTORY SERVICE CODES")
    term.fill("1 Code", "WSCRN")
    term.fill("2 Description", "WINDSCREEN CHIP")
    term.fill("3 Retired", "")
    term.fill("4 Show on Damage Entry", "")
    term.fill("5 Model Codes", "CARAV", enter=False)
    term.keys("F1")
    term.wait_for("CODE WSCRN ADDED")
    leave_program(term)

    term.type("13")
    term.wait_for("EDIT CLAIM CATEGORY CODES")
    term.fill("1 Category", "HAL")
    term.fill("2 Description", "HAIL STORM", enter=False)
    term.keys("F1")
    term.wait_for("CATEGORY HAL ADDED")
    leave_program(term)
    assert {"W", "WSCRN", "HAL"} <= {r.code for t in ("damage-types", "service-codes", "claim-categories")
                                     for r in list_codes(counter.db, t)}

    term.type("1")  # Damage Report Entry
    term.wait_cursor("1 RA#")
    term.type("A0001310")  # unit 001888, a DODGE CARAVAN (model code CARAV)
    term.wait_for("CARAVAN")
    term.wait_cursor("2 Non-Rev#")
    assert "WSCRN  WINDSCREEN CHIP" in damage_code_lookup(term, "WSCRN")
    term.at_option()
    term.type("16")
    term.wait_cursor("16 Type")
    term.keys("S-F7")
    term.wait_for("DAMAGE TYPES", "W  WINDSHIELD")
    term.keys("Escape")
    term.wait_gone("DAMAGE TYPES")

    term.keys("F3")  # erase, then another RA: the F-150 of L4005187 gets no WSCRN
    term.wait_until(lambda: "ERASE THE SCREEN?" in term.screen() or "SCREEN ERASED" in term.screen(), "the erase")
    if "ERASE THE SCREEN?" in term.screen():
        term.type("Y", enter=False)
    term.wait_for("SCREEN ERASED")
    term.fill("1 RA#", "L4005187")
    term.wait_for("F-150")
    term.wait_cursor("2 Non-Rev#")
    shown = damage_code_lookup(term, "DS ")  # the last code every vehicle has
    assert "WSCRN" not in shown and "WINDSCREEN" not in shown

    term.keys("F3")
    term.wait_until(lambda: "ERASE THE SCREEN?" in term.screen() or "SCREEN ERASED" in term.screen(), "the erase")
    if "ERASE THE SCREEN?" in term.screen():
        term.type("Y", enter=False)
    term.wait_for("SCREEN ERASED")
    counter.recall(term, 1)
    term.keys("F8")
    term.wait_for("DAMAGE ENTRY - CLAIM INFO")
    term.at_option()
    term.type("5")
    term.wait_cursor("5 Accident Category")
    term.keys("S-F7")
    term.wait_for("HAL", "HAIL STORM")
