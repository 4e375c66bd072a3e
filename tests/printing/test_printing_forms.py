"""Issue 8's six papers: each PDF is valid (pages, page size from configuration) and carries the report's values,
read back from the PDF's text with pypdf."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.domain.dates import format_counter_date, format_counter_datetime
from carsplus_tui.domain.money import format_money
from carsplus_tui.domain.printing import PrintForm, print_questions
from carsplus_tui.domain.schemas import DamageReportData
from carsplus_tui.printing import TEMPLATE_NAMES, template_text
from carsplus_tui.printing.letters import letter_values
from carsplus_tui.services.printing import ReportNotFoundError, build_pdf
from carsplus_tui.services.report_mapping import control_settings
from carsplus_tui.services.reports import load_report_data, save_report
from carsplus_tui.settings import Settings
from tests.builders import add_reference_data
from tests.printing.conftest import AT, pdf_text, sample_context

LETTER = (612, 792)
A4 = (595.28, 841.89)


def pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def page_size(page) -> tuple[float, float]:  # noqa: ANN001
    box = page.mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def declared_page_count(text: str) -> int:
    """The footer's "PAGE 1 OF N" (the total is drawn once, after the last page)."""
    match = re.search(r"PAGE 1 OF\s*(\d+)", text)
    assert match, "no page footer"
    return int(match.group(1))


def amount(value: Decimal | None) -> str:
    return f"{value or Decimal('0'):,.2f}"


# --- every form: a valid PDF of the configured size ------------------------------------------------------------


@pytest.mark.parametrize("form", list(PrintForm), ids=lambda f: f.value)
@pytest.mark.parametrize(("size", "points"), [("LETTER", LETTER), ("A4", A4), ("a4", A4)])
def test_every_form_is_a_pdf_on_the_configured_paper(
    printing_db: Database, settings: Settings, form: PrintForm, size: str, points: tuple[float, float]
) -> None:
    pdf = build_pdf(printing_db, 21, form, settings.model_copy(update={"page_size": size}), at=AT)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    document = pages(pdf)
    assert len(document) >= 1
    assert {page_size(page) for page in document} == {points}
    text = pdf_text(pdf)
    assert "None" not in text  # a blank is a blank line, never Python's word for it
    assert str(21) in text


def test_a_page_size_other_than_letter_or_a4_is_a_clear_error(printing_db: Database, settings: Settings) -> None:
    with pytest.raises(ValueError, match="CARSPLUS_PAGE_SIZE must be LETTER or A4, not 'LEGAL'"):
        build_pdf(printing_db, 1, PrintForm.DAMAGE_STICKER, settings.model_copy(update={"page_size": "LEGAL"}))


def test_an_unknown_report_is_not_on_file(printing_db: Database, settings: Settings) -> None:
    with pytest.raises(ReportNotFoundError, match="^DAMAGE REPORT 9999 NOT ON FILE$"):
        build_pdf(printing_db, 9999, PrintForm.ACCIDENT_REPORT, settings)


def test_the_same_report_prints_the_same_bytes(printing_db: Database, settings: Settings) -> None:
    for form in PrintForm:
        assert build_pdf(printing_db, 1, form, settings, at=AT) == build_pdf(printing_db, 1, form, settings, at=AT)


# --- Vehicle Accident Report -------------------------------------------------------------------------------------


PAGE1_LABELS = ("1 RA#", "2 Non-Rev#", "3 Unit #", "4 Accident Details", "5 Customer Present", "6 Renter Driving?",
                "7 Driver Injured?", "8 3rd Party Invld?", "9 Admits Fault?", "10 Damage Covered?",
                "11 Nature of Breach", "12 Renters Claim #", "13 Excess Charged", "14 Accident Desc",
                "15 Damage Code", "16 Type", "17 Damage Code", "18 Type", "19 Damage Code", "20 Type",
                "21 Damage Code", "22 Type", "23 Damage Code", "24 Type",
                "Renter", "Address", "City/St/Z", "Open Date", "Open Loc", "Clos Date", "Clos Loc", "Cvg Sold",
                "Excess", "Chg on RA", "Reg#", "Make", "Model", "Year", "Own Loc", "Dmg Rpt", "VIR Sta")


