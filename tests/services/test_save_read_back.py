"""F1 shows the report as saved without reading it back: `save_report(..., read_back=True)` builds it inside the
saving transaction. What the screen shows after F1 must be exactly what a recall (`#n` at OPTION) shows."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import load_report_data, save_report


def test_every_sample_report_after_f1_is_what_a_recall_shows(sample_db: Database) -> None:
    with sample_db.read() as session:
        numbers = list(session.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)))
    assert len(numbers) > 50
    for number in numbers:
        loaded = load_report_data(sample_db, number)
        # page 1 and page 2: Misc Costs moves the figures, so notes and audit entries are written too
        changed = loaded.model_copy(update={"renters_claim_number": f"RB{number}",
                                            "misc_costs": (loaded.misc_costs or Decimal(0)) + Decimal("12.30")})
        result = save_report(sample_db, changed, "DEMO", read_back=True)
        assert result.data is not None
        recalled = load_report_data(sample_db, number).model_dump(mode="json")
        assert result.data.model_dump(mode="json") == recalled, number
        assert recalled["renters_claim_number"] == f"RB{number}"


def test_a_new_report_after_f1_is_what_a_recall_shows(sample_db: Database) -> None:
    with sample_db.read() as session:
        ra = session.scalar(select(m.RentalAgreement.ra_number).where(m.RentalAgreement.status == "O")
                            .order_by(m.RentalAgreement.ra_number))
    data = load_report({"ra_number": ra, "renters_claim_number": "NEW1",
                        "damage_lines": [{"code": "D7", "type": "D"}], "notes": [{"at": "2026-12-01T10:00:00", "employee": "DEMO", "text": "FIRST NOTE"}]})
    result = save_report(sample_db, data, "DEMO", read_back=True)
    assert result.data is not None
    recalled = load_report_data(sample_db, result.report_number).model_dump(mode="json")
    assert result.data.model_dump(mode="json") == recalled
    assert [n["text"] for n in recalled["notes"]] == ["FIRST NOTE"]
