"""End to end in a real terminal (tmux): every kind of pop-up, opened with the keys the manual gives, used or left
with Esc, and what it took found in the saved report. Two terminal sessions visit them all: a new report typed on
page 1 (form windows, line windows, choice lists, Y/N questions, the damage map), and a saved report (notes, the
erase question, a page-2 look-up, history).

Sample-data facts used (sample_data/README.md): RA T3001212 is open at TUD, LDW sold, with unit 006785 on it,
which has unrepaired damage on report 64; report 1 is the manual's example, accident category 4."""

from __future__ import annotations

import pytest

from carsplus_tui.services.reports import load_report_data, report_history
from tests.e2e.terminal import PAGE1_LEGEND, Counter, Terminal

pytestmark = pytest.mark.slow


def choose_line(term: Terminal, text: str) -> int:
    """In a numbered choice list: type the number of the line holding `text`, then Enter."""
    line = term.line_with(text)
    number = int(line.strip("│ ").split()[0])
    term.type(str(number), enter=False)  # a digit starts the line number
    term.fill("LINE #", "")
    return number


def test_popups_of_a_new_report(counter: Counter) -> None:
    term = counter.signed_on()
    term.type("T3001212")
    term.wait_for("GRAY", "Reg#    RXY6089")
    term.fill("2 Non-Rev#", "")
    term.fill("3 Unit #", "")  # 006785, the car on the RA: it has unrepaired damage
    # A Y/N question, then the choice list of the damage on file; Esc goes on with this report.
    term.wait_for("VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)")
    term.type("Y", enter=False)
    screen = term.wait_for("UNREPAIRED DAMAGE", "DMG RPT#")
    assert any("006785/" in line and " 64 " in f"{line} " for line in screen.splitlines())  # unit/owning loc, report 64
    term.keys("Escape")
    term.wait_gone("DMG RPT#")

    # Form windows: ACCIDENT DETAILS, and WITNESS DATA ENTRY from its field 8; Esc leaves each keeping what was typed.
    term.fill("4 Accident Details", "Y")
    term.wait_for("ACCIDENT DETAILS")
    term.fill("1 Date/Time", "01-25-10/0915")
    term.fill("2 Address 1", "I-10 AND PRINCE RD")
    for label in ("3 Address 2", "4 Police Name", "5 Police Badge#", "6 Police Station", "7 Police Rpt#"):
        term.fill(label, "")
    term.fill("8 Witnesses?", "Y")
    term.wait_for("WITNESS DATA ENTRY")
    term.fill("1 W1 Last/First", "GARCIA")
    term.fill("GARCIA /", "ANA")
    term.fill("2 W1 Address", "44 OAK ST")
    term.keys("Escape")
    term.wait_gone("WITNESS DATA ENTRY")
    term.wait_cursor("9 Rental Violation")
    term.keys("Escape")
    term.wait_gone("ACCIDENT DETAILS")
    term.wait_for("4 Accident Details Y")

    term.fill("5 Customer Present", "N")
    term.fill("6 Renter Driving?", "N")  # N calls OTHER DRIVER ENTRY
    term.wait_for("OTHER DRIVER ENTRY")
    term.fill("1 Last/First", "SMITH")
    term.fill("SMITH /", "JOHN")
    term.fill("2 Phone", "520-555-0142")
    term.keys("Escape")
    term.wait_gone("OTHER DRIVER ENTRY")
    term.fill("7 Driver Injured?", "N")
    term.fill("8 3rd Party Invld?", "Y")  # Y calls 3RD PARTY DATA ENTRY: the list, then a party's details
    term.wait_for("3RD PARTY DATA ENTRY", "Last Name/First Name")
    term.fill("1", "JONES")
    term.wait_for("3RD PARTY DATA ENTRY #1")
    # a new party's details open on the first empty field: First name, the last name just typed kept
    for label, value in (("JONES /", "MARY"), ("2 Address", "9 ELM ST"),
                         ("3 City/St/Zip", "TUCSON"), ("TUCSON /", "AZ"), ("TUCSON /AZ /", "85701")):
        term.fill(label, value)
    for label in ("4 DL #/St", "4 DL #/St * /", "5 DL Expire/DOB", "5 DL Expire/DOB * /", "6 Phone/Cell",
                  "6 Phone/Cell * /", "7 Descr"):
        term.fill(label, "")
    term.fill("8 Ins Co", "ACME MUTUAL")
    term.fill("9 RegNo", "")
    term.fill("10 3rd Party Injured?", "N")
    term.fill("11 Rented Vehicle?", "N")  # then the party's notes lines (12-16)
    term.wait_for("3RD PARTY #1 NOTES (12-16)")
    term.fill("1.", "DROVE A BLUE PICKUP")
    term.fill("2.", "")
    term.wait_for("/MARY", "*/N/ACME MUTUAL/N")  # back on the list, the party summarised
    term.fill("3", "")  # Enter on the next, empty line ends the list
    term.wait_gone("Last Name/First Name")

    term.fill("9 Admits Fault?", "Y")  # open because a third party is involved; Y calls FAULT DESCRIPTION
    term.wait_for("FAULT DESCRIPTION")
    term.fill("1.", "RENTER BACKED INTO THE PICKUP")
    term.fill("2.", "")
    for label in ("10 Damage Covered?", "11 Nature of Breach", "12 Renters Claim #", "13 Excess Charged",
                  "14 Accident Desc"):
        term.fill(label, "")  # LDW sold: covered, and the RA's excess as the default; 14 opens its window
    term.wait_for("ACCIDENT DESCRIPTION")
    term.fill("1.", "BACKING OUT OF A PARKING SPACE")
    term.fill("2.", "")

    # Choice lists: Shift+F7 on a code field (tmux sends it as ESC [18;2~, which the app reads as F19).
    term.wait_cursor("15 Damage Code")
    term.keys("S-F7")
    term.wait_for("DAMAGE CODES", "REAR BUMPER")
    choose_line(term, "REAR BUMPER")
    term.wait_until(lambda: "REAR BUMPER" in term.line_with("15 Damage Code"), "the code chosen on line 15")
    code = term.line_with("15 Damage Code").split()[3]
    # The manual: "Press (RET) again to move the cursor to the description field. To accept the existing
    # description, press (RET) again."
    term.fill("15 Damage Code", "")  # the cursor stayed on the code chosen
    term.fill(f"15 Damage Code {code}", "")  # the description as the code gave it
    term.wait_cursor("16 Type")
    term.keys("S-F7")
    term.wait_for("DAMAGE TYPES", "SCRATCH")
    choose_line(term, "SCRATCH")
    term.wait_for("S SCRATCH")
    term.wait_cursor("17 Damage Code")

    # The damage map (F10): this report's line 1, and the car's other unrepaired damage as X.
    on_file = len(load_report_data(counter.db, 64).damage_lines)
    term.keys("F10")
    screen = term.wait_for("DAMAGE MAP - UNIT 006785", f"X = OTHER UNREPAIRED DAMAGE ON THIS VEHICLE ({on_file})")
    assert f"1 {code} REAR BUMPER S" in screen
    term.keys("Escape")
    term.wait_gone("DAMAGE MAP")

    term.keys("F1")
    # The save put the excess on the open RA: a list says so before the print questions.
    screen = term.wait_for("CHARGES PUT ON THE RA - ENTER OR ESC TO GO ON")
    saved = next(line for line in screen.splitlines() if " SAVED" in line)
    number = int(saved.split("DAMAGE REPORT ")[1].split()[0])
    assert "OPTIONAL EXCESS 500.00 ON RA T3001212 - TAXED AT RA CLOSE" in screen
    term.keys("Enter")
    # A complete report (VIR Sta C) without a work order (claim status 2), the renter not present.
    asked = term.answer_print_questions("N", 2)
    assert ["STICKER" in asked[0], "ACCIDENT LETTER" in asked[1]] == [True, True], asked

    report = load_report_data(counter.db, number)
    details = report.accident_details
    assert details is not None and details.address1 == "I-10 AND PRINCE RD"
    assert details.witnesses == "Y"
    assert [(w.last_name, w.first_name, w.address) for w in report.witnesses] == [("GARCIA", "ANA", "44 OAK ST")]
    assert report.witnesses[0].customer_number  # the save made the witness a customer
    assert report.other_driver is not None
    assert (report.other_driver.last_name, report.other_driver.phone) == ("SMITH", "520-555-0142")
    party = report.third_parties[0]
    assert (party.last_name, party.first_name, party.city, party.insurance_company, party.notes) == (
        "JONES", "MARY", "TUCSON", "ACME MUTUAL", ["DROVE A BLUE PICKUP"])
    assert report.fault_description == ["RENTER BACKED INTO THE PICKUP"]
    assert report.accident_description == ["BACKING OUT OF A PARKING SPACE"]
    assert [(line.code, line.description, line.type) for line in report.damage_lines] == [
        (code, "REAR BUMPER", "S")]