def _page1_values(printing_db: Database, number: int) -> list[str]:
    """Every value of page 1 and its pop-ups as the form should show it."""
    r = load_report_data(printing_db, number)
    values = [r.ra_number, r.non_rev_number, r.unit_number, r.customer_present, r.renter_driving, r.driver_injured,
              r.third_party_involved, r.admits_fault, r.damage_covered, r.coverage_sold, r.nature_of_breach,
              r.renters_claim_number, format_money(r.excess_charged), format_money(r.excess), r.charge_on_ra]
    if r.renter:
        values += [r.renter.name, r.renter.address, r.renter.city, r.renter.state, r.renter.zip]
    if r.vehicle:
        values += [r.vehicle.licence, r.vehicle.make, r.vehicle.model, r.vehicle.owning_location]
    d = r.accident_details
    if d:
        values += [format_counter_datetime(d.date_time), d.address1, d.address2, d.police_name, d.police_badge,
                   d.police_station, d.police_report_number, d.witnesses, d.rental_violation, d.legal_violation]
    for w in r.witnesses:
        values += [w.last_name, w.first_name, w.address, w.city, w.state, w.zip, w.phone]
    if r.other_driver:
        o = r.other_driver
        values += [o.last_name, o.first_name, o.phone, format_counter_date(o.dob), o.dl_number, o.dl_state,
                   format_counter_date(o.dl_expiry)]
    for p in r.third_parties:
        values += [p.last_name, p.first_name, p.address, p.city, p.state, p.zip, p.dl_number, p.dl_state,
                   format_counter_date(p.dl_expiry), format_counter_date(p.dob), p.phone, p.cell, p.description,
                   p.insurance_company, p.reg_number, p.injured, p.rented_vehicle, *p.notes]
    values += r.fault_description + r.accident_description
    for line in r.damage_lines:
        values += [line.code, line.description, line.type]
    return [v for v in values if v]


def _sample_reports_with(printing_db: Database, test) -> list[int]:  # noqa: ANN001
    with printing_db.read() as session:
        numbers = session.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)).all()
    return [n for n in numbers if test(load_report_data(printing_db, n))]


def test_the_accident_report_shows_every_page1_field_of_the_manuals_example(
    printing_db: Database, settings: Settings
) -> None:
    pdf = build_pdf(printing_db, 1, PrintForm.ACCIDENT_REPORT, settings, at=AT)
    text = pdf_text(pdf)
    for label in PAGE1_LABELS:
        assert label.upper() in text.upper(), label
    for value in _page1_values(printing_db, 1):
        assert value in text, value
    # The manual's example, as its page 1 shows it.
    for shown in ("A0001310", "LAMPERT", "001888", "102088", "DODGE", "CARAVAN", "04-15-09", "07-21-09", "1500.00",
                  "CN1234", "150.00", "FRONT PASSENGER FENDER", "D DENT", "JOHNSON/REMY", "SANTA ANA/CA/92705",
                  "05-02-12/05-02-81", "AETNA", "JEG102", "CORNER OF GRAND AND 4TH STREET", "MURPHY", "789456DM"):
        assert shown in text, shown
    assert "VEHICLE ACCIDENT REPORT" in text and "DAMAGE REPORT # 1" in text
    assert declared_page_count(text) == len(pages(pdf)) == 2
    assert "RENTER'S SIGNATURE" in text


def test_the_accident_report_of_a_report_with_every_pop_up_filled(printing_db: Database, settings: Settings) -> None:
    numbers = _sample_reports_with(
        printing_db,
        lambda r: len(r.entered_third_parties()) >= 2 and r.accident_details is not None,
    )
    assert numbers, "the sample data has reports with several third parties"
    for number in numbers[:3]:
        pdf = build_pdf(printing_db, number, PrintForm.ACCIDENT_REPORT, settings, at=AT)
        text = pdf_text(pdf)
        for value in _page1_values(printing_db, number):
            assert value in text, (number, value)
        assert declared_page_count(text) == len(pages(pdf))


def test_the_accident_report_of_an_almost_empty_report_is_blank_lines_to_fill_in(
    db: Database, settings: Settings
) -> None:
    add_reference_data(db)
    saved = save_report(db, DamageReportData(unit_number="777"), "CLERK")  # a lot ding: a unit and nothing else
    assert saved.report_status == "U"
    pdf = build_pdf(db, saved.report_number, PrintForm.ACCIDENT_REPORT, settings, at=AT)
    text = pdf_text(pdf)
    for label in PAGE1_LABELS:
        assert label.upper() in text.upper(), label
    assert "1 Date/Time" in text and "1 W1 Last/First" in text and "5 W2 Last/First" in text
    assert "3RD PARTY DATA ENTRY - PARTY 2" in text  # room for the renter to name the other parties
    assert "777" in text and "TOYOTA" in text and "None" not in text
    assert declared_page_count(text) == len(pages(pdf))


# --- Boot Report ---------------------------------------------------------------------------------------------------


def _vehicle_id(db: Database, number: int) -> int:
    with db.read() as session:
        return session.get(m.DamageReport, number).vehicle_id


