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
