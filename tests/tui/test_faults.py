"""Faults are messages: a database that is locked (or a number it cannot hold) gives one line on the message line;
what was typed stays on the screen, and the same key works once the cause is gone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.conftest import PG_URL
from tests.tui.conftest import message, settle, signed_on, type_field


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Another terminal holding the write lock: SQLite `BEGIN IMMEDIATE`; PostgreSQL, the report counter locked."""
    if PG_URL:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as other:
            other.execute("LOCK TABLE report_counter IN EXCLUSIVE MODE")
            yield
            other.rollback()
        return
    import sqlite3

    other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


def reports_on_file(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(m.DamageReport)) or 0


async def test_f1_while_another_terminal_holds_the_lock_is_one_line_then_f1_saves(sample_db) -> None:  # noqa: ANN001
    url = sample_db.url.render_as_string(hide_password=False)
    db = Database(url, lock_timeout_s=1)  # the app waits one second for the lock (a few, by default)
    before = reports_on_file(sample_db)
    app = CarsplusApp(db)
    try:
        async with signed_on(app) as pilot:
            screen = app.screen
            assert isinstance(screen, DamageEntryScreen)
            await type_field(pilot, "A0001310")
            await pilot.press("escape", *"12", "enter", *"CN777")  # F1 with the claim # typed, Enter not pressed
            await settle(pilot)
            with write_lock_held(url):
                await pilot.press("f1")
                await settle(pilot, 6)
                assert message(app).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
                assert app.screen is screen  # the screen and all that was typed are still there
                assert screen.field("ra_number").value == "A0001310"
                assert screen.field("renters_claim_number").value == "CN777"
                assert reports_on_file(sample_db) == before
            await pilot.press("f1")  # the lock is gone: the same key saves
            await settle(pilot, 6)
            while app.screen is not screen:  # the charges put on the RA, then the print questions: not now
                await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "escape")
                await settle(pilot)
            number = int(screen.query_one("#d-report-number").render().plain.strip())
    finally:
        db.dispose()
    assert reports_on_file(sample_db) == before + 1
    saved = load_report_data(sample_db, number)
    assert (saved.ra_number, saved.renters_claim_number) == ("A0001310", "CN777")


async def test_a_report_number_past_what_the_database_holds_is_a_message(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape", *"#9999999999", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert "9999999999" in message(app) and "NOT" in message(app), message(app)