def test_the_boot_report_lists_every_unrepaired_damage_of_the_vehicle(
    printing_db: Database, settings: Settings
) -> None:
    with printing_db.read() as session:
        rows = [(r.damage_report_number, r.description, r.service_code)
                for r in reference.unrepaired_damage(session, _vehicle_id(printing_db, 69))]
    assert {number for number, _, _ in rows} == {59, 69}, "report 69's car still has report 59's damage"
    text = pdf_text(build_pdf(printing_db, 69, PrintForm.BOOT_REPORT, settings, at=AT))
    assert "BOOT REPORT" in text and "006537" in text and "6XFY910" in text
    for _, description, code in rows:
        assert description in text and code in text
    assert f"{len(rows)} UNREPAIRED DAMAGES ON FILE FOR THIS VEHICLE" in text
    assert "S SCRATCH" in text and "B BROKEN" in text
    assert "12-07-09" in text  # the date report 59's damage went on file, MM-DD-YY


def test_the_boot_report_leaves_out_repaired_damage(sample_db: Database, settings: Settings) -> None:
    with sample_db.write() as session:
        session.scalars(
            select(m.VehicleHistory).where(m.VehicleHistory.damage_report_number == 59, m.VehicleHistory.line == 1)
        ).one().repaired = True
    text = pdf_text(build_pdf(sample_db, 69, PrintForm.BOOT_REPORT, settings, at=AT))
    assert "PASSENGER REAR DOOR" not in text  # report 59 line 1, now repaired
    assert "REAR PASSENGER QUARTER" in text and "4 UNREPAIRED DAMAGES" in text


def test_with_the_boot_report_switch_on_the_boot_report_replaces_the_accident_report(
    sample_db: Database, settings: Settings
) -> None:
    with sample_db.write() as session:
        session.get(m.DamageControl, 1).boot_report = True
    with sample_db.read() as session:
        control = control_settings(reference.get_control(session))
    report = load_report_data(sample_db, 69)
    asked = print_questions(report.report_status, report.claim_status, report.customer_present,
                            report.amount_charged, control)
    assert asked[0].question == "PRINT CURRENT DAMAGE REPORT?" and asked[0].form is PrintForm.BOOT_REPORT
    text = pdf_text(build_pdf(sample_db, 69, asked[0].form, settings, at=AT))
    assert "BOOT REPORT" in text and "VEHICLE ACCIDENT REPORT" not in text


# --- Damage Sticker ------------------------------------------------------------------------------------------------


def test_the_sticker_shows_this_reports_new_damage_only(printing_db: Database, settings: Settings) -> None:
    report = load_report_data(printing_db, 69)
    pdf = build_pdf(printing_db, 69, PrintForm.DAMAGE_STICKER, settings, at=AT)
    assert len(pages(pdf)) == 1
    text = pdf_text(pdf)
    assert "DAMAGE" in text and "INSPECT BEFORE RENTING" in text
    assert "UNIT 006537" in text and "6XFY910" in text and "CHEVROLET MALIBU" in text
    for _, line in report.entered_damage_lines():
        assert line.description in text and f"CODE {line.code}" in text
    assert "FRONT BUMPER - DENT" in text and "DRIVER HEADLIGHT - BROKEN" in text
    assert "PASSENGER REAR DOOR" not in text  # report 59's damage on the same car is not new
    assert f"DAMAGE DATE {format_counter_date(report.accident_date())}" in text
    assert "RA# L4005198" in text


def test_five_long_damage_lines_still_fit_one_sticker(printing_db: Database, settings: Settings) -> None:
    numbers = _sample_reports_with(printing_db, lambda r: len(r.entered_damage_lines()) == 5)
    pdf = build_pdf(printing_db, numbers[0], PrintForm.DAMAGE_STICKER, settings, at=AT)
    assert len(pages(pdf)) == 1
    text = pdf_text(pdf)
    for _, line in load_report_data(printing_db, numbers[0]).entered_damage_lines():
        assert line.description in text


# --- Letters -------------------------------------------------------------------------------------------------------


def test_the_accident_letter_is_addressed_to_the_renter(printing_db: Database, settings: Settings) -> None:
    number = _sample_reports_with(printing_db, lambda r: r.customer_present == "N" and r.accident_date())[0]
    report = load_report_data(printing_db, number)
    pdf = build_pdf(printing_db, number, PrintForm.ACCIDENT_LETTER, settings, at=AT)
    assert len(pages(pdf)) == 1
    text = " ".join(pdf_text(pdf).split())
    last, first = (part.strip() for part in report.renter.name.split(","))
    assert f"Dear {first} {last}:" in text
    assert report.renter.address in text
    assert f"RE: DAMAGE REPORT {number} - RENTAL AGREEMENT {report.ra_number}" in text
    assert f"was damaged on {format_counter_date(report.accident_date())} while you were not present" in text
    assert "01-29-10" in text  # the letter's date, MM-DD-YY
    assert "Vehicle Accident Report" in text


