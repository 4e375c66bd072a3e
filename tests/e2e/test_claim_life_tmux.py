"""Issue #16's journey, end to end in a real terminal (tmux), screens only, on the fixtures' database (SQLite, and
PostgreSQL in the PostgreSQL pass): a claim typed at the counter carried from claim status 0 to 7.

Sign on; a new, complete report for RA T3001212 (open, LDW sold, excess 500.00; the renter GRAY had the PONTIAC
006785), damage not covered, F1; Damage Work Entry (F2) with two cost lines, F1; page 2: Report Checked Y, External
Claim N, F1; Amount Charged = the Charge/Refund Due, F1; DMS Activity: the renter's receipt for that amount, exported;
the work order CLOSED with a repair date, F1 (and F9 prints the damage sticker there); page 2 shows claim status 7 and
Amount Outstanding 0.00, F6 lists the report with its repair date, `carsplus report show` agrees, and the vehicle has
no unrepaired damage from this report."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from carsplus_tui.services import dms as dms_service
from carsplus_tui.services.entry import unrepaired_damage_lines
from tests.e2e.terminal import PAGE1_LEGEND, Counter, Terminal

pytestmark = pytest.mark.slow

PAGE2_TITLE = "DAMAGE ENTRY - CLAIM INFO"
VEHICLE_006785 = 6  # its id in the sample data's vehicle file


def shown_after(term: Terminal, label: str) -> str:
    """The value shown right of `label` on its line (page 2's displays)."""
    line = term.line_with(label)
    return line.split(label, 1)[1].split()[0] if label in line else ""


def test_a_claim_from_the_counter_to_closure_through_the_screens_alone(counter: Counter) -> None:
    today = date.today()
    term = counter.signed_on()

    # -- page 1 at the counter: a complete report ---------------------------------------------------------------
    term.type("T3001212")
    term.wait_for("GRAY", "Cvg Sold LDW")
    term.fill("2 Non-Rev#", "")
    term.fill("3 Unit #", "")  # 006785, the vehicle on the RA now
    term.wait_for("VEHICLE HAS UNREPAIRED DAMAGES")
    term.type("N", enter=False)  # not now
    term.fill("4 Accident Details", "Y")
    term.wait_for("ACCIDENT DETAILS")
    for label, value in (("1 Date/Time", "01-19-10/0900"), ("2 Address 1", "5TH AND PINE"),
                         ("3 Address 2", "TUCSON, AZ"), ("4 Police Name", ""), ("5 Police Badge#", ""),
                         ("6 Police Station", ""), ("7 Police Rpt#", ""), ("8 Witnesses?", "N"),
                         ("9 Rental Violation", ""), ("10 Legal Violation", "")):
        term.fill(label, value)
    term.wait_for("4 Accident Details Y")
    for label, value in (("5 Customer Present", "Y"), ("6 Renter Driving?", ""), ("7 Driver Injured?", ""),
                         ("8 3rd Party Invld?", "N"), ("10 Damage Covered?", "N"),
                         ("11 Nature of Breach", "UNAUTHORISED DRIVER"), ("12 Renters Claim #", ""),
                         ("13 Excess Charged", ""),  # the RA's 500.00
                         ("14 Accident Desc", "")):
        term.fill(label, value)
    term.wait_for("ACCIDENT DESCRIPTION")
    term.fill("1.", "BACKED INTO A POST IN THE CAR PARK")
    term.fill("2.", "")
    term.wait_for("14 Accident Desc   BACKED INTO A POST")
    term.fill("15 Damage Code", "D6")
    term.wait_for("REAR BUMPER")
    term.fill("15 Damage Code D6", "")
    term.fill("16 Type", "D")
    term.wait_for("D DENT")
    term.keys("F1")
    screen = term.wait_for(" SAVED")
    number = int(next(line for line in screen.splitlines() if " SAVED" in line).split("DAMAGE REPORT ")[1].split()[0])
    term.wait_for("CHARGES PUT ON THE RA", "OPTIONAL EXCESS 500.00 ON RA T3001212")
    term.keys("Enter")
    term.wait_gone("CHARGES PUT ON THE RA")
    assert term.answer_print_questions("N", 1) == [f"DAMAGE REPORT {number} SAVED - PRINT DAMAGE STICKER? (Y/N)"]
    term.wait_for(f"Dmg Rpt {number}", "VIR Sta C", PAGE1_LEGEND)  # complete

    # -- Damage Work Entry: two cost lines ----------------------------------------------------------------------
    term.keys("F2")
    term.wait_for("DAMAGE WORK ENTRY", "NO WORK ORDER YET - TYPE IT AND PRESS F1 TO CREATE IT")
    term.fill("OPTION:", "8")
    term.fill("1", "LABOR - REAR BUMPER")
    term.fill("LABOR - REAR BUMPER", "L")
    term.fill("L LABOUR", "400")
    term.fill("2", "PAINT AND MATERIALS")
    term.fill("PAINT AND MATERIALS", "B")
    term.fill("B PAINT", "250")
    term.wait_for("650.00")  # the total, live
    term.fill("3", "")  # a blank line: done
    term.keys("F1")
    term.wait_for("SAVED - CLAIM STATUS 3")
    term.at_option()
    term.keys("Escape")
    term.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)

    # -- page 2: Report Checked Y, External Claim N --------------------------------------------------------------
    term.keys("F8")
    term.wait_for(PAGE2_TITLE)
    term.wait_until(lambda: shown_after(term, "Our Repair Costs") == "650.00", "Our Repair Costs 650.00")
    assert shown_after(term, "Work Order Status") == "OPEN"
    term.fill("OPTION:", "1")
    term.fill("1 Report Checked", "Y")
    term.fill("2 External Claim", "N")
    term.wait_cursor("5 Accident Category")  # 3 and 4 are for an external claim
    term.keys("F1")
    term.wait_for(f"DAMAGE REPORT {number} SAVED")
    term.answer_print_questions("N", 1)  # claim status 5: the Final Correspondence Letter, not now
    term.wait_until(lambda: shown_after(term, "Claim Status").startswith("5/"), "claim status 5")
    due = shown_after(term, "Charge/Refund Due")
    # not covered: 650.00 of repairs less the 500.00 charged on the RA
    assert due == "150.00", term.screen()

    # -- Amount Charged = the Charge/Refund Due -------------------------------------------------------------------
    term.fill("OPTION:", "14")
    term.fill("14 Amount Charged", due)
    term.wait_cursor("OPTION:")
    term.wait_until(lambda: shown_after(term, "Amount Outstanding") == "0.00", "Amount Outstanding 0.00")
    term.keys("F1")
    term.wait_for("CHARGES PUT ON THE RA", f"ADDITIONAL CHARGE {due} ON RA T3001212")
    term.keys("Enter")
    term.wait_gone("CHARGES PUT ON THE RA")
    # the Damage Letter, the Itemised Statement, the Final Correspondence Letter: not now
    term.answer_print_questions("N", 3)
    term.wait_until(lambda: shown_after(term, "Amount Outstanding") == "0.00", "Amount Outstanding 0.00 saved")

    # -- DMS Activity: the renter's receipt for that amount, exported ---------------------------------------------
    (counter.data_dir / "dms-outbox").mkdir(parents=True, exist_ok=True)
    term.keys("F4")
    term.wait_for(f"{number} - DMS ACTIVITY")
    term.keys("F3")
    term.wait_for("F5=ADD F6=ADJUST F9=VOID F10=EXPORT ALL READY PAYMENTS")
    term.keys("F5")
    term.wait_for(f"ADD RECEIPT - DAMAGE REPORT {number}")
    for label, value in (("1 Payer Type C/I/T/A", "C"), ("2 Payer", "GRAY"), ("3 Amount $", due),
                         ("4 Received MMDDYY", today.strftime("%m%d%y"))):
        term.fill(label, value)
    term.wait_for(f"RECEIPT 1 ADDED - {due} READY TO EXPORT")
    term.keys("F10")
    term.wait_for(f"EXPORTING PAYMENTS - DAMAGE REPORT {number}", "1 OF 1 PAYMENTS POSTED - F1/ENTER=FINISH")
    term.keys("Enter")
    term.wait_for("1 OF 1 PAYMENTS POSTED", "REFERENCE ID OUTBOX-")
    term.at_option()
    term.keys("Escape")  # Esc at OPTION leaves the window
    term.wait_for(PAGE2_TITLE)

    # -- the repair is done: Work Order CLOSED with a repair date -------------------------------------------------
    term.keys("F2")
    term.wait_for("DAMAGE WORK ENTRY", "LABOR - REAR BUMPER")
    term.fill("OPTION:", "1")
    term.fill("1 Status", "C")
    for label in ("2 Opened Date", "3 Repair Shop", "4 Invoice #", "5 Estimate", "6 Out of Service"):
        term.fill(label, "")
    term.fill("7 Repair Date", today.strftime("%m-%d-%y"))
    term.keys("F1")
    term.wait_for("SAVED - CLAIM STATUS 7")
    # "This 'sticker' can also be printed from the Damage Work Entry program as well": F9, kept in the spool here.
    term.keys("F9")
    term.wait_for("NO PRINTER SET - KEPT IN")
    stickers = sorted((counter.data_dir / "spool").glob(f"{number:06d}-*.pdf"))
    assert len(stickers) == 1 and "sticker" in stickers[0].name, stickers
    assert f"{number}" in PdfReader(stickers[0]).pages[0].extract_text()
    term.at_option()
    term.keys("Escape")
    term.wait_for(PAGE2_TITLE, "CLOSED")
    term.wait_until(lambda: shown_after(term, "Claim Status").startswith("7/"), "page 2 showing claim status 7")
    assert shown_after(term, "Amount Outstanding") == "0.00"

    # -- F6 on page 1 lists the report with its repair date -------------------------------------------------------
    term.keys("F8")
    term.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)
    term.keys("F6")
    term.wait_for("DAMAGE REPORT SEARCH")
    term.keys("F1")
    term.wait_for("ENTER VEH #")
    term.fill("VEH #:", "006785")
    screen = term.wait_for("END OF LIST")
    line = next((row for row in screen.splitlines() if f" {number} " in f" {row} "), "")
    assert today.strftime("%m-%d-%y") in line, screen

    # -- what the rest of the product says ------------------------------------------------------------------------
    shown = json.loads(counter.signed_cli("report", "show", str(number)))
    assert (shown["report_status"], shown["claim_status"], shown["amount_outstanding"]) == ("C", 7, "0.00")
    assert (shown["report_checked"], shown["external_claim"], shown["amount_charged"]) == ("Y", "N", due)
    assert shown["work_order"]["status"] == "CLOSED"
    assert [line["amount"] for line in shown["work_order"]["cost_lines"]] == ["400.00", "250.00"]
    receipts = dms_service.load_activity(counter.db, number).receipts
    assert [(r.status, r.amount) for r in receipts] == [("Posted", Decimal(due))]
    assert [d for d in unrepaired_damage_lines(counter.db, VEHICLE_006785) if d.report_number == number] == []
