"""Sign-on: the stored hash decides; a wrong password says so without saying which part was wrong; five failures
in a row lock the code for five minutes (and the refusal stays the same, so a lock does not reveal a code)."""

from __future__ import annotations

from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from carsplus_tui.db import reference
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on


async def test_wrong_password_and_unknown_code_get_the_same_answer(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, "DEMO", "wrong")
        assert isinstance(app.screen, SignOnScreen)
        assert message(app) == "INVALID EMPLOYEE CODE OR PASSWORD"
        await pilot.press("f5")  # harmless here
        app.screen.query_one("#employee").value = ""
        app.screen.query_one("#employee").focus()
        await sign_on(pilot, "NOBODY", "demo")
        assert message(app) == "INVALID EMPLOYEE CODE OR PASSWORD"


async def test_five_failures_lock_the_code(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"CLERK", "enter")
        for _ in range(5):
            await pilot.press(*"nope", "enter")
            await settle(pilot)
        await pilot.press(*"clerk", "enter")  # the right password, too late
        await settle(pilot)
        # The same words as for a code that does not exist: a stranger learns nothing from a lock.
        assert message(app) == "INVALID EMPLOYEE CODE OR PASSWORD"
        assert isinstance(app.screen, SignOnScreen)
        assert "5 WRONG PASSWORDS IN A ROW LOCK THE CODE FOR 5 MINUTES" in screen_text(app)
        with app.db.read() as session:
            clerk = reference.get_employee(session, "CLERK")
            assert clerk.failed_sign_ons == 5 and clerk.locked_until is not None


async def test_right_password_opens_page_1(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, "clerk", "clerk")
        assert isinstance(app.screen, DamageEntryScreen)
        assert app.employee.code == "CLERK"


async def test_database_busy_at_sign_on_enter_again_signs_on_and_a_blank_enter_is_no_attempt(sample_db) -> None:  # noqa: ANN001
    """The line says ENTER AGAIN: the password typed stays, so Enter signs on once the lock is gone; a blank
    password (that Enter pressed while the field was empty) is a word, not a failed sign-on counted against the code."""
    from carsplus_tui.db.database import Database
    from carsplus_tui.tui.app import CarsplusApp
    from tests.locks import write_lock_held

    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)
    app = CarsplusApp(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"CLERK", "enter", "enter")
            await settle(pilot)
            assert message(app) == "TYPE THE PASSWORD, THEN ENTER"
            with write_lock_held(sample_db, ("employees",)):
                await pilot.press(*"clerk", "enter")
                await settle(pilot)
                assert message(app) == "DATABASE BUSY - ENTER AGAIN IN A MOMENT"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DamageEntryScreen) and app.employee.code == "CLERK"
        with sample_db.read() as session:
            assert reference.get_employee(session, "CLERK").failed_sign_ons == 0
    finally:
        db.dispose()