def test_letters_take_the_letterhead_and_signature_from_configuration(
    printing_db: Database, settings: Settings
) -> None:
    for form in (PrintForm.ACCIDENT_LETTER, PrintForm.DAMAGE_LETTER, PrintForm.FINAL_LETTER):
        text = pdf_text(build_pdf(printing_db, 6, form, settings, at=AT))
        lines = [line.strip() for line in text.splitlines()]
        assert lines[0] == "DESERT WHEELS CAR RENTAL"
        assert "400 E CONGRESS ST" in lines and "TUCSON AZ 85701" in lines  # "\n" in the variable is a line break
        assert "MARIA GARCIA" in lines and "CLAIMS MANAGER" in lines
        assert "CARS+ RENTALS" not in text


def test_the_damage_letter_itemises_every_amount_of_the_claim(printing_db: Database, settings: Settings) -> None:
    report = load_report_data(printing_db, 6)
    assert report.amount_charged == Decimal("185.00")
    text = pdf_text(build_pdf(printing_db, 6, PrintForm.DAMAGE_LETTER, settings, at=AT))
    rows = {}
    lines = text.splitlines()
    for label, value in zip(lines, lines[1:], strict=False):
        rows.setdefault(label, value)
    assert rows["OUR REPAIR COSTS"] == amount(report.our_repair_costs)
    assert rows["MISCELLANEOUS COSTS (E.G. LOSS OF USE)"] == amount(report.misc_costs)
    assert rows["THIRD PARTY COSTS"] == amount(report.third_party_costs)
    assert rows["LESS THIRD PARTY RECOVERY"].lstrip("-") == amount(report.third_party_recovery)
    assert rows["LESS GOODWILL DEDUCTION"].lstrip("-") == amount(report.goodwill_deduction)
    final = next(label for label in rows if label.startswith("YOUR FINAL LIABILITY"))
    assert rows[final] == amount(report.final_liability)
    assert amount(report.maximum_liability) in final
    assert rows[f"LESS ALREADY CHARGED ON RENTAL AGREEMENT {report.ra_number}"].lstrip("-") == amount(
        report.excess_charged_ra)
    assert rows["CHARGE DUE"] == amount(report.charge_refund_due)
    assert rows["AMOUNT NOW DUE - INVOICED WITH THIS LETTER"] == "185.00"
    assert rows["BALANCE STILL OPEN ON THIS CLAIM"] == amount(report.amount_outstanding)
    flat = " ".join(text.split())
    assert "The amount of 185.00 is being invoiced to you as an additional charge on rental agreement S2003404" in flat


def test_the_damage_letter_of_a_claim_with_recovery_and_goodwill(sample_db: Database, settings: Settings) -> None:
    with sample_db.write() as session:
        report = session.get(m.DamageReport, 6)
        report.misc_costs = Decimal("1234.50")
        report.third_party_costs = Decimal("99.99")
        report.third_party_recovery = Decimal("40.00")
        report.goodwill_deduction = Decimal("12.34")
    data = load_report_data(sample_db, 6)
    text = pdf_text(build_pdf(sample_db, 6, PrintForm.DAMAGE_LETTER, settings, at=AT))
    for shown in ("1,234.50", "99.99", "-40.00", "-12.34", amount(data.final_liability), amount(data.amount_charged)):
        assert shown in text.splitlines(), shown


def test_the_final_letter_says_the_claim_is_closed(printing_db: Database, settings: Settings) -> None:
    report = load_report_data(printing_db, 15)
    assert report.claim_status == 7
    text = pdf_text(build_pdf(printing_db, 15, PrintForm.FINAL_LETTER, settings, at=AT))
    flat = " ".join(text.split())
    assert "CLAIM CLOSED" in flat and "has now been closed" in flat
    assert f"rental agreement {report.ra_number}" in flat
    lines = text.splitlines()
    assert lines[lines.index("Your final liability:") + 1] == amount(report.final_liability)
    assert lines[lines.index("Additional damage charges:") + 1] == amount(report.amount_charged)
    assert lines[lines.index("Balance outstanding:") + 1] == amount(report.amount_outstanding)


def test_the_shipped_templates_use_only_names_a_letter_fills_in() -> None:
    known = set(letter_values(sample_context())) | {"itemised_charges", "statement_lines", "loss_of_use_evidence"}
    for name in TEMPLATE_NAMES.values():
        used = set(re.findall(r"\{(\w+)\}", template_text(name)))
        assert used <= known, (name, used - known)
