"""Keys typed at the sign-on screen while the database is still opening (a PostgreSQL server slow to answer, a
loaded machine) land at once, each in its field: only the sign-on's own check waits for the database."""

from __future__ import annotations

import threading

import pytest

from carsplus_tui.services.opening import DatabaseOpening
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from tests.tui.conftest import SIZE, settle
from tests.tui.test_counter_flow import focused_path


async def test_code_and_password_land_while_the_database_is_still_opening(make_app,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    opened = threading.Event()
    really_open = DatabaseOpening._open

    def slow_open(self: DatabaseOpening) -> None:
        opened.wait(30)  # the database answers only when the test says so
        really_open(self)

    monkeypatch.setattr(DatabaseOpening, "_open", slow_open)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, SignOnScreen) and focused_path(app) == "employee":
                break
        await pilot.press(*"DEMO", "enter", *"demo")
        for _ in range(10):
            await pilot.pause()
        assert not opened.is_set() and not app.database_ready.is_set()  # still opening
        screen = app.screen
        assert (screen.query_one("#employee").value, screen.query_one("#password").value) == ("DEMO", "demo")
        assert focused_path(app) == "password"
        await pilot.press("enter")  # the sign-on itself waits for the database
        opened.set()
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
