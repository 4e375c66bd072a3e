"""Every path that creates a report applies the manual's blank-screen defaults and the RA's (DESIGN.md §4, issue #15
item 3): `carsplus report import` and `carsplus sample generate`, like the screen (tests/tui/test_blank_page1.py).
On SQLite, and on PostgreSQL with CARSPLUS_TEST_DATABASE_URL."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.services.generate import generate_reports
from carsplus_tui.services.reports import describe_rental_agreement, import_report_json, load_report_data
from tests.builders import add_reference_data

D = Decimal


def typed_at_the_counter(**more: object) -> dict:
    """What an agent typed for a new report on RA T3001212 (open, LDW, excess 500.00), leaving fields 6, 7, 10 and 13
    as the blank screen and the RA left them."""
    report = {"ra_number": "T3001212", "unit_number": "006785", "customer_present": "Y", "third_party_involved": "N",
              "accident_details": {"address1": "5TH AND PINE"}, "accident_description": ["BACKED INTO A POST"]}
    report.update(more)
    return report


def test_an_import_takes_the_blank_screens_and_the_ras_defaults(sample_db: Database) -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    made = import_report_json(sample_db, typed_at_the_counter(), employee_code="CLERK")
    data = load_report_data(sample_db, made.report_number)
    assert (data.renter_driving, data.driver_injured) == ("Y", "N")
    assert data.damage_covered == "Y"  # LDW on the RA
    assert data.excess_charged == D("500.00")  # the RA's coverage responsibility
    assert data.excess_charged_ra == D("500.00")  # posted on the RA as the screen's save posts it
    assert data.accident_details.date_time is not None and data.accident_details.date_time >= before
    assert data.report_status == "C"
    assert describe_rental_agreement(sample_db, "T3001212").endswith("RECONCILED")


def test_an_import_keeps_what_the_file_typed_blank_included(sample_db: Database) -> None:
    made = import_report_json(sample_db, typed_at_the_counter(
        driver_injured=None, damage_covered="N", nature_of_breach="UNAUTHORISED DRIVER", excess_charged="200.00",
        accident_details={"date_time": "2010-01-19T09:00:00"}), employee_code="CLERK")
    data = load_report_data(sample_db, made.report_number)
    assert (data.renter_driving, data.driver_injured, data.damage_covered) == ("Y", None, "N")
    assert data.excess_charged == D("200.00")
    assert data.accident_details.date_time == datetime(2010, 1, 19, 9, 0)
    assert data.report_status == "I"  # Driver Injured cleared: incomplete, as on the screen


def test_an_import_without_an_ra_does_not_store_a_files_excess(sample_db: Database, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from carsplus_tui.cli import main

    with sample_db.read() as s:
        ticket = s.scalars(select(m.NonRevTicket)).first()
        unit = ticket.vehicle.unit_number
    base = {"non_rev_number": ticket.number, "unit_number": unit, "customer_present": "Y",
            "third_party_involved": "N", "accident_details": {"date_time": "2010-01-19T09:00:00"},
            "accident_description": ["HIT A POST"], "excess": "99999.00", "coverage_sold": "LDW"}
    # The file's display-only Excess gives Excess Charged no limit to hide under: refused, nothing stored.
    with sample_db.read() as s:
        count = len(s.scalars(select(m.DamageReport.report_number)).all())
    with pytest.raises(ReportValidationError, match="13 Excess Charged: needs an RA#"):
        import_report_json(sample_db, {**base, "excess_charged": "99999.00"}, employee_code="CLERK")
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")
    path = tmp_path / "no_ra.json"
    path.write_text(json.dumps({**base, "excess_charged": "99999.00"}))
    out = CliRunner().invoke(main, ["report", "import", str(path), "--employee", "CLERK"])
    assert out.exit_code != 0 and "13 Excess Charged: needs an RA#" in out.output
    with sample_db.read() as s:
        assert len(s.scalars(select(m.DamageReport.report_number)).all()) == count
    # Without field 13 the report is saved; the file's Excess and Cvg Sold are not what is stored.
    made = import_report_json(sample_db, base, employee_code="CLERK")
    data = load_report_data(sample_db, made.report_number)
    assert (data.excess, data.coverage_sold, data.excess_charged) == (None, None, None)
    with sample_db.read() as s:
        assert s.get(m.DamageReport, made.report_number).excess_charged is None


def test_generated_reports_take_the_same_defaults_and_their_ras_reconcile(db: Database) -> None:
    add_reference_data(db)
    generate_reports(db, 120, seed=3)
    with db.read() as s:
        rows = s.execute(select(m.DamageReport.report_number, m.DamageReport.ra_number, m.DamageReport.renter_driving,
                                m.DamageReport.driver_injured, m.DamageReport.damage_covered,
                                m.DamageReport.excess_charged, m.DamageReport.external_claim,
                                m.DamageReport.report_status)).all()
        coverage = dict(s.execute(select(m.RentalAgreement.ra_number, m.RentalAgreement.coverage_sold)).all())
    assert rows
    for number, ra, renter_driving, driver_injured, covered, field13, external, status in rows:
        assert renter_driving == "Y", number
        # only the incomplete kinds have Driver Injured cleared
        assert driver_injured == "N" or status == "I", number
        assert external in ("Y", "N"), number  # stored, never blank
        if ra is not None:
            assert covered == ("Y" if coverage[ra] else "N"), number  # the RA's LDW decides
            assert field13 is not None, number  # the RA's excess, or what the clerk typed
    for number, ra, *_ in rows[::7]:
        data = load_report_data(db, number)
        if ra is not None:
            assert describe_rental_agreement(db, ra).endswith("RECONCILED"), number
            assert data.excess_charged_ra == data.excess_charged, number
