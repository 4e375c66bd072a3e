"""The papers of a loss-of-use charge (issue 22): the FLEET UTILIZATION LOG (day by day, the days no car of the
class was free marked) and the ITEMISED STATEMENT letter (every line, adding up to Amount Outstanding, with the
utilization summary); the print questions after F1 and `carsplus print`."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.services.loss_of_use import loss_of_use_for
from carsplus_tui.services.printing import build_pdf, statement_for
from carsplus_tui.services.reports import load_report_data, save_report
from tests.printing.conftest import AT, pdf_text
from tests.services.test_loss_of_use_service import REPORT, out_of_service


def busy_first_half(db: Database) -> None:
    """Every other TUS minivan on rent from 08-01-09 to 08-14-09 (back on the 14th): no car free 08-08 to 08-13,
    free from 08-14 on."""
    with db.write() as s:
        damaged = s.get(m.DamageReport, REPORT).vehicle_id
        others = s.scalars(select(m.Vehicle.id).where(m.Vehicle.vehicle_class == "MINIVAN",
                                                      m.Vehicle.owning_location == "TUS", m.Vehicle.id != damaged)).all()
        for i, vehicle_id in enumerate(others):
            ra = m.RentalAgreement(ra_number=f"Z800000{i}", status="C", open_date=date(2009, 8, 1),
                                   open_location="TUS", close_date=date(2009, 8, 14), close_location="TUS",
                                   renter_customer_number=1000)
            ra.vehicles = [m.RaVehicle(sequence=1, vehicle_id=vehicle_id)]
            s.add(ra)


@pytest.fixture
def charged_db(sample_db: Database) -> Database:
    out_of_service(sample_db)
    busy_first_half(sample_db)
    data = load_report_data(sample_db, REPORT)
    lou = loss_of_use_for(sample_db, REPORT).data
    result = save_report(sample_db, data.model_copy(update={
        "loss_of_use": lou.model_dump(mode="json"), "misc_costs": lou.amount + Decimal("45.00"),  # + towing
        "amount_charged": Decimal("500.00")}), "CLERK")
    forms = [q.form for q in result.print_questions]
    assert forms[forms.index(PrintForm.DAMAGE_LETTER) + 1] == PrintForm.ITEMISED_STATEMENT  # beside it
    assert PrintForm.UTILIZATION_LOG in forms  # this save charged the loss of use
    again = save_report(sample_db, load_report_data(sample_db, REPORT), "CLERK")
    assert PrintForm.UTILIZATION_LOG not in [q.form for q in again.print_questions]  # unchanged: not asked again
    return sample_db


def test_the_utilization_log_pdf_shows_each_day_and_the_days_none_was_free(charged_db: Database, settings) -> None:  # noqa: ANN001
    text = pdf_text(build_pdf(charged_db, REPORT, PrintForm.UTILIZATION_LOG, settings, at=AT))
    assert "FLEET UTILIZATION LOG" in text and f"DAMAGE REPORT # {REPORT}" in text
    rows = re.findall(r"(08-\d\d-09) (\d+) (\d+) (\d+) (\d+) ([\d.]+)( NONE FREE)?", " ".join(text.split()))
    assert [(d, int(f), int(r), int(o), int(fr), u, bool(n)) for d, f, r, o, fr, u, n in rows] == [
        *[(f"08-{day:02}-09", 5, 4, 1, 0, "80.0", True) for day in range(8, 14)],
        *[(f"08-{day:02}-09", 5, 0, 1, 4, "0.0", False) for day in range(14, 20)],
    ]
    flat = " ".join(text.split())
    assert "NO CAR OF CLASS MINIVAN AT TUS WAS FREE ON 6 OF 12 DAYS" in flat
    assert "62.99 (RA)" in flat and "755.88" in flat


def test_the_itemised_statement_adds_up_to_amount_outstanding(charged_db: Database, settings) -> None:  # noqa: ANN001
    data = load_report_data(charged_db, REPORT)
    done = statement_for(data)
    assert sum(line.amount for line in done.items) == data.amount_outstanding == done.amount_due
    flat = " ".join(pdf_text(build_pdf(charged_db, REPORT, PrintForm.ITEMISED_STATEMENT, settings, at=AT)).split())
    assert "ITEMISED STATEMENT" in flat
    assert "LOSS OF USE 755.88" in flat
    assert "08-08-09 TO 08-20-09: 12 DAYS X 62.99 (RA RATE) = 755.88" in flat
    assert "OTHER MISC COSTS 45.00" in flat
    assert "CHARGED SINCE -500.00" in flat
    assert f"AMOUNT NOW DUE {data.amount_outstanding:,.2f}" in flat
    for line in data.work_order["cost_lines"]:  # the repairs, by kind
        assert {"P": "REPAIRS - PARTS", "L": "REPAIRS - LABOUR", "B": "REPAIRS - PAINT",
                "O": "REPAIRS - OTHER"}[line["kind"]] in flat
    assert "MINIVAN AT TUS, FLEET 5: NO CAR FREE ON 6 OF 12 DAYS" in flat  # the utilization summary
    # every amount printed on a statement line is one of the lines that add up
    for line in done.lines:
        assert f"{line.label} {line.amount:,.2f}" in flat


def test_a_statement_without_loss_of_use_has_no_utilization_paragraph(printing_db: Database, settings) -> None:  # noqa: ANN001
    flat = " ".join(pdf_text(build_pdf(printing_db, 6, PrintForm.ITEMISED_STATEMENT, settings, at=AT)).split())
    data = load_report_data(printing_db, 6)
    assert f"AMOUNT NOW DUE {data.amount_outstanding:,.2f}" in flat
    assert "FLEET UTILIZATION" not in flat and "LOSS OF USE" not in flat


def test_carsplus_print_statement_and_utilization_log(charged_db: Database, tmp_path: Path,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", charged_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("CARSPLUS_PRINTER", "")
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "CLERK")  # `print` signs on
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")

    def run(*args: str):  # noqa: ANN202
        return CliRunner().invoke(main, ["print", *args], catch_exceptions=False)

    for form in ("statement", "utilization-log"):
        result = run(str(REPORT), "--form", form)
        assert result.exit_code == 0, result.output
        (spooled,) = (tmp_path / "spool").glob(f"{REPORT:06}-{form}-*.pdf")
        assert f"DAMAGE REPORT # {REPORT}" in pdf_text(spooled.read_bytes())
    refused = run("21", "--form", "utilization-log")
    assert refused.exit_code == 1
    assert "FLEET UTILIZATION LOG IS FOR A REPORT WITH LOSS OF USE CHARGED" in refused.output
    anyway = run("21", "--form", "utilization-log", "--anyway")
    assert anyway.exit_code == 0, anyway.output
    (reprint,) = (tmp_path / "spool").glob("000021-utilization-log-*.pdf")
    text = " ".join(pdf_text(reprint.read_bytes()).split())
    assert "NO LOSS OF USE IS CHARGED ON THIS DAMAGE REPORT" in text
    assert "REPRINT - CONDITION NOT MET: FLEET UTILIZATION LOG IS FOR A REPORT WITH LOSS OF USE CHARGED" in text
