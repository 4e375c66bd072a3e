"""VEHICLE CLASS DAILY RATES (menu CLSRATE, issue 21) with real keys: an administrator changes a class's rate and F1
puts it in the database with the control record's audit entry; a bad rate is refused with one message and nothing
changes; a rate changed on another terminal since it was read is refused; a non-administrator cannot open it."""

from __future__ import annotations

from decimal import Decimal

from carsplus_tui.db.database import Database
from carsplus_tui.services.loss_of_use import class_rates, set_class_rate
from carsplus_tui.services.maintenance import audit_trail
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.class_rates import ClassRatesScreen
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import message, screen_text, settle, signed_on


async def _open(pilot, how: str) -> None:  # noqa: ANN001
    if not isinstance(pilot.app.screen, MenuScreen):
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
    assert isinstance(pilot.app.screen, MenuScreen)
    if how:
        await pilot.press(*how, "enter")
        await settle(pilot)


async def test_an_administrator_changes_a_class_rate(sample_db: Database) -> None:
    before = class_rates(sample_db)
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await _open(pilot, "")  # the menu itself lists the program for an administrator
        assert "VEHICLE CLASS DAILY RATES" in screen_text(app) and "CLSRATE" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await _open(pilot, "16")
        assert isinstance(app.screen, ClassRatesScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await _open(pilot, "CLSRATE")
        assert isinstance(app.screen, ClassRatesScreen)
        shown = screen_text(app)
        assert "VEHICLE CLASS DAILY RATES" in shown and "ECONOMY" in shown and f"{before['ECONOMY']:.2f}" in shown
        await pilot.press(*"ECONOMY", "enter")
        await settle(pilot)
        assert app.screen.field("description").value == f"{before['ECONOMY']:.2f}"
        app.screen.field("description").value = ""
        await pilot.press(*"29.49", "enter", "f1")
        await settle(pilot)
        assert "CLASS ECONOMY SAVED" in message(app), message(app)
        assert class_rates(sample_db)["ECONOMY"] == Decimal("29.49")
        assert any(a.employee_code == "DEMO" and a.field == "daily_rate.ECONOMY" and a.new_value == "29.49"
                   for a in audit_trail(sample_db, "CONTROL"))
        assert "29.49" in screen_text(app)

        # a bad rate: one message, nothing changed
        await pilot.press(*"COMPACT", "enter")
        await settle(pilot)
        app.screen.field("description").value = ""
        await pilot.press(*"3X.5", "enter", "f1")
        await settle(pilot)
        assert "not an amount" in message(app).lower(), message(app)
        assert class_rates(sample_db) == {**before, "ECONOMY": Decimal("29.49")}

        # changed on another terminal since it was read: refused, nothing changed
        await pilot.press("f3")
        await settle(pilot)
        set_class_rate(sample_db, "COMPACT", "33.00", by="CLERK")
        app.screen.field("description").value = "34.00"
        await pilot.press("f1")
        await settle(pilot)
        assert "CHANGED ON ANOTHER TERMINAL" in message(app), message(app)
        assert class_rates(sample_db)["COMPACT"] == Decimal("33.00")


async def test_a_non_administrator_cannot_open_it(sample_db: Database) -> None:
    before = class_rates(sample_db)
    app = CarsplusApp(sample_db)
    async with signed_on(app, "AGENT", "agent") as pilot:
        assert isinstance(app.screen, DamageEntryScreen)
        await pilot.press("escape", *"CLSRATE", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ClassRatesScreen)
        assert "NOT AUTHORISED - ADMINISTRATOR ONLY" in message(app)
    assert class_rates(sample_db) == before
