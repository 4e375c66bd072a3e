"""PostgreSQL stopped while an agent types (`pg_ctl stop -m immediate` on a PRIVATE server this test starts, never
the shared one): Enter and F1 give one line, the screen keeps what was typed; started again, F1 saves it all, and
F6 lists it at the first try (search pages have a pool of their own, not pinged before use)."""

from __future__ import annotations

import pytest

from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.sample import load_sample_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.pg_private import PrivateServer, private_server  # noqa: F401 - the fixture
from tests.tui.conftest import message, screen_text, settle, signed_on, type_field

pytestmark = pytest.mark.slow


async def test_postgresql_stopped_and_started_while_typing(private_server: PrivateServer) -> None:  # noqa: F811
    server = private_server
    db = Database(server.url, lock_timeout_s=2)
    migrate.upgrade(db.engine)
    load_sample_data(db)
    app = CarsplusApp(db)
    try:
        async with signed_on(app) as pilot:
            screen = app.screen
            assert isinstance(screen, DamageEntryScreen)
            await pilot.press("f6")  # a search page: its pool now holds a connection the stop will break
            await settle(pilot)
            assert any(line.startswith("1.") for line in screen_text(app).splitlines()), screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await type_field(pilot, "A0001310")
            await pilot.press("escape", *"12", "enter", *"CN777")
            await settle(pilot)
            server.stop()
            await pilot.press("enter")  # the field is checked and kept; its draft cannot be written: a message
            await settle(pilot, 6)
            assert message(app).strip() == "DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK", message(app)
            await pilot.press("escape", "f1")
            await settle(pilot, 6)
            line = message(app).strip()
            assert line == "DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK", line
            assert app.screen is screen and app.is_running
            assert screen.field("renters_claim_number").value == "CN777"
            server.start()
            await pilot.press("f1")
            await settle(pilot, 6)
            while app.screen is not screen:
                await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "escape")
                await settle(pilot)
            number = int(screen.query_one("#d-report-number").render().plain.strip())
            await pilot.press("f6")
            await settle(pilot)
            shown = screen_text(app)  # every report, newest first: the one just saved on the first line
            first = [line.split() for line in shown.splitlines() if line.startswith("1.")]
            assert first and str(number) in first[0], shown
        saved = load_report_data(db, number)
        assert (saved.ra_number, saved.renters_claim_number) == ("A0001310", "CN777")
    finally:
        db.dispose()
