"""Page 2 and the DMS ACTIVITY window with the database locked by another terminal: F1 (page 2) and Enter in an ID
field (DMS) are one line on the message line, what was typed stays on the screen, and the same key works once the
lock is gone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from textual.pilot import Pilot

from carsplus_tui.db.database import Database
from carsplus_tui.services import dms as dms_service
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.dms_activity import DmsActivityScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.locks import reads_blocked, write_lock_held
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on


def patient(sample_db: Database) -> Database:
    """The app's own connection, waiting one second for a lock (a few, by default)."""
    return Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)


@asynccontextmanager
async def recalled(sample_db: Database, number: int, code: str = "DEMO",
                   password: str = "demo") -> AsyncIterator[tuple[CarsplusApp, Pilot, Database]]:
    """The app on a patient connection of its own, `code` signed on, report `number` recalled on page 1."""
    db = patient(sample_db)
    app = CarsplusApp(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await sign_on(pilot, code, password)
            await pilot.press("escape", *f"#{number}", "enter")
            await settle(pilot)
            yield app, pilot, db
    finally:
        db.dispose()


async def test_f1_on_page_2_with_the_database_locked(sample_db: Database) -> None:
    async with recalled(sample_db, 17) as (app, pilot, db):
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimInfoScreen)
        await pilot.press(*"12", "enter", *"100", "enter")  # 12 Goodwill Ded
        with write_lock_held(db):
            await pilot.press("f1")
            await settle(pilot, 6)
            assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
            assert app.screen is screen and screen.field("goodwill_deduction").value.strip() == "100.00"
        assert load_report_data(sample_db, 17).goodwill_deduction is None
        await pilot.press("f1")
        await settle(pilot, 6)
        while isinstance(app.screen, (YesNoPrompt, ChoiceModal)):  # the print questions: not now
            await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "escape")
            await settle(pilot, 2)
        assert app.screen is screen
    assert load_report_data(sample_db, 17).goodwill_deduction == Decimal("100.00")


async def test_a_dms_id_entered_with_the_database_locked(sample_db: Database, monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))  # the DMS outbox of this test
    async with recalled(sample_db, 1, "CLERK", "clerk") as (app, pilot, db):
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DmsActivityScreen)
        with write_lock_held(db, ("dms_properties", "dms_events")):
            await pilot.press(*"12345678", "enter")  # the Repair ID typed over
            await settle(pilot, 6)
            assert message(app).strip() == "DATABASE BUSY - ENTER AGAIN IN A MOMENT"
            assert app.screen is screen and screen.query_one("#p-repair").value == "12345678"
        await pilot.press("enter")
        await settle(pilot)
        assert message(app) == "DMS REPAIR ID 12345678"
    assert dms_service.load_activity(sample_db, 1).properties.repair_id == "12345678"


async def test_page_2_opened_while_the_database_was_held_loads_with_enter(sample_db: Database) -> None:
    """F8 while another process holds the database: page 2 shows the report without its claim money and says
    DATABASE BUSY - ENTER AGAIN; Enter at OPTION then loads the claim facts (F8 would have left for page 1)."""
    async with recalled(sample_db, 1, "CLERK", "clerk") as (app, pilot, db):
        db.dispose()  # (SQLite: no connection of the app's open while the other process takes the file)
        with reads_blocked(sample_db, ("damage_reports", "rental_agreements", "damage_control",
                                       "claim_categories", "locations", "employees")):
            await pilot.press("f8")
            await settle(pilot, 6)
            screen = app.screen
            assert isinstance(screen, ClaimInfoScreen)
            assert message(app).strip() == "DATABASE BUSY - ENTER AGAIN IN A MOMENT"
            assert str(screen.query_one("#d-final_liability").render()).strip() in ("", "*")  # not known yet
        await pilot.press("enter")  # at OPTION
        await settle(pilot, 6)
        assert app.screen is screen and message(app).strip() != "DATABASE BUSY - ENTER AGAIN IN A MOMENT"
        # The claim's money, computed once the facts came.
        assert str(screen.query_one("#d-final_liability").render()).strip() not in ("", "*"), screen_text(app)
