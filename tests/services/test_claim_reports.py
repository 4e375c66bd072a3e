"""DMGSUM (Damage Summary Report) and VICRPT (Vehicle Incident Clearance Report), issue 22 item 3, against
expectations worked out by hand from sample_data (claim locations, categories, damage dates, work orders) and page
2's Our Repair Costs and Amount Outstanding of each report; then the CSV columns and the PDF's text.

The sample's claim location TUS, by hand (report: category, damage date, work order, claim status, repair costs,
Amount Outstanding):
    1: 4, 07-20-09, CLOSED, 4, 377.25, 227.25       3: 6, 08-06-09 15:15, CLOSED, 7, 533.39, 0.00
    4: 3, 08-06-09 11:00, CLOSED, 3, 368.38, 118.38  8: 3, 08-12-09, CLOSED, 6, 625.90, -374.10
    10: 2, 08-16-09, OPEN, 4, 0.00, -1500.00         11: 4, 08-26-09, CLOSED, 7, 704.24, 0.00
    17: 1, 09-03-09, CLOSED, 5, 1496.93, 1597.52     21: 4, 08-29-09, CLOSED, 3, 2418.34, 918.34
    26: 1, 09-08-09, none, 2, 0.00, -2500.00         34: 1, 09-23-09, CLOSED, 5, 608.94, 288.94
    36: 3, 09-28-09, CLOSED, 6, 559.38, -1940.62     40: -, 10-17-09, none, 1, 0.00, 0.00
    41: -, 10-18-09, none, 1, 0.00, 0.00             44: 3, 10-25-09, OPEN, 4, 0.00, -500.00
    50: 1, 11-06-09, CLOSED, 6, 327.02, -172.98      62: -, no date, none, 1, 0.00, -500.00
    66: LIT, 01-10-10, CLOSED, 4, 1207.51, 0.00      72: 3, 01-26-10, IN REPAIR, 3, 59.95, 0.00
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.services import claim_listings
from carsplus_tui.services.dmgsum import (
    DETAIL_COLUMNS,
    SUMMARY_COLUMNS,
    DmgsumSelection,
    SelectionError,
    damage_detail,
    damage_summary,
    detail_csv,
    parse_claim_statuses,
    summary_csv,
)
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.vicrpt import VicrptSelection, clearance_detail, clearance_summary
from carsplus_tui.settings import Settings
from tests.printing.conftest import pdf_text

D = Decimal


def line_of(summary, location: str, category: str):  # noqa: ANN001, ANN201
    return next(li for li in summary.lines if (li.location, li.category) == (location, category))


# --- DMGSUM ------------------------------------------------------------------------------------------------------


def test_dmgsum_summary_for_one_location_counts_and_sums_by_category(sample_db: Database) -> None:
    summary = damage_summary(sample_db, DmgsumSelection.of(location="tus"))
    assert [(li.location, li.category) for li in summary.lines] == [
        ("TUS", ""), ("TUS", "1"), ("TUS", "2"), ("TUS", "3"), ("TUS", "4"), ("TUS", "6"), ("TUS", "LIT")]
    none = line_of(summary, "TUS", "")  # 40, 41, 62: no category, no work order
    assert (none.reports, none.repaired, none.our_repair_costs, none.amount_outstanding) == (3, 0, D("0.00"),
                                                                                              D("-500.00"))
    one = line_of(summary, "TUS", "1")  # 17, 26, 34, 50; 26 has no work order
    assert (one.reports, one.repaired) == (4, 3)
    assert one.our_repair_costs == D("2432.89")  # 1496.93 + 608.94 + 327.02
    assert one.amount_outstanding == D("-786.52")  # 1597.52 - 2500.00 + 288.94 - 172.98
    assert one.third_party_costs == D("850.59")  # report 17's
    assert one.misc_costs == D("180.00")  # report 34's
    three = line_of(summary, "TUS", "3")  # 4, 8, 36, 44 (OPEN), 72 (IN REPAIR)
    assert (three.reports, three.repaired) == (5, 3)
    assert three.our_repair_costs == D("1613.61")  # 368.38 + 625.90 + 559.38 + 59.95
    assert three.amount_outstanding == D("-2696.34")  # 118.38 - 374.10 - 1940.62 - 500.00
    four = line_of(summary, "TUS", "4")  # 1, 11, 21
    assert (four.reports, four.repaired, four.our_repair_costs, four.amount_outstanding) == (
        3, 3, D("3499.83"), D("1145.59"))
    total = summary.total
    assert (total.reports, total.repaired) == (18, 11)
    assert total.our_repair_costs == D("9287.23")
    assert total.amount_outstanding == D("-4337.27")


def test_dmgsum_summary_of_everything_agrees_with_page_2_of_every_report(sample_db: Database) -> None:
    summary = damage_summary(sample_db, DmgsumSelection())
    expected: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [D(0), D(0), D(0)])
    for number in range(1, 73):
        data = load_report_data(sample_db, number)
        cell = expected[(data.claim_location or "", data.accident_category or "")]
        cell[0] += 1
        cell[1] += data.our_repair_costs or 0
        cell[2] += data.amount_outstanding or 0
    got = {(li.location, li.category): [D(li.reports), li.our_repair_costs, li.amount_outstanding]
           for li in summary.lines}
    assert got == dict(expected)
    assert summary.total.reports == 72


def test_dmgsum_selections(sample_db: Database) -> None:
    def numbers(**chosen: str) -> list[int]:
        return [row.report_number for row in damage_detail(sample_db, DmgsumSelection.of(**chosen)).rows]

    # Report-number order (the order they were saved in).
    assert numbers(location="TUS") == [1, 3, 4, 8, 10, 11, 17, 21, 26, 34, 36, 40, 41, 44, 50, 62, 66, 72]
    assert numbers(location="TUS", claim_status="5-6") == [8, 17, 34, 36, 50]
    assert numbers(location="TUS", claim_status="1,7") == [3, 11, 40, 41, 62]
    assert numbers(location="TUS", repaired="N") == [10, 26, 40, 41, 44, 62, 72]  # 72 is IN REPAIR
    assert numbers(location="TUS", repaired="Y", category="3") == [4, 8, 36]
    # September 2009, both ends inclusive (17 on 09-03, 36 on 09-28); a range leaves out 62 (no damage date).
    assert numbers(location="TUS", date_from=date(2009, 9, 1), date_to=date(2009, 9, 30)) == [17, 26, 34, 36]
    assert numbers(location="TUS", date_from=date(2009, 9, 3), date_to=date(2009, 9, 3)) == [17]
    # The vehicle: unit 592 is two cars (TUS's and PHX's); reports 36, 42, 45, 48, 61, 63 name it.
    assert sorted(numbers(unit="592")) == [36, 42, 45, 48, 61, 63]
    assert numbers(location="XXX") == []


def test_dmgsum_detail_rows_carry_page_2s_money(sample_db: Database) -> None:
    detail = damage_detail(sample_db, DmgsumSelection.of(location="TUS", claim_status="5"))
    assert detail.total_rows == 2
    seventeen, thirty_four = detail.rows
    assert seventeen.report_number == 17 and seventeen.damage_date == datetime(2009, 9, 3, 10, 10)
    assert (seventeen.unit_number, seventeen.ra_number, seventeen.category, seventeen.report_status) == (
        "006106", "A0001340", "1", "C")
    assert (seventeen.work_order_status, seventeen.repaired) == ("CLOSED", "Y")
    assert (seventeen.our_repair_costs, seventeen.third_party_costs, seventeen.amount_outstanding) == (
        D("1496.93"), D("850.59"), D("1597.52"))
    assert (thirty_four.report_number, thirty_four.misc_costs, thirty_four.amount_outstanding) == (
        34, D("180.00"), D("288.94"))


def test_dmgsum_detail_pages_in_sql(sample_db: Database) -> None:
    chosen = DmgsumSelection.of(location="TUS")
    page = damage_detail(sample_db, chosen, limit=5, offset=15)
    assert page.total_rows == 18
    assert [row.report_number for row in page.rows] == [62, 66, 72]


def test_dmgsum_refuses_bad_selections() -> None:
    assert parse_claim_statuses("0-2,5") == (0, 1, 2, 5)
    assert parse_claim_statuses(" all ") is None
    for bad in ("8", "6-2", "X", "1-"):
        with pytest.raises(SelectionError, match="CLAIM STATUS"):
            parse_claim_statuses(bad)
    with pytest.raises(SelectionError, match="REPAIRED"):
        DmgsumSelection.of(repaired="MAYBE")
    with pytest.raises(SelectionError, match="FROM DATE IS AFTER"):
        DmgsumSelection.of(date_from=date(2009, 10, 1), date_to=date(2009, 9, 1))


def test_dmgsum_csv_columns_and_rows(sample_db: Database) -> None:
    summary = damage_summary(sample_db, DmgsumSelection.of(location="TUS"))
    rows = list(csv.reader(io.StringIO(summary_csv(summary))))
    assert tuple(rows[0]) == SUMMARY_COLUMNS == (
        "location", "category", "reports", "repaired", "our_repair_costs", "misc_costs", "third_party_costs",
        "third_party_recovery", "goodwill", "amount_outstanding")
    assert rows[2] == ["TUS", "1", "4", "3", "2432.89", "180.00", "850.59", "0.00", "0.00", "-786.52"]
    assert rows[-1] == ["TOTAL", "", "18", "11", "9287.23", "180.00", "850.59", "0.00", "0.00", "-4337.27"]
    detail = damage_detail(sample_db, DmgsumSelection.of(location="TUS", claim_status="5"))
    rows = list(csv.reader(io.StringIO(detail_csv(detail))))
    assert tuple(rows[0]) == DETAIL_COLUMNS
    assert rows[1] == ["17", "2009-09-03 10:10", "006106", "A0001340", "", "TUS", "1", "C", "5", "CLOSED", "Y",
                       "1496.93", "0.00", "850.59", "0.00", "0.00", "1597.52"]
    assert len(rows) == 3


def test_dmgsum_pdf_text(sample_db: Database, tmp_path) -> None:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path, company_name="DESERT CAR RENTAL", company_address="1 AIRPORT DR")
    summary = damage_summary(sample_db, DmgsumSelection.of(location="TUS"))
    text = pdf_text(claim_listings.dmgsum_pdf(summary, settings, datetime(2010, 2, 1, 9, 0)))
    assert "DESERT CAR RENTAL" in text and "DAMAGE SUMMARY REPORT" in text and "PRINTED 02-01-10" in text
    assert "LOC TUS" in text and "CS ALL" in text
    assert "2432.89" in text and "-786.52" in text  # TUS 1
    assert "9287.23" in text and "-4337.27" in text and "18 REPORTS" in text  # the total
    detail = damage_detail(sample_db, DmgsumSelection.of(location="TUS"))
    text = pdf_text(claim_listings.dmgsum_pdf(detail, settings, datetime(2010, 2, 1, 9, 0)))
    assert "DETAIL" in text and "A0001340" in text and "1597.52" in text and "18 REPORTS" in text


# --- VICRPT ------------------------------------------------------------------------------------------------------


def test_vicrpt_summary_groups_the_open_claims(sample_db: Database) -> None:
    summary = clearance_summary(sample_db, VicrptSelection())
    # The sample's status table: U 7 (claim status 0), I 9 (1), C 56 of which 12 are closed (7): 60 open.
    by_vir: dict[str, int] = defaultdict(int)
    for line in summary.lines:
        by_vir[line.vir_status] += line.claims
    assert dict(by_vir) == {"C": 44, "I": 9, "U": 7}
    assert summary.total.claims == 60
    # Every open claim's Amount Outstanding, as page 2 shows it (closed claims owe nothing).
    assert summary.total.amount_outstanding == sum(
        (load_report_data(sample_db, n).amount_outstanding for n in range(1, 73)), D("0.00"))
    lines = {(li.vir_status, li.claim_type, li.third_party): li for li in summary.lines}
    # 3RD PARTY claims with a third party: 1 (227.25), 9 (0.00), 30 (-1500.00), 33 (-3000.00), 54 (-750.00); the
    # oldest, report 1, was saved on 2009-07-21.
    party = lines[("C", "3RD PARTY", "Y")]
    assert (party.claims, party.amount_outstanding, party.oldest_report_date) == (5, D("-5022.75"), date(2009, 7, 21))
    assert lines[("I", "", "Y")].claims == 2  # 69 and 71
    assert summary.total.oldest_report_date == date(2009, 7, 21)


def test_vicrpt_selections_and_detail(sample_db: Database) -> None:
    def numbers(**chosen: str) -> list[int]:
        return [row.report_number for row in clearance_detail(sample_db, VicrptSelection.of(**chosen),
                                                              date(2010, 2, 1)).rows]

    # Open claims with a third party, the oldest report first.
    assert numbers(third_party="Y") == [1, 5, 9, 17, 21, 29, 30, 33, 54, 56, 66, 69, 71]
    assert numbers(third_party="Y", claim_type="3rd party") == [1, 9, 30, 33, 54]
    # Incomplete reports (the sample README's table: 9, all claim status 1).
    assert numbers(vir_status="I") == [14, 37, 40, 41, 45, 62, 67, 69, 71]
    assert numbers(vir_status="U", location="TUS") == []
    assert numbers(claim_type="NONE", location="TUS", vir_status="C") == [4, 21, 26, 50, 72]
    detail = clearance_detail(sample_db, VicrptSelection.of(third_party="Y", claim_type="3RD PARTY"),
                              date(2010, 2, 1))
    first = detail.rows[0]
    assert (first.report_number, first.days_open, first.vir_status, first.claim_status) == (1, 196, "C", 4)
    assert (first.third_parties, first.external_claim, first.external_closed) == (1, "Y", "N")
    assert (first.follow_up_date, first.amount_outstanding) == (date(2026, 12, 1), D("227.25"))
    with pytest.raises(SelectionError, match="VIR STATUS"):
        VicrptSelection.of(vir_status="X")
    with pytest.raises(SelectionError, match="THIRD PARTY"):
        VicrptSelection.of(third_party="MAYBE")


def test_vicrpt_csv_and_pdf(sample_db: Database, tmp_path) -> None:  # noqa: ANN001
    from carsplus_tui.services import vicrpt

    detail = clearance_detail(sample_db, VicrptSelection.of(third_party="Y", claim_type="3RD PARTY"),
                              date(2010, 2, 1))
    rows = list(csv.reader(io.StringIO(vicrpt.detail_csv(detail))))
    assert tuple(rows[0]) == vicrpt.DETAIL_COLUMNS == (
        "report_number", "damage_date", "days_open", "unit_number", "ra_number", "non_rev_number", "location",
        "vir_status", "claim_status", "claim_type", "third_party", "third_parties", "external_claim",
        "external_closed", "follow_up_date", "amount_outstanding")
    assert rows[1] == ["1", "2009-07-20 15:30", "196", "001888", "A0001310", "", "TUS", "C", "4", "3RD PARTY", "Y",
                       "1", "Y", "N", "2026-12-01", "227.25"]
    summary = clearance_summary(sample_db, VicrptSelection())
    rows = list(csv.reader(io.StringIO(vicrpt.summary_csv(summary))))
    assert tuple(rows[0]) == vicrpt.SUMMARY_COLUMNS
    assert ["C", "3RD PARTY", "Y", "5", "2009-07-21", "-5022.75"] in rows
    assert rows[-1] == ["TOTAL", "", "", "60", "2009-07-21", "-20864.75"]

    settings = Settings(data_dir=tmp_path, company_name="DESERT CAR RENTAL")
    text = pdf_text(claim_listings.vicrpt_pdf(summary, settings, datetime(2010, 2, 1, 9, 0)))
    assert "VEHICLE INCIDENT CLEARANCE REPORT" in text and "60 OPEN CLAIMS" in text
    assert "3RD PARTY" in text and "-5022.75" in text and "-20864.75" in text
    text = pdf_text(claim_listings.vicrpt_pdf(detail, settings, datetime(2010, 2, 1, 9, 0)))
    assert "A0001310" in text and "196" in text and "5 OPEN CLAIMS" in text


def test_kept_files_never_overwrite_and_say_where(tmp_path) -> None:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path, spool_dir=tmp_path / "spool", printer="")
    at = datetime(2010, 2, 1, 9, 0)
    first = claim_listings.keep(b"a,b\n", "dmgsum-summary", ".csv", settings=settings, at=at)
    second = claim_listings.keep(b"c,d\n", "dmgsum-summary", ".csv", settings=settings, at=at)
    assert first.path.name == "dmgsum-summary-20100201-090000.csv"
    assert second.path.name == "dmgsum-summary-20100201-090000-2.csv"
    assert first.path.read_bytes() == b"a,b\n" and second.path.read_bytes() == b"c,d\n"
    assert first.message.startswith("DMGSUM WRITTEN TO ")
    printed = claim_listings.keep(b"%PDF", "vicrpt-detail", ".pdf", settings=settings, print_it=True, at=at)
    assert printed.message.startswith("NO PRINTER SET - KEPT IN ") and printed.sent_to is None
