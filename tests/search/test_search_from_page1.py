"""F6 from page 1 in the real app: search, pick a line, and the report is recalled into page 1."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.search import DamageReportSearchScreen
from tests.tui.conftest import SIZE, screen_text, settle, sign_on


async def test_f6_then_a_line_number_recalls_the_report_into_page_1(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, DamageReportSearchScreen)
        assert "DAMAGE REPORT SEARCH" in screen_text(app)
        await pilot.press("f3", *"A0001310", "enter")
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, DamageReportSearchScreen)
        text = screen_text(app)
        assert "DAMAGE REPORT ENTRY" in text and "LAMPERT" in text and "001888" in text


async def test_esc_goes_back_to_page_1_unchanged(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        page1 = app.screen
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page1


async def test_hash_and_a_report_number_at_the_f6_option_recalls_it_into_page_1(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "LAMPERT" not in screen_text(app)  # report 1 is not among the newest shown
        await pilot.press("#", "1", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, DamageReportSearchScreen)
        text = screen_text(app)
        assert "DAMAGE REPORT ENTRY" in text and "LAMPERT" in text and "001888" in text and "A0001310" in text


async def test_f6_again_starts_as_the_first_time(sample_db: Database) -> None:
    """The search screen is kept between opens: a second F6 shows every report newest first again, the key typed
    the first time gone and the cursor at OPTION."""
    app = CarsplusApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        await pilot.press("f6")
        await settle(pilot)
        first = screen_text(app)
        await pilot.press("f3", *"A0001310", "enter")
        await settle(pilot)
        assert "A0001310" in screen_text(app) and screen_text(app) != first
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, DamageReportSearchScreen)
        assert screen_text(app) == first
        assert app.focused is app.screen.query_one("#search-option")
