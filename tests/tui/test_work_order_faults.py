"""DAMAGE WORK ENTRY when another terminal holds the database's write lock: F1 gives one line (no traceback, the
screen as typed), and F1 again once the lock is gone saves it (the work order's database calls run in db_work)."""

from __future__ import annotations

from decimal import Decimal

from carsplus_tui.db.database import Database
from carsplus_tui.services.work_orders import load_work_order_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.work_order import WorkOrderScreen
from tests.locks import write_lock_held
from tests.tui.conftest import SIZE, message, settle, sign_on, type_field
from tests.tui.test_work_order import status2_report


async def test_f1_on_a_locked_database_is_a_message_then_saves(sample_db: Database) -> None:
    number = status2_report(sample_db)
    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)
    app = CarsplusApp(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await sign_on(pilot)
            await pilot.press("escape", *f"#{number}", "enter")
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, WorkOrderScreen)
            await pilot.press(*"8", "enter")
            await type_field(pilot, "BUMPER")
            await type_field(pilot, "P")
            await type_field(pilot, "410")
            with write_lock_held(sample_db):
                await pilot.press("escape", "f1")
                await settle(pilot, 6)
                assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT", message(app)
                assert app.screen is screen and app.is_running
                assert screen.field("cost_lines.0.amount").value == "410.00"
            assert load_work_order_data(sample_db, number) is None  # nothing half-written
            await pilot.press("f1")
            await settle(pilot, 6)
            assert "SAVED" in message(app), message(app)
        order = load_work_order_data(sample_db, number)
        assert [(line.description, line.kind, line.amount) for line in order.cost_lines] == [
            ("BUMPER", "P", Decimal("410.00"))]
    finally:
        db.dispose()
