"""End to end in a real terminal (tmux): a claims clerk's day on saved reports of the sample data — page 2 edited
with its audit note, F6 search and recall by line number, a print question answered Y, and the DMS export.

Sample-data facts used (sample_data/README.md): report 1 is the manual's example (claim status 4, no print
question on save); report 48 is unit 592 on RA M1001070, renter BUTLER, DEBORAH, with a work order and claim
status 5 (so F1 asks for the Final Correspondence Letter)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from carsplus_tui.services import dms as dms_service
from carsplus_tui.services.reports import load_report_data
from tests.e2e.terminal import PAGE1_LEGEND, Counter

pytestmark = pytest.mark.slow

PAGE2_LEGEND = "F1=SAVE F2=WORK F3=ERASE F4=DMS F8=PREV PAGE F9=HISTORY N=NOTES ESC=OPTION"


def test_page2_edit_is_saved_with_its_audit_note(counter: Counter) -> None:
    term = counter.signed_on()
    counter.recall(term, 1)
    term.keys("F8")
    term.wait_for("DAMAGE ENTRY - CLAIM INFO", PAGE2_LEGEND, "Charge/Refund Due          227.25")
    term.fill("OPTION:", "12")  # the field number takes the cursor there
    term.fill("12 Goodwill Ded", "25")
    # The money column follows at once: 377.25 - 25.00.
    term.wait_for("Final Liability            352.25", "12 Goodwill Ded            25.00")
    term.keys("F1")
    screen = term.wait_for("DAMAGE REPORT 1 SAVED")
    assert "? (Y/N)" not in screen  # claim status 4: nothing to print
    # The change is in the Notes subwindow of page 2 at once, and in the F9 history.
    term.wait_for("DEMO   12 Goodwill Ded: (BLANK) -> 25.00")
    term.keys("F9")
    screen = term.wait_for("HISTORY OF DAMAGE REPORT 1", "DEMO    12 Goodwill Ded: (BLANK) -> 25.00")
    assert "CLERK   5 Accident Category: (BLANK) -> 4" in screen  # the sample's own history is kept
    term.keys("Escape")
    term.wait_gone("HISTORY OF DAMAGE REPORT 1")

    history = counter.signed_cli("report", "history", "1").splitlines()
    mine = [line for line in history if "Goodwill" in line]
    assert len(mine) == 1 and "DEMO" in mine[0] and mine[0].endswith("12 Goodwill Ded: (BLANK) -> 25.00")
    saved = load_report_data(counter.db, 1)
    assert saved.goodwill_deduction == Decimal("25.00")
    assert saved.final_liability == Decimal("352.25")
    assert saved.last_modified_by == "DEMO"


def test_f6_search_and_recall_by_line_number(counter: Counter) -> None:
    term = counter.signed_on()
    term.keys("F6")
    term.wait_for("DAMAGE REPORT SEARCH", "LINES 1-15  F8/PGDN=MORE")  # every report, newest first
    term.keys("F1")
    term.wait_for("ENTER VEH #")
    term.fill("VEH #:", "592")  # two vehicles share unit 592: both owners' reports are listed
    screen = term.wait_for("END OF LIST")
    rows = json.loads(counter.signed_cli("search", "--vehicle", "592", "--json"))
    shown = [line.split() for line in screen.splitlines() if line[:4].rstrip().endswith(".")
             and line.split()[0][:-1].isdigit()]
    assert [(int(words[0][:-1]), int(words[2])) for words in shown] == [
        (row["line"], row["report_number"]) for row in rows]
    assert len(rows) >= 3
    wanted = rows[2]["report_number"]

    term.fill("OPTION:", "3")
    screen = term.wait_for(f"DAMAGE REPORT {wanted} - CLAIM STATUS", PAGE1_LEGEND)
    report = load_report_data(counter.db, wanted)
    assert f"Dmg Rpt {wanted}" in screen
    assert f"1 RA#              {report.ra_number}" in screen
    assert f"3 Unit #           {report.unit_number}" in screen
    assert report.renter is not None and report.renter.name in screen


def test_print_question_answered_y_keeps_the_pdf_in_the_spool(counter: Counter) -> None:
    term = counter.signed_on()
    counter.recall(term, 48)
    term.at_option()
    term.type("12")  # a change to save (F1 on a report as saved saves nothing and asks nothing)
    term.fill("12 Renters Claim #", "CN48")
    term.keys("F1")
    term.wait_for("DAMAGE REPORT 48 SAVED - PRINT FINAL CORRESPONDENCE LETTER? (Y/N)")
    term.type("Y", enter=False)
    screen = term.wait_for("NO PRINTER SET - KEPT IN")
    assert "? (Y/N)" not in screen

    spooled = sorted((counter.data_dir / "spool").glob("*.pdf"))
    assert [p.name.split("-2")[0] for p in spooled] == ["000048-final-letter"]
    assert spooled[0].name[-15:] in screen  # the message names the file, in its real case
    text = PdfReader(spooled[0]).pages[0].extract_text()
    assert "DAMAGE REPORT # 48" in text and "FINAL CORRESPONDENCE LETTER" in text
    assert "RE: DAMAGE REPORT 48 - RENTAL AGREEMENT M1001070" in text


def test_dms_activity_posts_a_receipt_to_the_outbox(counter: Counter) -> None:
    outbox = counter.data_dir / "dms-outbox"
    outbox.mkdir(parents=True)
    # The DMS side's customer list: two customers match the renter's name.
    (outbox / "customers.json").write_text(json.dumps([
        {"id": "C10441", "name": "BUTLER, DEBORAH A", "address": "12 ELM ST"},
        {"id": "C10442", "name": "BUTLER, DEBORAH", "address": "6658 RIDGE RD"},
        {"id": "C20001", "name": "LAMPERT, JAMES", "address": "12 SHADYWOOD"},
    ]))
    term = counter.signed_on()
    counter.recall(term, 48)
    term.keys("F4")
    # The report has a work order: opening the window reserves the DMS repair order.
    term.wait_for("48 - DMS ACTIVITY", "BUTLER, DEBORAH", "1 DMS Repair ID     100001")
    term.fill("1 DMS Repair ID", "")  # keep it
    term.fill("2 DMS Customer ID", "")  # blank: search the DMS by the renter's name
    screen = term.wait_for("DMS CUSTOMERS - BUTLER, DEBORAH", "CUSTOMER NOT LISTED")
    assert "C20001" not in screen
    term.type("2", enter=False)  # a digit starts the line number
    term.fill("LINE #", "")
    term.wait_for("DMS CUSTOMER ID C10442")
    term.fill("3 DMS Vehicle ID", "")
    term.wait_for("VEHICLE NOT LISTED - EXPORT AS NEW VEHICLE RECORD")
    term.type("1", enter=False)
    term.fill("LINE #", "")
    term.wait_for("NEW VEHICLE RECORD - CONFIRM MAKE/MODEL")
    term.fill("1 Make", "")  # CHEVROLET, from the report's vehicle
    term.fill("2 Model", "")  # MALIBU
    term.wait_for("NEW: CHEVROLET MALIBU")

    term.keys("F3")
    term.wait_for("F5=ADD F6=ADJUST F9=VOID F10=EXPORT ALL READY PAYMENTS")
    term.keys("F5")
    term.wait_for("ADD RECEIPT - DAMAGE REPORT 48")
    for label, value in (("1 Payer Type C/I/T/A", "C"), ("2 Payer", "DEBORAH BUTLER"), ("3 Amount $", "39.46"),
                         ("4 Received MMDDYY", "112409")):
        term.fill(label, value)
    term.wait_for("RECEIPT 1 ADDED - 39.46 READY TO EXPORT")
    term.keys("F10")
    term.wait_for("EXPORTING PAYMENTS - DAMAGE REPORT 48", "1 OF 1 PAYMENTS POSTED - F1/ENTER=FINISH")
    term.keys("Enter")
    screen = term.wait_for("1 OF 1 PAYMENTS POSTED", "REFERENCE ID OUTBOX-")
    assert "DEBORAH BUTLER" in term.line_with("Posted")
    term.keys("Escape")
    term.wait_cursor("OPTION:")
    term.keys("Escape")  # Esc at OPTION leaves the window
    term.wait_for(PAGE1_LEGEND, "DAMAGE REPORT ENTRY")

    sent = {path.stem: json.loads(path.read_text()) for path in (outbox / "outbox").glob("*.json")}
    kinds = sorted(entry["kind"] for entry in sent.values())
    assert kinds == ["payment", "repair_order", "vehicle"]  # the customer was on file: nothing sent for it
    payment = next(entry for entry in sent.values() if entry["kind"] == "payment")["payload"]
    assert (payment["report_number"], payment["amount"], payment["customer_id"], payment["repair_id"],
            payment["payer_name"]) == (48, "39.46", "C10442", "100001", "DEBORAH BUTLER")
    vehicle = sent["vehicle-48"]["payload"]
    assert (vehicle["make"], vehicle["model"], vehicle["unit_number"]) == ("CHEVROLET", "MALIBU", "592")

    activity = dms_service.load_activity(counter.db, 48)
    assert [(r.status, r.amount) for r in activity.receipts] == [("Posted", Decimal("39.46"))]
    assert activity.properties.customer_id == "C10442" and activity.properties.repair_id == "100001"
    history = counter.signed_cli("dms", "history", "48")
    assert "Payment posted" in history and activity.receipts[0].reference_id in history
