""""On a Convert to RO, the DMS Repair ID will automatically populate with the reserved repair order number": a new
work order reserves the repair order at once; a DMS that does not answer does not stop the work order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.dms import DmsUnavailableError
from carsplus_tui.dms.outbox import OutboxConnector
from carsplus_tui.domain.work_orders import WorkOrderData
from carsplus_tui.services.work_orders import save_work_order


def _report_without_work_order(db: Database) -> int:
    with db.read() as s:
        with_wo = select(m.WorkOrder.damage_report_number)
        return s.scalars(select(m.DamageReport.report_number).where(
            m.DamageReport.report_number.not_in(with_wo)).order_by(m.DamageReport.report_number)).first()


def test_a_new_work_order_fills_the_dms_repair_id(sample_db: Database, tmp_path: Path) -> None:
    number = _report_without_work_order(sample_db)
    saved = save_work_order(sample_db, number, WorkOrderData(status="OPEN", opened_date=date(2026, 11, 24), cost_lines=[
        {"description": "BODY", "kind": "L", "amount": "100.00"}]), "CLERK", connector=OutboxConnector(tmp_path))
    assert saved.repair_id and saved.dms_problem is None
    with sample_db.read() as s:
        properties = s.get(m.DmsProperties, number)
        events = s.scalars(select(m.DmsEvent.description).where(m.DmsEvent.report_number == number)).all()
    assert properties is not None and properties.repair_id
    assert "DMS Repair ID added" in events


class _Down(OutboxConnector):
    def reserve_repair_order(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise DmsUnavailableError("no answer")


def test_a_dms_that_does_not_answer_does_not_stop_the_work_order(sample_db: Database, tmp_path: Path) -> None:
    number = _report_without_work_order(sample_db)
    saved = save_work_order(sample_db, number, WorkOrderData(status="OPEN", opened_date=date(2026, 11, 24)), "CLERK",
                            connector=_Down(tmp_path))
    assert saved.repair_id is None and saved.dms_problem == "no answer"
    assert "DMS DID NOT ANSWER" in saved.message
    with sample_db.read() as s:
        assert s.scalar(select(m.WorkOrder.number).where(m.WorkOrder.damage_report_number == number)) == saved.number
        properties = s.get(m.DmsProperties, number)
    assert properties is None or not properties.repair_id
