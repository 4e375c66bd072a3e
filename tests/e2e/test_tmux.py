"""End to end in a real terminal (tmux): signing on, and the manual's page-1 example typed field after field.
The terminal, the app's environment and the waits are in conftest.py."""

from __future__ import annotations

import json

import pytest

from carsplus_tui.db import reference
from tests.e2e.terminal import PAGE1_LEGEND, Counter

pytestmark = pytest.mark.slow


def failed_sign_ons(counter: Counter, code: str) -> int:
    with counter.db.read() as session:
        return reference.get_employee(session, code).failed_sign_ons


def test_sign_on_refuses_a_wrong_password_and_lets_the_right_one_in(counter: Counter) -> None:
    term = counter.start()
    term.fill("EMPLOYEE CODE", "demo")  # typed in lower case, shown and checked in upper case
    term.fill("PASSWORD", "wrong")
    screen = term.wait_for("INVALID EMPLOYEE CODE OR PASSWORD")
    # Still the sign-on screen: the code stays, the password is cleared and the cursor waits in it.
    assert "EMPLOYEE CODE   DEMO" in screen
    assert "wrong" not in screen and PAGE1_LEGEND not in screen
    term.wait_cursor("PASSWORD")
    assert failed_sign_ons(counter, "DEMO") == 1

    term.type("demo")
    screen = term.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)
    assert "INVALID EMPLOYEE CODE" not in screen and "EMPLOYEE CODE" not in screen
    term.wait_cursor("1 RA#")
    assert failed_sign_ons(counter, "DEMO") == 0  # a good sign-on clears the count towards the lock


def test_counter_agent_types_the_manuals_example_in_a_real_terminal(counter: Counter) -> None:
    """Page 1 as the manual's example, field after field with Enter, each typed once the cursor is in it."""
    term = counter.signed_on()
    term.type("A0001310")
    term.wait_for("LAMPERT")
    term.fill("2 Non-Rev#", "")
    term.fill("3 Unit #", "")  # 001888 from the RA
    term.fill("4 Accident Details", "Y")
    term.wait_for("ACCIDENT DETAILS")
    for label, value in (("1 Date/Time", "07-20-09/1530"), ("2 Address 1", "CORNER OF GRAND AND 4TH STREET"),
                         ("3 Address 2", "SANTA ANA, CALIF"), ("4 Police Name", "MURPHY"),
                         ("5 Police Badge#", "18881020"), ("6 Police Station", "DOWNTOWN"),
                         ("7 Police Rpt#", "789456DM"), ("8 Witnesses?", "N"), ("9 Rental Violation", ""),
                         ("10 Legal Violation", "")):
        term.fill(label, value)
    term.wait_for("4 Accident Details Y")  # the window closed and field 4 shows Y
    for label, value in (("5 Customer Present", "Y"), ("6 Renter Driving?", "Y"), ("7 Driver Injured?", "N"),
                         ("8 3rd Party Invld?", "N"),  # no third party, so 9 is skipped
                         ("10 Damage Covered?", "N"), ("11 Nature of Breach", ""), ("12 Renters Claim #", "CN1234"),
                         ("13 Excess Charged", "150.00"), ("14 Accident Desc", "")):
        term.fill(label, value)
    term.wait_for("ACCIDENT DESCRIPTION")
    # 62 characters on lines of 60: the D of SIDE carries the word over to line 2, and the cursor with it.
    term.fill("1.", "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SID", enter=False)
    term.fill("2.", "E")
    term.fill("3.", "")  # an empty line ends the window
    term.wait_for("14 Accident Desc   THIRD PARTY")
    term.fill("15 Damage Code", "D1")
    term.wait_for("FRONT PASSENGER FENDER")
    term.fill("15 Damage Code D1", "")  # its description, as the code gave it
    term.fill("16 Type", "D")
    term.wait_for("D DENT")
    term.keys("F1")
    screen = term.wait_for(" SAVED")
    saved_line = next(line for line in screen.splitlines() if " SAVED" in line)
    number = int(saved_line.split("DAMAGE REPORT ")[1].split()[0])
    # Report 1 keeps the 150.00 the RA carries; this report's own Excess Charged goes on the RA and is shown first.
    term.wait_for("CHARGES PUT ON THE RA", "ADDITIONAL EXCESS 150.00 ON RA A0001310")
    term.keys("Enter")  # a blank ENTER at its LINE # goes on
    term.wait_gone("CHARGES PUT ON THE RA")
    # No work order yet (claim status 2): the Damage Sticker is offered; not now.
    assert term.answer_print_questions("N", 1) == [f"DAMAGE REPORT {number} SAVED - PRINT DAMAGE STICKER? (Y/N)"]

    report = json.loads(counter.signed_cli("report", "show", str(number)))
    assert (report["ra_number"], report["unit_number"], report["renters_claim_number"]) == (
        "A0001310", "001888", "CN1234")
    assert report["excess_charged"] == "150.00"
    assert report["accident_details"]["police_name"] == "MURPHY"
    assert report["accident_description"] == ["THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER", "SIDE"]
    assert report["damage_lines"] == [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}]
    assert report["last_modified_by"] == "DEMO"

