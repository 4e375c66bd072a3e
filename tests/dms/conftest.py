from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import save_report
from carsplus_tui.services.work_orders import save_work_order
from tests.builders import add_reference_data, manual_example
from tests.dms.fake_dms import FakeDms


@pytest.fixture
def claim_db(db: Database) -> Database:
    """The manual's example world with report 1 saved (renter LAMPERT) and a work order with repair costs."""
    add_reference_data(db)
    save_report(db, load_report(manual_example()), "CLERK")
    save_work_order(db, 1, number=5001, status="OPEN", opened_date=date(2009, 7, 22),
                    cost_lines=[("BODY WORK", Decimal("2500.00")), ("PAINT", Decimal("377.67"))])
    return db


@pytest.fixture
def fake_dms() -> Iterator[FakeDms]:
    server = FakeDms().start()
    yield server
    server.stop()
