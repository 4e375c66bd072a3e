"""Loss of use on the sample data (issue 22): LOU's figures from the work order and the RA's rate (or the class's),
the utilization log against a count made here from the sample files themselves, and a save that keeps the
derivation, audits it, and refuses one that was tampered with, one Misc Costs below it, or an employee who may not."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.loss_of_use import LossOfUseError
from carsplus_tui.services.loss_of_use import class_rates, loss_of_use_for, set_class_rate
from carsplus_tui.services.reports import load_report_data, save_report
from carsplus_tui.services.work_orders import load_work_order_data, save_work_order

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
REPORT = 4  # RA A0001331, unit 008696 (a MINIVAN owned by TUS), damage not covered, work order repaired 08-20-09
OUT, BACK = date(2009, 8, 8), date(2009, 8, 20)


def out_of_service(db: Database, number: int = REPORT, out: date = OUT) -> None:
    order = load_work_order_data(db, number)
    save_work_order(db, number, order.model_copy(update={"out_of_service_date": out}), "CLERK", reserve=False)


def counted_from_the_files(vehicle_class: str, location: str, first: date, end: date) -> list[tuple[int, int]]:
    """(fleet, on rent) a day, straight from the sample JSON: an RA counts the vehicle it carried last."""
    vehicles = json.loads((SAMPLE / "vehicles.json").read_text())
    fleet = {v["id"] for v in vehicles if v["vehicle_class"] == vehicle_class and v["owning_location"] == location}
    ras = json.loads((SAMPLE / "rental_agreements.json").read_text())
    out = []
    day = first
    while day < end:
        busy = set()
        for ra in ras:
            opened = date.fromisoformat(ra["open_date"])
            closed = date.fromisoformat(ra["close_date"]) if ra["close_date"] else None
            on = opened <= day and (closed is None or day < closed or opened == closed == day)
            if on and ra["vehicles"][-1] in fleet:
                busy.add(ra["vehicles"][-1])
        out.append((len(fleet), len(busy)))
        day += timedelta(days=1)
    return out


def test_lou_is_the_work_orders_days_times_the_ras_rate(sample_db: Database) -> None:
    with pytest.raises(LossOfUseError, match="NO 6 OUT OF SERVICE DATE"):
        loss_of_use_for(sample_db, REPORT)
    out_of_service(sample_db)
    result = loss_of_use_for(sample_db, REPORT)
    lou = result.data
    assert (lou.days, lou.daily_rate, lou.rate_source, lou.amount) == (12, Decimal("62.99"), "RA", Decimal("755.88"))
    assert (lou.vehicle_class, lou.location) == ("MINIVAN", "TUS")
    assert lou.derivation == "12 DAYS X 62.99 (RA RATE) = 755.88"
    log = result.log
    assert [d.day for d in log.days] == [OUT + timedelta(days=i) for i in range(12)]
    assert [(d.fleet_size, d.on_rent) for d in log.days] == counted_from_the_files("MINIVAN", "TUS", OUT, BACK)
    # the damaged car itself is out of service every one of those days
    assert all(d.out_of_service >= 1 for d in log.days)
    assert all(d.free == d.fleet_size - d.on_rent - d.out_of_service for d in log.days)
    assert (lou.fleet_size, lou.days_none_free, lou.days_idle) == (log.fleet_size, log.days_none_free,
                                                                   log.days_idle)


def test_without_a_rate_on_the_ra_the_class_rate_of_the_control_record(sample_db: Database) -> None:
    out_of_service(sample_db)
    with sample_db.write() as s:
        s.get(m.RentalAgreement, "A0001331").daily_rate = None
    assert class_rates(sample_db)["MINIVAN"] == Decimal("62.99")
    assert set_class_rate(sample_db, "minivan", "70.00", by="DEMO") is True
    lou = loss_of_use_for(sample_db, REPORT).data
    assert (lou.daily_rate, lou.rate_source, lou.amount) == (Decimal("70.00"), "CLASS", Decimal("840.00"))
    with sample_db.read() as s:
        audit = s.scalars(select(m.MaintenanceAudit).where(m.MaintenanceAudit.field == "daily_rate.MINIVAN")).one()
        assert (audit.old_value, audit.new_value, audit.employee_code) == ("62.99", "70.00", "DEMO")
    set_class_rate(sample_db, "MINIVAN", "NONE", by="DEMO")
    with pytest.raises(LossOfUseError, match="NONE FOR CLASS MINIVAN"):
        loss_of_use_for(sample_db, REPORT)


def charged(db: Database, employee: str = "CLERK", **change: object):  # noqa: ANN201
    data = load_report_data(db, REPORT)
    lou = loss_of_use_for(db, REPORT).data
    update = {"loss_of_use": lou.model_dump(mode="json"), "misc_costs": lou.amount, **change}
    return lou, save_report(db, data.model_copy(update=update), employee)


def test_a_save_keeps_the_derivation_with_the_report_and_audits_it(sample_db: Database) -> None:
    out_of_service(sample_db)
    before = load_report_data(sample_db, REPORT)
    lou, result = charged(sample_db)
    data = load_report_data(sample_db, REPORT)
    assert data.loss_of_use == lou.model_dump(mode="json")
    assert data.misc_costs == Decimal("755.88")
    assert data.maximum_liability == before.maximum_liability + Decimal("755.88")  # uncovered: the renter's
    with sample_db.read() as s:
        row = s.get(m.LossOfUse, REPORT)
        assert (row.days, row.daily_rate, row.amount, row.rate_source) == (12, Decimal("62.99"),
                                                                           Decimal("755.88"), "RA")
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.report_number == REPORT,
                                                       m.AuditEntry.field == "9 Misc Costs (Loss of Use)")).all()
        assert [(e.old_value, e.new_value, e.employee_code) for e in entries] == [
            ("(BLANK)", "12 DAYS X 62.99 (RA RATE) = 755.88", "CLERK")]
    assert any("UTILIZATION: MINIVAN AT TUS" in n.text for n in data.notes)
    # a file that does not name loss_of_use keeps it
    again = load_report_data(sample_db, REPORT).model_dump(mode="json")
    del again["loss_of_use"]
    from carsplus_tui.domain.schemas import load_report

    save_report(sample_db, load_report(again), "CLERK")
    assert load_report_data(sample_db, REPORT).loss_of_use == lou.model_dump(mode="json")


@pytest.mark.parametrize(("employee", "change", "words"), [
    ("CLERK", {"misc_costs": Decimal("700.00")}, "MAY NOT BE LESS THAN THE LOSS OF USE"),
    ("CLERK", {"loss_of_use": "tampered"}, "TYPE LOU AGAIN"),
    ("MGARCI", {}, "VIEW ONLY"),
])
def test_a_bad_loss_of_use_is_refused_and_nothing_is_written(sample_db: Database, employee: str,  # noqa: ANN001
                                                             change: dict, words: str) -> None:
    out_of_service(sample_db)
    before = load_report_data(sample_db, REPORT)
    if change.get("loss_of_use") == "tampered":
        lou = loss_of_use_for(sample_db, REPORT).data
        change = {"loss_of_use": {**lou.model_dump(mode="json"), "daily_rate": "99.00", "amount": "1188.00"},
                  "misc_costs": Decimal("1188.00")}
    with pytest.raises(ReportValidationError) as caught:
        charged(sample_db, employee, **change)
    assert words in str(caught.value).upper()
    after = load_report_data(sample_db, REPORT)
    assert (after.version, after.misc_costs, after.loss_of_use) == (before.version, before.misc_costs, None)
    with sample_db.read() as s:
        assert s.get(m.LossOfUse, REPORT) is None


def test_a_work_order_save_that_moves_the_dates_of_a_charged_loss_of_use_says_so(  # noqa: ANN001
        sample_db: Database, monkeypatch, tmp_path: Path) -> None:
    """The save keeps the charge as charged and says, once, on which dates it was computed; `workorder import` too."""
    out_of_service(sample_db)
    lou, _ = charged(sample_db)
    order = load_work_order_data(sample_db, REPORT)
    said = "LOSS OF USE WAS COMPUTED ON 08-08-09 TO 08-20-09: TYPE LOU ON PAGE 2"
    moved = save_work_order(sample_db, REPORT, order.model_copy(update={"repair_date": date(2009, 8, 22)}), "CLERK",
                            reserve=False)
    assert moved.loss_of_use_warning == said and moved.message == f"SAVED - {said}"
    assert load_report_data(sample_db, REPORT).loss_of_use == lou.model_dump(mode="json")
    order = load_work_order_data(sample_db, REPORT)
    same = save_work_order(sample_db, REPORT, order.model_copy(update={"repair_shop": "ACME"}), "CLERK",
                           reserve=False)
    assert same.loss_of_use_warning is None and "LOSS OF USE" not in same.message

    order = load_work_order_data(sample_db, REPORT)
    payload = {**order.model_dump(mode="json"), "out_of_service_date": "2009-08-10"}
    (tmp_path / "wo.json").write_text(json.dumps(payload))
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")
    monkeypatch.setenv("CARSPLUS_DMS_CONNECTOR", "outbox")
    monkeypatch.setenv("CARSPLUS_DMS_OUTBOX_DIR", str(tmp_path / "outbox"))
    result = CliRunner().invoke(main, ["workorder", "import", str(tmp_path / "wo.json"), "--employee", "CLERK"])
    assert result.exit_code == 0 and result.output.splitlines()[-1] == said, result.output
