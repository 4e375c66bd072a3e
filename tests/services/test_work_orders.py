"""Damage Work Entry's F1 through the service (issue 16): numbering from a counter row, the version guard, the
audit trail, and each effect of a work order (DESIGN.md §6b) checked in the database afterwards."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.dms import DmsUnavailableError
from carsplus_tui.dms.outbox import OutboxConnector
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.domain.work_orders import WorkOrderData, load_work_order
from carsplus_tui.services.search import unrepaired_reports_for_vehicle
from carsplus_tui.services.reports import load_report_data, report_json, save_report
from carsplus_tui.services.work_orders import StaleWorkOrderError, load_work_order_data, save_work_order
from tests.builders import add_reference_data, manual_example

AT = datetime(2009, 7, 25, 10, 0)
LINES = [{"description": "LABOR - FRONT FENDER", "kind": "L", "amount": "234.00"},
         {"description": "PAINT AND MATERIALS", "kind": "B", "amount": "118.50"}]


@pytest.fixture
def report_db(db: Database) -> Database:
    """The manual's example saved as report 1 (complete, no work order: claim status 2)."""
    add_reference_data(db)
    assert save_report(db, load_report(manual_example()), "CLERK", at=datetime(2009, 7, 21, 16, 45)).claim_status == 2
    return db


def order(**values: object) -> WorkOrderData:
    return load_work_order({"status": "OPEN", "opened_date": "2009-07-22", "cost_lines": LINES, **values})


