from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import save_report
from carsplus_tui.domain.work_orders import WorkOrderData
from carsplus_tui.services.work_orders import save_work_order
from tests.builders import add_reference_data, manual_example
from tests.dms.fake_dms import FakeDms


@pytest.fixture
def claim_db(db: Database) -> Database:
    """The manual's example world with report 1 saved (renter LAMPERT) and a work order with repair costs."""
    add_reference_data(db)
    save_report(db, load_report(manual_example()), "CLERK")
    save_work_order(db, 1, WorkOrderData(status="OPEN", opened_date=date(2009, 7, 22), cost_lines=[
        {"description": "BODY WORK", "kind": "L", "amount": "2500.00"},
        {"description": "PAINT", "kind": "B", "amount": "377.67"}]), "CLERK")
    return db


@pytest.fixture
def fake_dms() -> Iterator[FakeDms]:
    server = FakeDms().start()
    yield server
    server.stop()
