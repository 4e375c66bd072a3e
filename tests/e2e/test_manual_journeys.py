"""The manual's whole page-1 example in a real terminal (tmux), three ways, in one terminal session (one sign-on):
(a) in bursts, each field's text plus RET in one write and nothing waited for between the fields of a window; (b) one bracketed paste
per pop-up (and per run of page-1 fields between them); (c) one wrong answer per field (a letter in a date, a bad
code, too long a text, a character the field cannot take), then the right one. Each time `carsplus report show`
holds exactly the manual's values (issue 17). Runs on SQLite, and on PostgreSQL in the PostgreSQL pass.

The manual's values: RA T3001212 (sample data: open at TUD, LDW sold, excess 500.00, unit 592 of TUS on it with
unrepaired damage), Unit # 592, the ACCIDENT DETAILS pop-up (CORNER OF GRAND AND 4TH STREET ... RENTER WENT OFF
ROAD), the 3RD PARTY DATA ENTRY of JOHNSON/REMY, the FAULT DESCRIPTION, 10 N, UNAUTHORIZED DRIVER, CN1234, 120.00,
the ACCIDENT DESC and damage line D1 FRONT PASSENGER FENDER, type D. The manual gives no accident date or witness;
01-25-10/1430 (after the RA opened) and a WITNESS DATA ENTRY left empty stand in."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.e2e.terminal import Counter, UserView

pytestmark = pytest.mark.slow

FAULT = "MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."
ACCIDENT = "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SIDE; BROKE HEADLIGHT"


@dataclass(frozen=True)
class F:
    """One field: the right text; for journey (c) a wrong one first and what the message line then says."""

    right: str
    wrong: str | None = None
    says: str = ""


# Runs of fields, each typed (or pasted) as one piece; between them the screen asks something (a Y/N question, a
# LINE # prompt) that the agent reads before answering.
RA = [F("T3001212", "T3001299", "RA# T3001299 NOT ON FILE")]
BEFORE_UNIT = [F("", "X1", "NON-REV# X1 NOT ON FILE")]
UNIT = [F("592", "999999", "WAS NOT ON RA T3001212")]
ACCIDENT_DETAILS = [
    F("Y", "X", "CHARACTER NOT TAKEN"),  # 4 Accident Details: Y opens the window
    F("01-25-10/1430", "13-45-10/1430", "IS NOT A DATE"),
    F("CORNER OF GRAND AND 4TH STREET", "CORNER OF GRAND AND 4TH STREET AT THE LIGHTS", "TOO LONG"),
    F("SANTA ANA, CALIF", "SANTA ANA, CALIFORNIA, UNITED STATES", "TOO LONG"),
    F("MURPHY", "MURPHY-OCONNELL-SMITHSON", "TOO LONG"),
    F("18881020", "18881020-DOWNTOWN", "TOO LONG"),
    F("DOWNTOWN", "DOWNTOWN SANTA ANA STATION", "TOO LONG"),
    F("789456DM", "789456DM-2009-07-20-0001", "TOO LONG"),
    F("Y", "X", "MUST BE Y OR N"),  # 8 Witnesses?: Y opens WITNESS DATA ENTRY
]
WITNESSES = [F("")] * 14  # W1 and W2, seven fields each, left empty: the window closes after the last
AFTER_WITNESSES = [
    F("RENTER WENT OFF ROAD", "RENTER WENT OFF THE ROAD AT SPEED", "TOO LONG"),
    F(""),  # 10 Legal Violation: the last field closes the window
    F("Y", "X", "CHARACTER NOT TAKEN"),  # 5 Customer Present
    F("Y", "X", "CHARACTER NOT TAKEN"),  # 6 Renter Driving?
    F("N", "X", "CHARACTER NOT TAKEN"),  # 7 Driver Injured?
    F("Y", "X", "CHARACTER NOT TAKEN"),  # 8 3rd Party Invld?: Y opens 3RD PARTY DATA ENTRY
]
THIRD_PARTY = [
    F("JOHNSON", "JOHNSON-WORTHINGTON-SMYTHE", "TOO LONG"),  # line 1 opens the party's details on First name
    F("REMY", "REMY-ALEXANDER-JOHN", "TOO LONG"),
    F("11 OAK DR"),
    F("SANTA ANA"),
    F("CA", "92", "NOT A STATE"),
    F("92705", "J456789", "NOT A ZIP CODE"),
    F("J456789"),
    F("CA", "C1", "NOT A STATE"),
    F("05-02-12", "05-32-12", "IS NOT A DATE"),
    F("05-02-81", "05-02-41", "CANNOT BE IN THE FUTURE"),
    F("714-555-1212", "714-555-1212 EXT 3", "TOO LONG"),
    F("714-567-2323"),
    F("GRAY JEEP CHEROKEE"),
    F("AETNA"),
    F("JEG102", "JEG102-CALIFORNIA", "TOO LONG"),
    F("N", "X", "MUST BE Y OR N"),
    F(""),  # 11 Rented Vehicle?: then the party's notes lines
    F(""),  # an empty notes line ends them
    F(""),  # an empty line on the list ends it
]
FAULT_WINDOW = [F("Y", "X", "CHARACTER NOT TAKEN"), F(FAULT), F("")]  # 9 Admits Fault?: Y opens it
MIDDLE = [
    F("N", "X", "CHARACTER NOT TAKEN"),  # 10 Damage Covered?
    F("UNAUTHORIZED DRIVER", "UNAUTHORIZED DRIVER WITH NO LICENCE", "TOO LONG"),
    F("CN1234", "CN1234-2009-JULY-20", "TOO LONG"),
    F("120.00", "12O.00", "IS NOT AN AMOUNT"),
    F(""),  # 14 Accident Desc: RET opens the window
]
ACCIDENT_WINDOW = [F(ACCIDENT), F("")]
DAMAGE = [F("D1", "ZZ", "IS NOT A DAMAGE CODE"), F(""), F("D", "Q", "IS NOT A DAMAGE TYPE"), F("")]

MANUAL = {
    "ra_number": "T3001212", "non_rev_number": None, "unit_number": "592",
    "accident_details": {
        "date_time": "2010-01-25T14:30:00", "address1": "CORNER OF GRAND AND 4TH STREET", "address2": "SANTA ANA, CALIF",
        "police_name": "MURPHY", "police_badge": "18881020", "police_station": "DOWNTOWN",
        "police_report_number": "789456DM", "witnesses": "Y", "rental_violation": "RENTER WENT OFF ROAD",
        "legal_violation": None,
    },
    "witnesses": [],
    "customer_present": "Y", "renter_driving": "Y", "driver_injured": "N", "third_party_involved": "Y",
    "third_parties": [{
        "last_name": "JOHNSON", "first_name": "REMY", "address": "11 OAK DR", "city": "SANTA ANA", "state": "CA",
        "zip": "92705", "dl_number": "J456789", "dl_state": "CA", "dl_expiry": "2012-05-02", "dob": "1981-05-02",
        "phone": "714-555-1212", "cell": "714-567-2323", "description": "GRAY JEEP CHEROKEE",
        "insurance_company": "AETNA", "reg_number": "JEG102", "injured": "N", "rented_vehicle": None, "notes": [],
    }],
    "admits_fault": "Y",
    "fault_description": ["MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
                          "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."],
    "damage_covered": "N", "nature_of_breach": "UNAUTHORIZED DRIVER", "renters_claim_number": "CN1234",
    "excess_charged": "120.00",
    "accident_description": ["THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER", "SIDE; BROKE HEADLIGHT"],
    "damage_lines": [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}],
}


def as_manual(report: dict) -> dict:
    """The report's values the manual's example sets (customer numbers are the save's, not typed)."""
    shown = {key: report.get(key) for key in MANUAL}
    shown["witnesses"] = [w for w in report.get("witnesses") or [] if any(v for k, v in w.items()
                                                                            if k != "customer_number")]
    shown["third_parties"] = [{k: v for k, v in p.items() if k in MANUAL["third_parties"][0]}
                              for p in report.get("third_parties") or []]
    return shown


def send(term: UserView, fields: list[F], way: str) -> None:
    if way == "burst":
        term.burst(*(f.right for f in fields))
    elif way == "paste":
        term.paste("".join(f"{f.right}\r" for f in fields))
    else:  # one wrong answer, then the right one
        for f in fields:
            if f.wrong is not None:
                # The last field's message gone (its right answer taken), then the wrong answer and its refusal.
                term.wait_gone(f.says)
                term.burst(f.wrong)
                term.wait_for(f.says)
                if not f.right:
                    term.keys("BSpace")  # the wrong text is selected: Backspace takes it away
            term.burst(f.right)


def journey(term: UserView, way: str, *, first: bool) -> int:
    """The manual's page 1, from an empty screen with the cursor in 1 RA# to the saved report; returns its number."""
    term.wait_cursor("1 RA#")
    send(term, RA, way)
    if not first:  # the RA now has a report: the search shows it in the lower part of the screen
        term.wait_for("UNREPAIRED DAMAGE", "LINE #")
        term.burst("")  # a blank RET at LINE # goes on with this report
        term.wait_cursor("2 Non-Rev#")
    send(term, BEFORE_UNIT, way)
    term.wait_cursor("3 Unit #")
    send(term, UNIT, way)
    term.wait_for("VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)")
    term.type("Y", enter=False)
    term.wait_for("UNREPAIRED DAMAGE", "LINE #")
    term.burst("")  # a blank RET at LINE # goes on
    # Each run of fields once the window (or the field) it starts in is on the screen, as an agent sees it.
    for label, fields in (("4 Accident Details", ACCIDENT_DETAILS), ("1 W1 Last/First", WITNESSES),
                          ("9 Rental Violation", AFTER_WITNESSES), ("1", THIRD_PARTY),
                          ("9 Admits Fault?", FAULT_WINDOW), ("10 Damage Covered?", MIDDLE), ("1.", ACCIDENT_WINDOW),
                          ("15 Damage Code", DAMAGE)):
        term.wait_cursor(label)
        send(term, fields, way)
    term.wait_for('PRESS "F1" AT "OPTION" TO SAVE')
    term.wait_cursor("OPTION:")
    term.keys("F1")
    screen = term.wait_for("CHARGES PUT ON THE RA", "OPTIONAL EXCESS 120.00 ON RA T3001212")
    saved = next(line for line in screen.splitlines() if " SAVED" in line)
    number = int(saved.split("DAMAGE REPORT ")[1].split()[0])
    term.burst("")
    term.wait_gone("CHARGES PUT ON THE RA")
    while True:  # the print questions F1 asks (which depend on the report's status): not now
        term.wait_until(lambda: "? (Y/N)" in term.screen() or term.focus()[-1:] == ["OPTION:"], "a question or OPTION")
        if "? (Y/N)" not in term.screen():
            break
        question = term.line_with("? (Y/N)")
        term.type("N", enter=False)
        term.wait_until(lambda: term.line_with("? (Y/N)") != question, "the answer taken")
    return number


def test_the_manuals_page_1_in_bursts_in_pastes_and_with_a_wrong_answer_per_field(counter: Counter) -> None:
    term = counter.signed_on()
    for number, way in enumerate(("burst", "paste", "wrong first")):
        report = journey(term, way, first=number == 0)
        shown = json.loads(counter.signed_cli("report", "show", str(report)))
        assert as_manual(shown) == MANUAL, way
        term.keys("F3")  # the saved report off the screen: the next one starts empty
        term.wait_for("SCREEN ERASED")
