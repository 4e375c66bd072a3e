"""Refusals in a real terminal (tmux), keys sent in bursts as a slow link delivers them (issue 17, DESIGN.md §5): a
value refused by a screen's own check - page 1's RA# and Unit # look-ups, a Y/N question, DAMAGE WORK ENTRY, a
maintenance program - drops the keys typed behind it with a word and leaves the bad value selected, so the next keys
type over it; the refusal goes once the agent's next action is taken. One sign-on, one journey. Runs on SQLite, and
on PostgreSQL in the PostgreSQL pass."""

from __future__ import annotations

import pytest

from carsplus_tui.services.code_tables import list_codes
from carsplus_tui.services.work_orders import load_work_order_data
from tests.e2e.terminal import Counter, Terminal
from tests.tui.test_work_order import status2_report

pytestmark = pytest.mark.slow

DROPPED = "KEYS TYPED AHEAD DROPPED"


def said(term: Terminal, text: str) -> None:
    """Wait until the screen says `text`, on one line or wrapped to the next (a long message takes two)."""
    term.wait_until(lambda: text in " ".join(line.strip() for line in term.lines()), f"{text!r} said")


def test_keys_behind_a_refusal_are_dropped_on_every_screen_and_the_refusal_goes_with_the_next_action(
        counter: Counter) -> None:
    number = status2_report(counter.db)
    term = counter.signed_on()

    # Page 1: an RA# not on file, with Non-Rev# and Unit # typed behind it - they never land in RA#.
    term.burst("T3001299", "", "592")
    said(term, f"RA# T3001299 NOT ON FILE - {DROPPED}")
    term.wait_cursor("1 RA#")
    assert "592" not in term.line_with("3 Unit #")
    term.burst("T3001212", "", "999999", "Y")  # the right RA types over the wrong one; a unit it did not carry
    said(term, f"3 UNIT #: 999999 WAS NOT ON RA T3001212 - IT CARRIED 592, 006785 - {DROPPED}")
    term.wait_cursor("3 Unit #")
    assert "T3001212" in term.line_with("1 RA#")
    assert "4 Accident Details N" in term.screen()  # the Y typed behind the unit was dropped, not put in field 4
    term.burst("592")  # the right unit types over the wrong one
    question = "VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)"
    term.wait_for(question)
    assert "WAS NOT ON RA" not in term.screen()
    term.type("XY", enter=False)  # not an answer, and a key behind it: the question stays, the Y dropped
    said(term, f"{question} - TYPE Y OR N - {DROPPED}")
    term.type("N", enter=False)
    term.wait_gone(question)
    term.wait_cursor("4 Accident Details")

    # A refused OPTION answer goes once a field number is taken.
    term.at_option()
    term.type("ZZZ")
    term.wait_for("ZZZ IS NOT AN OPTION")
    term.type("15")
    term.wait_cursor("15 Damage Code")
    term.wait_gone("IS NOT AN OPTION")

    # DAMAGE WORK ENTRY of a saved report: a bad status with the next fields behind it.
    term.at_option()
    term.keys("F3")
    term.wait_for("ERASE THE SCREEN? CHANGES WILL NOT BE SAVED (Y/N)")
    term.type("Y", enter=False)
    term.wait_for("SCREEN ERASED")
    term.wait_cursor("1 RA#")  # the erase puts the cursor in RA#, a moment after its line
    counter.recall(term, number)
    term.keys("F2")
    term.wait_for("DAMAGE WORK ENTRY", "NO WORK ORDER YET")
    term.at_option()
    term.type("1")
    term.wait_cursor("1 Status")
    term.burst("X", "01-02-10", "BODY SHOP")
    said(term, f"1 STATUS: OPEN, IN REPAIR OR CLOSED (O, I, C) - {DROPPED}")
    assert "BODY SHOP" not in term.screen()
    term.wait_cursor("1 Status")
    term.burst("O", "", "BODY SHOP")
    term.wait_until(lambda: "BODY SHOP" in term.line_with("3 Repair Shop"), "the shop in 3 Repair Shop")
    term.wait_gone("1 STATUS: OPEN")
    term.at_option()
    term.keys("F1")
    term.wait_for("SAVED - CLAIM STATUS")
    assert load_work_order_data(counter.db, number).repair_shop == "BODY SHOP"

    # A maintenance program: a blank category code refused, the code and description typed behind it dropped.
    term.keys("Escape")  # Esc at OPTION: back to page 1
    term.wait_for("DAMAGE REPORT ENTRY")
    term.at_option()
    term.type("CLMCAT")
    term.wait_for("EDIT CLAIM CATEGORY CODES")
    term.wait_cursor("1 Category")
    term.burst("", "ZZ9", "TEST CATEGORY")
    said(term, f"TYPE A CATEGORY - {DROPPED}")
    assert "ZZ9" not in term.screen()
    term.burst("ZZ9", "TEST CATEGORY")
    term.wait_for("TEST CATEGORY")
    term.wait_gone(DROPPED)
    term.keys("F1")
    term.wait_for("CATEGORY ZZ9 ADDED")
    assert ("ZZ9", "TEST CATEGORY") in {(row.code, row.description) for row in list_codes(counter.db,
                                                                                         "claim-categories")}


def test_keys_behind_a_refusal_on_the_list_screens_are_dropped(counter: Counter) -> None:
    """F6 SEARCH and the follow-up queue: a bad OPTION answer with a line number behind it, in one burst - the line
    is not opened, the refusal says the keys were dropped, whole (it wraps, never cut), and the list stays."""
    def refused_with_a_line_behind(title: str, answer: str, refusal: str) -> None:
        term.burst(answer, "1")
        said(term, f"{refusal} - {DROPPED}")
        assert title in term.screen()

    term = counter.signed_on("CLERK", "clerk")
    term.keys("F6")
    term.wait_for("DAMAGE REPORT SEARCH")
    term.wait_cursor("OPTION:")
    refused_with_a_line_behind("DAMAGE REPORT SEARCH", "ZZZ",
                               "ZZZ IS NOT AN OPTION - #RPT, LINE #, VEH LIC RA ACC FOL STAT MORE BACK EXIT")
    term.keys("F5")  # FOL: a follow-up date; one that is not a date, with a line number behind it
    refused_with_a_line_behind("DAMAGE REPORT SEARCH", "13-45-10", "")
    term.keys("Escape")
    term.wait_for("DAMAGE REPORT ENTRY")
    term.at_option()
    term.type("FOLLOW")
    term.wait_for("FOLLOW-UP QUEUE")
    term.wait_cursor("OPTION:")
    refused_with_a_line_behind("FOLLOW-UP QUEUE", "ZZZ",
                               "ZZZ IS NOT AN OPTION - LINE #, EMP CODE, LOC CODE, ALL, MORE, BACK, EXIT")
