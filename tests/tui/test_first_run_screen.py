"""A first run that explains itself: an empty database says there are no employees and names the two commands;
the sample data names its sample sign-ons while DEMO's sample password is unchanged."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.users import set_password
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on


async def _sign_on_screen_text(db: Database) -> str:
    app = CarsplusApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, SignOnScreen)
        return screen_text(app)


async def test_an_empty_database_says_there_are_no_employees_and_how_to_add_them(db: Database) -> None:
    text = await _sign_on_screen_text(db)
    assert "NO EMPLOYEES ON FILE" in text
    assert "carsplus sample load" in text
    assert "carsplus user add" in text and "--administrator" in text


async def test_the_sample_data_names_its_sign_ons_until_demos_password_changes(sample_db: Database) -> None:
    text = await _sign_on_screen_text(sample_db)
    assert "SAMPLE SIGN-ONS" in text and "DEMO/demo (ADMIN)" in text and "AGENT/agent (NONE)" in text
    set_password(sample_db, "DEMO", "a-real-password-1")
    text = await _sign_on_screen_text(sample_db)
    assert "SAMPLE SIGN-ONS" not in text and "NO EMPLOYEES" not in text


async def test_the_notice_does_not_stand_in_the_way_of_signing_on(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, "DEMO", "wrong")
        assert message(app) == "INVALID EMPLOYEE CODE OR PASSWORD"
        assert "SAMPLE SIGN-ONS" in screen_text(app)
