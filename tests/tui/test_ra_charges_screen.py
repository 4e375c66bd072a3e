"""RA damage charges on the screen (DESIGN.md §4), with real keys: a second report on open RA L4005192 posts only
its own 100.00 and leaves report 68's 500.00 alone; a unit the RA never carried is refused naming those it did."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import SIZE, message, settle, sign_on, type_field


async def test_a_second_report_on_an_open_ra_charges_only_its_own_excess(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, "DEMO", "demo")
        await type_field(pilot, "L4005192")  # 1 RA#: report 68 is offered below; Esc goes on with a new report
        if isinstance(app.screen, ChoiceModal):
            await pilot.press("escape")
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DamageEntryScreen)
        assert screen.field("unit_number").value == "006569"
        await pilot.press("escape")
        await settle(pilot)
        await type_field(pilot, "13")  # OPTION: field 13
        await pilot.press("end", *["backspace"] * 10)
        await type_field(pilot, "100.00")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        while app.screen is not screen:  # the charges pop-up and the print questions
            await pilot.press("escape")
            await settle(pilot)
        assert "SAVED - OPTIONAL CHARGE 100.00 ON RA L4005192" in message(app), message(app)
    with sample_db.read() as s:
        rows = s.scalars(select(m.RaCharge).where(m.RaCharge.ra_number == "L4005192", m.RaCharge.code == "DMG")
                         .order_by(m.RaCharge.id)).all()
        assert [(c.damage_report_number, c.amount) for c in rows] == [(68, Decimal("500.00")), (73, Decimal("100.00"))]


async def test_a_unit_the_ra_never_carried_is_refused_on_the_screen(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, "DEMO", "demo")
        await type_field(pilot, "T3001212")
        if isinstance(app.screen, ChoiceModal):
            await pilot.press("escape")
            await settle(pilot)
        await type_field(pilot, "")  # 2 Non-Rev#
        await pilot.press("end", *["backspace"] * 10)
        await type_field(pilot, "001888")
        assert message(app) == "3 UNIT #: 001888 WAS NOT ON RA T3001212 - IT CARRIED 592, 006785"
        assert app.screen.field("unit_number").has_focus
