"""`carsplus sample generate`: synthetic reports whose stored statuses are the engine's own verdict."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.generate import generate_reports
from carsplus_tui.services.reports import load_report_data, save_report
from tests.builders import add_reference_data, manual_example
from carsplus_tui.domain.schemas import load_report


def test_generated_reports_have_the_statuses_the_engine_gives_them(db: Database) -> None:
    add_reference_data(db)
    summary = generate_reports(db, 400, seed=7)
    assert "1 to 400" in summary
    with db.read() as s:
        stored = s.execute(select(m.DamageReport.report_number, m.DamageReport.report_status,
                                  m.DamageReport.claim_status, m.DamageReport.our_repair_costs,
                                  m.DamageReport.amount_outstanding, m.DamageReport.damage_date)).all()
        assert s.scalar(select(m.ReportCounter.last_number)) == 400
        assert s.scalar(select(func.count()).select_from(m.DamageLine)) >= 400
    assert len(stored) == 400
    assert set(Counter(row.claim_status for row in stored)) == set(range(8))
    for number, report_status, claim_status, our, outstanding, damage_date in stored[::10]:
        data = load_report_data(db, number)
        assert (data.report_status, data.claim_status) == (report_status, claim_status), number
        # The figures the claims clerk's reports sum (migration 0009) are the engine's too.
        assert (data.our_repair_costs, data.amount_outstanding) == (our, outstanding), number
        assert damage_date == data.accident_details.date_time, number


def test_numbering_carries_on_after_generated_reports(db: Database) -> None:
    add_reference_data(db)
    generate_reports(db, 30, seed=1)
    assert save_report(db, load_report(manual_example()), "CLERK").report_number == 31
