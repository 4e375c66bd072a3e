"""Helpers for driving the app with real keys (Textual's Pilot)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from carsplus_tui.tui.app import CarsplusApp

SIZE = (80, 24)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers finish and their results reach the screen (a worker's result may start another worker)."""
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        # A failed database call is a message on the screen (db_work); a worker is cancelled when its screen goes (the
        # sign-on's first-run notice, once signed on): wait for the others.
        except (WorkerFailed, WorkerCancelled):
            while any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in pilot.app.workers):
                await asyncio.sleep(0.01)
        await pilot.pause()


async def sign_on(pilot: Pilot, code: str = "DEMO", password: str = "demo") -> None:
    await pilot.press(*code, "enter", *password, "enter")
    await settle(pilot)


@asynccontextmanager
async def signed_on(app: CarsplusApp, code: str = "DEMO", password: str = "demo") -> AsyncIterator[Pilot]:
    """The app on an 80 x 24 terminal, signed on (page 1, or the question a draft asks, on the screen)."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, code, password)
        yield pilot


async def type_field(pilot: Pilot, text: str) -> None:
    """Type into the focused field and press Enter, then let lookups finish."""
    await pilot.press(*text, "enter")
    await settle(pilot)


def message(app: CarsplusApp) -> str:
    from carsplus_tui.tui.widgets.field import MessageLine

    return str(app.screen.query_one(MessageLine).render())


def screen_text(app: CarsplusApp) -> str:
    """What the top screen shows, as plain text lines (Textual's compositor; Textual is pinned exactly)."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


@pytest.fixture
def no_printer(monkeypatch: pytest.MonkeyPatch, tmp_path):  # noqa: ANN001, ANN201 - a Path
    """No printer set: every print is kept in the spool folder this returns (`Spool`, its real case)."""
    spool = tmp_path / "Spool"
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(spool))
    monkeypatch.delenv("CARSPLUS_PRINTER", raising=False)
    return spool


async def saved_to_the_print_questions(pilot: Pilot, ra: str = "A0001310") -> None:
    """A new report on `ra` typed on page 1 and F1: saved, the charges it put on the RA passed; the first print
    question is on the screen."""
    from carsplus_tui.tui.modals.prompt import YesNoPrompt

    await type_field(pilot, ra)
    await pilot.press("f1")
    await settle(pilot, 6)
    if not isinstance(pilot.app.screen, YesNoPrompt):  # the charges put on the RA are shown first
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, YesNoPrompt)


@pytest.fixture
def make_app(sample_db):  # noqa: ANN001, ANN201
    def make(**kwargs) -> CarsplusApp:  # noqa: ANN003
        return CarsplusApp(sample_db, **kwargs)

    return make


FIXED_NOW = datetime(2009, 7, 21, 9, 30)