def rows(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_new_work_order_moves_the_claim_on_and_its_lines_are_our_repair_costs(report_db: Database,
                                                                                tmp_path: Path) -> None:
    saved = save_work_order(report_db, 1, order(repair_shop="tucson auto body", estimate="400"), "CLERK", at=AT,
                            connector=OutboxConnector(tmp_path))
    assert (saved.number, saved.version, saved.created) == (1, 1, True)
    # "3 = The damage report status is C, there is a work order, but ... 'Report Checked' is not Y."
    assert saved.claim_status == 3
    data = load_report_data(report_db, 1)
    assert (data.claim_status, data.work_order_status, data.our_repair_costs) == (3, "OPEN", Decimal("352.50"))
    # The report's JSON shows it (DESIGN.md §8 `work_order`).
    shown = report_json(report_db, 1)["work_order"]
    assert shown["number"] == 1 and shown["repair_shop"] == "TUCSON AUTO BODY" and shown["estimate"] == "400.00"
    assert [(line["kind"], line["amount"]) for line in shown["cost_lines"]] == [("L", "234.00"), ("B", "118.50")]
    # "Convert to RO": the DMS Repair ID is reserved through the connector.
    with report_db.read() as s:
        assert s.get(m.DmsProperties, 1).repair_id == saved.repair_id and saved.repair_id
        audit = s.scalars(select(m.AuditEntry).where(m.AuditEntry.report_number == 1)).all()
        notes = [n.text for n in s.scalars(select(m.Note).where(m.Note.report_number == 1))]
    # Audited like page 2: field, old, new, employee, time -- and a note for each.
    assert {(a.field, a.old_value, a.new_value, a.employee_code, a.at) for a in audit} >= {
        ("WORK ORDER", None, "1", "CLERK", AT),
        ("WORK ORDER 1 Status", None, "OPEN", "CLERK", AT),
        ("WORK ORDER 3 Repair Shop", None, "TUCSON AUTO BODY", "CLERK", AT),
        ("WORK ORDER LINE 2", None, "PAINT AND MATERIALS B 118.50", "CLERK", AT),
    }
    assert "WORK ORDER 1 Status: (BLANK) -> OPEN" in notes


def test_numbers_come_from_a_counter_row_sequential_and_gap_free(report_db: Database) -> None:
    save_report(report_db, load_report(manual_example()), "CLERK", at=datetime(2009, 7, 21, 17, 0))  # report 2
    save_report(report_db, load_report(manual_example()), "CLERK", at=datetime(2009, 7, 21, 17, 5))  # report 3
    assert save_work_order(report_db, 1, order(), "CLERK", at=AT).number == 1
    # A refused save gives its number back: nothing is skipped.
    with pytest.raises(ReportValidationError):
        save_work_order(report_db, 2, order(status="CLOSED"), "CLERK", at=AT)
    assert save_work_order(report_db, 2, order(), "CLERK", at=AT).number == 2
    assert save_work_order(report_db, 3, order(), "CLERK", at=AT).number == 3
    with report_db.read() as s:
        assert s.scalar(select(m.WorkOrderCounter.last_number)) == 3


def test_sample_work_orders_keep_their_numbers_and_the_next_one_follows(sample_db: Database) -> None:
    with sample_db.read() as s:
        highest = s.scalar(select(func.max(m.WorkOrder.number)))
        free = s.scalars(select(m.DamageReport.report_number).where(
            m.DamageReport.report_number.not_in(select(m.WorkOrder.damage_report_number)),
            m.DamageReport.report_status == "C")).first()
    assert save_work_order(sample_db, free, order(opened_date=None), "CLERK").number == highest + 1


def test_a_stale_work_order_is_refused_like_page_2_and_nothing_changes(report_db: Database) -> None:
    save_work_order(report_db, 1, order(), "CLERK", at=AT)
    first = load_work_order_data(report_db, 1)
    second = first.model_copy(update={"status": "IN REPAIR"})
    save_work_order(report_db, 1, first.model_copy(update={"repair_shop": "SUNSET COLLISION"}), "CLERK",
                    at=datetime(2009, 7, 26, 9, 15))
    audit_before = rows(report_db, m.AuditEntry)
    with pytest.raises(StaleWorkOrderError, match="WORK ORDER CHANGED BY CLERK AT 07-26-09 09:15 - F3 TO RELOAD"):
        save_work_order(report_db, 1, second, "LOCKED", at=datetime(2009, 7, 26, 9, 20))
    now = load_work_order_data(report_db, 1)
    assert (now.status, now.repair_shop, now.version) == ("OPEN", "SUNSET COLLISION", 2)
    assert rows(report_db, m.AuditEntry) == audit_before
    # A second creation (no version) is refused too: the report already has its work order.
    with pytest.raises(StaleWorkOrderError):
        save_work_order(report_db, 1, order(), "CLERK", at=AT)
    assert rows(report_db, m.WorkOrder) == 1


def test_closed_with_a_repair_date_marks_the_damage_repaired_and_reopening_undoes_it(report_db: Database) -> None:
    save_work_order(report_db, 1, order(), "CLERK", at=AT)
    assert [r.report_number for r in unrepaired_reports_for_vehicle(report_db, 1)] == [1]
    current = load_work_order_data(report_db, 1)
    with pytest.raises(ReportValidationError, match="7 Repair Date: is required to close the work order"):
        save_work_order(report_db, 1, current.model_copy(update={"status": "CLOSED"}), "CLERK", at=AT)
    saved = save_work_order(report_db, 1, current.model_copy(update={"status": "CLOSED",
                                                                     "repair_date": date(2009, 7, 29)}),
                            "CLERK", at=datetime(2009, 7, 30, 8, 0))
    assert saved.repaired_lines == 1
    assert unrepaired_reports_for_vehicle(report_db, 1) == []
    with report_db.read() as s:
        history = s.scalars(select(m.VehicleHistory).where(m.VehicleHistory.damage_report_number == 1)).all()
    assert [(h.repaired, h.repaired_date) for h in history] == [(True, date(2009, 7, 29))]
    reopened = load_work_order_data(report_db, 1).model_copy(update={"status": "IN REPAIR"})
    save_work_order(report_db, 1, reopened, "CLERK", at=datetime(2009, 7, 30, 9, 0))
    assert [r.report_number for r in unrepaired_reports_for_vehicle(report_db, 1)] == [1]


def test_a_work_order_recorded_after_the_repair_keeps_its_dates(report_db: Database) -> None:
    """Paperwork caught up: a work order opened today for a car repaired last week (out of service before it was
    opened, repaired before it was opened) is taken as typed - the opened date is when it was recorded."""
    saved = save_work_order(report_db, 1, order(opened_date="2009-07-25", out_of_service_date="2009-07-10",
                                                 repair_date="2009-07-20", status="CLOSED"), "CLERK", at=AT)
    loaded = load_work_order_data(report_db, 1)
    assert (loaded.opened_date, loaded.out_of_service_date, loaded.repair_date) == (
        date(2009, 7, 25), date(2009, 7, 10), date(2009, 7, 20))
    assert saved.number


@pytest.mark.parametrize(("changes", "message"), [
    ({"status": "FIXED"}, "1 Status: must be OPEN, IN REPAIR or CLOSED"),
    ({"cost_lines": [{"description": "X", "kind": "Z", "amount": "1.00"}]}, "Line 1 Kind: must be P (parts)"),
    ({"cost_lines": [{"description": "X" * 31, "kind": "P", "amount": "1.00"}]},
     "Line 1 Description: may be at most 30 characters"),
    ({"cost_lines": [{"description": "X", "kind": "P", "amount": "1.00"}] * 11}, "8 Cost Lines: may have at most 10"),
    ({"out_of_service_date": "2009-07-21", "repair_date": "2009-07-20", "status": "CLOSED"},
     "7 Repair Date: may not be before the out-of-service date"),
    ({"opened_date": "2009-07-26"}, "2 Opened Date: may not be after today"),
])
def test_bad_input_is_refused_by_field_and_changes_nothing(report_db: Database, changes: dict, message: str) -> None:
    audit_before = rows(report_db, m.AuditEntry)  # the report's own save audits its stored defaults
    with pytest.raises(ReportValidationError) as info:
        save_work_order(report_db, 1, order(**changes), "CLERK", at=AT)
    assert message in str(info.value)
    assert rows(report_db, m.WorkOrder) == 0 and rows(report_db, m.AuditEntry) == audit_before
    assert load_report_data(report_db, 1).claim_status == 2


@pytest.mark.parametrize(("employee", "message"), [
    ("VIEWER", "DAMAGE WORK ENTRY IS VIEW ONLY FOR THIS EMPLOYEE"),
    ("AGENT", "NO ACCESS TO CLAIM INFO"),
])
def test_only_page_2_edit_access_creates_or_changes_a_work_order(report_db: Database, employee: str,
                                                                 message: str) -> None:
    with pytest.raises(ReportValidationError, match=message):
        save_work_order(report_db, 1, order(), employee, at=AT)
    assert rows(report_db, m.WorkOrder) == 0
    save_work_order(report_db, 1, order(), "CLERK", at=AT)
    with pytest.raises(ReportValidationError, match=message):
        save_work_order(report_db, 1, load_work_order_data(report_db, 1).model_copy(update={"status": "IN REPAIR"}),
                        employee, at=AT)
    assert load_work_order_data(report_db, 1).status == "OPEN"


class _Down(OutboxConnector):
    def reserve_repair_order(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise DmsUnavailableError("DMS DID NOT ANSWER")


def test_a_dms_that_does_not_answer_does_not_stop_the_work_order(report_db: Database, tmp_path: Path) -> None:
    saved = save_work_order(report_db, 1, order(), "CLERK", at=AT, connector=_Down(tmp_path))
    assert saved.repair_id is None and saved.dms_problem
    assert load_report_data(report_db, 1).claim_status == 3
    with report_db.read() as s:
        properties = s.get(m.DmsProperties, 1)
    assert properties is None or not properties.repair_id


def test_an_import_of_the_report_ignores_its_work_order(report_db: Database) -> None:
    save_work_order(report_db, 1, order(), "CLERK", at=AT)
    shown = report_json(report_db, 1)
    shown["work_order"]["status"] = "CLOSED"
    shown["work_order"]["cost_lines"] = []
    save_report(report_db, load_report(shown), "CLERK")
    assert load_work_order_data(report_db, 1).status == "OPEN"
    assert load_report_data(report_db, 1).our_repair_costs == Decimal("352.50")