def test_popups_of_a_saved_report(counter: Counter) -> None:
    term = counter.signed_on()
    counter.recall(term, 1)
    # N at OPTION: the notes, the old ones read-only above five lines for a new entry.
    term.at_option()
    term.type("N")
    term.wait_for("NOTES", "NEW ENTRY (ENTER ON AN EMPTY LINE OR ESC ENDS)")
    term.fill("1.", "CALLED THE RENTER ABOUT THE THIRD PARTY")
    term.fill("2.", "")
    term.wait_for("NOTE ADDED - F1 TO SAVE")
    # F3 with unsaved changes asks first; N keeps them.
    term.keys("F3")
    term.wait_for("ERASE THE SCREEN? CHANGES WILL NOT BE SAVED (Y/N)")
    term.type("N", enter=False)
    term.wait_gone("ERASE THE SCREEN?")
    assert "Dmg Rpt 1" in term.screen()

    # Page 2: Shift+F7 on 5 Accident Category lists the categories; a line number takes one.
    term.keys("F8")
    term.wait_for("DAMAGE ENTRY - CLAIM INFO", "CALLED THE RENTER ABOUT THE THIRD PARTY")
    term.fill("OPTION:", "5")
    term.wait_cursor("5 Accident Category")
    term.keys("S-F7")
    term.wait_for("CLAIM CATEGORIES", "WRITE OFF")
    choose_line(term, "WRITE OFF")
    term.wait_for("5 Accident Category 6   /WRITE OFF")
    term.keys("F1")
    term.wait_for("DAMAGE REPORT 1 SAVED")
    term.keys("F9")
    term.wait_for("HISTORY OF DAMAGE REPORT 1", "DEMO    5 Accident Category: 4 -> 6")
    term.keys("Escape")
    term.wait_gone("HISTORY OF DAMAGE REPORT 1")
    term.keys("F8")
    term.wait_for(PAGE1_LEGEND)

    report = load_report_data(counter.db, 1)
    assert report.accident_category == "6"
    # The new entry, dated and signed, beside the audit notes of the save.
    assert [note.employee for note in report.notes if note.text == "CALLED THE RENTER ABOUT THE THIRD PARTY"] == [
        "DEMO"]
    assert any(line.endswith("5 Accident Category: 4 -> 6") and "DEMO" in line
               for line in report_history(counter.db, 1))
