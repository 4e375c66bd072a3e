"""The claims clerk's desk (issue 22, items 1 and 2): the follow-up queue and the ageing of open claims, against
expectations worked out by hand from sample_data/damage_reports.json (follow-up dates, damage dates, claim
locations and employees) and from page 2's Amount Outstanding of each report."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.claims_desk import ageing, first_words, follow_up_queue
from carsplus_tui.services.reports import load_report, load_report_data, save_report

D = Decimal


def queue_numbers(db: Database, today: date, **filters: str) -> list[int]:
    return [f.report_number for f in follow_up_queue(db, today, **filters)]


def test_the_queue_is_every_open_claim_due_by_today_longest_overdue_first(sample_db: Database) -> None:
    # Follow-up dates on or before 2026-12-01, oldest first, ties by report number (the sample README's table).
    assert queue_numbers(sample_db, date(2026, 12, 1)) == [
        6,  # 2010-02-05
        27, 43,  # 2010-02-12
        55,  # 2010-02-19
        14, 56,  # 2026-11-16
        22,  # 2026-11-20
        5, 26,  # 2026-11-25
        48,  # 2026-11-27
        8,  # 2026-11-30
        1, 10, 37, 54, 60,  # 2026-12-01: due today
    ]
    # A day earlier, the six due on 2026-12-01 are not due yet.
    assert queue_numbers(sample_db, date(2026, 11, 30)) == [6, 27, 43, 55, 14, 56, 22, 5, 26, 48, 8]


def test_each_line_has_days_overdue_status_outstanding_and_the_last_note(sample_db: Database) -> None:
    queue = follow_up_queue(sample_db, date(2026, 12, 1), location="TUS")
    # TUS's claims due by 2026-12-01: 26 (11-25), 8 (11-30), 1 and 10 (12-01).
    assert [(f.line, f.report_number, f.days_overdue, f.claim_status, f.amount_outstanding) for f in queue] == [
        (1, 26, 6, 2, D("-2500.00")),  # covered, excess 2,500 charged on the RA, no work order yet
        (2, 8, 1, 6, D("-374.10")),  # covered, refund due
        (3, 1, 0, 4, D("227.25")),  # the manual's example: the renter still owes
        (4, 10, 0, 4, D("-1500.00")),
    ]
    oldest = follow_up_queue(sample_db, date(2026, 12, 1))[0]
    assert (oldest.report_number, oldest.follow_up_date, oldest.days_overdue) == (6, date(2010, 2, 5), 6143)
    assert oldest.amount_outstanding == D("185.78")  # "not covered, renter owes the balance"
    # The newest note a person wrote, its first words (cut at a word, at most 40 characters).
    by_number = {f.report_number: f for f in follow_up_queue(sample_db, date(2026, 12, 1))}
    # "FOLLOW UP: AETNA ADJUSTER PROMISED A DECISION BY THE FOLLOW-UP DATE"
    assert by_number[1].last_note == "FOLLOW UP: AETNA ADJUSTER PROMISED A"
    # Report 48's newest note is the automatic "9 Misc Costs: (BLANK) -> 80.00" of a page-2 edit: skipped for
    # "FOLLOW UP: RENTER PROMISED PAYMENT BY THE FOLLOW-UP DATE".
    assert by_number[48].last_note == "FOLLOW UP: RENTER PROMISED PAYMENT BY"


def test_amount_outstanding_is_page_2s_on_every_sample_report(sample_db: Database) -> None:
    """The stored figure the queue and the ageing sum is the engine's: every sample report (all claim statuses,
    covered or not, with and without work orders and RA charges) gives page 2's Amount Outstanding to the cent,
    and Our Repair Costs too."""
    with sample_db.read() as session:
        rows = session.execute(select(m.DamageReport.report_number, m.DamageReport.amount_outstanding,
                                      m.DamageReport.our_repair_costs)).all()
    assert len(rows) == 72
    for number, outstanding, our in rows:
        data = load_report_data(sample_db, number)
        assert (outstanding, our) == (data.amount_outstanding, data.our_repair_costs), number


def test_filters_by_claim_location_and_claim_employee(sample_db: Database) -> None:
    today = date(2026, 12, 1)
    assert queue_numbers(sample_db, today, employee="gfoste") == [43, 14, 56, 5, 48, 54, 60]
    assert queue_numbers(sample_db, today, location="TUS", employee="JSMITH") == [26, 8]
    assert queue_numbers(sample_db, today, location="PHX", employee="JSMITH") == []
    assert queue_numbers(sample_db, today, location=" ", employee="") == queue_numbers(sample_db, today)


def test_a_closed_claim_leaves_the_queue_and_a_new_note_becomes_the_last_note(sample_db: Database) -> None:
    with sample_db.write() as session:
        closed = session.scalar(select(m.DamageReport.report_number).where(m.DamageReport.claim_status == 7).limit(1))
        session.execute(update(m.DamageReport).where(m.DamageReport.report_number == closed)
                        .values(follow_up_date=date(2026, 11, 1)))
    assert closed not in queue_numbers(sample_db, date(2026, 12, 1))

    data = load_report_data(sample_db, 26)
    note = {"at": "2026-11-26T09:00:00", "employee": "JSMITH", "text": "RENTER'S INSURER  PROMISED A REPAIR ESTIMATE"}
    payload = {**data.model_dump(mode="json"), "follow_up_date": "2026-12-10",
               "notes": [*data.model_dump(mode="json")["notes"], note]}
    save_report(sample_db, load_report(payload), "JSMITH", at=datetime(2026, 11, 26, 9, 0))
    assert 26 not in queue_numbers(sample_db, date(2026, 12, 1))  # followed up: next look on 2026-12-10
    due = follow_up_queue(sample_db, date(2026, 12, 10), location="TUS", employee="JSMITH")
    assert due[-1].report_number == 26 and due[-1].days_overdue == 0
    # The save also wrote the automatic "6 Follow-up Date: ..." note after it: the clerk's note is what shows.
    assert due[-1].last_note == "RENTER'S INSURER PROMISED A REPAIR"


def test_first_words() -> None:
    assert first_words(None) == ""
    assert first_words("SHORT NOTE") == "SHORT NOTE"
    assert first_words("A" * 45) == "A" * 40
    assert first_words("CALLED\nTHE RENTER, NO ANSWER; CALL AGAIN MONDAY") == "CALLED THE RENTER, NO ANSWER; CALL AGAIN"


def cells(report, location: str, category: str) -> dict[str, tuple[int, Decimal]]:  # noqa: ANN001
    line = next(li for li in report.lines if (li.location, li.category) == (location, category))
    return {b: (line.counts[b], line.amounts[b]) for b in report.buckets if line.counts[b]}


def test_ageing_of_open_claims_by_location_and_category(sample_db: Database) -> None:
    """Today 2010-02-01: 0-30 = damage on or after 2010-01-02, 31-60 from 2009-12-03, 61-90 from 2009-11-03."""
    report = ageing(sample_db, date(2010, 2, 1))
    assert report.buckets == ("0-30", "31-60", "61-90", "90+", "no date")
    # TUS, no category: 62 (no damage date, -500.00), 40 and 41 (October 2009, nothing outstanding).
    assert cells(report, "TUS", "") == {"90+": (2, D("0.00")), "no date": (1, D("-500.00"))}
    # TUS 1: 17 (1,597.52), 26 (-2,500.00) and 34 (288.94) from September; 50 (2009-11-06, -172.98).
    assert cells(report, "TUS", "1") == {"61-90": (1, D("-172.98")), "90+": (3, D("-613.54"))}
    # TUS 3: 4, 8, 36, 44 (118.38 - 374.10 - 1,940.62 - 500.00); 72 (2010-01-26, nothing outstanding).
    assert cells(report, "TUS", "3") == {"0-30": (1, D("0.00")), "90+": (4, D("-2696.34"))}
    assert cells(report, "TUS", "4") == {"90+": (2, D("1145.59"))}  # 1 (227.25) and 21 (918.34)
    assert cells(report, "TUS", "LIT") == {"0-30": (1, D("0.00"))}  # 66, 2010-01-10
    assert cells(report, "TMP", "4") == {"61-90": (1, D("-750.00"))}  # 54, 2009-11-21
    assert cells(report, "TMP", "5") == {"61-90": (1, D("119.46"))}  # 48, 2009-11-09
    total = report.total
    assert total.count == 60  # the 72 sample reports less the 12 with claim status 7
    assert total.amount == sum(
        (load_report_data(sample_db, n).amount_outstanding for n in range(1, 73)
         if load_report_data(sample_db, n).claim_status < 7), D("0.00"))


def test_ageing_bucket_edges_are_whole_days_since_the_damage_date(sample_db: Database) -> None:
    # Report 50 (TUS, category 1): damaged 2009-11-06 16:35.
    assert cells(ageing(sample_db, date(2009, 12, 6)), "TUS", "1")["0-30"] == (1, D("-172.98"))  # 30 days
    assert cells(ageing(sample_db, date(2009, 12, 7)), "TUS", "1")["31-60"] == (1, D("-172.98"))  # 31 days
    assert cells(ageing(sample_db, date(2010, 1, 5)), "TUS", "1")["31-60"] == (1, D("-172.98"))  # 60 days
    assert cells(ageing(sample_db, date(2010, 1, 6)), "TUS", "1")["61-90"] == (1, D("-172.98"))  # 61 days
    assert cells(ageing(sample_db, date(2010, 2, 4)), "TUS", "1")["61-90"] == (1, D("-172.98"))  # 90 days
    assert cells(ageing(sample_db, date(2010, 2, 5)), "TUS", "1")["90+"] == (4, D("-786.52"))  # 91 days
