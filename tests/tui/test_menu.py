"""The DAMAGE TRACKING SUBMENU (issue 21, item 1), driven with real keys on the sample data: an employee whose User
Access File says MENU starts on it; DMGENT stays the first screen of everyone else; MENU at page 1's OPTION opens it
over page 1 (what was typed there kept); a line number or a program code opens the program."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.users import update_user
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.search import DamageReportSearchScreen
from carsplus_tui.tui.screens.work_order import WorkOrderScreen
from tests.tui.conftest import message, screen_text, settle, signed_on


async def test_menu_first_screen_and_a_line_number_opens_damage_report_entry(sample_db: Database) -> None:
    update_user(sample_db, "DEMO", by="DEMO", first_screen="MENU")
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        assert isinstance(app.screen, MenuScreen)
        text = screen_text(app)
        assert "DAMAGE TRACKING SUBMENU" in text
        for line in ("1. DAMAGE REPORT ENTRY", "DMGENT", "3. DAMAGE REPORT SEARCH", "4. FOLLOW-UP QUEUE"):
            assert line in text
        await pilot.press("1", "enter")  # one line # and Enter: page 1
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert app.screen.focused is app.screen.field("ra_number")
        page1 = app.screen
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        await pilot.press("enter")  # Enter alone: Damage Report Entry, one keystroke
        await settle(pilot)
        assert app.screen is page1


async def test_an_agent_still_starts_on_page_1(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "AGENT", "agent"):
        assert isinstance(app.screen, DamageEntryScreen)
        assert not any(isinstance(s, MenuScreen) for s in app.screen_stack)


async def test_ra_on_the_command_line_opens_dmgent_even_for_a_menu_employee(sample_db: Database) -> None:
    update_user(sample_db, "DEMO", by="DEMO", first_screen="MENU")
    app = CarsplusApp(sample_db, ra_number="A0001310")
    async with signed_on(app) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert app.screen.field("ra_number").value == "A0001310"


async def test_menu_over_page_1_keeps_the_typing_and_codes_open_programs(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await pilot.press(*"A0001310")  # typed, not entered
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        await pilot.press(*"NONSENSE", "enter")
        await settle(pilot)
        assert "NONSENSE IS NOT AN OPTION" in message(app)
        await pilot.press(*"DMGSRCH", "enter")  # a program code: the search, over page 1
        await settle(pilot)
        assert isinstance(app.screen, DamageReportSearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page1
        assert page1.field("ra_number").value == "A0001310"
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        await pilot.press("escape")  # Esc at the menu's empty OPTION: back to page 1
        await settle(pilot)
        assert app.screen is page1
        assert len([s for s in app.screen_stack if isinstance(s, DamageEntryScreen)]) == 1


async def test_work_entry_line_takes_a_report_number(sample_db: Database) -> None:
    update_user(sample_db, "DEMO", by="DEMO", first_screen="MENU")
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press("2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert "TYPE 2 (OR DMGWRK) AND THE DAMAGE REPORT #" in message(app)
        await pilot.press(*"2 10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert app.screen.report_number == 10
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)


async def test_off_at_the_menu_signs_off(sample_db: Database) -> None:
    update_user(sample_db, "DEMO", by="DEMO", first_screen="MENU")
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press(*"OFF", "enter")
        await settle(pilot)
        assert "SIGNED OFF" in screen_text(app)
        assert app.employee is None
