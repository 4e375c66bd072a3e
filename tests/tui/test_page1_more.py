"""More of page 1: the non-rev ticket's automatic search, licence look-up, F6 from page 1, and printing after F1."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.search import DamageReportSearchScreen
from tests.tui.conftest import SIZE, message, saved_to_the_print_questions, screen_text, settle, sign_on, type_field


async def start(app, pilot, code: str = "DEMO"):  # noqa: ANN001, ANN201
    await settle(pilot)
    await sign_on(pilot, code, code.lower())
    assert isinstance(app.screen, DamageEntryScreen)
    return app.screen


async def test_a_non_rev_ticket_lists_its_vehicles_unrepaired_damage(make_app, sample_db) -> None:  # noqa: ANN001
    with sample_db.read() as s:
        ticket = s.scalars(
            select(m.NonRevTicket.number)
            .join(m.VehicleHistory, m.VehicleHistory.vehicle_id == m.NonRevTicket.vehicle_id)
            .where(m.VehicleHistory.repaired.is_(False))
        ).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("enter")  # no RA
        await type_field(pilot, ticket)
        assert isinstance(app.screen, ChoiceModal)
        assert "UNREPAIRED DAMAGE" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.field("unit_number").value  # the ticket's vehicle


async def test_vehicles_by_licence_when_the_system_is_configured_so(make_app, sample_db) -> None:  # noqa: ANN001
    with sample_db.write() as s:
        s.get(m.DamageControl, 1).vehicle_lookup_by_licence = True
        licence = s.scalars(select(m.Vehicle.licence).where(m.Vehicle.unit_number == "001888")).one()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("enter", "enter")
        await type_field(pilot, licence)
        while isinstance(app.screen, YesNoPrompt):
            await pilot.press("n")
            await settle(pilot)
        assert screen.vehicle is not None and screen.vehicle.unit_number == "001888"
        assert "DODGE" in screen_text(app)


async def test_f6_searches_and_a_line_number_recalls_into_page_1(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, DamageReportSearchScreen)
        assert "DAMAGE REPORT SEARCH" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        await type_field(pilot, "A0001310")
        assert "A0001310" in screen_text(app)
        await type_field(pilot, "1")
        assert isinstance(app.screen, DamageEntryScreen)
        assert screen.report["ra_number"] == "A0001310"
        assert screen.field("renters_claim_number").value == "CN1234"


async def test_a_print_question_answered_y_keeps_the_pdf_in_the_spool(make_app, no_printer: Path) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        # a new report on the manual's RA with no damage date: incomplete (I) and claim status 1
        await saved_to_the_print_questions(pilot)
        assert "SAVED - PRINT CURRENT DAMAGE REPORT? (Y/N)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot, 6)
        while isinstance(app.screen, YesNoPrompt):
            await pilot.press("n")
            await settle(pilot)
        assert "KEPT IN" in message(app) or "SPOOL" in message(app) or "NO PRINTER" in message(app)
    pdfs = list(no_printer.glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
