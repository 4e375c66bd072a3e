"""F1 saves what is on the screen at F1, even when the agent types on while the save runs (another terminal holds
the write lock, so the save is still waiting when the next keys arrive): the database gets the values of F1, the
later typing stays on the screen as an unsaved change, and the next F1 saves it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from textual.pilot import Pilot

from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui import typeahead
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.locks import write_lock_held
from tests.tui.conftest import SIZE, settle, sign_on


async def past_the_questions(pilot: Pilot) -> None:
    """The charges put on the RA and the print questions after a save: not now."""
    await settle(pilot, 6)
    while isinstance(pilot.app.screen, (YesNoPrompt, ChoiceModal)):
        await pilot.press("n" if isinstance(pilot.app.screen, YesNoPrompt) else "escape")
        await settle(pilot, 2)


# page, keys that open it, the field, keys typed before F1, its value saved at F1, keys typed after F1, the field
# shown after the save, its value saved by the next F1
CASES = {
    "page 1": (DamageEntryScreen, (*"A0001310", "enter"), "renters_claim_number",
               ("escape", *"12", "enter", *"CN777"), "CN777", ("escape", *"12", "enter", *"CN888"), "CN888", "CN888"),
    "page 2": (ClaimInfoScreen, ("escape", *"#17", "enter", "f8"), "goodwill_deduction",
               (*"12", "enter", *"100", "enter"), Decimal("100.00"), ("escape", *"12", "enter", *"250"), "250.00",
               Decimal("250.00")),
}


async def until(pilot: Pilot, shown: Callable[[], bool]) -> None:
    """Wait for what the screen shows (a minute at most)."""
    for _ in range(1200):
        if shown():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never showed it")


@pytest.mark.parametrize("case", CASES)
async def test_typing_on_after_f1_is_not_saved_and_not_lost(sample_db: Database, case: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    page, opening, path, before, at_f1, after, shown, then = CASES[case]
    typed_on = "".join(after[after.index("enter") + 1:])
    # Keys typed after F1 wait for the save (type-ahead) at most this long, then go on into the fields.
    monkeypatch.setattr(typeahead, "HOLD_LIMIT_SECONDS", 0.3)
    # The app waits long enough for the lock to be let go while the save is still waiting for it.
    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=30)
    app = CarsplusApp(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await sign_on(pilot)
            for key in opening:
                await pilot.press(key)
                await settle(pilot)
            screen = app.screen
            assert isinstance(screen, page)
            await pilot.press(*before)
            await settle(pilot)
            with write_lock_held(db):
                await pilot.press("f1", *after)  # the save waits for the lock while the agent types on
                await until(pilot, lambda: screen.field(path).value.strip() == typed_on)
                assert screen.editor.saving  # (the save is still waiting for the lock)
            await past_the_questions(pilot)
            assert app.screen is screen
            number = screen.editor.report_number
            assert number is not None
            assert getattr(load_report_data(sample_db, number), path) == at_f1  # what the screen showed at F1
            assert screen.field(path).value.strip() == shown  # the later typing is still there
            await pilot.press("f1")  # ... unsaved: the next F1 saves it (not "NOTHING TO SAVE")
            await past_the_questions(pilot)
        assert getattr(load_report_data(sample_db, number), path) == then
    finally:
        db.dispose()
