"""The administrator's programs (control record, a code table, the User Access File) with the database locked by
another terminal: F1 is one line on the message line, what was typed stays on the screen, and F1 saves once the lock
is gone."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.code_tables import list_codes
from carsplus_tui.services.control_file import read_control
from carsplus_tui.services.users import list_users
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.control_record import ControlRecordScreen
from carsplus_tui.tui.screens.damage_types import DamageTypeCodesScreen
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.user_access import UserAccessScreen
from tests.locks import write_lock_held
from tests.tui.conftest import message, settle, signed_on

AUDIT = ("maintenance_audit",)  # every change writes its audit entry: on PostgreSQL, that insert waits


async def open_line(pilot, line: str, kind: type) -> None:  # noqa: ANN001
    await pilot.press("escape", *"MENU", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MenuScreen)
    await pilot.press(*line, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, kind)


async def back_to_page1(pilot) -> None:  # noqa: ANN001
    await pilot.press("escape", "escape")  # to OPTION, then out to the menu
    await settle(pilot)
    await pilot.press("1", "enter")
    await settle(pilot)


async def test_f1_in_the_maintenance_programs_with_the_database_locked(sample_db: Database) -> None:
    url = sample_db.url.render_as_string(hide_password=False)
    db = Database(url, lock_timeout_s=1)
    app = CarsplusApp(db)
    try:
        async with signed_on(app) as pilot:
            await open_line(pilot, "10", ControlRecordScreen)
            screen = app.screen
            await pilot.press("y", "enter")  # 1 AUSIE RULES
            with write_lock_held(db, AUDIT):
                await pilot.press("f1")
                await settle(pilot, 6)
                assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
                assert app.screen is screen and screen.field("ausie_rules").value == "Y"
                assert read_control(sample_db)["ausie_rules"] is False
            await pilot.press("f1")
            await settle(pilot)
            assert "CONTROL RECORD SAVED - AUSIE RULES" in message(app)
            assert read_control(sample_db)["ausie_rules"] is True

            await back_to_page1(pilot)
            await open_line(pilot, "11", DamageTypeCodesScreen)
            screen = app.screen
            await pilot.press("w", "enter", *"WINDSHIELD", "enter")
            with write_lock_held(db, AUDIT):
                await pilot.press("f1")
                await settle(pilot, 6)
                assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
                assert app.screen is screen and screen.field("description").value == "WINDSHIELD"
            await pilot.press("f1")
            await settle(pilot)
            assert "TYPE W ADDED" in message(app)
            assert any(r.code == "W" and r.description == "WINDSHIELD" for r in list_codes(sample_db, "damage-types"))

            await back_to_page1(pilot)
            await open_line(pilot, "15", UserAccessScreen)
            screen = app.screen
            await pilot.press(*"JSMITH", "enter", *"JOHN Q SMITH", "enter")  # 2 Name
            with write_lock_held(db, AUDIT):
                await pilot.press("f1")
                await settle(pilot, 6)
                assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
                assert app.screen is screen and screen.field("name").value == "JOHN Q SMITH"
            await pilot.press("f1")
            await settle(pilot)
            assert "EMPLOYEE JSMITH SAVED - NAME" in message(app)
            assert next(u for u in list_users(sample_db) if u.code == "JSMITH").name == "JOHN Q SMITH"
    finally:
        db.dispose()
